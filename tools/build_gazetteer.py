#!/usr/bin/env python3
"""Build the packaged gazetteer (kg/data/gazetteer/*.tsv) from ../shared/gazetteer.

Stdlib only. Usage: ``python tools/build_gazetteer.py [SOURCE_DIR] [--out DIR]``.
Reads the licensed source files described in SOURCE_DIR/README.md, fixes their known
problems (Prolex ``+Iso`` tag collisions are resolved through the merged country table,
never used as ISO codes) and writes compact TSV files that ``kg.extract.gazetteer`` loads.
The hand-written tables are the ``HAND_*`` constants below: written for this project
from general knowledge and dedicated to the public domain (CC0 1.0).
"""
from __future__ import annotations

import argparse
import csv
import re
import shutil
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SRC = REPO.parent / "shared" / "gazetteer"
DEFAULT_OUT = REPO / "kg" / "data" / "gazetteer"

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gazetteer_tables import (  # noqa: E402  (tools/ is not a package)
    HAND_STATES,
    HAND_SOVEREIGN,
    HAND_REGION_TAG,
    HAND_REGION_FORM,
    HAND_REGION_SKIP,
    HAND_SLURS,
    HAND_OTHER_CAPITALS,
    HAND_CITY_EN,
    HAND_CAPITAL_SKIP,
    HAND_PLACES,
    HAND_PLACE_ISO,
    HAND_ORGS,
    HAND_ORGS_NEWS,
    HAND_PERSONS,
    HAND_TITLES_FR,
    HAND_TITLES_EN,
    HAND_SEATS,
    HAND_ORG_ALIASES,
    HAND_ORG_SKIP,
    HAND_SEAT_KEYS,
    HAND_OFFICES,
    HAND_HOUSES,
    HAND_PUBLISHERS,
)

# ---------------------------------------------------------------------------------------
# HAND-WRITTEN TABLES (CC0 1.0, written for this project from general knowledge).
# ---------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Strip accents and unify apostrophes/whitespace (used for de-duplication)."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("ʼ", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.split())


def slug(text: str) -> str:
    """ASCII slug: 'États-Unis' -> 'etats-unis'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")


def uniq(items: list[str] | set[str]) -> list[str]:
    """Order-preserving de-duplication on the folded form; empties dropped."""
    seen: set[str] = set()
    out = []
    for item in items:
        item = " ".join(item.split())
        if item and fold(item) not in seen:
            seen.add(fold(item))
            out.append(item)
    return out


def split(value: str | None, sep: str = "|") -> list[str]:
    """Split a multi-valued cell."""
    return [v.strip() for v in (value or "").split(sep) if v.strip()]


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Read a TSV file with a header row."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def write_tsv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """Write a TSV file; multi-valued cells are already joined with '|'."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(header) + "\n")
        for row in rows:
            cells = ["|".join(c) if isinstance(c, list) else (c or "") for c in row]
            if any("\t" in c or "\n" in c for c in cells):
                raise ValueError(f"{path.name}: tab or newline in {cells}")
            fh.write("\t".join(cells) + "\n")
    print(f"{path.name}: {len(rows)} rows")


# ---------------------------------------------------------------------------------------
# Prolex (French names, capitals, adjectives, gentilés)
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Prolex:
    """One DELA line of Prolex-PaysCapitales."""

    form: str
    lemma: str
    cat: str        # "A" adjective, "N" noun, "PFX" prefix
    human: bool     # gentilé (N+Hum)
    level: str      # "Pays" | "Ville" | "Region"
    tag: str        # the raw +Iso tag (NOT an ISO code)


def read_prolex(path: Path) -> list[Prolex]:
    """Parse the DELA dictionary lines."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        form, rest = line.split(",", 1)
        lemma, codes = rest.split(".", 1)
        feats = codes.split(":")[0].split("+")
        level = next((f for f in feats if f in ("Pays", "Ville", "Region")), "")
        tag = next((f for f in feats if f.startswith("Iso")), "")
        out.append(Prolex(form, lemma or form, feats[0], "Hum" in feats, level, tag))
    return out


# ---------------------------------------------------------------------------------------
# More hand-written tables (CC0 1.0): organisations, leaders' French forms, titles, seats.
# ---------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------
# CAMEO / PETRARCH2 actor and agent dictionaries
# ---------------------------------------------------------------------------------------

CODE_RE = re.compile(r"\[([^\]]*)\]")


@dataclass
class CameoRecord:
    """A primary phrase, its '+' synonyms and all its (dated) codes."""

    names: list[str]
    tagged: bool                     # CountryInfo.txt / IGOrulers.txt leader entry
    codes: list[str] = field(default_factory=list)


def tokens(name: str) -> list[str]:
    """CAMEO phrase -> upper-case tokens ('VLADIMIR_V._PUTIN_' -> [VLADIMIR, V., PUTIN])."""
    return [t for t in re.split(r"[_\s]+", name.strip("_ +").upper()) if t]


def read_cameo(path: Path) -> list[CameoRecord]:
    """Parse an actor file into records; code-less records merge into the next one
    when it repeats their last token (CountryInfo splits one leader over several lines)."""
    records: list[CameoRecord] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body, _, comment = raw.partition("#")
        if not body.strip():
            continue
        codes = [c.strip() for c in CODE_RE.findall(body) if c.strip()]
        name = CODE_RE.sub(" ", body).strip()
        if raw[:1] in " \t" and body.strip().startswith("["):
            if records:
                records[-1].codes.extend(codes)
            continue
        tagged = "CountryInfo" in comment or "IGOrulers" in comment
        if name.startswith("+") and records:
            records[-1].names.append(name[1:].strip())
            records[-1].tagged |= tagged
            records[-1].codes.extend(codes)
            continue
        records.append(CameoRecord([name.lstrip("+").strip()], tagged, codes))
    kept: list[CameoRecord] = []
    for rec in reversed(records):
        own = {t for t in tokens(rec.names[0]) if len(t) > 3 and t not in TITLE_WORDS}
        nxt = kept[-1] if kept else None
        if nxt and not rec.codes and own & {t for n in nxt.names for t in tokens(n)}:
            nxt.names[:0] = rec.names
            nxt.tagged |= rec.tagged
        else:
            kept.append(rec)
    return kept[::-1]


#: Words stripped from the front of CAMEO person phrases ("RUSSIAN_PRESIDENT_V._PUTIN").
TITLE_WORDS = set("""
PRESIDENT VICE VICE-PRESIDENT PRIME MINISTER PREMIER FOREIGN DEFENSE DEFENCE INTERIOR FINANCE
SECRETARY SECRETARY-GENERAL GENERAL SEC. GEN. LT. LT COL. COL MAJ. MAJOR CAPT. CAPTAIN
ADMIRAL ADM. MARSHAL FIELD COMMANDER CHIEF DEPUTY FORMER EX- EX ACTING INTERIM KING QUEEN
PRINCE PRINCESS CROWN SHEIKH SHEIK SHAIKH EMIR AMIR SULTAN EMPEROR AYATOLLAH GRAND
HOJATOLISLAM HOJJATOLESLAM SAYYED SAYYID SAYED MULLAH IMAM CLERIC DR. DR MR. MR MRS. MRS MS.
MS SIR LORD LADY BARON DAME SENATOR SEN. REP. REPRESENTATIVE CONGRESSMAN CONGRESSWOMAN
GOVERNOR GOV. MAYOR AMBASSADOR ENVOY SPOKESMAN SPEAKER CHAIRMAN CHANCELLOR BUNDESKANZLER
LEADER SUPREME PARTY COMMUNIST SOVIET OPPOSITION US U.S. UN U.N. UNITED NATIONS STATES OF THE
STATE AFFAIRS HOMELAND SECURITY NATIONAL ADVISER AND PRESIDENT-ELECT EX-SOVIET MILITARY
STRONGMAN DICTATOR PRESIDENTIAL CANDIDATE REBEL
""".split())

PARTICLES = {"AL", "EL", "BIN", "BEN", "IBN", "BINT", "DE", "DA", "DI", "DOS", "DAS", "DO",
             "DU", "DEL", "DELLA", "VAN", "VON", "DER", "DEN", "LA", "LE", "UL", "UD"}


def _cap(part: str, lower_particle: bool) -> str:
    if lower_particle and part in PARTICLES:
        return part.lower()
    if part.startswith("MC") and len(part) > 3:
        return "Mc" + part[2:].capitalize()
    if len(part) > 2 and part[1] == "'":
        return part[:2].upper() + part[2:].capitalize()
    return part.capitalize()


def title_case(toks: list[str]) -> str:
    """['BASHAR', 'AL-ASSAD'] -> 'Bashar al-Assad'."""
    words = []
    for i, tok in enumerate(toks):
        parts = tok.split("-")
        words.append("-".join(_cap(p, i > 0 or (j < len(parts) - 1 and i > 0))
                              for j, p in enumerate(parts)))
    return " ".join(words)


def dates(code: str) -> tuple[list[int], bool]:
    """Years mentioned in a dated code and whether it is open-ended ('>YYMMDD')."""
    years = []
    for d in re.findall(r"\d{6,8}", code):
        y = int(d[:4]) if len(d) == 8 else int(d[:2])
        years.append(y if len(d) == 8 else (1900 + y if y >= 30 else 2000 + y))
    return years, ">" in code


def read_agents(path: Path) -> list[tuple[str, str]]:
    """(phrase, code) pairs of the agents file, substitution sets expanded."""
    subst = {"!MINIST!": ["MINISTER"], "!PERSON!": ["MAN", "WOMAN", "PERSON"]}
    out = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = raw.partition("#")[0].strip()
        m = re.match(r"^([^\[{]+?)\s*(\{[^}]*\})?\s*\[~?([A-Z]+)\]", body)
        if not m or "=" in body:
            continue
        phrases = [m.group(1)]
        for key, values in subst.items():
            phrases = [p.replace(key, v) for p in phrases for v in (values if key in p else [""])]
        out.extend((p, m.group(3)) for p in phrases if "!" not in p)
    return out


# ---------------------------------------------------------------------------------------
# States
# ---------------------------------------------------------------------------------------

STATE_COLS = ["names_en", "names_fr", "capitals_en", "capitals_fr", "adjectives_fr",
              "demonyms_en", "gentiles_fr"]
FORMAL_EN = set("""Republic Kingdom State States Federation Federal Islands Island Democratic
People's Commonwealth Union Principality Sultanate Emirates Confederation Grand Duchy United
Independent Co-operative Socialist Islamic Arab Hashemite Plurinational Bolivarian Territory
Bailiwick""".split())


@dataclass
class State:
    """One row of states.tsv while it is being assembled."""

    iso2: str
    iso3: str
    name_en: str
    name_fr: str = ""
    status: str = "territory"
    cols: dict[str, list[str]] = field(default_factory=lambda: {c: [] for c in STATE_COLS})


def latin(text: str) -> bool:
    """True for Latin-1 text (rejects transliterations with macrons and other scripts)."""
    return all(ord(c) < 256 or c in "’" for c in text)


def english_alt_ok(name: str) -> bool:
    """Keep formal English alternative names ('Russian Federation'), not native ones."""
    if any(c in name for c in ",()[]/") or not latin(name):
        return False
    words = name.split()
    return len(words) > 1 and any(w in FORMAL_EN for w in words)


def french_name(name: str) -> str:
    """'Saint-Siège (état de la cité du Vatican)' -> 'Saint-Siège'; "L'État de X" -> 'État de X'."""
    name = re.sub(r"\s*\(.*?\)", "", name).strip()
    return name[2:] if name.startswith(("L'", "L’")) else name


def en_plurals(demonym: str) -> list[str]:
    """English demonym and its plural ('Russian' -> Russians; 'Chinese' stays)."""
    if demonym.endswith(("ese", "ss", "sh", "i-Kiribati", "Vanuatu", "tswana")) or demonym in (
            "French", "Dutch", "Swiss", "Thai", "Lao"):
        return [demonym]
    return [demonym, demonym + "s"]


def build_states(src: Path, prolex: list[Prolex]) -> dict[str, State]:
    """Join countryinfo, pycountry and Prolex (through the merged table) per ISO code."""
    states: dict[str, State] = {}
    merged = read_tsv(src / "countries_fr_en_merged.tsv")
    pyc = {r["iso2"]: r for r in read_tsv(src / "pycountry_fr" / "iso3166-1_en_fr.tsv")}
    country_tags: dict[str, set[str]] = defaultdict(set)   # Prolex country form -> tags
    for p in prolex:
        if p.level == "Pays" and p.cat == "N" and not p.human:
            country_tags[p.form].add(p.tag)
    for row in merged:
        st = states.get(row["iso2"]) or states.setdefault(
            row["iso2"], State(row["iso2"], row["iso3"], row["name_en"]))
        c = st.cols
        prolex_forms = split(row["prolex_country_forms_fr"])
        if prolex_forms:
            st.status = "sovereign"
            st.name_fr = st.name_fr or next((f for f in prolex_forms if len(f) > 3), "")
        c["names_en"] += [re.sub(r"^the ", "", a) for a in [row["name_en"]]
                          + split(row["alt_names_en"]) if english_alt_ok(a)
                          or (a == row["name_en"] and "," not in a and "(" not in a)]
        c["names_fr"] += [french_name(n) for n in split(row["names_fr"]) if "," not in n]
        c["names_fr"] += [f for f in prolex_forms if len(f) > 3]
        c["capitals_en"] += [x.strip(" '[]") for x in re.split(r" / ", row["capital_en"])]
        c["capitals_fr"] += split(row["capital_fr"])
        c["demonyms_en"] += [d for x in re.split(r"[,/]", row["demonym_en"]) if x.strip()
                             for d in en_plurals(x.strip())]
        # Inflected adjectives / gentilés: Prolex lines whose lemma the merged table gives
        # for this ISO *and* whose tag is the tag of this country's Prolex name.
        tags = {t for f in prolex_forms for t in country_tags.get(f, ())}
        adj, gent = set(split(row["adjectives_fr"])), set(split(row["gentiles_fr"]))
        for p in prolex:
            if p.level == "Pays" and p.tag in tags and p.form not in HAND_SLURS:
                if p.cat == "A" and p.lemma in adj:
                    c["adjectives_fr"].append(p.form)
                elif p.cat == "N" and p.human and p.lemma in gent:
                    c["gentiles_fr"].append(p.form)
    for iso2, row in pyc.items():
        if iso2 in states:
            st = states[iso2]
            st.cols["names_en"] += [re.sub(r"^the ", "", n) for n in (
                row["name_en"], row["official_name_en"], row["common_name_en"])
                if n and "," not in n and "(" not in n]
            st.cols["names_fr"] += [french_name(n) for n in (row["name_fr"],
                                    row["official_name_fr"], row["common_name_fr"])
                                    if n and "," not in n]
    apply_state_fixes(states)
    finish_states(states)
    return states


def apply_state_fixes(states: dict[str, State]) -> None:
    """Apply HAND_STATES (CC0)."""
    for line in HAND_STATES.strip().splitlines():
        iso2, fld, values = line.split("\t")
        st = states.setdefault(iso2, State(iso2, "", ""))
        vals = split(values)
        if fld in ("name_en", "name_fr", "status", "iso3"):
            setattr(st, fld, values)
        elif fld[0] == "+":
            st.cols[fld[1:]] += vals
        elif fld[0] == "-":
            drop = {fold(v) for v in vals}
            st.cols[fld[1:]] = [v for v in st.cols[fld[1:]] if fold(v) not in drop]
    for iso2 in HAND_SOVEREIGN:
        states[iso2].status = "sovereign"


def finish_states(states: dict[str, State]) -> None:
    """Fallback capitals, de-duplication, and territory forms that shadow a state's."""
    for st in states.values():
        c = st.cols
        for col, name in (("names_en", st.name_en), ("names_fr", st.name_fr)):
            bare = french_name(name)
            if bare and "," not in bare:
                c[col].insert(0, bare)
        if st.status != "sovereign":
            c["capitals_en"], c["capitals_fr"] = [], []
        elif not c["capitals_fr"]:
            c["capitals_fr"] = [x for x in c["capitals_en"] if latin(x) and "City" not in x
                                and " of " not in x and x != st.name_en]
        for col in STATE_COLS:
            vals = uniq(c[col])
            if col.startswith("capitals"):
                names = {fold(n) for n in c["names_" + col[-2:]]}
                vals = [v for v in vals if fold(v) not in names and v not in HAND_CAPITAL_SKIP]
            c[col] = vals
        st.name_fr = st.name_fr or (c["names_fr"][0] if c["names_fr"] else "")
    sovereign_forms = {fold(f) for st in states.values() if st.status == "sovereign"
                       for col in ("demonyms_en", "adjectives_fr", "gentiles_fr")
                       for f in st.cols[col]}
    for st in states.values():
        if st.status != "sovereign":
            for col in ("demonyms_en", "adjectives_fr", "gentiles_fr"):
                st.cols[col] = [f for f in st.cols[col] if fold(f) not in sovereign_forms]


def state_key(st: State) -> str:
    """'state/<slug of the English name>'; dependent territories are 'place/<slug>'."""
    return ("place/" if st.status == "territory" else "state/") + slug(st.name_en)


# ---------------------------------------------------------------------------------------
# Places (capital cities, other Prolex cities, regions), seats of power
# ---------------------------------------------------------------------------------------


@dataclass
class Place:
    """One row of places.tsv."""

    key: str
    name_en: str
    name_fr: str
    iso2: str
    kind: str
    names_en: list[str] = field(default_factory=list)
    names_fr: list[str] = field(default_factory=list)


def build_places(states: dict[str, State], prolex: list[Prolex]) -> list[Place]:
    """Capitals of sovereign states, remaining Prolex cities and regions, US states."""
    places: dict[str, Place] = {}
    by_fr: dict[str, Place] = {}

    def add(pl: Place) -> None:
        if pl.key in places:       # same slug: merge (same city under two spellings)
            old = places[pl.key]
            old.names_en = uniq(old.names_en + pl.names_en)
            old.names_fr = uniq(old.names_fr + pl.names_fr)
            pl = old
        places[pl.key] = pl
        for n in pl.names_fr:
            by_fr.setdefault(fold(n), pl)

    for st in states.values():
        en, fr = st.cols["capitals_en"], st.cols["capitals_fr"]
        if st.status != "sovereign" or not (en or fr):
            continue
        # French lists may name a second seat (Le Cap|Pretoria): that one is its own city.
        main_fr = [f for f in fr if f not in HAND_OTHER_CAPITALS]
        name_en = en[0] if en else main_fr[0]
        add(Place("place/" + slug(name_en), name_en, main_fr[0] if main_fr else name_en,
                  st.iso2, "capital", list(en), main_fr))
        for other in fr:
            if other in HAND_OTHER_CAPITALS:
                other_en = HAND_OTHER_CAPITALS[other]
                add(Place("place/" + slug(other_en), other_en, other, st.iso2, "city",
                          [other_en], [other]))
    for line in HAND_PLACES.strip().replace("\n", ";").split(";"):
        en_name, fr_name = line.split("|")
        iso2 = HAND_PLACE_ISO.get(en_name, "US")
        kind = "nation" if iso2 == "GB" else "region"
        add(Place("place/" + slug(en_name), en_name, fr_name, iso2, kind, [en_name], [fr_name]))
    known_tags = tag_isos(states, prolex)
    for p in prolex:
        if p.cat != "N" or p.human or p.level not in ("Ville", "Region"):
            continue
        if p.form in HAND_REGION_SKIP or fold(p.form) in by_fr:
            continue
        iso2 = HAND_REGION_FORM.get(p.form) or HAND_REGION_TAG.get(p.tag) \
            or (next(iter(known_tags[p.tag])) if len(known_tags.get(p.tag, ())) == 1 else "")
        if not iso2:
            print(f"warning: no ISO code for Prolex {p.level} {p.form!r} ({p.tag})")
            continue
        kind = "city" if p.level == "Ville" else "region"
        en_name = HAND_CITY_EN.get(p.form, p.form)
        add(Place("place/" + slug(en_name), en_name, p.form, iso2, kind,
                  [en_name] if p.form in HAND_CITY_EN else [], [p.form]))
    return list(places.values())


def tag_isos(states: dict[str, State], prolex: list[Prolex]) -> dict[str, set[str]]:
    """Prolex +Iso tag -> the ISO codes of the countries that carry it (often several)."""
    iso_of = {fold(n): st.iso2 for st in states.values() if st.status == "sovereign"
              for n in st.cols["names_fr"]}
    out: dict[str, set[str]] = defaultdict(set)
    for p in prolex:
        if p.level == "Pays" and p.cat == "N" and not p.human and fold(p.form) in iso_of:
            out[p.tag].add(iso_of[fold(p.form)])
    return out


def build_seats(src: Path, orgs_by_name: dict[str, str]) -> list[list[str]]:
    """Seats of power from metonyms_seats_of_power.tsv (+ a few CC0 variants)."""
    rows = read_tsv(src / "metonyms_seats_of_power.tsv")
    by_surface = {r["surface_form"]: r for r in rows}
    for line in HAND_SEATS.strip().splitlines():
        surface, lang, same_as = line.split("|")
        rows.append({**by_surface[same_as], "surface_form": surface, "lang": lang, "note": ""})
    out = []
    for r in rows:
        refers = r["refers_to"].strip()
        bare = re.sub(r"\s*\(.*?\)", "", refers)
        key = HAND_SEAT_KEYS.get(refers) or orgs_by_name.get(fold(bare).lower()) \
            or "org/" + slug(bare)
        for lang in split(r["lang"], ","):
            if lang in ("fr", "en"):
                ctx = "yes" if "context-dependent" in r["note"] else "no"
                out.append([r["surface_form"].strip(), lang, refers, r["iso2"].strip(),
                            r["kind"].strip(), key, ctx])
    return out


# ---------------------------------------------------------------------------------------
# International organisations
# ---------------------------------------------------------------------------------------

ORG_ALIAS_STOP = set("""PRESIDENT SECRETARY SECRETARY-GENERAL SECY SEC. GEN GEN. CHIEF HEAD
CHAIRMAN DIRECTOR SPOKESMAN OFFICIAL OFFICIALS COUNTRIES MEMBERS MEMBER MINISTERS TROOPS
FORCES FORCE MONITOR MONITORS PEACEKEEPER PEACEKEEPERS ENVOY REPRESENTATIVE DELEGATION STAFF
MISSION PROJECT TO IN OBSERVERS OBSERVER SUMMIT REPORT NETWORK BOOK CONTINGENT UNSCR WB""".split())
SMALL_WORDS = {"of", "the", "and", "for", "on", "in", "to", "de", "du", "des", "la", "le"}
ORG_WORDS = set("""ORGANIZATION ORGANISATION AGENCY FUND BANK COUNCIL COMMISSION COURT TRIBUNAL
PROGRAMME PROGRAM UNION ASSOCIATION COMMUNITY LEAGUE FORUM PANEL OFFICE INSTITUTE COMMITTEE
ASSEMBLY PARLIAMENT SECRETARIAT AUTHORITY FEDERATION PARTNERSHIP TREATY ALLIANCE""".split())


ACRONYM_WORDS = {"UN", "EU", "US", "UK", "AU", "G7", "G8", "G20"}


def org_phrase(name: str) -> tuple[str, bool]:
    """CAMEO org phrase -> (display form, is_acronym)."""
    toks = tokens(name)
    if toks and toks[0] == "THE":
        toks = toks[1:]
    if len(toks) == 1 and (len(toks[0]) <= 5 or "." in toks[0]):
        return toks[0], True
    words = [t if t in ACRONYM_WORDS or "." in t else
             t.lower() if t.lower() in SMALL_WORDS and i else t.capitalize()
             for i, t in enumerate(toks)]
    return " ".join(words), False


def unqualified(name: str) -> str:
    """A name without its qualifier, or "" when it has one: "Socialist Party (France)" is the key and
    label of a body whose bare name is shared with others, so the bare name is not a surface."""
    return "" if name.endswith(")") else name


def label(name: str) -> str:
    """"Socialist Party (France)" -> "Socialist Party"."""
    return re.sub(r"\s*\(.*?\)", "", name)


def news_orgs() -> list[list[str]]:
    """HAND_ORGS_NEWS in HAND_ORGS's columns: name_en, name_fr, names en ;, names fr ;, acronyms en ;,
    acronyms fr ;, kind (a form prefixed "en:" or "fr:" goes to one language; capitals are acronyms)."""
    out = []
    for line in HAND_ORGS_NEWS.strip().splitlines():
        name_en, name_fr, forms, kind = line.split("|")
        cols: dict[tuple[str, bool], list[str]] = {(lang, acr): [] for lang in ("en", "fr") for acr in (False, True)}
        for form in split(forms, ";"):
            lang, _, bare = form.partition(":") if form[:3] in ("en:", "fr:") else ("", "", form)
            acronym = bare.replace(".", "").replace("-", "").replace("&", "").isupper() and " " not in bare
            for lg in ([lang] if lang else ["en", "fr"]):
                cols[(lg, acronym)].append(bare)
        out.append([name_en, name_fr, ";".join(cols[("en", False)]), ";".join(cols[("fr", False)]),
                    ";".join(cols[("en", True)]), ";".join(cols[("fr", True)]), kind])
    return out


def build_orgs(records: list[CameoRecord]) -> list[list[str]]:
    """HAND_ORGS (English and French names) enriched with CAMEO International synonyms,
    plus other intergovernmental bodies of the CAMEO file (English only)."""
    index: dict[str, list[CameoRecord]] = defaultdict(list)
    for rec in records:
        for n in rec.names:
            index[fold(org_phrase(n)[0]).lower()].append(rec)
    rows, used = [], set()
    hand = [line.split("|") for line in HAND_ORGS.strip().splitlines()]
    for name_en, name_fr, en, fr, acr_en, acr_fr, kind in hand + news_orgs():
        key, label_en, label_fr = "org/" + slug(name_en), label(name_en), label(name_fr)
        en_l = [n for n in [unqualified(name_en)] if n] + split(en, ";")
        fr_l = [n for n in [unqualified(name_fr)] if n] + split(fr, ";")
        acr_en_l, acr_fr_l = split(acr_en, ";"), split(acr_fr, ";")
        for form in list(en_l) + list(acr_en_l):
            for rec in index.get(fold(form).lower(), []):
                used.add(id(rec))
                for n in rec.names:
                    if ORG_ALIAS_STOP & set(tokens(n)):
                        continue
                    phrase, is_acr = org_phrase(n)
                    (acr_en_l if is_acr else en_l).append(phrase)
        rows.append([key, label_en, label_fr, uniq(en_l), uniq(fr_l),
                     uniq(acr_en_l), uniq(acr_fr_l), kind, "hand+cameo"])
    by_name = {r[1]: r for r in rows}
    known = {fold(f).lower(): r for r in rows for col in (3, 5) for f in r[col]}
    for rec in records:
        if id(rec) in used or not any(c.startswith("IGO") for c in rec.codes):
            continue
        toks = tokens(rec.names[0])
        if not ORG_WORDS & set(toks) or ORG_ALIAS_STOP & set(toks) or "," in rec.names[0] \
                or any(t.endswith("-BASED") for t in toks):
            continue
        phrase, _ = org_phrase(rec.names[0])
        canon = HAND_ORG_ALIASES.get(phrase, phrase)
        if canon in HAND_ORG_SKIP:
            continue
        forms, acrs = [phrase], []
        for n in rec.names[1:]:
            if not ORG_ALIAS_STOP & set(tokens(n)):
                alias, is_acr = org_phrase(n)
                (acrs if is_acr else forms).append(alias)
        row = by_name.get(canon) or known.get(fold(canon).lower())
        if row is None:
            row = ["org/" + slug(canon), canon, "", [canon], [], [], [], "igo", "cameo"]
            rows.append(row)
            by_name[canon] = row
        row[3] = uniq(row[3] + forms)
        row[5] = uniq(row[5] + acrs)
        known.update((fold(f).lower(), row) for f in row[3] + row[5])
    return rows


# ---------------------------------------------------------------------------------------
# Persons
# ---------------------------------------------------------------------------------------

NON_PERSON = set("""OF THE AND FOR ADMINISTRATION GOVERNMENT REGIME CABINET MINISTRY COUNCIL
COMMITTEE COMMISSION PARTY ARMY FORCE FORCES POLICE GUARD GUARDS BUREAU PALACE HOUSE ASSEMBLY
PARLIAMENT CONGRESS SENATE COURT AGENCY SERVICE DEPARTMENT OFFICE UNION FRONT MOVEMENT LEAGUE
BANK REPUBLIC KINGDOM FEDERATION FEDERAL ISLAMIC DEMOCRATIC SOCIALIST REVOLUTIONARY BRIGADE
BRIGADES CORPS NAVY INTELLIGENCE AUTHORITY INSTITUTE UNIVERSITY COMPANY CORPORATION NEWS
TIMES TV RADIO PRESS ORGANIZATION ASSOCIATION FOUNDATION FUND CENTER CENTRE PROVINCE CITY
REGION DISTRICT ISLAND ISLANDS RIVER LAKE SUPPORTERS LOYALISTS FAMILY CAMP TRIBE CLAN DUMA
JUNTA EMBASSY MINISTERS MEMBERS OFFICIALS GROUP ALLIANCE COALITION SFSR REPUBLICS CONFERENCE
DYNASTY SUMMIT TREATY AIRLINES AIRWAYS TROOPS REBELS SOLDIERS OFFICERS CHAMBER COMMAND
AUTHORITIES DIVISION UNIT POLITBURO SECRETARIAT""".split())
ROLE_CODES = set("""GOV ELI MIL LEG JUD OPP PTY COP SPY MED REB BUS CVL EDU HLH LAB AGR DEV
HRI ENV REL REF UAF MOD RAD INS SEP CRM""".split())
NAME_TOKEN = re.compile(r"[A-Z][A-Z.'\-]*")


def person_tokens(name: str, strip: set[str]) -> list[str] | None:
    """Title-stripped name tokens, or None when the phrase is not a person's name."""
    toks = tokens(fold(name))
    while toks and toks[0] in strip:
        toks = toks[1:]
    if not toks or NON_PERSON & set(toks) or "," in name:
        return None
    if not all(NAME_TOKEN.fullmatch(t) for t in toks):
        return None
    return toks


@dataclass
class Person:
    """One row of persons.tsv while it is being assembled."""

    name: str
    iso2: str
    aliases: list[str] = field(default_factory=list)
    name_fr: str = ""
    aliases_fr: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    source: str = "cameo"


def cameo_persons(records: list[CameoRecord], iso_of: dict[str, str],
                  strip: set[str]) -> list[Person]:
    """Leaders (CountryInfo/IGOrulers entries) and other clearly person-shaped entries."""
    out = []
    for rec in records:
        codes = [c.split()[0] for c in rec.codes if c.split() and c.split()[0] != "---"]
        if not any(c[3:6] in ROLE_CODES or c.startswith("IGO") for c in codes):
            continue            # a country or region record, not a person
        dated = any(re.search(r"\d{6}", c) for c in rec.codes)
        titled = any(tokens(n)[:1] and tokens(n)[0] in strip for n in rec.names[1:])
        main = person_tokens(rec.names[0], strip)
        if not main or len(main) < 2 or len(main) > 6 or not codes:
            continue
        if not (rec.tagged or dated or titled) or all(len(t.rstrip(".")) == 1 for t in main):
            continue
        name = title_case(main)
        aliases = []
        for n in rec.names[1:]:
            toks = person_tokens(n, strip)
            if toks and (len(toks) > 1 or (len(toks[0]) > 3 and toks[0] in main)):
                aliases.append(title_case(toks))
        countries = [iso_of.get(c[:3], "") for c in codes]
        iso2 = max(set(countries), key=lambda x: (bool(x), countries.count(x), x))
        out.append(Person(name, iso2, aliases, codes=list(rec.codes)))
    return out


def merge_persons(persons: list[Person]) -> dict[str, Person]:
    """Key = person/<slug>; same name and country merge, homonyms get an ISO suffix."""
    out: dict[str, Person] = {}
    for p in persons:
        key = "person/" + slug(p.name)
        if key in out and out[key].iso2 != p.iso2:
            key = f"{key}-{(p.iso2 or 'igo').lower()}"
        if key in out:
            old = out[key]
            old.aliases += p.aliases
            old.codes += p.codes
        else:
            out[key] = p
    return out


def apply_hand_persons(persons: dict[str, Person]) -> dict[str, Person]:
    """HAND_PERSONS: canonical (Wikipedia-style) names, French forms, CAMEO data merged."""
    by_form: dict[str, list[str]] = defaultdict(list)
    for key, p in persons.items():
        for n in [p.name] + p.aliases:
            if len(n.split()) > 1:
                by_form[fold(n).lower()].append(key)
    for line in HAND_PERSONS.strip().splitlines():
        name, iso2, roles, fr, en = line.split("|")
        hand = Person(name, iso2, split(en, ";"), source="hand+cameo")
        fr_forms = split(fr, ";")
        hand.name_fr = next((f for f in fr_forms if len(f.split()) > 1), "")
        hand.aliases_fr = fr_forms
        for form in [name] + hand.aliases:
            for key in by_form.get(fold(form).lower(), []):
                p = persons.get(key)
                if p is not None and p.iso2 in (iso2, ""):
                    hand.aliases += [p.name] + p.aliases
                    hand.codes += p.codes
                    del persons[key]
        if not hand.codes:
            hand.source = "hand"
            hand.codes = [roles]
        persons["person/" + slug(name)] = hand
    return persons


def person_row(key: str, p: Person, cameo_iso: dict[str, str]) -> list:
    """persons.tsv row: key, name, name_fr, aliases, aliases_fr, iso2, roles, cameo codes,
    first_year, last_year (empty = open-ended or unknown)."""
    roles, years, open_end, codes = [], [], False, []
    for c in p.codes:
        code = c.split()[0] if c.split() else ""
        codes.append(code)
        rest = "IGO" if code.startswith("IGO") else code[3:] if code[:3] in cameo_iso else code
        roles += [rest[i:i + 3] for i in range(0, len(rest), 3) if len(rest[i:i + 3]) == 3]
        ys, op = dates(c)
        years += ys
        open_end |= op
    aliases = [a for a in uniq(p.aliases) if fold(a).lower() != fold(p.name).lower()]
    first = str(min(years)) if years else ""
    last = "" if open_end or not years else str(max(years))
    return [key, p.name, p.name_fr, aliases, uniq(p.aliases_fr), p.iso2,
            uniq(r for r in roles if r != "---"), uniq(codes), first, last, p.source]


# ---------------------------------------------------------------------------------------
# Titles
# ---------------------------------------------------------------------------------------

PERSON_HEADS = set("""MINISTER SECRETARY PRESIDENT PREMIER CHANCELLOR AMBASSADOR ENVOY EMISSARY
DIPLOMAT CONSUL LEGATE KING QUEEN PRINCE PRINCESS EMIR AMIR SULTAN EMPEROR EMPRESS MONARCH
GOVERNOR MAYOR SENATOR LAWMAKER LEGISLATOR MP CONGRESSMAN CONGRESSWOMAN PARLIAMENTARIAN
SPEAKER JUDGE PROSECUTOR GENERAL ADMIRAL COMMANDER MARSHAL COLONEL OFFICIAL SPOKESMAN
SPOKESWOMAN SPOKESPERSON ADVISER ADVISOR CHAIRMAN CHAIRWOMAN CHAIRPERSON DIRECTOR LEADER
CHIEF DICTATOR DESPOT AUTOCRAT AIDE NEGOTIATOR COMMISSIONER REGENT RULER BUREAUCRAT
DELEGATE STATESMAN POLITICIAN GENERALISSIMO""".split())
AGENT_CLASSES = ("GOV", "MIL", "LEG", "JUD", "ELI", "PTY", "SPY", "OPP", "COP")
DIP_HEADS = {"AMBASSADOR", "ENVOY", "EMISSARY", "DIPLOMAT", "CONSUL", "LEGATE"}


def title_norm(surface: str) -> str:
    """'secretary of state' -> 'Secretary of State'."""
    return " ".join(w if w in SMALL_WORDS and i else w.upper() if w in ("mp", "ngo", "ngos")
                    else w[:1].upper() + w[1:] for i, w in enumerate(surface.split()))


def build_titles(src: Path) -> list[list[str]]:
    """English titles from Phoenix.agents.txt (person nouns of government, military,
    legislative, judicial, elite, party classes) + HAND_TITLES_EN/FR (CC0)."""
    rows: dict[tuple[str, str], list[str]] = {}
    for phrase, code in read_agents(src / "petrarch2_cameo" / "Phoenix.agents.txt"):
        toks = tokens(phrase)
        if not toks or toks[-1] not in PERSON_HEADS or not code.startswith(AGENT_CLASSES) \
                or toks[0] == "OFFICE":
            continue
        surface = " ".join(toks).lower()
        agent = "DIP" if toks[-1] in DIP_HEADS else code[:3]
        rows[(surface, "en")] = [surface, "en", title_norm(surface), agent, code, "cameo"]
    for lang, table in (("en", HAND_TITLES_EN), ("fr", HAND_TITLES_FR)):
        for line in table.strip().splitlines():
            surfaces, norm, agent = line.split("|")
            for surface in split(surfaces, ";"):
                old = rows.get((surface, lang))
                code = old[4] if old else agent
                rows[(surface, lang)] = [surface, lang, norm, agent, code,
                                         "hand+cameo" if old else "hand"]
    return sorted(rows.values(), key=lambda r: (r[1], r[0]))


# ---------------------------------------------------------------------------------------
# Licences and attribution
# ---------------------------------------------------------------------------------------

LICENCES = [("petrarch2_cameo/LICENSE", "MIT-PETRARCH2-CAMEO.txt"),
            ("countryinfo_en/LICENSE-MIT.txt", "MIT-countryinfo.txt"),
            ("pycountry_fr/LICENSE-LGPL-2.1.txt", "LGPL-2.1-pycountry-iso-codes.txt"),
            ("pycountry_fr/COPYRIGHT.txt", "COPYRIGHT-pycountry.txt"),
            ("prolex_fr/LICENSE-LGPLLR.txt", "LGPLLR-Prolex.txt")]

ATTRIBUTION = """# Gazetteer data: sources and licences

Generated by `tools/build_gazetteer.py` from the licensed files in `../shared/gazetteer`
(see its README). Licence texts are in `licenses/`. Hand-written tables inside the build
script (marked `HAND_*`) were written for this project and are dedicated to the public
domain (CC0 1.0).

| file | built from | licence / copyright |
|---|---|---|
| `states.tsv` | countryinfo 1.0.1 (`countryinfo_countries.tsv`: ISO codes, English names, capitals, demonyms); pycountry 26.2.16 / Debian iso-codes (`iso3166-1_en_fr.tsv`: English and French names); Prolex-PaysCapitales (French names, capitals, inflected adjectives and gentilés), joined through `countries_fr_en_merged.tsv`; hand fixes (CC0) | countryinfo: MIT, Copyright (c) 2018 Porimol Chandro. pycountry / iso-codes: LGPL-2.1, Copyright (c) 2008-2023 pycountry (Christian Theune and contributors), data from the Debian iso-codes project. Prolex: LGPLLR, Prolex project, Laboratoire d'Informatique, Université François-Rabelais de Tours (contact Denis Maurel), via UnitexGramLab/unitex-lingua. The file as a whole is a derivative of LGPLLR and LGPL-2.1 data and is distributed under those licences. |
| `places.tsv` | capitals from `states.tsv`; other cities and regions from Prolex-PaysCapitales; US states and UK nations (CC0 hand table) | LGPLLR (Prolex parts), LGPL-2.1/MIT (capitals), CC0 (hand table) |
| `seats.tsv` | `metonyms_seats_of_power.tsv` (written for this project) + CC0 variants | CC0 1.0 |
| `orgs.tsv` | hand tables of international organisations with French names, and of media, parties, armed groups, movements, trade unions, companies and national agencies named in the news (names only, CC0), enriched with English synonyms and other intergovernmental bodies from PETRARCH2 `Phoenix.International.actors.txt` | MIT, Copyright (c) 2014 Open Event Data Alliance (Computational Event Data System / Parus Analytics; NSF funding) + CC0 |
| `persons.tsv` | PETRARCH2 `Phoenix.Countries.actors.txt` (CountryInfo leaders) and `Phoenix.International.actors.txt`; hand table of French spellings of prominent leaders (CC0) | MIT, Copyright (c) 2014 Open Event Data Alliance + CC0 |
| `offices.tsv` | hand table (CC0) of the holders of a few offices whose press services name them by title only (US President, US Secretary of State, UK Prime Minister, French President), with the public dates they took and left office; persons keyed as in `persons.tsv` | CC0 1.0 |
| `houses.tsv` | hand table (CC0): the hosts and header lines of those press services, the title they use for their principal, and the period an archive site covers | CC0 1.0 |
| `publishers.tsv` | hand table (CC0): government web sites and the state whose officials they name without saying whose | CC0 1.0 |
| `titles.tsv` | English: PETRARCH2 `Phoenix.agents.txt` (government, military, legislative, judicial, elite, party person nouns); French and extra English titles: hand table (CC0) | MIT, Copyright (c) 2014 Open Event Data Alliance + CC0 |

Source versions: PETRARCH2 github.com/openeventdata/petrarch2 @676801cd; Prolex
github.com/UnitexGramLab/unitex-lingua @70e44648 (`French/Dela/Prolex-PaysCapitales.dic`,
converted to UTF-8); PyPI `countryinfo` 1.0.1; PyPI `pycountry` 26.2.16.

Known limits: CAMEO leaders and roles stop around 2014-2016 and their date ranges are
CAMEO's, not authoritative; Prolex `+Iso` tags are not ISO codes (resolved through the
merged table); places from Prolex carry French names only (their `name_en` repeats the
French name unless a hand table gives the English one).
"""


def build_offices(person_keys: dict[str, str]) -> list[list[str]]:
    """Office holders with their dates (hand table), keyed like persons.tsv where it knows them."""
    out = []
    for line in HAND_OFFICES.strip().splitlines():
        office, iso2, title_en, title_fr, name, start, end = line.split("|")
        key = person_keys.get(fold(name).lower()) or "person/" + slug(name)
        out.append([office, iso2, title_en, title_fr, key, name, start, end])
    return out


def build_houses() -> list[list[str]]:
    """Publishers that name their principal by title only (hand table)."""
    return [line.split("|") for line in HAND_HOUSES.strip().splitlines()]


def build_publishers() -> list[list[str]]:
    """Government publishers and their state (hand table)."""
    return [line.split("|") for line in HAND_PUBLISHERS.strip().splitlines()]


def write_attribution(src: Path, out: Path) -> None:
    """Copy licence texts and write ATTRIBUTION.md."""
    lic = out / "licenses"
    lic.mkdir(parents=True, exist_ok=True)
    for rel, name in LICENCES:
        shutil.copyfile(src / rel, lic / name)
    (out / "ATTRIBUTION.md").write_text(ATTRIBUTION, encoding="utf-8")


# ---------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Build every file; returns the process exit code."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", nargs="?", type=Path, default=DEFAULT_SRC,
                    help="the shared gazetteer folder (default: ../shared/gazetteer)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = ap.parse_args(argv)
    src, out = args.source, args.out
    if not (src / "countries_fr_en_merged.tsv").is_file():
        print(f"error: {src} does not look like the shared gazetteer folder", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    prolex = read_prolex(src / "prolex_fr" / "Prolex-PaysCapitales.dic.utf8.txt")
    states = build_states(src, prolex)
    write_tsv(out / "states.tsv",
              ["key", "iso2", "iso3", "name_en", "name_fr", "status"] + STATE_COLS,
              [[state_key(s), s.iso2, s.iso3, s.name_en, s.name_fr, s.status]
               + [s.cols[c] for c in STATE_COLS]
               for s in sorted(states.values(), key=lambda s: s.iso2)])
    write_tsv(out / "places.tsv",
              ["key", "name_en", "name_fr", "iso2", "kind", "names_en", "names_fr"],
              [[p.key, p.name_en, p.name_fr, p.iso2, p.kind, p.names_en, p.names_fr]
               for p in build_places(states, prolex)])
    cameo = src / "petrarch2_cameo"
    intl = read_cameo(cameo / "Phoenix.International.actors.txt")
    orgs = build_orgs(intl)
    write_tsv(out / "orgs.tsv", ["key", "name_en", "name_fr", "names_en", "names_fr",
                                 "acronyms_en", "acronyms_fr", "kind", "source"], orgs)
    org_names = {fold(r[1]).lower(): r[0] for r in orgs}
    write_tsv(out / "seats.tsv", ["surface", "lang", "refers_to", "iso2", "kind", "key",
                                  "context_dependent"], build_seats(src, org_names))
    iso_of = {s.iso3: s.iso2 for s in states.values() if s.iso3} | {"KSV": "XK"}
    strip = set(TITLE_WORDS) | {fold(f).upper() for s in states.values()
                                for col in ("demonyms_en", "names_en") for f in s.cols[col]
                                if " " not in f}
    persons = merge_persons(cameo_persons(read_cameo(cameo / "Phoenix.Countries.actors.txt"),
                                          iso_of, strip) + cameo_persons(intl, iso_of, strip))
    persons = apply_hand_persons(persons)
    write_tsv(out / "persons.tsv", ["key", "name", "name_fr", "aliases", "aliases_fr", "iso2",
                                    "roles", "cameo", "first_year", "last_year", "source"],
              [person_row(k, p, iso_of) for k, p in sorted(persons.items())])
    write_tsv(out / "titles.tsv", ["surface", "lang", "normalized_en", "agent", "cameo",
                                   "source"], build_titles(src))
    person_keys: dict[str, str] = {}
    for k, p in sorted(persons.items()):
        row = person_row(k, p, iso_of)
        aliases = row[3] if isinstance(row[3], list) else str(row[3]).split("|")
        for name in [row[1], *aliases]:
            person_keys.setdefault(fold(name).lower(), k)
    write_tsv(out / "offices.tsv", ["office", "iso2", "title_en", "title_fr", "person", "name", "start", "end"],
              build_offices(person_keys))
    write_tsv(out / "houses.tsv", ["match", "pattern", "title", "office", "start", "end"], build_houses())
    write_tsv(out / "publishers.tsv", ["host", "iso2"], build_publishers())
    write_attribution(src, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
