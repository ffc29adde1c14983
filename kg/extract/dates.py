"""Find date expressions in French or English text and resolve them (GUIDELINES §6).

Rules are regular expressions, one branch per kind of expression, joined into one
pattern per language. Relative expressions ("jeudi", "la semaine dernière",
"le 24 février") are resolved against the publication date; without one they are
skipped, while expressions that carry a year are still returned.

Speed: patterns run on lower-cased text, and only near "trigger" words (a digit, a
month or weekday name, "hier", "week" ...) that every expression contains.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kg.model import DateValue

DateSpan = tuple[int, int, DateValue]

_AHEAD_DAYS = 61  # an undated "24 février" may lie at most ~2 months after publication
_LOOKBACK = 40  # max text before an expression's first trigger word ("à la fin du mois de")

_FR_MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}
_FR_MONTH_ABBR = {
    "janv": 1, "févr": 2, "fevr": 2, "fév": 2, "fev": 2, "avr": 4, "juil": 7, "sept": 9,
    "oct": 10, "nov": 11, "déc": 12, "dec": 12,
}
_EN_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
_EN_MONTH_ABBR = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_FR_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_EN_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_PAST_WORDS = frozenset("dernier dernière derniere passé passée passe passee last".split())
_NEXT_WORDS = frozenset("prochain prochaine next".split())
# Relative days: the first of these found in the (lower-cased) expression wins.
_DAY_OFFSETS = (
    ("avant-hier", -2), ("après-demain", 2), ("apres-demain", 2), ("hier", -1),
    ("demain", 1), ("before yesterday", -2), ("after tomorrow", 2), ("yesterday", -1),
    ("last night", -1), ("tomorrow", 1),
)
_FR_TRIGGERS = "hier demain aujourd jour matin soir après-midi apres-midi nuit semaine mois année annee an"
_EN_TRIGGERS = "yesterday today tomorrow tonight morning afternoon evening night week month year"


def _alt(words: object) -> str:
    """Alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


_YEAR = r"(?:1[6-9][0-9][0-9]|20[0-9][0-9])\b"
_APOS = r"['’]\s?"
_ISO = r"(?P<iso_y>(?:1[6-9]|20)[0-9][0-9])-(?P<iso_m>[01][0-9])-(?P<iso_d>[0-3][0-9])\b"

_FR_TOKENS = {
    "d": r"(?:3[01]|[12][0-9]|0?[1-9])(?:er|ᵉʳ)?\b",
    "m": rf"(?:(?:{_alt(_FR_MONTHS)})\b|(?:{_alt(_FR_MONTH_ABBR)})\b\.?)",
    "y": _YEAR,
    "wd": rf"(?:{_alt(_FR_DAYS)})\b",
    "mod": r"(?:dernier|dernière|derniere|prochain|prochaine)\b",
    "rel": rf"(?:avant-hier|hier|aujourd{_APOS}hui|demain|ce\s+jour)",
    "tod": r"(?:matin|soir|après-midi|apres-midi|midi)\b",
}
_EN_TOKENS = {
    "d": r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?\b",
    "m": rf"(?:(?:{_alt(_EN_MONTHS)})\b|(?:{_alt(_EN_MONTH_ABBR)})\b\.?)",
    "mf": rf"(?:{_alt(_EN_MONTHS)})\b(?!['’]s\b)",
    "y": _YEAR,
    "wd": rf"(?:{_alt(_EN_DAYS)})\b",
    "rel": r"(?:yesterday|today|tomorrow)",
    "tod": r"(?:morning|afternoon|evening|night)\b",
}

# Branch templates (lower case): «name» or «name:vocab» is a captured token, ‹vocab› an
# uncaptured one. Order matters only between branches that can start at the same place.
_FR_BRANCHES = [
    ("rg", r"(?:du\s+)?«d1:d»(?:\s+«m1:m»)?(?:\s+au\s+|\s*[-–]\s*)«d»\s+«m»(?:\s+«y»)?"),
    ("rg2", r"les\s+«d1:d»(?:\s+«m1:m»)?\s+et\s+«d»\s+«m»(?:\s+«y»)?"),
    ("xd", r"(?:‹rel›\s*,?\s*)?(?:(?:le|ce)\s+)?(?:«wd»\s*,?\s+)?(?:le\s+)?«d»\s+«m»"
           r"(?:\s+«y»)?(?:\s+«mod»)?"),
    ("wdd", r"(?:(?:le|ce)\s+)?«wd»\s+«d»(?!(?:\s|[.,])*(?:[0-9]|h\b|heures?\b|‹m›))"),
    ("nd", rf"(?P<nd_a>[0-3]?[0-9])[/.](?P<nd_b>[01]?[0-9])[/.](?P<nd_y>{_YEAR})"),
    ("iso", _ISO),
    ("mo", rf"(?:(?:(?:à\s+la|au)\s+)?(?:fin|début|debut|mi)(?:\s*-\s*|\s+)"
           rf"(?:(?:du\s+mois\s+)?d(?:e\s+|{_APOS}))?|en\s+|courant\s+"
           rf"|(?:au|le|du|ce)\s+mois\s+d(?:e\s+|{_APOS}))«m»(?:\s+«y»)?(?:\s+«mod»)?"),
    ("my", r"«m»\s+«y»"),
    ("yr", r"(?:(?:(?:à\s+la|au)\s+)?(?:fin|début|debut|mi)(?:\s*-\s*|\s+)|en\s+|courant\s+)«y»"),
    ("rw", r"(?:la\s+semaine\s+(?:dernière|derniere|passée|passee|prochaine)|cette\s+semaine"
           r"|en\s+(?:début|debut|fin)\s+de\s+semaine)\b"),
    ("rm", r"(?:le\s+mois\s+(?:dernier|passé|passe|prochain)|ce\s+mois(?:-ci)?)\b"),
    ("ry", rf"(?:l{_APOS}(?:année|annee|an)\s+(?:dernière|derniere|dernier|passée|passee"
           r"|passé|passe|prochaine|prochain)|cette\s+ann[ée]e)\b"),
    ("rd", rf"(?:avant-hier|après-demain|apres-demain|hier|demain|aujourd{_APOS}hui"
           r"|ce\s+jour\b(?!(?:\s|-)*là)|ce\s+matin|ce\s+soir|cet\s+après-midi|cette\s+nuit)"
           r"(?:\s+‹tod›)?\b"),
    ("wd", r"(?:ce\s+)?«wd»(?:\s+‹tod›)?(?:\s+«mod»)?"),
]
_EN_BRANCHES = [
    ("rg", r"(?:(?:on|from)\s+)?«m»\s+«d1:d»\s*(?:[-–]|to|through)\s*«d»(?:,?\s+«y»)?"),
    ("rg2", r"«d1:d»\s*[-–]\s*«d»\s+«m»(?:,?\s+«y»)?"),
    ("xd", r"(?:‹rel›\s*,?\s+)?(?:on\s+)?(?:«wd»\s*,?\s+)?(?:(?:the\s+)?«d»(?:\s+of)?\s+«m»"
           r"(?:,?\s+«y»)?|«m2:m»\s+«d2:d»(?:,?\s+«y2:y»)?)"),
    ("nd", rf"(?P<nd_a>[01]?[0-9])/(?P<nd_b>[0-3]?[0-9])/(?P<nd_y>{_YEAR})"),
    ("iso", _ISO),
    ("mo", r"(?:(?:in\s+)?(?:early|late|mid)(?:\s*-\s*|\s+)|in\s+|(?:(?:at|in|by)\s+)?the\s+"
           r"(?:end|beginning|start|middle)\s+of\s+)«m:mf»(?:(?:\s+of)?,?\s+«y»)?"),
    ("my", r"«m:mf»(?:\s+of)?,?\s+«y»"),
    ("yr", r"(?:(?:in\s+)?(?:early|late|mid)(?:\s*-\s*|\s+)|in\s+)«y»"),
    ("rw", r"(?:last|this|next)\s+week\b"),
    ("rm", r"(?:last|this|next)\s+month\b"),
    ("ry", r"(?:last|this|next)\s+year\b"),
    ("rd", r"(?:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today"
           r"|tomorrow|tonight|this\s+(?:morning|afternoon|evening)|last\s+night)(?:\s+‹tod›)?\b"),
    ("wd", r"(?:(?:on|this|last|next)\s+)?«wd»(?:\s+‹tod›)?"),
]


def _compile(branches: list[tuple[str, str]], tokens: dict[str, str]) -> re.Pattern[str]:
    """Expand the token placeholders and join the branches into one pattern."""
    parts = []
    for name, template in branches:
        def captured(m: re.Match[str], name: str = name) -> str:
            group, _, vocab = m.group(1).partition(":")
            return f"(?P<{name}_{group}>{tokens[vocab or group]})"

        body = re.sub(r"«([\w:]+)»", captured, template)
        body = re.sub(r"‹(\w+)›", lambda m: tokens[m.group(1)], body)
        # Spaces: never a newline (an expression stays on its line), and a bounded run
        # (no quadratic backtracking on long blank stretches).
        for loose, tight in ((r"\s+", "{1,3}"), (r"\s*", "{0,3}"), (r"\s?", "?"), (r"\s", "")):
            body = body.replace(loose, r"[^\S\n]" + tight)
        parts.append(f"(?P<{name}>{body})")
    return re.compile(r"\b(?:" + "|".join(parts) + ")")


def _trigger(words: list[str]) -> re.Pattern[str]:
    """Digits or whole words; the lookahead lets the engine skip most positions quickly."""
    first = "".join(sorted({w[0] for w in words}))
    return re.compile(rf"\b(?=[0-9{first}])(?:[0-9]|(?:{_alt(words)})\b)")


@dataclass(frozen=True)
class _Lang:
    pattern: re.Pattern[str]
    trigger: re.Pattern[str]
    months: dict[str, int]
    weekdays: dict[str, int]
    day_first: bool  # numeric dates: 24/02/2022 (fr) or 02/24/2022 (en)
    capitalised: bool  # month and weekday names must be capitalised in the text (en)


_LANGS = {
    "fr": _Lang(
        _compile(_FR_BRANCHES, _FR_TOKENS),
        _trigger([*_FR_MONTHS, *_FR_MONTH_ABBR, *_FR_DAYS, *_FR_TRIGGERS.split()]),
        {**_FR_MONTHS, **_FR_MONTH_ABBR}, {d: i for i, d in enumerate(_FR_DAYS)},
        day_first=True, capitalised=False,
    ),
    "en": _Lang(
        _compile(_EN_BRANCHES, _EN_TOKENS),
        _trigger([*_EN_MONTHS, *_EN_MONTH_ABBR, *_EN_DAYS, *_EN_TRIGGERS.split()]),
        {**_EN_MONTHS, **_EN_MONTH_ABBR}, {d: i for i, d in enumerate(_EN_DAYS)},
        day_first=False, capitalised=True,
    ),
}
_NAME_GROUPS = ("m", "m1", "m2", "wd")  # groups holding month or weekday names


# --- calendar helpers -------------------------------------------------------------------

def _shift(expr: str) -> int:
    """-1 for "dernier"/"last", +1 for "prochain"/"next", else 0."""
    words = set(re.findall(r"\w+", expr.lower()))
    return -1 if words & _PAST_WORDS else 1 if words & _NEXT_WORDS else 0


def _day_offset(expr: str) -> int:
    low = expr.lower()
    return next((off for word, off in _DAY_OFFSETS if word in low), 0)


def _date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (31 February)."""
    if 1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
        return dt.date(year, month, day)
    return None


def _pick_day(pub: dt.date, month: int, day: int, shift: int, weekday: int | None) -> dt.date | None:
    """The year of an undated day: the latest at most ~2 months ahead, or as cues say."""
    cands = [c for y in (pub.year - 1, pub.year, pub.year + 1) if (c := _date(y, month, day))]
    if weekday is not None:  # "jeudi 20 octobre": the year where the weekday fits
        fitting = [c for c in cands if c.weekday() == weekday]
        if fitting:
            return min(fitting, key=lambda c: abs((c - pub).days))
    if shift < 0:
        return max((c for c in cands if c < pub), default=None)
    if shift > 0:
        return min((c for c in cands if c > pub), default=None)
    return max((c for c in cands if (c - pub).days <= _AHEAD_DAYS), default=None)


def _pick_month(pub: dt.date, month: int, shift: int) -> str:
    cands = [dt.date(y, month, 1) for y in (pub.year - 1, pub.year, pub.year + 1)]
    this = pub.replace(day=1)
    if shift < 0:
        found = max(c for c in cands if c < this)
    elif shift > 0:
        found = min(c for c in cands if c > this)
    else:
        found = max(c for c in cands if (c - pub).days <= _AHEAD_DAYS)
    return f"{found.year:04d}-{found.month:02d}"


def _weekday_date(pub: dt.date, weekday: int, shift: int) -> dt.date:
    """Latest such weekday on or before `pub`; strictly before ("last") or after ("next")."""
    if shift > 0:
        return pub + dt.timedelta(days=(weekday - pub.weekday()) % 7 or 7)
    back = (pub.weekday() - weekday) % 7
    return pub - dt.timedelta(days=(back or 7) if shift < 0 else back)


# --- resolvers: (match, branch, published, language) -> ISO text or None ------------------

_Resolver = Callable[[re.Match[str], str, "dt.date | None", _Lang], "str | None"]
_DIGITS = re.compile(r"[0-9]+")
_YEAR_ONLY = re.compile(r".*\b(?:1[6-9]|20)[0-9][0-9]\b")  # the expression states its own year
_WORD_START = re.compile(r"\b\w")


def _g(m: re.Match[str], branch: str, key: str) -> str | None:
    """The group's text; None if it did not take part or the branch has no such group."""
    name = f"{branch}_{key}"
    return m.group(name) if name in m.re.groupindex else None


def _num(m: re.Match[str], branch: str, key: str) -> int:
    found = _DIGITS.match(m.group(f"{branch}_{key}"))
    assert found is not None
    return int(found.group())


def _month(lang: _Lang, m: re.Match[str], branch: str, key: str = "m") -> int:
    return lang.months[m.group(f"{branch}_{key}").rstrip(".")]


def _explicit_day(m: re.Match[str], b: str, pub: dt.date | None, lang: _Lang) -> str | None:
    sfx = "" if _g(m, b, "d") is not None else "2"  # English "February 24" form uses d2, m2
    day, month, year = _num(m, b, "d" + sfx), _month(lang, m, b, "m" + sfx), _g(m, b, "y" + sfx)
    if year is not None:
        found = _date(int(year), month, day)
    elif pub is None:
        return None
    else:
        wd = _g(m, b, "wd")
        found = _pick_day(pub, month, day, _shift(m.group(b)), lang.weekdays[wd] if wd else None)
    return found.isoformat() if found else None


def _weekday_day(m: re.Match[str], b: str, pub: dt.date | None, lang: _Lang) -> str | None:
    """"mercredi 29": the nearest date with that weekday and day of the month."""
    if pub is None:
        return None
    weekday, day = lang.weekdays[m.group(f"{b}_wd")], _num(m, b, "d")
    cands = [
        c for k in (-1, 0, 1)
        if (c := _date(pub.year + (pub.month + k - 1) // 12, (pub.month + k - 1) % 12 + 1, day))
        and c.weekday() == weekday
    ]
    return min(cands, key=lambda c: abs((c - pub).days)).isoformat() if cands else None


def _range(m: re.Match[str], b: str, pub: dt.date | None, lang: _Lang) -> str | None:
    """"du 22 au 23 mars 2018" -> 2018-03-22/2018-03-23."""
    m2, year = _month(lang, m, b), _g(m, b, "y")
    m1 = _month(lang, m, b, "m1") if _g(m, b, "m1") else m2
    if year is not None:
        end = _date(int(year), m2, _num(m, b, "d"))
    elif pub is not None:
        end = _pick_day(pub, m2, _num(m, b, "d"), 0, None)
    else:
        return None
    start = _date(end.year - (m1 > m2), m1, _num(m, b, "d1")) if end else None
    if end is None or start is None or start >= end:
        return None
    return f"{start.isoformat()}/{end.isoformat()}"


def _numeric(m: re.Match[str], b: str, pub: dt.date | None, lang: _Lang) -> str | None:
    a, c, year = int(m.group("nd_a")), int(m.group("nd_b")), int(m.group("nd_y"))
    found = _date(year, c, a) if lang.day_first else _date(year, a, c) or _date(year, c, a)
    return found.isoformat() if found else None


def _iso(m: re.Match[str], b: str, pub: dt.date | None, lang: _Lang) -> str | None:
    found = _date(int(m.group("iso_y")), int(m.group("iso_m")), int(m.group("iso_d")))
    return found.isoformat() if found else None


def _month_expr(m: re.Match[str], b: str, pub: dt.date | None, lang: _Lang) -> str | None:
    month, year = _month(lang, m, b), _g(m, b, "y")
    if year is not None:
        return f"{int(year):04d}-{month:02d}"
    return _pick_month(pub, month, _shift(m.group(b))) if pub else None


def _year(m: re.Match[str], b: str, pub: dt.date | None, lang: _Lang) -> str | None:
    return _g(m, b, "y")


def _rel_week(m: re.Match[str], b: str, pub: dt.date | None, lang: _Lang) -> str | None:
    if pub is None:
        return None
    year, week, _ = (pub + dt.timedelta(days=7 * _shift(m.group(b)))).isocalendar()
    return f"{year:04d}-W{week:02d}"


def _rel_month(m: re.Match[str], b: str, pub: dt.date | None, lang: _Lang) -> str | None:
    if pub is None:
        return None
    index = pub.year * 12 + pub.month - 1 + _shift(m.group(b))
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _rel_year(m: re.Match[str], b: str, pub: dt.date | None, lang: _Lang) -> str | None:
    return f"{pub.year + _shift(m.group(b)):04d}" if pub else None


def _rel_day(m: re.Match[str], b: str, pub: dt.date | None, lang: _Lang) -> str | None:
    return (pub + dt.timedelta(days=_day_offset(m.group(b)))).isoformat() if pub else None


def _weekday(m: re.Match[str], b: str, pub: dt.date | None, lang: _Lang) -> str | None:
    if pub is None:
        return None
    weekday = lang.weekdays[m.group(f"{b}_wd")]
    shift = _shift(m.group(b))
    if not lang.day_first and shift == 0 and (pub + dt.timedelta(days=1)).weekday() == weekday:
        # English: a bare weekday naming the day after publication is that day (an event still
        # ahead, or one that fell on the next local day in a story dated in US time; GUIDELINES §6)
        return (pub + dt.timedelta(days=1)).isoformat()
    return _weekday_date(pub, weekday, shift).isoformat()


_RESOLVERS: dict[str, _Resolver] = {
    "rg": _range, "rg2": _range, "xd": _explicit_day, "wdd": _weekday_day, "nd": _numeric,
    "iso": _iso, "mo": _month_expr, "my": _month_expr, "yr": _year, "rw": _rel_week,
    "rm": _rel_month, "ry": _rel_year, "rd": _rel_day, "wd": _weekday,
}


# --- matching -------------------------------------------------------------------------------

def _fold(text: str) -> str:
    """Lower case, keeping the length (so offsets carry over)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _matches(rules: _Lang, folded: str) -> Iterator[re.Match[str]]:
    """Leftmost non-overlapping matches, tried only at word starts shortly before triggers."""
    searched = 0  # no match starts before this, besides those yielded
    for t in rules.trigger.finditer(folded):
        if t.start() < searched:
            continue
        window = max(searched, t.start() - _LOOKBACK, folded.rfind("\n", 0, t.start()) + 1)
        for word in _WORD_START.finditer(folded, window, t.start() + 1):
            m = rules.pattern.match(folded, word.start())
            if m is not None:
                searched = m.end()
                yield m
                break
        else:
            searched = t.start() + 1


# Branches that count days or weeks from the publication date: they need its day.
_NEEDS_DAY = frozenset({"wdd", "rw", "rd", "wd"})


def _resolve(m: re.Match[str], text: str, pub: dt.date | None, rules: _Lang,
             precision: str = "day") -> DateValue | None:
    branch = m.lastgroup
    assert branch is not None
    if rules.capitalised:  # "May" the month, not "may" the verb
        for key in _NAME_GROUPS:
            if _g(m, branch, key) is not None and not text[m.start(f"{branch}_{key}")].isupper():
                return None
    if pub is not None and precision != "day":
        # Only the month or the year of publication is known ("2015-06"): "jeudi", "hier" and "la
        # semaine dernière" cannot be placed; "le 24 février" and "en mars" take the year when it is
        # not in doubt (the same year as publication).
        if branch in _NEEDS_DAY:
            return None
        if precision == "month":
            pub = pub.replace(day=15)
    iso = _RESOLVERS[branch](m, branch, pub, rules)
    if iso is not None and pub is not None and precision == "year" and not _YEAR_ONLY.match(m.group(branch) or "") \
            and not iso.startswith(f"{pub.year:04d}"):
        return None
    return DateValue(iso=iso, text=text[m.start():m.end()]) if iso is not None else None


def _rules(lang: str) -> _Lang | None:
    return _LANGS.get((lang or "")[:2].lower())


def find_dates(text: str, published: dt.date | None, lang: str, precision: str = "day") -> list[DateSpan]:
    """Every date expression in `text` as (start, end, DateValue), in text order.

    Spans do not overlap and `text[start:end] == DateValue.text`. Languages other than
    French and English give an empty list. `precision` says how much of `published` is known
    ("day", or "month" / "year" for a record dated "2015-06" / "2015").
    """
    rules = _rules(lang)
    if rules is None:
        return []
    found: list[DateSpan] = []
    for m in _matches(rules, _fold(text)):
        value = _resolve(m, text, published, rules, precision)
        if value is not None:
            found.append((m.start(), m.end(), value))
    return found


def resolve_date(expr: str, published: dt.date | None, lang: str) -> DateValue | None:
    """Resolve one whole expression ("jeudi dernier", "Feb. 24"), or None if it is not one."""
    rules = _rules(lang)
    surface = expr.strip()
    m = rules.pattern.fullmatch(_fold(surface)) if rules else None
    return _resolve(m, surface, published, rules) if rules and m else None
