"""robots.txt as RFC 9309 reads it (Python's urllib.robotparser knows neither `*` nor `$`, and lets the
first rule that matches win instead of the most specific).

    rules = parse_robots(text, "newskg")
    rules.allows("/news/2024/a.html?x=1")     # path and query, as requested

The group whose user-agent names our product token (case-insensitively) applies, else the `*`
group; several groups naming it are merged. A path is allowed unless its longest matching rule
is a Disallow (a tie goes to Allow); `*` matches any run of characters and a final `$` the end.
An empty Disallow allows everything. `Crawl-delay` (not in the RFC, but widely given) is read
from the same group.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from urllib.parse import quote

_SAFE = "/%*$?=&;:@!'()+,-._~"  # left as they are; anything else (non-ASCII, spaces) percent-encoded
_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")
MAX_RULES = 10_000  # a robots.txt with more is read up to that many


@dataclass(frozen=True)
class Rule:
    allow: bool
    pattern: str  # percent-encoded, hex in upper case
    regex: re.Pattern[str]


@dataclass
class Robots:
    """The rules that apply to one product token."""

    rules: list[Rule] = field(default_factory=list)
    crawl_delay: float | None = None

    def allows(self, path: str) -> bool:
        target = _normalise(path or "/")
        if target == "/robots.txt":
            return True
        best: Rule | None = None
        for rule in self.rules:
            if rule.regex.match(target) and (best is None or len(rule.pattern) > len(best.pattern)
                                             or (len(rule.pattern) == len(best.pattern) and rule.allow)):
                best = rule
        return best is None or best.allow


def parse_robots(text: str, agent: str) -> Robots:
    """The rules of `text` for the product token `agent` (the `*` group when none names it)."""
    token = agent.lower()
    mine, anyone = Robots(), Robots()
    named_us = False
    agents: list[str] = []
    in_rules = False  # a user-agent line after rules starts a new group
    count = 0
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        key, sep, value = line.partition(":")
        if not sep:
            continue
        key, value = key.strip().lower().replace(" ", "-"), value.strip()
        if key in ("user-agent", "useragent"):
            if in_rules:
                agents, in_rules = [], False
            agents.append(value.lower())
            continue
        if key not in ("allow", "disallow", "crawl-delay") or not agents:
            continue
        in_rules = True
        targets = []
        if any(a == token or (a and a.split("/")[0] == token) for a in agents):
            targets.append(mine)
            named_us = True
        if "*" in agents:
            targets.append(anyone)
        for group in targets:
            if key == "crawl-delay":
                try:
                    delay = float(value)
                except ValueError:
                    continue  # not a number: as if the line were not there
                if math.isfinite(delay) and delay >= 0:
                    group.crawl_delay = delay
            elif value and count < MAX_RULES:
                group.rules.append(_rule(key == "allow", value))
                count += 1
    return mine if named_us else anyone


def _rule(allow: bool, pattern: str) -> Rule:
    normal = _normalise(pattern)
    anchored = normal.endswith("$")
    body = normal[:-1] if anchored else normal
    regex = ".*".join(re.escape(part) for part in body.split("*")) + (r"\Z" if anchored else "")
    return Rule(allow, normal, re.compile(regex))


def _normalise(path: str) -> str:
    """Percent-encoded (non-ASCII and spaces), escapes in upper case, so that both sides compare alike."""
    return _ESCAPE.sub(lambda m: m.group(0).upper(), quote(path, safe=_SAFE))
