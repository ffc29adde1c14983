"""The time of a post (issue 16, part 1): statuses, and the start and end a text states, on sentences
written for these tests; and how they are stored (org:memberDuring, OWL-Time) and checked (SHACL)."""
from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import app_client, ingest_records
from rdflib import Literal, URIRef

from kg.model import Article, Extraction, PostHolding
from kg.rdf.to_graph import to_graph
from kg.rdf.vocab import KG, ORG, RDF, TIME, XSD
from kg.validate import Validator

PUB = dt.date(2021, 5, 10)  # a Monday
BASE = "https://w3id.org/newskg/"


def run(extractor: Any, lang: str, body: str) -> Extraction:
    return extractor.extract(Article("pt", "Titre", f"Titre\n\n{body}", lang, PUB))


def post_of(ex: Extraction, surname: str) -> list[PostHolding]:
    return [p for p in ex.posts if ex.entities[p.person].label.endswith(surname)]


def only(ex: Extraction, surname: str) -> PostHolding:
    posts = post_of(ex, surname)
    assert len(posts) == 1, [(p.role, p.status) for p in ex.posts]
    return posts[0]


@pytest.mark.parametrize("lang, body, surname, role, start", [
    ("fr", "Le 4 février 2019, Inès Carvalho a été nommée ministre de la Santé du Portugal.", "Carvalho",
     "ministre de la Santé du Portugal", "2019-02-04"),
    ("fr", "Le 2 mai, Anna Wiśniewska a été investie présidente de la Pologne.", "Wiśniewska",
     "présidente de la Pologne", "2021-05-02"),
    ("en", "Tomas Herrera was sworn in as president of Chile on March 11, 2018.", "Herrera",
     "president of Chile", "2018-03-11"),
    ("en", "In February 2020, Lena Berg was appointed defense minister of Sweden.", "Berg", None, "2020-02"),
])
def test_an_appointment_with_a_stated_date_starts_the_post(extractor: Any, lang: str, body: str, surname: str,
                                                           role: str | None, start: str) -> None:
    p = only(run(extractor, lang, body), surname)
    assert p.status == "current"
    assert p.start is not None and p.start.iso == start
    assert p.end is None
    if role is not None:
        assert p.role.lower() == role.lower()  # the date is no part of the title


def test_an_appointment_without_a_date_has_no_start(extractor: Any) -> None:
    p = only(run(extractor, "fr", "Inès Carvalho a été nommée ministre de la Santé du Portugal."), "Carvalho")
    assert p.start is None  # the article's own date is an observation, not a start


@pytest.mark.parametrize("lang, body, surname, end", [
    ("fr", "Le Premier ministre estonien Kaja Laur a démissionné jeudi.", "Laur", "2021-05-06"),
    ("fr", "Le ministre grec des Affaires étrangères Nikos Vlachos a démissionné de son poste le 3 avril.",
     "Vlachos", "2021-04-03"),
    ("en", "Estonian Prime Minister Kaja Laur resigned on April 20.", "Laur", "2021-04-20"),
])
def test_a_resignation_with_a_stated_date_ends_the_post(extractor: Any, lang: str, body: str, surname: str,
                                                        end: str) -> None:
    posts = post_of(run(extractor, lang, body), surname)
    assert posts and all(p.status == "former" for p in posts)
    assert {p.end.iso for p in posts if p.end} == {end}


@pytest.mark.parametrize("lang, body, surname, start", [
    ("fr", "Tomas Herrera, ministre des Finances du Chili depuis novembre 2018, a quitté Santiago.", "Herrera",
     "2018-11"),
    ("en", "Tomas Herrera, Chile's finance minister since March 2018, left Santiago.", "Herrera", "2018-03"),
])
def test_a_title_held_since_a_date_starts_then(extractor: Any, lang: str, body: str, surname: str,
                                                start: str) -> None:
    p = only(run(extractor, lang, body), surname)
    assert (p.status, p.start and p.start.iso, p.end) == ("current", start, None)


@pytest.mark.parametrize("lang, body, surname, org, start", [
    ("fr", "Présidente de la Banque mondiale depuis mars 2019, Ana Ruiz a annoncé son départ.", "Ruiz", "org/world-bank",
     "2019-03"),
    ("en", "Chile's finance minister since March 2018, Tomas Herrera left Santiago.", "Herrera", "state/chile",
     "2018-03"),
])
def test_a_title_opening_the_sentence_before_a_comma(extractor: Any, lang: str, body: str, surname: str, org: str,
                                                     start: str) -> None:
    p = only(run(extractor, lang, body), surname)
    assert (p.organization, p.start and p.start.iso) == (org, start)


def test_a_sentence_opening_title_the_model_took_for_a_body_is_no_post(extractor: Any) -> None:
    ex = run(extractor, "fr", "Ministre chilien des Finances, Tomas Herrera a quitté Santiago.")
    assert all(not (p.organization or "").startswith("org/ministre") for p in ex.posts)


def test_a_title_held_for_a_duration_has_no_start(extractor: Any) -> None:
    p = only(run(extractor, "fr", "Tomas Herrera, ministre des Finances du Chili depuis dix ans, a quitté Santiago."),
             "Herrera")
    assert p.start is None


@pytest.mark.parametrize("body, status, end", [
    ("Le secrétaire général de l'OTAN, Tomas Herrera, a cessé ses fonctions le 3 mai.", "former", "2021-05-03"),
    # leaving on the article's day or later: at the article's date the post is still held
    ("Le secrétaire général de l'OTAN, Tomas Herrera, cesse ses fonctions ce 30 juin.", "current", "2021-06-30"),
    # on the article's own day, the tense tells: still leaving, or already gone
    ("Le secrétaire général de l'OTAN, Tomas Herrera, cesse ses fonctions ce 10 mai. Il est remplacé par Ana "
     "Ruiz.", "current", "2021-05-10"),
    ("Le secrétaire général de l'OTAN, Tomas Herrera, a quitté ses fonctions ce lundi 10 mai.", "former",
     "2021-05-10"),
])
def test_leaving_ones_functions_ends_the_post_the_text_gave(extractor: Any, body: str, status: str,
                                                            end: str) -> None:
    p = only(run(extractor, "fr", body), "Herrera")
    assert (p.status, p.end and p.end.iso) == (status, end)


@pytest.mark.parametrize("lang, body, status", [
    ("fr", "Le 20 juin, Paulo Andrade sera investi président du Chili.", "designate"),
    ("en", "On June 20, Paulo Andrade will be sworn in as president of Chile.", "designate"),
    # elected before the article's date: the start is the election's day
    ("en", "Paulo Andrade was elected president of Chile on Sunday.", "current"),
])
def test_a_post_taken_after_the_articles_date_is_not_held_yet(extractor: Any, lang: str, body: str,
                                                              status: str) -> None:
    p = only(run(extractor, lang, body), "Andrade")
    assert p.status == status


def test_a_date_completing_another_noun_is_not_the_replacement_date(extractor: Any) -> None:
    ex = run(extractor, "fr", "Le ministre chilien de la Santé Tomas Herrera est remplacé par Ana Ruiz jusqu'aux "
                              "élections de mars 2022.")
    old, new = only(ex, "Herrera"), only(ex, "Ruiz")
    assert old.status == "former" and new.status == "current"
    assert old.end is None and new.start is None  # "élections de mars 2022" dates the elections


@pytest.mark.parametrize("lang, body", [
    ("fr", "Le Premier ministre estonien Kaja Laur n'a pas démissionné jeudi."),
    ("en", "Estonian Prime Minister Kaja Laur has not resigned."),
    # leaving a city is not leaving a post
    ("en", "Estonian Prime Minister Kaja Laur left Tallinn on April 20."),
])
def test_no_departure_where_none_is_stated(extractor: Any, lang: str, body: str) -> None:
    p = only(run(extractor, lang, body), "Laur")
    assert p.status == "current" and p.end is None


def test_a_bare_resignation_needs_a_single_post_to_end(extractor: Any) -> None:
    ex = run(extractor, "en", "Kaja Laur resigned on April 20.")
    assert not post_of(ex, "Laur")  # no post named anywhere: nothing to end


@pytest.mark.parametrize("lang, body", [
    ("fr", "En janvier 2020, Anna Wiśniewska succède à Piotr Zieliński comme Premier ministre de la Pologne."),
    ("en", "Anna Wiśniewska replaced Piotr Zieliński as prime minister of Poland in January 2020."),
    ("fr", "Piotr Zieliński, Premier ministre de la Pologne, a été remplacé par Anna Wiśniewska en janvier 2020."),
])
def test_a_dated_replacement_starts_one_post_and_ends_the_other(extractor: Any, lang: str, body: str) -> None:
    ex = run(extractor, lang, body)
    new, old = only(ex, "Wiśniewska"), only(ex, "Zieliński")
    assert (new.status, new.start and new.start.iso, new.end) == ("current", "2020-01", None)
    assert (old.status, old.start, old.end and old.end.iso) == ("former", None, "2020-01")


@pytest.mark.parametrize("lang, body, surname, status, role", [
    ("fr", "Tomas Herrera, président élu du Chili, a quitté Santiago.", "Herrera", "elect", "président du Chili"),
    ("en", "President-elect Tomas Herrera of Chile left Santiago on Monday.", "Herrera", "elect", "President"),
    ("en", "Lebanon's Prime Minister-designate Saad Hariri met the envoy.", "Hariri", "designate",
     "Lebanon's Prime Minister"),
    ("fr", "L'ancien président chilien Tomas Herrera a quitté Santiago.", "Herrera", "former", None),
])
def test_statuses_a_title_gives(extractor: Any, lang: str, body: str, surname: str, status: str,
                                role: str | None) -> None:
    p = only(run(extractor, lang, body), surname)
    assert p.status == status
    if role is not None:
        assert p.role == role  # the status word is not part of the title


def test_an_election_in_the_past_is_no_status(extractor: Any) -> None:
    ex = run(extractor, "fr", "Tomas Herrera, président élu en 2018, a quitté Santiago.")
    assert all(p.status == "current" for p in post_of(ex, "Herrera"))


# ------------------------------------------------------------------ storage and shapes
def _graph(extractor: Any, body: str, lang: str = "fr") -> Any:
    return to_graph(run(extractor, lang, body), BASE)


def test_start_and_end_are_stored_as_an_owl_time_interval(extractor: Any) -> None:
    g = _graph(extractor, "Piotr Zieliński, Premier ministre de la Pologne, a été remplacé par Anna Wiśniewska "
                          "le 3 mars 2020.").facts
    during = {m: i for m, i in g.subject_objects(ORG.memberDuring)}
    assert len(during) == 2
    starts = {str(o) for i in during.values() for b in g.objects(i, TIME.hasBeginning) for o in g.objects(b, TIME.inXSDDate)}
    ends = {str(o) for i in during.values() for b in g.objects(i, TIME.hasEnd) for o in g.objects(b, TIME.inXSDDate)}
    assert starts == {"2020-03-03"} and ends == {"2020-03-03"}
    for i in during.values():
        assert (i, RDF.type, TIME.Interval) in g
    statuses = {str(s) for s in g.objects(None, KG.postStatus)}
    assert statuses == {"current", "former"}


def test_a_month_is_stored_as_a_year_month(extractor: Any) -> None:
    g = _graph(extractor, "En janvier 2020, Anna Wiśniewska succède à Piotr Zieliński comme Premier ministre "
                          "de la Pologne.").facts
    months = set(g.objects(None, TIME.inXSDgYearMonth))
    assert months == {Literal("2020-01", datatype=XSD.gYearMonth)}
    assert not set(g.objects(None, TIME.inXSDDate))


def test_stored_post_times_conform_to_the_shapes(extractor: Any) -> None:
    graphs = _graph(extractor, "Piotr Zieliński, Premier ministre de la Pologne, a été remplacé par Anna "
                               "Wiśniewska le 3 mars 2020. Tomas Herrera, président élu du Chili, est arrivé.")
    for quick in (True, False):
        result = Validator(quick=quick).validate(graphs.facts, graphs.entities)
        assert result.conforms, result.text


@pytest.mark.parametrize("break_it", ["empty interval", "two starts", "date as string", "unknown status"])
def test_the_shapes_refuse_broken_post_times(extractor: Any, break_it: str) -> None:
    graphs = _graph(extractor, "Piotr Zieliński, Premier ministre de la Pologne, a été remplacé par Anna "
                               "Wiśniewska le 3 mars 2020.")
    g = graphs.facts
    interval = next(iter(g.objects(None, ORG.memberDuring)))
    start = next(iter(g.objects(interval, TIME.hasBeginning)), None) or next(iter(g.objects(interval, TIME.hasEnd)))
    if break_it == "empty interval":
        g.remove((interval, TIME.hasBeginning, None))
        g.remove((interval, TIME.hasEnd, None))
    elif break_it == "two starts":
        for n, day in enumerate(("2020-03-04", "2020-03-05")):
            other = URIRef(f"{interval}-other-{n}")
            g.add((interval, TIME.hasBeginning, other))
            g.add((other, RDF.type, TIME.Instant))
            g.add((other, TIME.inXSDDate, Literal(day, datatype=XSD.date)))
    elif break_it == "date as string":
        g.remove((start, TIME.inXSDDate, None))
        g.add((start, TIME.inXSDDate, Literal("2020-03-03")))
    else:
        m = next(iter(g.subjects(ORG.memberDuring, interval)))
        g.remove((m, KG.postStatus, None))
        g.add((m, KG.postStatus, Literal("retired")))
    assert not Validator().validate(g, graphs.entities).conforms


def test_the_readmes_post_time_query_answers_from_an_ingested_store(kg: Any, tmp_path: Any) -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    at = readme.index("**The time of a post.**")
    start = readme.index("```sparql", at) + len("```sparql")
    query = readme[start:readme.index("```", start)]
    src = tmp_path / "remaniement.txt"
    src.write_text("Remaniement à Tallinn\n\nLe Premier ministre estonien Kaja Laur a démissionné jeudi. "
                   "Le 3 mars 2020, Inès Carvalho a été nommée ministre de la Santé du Portugal.\n", encoding="utf-8")
    store = tmp_path / "store"
    assert kg("ingest", str(src), "--store", str(store), "--published", "2021-05-10").exit_code == 0
    (tmp_path / "q.rq").write_text(query, encoding="utf-8")
    out = kg("query", "--store", str(store), "--format", "csv", f"@{tmp_path / 'q.rq'}").output
    rows = out.strip().splitlines()
    assert rows[0].startswith("person,role,status,observed,start,end")
    assert any(r.startswith("Kaja Laur,") and ",former,2021-05-10,,2021-05-06," in r for r in rows), out
    assert any(r.startswith("Inès Carvalho,") and ",current,2021-05-10,2020-03-03,," in r for r in rows), out


# ------------------------------------------------------------------ successions
@pytest.mark.parametrize("lang, body", [
    ("fr", "En janvier 2020, Anna Wiśniewska succède à Piotr Zieliński comme Premier ministre de la Pologne."),
    ("en", "Anna Wiśniewska replaced Piotr Zieliński as prime minister of Poland in January 2020."),
    ("fr", "Piotr Zieliński, Premier ministre de la Pologne, a été remplacé par Anna Wiśniewska en janvier 2020."),
])
def test_the_newcomers_post_succeeds_the_one_left(extractor: Any, lang: str, body: str) -> None:
    ex = run(extractor, lang, body)
    new, old = only(ex, "Wiśniewska"), only(ex, "Zieliński")
    assert new.succeeds is old and old.succeeds is None


def test_no_succession_between_two_different_posts(extractor: Any) -> None:
    ex = run(extractor, "fr", "Le ministre polonais de la Santé Piotr Zieliński et le Premier ministre polonais Anna "
                              "Wiśniewska ont visité Varsovie.")
    assert all(p.succeeds is None for p in ex.posts)


def test_a_succession_is_stored_and_followed_by_sparql(extractor: Any) -> None:
    from rdflib import Dataset

    graphs = _graph(extractor, "Piotr Zieliński, Premier ministre de la Pologne, a été remplacé par Anna "
                               "Wiśniewska le 3 mars 2020.")
    assert Validator().validate(graphs.facts, graphs.entities).conforms
    ds = Dataset()
    for t in graphs.facts:
        ds.add(t)
    for t in graphs.entities:
        ds.add(t)
    rows = list(ds.query("""
        PREFIX kg: <https://w3id.org/newskg/ontology#>
        PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?new ?old WHERE { ?m kg:succeeds ?n . ?m org:member/rdfs:label ?new . ?n org:member/rdfs:label ?old }"""))
    assert [(str(a), str(b)) for a, b in rows] == [("Anna Wiśniewska", "Piotr Zieliński")]
    broken = graphs.facts
    m = next(iter(broken.subjects(KG.succeeds, None)))
    broken.add((m, KG.succeeds, URIRef("https://w3id.org/newskg/id/person/piotr-zielinski")))
    assert not Validator().validate(broken, graphs.entities).conforms


# ------------------------------------------------------------------ as-of questions
def _as_of(name: str, on: str, window: tuple[str, str]) -> str:
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "web" / "cookbook" / "post-holders-on-date.rq").read_text(encoding="utf-8")
    for old, new in (('{ "China"@en "Chine"@fr }', name), ('"2022-09-20"', f'"{on}"'), ('"2022-08-20"', f'"{window[0]}"'),
                     ('"2022-10-20"', f'"{window[1]}"')):
        assert old in text
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize("on, window, holders", [
    # stated start before the date, seen current later: held
    ("2020-06-01", ("2020-05-01", "2020-07-01"), {"Anna Wiśniewska"}),
    # before the stated start: nobody (the predecessor's start is unknown, so nothing is claimed for him)
    ("2019-06-01", ("2019-05-01", "2019-07-01"), set()),
    # the article's own month: its current holder, seen then
    ("2021-05-10", ("2021-04-10", "2021-06-10"), {"Anna Wiśniewska"}),
])
def test_holders_on_a_date_from_stated_starts_ends_and_observations(kg: Any, tmp_path: Any, on: str,
                                                                     window: tuple[str, str], holders: set[str]) -> None:
    src = tmp_path / "pologne.txt"
    src.write_text("Remaniement en Pologne\n\nPiotr Zieliński, Premier ministre de la Pologne, a été remplacé par "
                   "Anna Wiśniewska le 3 mars 2020.\n", encoding="utf-8")
    store = tmp_path / "store"
    assert kg("ingest", str(src), "--store", str(store), "--published", "2021-05-10").exit_code == 0
    (tmp_path / "q.rq").write_text(_as_of('{ "Poland"@en "Pologne"@fr }', on, window), encoding="utf-8")
    out = kg("query", "--store", str(store), "--format", "csv", f"@{tmp_path / 'q.rq'}").output
    rows = [r.split(",") for r in out.strip().splitlines()[1:]]
    assert {r[1] for r in rows} == holders, out


def test_articles_of_one_day_giving_a_post_to_two_people_are_listed_with_both_sentences(kg: Any, tmp_path: Any) -> None:
    from pathlib import Path

    records = [("d1", "2020-03-05", "Le Premier ministre polonais Piotr Zieliński a visité Berlin."),
               ("d2", "2020-03-05", "Le Premier ministre polonais Anna Wiśniewska a parlé à Varsovie."),
               ("d3", "2020-03-06", "Le Premier ministre polonais Anna Wiśniewska a parlé à Cracovie.")]
    store = ingest_records(kg, tmp_path, [(i, d, "fr", t) for i, d, t in records])
    query = (Path(__file__).resolve().parents[1] / "web" / "cookbook" / "post-disagreements.rq").read_text(encoding="utf-8")
    assert '"2022-09-01"' in query and '"2022-09-30"' in query
    (tmp_path / "q.rq").write_text(query.replace('"2022-09-01"', '"2020-03-01"').replace('"2022-09-30"', '"2020-03-31"'),
                                   encoding="utf-8")
    out = kg("query", "--store", str(store), "--format", "tsv", f"@{tmp_path / 'q.rq'}").output
    rows = [r.split("\t") for r in out.strip().splitlines()[1:]]
    assert len(rows) == 1, out  # d3 is another day; d2 and d3 agree
    day, _org, _role, holder1, article1, evidence1, holder2, article2, evidence2 = rows[0]
    assert {holder1.strip('"'), holder2.strip('"')} == {"Piotr Zieliński", "Anna Wiśniewska"}
    assert {article1.strip('"'), article2.strip('"')} == {"d1", "d2"}
    assert "Berlin" in evidence1 + evidence2 and "Varsovie" in evidence1 + evidence2


def test_entity_pages_show_a_posts_status_and_its_stated_start_and_end(kg: Any, tmp_path: Any) -> None:
    src = tmp_path / "pologne.txt"
    src.write_text("Remaniement en Pologne\n\nEn janvier 2020, Anna Wiśniewska succède à Piotr Zieliński comme "
                   "Premier ministre de la Pologne.\n", encoding="utf-8")
    store = tmp_path / "store"
    assert kg("ingest", str(src), "--store", str(store), "--published", "2021-05-10").exit_code == 0
    with app_client(store) as client:
        new = client.get("/id/person/anna-wisniewska").get_data(as_text=True)
        old = client.get("/id/person/piotr-zielinski").get_data(as_text=True)
    assert "2020-01 – …" in new and "status-current" in new
    assert "… – 2020-01" in old and "status-former" in old


# ------------------------------------------------------------------ one post across articles and languages
@pytest.mark.parametrize("lang, body, surname, post", [
    ("fr", "Le Premier ministre polonais Piotr Zieliński a visité Berlin.", "Zieliński", "Prime Minister"),
    ("fr", "Anna Wiśniewska, Premier ministre de la Pologne, a visité Berlin.", "Wiśniewska", "Prime Minister"),
    ("en", "Polish Prime Minister Anna Wiśniewska visited Berlin.", "Wiśniewska", "Prime Minister"),
    ("en", "Russia's Foreign Minister Sergei Lavrov visited Berlin.", "Lavrov", "Foreign Minister"),
    ("fr", "L'ancien président chilien Tomas Herrera a visité Berlin.", "Herrera", "President"),
    # a word the gazetteer's title lacks makes it another post: none is given rather than a wrong one
    ("fr", "Le ministre polonais de la Défense Piotr Zieliński a visité Berlin.", "Zieliński", None),
    ("en", "Deputy Prime Minister Piotr Zieliński of Poland visited Berlin.", "Zieliński", "Deputy Prime Minister"),
])
def test_the_post_a_role_names(extractor: Any, lang: str, body: str, surname: str, post: str | None) -> None:
    assert only(run(extractor, lang, body), surname).post_title == post


def test_one_post_node_for_two_languages_and_its_history_query(kg: Any, tmp_path: Any) -> None:
    from pathlib import Path

    records = [("p1", "fr", "2020-03-05", "Le Premier ministre polonais Piotr Zieliński a visité Berlin."),
               ("p2", "en", "2020-09-01", "Polish Prime Minister Anna Wiśniewska visited Berlin."),
               ("p3", "fr", "2020-10-01", "Anna Wiśniewska, Premier ministre de la Pologne, a visité Rome.")]
    store = ingest_records(kg, tmp_path, [(i, d, lang, t) for i, lang, d, t in records], title="Title")
    query = (Path(__file__).resolve().parents[1] / "web" / "cookbook" / "post-history.rq").read_text(encoding="utf-8")
    (tmp_path / "q.rq").write_text(query.replace('"president"', '"prime minister"'), encoding="utf-8")
    out = kg("query", "--store", str(store), "--format", "csv", f"@{tmp_path / 'q.rq'}").output
    rows = [r.split(",") for r in out.strip().splitlines()[1:]]
    assert [(r[0], r[1], r[2], r[3], r[-1]) for r in rows] == [
        ("Prime Minister of Poland", "Piotr Zieliński", "2020-03-05", "2020-03-05", "1"),
        ("Prime Minister of Poland", "Anna Wiśniewska", "2020-09-01", "2020-10-01", "2"),
    ], out
    # kg reason: the holder holds the post (org:holds, the chain hasMembership o kg:post)
    assert kg("reason", "--store", str(store)).exit_code == 0
    held = kg("query", "--store", str(store), "--format", "csv",
              "PREFIX org: <http://www.w3.org/ns/org#> SELECT ?p WHERE { "
              "<https://w3id.org/newskg/id/person/anna-wisniewska> org:holds ?p }").output
    assert "https://w3id.org/newskg/id/post/state/poland/prime-minister" in held


def test_a_states_page_answers_who_held_its_posts_on_a_date(kg: Any, tmp_path: Any) -> None:
    import re as _re

    src = tmp_path / "pologne.txt"
    src.write_text("Remaniement en Pologne\n\nPiotr Zieliński, Premier ministre de la Pologne, a été remplacé par "
                   "Anna Wiśniewska le 3 mars 2020.\n", encoding="utf-8")
    store = tmp_path / "store"
    assert kg("ingest", str(src), "--store", str(store), "--published", "2021-05-10").exit_code == 0

    def section(client: Any, query: str) -> str:
        html = client.get(f"/id/state/poland{query}").get_data(as_text=True)
        found = _re.search(r'<section id="holders-on">(.*?)</section>', html, _re.DOTALL)
        assert found, html[:500]
        return found.group(1)

    with app_client(store) as client:
        assert '<input type="date" name="on"' in section(client, "")
        after = section(client, "?on=2020-06-01")
        assert "Anna Wiśniewska" in after and "Piotr Zieliński" not in after and "2020-03-03 – …" in after
        assert "No post of Poland known to be held on 2019-01-01" in section(client, "?on=2019-01-01")
        assert "Give the date as YYYY-MM-DD." in section(client, "?on=2020-13-45")
        assert "Give the date as YYYY-MM-DD." in section(client, "?on=%3Cscript%3E")


def test_a_posts_page_lists_its_holders_across_articles_oldest_first(kg: Any, tmp_path: Any) -> None:
    import re as _re

    records = [("r1", "fr", "2021-05-10", "Piotr Zieliński, Premier ministre de la Pologne, a été remplacé par Anna "
                                          "Wiśniewska le 3 mars 2020."),
               ("r2", "en", "2019-06-01", "Polish Prime Minister Piotr Zieliński visited Berlin.")]
    store = ingest_records(kg, tmp_path, [(i, d, lang, t) for i, lang, d, t in records], title="Title")
    with app_client(store) as client:
        html = client.get("/id/post/state/poland/prime-minister").get_data(as_text=True)
    found = _re.search(r'<section id="post-holders">(.*?)</section>', html, _re.DOTALL)
    assert found, html[:300]
    items = _re.findall(r"<li class=\"post\">(.*?)</li>", found.group(1), _re.DOTALL)
    text = [_re.sub(r"<[^>]+>", " ", i) for i in items]
    assert len(text) == 3
    assert "Zieliński" in text[0] and "2019-06-01" in text[0]  # seen in 2019, in English
    assert "Zieliński" in text[1] and "2020-03-03" in text[1] and "former" in text[1]
    assert "Wiśniewska" in text[2] and "after" in text[2] and "Zieliński" in text[2]


def test_resigning_from_something_else_does_not_end_the_post_the_text_gave(extractor: Any) -> None:
    ex = run(extractor, "fr", "L'ancien ministre chilien des Finances Tomas Herrera a démissionné de la présidence "
                              "du club le 3 avril.")
    posts = post_of(ex, "Herrera")
    assert posts and all(p.end is None for p in posts), [(p.role, p.status, p.end) for p in ex.posts]
