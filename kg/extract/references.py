"""Second pass over an article once its names are resolved, the same in every language:

- a state's government or army named by a noun and the state ("le gouvernement chinois", "the
  Russian army", "l'armée de la Syrie");
- descriptions that stand for a person named before ("le dirigeant russe", "his Turkish
  counterpart");
- members of a body acting together ("APEC leaders", "les dirigeants de l'UE", "EU member states");
- groups that act as one party ("les rebelles", "the separatists");
- states inside hyphenated words ("U.S.-backed", "sino-russe");
- a press release's principal named only by title ("The President", "the Secretary"): the holder
  of that office of the publisher, on the day, or nobody (``Gazetteer.principal``).
"""
from __future__ import annotations

import zlib
from typing import Any
from urllib.parse import urlsplit

from kg.extract.gazetteer import Gazetteer
from kg.extract.index import ArticleIndex, fold
from kg.extract.pack import LanguagePack
from kg.extract.syntax import Syntax
from kg.model import Entity
from kg.rdf.iris import slug

_HEADER_LINES = 8  # a release's header: where its publisher names itself ("Office of the Spokesperson")


class References:
    def __init__(self, gaz: Gazetteer, pack: LanguagePack, syntax: Syntax, title_prefix: Any, titles: Any) -> None:
        self.gaz = gaz
        self.titles = titles
        self.counterparts = {fold(w) for w in pack.cue("counterpart_nouns")}
        self.possessives = {fold(w) for w in pack.cue("singular_possessives") | pack.cue("plural_possessives")}
        self.pack = pack
        self.syntax = syntax
        self.title_prefix = title_prefix
        self.government = {fold(w) for w in pack.cue("government_nouns")}
        self.army = {fold(w) for w in pack.cue("army_nouns")}
        self.of = pack.prep("of")
        self.determiners = pack.cue("determiners")
        self.member_nouns = {fold(w) for w in pack.cue("member_nouns")}
        self.description_dets = {fold(w) for w in pack.cue("description_determiners")}
        self.actor_deps = syntax.subject | syntax.passive_subject | syntax.object | syntax.conj | syntax.appos \
            | syntax.agent_dep
        self.group_actors = {fold(w) for w in pack.cue("group_actors")}
        self.member_groups = {fold(w) for w in pack.cue("member_groups")}
        self.members_alone = {fold(w) for w in pack.cue("members_alone")}

    def resolve(self, index: ArticleIndex) -> None:
        self._title_groups(index)
        self._outlet(index)
        self._header_places(index)
        self._speakers(index)
        self._hyphenated_states(index)
        self._bodies_of_states(index)
        self._principals(index)
        self._descriptions(index)
        self._collectives(index)
        self._groups(index)

    # -- helpers ------------------------------------------------------------------------------
    def _new_state(self, index: ArticleIndex, key: str) -> str | None:
        entry = self.gaz.get(key) or self.gaz.state(key)
        if entry is None:
            return None
        return self.gaz.add_state(index.entities, entry)

    # -- people named once under a plural title --------------------------------------------------
    def _title_groups(self, index: ArticleIndex) -> None:
        """"China's Special Representatives to the Dialogue, Vice Premier X and State Councilor Y": the
        article's "Special Representatives" are X and Y (index.title_groups, by the title's words)."""
        for pi, p in enumerate(index.paras):
            doc = p.doc
            for start, n in self.titles.plural_titles(doc):
                tok = doc[start]
                words = " ".join(fold(t.text) for t in doc[tok.i:tok.i + n]
                                 if fold(t.text).rstrip("-") not in self.titles.modifiers)
                j = tok.i + n
                while j < len(doc) and doc[j].text != "," and doc[j].pos_ not in ("VERB", "AUX") and j - tok.i < 15:
                    j += 1
                end = j
                while end < len(doc) and doc[end].text not in (".", ";", ":") and doc[end].pos_ not in ("VERB", "AUX") \
                        and end - j < 20:
                    end += 1
                people = [k for k in index.entities_in(pi, j, end) if index.kind(k) == "Person"]
                if j < len(doc) and doc[j].text == "," and len(people) >= 2 and words:
                    index.title_groups.setdefault(words, people)

    # -- the header of a release or a transcript --------------------------------------------------
    def _whole_line(self, index: ArticleIndex, pi: int) -> str | None:
        doc = index.paras[pi].doc
        s = 1 if len(doc) > 1 and doc[0].lower_ in self.determiners else 0
        keys = {index.entity_at(pi, i) for i in range(s, len(doc))}
        return next(iter(keys)) if len(keys) == 1 and None not in keys else None

    def _outlet(self, index: ArticleIndex) -> None:
        """A first line that is only an organisation ("The White House") is the publisher, not an actor."""
        if len(index.paras) < 3 or len(index.paras[0].doc) > 5:
            return
        k = self._whole_line(index, 0)
        if k and index.kind(k) == "Organization":
            index.drop_mentions(0, 0, len(index.paras[0].doc))

    def _date_line(self, index: ArticleIndex, pi: int) -> bool:
        from kg.extract.dates import find_dates

        text = index.paras[pi].doc.text.strip()
        found = find_dates(text, None, self.pack.lang) if len(text) < 40 and any(c.isdigit() for c in text) else []
        return len(found) == 1 and found[0][0] == 0 and found[0][1] >= len(text.rstrip(" .")) - 1

    def _header_places(self, index: ArticleIndex) -> None:
        """Short lines right above a header's date line ("Salle des fêtes" / "Lisbonne" / "3 mars
        2014") name the place of what follows."""
        for pi in range(1, min(len(index.paras), 10)):
            if not self._date_line(index, pi):
                continue
            for qi in (pi - 1, pi - 2):
                doc = index.paras[qi].doc
                words = [t for t in doc if t.text != ","]
                if qi < 1 or not words or len(words) > 4 or not all(t.text[:1].isupper() for t in words):
                    break
                if any(self.title_prefix(doc, i, len(doc)) for i in range(len(doc))):
                    break
                k = self._whole_line(index, qi)
                if k and index.kind(k) == "Person":
                    break
                text = doc.text.strip()
                key = f"place/{slug(text)}"
                index.drop_mentions(qi, 0, len(doc))
                if key not in index.entities:
                    index.entities[key] = Entity(key, "Place", text, self.pack.lang)
                index.add_mention(qi, 0, len(doc), key)
            return

    def _speakers(self, index: ArticleIndex) -> None:
        """Speaker turns of a transcript ("SECRETARY ROJAS: …"): the label names a person of the article;
        their first-person words in the turn are theirs (index.speakers)."""
        people: dict[str, set[str]] = {}
        for k, e in index.entities.items():
            if e.kind == "Person":
                for word in (e.label, *e.aliases):
                    for w in word.split():
                        people.setdefault(fold(w), set()).add(k)
        current: str | None = None
        for pi, p in enumerate(index.paras):
            doc = p.doc
            colon = next((t.i for t in doc[:8] if t.text == ":"), None)
            if colon is None or colon == 0 or not all(t.text.isupper() or not t.is_alpha for t in doc[:colon]):
                if current is not None:
                    index.speakers[pi] = current  # the turn goes on over the next paragraphs
                continue
            owners = {k for t in doc[:colon] if t.is_alpha for k in people.get(fold(t.text), set())}
            current = next(iter(owners)) if len(owners) == 1 else None  # another speaker, known or not
            if current is not None:
                index.speakers[pi] = current
                index.add_mention(pi, 0, colon, current, cover=True)

    # -- states inside words ---------------------------------------------------------------------
    def _hyphenated_states(self, index: ArticleIndex) -> None:
        """"U.S.-backed", "U.S.-China", "sino-russe", "russo-américain": each state named by a part is
        mentioned there (a nationality prefix counts as the state)."""
        import bisect

        from kg.model import Mention

        for pi, p in enumerate(index.paras):
            for t in p.doc:
                if "-" not in t.text.strip("-") or len(t.text) > 40:
                    continue
                k = index.entity_at(pi, t.i)
                if k is not None:
                    s, e = index.mention_extent(pi, t.i)
                    if (s, e) != (t.i, t.i + 1) or index.kind(k) == "State" or not self._states_in(t.text):
                        continue
                    index.drop_mentions(pi, t.i, t.i + 1)  # "U.S.-Peru" taken for a body: two states
                offset = 0
                for part in t.text.split("-"):
                    start_in = t.text.index(part, offset)
                    offset = start_in + len(part)
                    if len(part) < 2:
                        continue
                    entries = [e for e in self.gaz.lookup(part, self.pack.lang) if e.kind == "State"]
                    if not entries:
                        entries = [e for e in self.gaz.lookup(part.capitalize(), self.pack.lang) if e.kind == "State"
                                   and e.form in ("adjective", "prefix", "demonym")]
                    keys = {e.key for e in entries}
                    if len(keys) != 1:
                        continue
                    key = self._new_state(index, next(iter(keys)))
                    if key is None:
                        continue
                    start = p.offset + t.idx + start_in
                    index.entities[key].aliases.add(part)
                    bisect.insort(index.mentions, Mention(start, start + len(part), part, key, index.sentence_of(start)),
                                  key=lambda m: (m.start, m.end))

    def _states_in(self, word: str) -> bool:
        parts = [x for x in word.split("-") if len(x) > 1]
        return len(parts) >= 2 and all(any(e.kind == "State" for e in self.gaz.lookup(x, self.pack.lang)) for x in parts)

    # -- a state's government and army ---------------------------------------------------------
    def _bodies_of_states(self, index: ArticleIndex) -> None:
        for pi, p in enumerate(index.paras):
            doc = p.doc
            for tok in doc:
                low = fold(tok.text)
                body = "Government" if low in self.government else "Army" if low in self.army else None
                if body is None or index.entity_at(pi, tok.i):
                    continue
                state, span = self._state_of_noun(index, pi, tok)
                if state is None:
                    continue
                name = index.entities[state].label
                key = f"org/{slug(body)}-of-{slug(name)}"
                if key not in index.entities:
                    index.entities[key] = Entity(key, "Organization", f"{body} of {name}", "en",
                                                 iso2=index.entities[state].iso2, part_of=state)
                index.add_mention(pi, span[0], span[1], key, cover=True)

    def _state_of_noun(self, index: ArticleIndex, pi: int, tok: Any) -> tuple[str | None, tuple[int, int]]:
        """The state a noun belongs to: an adjective or a compound next to it ("gouvernement chinois",
        "Chinese government"), "of/de" + the state, or a possessive ("Russia's army")."""
        doc = index.paras[pi].doc
        for j in (tok.i + 1, tok.i - 1):
            if 0 <= j < len(doc):
                k = index.entity_at(pi, j)
                if k and index.kind(k) == "State" and doc[j].head.i == tok.i:
                    s, e = index.mention_extent(pi, j)
                    return k, (min(tok.i, s), max(tok.i + 1, e))
        for prep, noun in self.syntax.pp_args(tok):
            if prep in self.of:
                k = index.entity_at(pi, noun.i)
                if k and index.kind(k) == "State":
                    return k, (tok.i, index.mention_extent(pi, noun.i)[1])
        for c in self.syntax.possessors(tok):
            k = index.entity_at(pi, c.i)
            if k and index.kind(k) == "State":
                return k, (index.mention_extent(pi, c.i)[0], tok.i + 1)
        return None, (0, 0)

    # -- a release's principal -------------------------------------------------------------------
    def _principals(self, index: ArticleIndex) -> None:
        """"the Secretary", "The President" with no name after them: the holder of that office of the
        release's publisher on the day (its URL host or a header line), else nobody."""
        host = urlsplit(index.url).hostname if index.url else None
        header = [p.doc.text.strip() for p in index.paras[:_HEADER_LINES]]
        terms: dict[str, Any] = {}
        for pi, p in enumerate(index.paras):
            doc = p.doc
            for i in range(len(doc) - 1):
                if doc[i].lower_ not in self.determiners or not doc[i + 1].text[:1].isupper() \
                        or index.entity_at(pi, i + 1):
                    continue
                n = self.title_prefix(doc, i + 1, len(doc))
                if not n:
                    continue
                e = i + 1 + n
                if e < len(doc) and (doc[e].text[:1].isupper() or doc[e].lower_ in self.of or doc[e].lower_ == "for"):
                    continue  # "the President of Russia", "the Secretary General": not the principal
                title = doc[i + 1:e].text
                if title not in terms:
                    terms[title] = self.gaz.principal(title, host, header, index.published)
                term = terms[title]
                if term is None:
                    continue
                key = self._office_holder(index, term)
                index.add_mention(pi, i, e, key)
                index.principals.append((key, pi, i + 1, e, term.iso2))
                if index.state_with_iso2(term.iso2) is None:
                    self._new_state(index, term.iso2)  # the office's state, whether or not the release names it

    def _office_holder(self, index: ArticleIndex, term: Any) -> str:
        if term.person not in index.entities:
            entry = self.gaz.get(term.person)
            ent = Entity(term.person, "Person", entry.label_en if entry else term.name, "en", iso2=term.iso2)
            if entry and entry.label_fr:
                ent.other_labels["fr"] = entry.label_fr
            index.entities[term.person] = ent
        return term.person

    # -- descriptions ------------------------------------------------------------------------------
    def _descriptions(self, index: ArticleIndex) -> None:
        """"le dirigeant russe", "son homologue indien", "his Turkish counterpart", "the Russian leader":
        the person of that state named last before it, when no name follows (then it is a title)."""
        iso_of = self._nationalities(index)
        first: dict[str, int] = {}
        for m in index.mentions:
            first.setdefault(m.entity, m.start)
        for pi, p in enumerate(index.paras):
            doc = p.doc
            for tok in doc:
                if self.title_prefix(doc, tok.i, tok.i + 1) != 1 or index.entity_at(pi, tok.i) \
                        or "Plur" in tok.morph.get("Number"):
                    continue
                state = None
                span = (tok.i, tok.i + 1)
                for c in tok.children:
                    k = index.entity_at(pi, c.i)
                    if k and index.kind(k) == "State" and c.dep_ in self.syntax.pack.dep("modifier") | {"amod", "compound", "nmod"}:
                        state = k
                        s, e = index.mention_extent(pi, c.i)
                        span = (min(span[0], s), max(span[1], e))
                det = [c for c in tok.children if fold(c.text) in self.description_dets or c.dep_ in self.syntax.possessive]
                if state is None or not det or index.entities[state].iso2 is None:
                    continue
                if self.titles.is_former(doc, span[0], span[1]) or any(
                        self.titles.is_former(doc, c.i, c.i + 1) for c in tok.children):
                    continue  # "l'ancien espion russe": not who holds the post now
                if self.titles.at(doc, tok.i, tok.i + 1)[1] not in ("GOV", "ELI", None) \
                        and fold(tok.text) not in self.counterparts:
                    continue  # "the Swedish ambassador": a state has many; only unique offices describe a person
                after = index.entity_at(pi, span[1]) if span[1] < len(doc) else None
                if after and index.kind(after) == "Person":
                    continue  # "le président chinois Xi Jinping": the name follows
                if any(c.dep_ in self.syntax.appos or c.dep_ in self.syntax.name_part or c.pos_ == "PROPN"
                       and c.i > tok.i for c in tok.children):
                    continue  # "le président chinois Xi Jinping": a title, the name follows
                if tok.i + 1 < len(doc) and (doc[tok.i + 1].pos_ == "PROPN" or (
                        index.entity_at(pi, tok.i + 1) and index.kind(index.entity_at(pi, tok.i + 1) or "") == "Person")):
                    continue
                char = index.char_span(pi, tok.i, tok.i + 1)[0]
                iso2 = index.entities[state].iso2
                before = sorted((first[k], k) for k, i in iso_of.items() if i == iso2 and first.get(k, len(index.text)) < char)
                if not before:
                    continue
                person = before[-1][1]
                # "son homologue indien", "his Turkish counterpart" (a possessive is part of it; "le" is not)
                owners = [d.i for d in det if d.dep_ in self.syntax.possessive or fold(d.text) in self.possessives]
                start = min([span[0], *owners])
                index.add_mention(pi, start, span[1], person, cover=True)
                index.descriptions.append((person, pi, start, span[1], state))

    def _nationalities(self, index: ArticleIndex) -> dict[str, str]:
        """Person -> ISO code of the state whose title the article gives them, or the gazetteer's."""
        out: dict[str, str] = {}
        for pi, p in enumerate(index.paras):
            for tok in p.doc:
                k = index.entity_at(pi, tok.i)
                if not k or index.kind(k) != "Person" or k in out:
                    continue
                head = tok.head
                for t in (head, *head.children, *tok.children):
                    sk = index.entity_at(pi, t.i)
                    if sk and index.kind(sk) == "State" and index.entities[sk].iso2 and \
                            (self.title_prefix(p.doc, head.i, head.i + 1) or self.title_prefix(p.doc, t.head.i, t.head.i + 1)):
                        out[k] = index.entities[sk].iso2 or ""
                        break
        for pi, p in enumerate(index.paras):  # "Peruvian Foreign Minister X", "Chile's envoy X"
            doc = p.doc
            for tok in doc:
                k = index.entity_at(pi, tok.i)
                if not k or index.kind(k) != "Person" or k in out or (tok.i and index.entity_at(pi, tok.i - 1) == k):
                    continue
                for j in range(tok.i - 1, max(-1, tok.i - 7), -1):
                    sk = index.entity_at(pi, j)
                    if sk and index.kind(sk) == "State" and index.entities[sk].iso2:
                        if any(self.title_prefix(doc, i, tok.i) for i in range(j + 1, tok.i)):
                            out[k] = index.entities[sk].iso2 or ""
                        break
                    if doc[j].pos_ in ("VERB", "AUX", "PUNCT") or (sk and sk != k):
                        break
        for k, e in index.entities.items():
            if e.kind == "Person" and e.iso2 and k not in out:
                out[k] = e.iso2
        return out

    # -- members of a body, groups -------------------------------------------------------------------
    def _collectives(self, index: ArticleIndex) -> None:
        """"APEC leaders", "EU27 leaders", "les dirigeants de l'UE", "member states of the EU": the
        members of a body, one collective actor per body."""
        for pi, p in enumerate(index.paras):
            doc = p.doc
            for tok in doc:
                if fold(tok.lemma_) not in self.member_nouns or "Sing" in tok.morph.get("Number") \
                        or index.entity_at(pi, tok.i) or tok.dep_ not in self.actor_deps:
                    continue  # only where the members act: "les dirigeants de l'UE ont …", "met APEC leaders"
                body, span = None, (tok.i, tok.i + 1)
                for c in tok.children:
                    k = index.entity_at(pi, c.i)
                    if k and index.kind(k) == "Organization" and c.i < tok.i and c.dep_ not in self.syntax.possessive:
                        body = k
                        span = (index.mention_extent(pi, c.i)[0], tok.i + 1)
                if body is None:
                    for prep, noun in self.syntax.pp_args(tok):
                        k = index.entity_at(pi, noun.i)
                        if prep in self.of and k and index.kind(k) == "Organization":
                            body = k
                            span = (tok.i, index.mention_extent(pi, noun.i)[1])
                if body is None or index.entities[body].part_of:
                    continue
                key = f"{body}/members"
                if key not in index.entities:  # named as the text first names it ("APEC leaders")
                    index.entities[key] = Entity(key, "Organization", doc[span[0]:span[1]].text, self.pack.lang)
                index.add_mention(pi, span[0], span[1], key)

    def _groups(self, index: ArticleIndex) -> None:
        """"les rebelles", "the separatists", "les pays membres" (then "les membres"): a group acting as one
        party, known only within its article."""
        article = zlib.crc32(index.text.encode("utf-8"))
        members_key = None
        for pi, p in enumerate(index.paras):
            doc = p.doc
            for tok in doc:
                lemma = fold(tok.lemma_)
                if tok.pos_ != "NOUN" or index.entity_at(pi, tok.i) or "Sing" in tok.morph.get("Number"):
                    continue
                end = tok.i + 1
                pair = f"{lemma} {fold(doc[end].text)}" if end < len(doc) else ""
                prev = f"{fold(doc[tok.i - 1].text)} {fold(tok.text)}" if tok.i else ""
                if pair in self.member_groups or prev in self.member_groups:
                    start, end = (tok.i, end + 1) if pair in self.member_groups else (tok.i - 1, tok.i + 1)
                    members_key = members_key or f"group/member-states-{article:08x}"
                    key, text = members_key, doc[start:end].text
                elif lemma in self.members_alone and members_key and tok.dep_ in self.actor_deps:
                    key, start, text = members_key, tok.i, tok.text  # "les membres" after "les pays membres"
                elif lemma in self.group_actors:
                    start, end = tok.i, tok.i + 1  # with its adjectives: "les différents partis"
                    while start > 0 and doc[start - 1].pos_ == "ADJ" and doc[start - 1].head.i == tok.i:
                        start -= 1
                    while end < len(doc) and doc[end].pos_ == "ADJ" and doc[end].head.i == tok.i and doc[end].is_lower:
                        end += 1
                    key, text = f"group/{slug(lemma)}-{article:08x}", doc[start:end].text
                else:
                    continue
                if any(index.entity_at(pi, i) for i in range(start, end)):
                    continue
                if key not in index.entities:
                    index.entities[key] = Entity(key, "Organization", text, self.pack.lang)
                index.add_mention(pi, start, end, key)
