"""Posts held, in every language alike, from the title words of the gazetteer:

- a title before the name: "le président chinois Xi Jinping", "Russia's Foreign Minister Sergei
  Lavrov", "Secretary of State John Kerry";
- a title in apposition: "X, secrétaire du Conseil de sécurité", "Sergei Lavrov, Russia's foreign
  minister,", "X (ministre de la Défense)";
- a copula: "X est le ministre de …", "X is the foreign minister";
- a name in parentheses after a state under a title: "the foreign ministers of China (X) and Chile (Y)";
- a dateline block: a line holding only a name, then a line holding only a title;
- an unnamed principal of a press release ("The President", see ``kg.extract.references``);
- appointments, resignations and successions (``kg.extract.succession``).

A title followed by "de/of" + another title and a name belongs to someone else: in "le conseiller du
président X", X holds "président", not "conseiller". The organisation is the body or state the role
names (an adjective, a possessive, "de/of"), never the place of a posting ("ambassadeur à Moscou"),
and, for a state's own offices, the holder's or the article's country.
"""
from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any

from kg.extract.index import ArticleIndex, fold
from kg.extract.pack import LanguagePack
from kg.extract.syntax import Syntax
from kg.extract.titles import NATIONAL_AGENTS, Titles
from kg.extract.event_dates import EventDates
from kg.model import DateValue, PostHolding

_STOP_POS = {"VERB", "AUX", "PUNCT", "SCONJ", "CCONJ", "ADV"}
_MAX_ROLE_TOKENS = 12
# Heads of descriptions that say someone leads or matches, not which post ("le dirigeant américain").
_GENERIC_HEADS = {"dirigeant", "dirigeante", "leader", "responsable", "homologue", "counterpart", "chef", "head"}
_POSSESSIVE_MARKS = ("'s", "’s", "'", "’")
_SAME_POST_MODIFIERS = {"nouveau", "nouvelle", "nouvel", "actuel", "actuelle", "new", "current"}


def post_key(person: str, org: str | None, role: str) -> tuple[str, str | None, str]:
    """What makes two posts in one article the same: holder, body and title, whatever the case or
    a modifier that does not change the post ("nouveau Premier ministre" = "premier ministre")."""
    words = fold(role).split()
    while len(words) > 1 and words[0] in _SAME_POST_MODIFIERS:
        words = words[1:]
    return person, org, " ".join(words)


def role_text(text: str, modifiers: set[str]) -> str:
    """"Président" -> "président": one spelling per role whatever its place in the sentence (acronyms and
    capitalised names inside the role are kept)."""
    words = text.split(" ")
    k = 0
    while k < len(words) - 1 and fold(words[k]).rstrip("-") in modifiers:
        k += 1
    for i in range(k + 1):
        w = words[i]
        if w[:1].isupper() and w[1:].islower():
            words[i] = w[:1].lower() + w[1:]
    return " ".join(words)


class PostFinder:
    def __init__(self, pack: LanguagePack, syntax: Syntax, titles: Titles, gaz: Any = None) -> None:
        self._dates: list[tuple[int, int]] = []  # character spans of the current article's dates
        self.since = frozenset(fold(w) for w in pack.cue("since_preps"))
        self.pack = pack
        self.gaz = gaz
        self.lang = pack.lang
        self.syntax = syntax
        self.titles = titles
        self.of = {fold(w) for w in pack.prep("of")}
        self.to = {fold(w) for w in pack.prep("to") | pack.prep("place")}
        self.determiners = pack.cue("determiners")
        self.role_preps = self.of | {fold(w) for w in pack.prep("to") | pack.cue("role_prepositions")}
        self.not_posts = {fold(w) for w in pack.cue("not_posts")}
        self.markers = {fold(w) for w in pack.cue("post_markers")}
        # "président de la fédération", "secretary of the party": a body other than the state's own
        self.modifier_deps = set(pack.dep("modifier"))
        self.portfolio_titles = {fold(w) for w in pack.cue("portfolio_titles")}
        self.body_words = {fold(w) for name in ("institution_nouns", "state_body_heads", "collective_bodies")
                           for w in pack.cue(name)}
        self.other_bodies = {fold(w) for w in pack.cue("institution_nouns")} - {
            fold(w) for w in pack.cue("state_body_heads")}

    # -- entry ------------------------------------------------------------------------------
    def find(self, index: ArticleIndex, dates: list[tuple[int, int, DateValue]] | None = None) -> list[PostHolding]:
        """The posts the article states; `dates` (from ``kg.extract.dates``) date appointments and departures."""
        out: list[PostHolding] = []
        seen: set[tuple[str, str | None, str]] = set()
        self._dates = sorted((s, e) for s, e, _ in dates or ())
        when = EventDates(index, dates) if dates is not None else None
        context = self.dominant_state(index)

        def add(pi: int, rs: int, re_: int, person: str, anchor: int, confidence: float = 0.0,
                org: str | None = None, org_end: int | None = None) -> None:
            doc = index.paras[pi].doc
            if re_ <= rs or not self.titles.length(doc, rs, re_) and not self._title_inside(doc, rs, re_):
                return
            first = self._title_inside(doc, rs, re_) - 1
            head = doc[first].head
            if doc[first].dep_ in self.modifier_deps and head.i < first and head.pos_ == "NOUN" \
                    and not self.titles.length(doc, head.i):
                return  # "au classement général, X": an adjective after its noun, no title
            if self._job_compound(index, pi, first, rs, re_):
                return  # "le chef décorateur britannique X": a trade, not a post
            if org is None and self.titles.at(doc, first, re_)[2]:
                return  # "les ministres": a plural title is nobody's post by itself
            if fold(self._head_word(doc, rs, re_)) in self.not_posts:
                return  # "candidat": a candidacy is not a post
            if org is None:
                org, confidence = self.organization(index, pi, rs, org_end or re_, person, context)
                if confidence < 0.8 and self._another_title_follows(doc, org_end or re_):
                    return  # "X, président et directeur général de la chaîne": whose, the second title says
            if org is None:
                return
            role = self.role_label(index, pi, rs, re_, org)
            key = post_key(person, org, role)
            if key in seen or not role:
                return
            seen.add(key)
            sent = doc[anchor].sent
            status = self.titles.status(doc, rs, re_)
            out.append(PostHolding(person, role, self.lang, org, sent.text.strip(), index.sentence_at(pi, doc[anchor]),
                                   status, confidence, start=self._since(when, pi, doc, re_)))

        docs = [p.doc for p in index.paras]
        lists = self._listed_for_a_possessor(index)
        for pi, doc in enumerate(docs):
            covered = lambda i, pi=pi: index.entity_at(pi, i) is not None  # noqa: E731
            for start, end, person in self.person_runs(index, pi):
                rs, re_, org_end = self._before(index, pi, start, covered)
                after = self._of_state_after(index, pi, end) if re_ == start else None
                listed = lists.get((pi, start))
                if after:  # "Foreign Minister Dag Lunde of Sweden"
                    add(pi, rs, re_, person, start, 0.8, after)
                    index.entities[person].aliases.add(doc[rs:index.mention_extent(pi, end + 1)[1]].text)
                elif listed and not self._names_a_body(index, pi, rs, org_end):
                    add(pi, rs, re_, person, start, 0.7, listed)  # "China's envoys, Vice Premier X and …"
                else:
                    add(pi, rs, re_, person, start, org_end=org_end)
                if re_ == start and re_ > rs:  # "Peruvian Foreign Minister Castrillo": a surface form of the person
                    ts = self._title_inside(doc, rs, re_) - 1
                    index.entities[person].aliases.update({doc[rs:end].text, doc[ts:end].text})
                rs, re_ = self._after(index, pi, end, covered)
                add(pi, rs, re_, person, start)
                rs, re_ = self._copula(index, pi, start, end)
                add(pi, rs, re_, person, start)
                if start == 0 and end == len(doc) and pi + 1 < len(docs) and len(docs[pi + 1]) \
                        and self.titles.length(docs[pi + 1], 0) == len(docs[pi + 1]):
                    add(pi + 1, 0, len(docs[pi + 1]), person, 0)  # "John Kerry" / "Secretary of State"
            for person, rs, re_, state in self._parenthesised(index, pi):
                add(pi, rs, re_, person, rs, 0.8, state)
        from kg.extract.succession import Successions

        for post in Successions(self, index.pack).find(index, out, context, when):
            out.append(post)
            seen.add(post_key(post.person, post.organization, post.role))
        for person, pi, start, end, state in index.descriptions:  # "le dirigeant russe" = Poutine
            doc = index.paras[pi].doc
            role = self._label(doc[start:end].text)
            if post_key(person, state, role) in seen or not self._title_inside(doc, start, end):
                continue
            if fold(self._head_word(doc, start, end)) in _GENERIC_HEADS and any(
                    o.person == person and o.organization == state for o in out):
                continue  # "le dirigeant américain" after "X, président des États-Unis": no second post
            seen.add(post_key(person, state, role))
            out.append(PostHolding(person, role, self.lang, state, doc[start].sent.text.strip(),
                                   index.sentence_at(pi, doc[start]), "current", 0.6))
        for person, pi, start, end, iso2 in index.principals:  # "The President" of a White House readout
            state = index.state_with_iso2(iso2)
            doc = index.paras[pi].doc
            role = self._label(doc[start:end].text)
            if state is None or post_key(person, state, role) in seen:
                continue
            seen.add(post_key(person, state, role))
            out.append(PostHolding(person, role, self.lang, state, doc[start].sent.text.strip(),
                                   index.sentence_at(pi, doc[start]), "current", 0.6))
        out = [p for p in out if fold(self._first_word(p.role)) not in self.not_posts]  # candidacies
        for p in out:  # "au poste de vice-président": the post, without the words that announce it
            p.role = self._without_marker(p.role)
        out = self._drop_contained(self._one_holder_per_state(out))
        for p in out:
            p.post_title = self._post_title(index, p)
        return out

    def _post_title(self, index: ArticleIndex, p: PostHolding) -> str | None:
        """The gazetteer's English title of the post, when the role says nothing besides the title, its body
        and words that do not change the post ("premier ministre de la Pologne", "Russia's Foreign Minister",
        "président chinois" -> "Prime Minister", "Foreign Minister", "President"); None when it says more
        ("ministre de la Défense": the portfolio is no title of the gazetteer), so no two different posts
        become one."""
        if p.organization is None:
            return None
        drop = self.titles.former | {w for c in self.titles.status_phrases for w in c}
        words = [w for w in fold(p.role).lower().split() if w.strip("-") not in drop]
        best: tuple[int, int, int] | None = None
        for i in range(len(words)):
            for j in range(len(words), i, -1):
                if tuple(words[i:j]) in self.titles.normalized:
                    if best is None or j - i > best[0]:
                        best = (j - i, i, j)
                    break
        if best is None:
            return None
        _, i, j = best
        org = index.entities.get(p.organization)
        names = [org.label, *org.aliases, *org.other_labels.values()] if org else []
        allowed = ({fold(w).lower() for w in self.determiners} | self.of | set(_SAME_POST_MODIFIERS)
                   | {w for n in names for w in fold(n).lower().replace("'", " ").replace("’", " ").split()}
                   | (self.gaz.words_of(p.organization) if self.gaz is not None else frozenset()))
        for w in words[:i] + words[j:]:
            bare = w.removesuffix("'s").removesuffix("’s")
            for elision in ("l'", "l’", "d'", "d’"):
                bare = bare.removeprefix(elision)
            if w not in allowed and bare not in allowed:
                return None  # "de la Défense", "adjoint", "deputy": another post than the title alone
        return self.titles.normalized[tuple(words[i:j])]

    def _since(self, when: EventDates | None, pi: int, doc: Any, end: int) -> DateValue | None:
        """"Président de la Commission depuis novembre 2014, X", "X, minister since 2019": the title's start."""
        if when is None or end + 1 >= len(doc) or fold(doc[end].text) not in self.since:
            return None
        return when.at(pi, end + 1)

    def _in_date(self, index: ArticleIndex, pi: int, i: int) -> bool:
        """Whether token i of paragraph pi lies in a date the article states ("on January 1, 2019")."""
        at = index.paras[pi].offset + index.paras[pi].doc[i].idx
        k = bisect.bisect_right(self._dates, (at, 10**12)) - 1
        return k >= 0 and self._dates[k][0] <= at < self._dates[k][1]

    def _another_title_follows(self, doc: Any, end: int) -> bool:
        """"président et chef de la direction de X": a title every body has follows, so whose is not the state's
        by default."""
        return end + 1 < len(doc) and doc[end].pos_ == "CCONJ" and self.titles.at(doc, end + 1)[1] == "OTH"

    def _job_compound(self, index: ArticleIndex, pi: int, first: int, rs: int, re_: int) -> bool:
        """A title every body has, written as one word and followed by a common noun that is no part of a
        title: "chef décorateur", "responsable marketing" name a trade (the model may tag the noun as an
        adjective: then only when the role names no body, as "directeur exécutif de l'ONUSIDA" does)."""
        doc = index.paras[pi].doc
        n, agent, _ = self.titles.at(doc, first)
        nxt = first + n
        if agent != "OTH" or nxt >= len(doc) or n != 1:
            return False
        t = doc[nxt]
        if not (t.text.islower() and index.entity_at(pi, nxt) is None and fold(t.text) not in self.titles.modifiers
                and fold(t.text) not in self.role_preps and not self.titles.length(doc, nxt)):
            return False
        bodies = any(index.kind(index.entity_at(pi, i) or "") == "Organization" for i in range(rs, re_))
        return t.pos_ == "NOUN" or t.pos_ == "ADJ" and not bodies

    def _first_word(self, role: str) -> str:
        words = [w for w in role.split() if fold(w).rstrip("-") not in self.titles.modifiers]
        return words[0] if words else ""

    def _without_marker(self, role: str) -> str:
        low = fold(role)
        for marker in sorted(self.markers, key=len, reverse=True):
            if low.startswith(marker + " ") and len(role) > len(marker) + 1:
                return role[len(marker) + 1:]
        return role

    # -- role phrases ------------------------------------------------------------------------
    def _listed_for_a_possessor(self, index: ArticleIndex) -> dict[tuple[int, int], str]:
        """"China's Special Representatives to the Dialogue, Vice Premier X and State Councilor Y": the people
        listed after a plural title with a possessor state serve that state. (paragraph, name start) -> state."""
        out: dict[tuple[int, int], str] = {}
        for pi, p in enumerate(index.paras):
            doc = p.doc
            for start, n in self.titles.plural_titles(doc):
                tok = doc[start]
                head = doc[tok.i + n - 1]
                owner = [index.entity_at(pi, c.i) for c in self.syntax.possessors(head)]
                state = next((k for k in owner if k and index.kind(k) == "State"), None)
                if state is None and tok.i >= 2 and doc[tok.i - 1].text in _POSSESSIVE_MARKS:
                    k = index.entity_at(pi, tok.i - 2)
                    state = k if k and index.kind(k) == "State" else None
                if state is None:
                    continue
                j = tok.i + n
                while j < len(doc) and doc[j].text != "," and doc[j].pos_ not in ("VERB", "AUX") and j - tok.i < 15:
                    j += 1
                for start, _, _ in self.person_runs(index, pi):
                    if j < start and not any(doc[k].pos_ in ("VERB", "AUX") or doc[k].text in (".", ";")
                                             for k in range(j, start)):
                        out[(pi, start)] = state
        return out

    def _names_a_body(self, index: ArticleIndex, pi: int, rs: int, re_: int) -> bool:
        return any(index.kind(k) in ("State", "Organization") for k in index.entities_in(pi, rs, re_))

    def _of_state_after(self, index: ArticleIndex, pi: int, end: int) -> str | None:
        doc = index.paras[pi].doc
        if end + 1 >= len(doc) or fold(doc[end].text) not in self.of:
            return None
        j = end + 1
        if doc[j].lower_ in self.determiners and j + 1 < len(doc):
            j += 1
        k = index.entity_at(pi, j)
        return k if k and index.kind(k) in ("State", "Organization") else None

    def _title_inside(self, doc: Any, rs: int, re_: int) -> int:
        """Start + 1 of the first title in doc[rs:re_] (0 if none)."""
        for i in range(rs, re_):
            if self.titles.length(doc, i, re_):
                return i + 1
        return 0

    def _head_word(self, doc: Any, start: int, end: int) -> str:
        i = self._title_inside(doc, start, end)
        j = i - 1 if i else start
        while j < end and fold(doc[j].text).rstrip("-") in self.titles.modifiers:
            j += 1
        return doc[min(j, end - 1)].text

    def _before(self, index: ArticleIndex, pi: int, start: int,
                covered: Callable[[int], bool]) -> tuple[int, int, int]:
        """The role phrase right before a name: "le [président chinois] Xi Jinping", "[Russia's Foreign
        Minister] Sergei Lavrov", "le [secrétaire général de l'ONU], Ban Ki-moon,"; and where to look for its
        organisation (the phrase, or up to the name of the person a title is "of")."""
        doc = index.paras[pi].doc
        if start == 0:
            return 0, 0, 0
        end = start
        comma = doc[start - 1].text == ","
        if comma:
            end = start - 1
        if end == 0:
            return 0, 0, 0
        if comma:  # "Président de la Commission depuis novembre 2014, X": the title ends before its date
            for k in range(max(1, end - 6), end - 1):
                if fold(doc[k].text) in self.since and all(self._in_date(index, pi, t) for t in range(k + 1, end)):
                    end = k
                    break
        full_end = end  # "President-elect X", "le ministre par intérim, X": the status words end the phrase
        while end > 1 and (doc[end - 1].text == "-" or self.titles.status_words_at(doc, end - 1)
                           or end > 2 and self.titles.status_words_at(doc, end - 2) == 2) and not covered(end - 1):
            end -= 1
        last = doc[end - 1]
        other = index.entity_at(pi, end - 1)
        if comma and other and index.kind(other) == "Person":
            name_start = index.mention_extent(pi, end - 1)[0]
            rs, re_ = self._title_of_a_title(index, pi, name_start, covered)
            return rs, re_, name_start
        if last.pos_ in ("PROPN", "X") and not covered(end - 1) and not self.titles.length(doc, end - 1, end):
            return 0, 0, 0  # a name word the person span left out ("Nawaz" before "Sharif"): unsafe
        if fold(last.text) in self.of or (last.pos_ == "ADP" and last.text not in _POSSESSIVE_MARKS):
            return 0, 0, 0  # "le conseiller de X", "en remplacement de X": X is the object, not the holder
        j = end - 1
        while j >= 0 and end - j <= _MAX_ROLE_TOKENS and (doc[j].pos_ not in _STOP_POS or covered(j)
                                                          or doc[j].text in ("-", *_POSSESSIVE_MARKS)):
            if doc[j].pos_ == "PRON" and doc[j].dep_ not in self.syntax.possessive and not covered(j):
                break
            if doc[j].pos_ == "ADP" and fold(doc[j].text) not in self.role_preps and not covered(j) \
                    and doc[j].text not in _POSSESSIVE_MARKS:
                break  # "the Queen's lunch with [Dutch Prime Minister] X"
            j -= 1
        starts = [rs for rs in range(j + 1, end) if doc[rs].pos_ not in ("DET", "ADP")
                  and self.titles.length(doc, rs, end) and not self._inside_title(doc, rs)]
        starts = self._not_subordinate(doc, starts, end)
        if not starts:
            return 0, 0, 0
        rs = self._extend_left(index, pi, starts[0], j + 1)
        if comma and not (rs > 0 and (doc[rs - 1].lower_ in self.determiners or doc[rs - 1].dep_ in self.syntax.possessive)
                          or rs == doc[rs].sent.start and index.entity_at(pi, starts[0]) is None):
            return 0, 0, 0  # "<det> <role>, <name>", or a title opening the sentence ("Ministre des Finances, X a …")
        return rs, full_end, end

    def _title_of_a_title(self, index: ArticleIndex, pi: int, end: int,
                          covered: Callable[[int], bool]) -> tuple[int, int]:
        """"le conseiller à la sécurité nationale du président X, Y,": Y holds the first title, the one
        that is "of" the title of X (the phrase stops before that second title)."""
        doc = index.paras[pi].doc
        j = end - 1
        while j >= 0 and end - j <= _MAX_ROLE_TOKENS and (doc[j].pos_ not in _STOP_POS or covered(j)):
            if index.entity_at(pi, j) and index.kind(index.entity_at(pi, j) or "") == "Person":
                break
            j -= 1
        starts = [rs for rs in range(j + 1, end) if doc[rs].pos_ not in ("DET", "ADP")
                  and self.titles.length(doc, rs, end) and not self._inside_title(doc, rs)]
        if len(starts) < 2 or starts[0] == self._not_subordinate(doc, starts, end)[0]:
            return 0, 0
        first, second = starts[0], starts[1]
        stop = second
        while stop > first and (fold(doc[stop - 1].text) in self.of or doc[stop - 1].pos_ in ("DET", "ADP")):
            stop -= 1
        rs = self._extend_left(index, pi, first, j + 1)
        if not (rs > 0 and (doc[rs - 1].lower_ in self.determiners or doc[rs - 1].dep_ in self.syntax.possessive)):
            return 0, 0
        return rs, stop

    def _inside_title(self, doc: Any, i: int) -> bool:
        """Token i continues a title that starts before it ("ministre des [affaires] étrangères")."""
        for k in range(max(0, i - 5), i):
            n = self.titles.length(doc, k)
            if n and k + n > i:
                return True
        return False

    def _not_subordinate(self, doc: Any, starts: list[int], end: int) -> list[int]:
        """Drop a title that is "of" a later title ("le conseiller [du] président X": X is the president)."""
        keep = []
        for n, s in enumerate(starts):
            later = starts[n + 1:]
            length = self.titles.length(doc, s, end)
            if any(any(fold(t.text) in self.of for t in doc[s + length:t2]) for t2 in later):
                continue
            keep.append(s)
        return keep

    def _extend_left(self, index: ArticleIndex, pi: int, ts: int, floor: int) -> int:
        """Take a state or organisation and its possessive before a title: "Russia's", "Chinese", "U.S."."""
        doc = index.paras[pi].doc
        rs = ts
        while rs > floor:
            prev = doc[rs - 1]
            k = index.entity_at(pi, rs - 1)
            if prev.text in _POSSESSIVE_MARKS and rs - 2 >= floor and index.entity_at(pi, rs - 2):
                rs -= 1
            elif k and index.kind(k) in ("State", "Organization") and prev.text[:1].isupper():
                while rs > floor and index.entity_at(pi, rs - 1) == k:
                    rs -= 1
            elif fold(prev.text).rstrip("-") in self.titles.modifiers:
                rs -= 1
            else:
                break
        return rs

    def _after(self, index: ArticleIndex, pi: int, end: int, covered: Callable[[int], bool]) -> tuple[int, int]:
        """The role phrase in apposition: "X, [secrétaire du Conseil …],", "X ([ministre de la Défense])"."""
        doc = index.paras[pi].doc
        if end >= len(doc) or doc[end].text not in (",", "(", "–", "—"):
            return 0, 0
        rs, re_ = self.phrase(index, pi, end + 1, covered)
        if re_ < len(doc) and doc[re_].pos_ in ("VERB", "AUX") and doc[end].text == ",":
            return 0, 0  # "X, ministre, a déclaré": fine; "X, ancien ministre devenu …": unsure, left out
        nxt = index.entity_at(pi, re_) if re_ < len(doc) else None
        if nxt and index.kind(nxt) == "Person":
            return 0, 0  # "X, Ireland's Taoiseach Y": the next person's title, not X's
        if not self._title_inside(doc, rs, re_) or self._title_inside(doc, rs, re_) - 1 > rs + 3:
            return 0, 0
        return rs, re_

    def phrase(self, index: ArticleIndex, pi: int, rs: int, covered: Callable[[int], bool]) -> tuple[int, int]:
        """The role phrase starting at token rs (after its determiners): the title and its complements,
        up to a verb, a pronoun, punctuation, a person, or a preposition that does not continue a role."""
        doc = index.paras[pi].doc
        while rs < len(doc) and (doc[rs].pos_ == "DET" or doc[rs].lower_ in self.determiners):
            rs += 1
        re_ = rs
        while re_ < len(doc) and re_ - rs < _MAX_ROLE_TOKENS:
            t = doc[re_]
            status_words = self.titles.status_words_at(doc, re_) if re_ > rs else 0
            if status_words:  # "président élu du Brésil", "ministre de la Défense par intérim"
                re_ += status_words
                continue
            k = index.entity_at(pi, re_)
            if k and index.kind(k) == "Person":
                break
            if t.pos_ in _STOP_POS and not (covered(re_) and t.text != ",") and t.text not in ("-", *_POSSESSIVE_MARKS):
                break
            if t.pos_ == "PRON" and not covered(re_) and t.dep_ not in self.syntax.possessive:
                break
            if t.pos_ == "NUM" and not covered(re_) or self._in_date(index, pi, re_):
                break  # "démissionné de son poste de ministre le 12 avril", "president on January 1": a date ends it
            if t.pos_ == "ADP" and fold(t.text) not in self.role_preps and not covered(re_) \
                    and t.text not in _POSSESSIVE_MARKS:
                break
            re_ += 1
        while re_ > rs and (fold(doc[re_ - 1].text) in self.role_preps or doc[re_ - 1].pos_ in ("DET", "ADP")):
            re_ -= 1
        return rs, re_

    def _copula(self, index: ArticleIndex, pi: int, start: int, end: int) -> tuple[int, int]:
        """"X est le ministre de …", "X is the foreign minister" (present tense only: "was" may be former)."""
        doc = index.paras[pi].doc
        tok = doc[end - 1]
        while tok.dep_ in self.syntax.name_part and tok.head.i < tok.i:
            tok = tok.head
        if tok.dep_ not in self.syntax.subject:
            return 0, 0
        head = tok.head
        cop = [c for c in head.children if c.dep_ == "cop" or (c.lemma_ in ("être", "be") and c.dep_ in self.syntax.aux)]
        if not cop or head.pos_ != "NOUN" or head.i < end or "Past" in cop[0].morph.get("Tense"):
            return 0, 0
        rs = head.left_edge.i
        while rs < head.i and (doc[rs].pos_ == "DET" or doc[rs].lower_ in self.determiners):
            rs += 1
        covered = lambda i: index.entity_at(pi, i) is not None  # noqa: E731
        return self.phrase(index, pi, rs, covered)

    def _parenthesised(self, index: ArticleIndex, pi: int) -> list[tuple[str, int, int, str]]:
        """"the foreign ministers of China (X) and Chile (Y)": X holds the title for China, Y for Chile."""
        doc = index.paras[pi].doc
        out: list[tuple[str, int, int, str]] = []
        if "(" not in doc.text:
            return out
        for tok in doc:
            k = index.entity_at(pi, tok.i)
            if not k or index.kind(k) != "Person" or tok.i == 0 or doc[tok.i - 1].text != "(":
                continue
            s, e = index.mention_extent(pi, tok.i)
            if e >= len(doc) or doc[e].text != ")" or s < 2:
                continue
            state = index.entity_at(pi, s - 2)
            if not state or index.kind(state) != "State":
                continue
            # the title governing the first state of the list: "<title> of <state> (…) and <state> (…)"
            i = index.mention_extent(pi, s - 2)[0]
            while i > 0 and (doc[i - 1].text in (")", ",", "and", "et") or index.entity_at(pi, i - 1)
                             or doc[i - 1].text == "("):
                i -= 1
            if i < 2 or fold(doc[i - 1].text) not in self.of:
                continue
            j = i - 2
            while j >= 0 and not self.titles.length(doc, j, i - 1):
                if doc[j].pos_ in _STOP_POS:
                    break
                j -= 1
            if j < 0 or not self.titles.length(doc, j, i - 1):
                continue
            out.append((k, j, i - 1, state))
        return out

    # -- organisations ------------------------------------------------------------------------
    def organization(self, index: ArticleIndex, pi: int, rs: int, re_: int, person: str,
                     context: str | None) -> tuple[str | None, float]:
        """Whom the post in tokens rs:re_ of paragraph pi serves, and how sure that is: a body or state the
        role names (not the place of a posting), the state of a nationality adjective, or (for a state's
        own offices) the holder's or the article's country."""
        doc = index.paras[pi].doc
        n = self._title_inside(doc, rs, re_)
        agent = self.titles.at(doc, n - 1, re_)[1] if n else None
        named: list[str] = []
        portfolio = n > 0 and fold(doc[n - 1].text) in self.portfolio_titles
        for i in range(rs, re_):
            k = index.entity_at(pi, i)
            if not k or k in named or index.kind(k) not in ("Organization", "State") or k == person:
                continue
            if portfolio and all(fold(t.text) in self.role_preps or t.lower_ in self.determiners for t in doc[n:i]) \
                    and self._a_portfolio(index, k):
                continue  # "ministre des Comptes publics": the portfolio, taken for a body by the model
            if index.entity_at(pi, i - 1) == k and i > rs:
                continue
            prev = fold(doc[i - 1].text) if i > 0 else ""
            if i > rs and prev in self.to and prev not in self.of:
                continue  # "ambassadeur à Moscou", "envoy to Russia": where, not whose
            named.append(k)
        own = self._nationality(index, pi, rs, re_, named)
        orgs = [k for k in named if index.kind(k) == "Organization"]
        if orgs and agent != "DIP":
            return orgs[0], 0.8
        if own:
            return own, 0.8
        if named:
            return named[0], 0.8
        if agent not in NATIONAL_AGENTS or self._unknown_institution(doc, rs, re_, lambda i: index.entity_at(pi, i) is not None):
            return None, 0.0  # "secrétaire général des Nations Unis": a body we cannot name
        if agent == "DIP":
            return None, 0.0  # an ambassador's country cannot be guessed from the place of posting
        own_iso = index.entities[person].iso2
        fallback = context if context and (own_iso is None or index.entities[context].iso2 == own_iso) else None
        sure = 0.5
        if index.publisher and own_iso in (None, index.publisher):
            # a government's release names its own officials: its state, named in the article or not; when
            # the article is mostly about another state, that state is taken, less surely (its own kind of
            # post in the calibration)
            own = index.state_with_iso2(index.publisher) or self._publisher_state(index)
            if fallback is None:
                fallback = own
            elif fallback != own:
                sure = 0.4
        org = (self._country_named_before(index, pi, rs) if self._ends_with_the_country(doc, rs, re_) else None) \
            or index.state_with_iso2(own_iso) or fallback
        if agent == "MIL":  # "le général X": the state's army, if named
            org = self._army_of(index, org) or org
        return org, sure

    def _a_portfolio(self, index: ArticleIndex, key: str) -> bool:
        """A body only the model found, whose name has no noun of an institution ("Comptes publics",
        "Sécurité intérieure"): after a minister's title, the portfolio."""
        e = index.entities[key]
        words = {fold(w) for a in (e.label, *e.aliases) for w in a.replace("'", " ").replace("’", " ").split()}
        return e.kind == "Organization" and e.wikidata is None and not words & self.body_words \
            and not any(a.isupper() for a in e.aliases)  # "RASD": an acronym names a body

    def _publisher_state(self, index: ArticleIndex) -> str | None:
        entry = self.gaz.state(index.publisher or "") if self.gaz is not None else None
        if entry is None:
            return None
        return self.gaz.add_state(index.entities, entry)

    def _nationality(self, index: ArticleIndex, pi: int, rs: int, re_: int, named: list[str]) -> str | None:
        """A state named by an adjective or a possessive in the role ("russe", "Russian", "Russia's")."""
        doc = index.paras[pi].doc
        for k in named:
            if index.kind(k) != "State":
                continue
            for i in range(rs, re_):
                if index.entity_at(pi, i) != k:
                    continue
                if doc[i].text.islower() or doc[i].pos_ == "ADJ" or doc[i].ent_type_ == "NORP" or (
                        i + 1 < re_ and doc[i + 1].text in _POSSESSIVE_MARKS):
                    return k
        return None

    def role_label(self, index: ArticleIndex, pi: int, rs: int, re_: int, org: str) -> str:
        """The title as written ("Russia's Foreign Minister", "président chinois"), in French without the
        capital a title takes before a name."""
        doc = index.paras[pi].doc
        end = self._without_nationality(index, pi, rs, re_, org)
        if end <= rs:
            return ""
        return self.titles.without_status(self._label(doc[rs:end].text))

    def _label(self, text: str) -> str:
        return role_text(text, self.titles.modifiers) if self.pack.lowercase_titles else text

    @staticmethod
    def _without_nationality(index: ArticleIndex, pi: int, rs: int, re_: int, org: str) -> int:
        """End of the role label without a closing nationality that describes the holder rather than the
        post: "directeur général de l'OMC [brésilien]" (the post is the WTO's)."""
        k = index.entity_at(pi, re_ - 1)
        doc = index.paras[pi].doc
        if (re_ - rs > 1 and k and k != org and index.kind(k) == "State" and index.kind(org) == "Organization"
                and doc[re_ - 1].text[:1].islower() and index.entity_at(pi, re_ - 2) != k):
            return re_ - 1
        return re_

    def _ends_with_the_country(self, doc: Any, rs: int, re_: int) -> bool:
        """"chef du gouvernement du pays", "head of the country"."""
        tail = [fold(t.text) for t in doc[max(rs, re_ - 3):re_]]
        nouns = {fold(w) for w in self.pack.cue("country_nouns")}
        return bool(tail) and tail[-1] in nouns and any(w in self.of or w in self.determiners for w in tail[:-1])

    def _unknown_institution(self, doc: Any, rs: int, re_: int, covered: Callable[[int], bool]) -> bool:
        """The role names a body that no mention covers, so its country cannot be guessed: two capitalised
        words in a row after a preposition ("des Nations Unis"), an acronym ("du MEDEF") or the lower-case
        noun of an institution that is not a state's own ("de la fédération", "of the party")."""
        after_prep, run = False, 0
        for i in range(rs, re_):
            t = doc[i]
            if fold(t.text) in self.role_preps:
                after_prep, run = True, 0
                continue
            if t.lower_ in self.determiners and after_prep:
                continue
            if after_prep and not covered(i) and (
                    t.text.islower() and fold(t.text) in self.other_bodies
                    or len(t.text) >= 2 and t.text.isupper() and t.text.isalpha()):
                return True  # "de la fédération internationale", "du MEDEF": a body that is not named
            if after_prep and t.text[:1].isupper() and not covered(i) and i > 0 and doc[i - 1].lower_ in self.determiners:
                run = 1  # "des Nations Unis", "of the Asian Union": a named body (a portfolio has no article)
                continue
            if after_prep and run and t.text[:1].isupper() and not covered(i):
                run += 1
                if run >= 2:
                    return True
            else:
                run = 0
        return False

    @staticmethod
    def _country_named_before(index: ArticleIndex, pi: int, i: int) -> str | None:
        for para in (pi, pi - 1):
            if para < 0:
                break
            j = i - 1 if para == pi else len(index.paras[para].doc) - 1
            while j >= 0:
                k = index.entity_at(para, j)
                if k and index.kind(k) == "State":
                    return k
                j -= 1
        return None

    @staticmethod
    def _army_of(index: ArticleIndex, state: str | None) -> str | None:
        armies = [(k, e.iso2) for k, e in index.entities.items() if k.startswith("org/army-of-")]
        if state is None:
            return armies[0][0] if len(armies) == 1 else None
        iso2 = index.entities[state].iso2
        return next((k for k, i in armies if iso2 and i == iso2), None)

    @staticmethod
    def dominant_state(index: ArticleIndex) -> str | None:
        """The state an article is about: named in its headline, or clearly the most mentioned."""
        counts: dict[str, int] = {}
        for m in index.mentions:
            if index.kind(m.entity) == "State":
                counts[m.entity] = counts.get(m.entity, 0) + (3 if m.sentence == 0 else 1)
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]):
            return None
        return ranked[0][0]

    @staticmethod
    def person_runs(index: ArticleIndex, pi: int) -> list[tuple[int, int, str]]:
        n = len(index.paras[pi].doc)
        runs: list[tuple[int, int, str]] = []
        i = 0
        while i < n:
            k = index.entity_at(pi, i)
            if k and index.kind(k) == "Person":
                j = i
                while j < n and index.entity_at(pi, j) == k:
                    j += 1
                runs.append((i, j, k))
                i = j
            else:
                i += 1
        return runs

    @staticmethod
    def _one_holder_per_state(posts: list[PostHolding]) -> list[PostHolding]:
        """A state's title guessed from the article (a bare "ministre des affaires étrangères") is not
        taken when, in the same sentence, another person holds that title of that state explicitly
        ("… et Mme Y, ministre autrichienne des affaires étrangères"): one state, one foreign minister."""
        def words(role: str) -> set[str]:
            return set(fold(role).replace("'", " ").replace("’", " ").split())

        return [p for p in posts if p.confidence >= 0.8 or not any(
            q.person != p.person and q.organization == p.organization and q.sentence == p.sentence
            and q.confidence >= 0.8 and words(p.role) < words(q.role) for q in posts)]

    @staticmethod
    def _drop_contained(posts: list[PostHolding]) -> list[PostHolding]:
        """One post per person and organisation when one role contains the other ("Foreign Minister" in
        "Vietnamese Foreign Minister", "secrétaire" in "secrétaire d'État")."""
        def inside(a: str, b: str) -> bool:
            return a != b and f" {a} " in f" {b} "

        return [p for p in posts if not any(
            q.person == p.person and q.organization == p.organization and inside(fold(p.role), fold(q.role))
            for q in posts)]
