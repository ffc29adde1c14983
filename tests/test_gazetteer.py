"""Tests for kg.extract.gazetteer and the packaged data under kg/data/gazetteer."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.errors import ConfigError, InputError
from kg.extract.gazetteer import DEFAULT_DIR, GazEntry, Gazetteer, split_article


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def keys(entries: list[GazEntry]) -> list[str]:
    return [e.key for e in entries]


def first(gaz: Gazetteer, surface: str, lang: str) -> GazEntry:
    found = gaz.lookup(surface, lang)
    assert found, f"{surface!r} ({lang}) not found"
    return found[0]


def read_column(name: str, column: int = 0) -> list[str]:
    lines = (DEFAULT_DIR / name).read_text(encoding="utf-8").splitlines()[1:]
    return [line.split("\t")[column] for line in lines]


# --------------------------------------------------------------------- states
def test_capital_metonym_is_the_state_first(gaz: Gazetteer) -> None:
    top = first(gaz, "Moscou", "fr")
    assert (top.key, top.kind, top.form, top.iso2) == ("state/russia", "State", "capital", "RU")
    assert "place/moscow" in keys(gaz.lookup("Moscou", "fr"))   # the city is a candidate too
    assert first(gaz, "Pékin", "fr").key == "state/china"
    assert first(gaz, "Pekin", "fr").key == "state/china"      # accents normalised
    assert first(gaz, "Washington", "en").key == "state/united-states"
    assert first(gaz, "Moscow", "en").key == "state/russia"


@pytest.mark.parametrize("surface,key", [("russe", "state/russia"), ("russes", "state/russia"),
                                         ("chinois", "state/china"),
                                         ("chinoises", "state/china"),
                                         ("américaine", "state/united-states")])
def test_french_adjectives_all_inflections(gaz: Gazetteer, surface: str, key: str) -> None:
    top = first(gaz, surface, "fr")
    assert (top.key, top.form) == (key, "adjective")


def test_adjectives_lower_case_only_and_gentiles_capitalised(gaz: Gazetteer) -> None:
    assert first(gaz, "Russes", "fr").form == "gentile"
    assert gaz.lookup("russie", "fr") == []
    assert gaz.lookup("RUSSE", "fr")[0].form == "gentile"


def test_english_demonyms(gaz: Gazetteer) -> None:
    top = first(gaz, "Russian", "en")
    assert (top.iso2, top.form) == ("RU", "demonym")
    assert first(gaz, "Russians", "en").iso2 == "RU"
    assert gaz.lookup("russian", "en") == []
    assert gaz.lookup("china", "en") == []
    assert first(gaz, "Chinese", "en").iso2 == "CN"


def test_french_names_with_and_without_article(gaz: Gazetteer) -> None:
    for text in ("États-Unis", "les États-Unis", "Etats-Unis", "Etats Unis"):
        assert first(gaz, text, "fr").key == "state/united-states", text
    assert first(gaz, "la Russie", "fr").key == "state/russia"
    assert first(gaz, "l’Inde", "fr").key == "state/india"
    assert first(gaz, "l'Inde", "fr").key == "state/india"
    assert first(gaz, "Le Caire", "fr").key == "state/egypt"      # article inside the name
    assert split_article("les États-Unis", "fr") == ("les ", "États-Unis")
    assert split_article("Lesotho", "fr") == ("", "Lesotho")


def test_acronyms_are_case_sensitive(gaz: Gazetteer) -> None:
    assert first(gaz, "US", "en").key == "state/united-states"
    assert first(gaz, "US", "en").form == "acronym"
    assert gaz.lookup("us", "en") == []
    assert gaz.lookup("un", "fr") == []
    assert first(gaz, "ONU", "fr").key == "org/united-nations"
    assert first(gaz, "UN", "en").key == "org/united-nations"


def test_ambiguous_surfaces_return_every_candidate(gaz: Gazetteer) -> None:
    georgia = gaz.lookup("Georgia", "en")
    assert {"state/georgia", "place/georgia"} <= set(keys(georgia))
    assert georgia[0].key == "state/georgia"
    assert {e.iso2 for e in georgia} == {"GE", "US"}
    assert {"state/north-korea", "state/south-korea"} <= set(keys(gaz.lookup("Corée", "fr")))
    assert first(gaz, "Guinée", "fr").iso2 == "GN"


@pytest.mark.parametrize("surface,iso2", [
    ("Royaume-Uni", "GB"), ("Russie", "RU"), ("britannique", "GB"), ("russe", "RU"),
    ("Londres", "GB"), ("Iran", "IR"), ("Irak", "IQ"), ("Indonésie", "ID"),
    ("iranien", "IR"), ("irakien", "IQ"), ("Corée du Nord", "KP"), ("Corée du Sud", "KR"),
    ("Syrie", "SY"), ("Swaziland", "SZ"), ("Thaïlande", "TH"), ("Timor oriental", "TL"),
    ("Niger", "NE"), ("Nigeria", "NG"), ("Liban", "LB"), ("Liberia", "LR"),
    ("Mexique", "MX"), ("Micronésie", "FM"), ("Biélorussie", "BY"), ("Bhoutan", "BT")])
def test_no_prolex_iso_collision(gaz: Gazetteer, surface: str, iso2: str) -> None:
    assert [e.iso2 for e in gaz.lookup(surface, "fr") if e.kind == "State"] == [iso2]


@pytest.mark.parametrize("surface,iso2", [
    ("Taïwan", "TW"), ("Palestine", "PS"), ("Kosovo", "XK"), ("Soudan du Sud", "SS"),
    ("Macédoine du Nord", "MK"), ("Vatican", "VA"), ("Birmanie", "MM"), ("Myanmar", "MM"),
    ("Serbie", "RS"), ("Monténégro", "ME"), ("palestinien", "PS"), ("Kosovars", "XK")])
def test_hand_added_french_forms(gaz: Gazetteer, surface: str, iso2: str) -> None:
    assert first(gaz, surface, "fr").iso2 == iso2


def test_state_accessor(gaz: Gazetteer) -> None:
    assert gaz.state("RU").key == "state/russia"
    assert gaz.state("ru").label_fr == "Russie"
    assert gaz.state("USA").key == "state/united-states"
    assert gaz.state("state/china").iso2 == "CN"
    assert gaz.state("ZZ") is None
    assert gaz.state("HK").kind == "Place"                       # a territory


# ------------------------------------------------------------ seats and orgs
def test_seats_of_power(gaz: Gazetteer) -> None:
    for text, lang in (("Kremlin", "fr"), ("le Kremlin", "fr"), ("the Kremlin", "en")):
        top = first(gaz, text, lang)
        assert (top.kind, top.form, top.iso2) == ("Organization", "seat", "RU")
        assert top.key == "org/presidency-of-russia"
    assert first(gaz, "la Maison Blanche", "fr").iso2 == "US"
    assert first(gaz, "Maison-Blanche", "fr").key == first(gaz, "White House", "en").key
    assert first(gaz, "Quai d’Orsay", "fr").iso2 == "FR"
    brussels = keys(gaz.lookup("Bruxelles", "fr"))
    assert "state/belgium" in brussels and "org/european-union" in brussels


@pytest.mark.parametrize("surface,lang,key", [
    ("Nations unies", "fr", "org/united-nations"),
    ("Organisation des Nations unies", "fr", "org/united-nations"),
    ("Union européenne", "fr", "org/european-union"), ("UE", "fr", "org/european-union"),
    ("OTAN", "fr", "org/nato"), ("NATO", "en", "org/nato"),
    ("Union africaine", "fr", "org/african-union"),
    ("Conseil de sécurité de l'ONU", "fr", "org/united-nations-security-council"),
    ("Commission européenne", "fr", "org/european-commission"),
    ("Parlement européen", "fr", "org/european-parliament"),
    ("OMC", "fr", "org/world-trade-organization"),
    ("FMI", "fr", "org/international-monetary-fund"),
    ("Banque mondiale", "fr", "org/world-bank"), ("Ligue arabe", "fr", "org/arab-league"),
    ("Cour pénale internationale", "fr", "org/international-criminal-court"),
    ("AIEA", "fr", "org/international-atomic-energy-agency"),
    ("OMS", "fr", "org/world-health-organization"), ("G20", "fr", "org/g20"),
    ("APEC", "en", "org/asia-pacific-economic-cooperation"),
    ("North Atlantic Treaty Organization", "en", "org/nato")])
def test_international_organisations(gaz: Gazetteer, surface: str, lang: str, key: str) -> None:
    top = first(gaz, surface, lang)
    assert (top.key, top.kind) == (key, "Organization")


# ------------------------------------------------------------------- persons
def test_french_transliterations(gaz: Gazetteer) -> None:
    assert first(gaz, "Poutine", "fr").key == "person/vladimir-putin"
    assert first(gaz, "Vladimir Poutine", "fr").label_en == "Vladimir Putin"
    assert gaz.lookup("Poutine", "en") == []                       # French form only
    assert first(gaz, "Patrouchev", "fr").key == "person/nikolai-patrushev"
    assert first(gaz, "Netanyahou", "fr").iso2 == "IL"
    assert first(gaz, "Erdogan", "fr").key == first(gaz, "Erdoğan", "fr").key


def test_person_by_name_or_alias(gaz: Gazetteer) -> None:
    xi = first(gaz, "Xi Jinping", "fr")
    assert (xi.kind, xi.iso2) == ("Person", "CN")
    assert gaz.person("xi jinping").key == xi.key
    assert gaz.person("POUTINE").key == "person/vladimir-putin"
    assert gaz.person("Vladimir V. Putin").key == "person/vladimir-putin"
    assert gaz.person("Kim Jong-un").iso2 == "KP"
    assert gaz.person("Nobody Atall") is None


# -------------------------------------------------------------------- titles
def test_titles(gaz: Gazetteer) -> None:
    pres = gaz.title("président", "fr")
    assert pres is not None and (pres.normalized_en, pres.agent) == ("President", "GOV")
    assert gaz.title("Présidente", "fr").normalized_en == "President"
    assert gaz.title("le Premier ministre", "fr").normalized_en == "Prime Minister"
    assert gaz.title("secrétaire d’État", "fr").normalized_en == "Secretary of State"
    assert gaz.title("ambassadrice", "fr").agent == "DIP"
    assert gaz.title("chancelière", "fr").normalized_en == "Chancellor"
    assert gaz.title("ministre des Affaires étrangères", "fr").normalized_en == "Foreign Minister"
    assert gaz.title("Secretary of State", "en").normalized_en == "Secretary of State"
    assert gaz.title("spokesman", "en").normalized_en == "Spokesperson"
    assert gaz.title("foreign minister", "en").agent == "GOV"
    assert gaz.title("boulanger", "fr") is None
    assert any(t.surface == "porte-parole" for t in gaz.titles("fr"))


# ---------------------------------------------------------------- data sanity
def test_keys_unique_within_and_across_files() -> None:
    all_keys: list[str] = []
    for name in ("states.tsv", "places.tsv", "orgs.tsv", "persons.tsv"):
        file_keys = read_column(name)
        assert len(file_keys) == len(set(file_keys)), name
        all_keys += file_keys
    assert len(all_keys) == len(set(all_keys))
    iso2 = read_column("states.tsv", 1)
    assert len(iso2) == len(set(iso2))
    titles = list(zip(read_column("titles.tsv", 0), read_column("titles.tsv", 1)))
    assert len(titles) == len(set(titles))
    orgs = set(read_column("orgs.tsv"))
    seat_keys = set(read_column("seats.tsv", 5))
    assert all(k.startswith("org/") for k in seat_keys)
    assert not seat_keys & (set(all_keys) - orgs)               # only reuse org keys


def test_every_sovereign_state_has_french_name_and_keys_follow_scheme(gaz: Gazetteer) -> None:
    lines = (DEFAULT_DIR / "states.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        key, iso2, _iso3, name_en, name_fr, status = line.split("\t")[:6]
        if status == "sovereign":
            assert name_fr, iso2
            assert key.startswith("state/")
            assert gaz.state(iso2).key == key


def test_phrases_give_bare_forms(gaz: Gazetteer) -> None:
    fr = {(text, e.key) for text, e in gaz.phrases("fr")}
    assert ("Russie", "state/russia") in fr
    assert ("Etats-Unis", "state/united-states") in fr              # accent-free variant
    assert not any(text.startswith(("la ", "le ", "les ")) and key.startswith("state/")
                   for text, key in fr)
    en = {text for text, _ in gaz.phrases("en")}
    assert "Russian" in en and "russe" not in en


def test_missing_folder_and_malformed_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        Gazetteer.load(tmp_path / "nope")
    data = tmp_path / "gaz"
    shutil.copytree(DEFAULT_DIR, data)
    with (data / "orgs.tsv").open("a", encoding="utf-8") as fh:
        fh.write("org/broken\tonly two cells\n")
    with pytest.raises(InputError) as err:
        Gazetteer.load(data)
    assert err.value.line is not None and "orgs.tsv" in str(err.value)


def test_principal_of_a_release_by_publisher_and_day(gaz: Gazetteer) -> None:
    import datetime as dt

    def who(title: str, host: str | None, header: list[str], on: dt.date | None) -> str | None:
        term = gaz.principal(title, host, header, on)
        return term.person if term else None

    assert who("Secretary", "2009-2017.state.gov", [], dt.date(2011, 9, 26)) == "person/hillary-clinton"
    assert who("the Secretary".split()[1], "www.state.gov", [], dt.date(2014, 1, 17)) == "person/john-kerry"
    assert who("President", None, ["The White House"], dt.date(2017, 1, 19)) == "person/barack-obama"
    assert who("President", None, ["The White House"], dt.date(2017, 1, 20)) == "person/donald-trump"
    assert who("President", "obamawhitehouse.archives.gov", [], None) == "person/barack-obama"
    assert who("President", "www.whitehouse.gov", [], None) is None  # live site, no date: which one?
    assert who("President", "news.example.org", ["Reuters"], dt.date(2014, 1, 17)) is None
    assert who("Secretary", "evilstate.gov", [], dt.date(2014, 1, 17)) is None  # a suffix, not a substring
    assert who("Prime Minister", None, ["Prime Minister's Office, 10 Downing Street"],
               dt.date(2023, 5, 1)) == "person/rishi-sunak"


def test_office_terms_file_with_a_bad_date_is_a_clear_error(tmp_path: Path) -> None:
    work = tmp_path / "gaz"
    shutil.copytree(DEFAULT_DIR, work)
    rows = (work / "offices.tsv").read_text(encoding="utf-8").splitlines()
    rows[1] = rows[1].replace("1977-01-20", "1977-13-40")
    (work / "offices.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="offices.tsv.*bad date|bad date.*offices.tsv"):
        Gazetteer.load(work)
