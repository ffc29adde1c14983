"""Agreements and meetings in English, from tokens and mentions (no dependency parse).

A trigger word is read with its clause: the actors before it (back to a clause boundary)
are its subjects ("Russia and Turkey agreed"), the actors after "with"/"between" or
right after a meeting verb its other parties ("met with X", "talks between X and Y").
Actors inside a role phrase ("Russian President Vladimir Putin": Russia) are not parties.

Refused: negation ("did not sign"), modals and conditionals ("would", "could", "if"),
infinitives under wishes, plans or refusals ("ready to sign", "refused to meet"),
cancellations, phone or video calls (meetings), quotes; "will sign" is a planned agreement,
"will meet" no meeting.

Transcripts and briefings: inside a speaker turn ("SECRETARY KERRY: ..."), the speaker (the
person in the turn label) meets a named person they welcome, receive or host "here"
("it's my pleasure to welcome Foreign Minister X here"), and meets that guest when "we met /
we are meeting / we're going to meet" is said of the same day ("now", "today", "this
afternoon"); "the talks we had" with the guest is an earlier meeting, undated unless the
sentence dates it. Welcomes of things ("welcome the decision", "welcome X's decision"),
later days ("next week", "tomorrow") and wishes ("look forward to") are refused.
"""
from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Any

from kg.extract.events import add_meeting
from kg.extract.mentions import ArticleIndex, fold
from kg.model import Agreement, DateValue, Meeting

_ACTORS = ("Person", "Organization", "State")
AGREE = {
    "agree": "agreed", "agreed": "agreed", "agrees": "agreed", "sign": "signed", "signed": "signed",
    "signs": "signed", "ratify": "ratified", "ratified": "ratified", "ratifies": "ratified",
    "pledge": "pledge", "pledged": "pledge", "pledges": "pledge", "commit": "commitment",
    "committed": "commitment", "commits": "commitment", "reaffirmed": "reaffirmed", "reaffirm": "reaffirmed",
    "concluded": "concluded", "conclude": "concluded", "initialled": "initialled", "initialed": "initialled",
    "adopted": "collective decision", "approved": "agreed", "extended": "extended",
}
NEEDS_OBJECT = {"concluded", "conclude", "adopted", "approved", "extended"}
IDIOM_VERBS = frozenset(["reach", "reached", "reaches", "struck", "strike", "strikes", "clinched", "sealed", "forged"])
AGREEMENT_NOUNS = frozenset(["agreement", "agreements", "deal", "accord", "accords", "treaty", "treaties", "truce", "cease-fire", "ceasefire", "memorandum", "protocol", "resolution", "pact", "declaration"])
NOMINAL_PLEDGES = {"commitment": "commitment", "pledge": "pledge"}
MEET_VERBS = frozenset(["met", "meet", "meets", "meeting", "hosted", "hosts", "host", "received", "receives", "welcomed"])
MEET_NOUNS = frozenset(["talks", "meeting", "meetings", "summit", "negotiations", "discussions"])
HOLD_VERBS = frozenset(["held", "hold", "holds", "had", "has", "have", "conducted", "began"])
OBJECT_VERBS = frozenset(["hosted", "hosts", "host", "received", "receives", "welcomed"])

NEGATIONS = frozenset(["not", "n't", "never", "no", "neither", "nor"])
MODALS = frozenset(["would", "could", "may", "might", "should", "must", "can", "cannot", "ca", "shall"])
FUTURE = frozenset(["will", "'ll", "’ll", "wo"])
CONDITIONS = frozenset(["if", "unless", "whether"])
NOT_IN_PERSON = frozenset(["phone", "telephone", "telephoned", "phoned", "videoconference", "video", "virtual", "virtually", "call", "called", "calls"])
CANCELLED = frozenset(["cancel", "cancelled", "canceled", "cancels", "postponed", "postpone", "scrapped", "withdrew", "withdraw", "withdrawing", "withdrawal", "rejected", "reject", "rejects"])
NOT_FACT_BEFORE = frozenset(["ahead", "upcoming", "next", "planned", "proposed", "possible", "future", "potential", "expected", "hope", "hoped", "hopes"])
BOUNDARIES = frozenset([";", ":", "—", "–", "--", "that", "which", "who", "whom", "when", "after", "before", "while", "because", "but", "although", "since", "whereas", "where", "following"])
_PLACE_PREPS = frozenset(["in", "at", "from", "near", "into", "across", "to"])
_SKIP_BACK = frozenset(["have", "has", "had", "also", "both", "then", "later", "finally", "jointly", "formally", "reportedly", "already", "officially", "on", "were", "was", "and", "all"])
# "MOSCOW - ", "WASHINGTON (Reuters) — ": a wire story's dateline.
_WIRE_DATELINE = re.compile(r"(?:^|\s)([A-Z][A-Z.'-]{2,}(?:[ ,]+[A-Z][A-Z.'-]+)*(?:\s*\([^)\n]{1,30}\))?)\s+(?:-{1,2}|–|—)\s")
_OPEN_QUOTES = ("“", "«")
# speaker turns in transcripts
WELCOME_VERBS = frozenset(["welcome", "welcomed", "welcomes", "welcoming", "receive", "received", "receiving",
                           "host", "hosted", "hosting", "have", "having"])
TURN_MEET_VERBS = frozenset(["meet", "met", "meeting", "meets"])
PAST_MEET_NOUNS = frozenset(["talks", "meeting", "meetings", "dialogue", "discussions", "discussion"])
SAME_DAY = frozenset(["now", "today", "tonight", "shortly"])
DAY_PARTS = frozenset(["morning", "afternoon", "evening"])
LATER_DAY = frozenset(["tomorrow", "next", "later", "soon", "upcoming", "future", "forward", "hope", "hoped",
                       "hopes", "plan", "plans", "planned", "expect", "expected", "invite", "invited", "invitation",
                       "week", "month", "year", "weeks", "months", "years", "visit", "trip"])
_PRONOUN_WE = frozenset(["we", "us"])
_COPULA_SKIP = frozenset(["’re", "'re", "are", "were", "have", "’ve", "'ve", "had", "just", "also", "both",
                          "all", "going", "to", "will", "’ll", "'ll", "and", "talk", "sit", "sat", "now", "then",
                          "again", "today", "already", "finally", "gon", "na"])
_CLOSE_QUOTES = ("”", "»")


# Adverbs of time and manner that may stand between a meeting verb and its object.
_AFTER_VERB_ADVERBS = frozenset(["today", "yesterday", "tonight", "again", "also", "briefly", "separately",
                                 "privately", "earlier", "later"])


def _has(tokens: Any, words: frozenset[str]) -> bool:
    return any(fold(t.text) in words for t in tokens)


class EnglishEventFinder:
    def __init__(self, role_tokens: set[tuple[int, int]] | None = None, published: dt.date | None = None) -> None:
        self.roles: set[tuple[int, int]] = role_tokens or set()
        self.published = published
        self._fallback: DateValue | None = None

    # -- the article's own date -----------------------------------------------------------------
    def article_date(self, index: ArticleIndex, dates: list[tuple[int, int, DateValue]]) -> DateValue | None:
        """The day the article reports on, for events whose sentence gives no date: a header date
        line ("January 17, 2014" under the venue), else the first full date of the lead paragraph
        within a week of publication ("That pledge came Sunday"), else the publication date when
        the story opens with a wire dateline ("MOSCOW - ...")."""
        head = [p for p in index.paras[:10] if len(p.doc) <= 8]
        for p in head:
            line = p.doc.text.strip()
            for s, e, d in dates:
                if s == p.offset + p.doc.text.index(line) and e - s >= len(line.rstrip(" .")) and d.is_full_date:
                    return d
        lead = next((p for p in index.paras[1:] if len(p.doc) > 12), index.paras[0] if index.paras else None)
        if lead is not None and self.published is not None:
            for s, e, d in dates:
                if lead.offset <= s < lead.offset + len(lead.doc.text) and d.is_full_date:
                    delta = (dt.date.fromisoformat(d.iso) - self.published).days
                    if -7 <= delta <= 1:
                        return d
        if self.published is not None:
            m = _WIRE_DATELINE.search(index.text[:600])
            if m:
                return DateValue(self.published.isoformat(), m.group(1))
        return None

    # -- helpers --------------------------------------------------------------------------
    @staticmethod
    def _body(index: ArticleIndex) -> list[tuple[int, Any]]:
        paras = list(enumerate(index.paras))
        return paras[1:] if len(paras) > 1 else paras

    def _actor(self, index: ArticleIndex, pi: int, i: int) -> str | None:
        k = index.entity_at(pi, i)
        if not k or index.kind(k) not in _ACTORS or (pi, i) in self.roles:
            return None
        doc = index.paras[pi].doc
        j = i
        while j > 0 and index.entity_at(pi, j - 1) == k:
            j -= 1
        if j > 0 and fold(doc[j - 1].text) in _PLACE_PREPS:
            return None  # "in Moscow", "from Ankara": a place, not a party
        if j > 1 and doc[j - 1].lower_ == "the" and fold(doc[j - 2].text) in _PLACE_PREPS:
            return None
        return k

    def _before(self, index: ArticleIndex, pi: int, sent: Any, i: int) -> list[str]:
        """Actors of the clause before token i, back to a boundary."""
        doc = index.paras[pi].doc
        out: list[str] = []
        j = i - 1
        while j >= sent.start:
            t = doc[j]
            if (fold(t.text) in BOUNDARIES and not index.entity_at(pi, j)) or (
                    t.text == "-" and j > 0 and doc[j - 1].lower_ not in ("al", "el") and not index.entity_at(pi, j)):
                if fold(t.text) in ("who", "which", "that") and j - 1 >= sent.start and doc[j - 1].text == ",":
                    # "Putin, who met ...": the antecedent before the comma
                    for m in range(j - 2, max(sent.start, j - 6) - 1, -1):
                        k = self._actor(index, pi, m)
                        if k:
                            return [k]
                break
            k = self._actor(index, pi, j)
            if k and k not in out:
                out.insert(0, k)
            j -= 1
        return out

    def _after(self, index: ArticleIndex, pi: int, sent: Any, i: int, direct: bool) -> list[str]:
        """Actors after token i: after "with" / "between" (or right away when `direct`)."""
        doc = index.paras[pi].doc
        out: list[str] = []
        j = i
        while j < sent.end and not direct:
            if doc[j].lower_ in ("with", "between") and not index.entity_at(pi, j):
                j += 1
                break
            if doc[j].text in (".", ";") or fold(doc[j].text) in BOUNDARIES:
                return out
            j += 1
        else:
            if not direct:
                return out
        possessors: list[str] = []
        while j < sent.end:
            t = doc[j]
            k = self._actor(index, pi, j)
            if k and index.kind(k) in ("State", "Organization") and self._possessive_after(index, pi, sent, j, k):
                # "China's Special Representatives ..., Vice Premier Wang Yang and ...": the people
                # named for the possessor stand in its place; with nobody named, the possessor does
                possessors.append(k)
                j = self._possessed_end(index, pi, sent, j, k)
                continue
            if k:
                if k not in out:
                    out.append(k)
            elif not (index.entity_at(pi, j) or (pi, j) in self.roles or fold(t.text) in (
                    "and", ",", "the", "his", "her", "their", "its", "'s", "’s", "both", "-")
                      or (t.text[:1].isupper() and t.is_alpha)):
                break
            j += 1
        people = [k for k in out if index.kind(k) == "Person"]
        return out if people else [*possessors, *out]

    @staticmethod
    def _possessive_after(index: ArticleIndex, pi: int, sent: Any, j: int, k: str) -> bool:
        doc = index.paras[pi].doc
        while j < sent.end and index.entity_at(pi, j) == k:
            j += 1
        return j < sent.end and doc[j].text in ("'s", "’s")

    def _possessed_end(self, index: ArticleIndex, pi: int, sent: Any, j: int, k: str) -> int:
        """Past "China's Special Representatives to the Dialogue," up to the next actor or after the comma."""
        doc = index.paras[pi].doc
        while j < sent.end and index.entity_at(pi, j) == k:
            j += 1
        j += 1  # 's
        while j < sent.end and doc[j].text not in (",", ".", ";") and not self._actor(index, pi, j):
            j += 1
        return j + 1 if j < sent.end and doc[j].text == "," else j

    def _not_fact(self, doc: Any, sent: Any, i: int) -> str | None:
        """'negated' | 'modal' | 'future' | None, from the words just before token i."""
        window = doc[max(sent.start, i - 4):i]
        if _has(window, NEGATIONS):
            return "negated"
        if _has(window, MODALS):
            return "modal"
        if i - 1 >= sent.start and doc[i - 1].lower_ == "to":
            return "modal"  # "ready to sign", "plans to meet", "agreed to sign" (the outer trigger counts)
        if _has(window, FUTURE) or (i - 2 >= sent.start and doc[i - 2].lower_ == "going"):
            return "future"
        if _has(doc[sent.start:i], CONDITIONS):
            return "modal"
        if _has(doc[max(sent.start, i - 3):i], NOT_FACT_BEFORE):
            return "modal"
        quotes = sum(1 for t in doc[sent.start:i] if t.text in _OPEN_QUOTES) - sum(
            1 for t in doc[sent.start:i] if t.text in _CLOSE_QUOTES)
        plain = sum(1 for t in doc[sent.start:i] if t.text == '"')
        if quotes > 0 or plain % 2:
            return "quoted"
        return None

    def _date(self, dates: list[tuple[int, int, DateValue]], start: int, end: int, near: int) -> DateValue | None:
        inside = [(abs(s - near), not d.is_full_date, d) for s, e, d in dates if start <= s and e <= end]
        return min(inside, key=lambda x: (x[1], x[0]))[2] if inside else self._fallback

    # -- agreements -------------------------------------------------------------------------
    def agreements(self, index: ArticleIndex, dates: list[tuple[int, int, DateValue]]) -> list[Agreement]:
        self._fallback = self.article_date(index, dates)
        out: list[Agreement] = []
        for pi, p in self._body(index):
            doc = p.doc
            for sent in doc.sents:
                if _has(sent, CANCELLED):
                    continue
                found = self._agreement_in(index, pi, sent)
                if found is None:
                    continue
                tok, status, parties = found
                start = p.offset + sent.start_char
                out.append(Agreement(parties, tok.text, sent.text.strip(), index.sentence_of(start), status,
                                     sent[tok.i - sent.start:].text[:200],
                                     self._date(dates, start, p.offset + sent.end_char, p.offset + tok.idx)))
        return out

    def _agreement_in(self, index: ArticleIndex, pi: int, sent: Any) -> tuple[Any, str, list[str]] | None:
        doc = index.paras[pi].doc
        for tok in sent:
            w = fold(tok.text)
            status = AGREE.get(w)
            nominal = False
            if w in IDIOM_VERBS and _has(doc[tok.i + 1:min(sent.end, tok.i + 5)], AGREEMENT_NOUNS):
                status = "agreed"
            elif w in NOMINAL_PLEDGES and tok.i > sent.start and doc[tok.i - 1].text not in ("to",):
                status, nominal = NOMINAL_PLEDGES[w], True
            elif w in AGREEMENT_NOUNS and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "between":
                status, nominal = "agreed", True
            if status is None or index.entity_at(pi, tok.i):
                continue
            if w in NEEDS_OBJECT and not _has(doc[tok.i + 1:min(sent.end, tok.i + 6)], AGREEMENT_NOUNS):
                continue
            if w in ("committed", "commit", "commits") and not (
                    tok.i + 1 < sent.end and doc[tok.i + 1].lower_ in ("to", "themselves", "itself")):
                continue
            if tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "by":
                continue  # passive ("signed by"): handled poorly without a parse; skip
            flag = self._not_fact(doc, sent, tok.i)
            if flag == "future" and not nominal:
                status = "planned"
            elif flag:
                continue
            if nominal:
                parties = self._possessor(index, pi, sent, tok.i)
                if not parties and w in NOMINAL_PLEDGES and tok.i - 2 >= sent.start and doc[tok.i - 2].lower_ == "in" \
                        and doc[tok.i - 1].lower_ in ("a", "an", "the", "their", "its"):
                    parties = self._before(index, pi, sent, tok.i - 2)  # "X joined with Y in a pledge to ..."
                if w in NOMINAL_PLEDGES and not parties:
                    continue  # "that pledge came ...": whose pledge is not said here
                parties += [k for k in self._after(index, pi, sent, tok.i, False) if k not in parties]
                if w in NOMINAL_PLEDGES and len(parties) < 2:
                    parties += [k for k in self._later(index, pi, sent, tok.i) if k not in parties][:1]
            else:
                parties = self._before(index, pi, sent, tok.i)
                parties += [k for k in self._after(index, pi, sent, tok.i + 1, False) if k not in parties]
                if status in ("pledge", "commitment") and len(parties) < 2:
                    parties += [k for k in self._later(index, pi, sent, tok.i) if k not in parties][:1]
            collective = len(parties) == 1 and index.kind(parties[0]) == "Organization"
            if len(parties) >= 2 or collective:
                return tok, status, parties
        return None

    def _possessor(self, index: ArticleIndex, pi: int, sent: Any, i: int) -> list[str]:
        """"China's (important new) commitment": the possessor. In a release whose principal is
        named by title only, "her meeting" / "his talks" are the principal's."""
        doc = index.paras[pi].doc
        for j in range(i - 1, max(sent.start, i - 5) - 1, -1):
            if doc[j].text in ("'s", "’s") and j > sent.start:
                k = index.entity_at(pi, j - 1)
                return [k] if k and index.kind(k) in _ACTORS else []
            if doc[j].lower_ in ("her", "his"):
                principals = {p[0] for p in index.principals}
                return list(principals) if len(principals) == 1 else []
        return []

    def _later(self, index: ArticleIndex, pi: int, sent: Any, i: int) -> list[str]:
        return [k for j in range(i + 1, sent.end) if (k := self._actor(index, pi, j))]

    # -- meetings ---------------------------------------------------------------------------
    def meetings(self, index: ArticleIndex, dates: list[tuple[int, int, DateValue]]) -> list[Meeting]:
        self._fallback = self.article_date(index, dates)
        out: list[Meeting] = []
        for pi, p in self._body(index):
            doc = p.doc
            for sent in doc.sents:
                if _has(sent, NOT_IN_PERSON) or _has(sent, CANCELLED):
                    continue
                found = self._meeting_in(index, pi, sent)
                if found is None:
                    continue
                tok, parts = found
                start = p.offset + sent.start_char
                place = self._place(index, pi, sent, parts)
                date = self._date(dates, start, p.offset + sent.end_char, p.offset + tok.idx)
                # "the Secretary's meetings with X, Y": one meeting with each, not one of all three
                groups = [[parts[0], k] for k in parts[1:]] if tok.lower_ == "meetings" and len(parts) > 2 \
                    else [parts]
                for group in groups:
                    add_meeting(out, Meeting(group, tok.text, [sent.text.strip()], index.sentence_of(start), place,
                                             date))
        earlier: list[Meeting] = []
        for m, past in self._turn_meetings(index, dates):
            if not any(set(m.participants) == set(o.participants) and m.evidence[0] in o.evidence
                       for o in (earlier if past else out)):
                add_meeting(earlier if past else out, m)
        return out + earlier

    # -- speaker turns (transcripts, briefings) ----------------------------------------------
    def _speaker(self, index: ArticleIndex, pi: int) -> tuple[bool, str | None, int]:
        """(is a turn label, speaker key, first token after the colon) for "SECRETARY KERRY: ..."."""
        doc = index.paras[pi].doc
        colon = next((i for i in range(min(len(doc), 7)) if doc[i].text == ":"), None)
        if not colon:
            return False, None, 0
        label = doc[:colon]
        if not all(t.text.isupper() or not t.is_alpha for t in label) or not any(t.is_alpha for t in label):
            return False, None, 0
        keys = {k for i in range(colon) if (k := index.entity_at(pi, i)) and index.kind(k) == "Person"}
        return True, (next(iter(keys)) if len(keys) == 1 else None), colon + 1

    @staticmethod
    def _same_day(sent: Any) -> bool:
        words = [fold(t.text) for t in sent]
        return any(w in SAME_DAY for w in words) or any(
            a == "this" and b in DAY_PARTS for a, b in itertools.pairwise(words))

    def _guest(self, index: ArticleIndex, pi: int, sent: Any, i: int, speaker: str) -> str | None:
        """"welcome [Foreign Secretary] Meade here": the person right after the verb, then "here"."""
        doc = index.paras[pi].doc
        j, guest = i + 1, None
        while j < sent.end:
            k = index.entity_at(pi, j)
            if k and index.kind(k) == "Person" and k != speaker and (guest is None or guest == k):
                guest = k
            elif k or (pi, j) in self.roles or fold(doc[j].text) in ("the", "my", "our", "good", "dear", "friend", ",") \
                    or (doc[j].text[:1].isupper() and doc[j].is_alpha and guest is None):
                if guest is not None and k != guest:
                    return None  # "welcome X and Y", "welcome X, Foreign Minister of ...": keep it simple
            else:
                break
            j += 1
        if guest is None or j >= sent.end:
            return None
        if fold(doc[j].text) in ("'s", "’s"):
            return None  # "welcome X's decision"
        return guest if any(fold(t.text) == "here" for t in doc[j:min(sent.end, j + 3)]) else None

    def _turn_meetings(self, index: ArticleIndex, dates: list[tuple[int, int, DateValue]]) -> list[tuple[Meeting, bool]]:
        found: list[tuple[Meeting, bool]] = []
        speaker: str | None = None
        guests: list[str] = []
        for pi, p in self._body(index):
            doc = p.doc
            label, who, first = self._speaker(index, pi)
            if label:
                speaker, guests = who, []
            if speaker is None:
                continue
            for sent in doc.sents:
                if _has(sent, NOT_IN_PERSON) or _has(sent, CANCELLED) or _has(sent, CONDITIONS):
                    continue
                start = p.offset + sent.start_char
                later = _has(sent, LATER_DAY)
                for tok in sent:
                    if tok.i < first or index.entity_at(pi, tok.i):
                        continue
                    w = fold(tok.text)
                    back = doc[max(sent.start, first, tok.i - 7):tok.i]
                    if _has(doc[max(sent.start, tok.i - 4):tok.i], NEGATIONS):
                        continue
                    future = _has(back, FUTURE) or any(t.lower_ in ("going", "gon") for t in back)
                    past = False
                    if w in WELCOME_VERBS:
                        guest = self._guest(index, pi, sent, tok.i, speaker)
                        if guest is None or later or (future and not self._same_day(sent)):
                            continue
                        if guest not in guests:
                            guests.append(guest)
                        parts = [speaker, guest]
                    elif w in TURN_MEET_VERBS:
                        j = tok.i - 1
                        while j >= max(sent.start, first) and fold(doc[j].text) in _COPULA_SKIP:
                            j -= 1
                        subj = j >= max(sent.start, first) and (fold(doc[j].text) in _PRONOUN_WE or (
                            doc[j].text == "I" and j > sent.start and doc[j - 1].lower_ == "and"))
                        if not subj or later or _has(back, MODALS - {"can"}):
                            continue
                        if not self._same_day(sent) and not (w == "met" and any(
                                start <= s and e <= p.offset + sent.end_char for s, e, _ in dates)):
                            continue
                        named = [k for k in self._before(index, pi, sent, j) if index.kind(k) == "Person"]
                        named += self._after(index, pi, sent, tok.i + 1, False)
                        others = [k for k in named if k != speaker and index.kind(k) == "Person"] or guests
                        if not others:
                            continue
                        parts = [speaker] + [k for k in others if k != speaker]
                    elif w in ("had", "held") and tok.i - 1 >= sent.start and fold(doc[tok.i - 1].text) in _PRONOUN_WE \
                            and tok.i - 2 >= sent.start and fold(doc[tok.i - 2].text) in PAST_MEET_NOUNS and guests:
                        parts, past = [speaker] + guests, True  # "the dialogue we had at the trilateral"
                    else:
                        continue
                    if past:
                        date = self._date(dates, start, p.offset + sent.end_char, p.offset + tok.idx) \
                            if any(start <= s and e <= p.offset + sent.end_char for s, e, _ in dates) else None
                    else:
                        date = self._date(dates, start, p.offset + sent.end_char, p.offset + tok.idx)
                    place = None if past else self._place(index, pi, sent, parts)
                    found.append((Meeting(parts, tok.text, [sent.text.strip()], index.sentence_of(start), place, date),
                                  past))
        return found

    def _meeting_in(self, index: ArticleIndex, pi: int, sent: Any) -> tuple[Any, list[str]] | None:
        doc = index.paras[pi].doc
        for tok in sent:
            w = fold(tok.text)
            verb = w in MEET_VERBS and w != "meeting"
            noun = w in MEET_NOUNS
            if not (verb or noun) or index.entity_at(pi, tok.i):
                continue
            if self._not_fact(doc, sent, tok.i):
                continue
            if noun:
                head = tok.i
                j = tok.i - 1
                while j >= sent.start and j > tok.i - 4 and fold(doc[j].text) not in HOLD_VERBS:
                    j -= 1
                if j >= sent.start and fold(doc[j].text) in HOLD_VERBS:
                    if self._not_fact(doc, sent, j):
                        continue
                    subj = self._before(index, pi, sent, j)
                else:
                    subj = self._possessor(index, pi, sent, tok.i)
                others = self._after(index, pi, sent, head + 1, False)
                between = any(t.lower_ == "between" for t in doc[head + 1:min(sent.end, head + 3)])
                if not subj and not between:
                    continue  # "the Secretary's meetings with X, Y": X and Y did not meet each other
            else:
                subj = self._before(index, pi, sent, tok.i)
                k = tok.i + 1
                while k < sent.end and doc[k].lower_ in _AFTER_VERB_ADVERBS:
                    k += 1  # "met today with", "met separately with"
                nxt = doc[k].lower_ if k < sent.end else ""
                direct = nxt not in ("with", "for", "in", "at", "on")
                others = self._after(index, pi, sent, k, direct)
                if w in OBJECT_VERBS and not any(index.kind(k) == "Person" for k in others):
                    continue
                if not subj:
                    continue
            parts = subj + [k for k in others if k not in subj]
            if len(parts) >= 2:
                return tok, parts
        return None

    @staticmethod
    def _place(index: ArticleIndex, pi: int, sent: Any, parts: list[str]) -> str | None:
        doc = index.paras[pi].doc
        for t in sent:
            k = index.entity_at(pi, t.i)
            if not k or k in parts or index.kind(k) not in ("Place", "State"):
                continue
            prev = doc[t.i - 1].lower_ if t.i > 0 else ""
            prev2 = doc[t.i - 2].lower_ if t.i > 1 else ""
            if prev in ("in", "at") or (prev == "the" and prev2 in ("in", "at")):
                return k
        return None
