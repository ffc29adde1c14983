"""XSD lexical forms: whether a literal's text is in the lexical space of its datatype (XML Schema 1.1 Part 2).

rdflib is lenient where Python is ("0_3" reads as the integer 3, "2022-09-20T10:00:00" as a date, "NaN"
as a decimal), and pySHACL trusts it. SHACL's sh:datatype asks for a well-formed lexical form; this
module answers for the datatypes SPARQL and the shapes use, and says "unknown" (None) for the others.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from rdflib import Literal

__all__ = ["well_formed"]

XSD = "http://www.w3.org/2001/XMLSchema#"

_TZ = r"(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))?"
_YEAR = r"-?(?:[1-9]\d{3,}|0\d{3})"
_MONTH, _DAY = r"(?:0[1-9]|1[0-2])", r"(?:0[1-9]|[12]\d|3[01])"
_TIME = r"(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?|24:00:00(?:\.0+)?)"
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)", re.ASCII)
_INTEGER = re.compile(r"[+-]?\d+", re.ASCII)
_FLOAT = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?INF|NaN", re.ASCII)
_DATE = re.compile(rf"({_YEAR})-({_MONTH})-({_DAY}){_TZ}", re.ASCII)
_DATETIME = re.compile(rf"({_YEAR})-({_MONTH})-({_DAY})T{_TIME}{_TZ}", re.ASCII)
_DATETIMESTAMP = re.compile(rf"({_YEAR})-({_MONTH})-({_DAY})T{_TIME}(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))", re.ASCII)
_PATTERNS: dict[str, re.Pattern[str]] = {
    "boolean": re.compile(r"true|false|1|0", re.ASCII),
    "decimal": _DECIMAL,
    "float": _FLOAT,
    "double": _FLOAT,
    "time": re.compile(rf"{_TIME}{_TZ}", re.ASCII),
    "gYear": re.compile(rf"{_YEAR}{_TZ}", re.ASCII),
    "gYearMonth": re.compile(rf"{_YEAR}-{_MONTH}{_TZ}", re.ASCII),
    "gMonth": re.compile(rf"--{_MONTH}{_TZ}", re.ASCII),
    "gDay": re.compile(rf"---{_DAY}{_TZ}", re.ASCII),
    "gMonthDay": re.compile(rf"--{_MONTH}-{_DAY}{_TZ}", re.ASCII),
    "duration": re.compile(r"-?P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?", re.ASCII),
    "language": re.compile(r"[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*", re.ASCII),
}
# Integer types: (least, greatest) value, None where unbounded.
_INTEGER_RANGES: dict[str, tuple[int | None, int | None]] = {
    "integer": (None, None), "nonNegativeInteger": (0, None), "positiveInteger": (1, None),
    "nonPositiveInteger": (None, 0), "negativeInteger": (None, -1),
    "long": (-2**63, 2**63 - 1), "int": (-2**31, 2**31 - 1), "short": (-2**15, 2**15 - 1), "byte": (-128, 127),
    "unsignedLong": (0, 2**64 - 1), "unsignedInt": (0, 2**32 - 1), "unsignedShort": (0, 2**16 - 1),
    "unsignedByte": (0, 255),
}


def _days_in(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _calendar(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    def check(text: str) -> bool:
        m = pattern.fullmatch(text)
        return m is not None and int(m.group(3)) <= _days_in(int(m.group(1)), int(m.group(2)))
    return check


def _integer(least: int | None, greatest: int | None) -> Callable[[str], bool]:
    def check(text: str) -> bool:
        if not _INTEGER.fullmatch(text):
            return False
        n = int(text)
        return (least is None or n >= least) and (greatest is None or n <= greatest)
    return check


_CHECKS: dict[str, Callable[[str], bool]] = {
    **{name: p.fullmatch for name, p in _PATTERNS.items()},  # type: ignore[misc]
    **{name: _integer(*bounds) for name, bounds in _INTEGER_RANGES.items()},
    "date": _calendar(_DATE),
    "dateTime": _calendar(_DATETIME),
    "dateTimeStamp": _calendar(_DATETIMESTAMP),
}


def well_formed(literal: Literal) -> bool | None:
    """True or False for a literal of an XSD datatype this module knows; None for any other literal."""
    datatype = literal.datatype
    if datatype is None or not str(datatype).startswith(XSD):
        return None
    check = _CHECKS.get(str(datatype)[len(XSD):])
    return None if check is None else bool(check(str(literal)))
