"""Date expressions: found with exact offsets, resolved against the publication date."""
from __future__ import annotations

import datetime as dt

import pytest

from kg.extract.dates import find_dates, resolve_date

D = dt.date


def iso(expr: str, published: dt.date | None, lang: str) -> str | None:
    """The ISO value of a text holding exactly one date expression, which must be `expr`."""
    found = find_dates(f"Selon la source, {expr}." if lang == "fr" else f"He said {expr}.",
                       published, lang)
    if not found:
        return None
    assert len(found) == 1, found
    return found[0][2].iso if found[0][2].text == expr else f"wrong span: {found[0][2].text!r}"


# --- French -------------------------------------------------------------------------------

@pytest.mark.parametrize("expr, published, expected", [
    # guideline §6 examples
    ("jeudi", D(2022, 9, 20), "2022-09-15"),
    ("la semaine dernière", D(2022, 9, 20), "2022-W37"),
    ("mercredi", D(2016, 12, 18), "2016-12-14"),
    ("lundi", D(2018, 2, 22), "2018-02-19"),
    ("hier, 20 octobre", D(2016, 10, 21), "2016-10-20"),
    # weekdays
    ("mercredi", D(2016, 12, 21), "2016-12-21"),  # same day allowed
    ("mercredi dernier", D(2016, 12, 21), "2016-12-14"),
    ("mercredi dernier", D(2016, 12, 18), "2016-12-14"),
    ("ce lundi", D(2018, 2, 22), "2018-02-19"),
    ("ce samedi matin", D(2016, 9, 3), "2016-09-03"),
    ("Jeudi soir", D(2022, 9, 20), "2022-09-15"),
    ("samedi prochain", D(2016, 9, 3), "2016-09-10"),
    ("mercredi 29", D(2017, 3, 25), "2017-03-29"),
    # days around publication
    ("hier", D(2016, 3, 1), "2016-02-29"),
    ("hier soir", D(2016, 3, 1), "2016-02-29"),
    ("avant-hier", D(2016, 3, 1), "2016-02-28"),
    ("aujourd'hui", D(2017, 3, 25), "2017-03-25"),
    ("aujourd’hui", D(2017, 3, 25), "2017-03-25"),
    ("ce jour", D(2017, 3, 25), "2017-03-25"),
    ("ce matin", D(2017, 3, 25), "2017-03-25"),
    ("demain", D(2016, 12, 31), "2017-01-01"),
    # day and month
    ("le 24 février", D(2022, 9, 20), "2022-02-24"),
    ("24 février", D(2022, 9, 20), "2022-02-24"),
    ("1er mars", D(2022, 9, 20), "2022-03-01"),
    ("le 5 novembre", D(2022, 9, 20), "2022-11-05"),  # within ~2 months ahead
    ("le 24 décembre", D(2022, 9, 20), "2021-12-24"),  # too far ahead: previous year
    ("le 5 janvier", D(2022, 12, 20), "2023-01-05"),  # just ahead, across the new year
    ("le 11 octobre dernier", D(2016, 10, 23), "2016-10-11"),
    ("le 11 octobre dernier", D(2016, 10, 11), "2015-10-11"),
    ("ce mardi 6 décembre", D(2016, 12, 6), "2016-12-06"),
    ("jeudi 20 octobre", D(2017, 1, 10), "2016-10-20"),  # the weekday picks the year
    ("le 24 février 2022", D(2023, 1, 1), "2022-02-24"),
    ("24/02/2022", D(2023, 1, 1), "2022-02-24"),
    ("2022-02-24", D(2023, 1, 1), "2022-02-24"),
    ("du 22 au 23 mars 2018", D(2018, 3, 24), "2018-03-22/2018-03-23"),
    ("les 22 et 23 mars", D(2018, 3, 24), "2018-03-22/2018-03-23"),
    # months
    ("fin février", D(2022, 9, 20), "2022-02"),
    ("début mars", D(2022, 9, 20), "2022-03"),
    ("mi-mars", D(2022, 9, 20), "2022-03"),
    ("à la mi-mars", D(2022, 9, 20), "2022-03"),
    ("en février", D(2022, 9, 20), "2022-02"),
    ("en décembre", D(2022, 9, 20), "2021-12"),
    ("février 2022", D(2023, 9, 20), "2022-02"),
    ("en décembre 2015", D(2016, 9, 3), "2015-12"),
    ("fin février 2021", D(2022, 9, 20), "2021-02"),
    ("en septembre dernier", D(2022, 9, 20), "2021-09"),
    ("au mois d'avril", D(2022, 9, 20), "2022-04"),
    # weeks, months, years
    ("cette semaine", D(2022, 9, 20), "2022-W38"),
    ("la semaine prochaine", D(2022, 9, 20), "2022-W39"),
    ("le mois dernier", D(2022, 1, 10), "2021-12"),
    ("ce mois-ci", D(2022, 1, 10), "2022-01"),
    ("l'an dernier", D(2022, 1, 10), "2021"),
    ("l'année prochaine", D(2022, 1, 10), "2023"),
    ("en 2016", D(2022, 1, 10), "2016"),
    ("fin 2016", D(2016, 9, 3), "2016"),
])
def test_french(expr: str, published: dt.date, expected: str) -> None:
    assert iso(expr, published, "fr") == expected


@pytest.mark.parametrize("text", [
    "Le lendemain, ils sont partis.",
    "Ce jour-là, rien ne s'est passé.",
    "Il y avait 2016 participants et 24 délégations.",
    "La sonde s'est posée sur Mars.",
    "Le mercredi 31 février n'existe pas.",
])
def test_french_non_dates(text: str) -> None:
    assert find_dates(text, D(2022, 9, 20), "fr") == []


def test_weekday_and_hour_is_not_a_day_of_month() -> None:
    found = find_dates("Le vote aura lieu jeudi 20 h 30.", D(2022, 9, 20), "fr")
    assert [(v.text, v.iso) for _, _, v in found] == [("jeudi", "2022-09-15")]


# --- English ------------------------------------------------------------------------------

@pytest.mark.parametrize("expr, published, expected", [
    ("Thursday", D(2022, 9, 20), "2022-09-15"),
    ("on Thursday", D(2022, 9, 20), "2022-09-15"),
    ("last Thursday", D(2022, 9, 22), "2022-09-15"),
    ("Thursday", D(2022, 9, 22), "2022-09-22"),
    ("Monday", D(2018, 2, 22), "2018-02-19"),
    ("next Monday", D(2018, 2, 22), "2018-02-26"),
    ("Sunday night", D(2016, 12, 18), "2016-12-18"),
    ("Sunday", D(2006, 11, 18), "2006-11-19"),  # the day after publication (local day, §6)
    ("on Wednesday", D(2022, 9, 20), "2022-09-21"),
    ("last Sunday", D(2006, 11, 18), "2006-11-12"),
    ("yesterday", D(2022, 9, 20), "2022-09-19"),
    ("today", D(2013, 7, 11), "2013-07-11"),
    ("this afternoon", D(2011, 9, 26), "2011-09-26"),
    ("tomorrow", D(2022, 9, 20), "2022-09-21"),
    ("yesterday, October 20", D(2016, 10, 21), "2016-10-20"),
    ("on February 24", D(2022, 9, 20), "2022-02-24"),
    ("Feb. 24", D(2022, 9, 20), "2022-02-24"),
    ("February 24th", D(2022, 9, 20), "2022-02-24"),
    ("the 24th of February", D(2022, 9, 20), "2022-02-24"),
    ("24 February 2022", D(2023, 9, 20), "2022-02-24"),
    ("February 24, 2022", D(2023, 9, 20), "2022-02-24"),
    ("on Thursday, February 24, 2022", D(2023, 9, 20), "2022-02-24"),
    ("September 26, 2011", D(2011, 9, 26), "2011-09-26"),
    ("02/24/2022", D(2023, 9, 20), "2022-02-24"),
    ("March 22-23, 2018", D(2018, 3, 24), "2018-03-22/2018-03-23"),
    ("March 2019", D(2022, 9, 20), "2019-03"),
    ("in April of 2012", D(2011, 9, 26), "2012-04"),
    ("in February", D(2022, 9, 20), "2022-02"),
    ("in May", D(2022, 9, 20), "2022-05"),
    ("late February", D(2022, 9, 20), "2022-02"),
    ("early March", D(2022, 9, 20), "2022-03"),
    ("mid-March", D(2022, 9, 20), "2022-03"),
    ("at the end of February", D(2022, 9, 20), "2022-02"),
    ("last week", D(2022, 9, 20), "2022-W37"),
    ("this week", D(2016, 10, 20), "2016-W42"),
    ("last month", D(2022, 1, 10), "2021-12"),
    ("next year", D(2006, 11, 18), "2007"),
    ("in 2016", D(2022, 9, 20), "2016"),
])
def test_english(expr: str, published: dt.date, expected: str) -> None:
    assert iso(expr, published, "en") == expected


@pytest.mark.parametrize("text", [
    "Leaders may meet again; Theresa May spoke.",
    "The march began at noon.",
    "He was sunday-school teacher to 2016 pupils.",
    "The week-long meeting ended.",
])
def test_english_non_dates(text: str) -> None:
    assert find_dates(text, D(2022, 9, 20), "en") == []


# --- spans, order and missing publication dates --------------------------------------------

FR_TEXT = (
    "Deux dirigeants se sont rencontrés la semaine dernière à Samarcande.\n\n"
    "Leur dernière rencontre remontait à fin février, peu avant le 24 février. "
    "Lors de leur entretien jeudi, ils ont évoqué l'accord signé le 3 mars 2021 "
    "et un sommet prévu en 2023."
)


def test_offsets_and_order() -> None:
    found = find_dates(FR_TEXT, D(2022, 9, 20), "fr")
    assert [(v.text, v.iso) for _, _, v in found] == [
        ("la semaine dernière", "2022-W37"), ("fin février", "2022-02"),
        ("le 24 février", "2022-02-24"), ("jeudi", "2022-09-15"),
        ("le 3 mars 2021", "2021-03-03"), ("en 2023", "2023"),
    ]
    for start, end, value in found:
        assert FR_TEXT[start:end] == value.text
    spans = [(s, e) for s, e, _ in found]
    assert spans == sorted(spans) and all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_explicit_day_wins_over_relative_word_without_overlap() -> None:
    text = "La cérémonie a eu lieu hier, 20 octobre, au palais."
    (found,) = find_dates(text, D(2016, 10, 21), "fr")
    assert text[found[0]:found[1]] == "hier, 20 octobre" and found[2].iso == "2016-10-20"


def test_expression_does_not_span_lines() -> None:
    text = "Lettres remises hier\n\n21 octobre 2016 . – Sept ambassadeurs"
    found = find_dates(text, D(2016, 10, 21), "fr")
    assert [v.text for _, _, v in found] == ["hier", "21 octobre 2016"]


def test_without_publication_date_only_dated_expressions() -> None:
    found = find_dates(FR_TEXT, None, "fr")
    assert [(v.text, v.iso) for _, _, v in found] == [
        ("le 3 mars 2021", "2021-03-03"), ("en 2023", "2023"),
    ]
    text = "Yesterday and on Thursday, February 24, 2022, and in March 2019."
    assert [v.iso for _, _, v in find_dates(text, None, "en")] == ["2022-02-24", "2019-03"]


def test_other_languages_give_nothing() -> None:
    assert find_dates("am 24. Februar 2022", D(2022, 9, 20), "de") == []
    assert find_dates(FR_TEXT, D(2022, 9, 20), "FR-fr") != []


def test_resolve_date() -> None:
    value = resolve_date("  jeudi dernier ", D(2022, 9, 22), "fr")
    assert value is not None and (value.iso, value.text) == ("2022-09-15", "jeudi dernier")
    assert resolve_date("Feb. 24", D(2022, 9, 20), "en").iso == "2022-02-24"  # type: ignore[union-attr]
    assert resolve_date("la semaine dernière", D(2022, 9, 20), "fr").iso == "2022-W37"  # type: ignore[union-attr]
    assert resolve_date("jeudi", None, "fr") is None
    assert resolve_date("pas une date", D(2022, 9, 20), "fr") is None
    assert resolve_date("jeudi et vendredi", D(2022, 9, 20), "fr") is None
    assert resolve_date("Feb. 24", D(2022, 9, 20), "xx") is None


def test_full_date_flag() -> None:
    value = resolve_date("le 24 février 2022", None, "fr")
    assert value is not None and value.is_full_date
    assert not resolve_date("février 2022", None, "fr").is_full_date  # type: ignore[union-attr]


# --- a publication date known only to the month or the year ---------------------------------

@pytest.mark.parametrize("precision, expected", [
    ("day", ["2015-02-24", "2015-02-26", "2014-03", "2014-12-03"]),
    # "jeudi" needs the day of publication; "le 3 décembre" lies in the year before
    ("month", ["2015-02-24", None, "2014-03", "2014-12-03"]),
    # only dates in the year of publication, or stating their own year
    ("year", ["2015-02-24", None, "2014-03", None]),
])
def test_partial_publication_date(precision: str, expected: list[str | None]) -> None:
    text = "Le 24 février, A a parlé. Jeudi, B a répondu. En mars 2014, C. Le 3 décembre, D."
    pub = D(2015, 2, 26) if precision == "day" else D(2015, 2, 1) if precision == "month" else D(2015, 1, 1)
    found = {d.text: d.iso for _, _, d in find_dates(text, pub, "fr", precision)}
    assert [found.get(e) for e in ("Le 24 février", "Jeudi", "En mars 2014", "Le 3 décembre")] == expected
