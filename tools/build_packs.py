#!/usr/bin/env python3
"""Build ``kg/extract/packs/en/cameo.tsv`` from PETRARCH2's CAMEO verb dictionary.

Run by hand: ``python tools/build_packs.py [--cameo PATH] [--output PATH]``.
Reads ``CAMEO.2.0.txt`` (MIT, Open Event Data Alliance): its ``&SET`` noun lists, its verb
blocks (``---  AGREE   [050]  ---``), their verbs (irregular forms in braces, ``+MULTI_WORD``
forms) and their patterns (``- * &TREATY [057:057] # SIGN``). It does not take whole blocks:
CAMEO groups hostile or remote verbs with meeting verbs (MEET with CONFRONT and FACE, CONFER
with SPEAK), so what is taken is curated below (``BLOCKS``, ``TAKES``, ``NOUNS``), each
decision with a one-line reason; the other members of a reviewed block are in ``DENY``, and
every block coded 030-059 is either used or in ``DENIED_BLOCKS``. Each line is checked
against the English spaCy model (the lemma it gives an inflected form in an invented
sentence); a line whose lemma the model never gives is written as a comment instead.
Lines that ``triggers.tsv`` (written by hand) has with the same lemma, pos and frame are
left to it.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CAMEO = REPO.parent / "shared" / "gazetteer" / "petrarch2_cameo" / "CAMEO.2.0.txt"
PACK_DIR = REPO / "kg" / "extract" / "packs" / "en"  # pack.toml (model, sets) and triggers.tsv (hand lines)
DEFAULT_OUTPUT = PACK_DIR / "cameo.tsv"
COLUMNS = ("lemma", "pos", "frame", "status", "cameo", "requires", "source")
AGREEMENT_FRAMES = {"agree", "sign", "ratify", "initial", "conclude", "extend", "adopt", "vote", "decide",
                    "commit", "pledge", "reaffirm", "join"}
# The second word of a +MULTI_WORD verb that becomes a `prep:` condition; others (OUT, UP...) cannot.
PREPOSITIONS = {"with", "to", "into", "on", "in", "for", "against", "at", "from", "over", "about", "by"}


class BuildError(Exception):
    """The CAMEO file or the curated lists below no longer agree."""


# ---------------------------------------------------------------------------------------------
# What is taken. Verb spellings are CAMEO's (upper case, `_` between the words of a multi-word
# verb, without its `+`).


@dataclass(frozen=True)
class Take:
    """Verbs of one CAMEO block that become one trigger line each."""

    block: str
    verbs: tuple[str, ...]
    frame: str
    status: str
    cameo: str
    requires: str = ""
    evidence: tuple[str, ...] = ()  # CAMEO pattern lines of the block this rests on (checked)
    why: str = ""


@dataclass(frozen=True)
class Nouns:
    """Nouns of a CAMEO `&SET` (or objects of a block's patterns) that become noun triggers."""

    source: str  # "&TREATY" or a block name
    words: tuple[str, ...]
    frame: str
    status: str
    cameo: str
    why: str = ""


# Blocks reviewed member by member: every verb in them is taken (TAKES) or denied (DENY).
BLOCKS: dict[str, str] = {
    "AGREE": "050: the head verb of agreeing",
    "PLEDGE": "030: pledges",
    "PROMISE": "030: promises",
    "MEET_PEOPLE": "040: meeting people, mixed with hostile and remote contact",
    "CONFER": "010/040: conferring, mixed with mere speaking",
    "VISIT": "042/043: visits",
    "HOST": "043/042: hosting",
    "REASSERT": "051: reasserting",
}

# Members of the reviewed blocks that are not taken.
DENY: dict[str, str] = {
    "SUBSCRIBE": "'subscribe to a view/newspaper': holding an opinion, not a pledge",
    "ASSURE": "reassurance, a statement rather than a pledge",
    "CERTIFY": "attesting a fact",
    "ENSURE": "bringing something about ('the law ensures...')",
    "GUARANTEE": "mostly impersonal ('nothing guarantees...')",
    "VOUCH": "attesting for someone",
    "COMMUNICATE_WITH": "can be remote (letters, phone)",
    "RUN_INTO": "a chance encounter, or running into trouble",
    "BRAVE": "hostile: braving a danger",
    "CONFRONT": "hostile: confronting an adversary",
    "CONTACT": "can be remote (phone, letter)",
    "ENCOUNTER": "mostly hostile or about problems ('encountered resistance')",
    "FACE": "hostile or about problems ('faces charges')",
    "INTERACT": "vague, not a meeting",
    "CONSULT": "CAMEO 040 includes phone; 'consult experts/the public' is no meeting",
    "SPEAK": "'spoke with' is often by phone or to the press; CAMEO codes it 010 (statement)",
    "UTTER": "a statement",
    "VERBALISE": "a statement",
    "VERBALIZE": "a statement",
}

# Blocks coded 030-059 that give nothing (the verbs of some are taken by a pattern in TAKES).
DENIED_BLOCKS: dict[str, str] = {
    "INTEND": "030 intent, not a pledge",
    "OFFER": "030 an offer, not an agreement",
    "PREPARE": "030 preparation",
    "REVIVE": "030 reviving a process",
    "SIGNAL": "030 (no verbs)",
    "STRIVE": "030 effort",
    "ARRIVE": "040 travel; 'arrived for talks' is carried by the noun 'talks'",
    "CABLE": "040 a telegram: remote",
    "CONSIDER": "040 deliberation",
    "HEAR": "040 hearing about something",
    "INTRODUCE": "040 introducing a measure",
    "INVITE": "040 an invitation is not a meeting (it is a modality cue)",
    "NOTIFY": "040 notice: remote",
    "CALL": "041 phone/telephone contact is not a meeting",
    "BARGAIN": "050 haggling, brokering, commerce",
    "COLLABORATE": "050 cooperating or siding with (+SIDE_WITH) is not an agreement",
    "COORDINATE": "050 coordination",
    "DISCLOSE": "050 disclosure",
    "INFLUENCE": "050 influence",
    "REJOICE": "050 rejoicing",
    "ACCLAIM": "051 praise; 'welcome' is hand-written in triggers.tsv",
    "APPRECIATE": "051 praise",
    "BLESS": "051 praise",
    "ENCOURAGE": "051 praise",
    "FAVOR": "051 favouring",
    "LAUD": "051 praise",
    "LEGITIMISE": "051 praise",
    "RESPECT": "051 respect",
    "THANK": "051 thanks",
    "FORMALIZE": "054 recognition",
    "APOLOGIZE": "055 apology",
    "FORGIVE": "056 forgiveness",
}

TAKES: tuple[Take, ...] = (
    # --- agreements
    Take("AGREE", ("AGREE",), "agree", "agreed", "050", why="the block's head verb"),
    Take("SIGN", ("SIGN",), "sign", "signed", "057", evidence=("* &TREATY [057:057] # SIGN",),
         why="057 sign formal agreement"),
    Take("ALLOW", ("RATIFY",), "ratify", "ratified", "057", evidence=("* &TREATY [057] # RATIFY",),
         why="057 ratifying a treaty"),
    Take("ALLOW", ("APPROVE",), "agree", "agreed", "057", "obj:ACCORD",
         evidence=("* &TREATY [057:057] # APPROVE",),
         why="approving a treaty-like text (a plan or a budget: hand `adopt`)"),
    Take("SUPPORT", ("ENDORSE",), "agree", "agreed", "057", "obj:ACCORD",
         evidence=("* AGREEMENTS [057] # ENDORSE",), why="endorsing an agreement; 'endorse a candidate' is not"),
    Take("ASSEMBLE", ("JOIN",), "join", "agreed", "057", "obj:ACCORD",
         evidence=("* &TREATY [057:057] # JOIN",), why="joining a treaty; 'join a rally/coalition' is not"),
    Take("ENTER", ("ENTER",), "conclude", "concluded", "057", "obj:ACCORD",
         evidence=("* &TREATY [057:057] # ENTER",),
         why="direct object only: 'enter into an agreement' would need the object of 'into', "
             "and the subject of 'the treaty entered into force' must not count"),
    Take("FINISH", ("CONCLUDE",), "conclude", "concluded", "057", "obj:AGREEMENT",
         evidence=("* &TREATY [057:057] # CONCLUDE",), why="concluding a treaty"),
    Take("FINISH", ("FINALIZE",), "conclude", "concluded", "057", "obj:ACCORD",
         evidence=("* &TREATY [057:057] # CONCLUDE",),
         why="by the same pattern; ACCORD: 'finalized the plan/text' is not; complete/finish/wrap up are aspect"),
    Take("CLINCH", ("CLINCH",), "conclude", "concluded", "057", "obj:ACCORD",
         evidence=("* &TREATY [050] # CLINCH", "* DEAL [061:061] # CLINCH"), why="clinching a deal"),
    Take("REACH", ("REACH",), "agree", "agreed", "057", "obj:ACCORD",
         evidence=("* &TREATY [037:037] # REACH", "* COMPROMISE [037:037] # REACH", "* CONSENSUS [037:037] # REACH",
                   "* UNDERSTANDING [030:030] # REACH", "* DEAL [030] # REACH"), why="reaching an agreement"),
    Take("PHYSICAL_CONFLICT", ("STRIKE",), "agree", "agreed", "057", "obj:ACCORD",
         evidence=("* DEAL [057] # STRIKE",), why="striking a deal"),
    Take("PHYSICAL_CONFLICT", ("HAMMER",), "agree", "agreed", "057", "obj:ACCORD",
         evidence=("* &TREATY [030] # HAMMER",), why="hammering out an agreement"),
    Take("PLEDGE", ("PLEDGE",), "pledge", "pledge", "030", why="the block's head verb"),
    Take("PROMISE", ("PROMISE",), "pledge", "pledge", "030", why="the block's head verb"),
    Take("PERPETUATE", ("COMMIT",), "commit", "commitment", "030", evidence=("* (TO COOPERATION) [030] # COMMIT",),
         why="committing to cooperation"),
    Take("CONFIRM", ("REAFFIRM",), "reaffirm", "reaffirmed", "051", why="reaffirming"),
    Take("CONFIRM", ("AFFIRM", "CONFIRM"), "reaffirm", "reaffirmed", "051", "obj:commitment|pledge",
         evidence=("* COMMITMENT [050] # AFFIRM", "* COMMITMENT [050] # CONFIRM , REAFFIRM"),
         why="only of a commitment: 'confirmed the arrest' is not"),
    Take("QUOTE", ("REITERATE", "RESTATE"), "reaffirm", "reaffirmed", "051", "obj:commitment|pledge",
         evidence=("* COMMITMENT [030] # REITERATE", "* PLEDGE [030] # REITERATE", "* COMMITMENT [050] # RESTATE"),
         why="only of a commitment: 'reiterated its demand' is not"),
    Take("REASSERT", ("REASSERT",), "reaffirm", "reaffirmed", "051", "obj:commitment|pledge",
         why="as reiterate: 'reasserted its claim' is not"),
    # --- meetings
    Take("MEET_PEOPLE", ("MEET", "MEET_WITH"), "meet", "", "040", why="meeting people"),
    Take("CONFER", ("CONFER", "CONVERSE", "DISCUSS", "TALK"), "talks", "", "046", "prep:with",
         evidence=("* (WITH) [046:046]",),
         why="with someone only: 'conferred an award', 'discussed the issue' alone are not talks"),
    Take("COMPROMISE", ("NEGOTIATE",), "negotiate", "", "046", evidence=("* (WITH) [050:050] # NEGOTIATE",),
         why="negotiating (CAMEO files it under 080 with mediate and settle)"),
    Take("CONFINE", ("HOLD",), "talks", "", "046", "obj:TALKS",
         evidence=("* TALKS [046:046] # HOLD", "* MEETING [046:046] # HOLD", "* &NEGOTIATION [046:046] # HOLD"),
         why="holding talks or a meeting"),
    Take("CONFINE", ("HOLD",), "summit", "", "040", "obj:summit", evidence=("* SUMMIT [040:040] # HOLD",),
         why="holding a summit; not 'hold a conference' (CAMEO: news conference, 017)"),
    Take("GO_SOMEWHERE", ("ATTEND",), "attend", "", "044", "obj:MEETING",
         evidence=("* SUMMIT [044] # ATTEND", "* MEETING [042:043] # ATTEND"),
         why="attending a meeting; not a funeral or a ceremony (017)"),
    Take("APPREHEND", ("TAKE",), "attend", "", "046", "obj:part,prep:in,dep:MEETING",
         evidence=("* PART (IN SUMMIT) [046] # TAKE",), why="taking part in a meeting"),
    Take("ASSEMBLE", ("CONVENE",), "meet", "", "040",
         evidence=("* SUMMIT [040] # CONVENE", "* MEETING [046:046] # CONVENE"),
         why="convening; the other gathering verbs of the block are crowds"),
    Take("ASSEMBLE", ("HUDDLE",), "talks", "", "046", "prep:with", evidence=("* WITH [046:046] # HUDDLE",),
         why="huddling with someone"),
    Take("ENGAGE", ("ENGAGE",), "talks", "", "046", "prep:in,dep:TALKS",
         evidence=("* (IN &NEGOTIATION) [046] # ENGAGE",), why="engaging in talks; the block is fighting"),
    Take("TRADE", ("EXCHANGE",), "talks", "", "046", "obj:view|idea",
         evidence=("* IDEAS [046:046] # EXCHANGE", "* VIEWS [046] # EXCHANGE"),
         why="exchanging views; not messages (040, remote) or prisoners"),
    Take("FINANCE", ("PAY",), "visit", "", "042", "obj:visit|trip",
         evidence=("* VISIT [042:043] # PAY", "* TRIP [042:043] # PAID"), why="paying a visit"),
    Take("VISIT", ("VISIT",), "visit", "", "042", why="visiting"),
    Take("HOST", ("HOST",), "host", "", "043", why="hosting"),
    Take("OBTAIN", ("RECEIVE",), "receive", "", "043", evidence=("* ENVOY [043:042] # RECEIVE",),
         why="receiving an envoy"),
)

# Nouns state an event only with their participants: every line gets `args`.
NOUNS: tuple[Nouns, ...] = (
    Nouns("&TREATY", ("TREATY",), "sign", "signed", "057", "a treaty is signed"),
    Nouns("&TREATY", ("AGREEMENT", "ACCORD", "PACT"), "agree", "agreed", "057", "an agreement between parties"),
    Nouns("&CEASEFIRE", ("TRUCE", "ARMISTICE", "CEASEFIRE", "CEASE-FIRE"), "agree", "agreed", "0871",
          "a truce between parties (CAMEO: SIGN * &CEASEFIRE [0871])"),
    Nouns("SIGN", ("MEMORANDUM", "PROTOCOL"), "sign", "signed", "057", "objects of SIGN coded 057"),
    Nouns("REACH", ("DEAL",), "agree", "agreed", "057", "REACH * DEAL, STRIKE * DEAL [057]"),
    Nouns("&NEGOTIATION", ("NEGOTIATION", "DIALOGUE", "DISCUSSION"), "talks", "", "046", "talks between parties"),
    Nouns("CONFINE", ("TALK", "CONSULTATION"), "talks", "", "046", "HOLD * TALKS [046], * CONSULTATIONS [040]"),
    Nouns("CONFINE", ("MEETING",), "meet", "", "040", "HOLD * MEETING [046]"),
    Nouns("CONFINE", ("SUMMIT",), "summit", "", "040", "HOLD * SUMMIT [040]"),
    Nouns("START", ("VISIT", "TRIP"), "visit", "", "042", "START * VISIT, * TRIP [042:043]"),
)

# Members of the noun sets used above that are not taken.
DENY_NOUNS: dict[str, str] = {
    "WRITTEN_AGREEMENT": "two words; its head 'agreement' is taken",
    "CEASE_FIRE": "two words; 'ceasefire' is taken",
}
# Not taken although CAMEO patterns use them (for the record): CONFERENCE ('news conference',
# HOLD * {&INFORMATION CONFERENCE} [017]), SESSION (HOLD * SESSION [---]), DINNER, TOUR (concerts,
# sports), DECLARATION (unilateral: 'declaration of independence'), LAW (not between parties).


# ---------------------------------------------------------------------------------------------
# Reading CAMEO.2.0.txt


@dataclass
class Verb:
    """One verb line of a block: its CAMEO spelling, head lemma, other words and head forms."""

    text: str
    head: str
    others: tuple[str, ...]
    forms: tuple[str, ...]
    code: str | None


@dataclass
class Block:
    """A verb synonym block with its patterns (normalised pattern text)."""

    name: str
    code: str
    verbs: dict[str, Verb] = field(default_factory=dict)
    patterns: list[str] = field(default_factory=list)


@dataclass
class Cameo:
    """The parsed dictionary."""

    sets: dict[str, list[str]]
    blocks: dict[str, Block]


_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_VERB = re.compile(r"^(?P<word>[^\s{\[#]+)\s*(?:\{(?P<forms>[^}]*)\})?\s*(?:\[(?P<code>[^\]]*)\])?\s*(?:[#;].*)?$")
_PATTERN = re.compile(r"^-\s*(?P<body>.*?)\s*\[(?P<code>[^\]]*)\]\s*(?:#\s*(?P<comment>.*?))?\s*$")


def parse_cameo(path: Path) -> Cameo:
    """Read the synonym sets and the verb blocks (transformations are ignored)."""
    sets: dict[str, list[str]] = {}
    blocks: dict[str, Block] = {}
    section, current_set, block = "head", None, None
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if line.startswith("####### SYNONYM SETS"):
            section = "sets"
            continue
        if line.startswith("####### VERB PATTERNS"):
            section = "verbs"
            continue
        if line.startswith("######## TRANSFORMATIONS"):
            section = "transformations"
            continue
        if not line or line.startswith("#") or section in ("head", "transformations"):
            continue
        if section == "sets":
            if line.startswith("&"):
                current_set = line.split()[0]
                sets[current_set] = []
            elif line.startswith("+") and current_set:
                sets[current_set].append(line[1:].split("#")[0].strip())
            continue
        if (m := _HEADER.match(line)) is not None:
            block = blocks.setdefault(m.group(1), Block(m.group(1), m.group(2)))
        elif block is None:
            raise BuildError(f"{path}:{n}: a line before the first verb block: {line!r}")
        elif line.startswith("-"):
            if (p := _PATTERN.match(line)) is None:
                raise BuildError(f"{path}:{n}: unreadable pattern: {line!r}")
            comment = f" # {p.group('comment')}" if p.group("comment") else ""
            block.patterns.append(" ".join(f"{p.group('body')} [{p.group('code')}]{comment}".split()))
        elif (v := _VERB.match(line)) is not None:
            verb = _verb(v.group("word"), v.group("forms"), v.group("code"))
            block.verbs.setdefault(verb.text, verb)
        else:
            raise BuildError(f"{path}:{n}: unreadable verb line: {line!r}")
    return Cameo(sets, blocks)


def _verb(word: str, forms: str | None, code: str | None) -> Verb:
    parts = word.split("_")
    marked = [i for i, p in enumerate(parts) if p.startswith("+")]
    head_at = marked[0] if marked else 0
    words = [p.lstrip("+").lower() for p in parts]
    head = words[head_at]
    if forms is not None and forms.strip():
        heads = [f.split("_")[head_at].lstrip("+").lower() for f in forms.split() if len(f.split("_")) == len(parts)]
        inflected = tuple(dict.fromkeys([head, *heads]))
    else:
        inflected = regular_forms(head)
    return Verb("_".join(p.lstrip("+") for p in parts), head, tuple(w for i, w in enumerate(words) if i != head_at),
                inflected, code)


def regular_forms(verb: str) -> tuple[str, ...]:
    """Base, -s, -ed and -ing forms as PETRARCH makes them for a regular verb."""
    consonant_y = verb.endswith("y") and len(verb) > 1 and verb[-2] not in "aeiou"
    s = verb[:-1] + "ies" if consonant_y else verb + ("es" if verb.endswith(("s", "x", "z", "ch", "sh")) else "s")
    ed = verb + "d" if verb.endswith("e") else (verb[:-1] + "ied" if consonant_y else verb + "ed")
    ing = verb[:-1] + "ing" if verb.endswith("e") and not verb.endswith("ee") else verb + "ing"
    return (verb, s, ed, ing)


def plural(noun: str) -> str:
    """The regular plural CAMEO generates for a set member."""
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("ss", "s", "x", "ch", "sh")) else "s")


# ---------------------------------------------------------------------------------------------
# Selecting


@dataclass(frozen=True)
class Line:
    """One trigger line, with the inflected forms the lemma check tries."""

    lemma: str
    pos: str
    frame: str
    status: str
    cameo: str
    requires: str
    source: str
    forms: tuple[str, ...]

    def cells(self) -> tuple[str, ...]:
        return (self.lemma, self.pos, self.frame, self.status, self.cameo, self.requires, self.source)


def select(cameo: Cameo, sets: dict[str, list[str]]) -> list[Line]:
    """Apply the curated lists to the parsed dictionary; check that they still fit it."""
    _check_lists(cameo, sets)
    lines: list[Line] = []
    for take in TAKES:
        block = cameo.blocks[take.block]
        for text in take.verbs:
            verb = block.verbs[text]
            requires = [take.requires] if take.requires else []
            if verb.others:
                if len(verb.others) != 1 or verb.others[0] not in PREPOSITIONS:
                    raise BuildError(f"{take.block}: {text} has no prepositional reading; deny it")
                requires.append(f"prep:{verb.others[0]}")
            lines.append(Line(verb.head, "verb", take.frame, take.status, take.cameo, ",".join(requires),
                              f"CAMEO:{take.block}", verb.forms))
    for nouns in NOUNS:
        for word in nouns.words:
            noun = word.replace("_", " ").lower()
            lines.append(Line(noun, "noun", nouns.frame, nouns.status, nouns.cameo, "args",
                              f"CAMEO:{nouns.source}", (noun, plural(noun))))
    return lines


def _check_lists(cameo: Cameo, sets: dict[str, list[str]]) -> None:
    problems: list[str] = []
    taken = {(t.block, v) for t in TAKES for v in t.verbs}
    for take in TAKES:
        block = cameo.blocks.get(take.block)
        if block is None:
            problems.append(f"no block {take.block}")
            continue
        problems += [f"{take.block}: no verb {v}" for v in take.verbs if v not in block.verbs]
        for evidence in take.evidence:
            if evidence not in block.patterns:
                problems.append(f"{take.block}: no pattern {evidence!r}")
            else:
                problems += [f"{take.block}: {take.requires!r} does not accept {evidence!r}: {p}"
                             for p in _misfits(take.requires, evidence, cameo.sets, sets)]
        if (take.frame in AGREEMENT_FRAMES) != bool(take.status):
            problems.append(f"{take.block}: frame {take.frame} with status {take.status!r}")
    for name in BLOCKS:
        for text in cameo.blocks[name].verbs:
            if (name, text) not in taken and text not in DENY:
                problems.append(f"{name}: {text} is neither taken nor in DENY")
    members = {text for b in BLOCKS for text in cameo.blocks[b].verbs}
    problems += [f"DENY: {text} is in none of BLOCKS" for text in DENY if text not in members]
    used = set(BLOCKS) | {t.block for t in TAKES} | set(DENIED_BLOCKS)
    for block in cameo.blocks.values():
        if re.match(r"0[345]", block.code) and block.name not in used:
            problems.append(f"block {block.name} [{block.code}] is neither used nor in DENIED_BLOCKS")
    problems += [f"DENIED_BLOCKS: no block {b}" for b in DENIED_BLOCKS if b not in cameo.blocks]
    for nouns in NOUNS:
        if nouns.source.startswith("&"):
            have = cameo.sets.get(nouns.source)
            if have is None:
                problems.append(f"no set {nouns.source}")
                continue
            problems += [f"{nouns.source}: no member {w}" for w in nouns.words if w not in have]
            left = set(have) - {w for n in NOUNS if n.source == nouns.source for w in n.words} - set(DENY_NOUNS)
            problems += [f"{nouns.source}: {w} is neither taken nor in DENY_NOUNS" for w in sorted(left)]
        else:
            patterns = " ".join(cameo.blocks[nouns.source].patterns) if nouns.source in cameo.blocks else ""
            problems += [f"{nouns.source}: no pattern uses {w}" for w in nouns.words
                         if not re.search(rf"(?<![\w&]){re.escape(w)}(?:S|ES)?\b", patterns)]
    if problems:
        raise BuildError("the curated lists no longer fit CAMEO:\n  " + "\n  ".join(problems))


def pattern_slots(pattern: str, cameo_sets: dict[str, list[str]]) -> dict[str, list[str]]:
    """The object nouns, prepositions and prepositional nouns after the `*` of a pattern (lower case)."""
    body = pattern.split("[")[0]
    after = body.split("*", 1)[1] if "*" in body else ""
    slots: dict[str, list[str]] = {"obj": [], "prep": [], "dep": []}
    for group in re.findall(r"\([^)]*\)|\{[^}]*\}|\S+", after):
        if group.startswith("("):
            words = group[1:-1].split()
            slots["prep"] += [w.lower() for w in words[:1]]
            slots["dep"] += _nouns(words[-1], cameo_sets) if len(words) > 1 else []
        elif group.lower() in PREPOSITIONS:
            slots["prep"].append(group.lower())
        elif not slots["obj"]:
            slots["obj"] = _nouns(group.strip("{}").split()[-1], cameo_sets)
    return slots


def _nouns(word: str, cameo_sets: dict[str, list[str]]) -> list[str]:
    members = cameo_sets.get(word, [word]) if word.startswith("&") else [word]
    return [m.split("_")[-1].lower() for m in members]  # WRITTEN_AGREEMENT: its head


def _misfits(requires: str, pattern: str, cameo_sets: dict[str, list[str]], sets: dict[str, list[str]]) -> list[str]:
    """What a CAMEO pattern names that the `requires` of the line resting on it would not accept."""
    slots = pattern_slots(pattern, cameo_sets)
    out = []
    for cond in filter(None, requires.split(",")):
        kind, _, arg = cond.partition(":")
        if kind not in slots:
            continue
        accepted = set(sets.get(arg, []) if arg.isupper() else arg.split("|"))
        if not slots[kind]:
            out.append(f"the pattern has no {kind}")
        for word in slots[kind]:
            if kind != "prep" and not {word, word.removesuffix("s"), word.removesuffix("es")} & accepted:
                hint = f" (add it to [sets] {arg} of pack.toml)" if arg.isupper() else ""
                out.append(f"{kind} {word}{hint}")
            elif kind == "prep" and word not in accepted:
                out.append(f"prep {word}")
    return out


# ---------------------------------------------------------------------------------------------
# The lemma check


def sentence(line: Line, form: str, sets: dict[str, list[str]]) -> str:
    """An invented sentence using `form` as the trigger, with what its `requires` asks for."""
    if line.pos == "noun":
        verb = "were" if form.endswith("s") and form != line.lemma else "was"
        return f"The {form} between the two governments {verb} announced on Monday."
    conditions = dict(c.partition(":")[::2] for c in line.requires.split(",") if c)

    def word(arg: str) -> str:
        return (sets[arg] if arg.isupper() else arg.split("|"))[0]

    rest = []
    if "obj" in conditions:
        rest.append(f"the {word(conditions['obj'])}")
    if "dep" in conditions:
        rest.append(f"{conditions.get('prep', 'on')} the {word(conditions['dep'])}")
    elif "prep" in conditions:
        rest.append(f"{conditions['prep']} the delegation")
    tail = " ".join(rest + ["in Geneva on Monday."])
    if form == line.lemma:
        return f"The ministers will {form} {tail}"
    if form.endswith("ing"):
        return f"The ministers are {form} {tail}"
    return f"The minister {form} {tail}"


@dataclass
class Check:
    """What the model made of each form of a line: form -> (lemma, coarse POS)."""

    line: Line
    seen: dict[str, tuple[str, str]]

    @property
    def good(self) -> list[str]:
        pos = "VERB" if self.line.pos == "verb" else "NOUN"
        return [f for f, (lemma, p) in self.seen.items() if lemma == self.line.lemma and p == pos]


def check_lemmas(lines: Iterable[Line], nlp: Any, sets: dict[str, list[str]]) -> list[Check]:
    """Run the model on one invented sentence per inflected form of each line."""
    checks = []
    for line in lines:
        texts = [sentence(line, form, sets) for form in line.forms]
        seen: dict[str, tuple[str, str]] = {}
        for form, text, doc in zip(line.forms, texts, nlp.pipe(texts)):
            hits = [t for t in doc if t.lower_ == form]
            start = text.lower().index(form)  # the model split it: the lemmas of its pieces
            pieces = [t.lemma_ for t in doc if start <= t.idx < start + len(form)]
            seen[form] = (hits[0].lemma_.lower(), hits[0].pos_) if hits else ("|".join(pieces), "?")
        checks.append(Check(line, seen))
    return checks


# ---------------------------------------------------------------------------------------------
# Writing


def hand_lines(path: Path) -> set[tuple[str, str, str]]:
    """(lemma, pos, frame) of the hand-written trigger file."""
    out = set()
    rows = [r.split("\t") for r in path.read_text(encoding="utf-8").splitlines() if r.strip() and not r.startswith("#")]
    for cells in rows[1:]:
        out.add((cells[0].strip().lower(), cells[1].strip(), cells[2].strip()))
    return out


def build(cameo_path: Path, pack_dir: Path, nlp: Any) -> tuple[str, list[Check]]:
    """The text of cameo.tsv and the lemma check of every candidate line."""
    cameo = parse_cameo(cameo_path)
    pack = tomllib.loads((pack_dir / "pack.toml").read_text(encoding="utf-8"))
    sets = {k: list(v) for k, v in pack.get("sets", {}).items()}
    hand = hand_lines(pack_dir / "triggers.tsv")
    lines = select(cameo, sets)
    checks = check_lemmas(lines, nlp, sets)
    digest = hashlib.sha256(cameo_path.read_bytes()).hexdigest()[:16]
    out = [f"# GENERATED by tools/build_packs.py from PETRARCH2 CAMEO.2.0.txt (sha256 {digest}...; "
           "github.com/openeventdata/petrarch2 @676801cd), MIT licence, Copyright (c) 2015 Open Event Data "
           "Alliance. Do not edit by hand: change the lists in the script and run it again.",
           "# What is taken from CAMEO and what is left out, and why: the lists in tools/build_packs.py.",
           "\t".join(COLUMNS)]
    written: set[tuple[str, str, str]] = set()
    left_to_hand, dropped = [], []
    for check in sorted(checks, key=_order):
        line = check.line
        key = (line.lemma, line.pos, line.frame)
        if key in hand:
            left_to_hand.append(f"{line.lemma} ({line.pos} {line.frame})")
        elif not check.good:
            seen = ", ".join(f"{f} -> {lemma}" for f, (lemma, _) in check.seen.items())
            dropped.append(f"{line.lemma} {line.pos} {line.frame} (model: {seen})")
        elif key not in written:
            written.add(key)
            out.append("\t".join(line.cells()))
    if left_to_hand:
        out.append("# left to triggers.tsv (hand-written, same lemma, pos and frame): "
                   + ", ".join(dict.fromkeys(left_to_hand)))
    out += [f"# dropped, the model never gives this lemma: {d}" for d in dropped]
    return "\n".join(out) + "\n", checks


def _order(check: Check) -> tuple[int, int, str, str, str]:
    line = check.line
    return (line.frame not in AGREEMENT_FRAMES, line.pos != "verb", line.frame, line.lemma, line.requires)


def main(argv: list[str] | None = None) -> int:
    """Write cameo.tsv and print the lemma check."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cameo", type=Path, default=DEFAULT_CAMEO, help="CAMEO.2.0.txt (default: %(default)s)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="cameo.tsv to write (default: %(default)s)")
    args = parser.parse_args(argv)
    if not args.cameo.is_file():
        parser.error(f"{args.cameo} is missing")
    import spacy

    model = tomllib.loads((PACK_DIR / "pack.toml").read_text(encoding="utf-8"))["model"]
    try:
        text, checks = build(args.cameo, PACK_DIR, spacy.load(model))
    except BuildError as e:
        print(f"build_packs: {e}", file=sys.stderr)
        return 1
    args.output.write_text(text, encoding="utf-8")
    for check in checks:
        bad = {f: s for f, s in check.seen.items() if f not in check.good}
        state = "ok" if not bad else ("DROPPED" if not check.good else "partly")
        detail = "" if not bad else "  " + ", ".join(f"{f} -> {lemma}/{pos}" for f, (lemma, pos) in bad.items())
        print(f"{state:8} {check.line.lemma} {check.line.pos} {check.line.frame}{detail}", file=sys.stderr)
    rows = [r for r in text.splitlines() if r and not r.startswith("#")][1:]
    print(f"wrote {len(rows)} triggers to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
