"""Find actor mentions in a parsed article and resolve them to entities (one per referent).

Names come from two sources, in every language alike: the gazetteer (states, capitals and
demonyms, seats of power, organisations, places) through a PhraseMatcher, and the model's named
entities, whose labels the pack maps onto Person / Organization / Place. People are clustered by
``kg.extract.people``; descriptions, groups and principals are added by ``kg.extract.references``.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kg.extract.bodies import Bodies
from kg.extract.gazetteer import Gazetteer, GazEntry
from kg.extract.index import ArticleIndex, Span, fold
from kg.extract.nlp import Paragraph
from kg.extract.pack import LanguagePack
from kg.extract.people import NAME_PARTICLES, People
from kg.model import Entity, Mention, Sentence
from kg.rdf.iris import slug


def entry_span(para: int, start: int, end: int, e: GazEntry) -> Span:
    return Span(para, start, end, e.kind, e.key, e.label_en, "en", e.iso2, "gaz", e.label_fr)


class MentionFinder:
    """Builds matchers once per language; `find` resolves the mentions of one article."""

    def __init__(self, nlp: Any, gaz: Gazetteer, pack: LanguagePack) -> None:
        from spacy.matcher import PhraseMatcher

        self.gaz = gaz
        self.pack = pack
        self.lang = pack.lang
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        seen: set[str] = set()
        forms: list[str] = []
        for surface, entry in gaz.phrases(self.lang):
            if entry.kind == "Person":
                continue  # people come from NER and are canonicalised through gaz.person()
            for variant in {surface, surface.replace("'", "’"), surface.replace("’", "'")}:
                if variant not in seen:
                    seen.add(variant)
                    forms.append(variant)
        self.matcher.add("GAZ", list(nlp.tokenizer.pipe(forms)))
        # Full names of known people (two words or more) the model may miss ("appointed Jan Eliasson as …").
        self.person_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        names = sorted({surface for surface, entry in gaz.phrases(self.lang)
                        if entry.kind == "Person" and len(surface.split()) >= 2 and surface[:1].isupper()})
        self.person_matcher.add("PER", list(nlp.tokenizer.pipe(names)))
        self.titles = {fold(t.surface) for t in gaz.titles(self.lang)}
        # title lengths by first word: most tokens start no title and are rejected by one lookup
        self._title_starts: dict[str, list[int]] = {}
        for t in self.titles:
            words = t.split()
            self._title_starts.setdefault(words[0], []).append(len(words))
        for lengths in self._title_starts.values():
            lengths.sort(reverse=True)
        self.determiners = pack.cue("determiners")
        self.generic = {fold(w) for w in pack.cue("generic_capitalised")}
        self.instruments = pack.cue("instrument_nouns")
        self.place_preps = pack.prep("place")
        self.of = pack.prep("of")
        self.state_body_heads = {fold(w) for w in pack.cue("state_body_heads")}
        self.civility = pack.cue("civility")
        self.people = People(gaz, self.lang, self.title_prefix, pack.cue("civility"))
        self.bodies = Bodies(gaz, pack)

    def title_prefix(self, doc: Any, start: int, end: int) -> int:
        """Tokens of a title at the start of doc[start:end] ("Premier ministre ..."), 0 if none."""
        if start >= end:
            return 0
        lengths = self._title_starts.get(fold(doc[start].text))
        if not lengths:
            return 0
        for n in lengths:
            if n <= end - start and fold(doc[start:start + n].text) in self.titles:
                return n
        return 0

    def find(self, index: ArticleIndex) -> None:
        """Fill index.sentences, index.entities, index.mentions and the token lookup."""
        spans: list[Span] = []
        blocked: set[tuple[int, int]] = set()
        for pi, p in enumerate(index.paras):
            spans.extend(self._gazetteer_spans(pi, p, blocked))
        spans = [s for s in spans if not self._first_name(index, s)]
        taken = {(s.para, i) for s in spans for i in range(s.start, s.end)} | blocked
        ner = [s for pi, p in enumerate(index.paras) for s in self._ner_spans(pi, p, taken)
               if not self._generic(p.doc, s)]
        ner = self._headline_noise(index, ner)
        people_spans = [s for s in ner if s.kind == "Person"]
        ner = [s for s in ner if s.kind == "Person" or not any(
            o.para == s.para and o.start <= s.start and s.end <= o.end for o in people_spans)]
        ner = self.bodies.revise(index, ner, spans, taken)  # institutions, "au Monde", non-actors
        text_of = lambda s: index.paras[s.para].doc[s.start:s.end].text  # noqa: E731
        person_tokens = {fold(t) for s in ner if s.kind == "Person" for t in text_of(s).split()}
        for pi, p in enumerate(index.paras):
            covered = taken | {(s.para, i) for s in ner if s.para == pi for i in range(s.start, s.end)}
            for _, start, end in self.person_matcher(p.doc):
                if not any((pi, i) in covered for i in range(start, end)):
                    ner.append(Span(pi, start, end, "Person", source="ner"))
                    covered |= {(pi, i) for i in range(start, end)}
            ner.extend(self._civility_spans(pi, p.doc, taken))
            ner.extend(self._parenthesised_names(pi, p.doc, spans, covered))
            ner.extend(self._titled_names(pi, p.doc, taken, ner))
            ner.extend(self._name_line(index, pi, taken, ner))
        named = {fold(t) for s in ner if s.kind == "Person" and s.end - s.start > 1 for t in text_of(s).split()}
        for s in ner:  # "in Cartagena" tagged as a person: a one-word name after a place preposition
            doc = index.paras[s.para].doc
            if s.kind == "Person" and s.end - s.start == 1 and s.start > 0 and doc[s.start - 1].lower_ in self.place_preps \
                    and fold(doc[s.start].text) not in named:
                s.kind = "Place"
        # NER sometimes labels a person's surname LOC or MISC ("Patrushev"): a span made only of
        # tokens of names tagged as people in this article is that person.
        person_tokens = {fold(t) for s in ner if s.kind == "Person" for t in text_of(s).split()}
        for s in ner:
            if s.kind in ("Place", "Misc", "Organization") and all(fold(t) in person_tokens for t in text_of(s).split()):
                s.kind = "Person"
            elif s.kind == "Misc" and self._titled_name(index.paras[s.para].doc, s):
                s.kind = "Person"  # "Premier ministre Nawaz Sharif" tagged MISC
        orgs = [o for o in ner if o.kind == "Organization"]
        # A longer organisation name wins over a shorter known one inside it ("Conseil de sécurité
        # nationale russe" is not "Conseil de sécurité"), and over a state or city named inside it
        # ("Air France", "Radio Free Europe"), unless the state is the body's own nationality adjective.
        spans = [s for s in spans if not self._inside_org(index, s, orgs)]
        spans = [self._extend_org(index, s, orgs) if s.kind == "Organization" else s for s in spans]
        for o in orgs:
            self._extend_org(index, o, orgs)
        spans.extend(self.people.resolve(index, [s for s in ner if s.kind == "Person"], taken))
        spans.extend(self._resolve_orgs(index, orgs))
        spans.extend(s for s in ner if s.kind == "Place")
        self._register(index, spans)

    # -- candidate spans ----------------------------------------------------------------
    def _gazetteer_spans(self, pi: int, p: Paragraph, blocked: set[tuple[int, int]]) -> list[Span]:
        doc = p.doc
        out: list[Span] = []
        matches = sorted(self.matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
        last_end = -1
        for _, start, end in matches:
            if start < last_end:
                continue  # keep the longest match at each position
            entries = self.gaz.lookup(doc[start:end].text, self.lang)
            if not entries:
                continue
            entry = sorted(entries, key=lambda e: ({"State": 0, "Organization": 1}.get(e.kind, 2)))[0]
            if self._names_an_instrument(doc, start, end, entry):
                blocked.update((pi, i) for i in range(start, end))  # "l'accord de Paris", "the Minsk accords"
                last_end = end
                continue
            before = doc[start - 1].lower_ if start else ""
            if (entry.form == "capital" or entry.kind == "Place") and before in self.place_preps:
                entry = next((e for e in entries if e.kind == "Place"), entry)  # "à Londres": the city
            out.append(entry_span(pi, start, end, entry))
            last_end = end
        return out

    def _first_name(self, index: ArticleIndex, s: Span) -> bool:
        """A state or place name that begins a person's name ("Dominique de Villepin", "Jordan Peele",
        "Georgia Meloni"): the model's person wins."""
        if s.kind not in ("State", "Place"):
            return False
        doc = index.paras[s.para].doc
        if any(e.form in ("adjective", "demonym", "gentile") for e in self.gaz.lookup(doc[s.start:s.end].text, self.lang)):
            return False  # "le président Chinois Li Wen": a nationality, even capitalised, begins no name
        return any(self.pack.ner.get(ent.label_) == "Person" and ent.start <= s.start and s.end < ent.end
                   for ent in doc.ents) or self._civility_name(doc, s.start - 1) > 0

    def _civility_name(self, doc: Any, i: int) -> int:
        """Length of the name after a courtesy title at token i ("Mme Calmy-Rey", "Mr. Lavrov"), 0 if none."""
        if i < 0 or i >= len(doc) or doc[i].lower_ not in self.civility:
            return 0
        j = i + 1
        while j < len(doc) and j - i <= 4 and (doc[j].text[:1].isupper() or doc[j].text == "-" and j + 1 < len(doc)
                                               and doc[j + 1].text[:1].isupper()):
            j += 1
        return j - i - 1

    def _titled_names(self, pi: int, doc: Any, taken: set[tuple[int, int]], ner: list[Span]) -> list[Span]:
        """Proper nouns right after a title that the model missed ("President Ana Rojas" in a title-case
        headline, "le Président Pierre Nkurunziza"): a person."""
        covered = taken | {(s.para, i) for s in ner if s.para == pi for i in range(s.start, s.end)}
        out = []
        i = 0
        while i < len(doc):
            n = self.title_prefix(doc, i, len(doc))
            if not n:
                i += 1
                continue
            j = i + n
            while j < len(doc) and self.title_prefix(doc, j, len(doc)):
                j += self.title_prefix(doc, j, len(doc))
            k = j
            while k < len(doc) and k - j < 4 and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper() \
                    and (pi, k) not in covered and not self.title_prefix(doc, k, k + 1) \
                    and fold(doc[k].text) not in self.generic:
                k += 1
            if k - j >= 2 or (k - j == 1 and doc[j].is_title and len(doc[j].text) > 2):
                out.append(Span(pi, j, k, "Person", source="ner"))
            i = max(k, i + 1)
        return out

    def _name_line(self, index: ArticleIndex, pi: int, taken: set[tuple[int, int]], ner: list[Span]) -> list[Span]:
        """A line holding only a name, then a line holding only a title (a release's signature block: "Ana
        Rojas" / "Secretary of State"): a person."""
        doc = index.paras[pi].doc
        if pi + 1 >= len(index.paras) or not 2 <= len(doc) <= 4 or any(s.para == pi for s in ner):
            return []
        nxt = index.paras[pi + 1].doc
        if not len(nxt) or self.title_prefix(nxt, 0, len(nxt)) != len(nxt):
            return []
        if not all(t.text[:1].isupper() and t.is_alpha and (pi, t.i) not in taken for t in doc):
            return []
        return [Span(pi, 0, len(doc), "Person", source="ner")]

    @staticmethod
    def _parenthesised_names(pi: int, doc: Any, gaz_spans: list[Span], covered: set[tuple[int, int]]) -> list[Span]:
        """"the foreign ministers of Denmark (Lars Holm) and Norway (Erik Dahl)": two or three proper nouns in
        parentheses right after a state are the person who stands for it."""
        if "(" not in doc.text:
            return []
        out = []
        for s in gaz_spans:
            if s.para != pi or s.kind != "State" or s.end >= len(doc) or doc[s.end].text != "(":
                continue
            j = s.end + 1
            k = j
            while k < len(doc) and k - j < 4 and doc[k].text[:1].isupper() and doc[k].is_alpha and (pi, k) not in covered:
                k += 1
            if 2 <= k - j <= 3 and k < len(doc) and doc[k].text == ")":
                out.append(Span(pi, j, k, "Person", source="ner"))
        return out

    def _civility_spans(self, pi: int, doc: Any, taken: set[tuple[int, int]]) -> list[Span]:
        """Names after a courtesy title that the model missed: "Mme Calmy-Rey" is a person."""
        out = []
        for t in doc:
            n = self._civility_name(doc, t.i)
            if n and not any((pi, k) in taken for k in range(t.i + 1, t.i + 1 + n)) and \
                    not any(e.start <= t.i + 1 < e.end for e in doc.ents if self.pack.ner.get(e.label_) == "Person"):
                out.append(Span(pi, t.i + 1, t.i + 1 + n, "Person", source="ner"))
        return out

    def _names_an_instrument(self, doc: Any, start: int, end: int, entry: GazEntry) -> bool:
        """A place name that is part of a named agreement or process: "accord de Paris", "traité de Rome",
        "the Paris Agreement", "the Minsk accords". A nationality adjective ("l'accord russo-turc") is not."""
        if entry.form in ("adjective", "demonym", "gentile"):
            return False
        b = start
        while b > 0 and doc[b - 1].is_quote or b > 0 and doc[b - 1].text in ("«", "»", "“", "\""):
            b -= 1  # "les accords dits de « Minsk II »"
        before = [t.lower_ for t in doc[max(0, b - 3):b]]
        if len(before) >= 2 and before[-1] in self.of and (before[-2] in self.instruments or (
                len(before) == 3 and before[0] in self.instruments and before[1] in ("dit", "dits", "dite", "dites", "called", "so-called"))):
            return True
        after = doc[end].lower_ if end < len(doc) else ""
        return (after in self.instruments and doc[end].text[:1].isupper() and start > 0
                and doc[start - 1].lower_ in self.determiners)

    def _inside_org(self, index: ArticleIndex, s: Span, orgs: list[Span]) -> bool:
        for o in orgs:
            if o.para != s.para or not (o.start <= s.start and s.end <= o.end) or o.end - o.start <= s.end - s.start:
                continue
            if s.kind == "Organization":
                return True
            doc = index.paras[s.para].doc
            if s.kind in ("State", "Place") and doc[s.start].text[:1].isupper() and not (
                    self.state_body_heads & set(fold(doc[o.start:o.end].text).split()[:3])):
                return True  # "Air France", "Radio Free Asia": the name of a firm, not the state
        return False

    def _extend_org(self, index: ArticleIndex, s: Span, ner_orgs: list[Span]) -> Span:
        """A known organisation name followed by its own adjectives names another body:
        "Assemblée nationale populaire" is not "Assemblée nationale". A state adjective ends it."""
        doc = index.paras[s.para].doc
        j = s.end
        while (j < len(doc) and doc[j].pos_ == "ADJ" and doc[j].text.islower() and doc[j].dep_ == "amod"
               and s.start <= doc[j].head.i < j
               and not any(e.kind == "State" for e in self.gaz.lookup(doc[j].text, self.lang))):
            j += 1
        if j == s.end or any(o is not s and o.para == s.para and o.start < j and s.end < o.end for o in ner_orgs):
            return s
        text = doc[s.start:j].text
        if s.source == "ner":
            s.end = j
            return s
        return Span(s.para, s.start, j, "Organization", f"org/{slug(text)}", text, self.lang, None, "gaz")

    def _generic(self, doc: Any, s: Span) -> bool:
        """NER noise: a lone capitalised common noun ("État", "Commission") or a tiny token ("CO")."""
        text = doc[s.start:s.end].text
        return (s.end - s.start == 1 and fold(text) in self.generic) or len(text) <= 2 and not text.isupper() \
            or len(text) < 2

    def _headline_noise(self, index: ArticleIndex, ner: list[Span]) -> list[Span]:
        """In a headline written in title case ("Ministers Meet In Oslo To Discuss Fishing Quotas"),
        capitals say nothing: keep only the names the body repeats."""
        if len(index.paras) < 2:
            return ner
        head = index.paras[0].doc
        words = [t for t in head if t.is_alpha and len(t.text) > 3]
        if len(words) < 4 or sum(t.text[:1].isupper() for t in words) < 0.7 * len(words):
            return ner
        body = fold(index.text[index.paras[1].offset:])
        return [s for s in ner if s.para != 0 or fold(head[s.start:s.end].text) in body
                or s.kind == "Person" and s.start > 0 and self.title_prefix(head, s.start - 1, s.start)]

    def _strip_det(self, doc: Any, start: int, end: int) -> int:
        while start < end - 1 and doc[start].lower_ in self.determiners:
            start += 1
        return start

    def _ner_spans(self, pi: int, p: Paragraph, taken: set[tuple[int, int]]) -> Iterable[Span]:
        doc = p.doc
        for ent in doc.ents:
            kind = self.pack.ner.get(ent.label_)
            if kind is None:
                continue
            start = self._strip_det(doc, ent.start, ent.end)
            end = ent.end
            while end > start + 1 and doc[end - 1].text in ("'s", "’s", "'", "’"):
                end -= 1
            if kind == "Person":  # "Chinois Li Wen": the name after a nationality the gazetteer took
                while start < end - 1 and (pi, start) in taken and doc[start + 1].text[:1].isupper():
                    start += 1
            if any((pi, i) in taken for i in range(start, end)):
                # overlaps a gazetteer match: keep only organisations that contain it ("... russe")
                if kind != "Organization" or all((pi, i) in taken for i in range(start, end)):
                    continue
            if not (doc[start].text[:1].isupper() or doc[start].text[:1].isdigit()):
                continue
            n = self.title_prefix(doc, start, end)
            if n and kind != "Person" and start + n < end and fold(doc[start + n].text) in self.of:
                continue  # "Président du Conseil italien" tagged as a body: a title, said of someone
            if n and end - start - n >= 1 and kind != "Person" and doc[start + n].text[:1].isupper():
                start, kind = start + n, "Person"  # "Taoiseach Leo Varadkar" tagged as a body: a titled person
            elif kind in ("Organization", "Misc") and any(self._plural_title_end(doc, i, end)
                                                          for i in range(start, end)):
                continue  # "China's Special Representatives": people named by their title, not a body
            if kind == "Person":  # "Ursula von der" + "Leyen" tagged apart: the name goes on past its particle
                while end < len(doc) and fold(doc[end - 1].text) in NAME_PARTICLES and doc[end].text[:1].isupper():
                    end += 1
            yield Span(pi, start, end, kind)

    def _plural_title_end(self, doc: Any, i: int, end: int) -> bool:
        """A title (singular or plural) that runs from token i to the end of the span."""
        if self.title_prefix(doc, i, end) == end - i:
            return True
        last = doc[end - 1].text
        if last.endswith("s") and end - i >= 1:
            words = " ".join([*(fold(t.text) for t in doc[i:end - 1]), fold(last[:-1])])
            return words in self.titles
        return False

    def _titled_name(self, doc: Any, s: Span) -> bool:
        n = self.title_prefix(doc, s.start, s.end)
        rest = doc[s.start + n:s.end]
        return n > 0 and len(rest) >= 2 and all(t.text[:1].isupper() for t in rest)

    # -- organisations --------------------------------------------------------------------
    def _resolve_orgs(self, index: ArticleIndex, orgs: list[Span]) -> list[Span]:
        named: dict[str, str] = {}
        texts = {id(s): index.paras[s.para].doc[s.start:s.end].text for s in orgs}
        for text in sorted(set(texts.values()), key=len, reverse=True):
            longer = next((k for n, k in named.items() if fold(n).startswith(fold(text) + " ")), None)
            named[text] = longer or f"org/{slug(text)}"
        out = []
        for s in orgs:
            text = texts[id(s)]
            if fold(text) in self.titles or len(text) < 2:
                continue
            label = max((n for n, k in named.items() if k == named[text]), key=len)
            out.append(Span(s.para, s.start, s.end, "Organization", named[text], label, self.lang))
        return out

    def state_of_body(self, kind: str, iso2: str | None, surface: str) -> str | None:
        """The state a state body belongs to: "Conseil de sécurité nationale russe", "Army of Pakistan".

        Only organisations named by a body of state (government, ministry, council, army,
        parliament, court…), whose state is given by the gazetteer's country code or by a
        nationality adjective at the end of the name; a party or a company is not a state body.
        """
        if kind != "Organization":
            return None
        words = fold(surface).split()
        if not words or not (self.state_body_heads & set(words[:3])):
            return None
        if iso2:
            state = self.gaz.state(iso2)
            return state.key if state else None
        hits = [e for e in self.gaz.lookup(surface.split()[-1], self.lang) if e.kind == "State" and e.form == "adjective"]
        return hits[0].key if len({e.key for e in hits}) == 1 else None

    # -- registration -------------------------------------------------------------------
    def _register(self, index: ArticleIndex, spans: list[Span]) -> None:
        for p in index.paras:
            for sent in p.doc.sents:
                start = p.offset + sent.start_char
                index.sentences.append(Sentence(len(index.sentences), start, p.offset + sent.end_char,
                                                sent.text.strip()))
        index._sent_starts = [s.start for s in index.sentences]
        for s in spans:
            self.register(index, s)
        index.mentions.sort(key=lambda m: (m.start, m.end))

    def register(self, index: ArticleIndex, s: Span) -> None:
        """Add one span's entity (if new) and mention."""
        if s.kind == "Misc" or not s.key:
            if s.kind == "Place" and not s.key:
                text = index.paras[s.para].doc[s.start:s.end].text
                s.key, s.label, s.label_lang = f"place/{slug(text)}", text, self.lang
            else:
                return
        start, end = index.char_span(s.para, s.start, s.end)
        surface = index.text[start:end]
        ent = index.entities.get(s.key)
        if ent is None:
            ent = Entity(s.key, s.kind, s.label or surface, s.label_lang, iso2=s.iso2,  # type: ignore[arg-type]
                         wikidata=self.gaz.wikidata(s.kind, s.iso2),
                         part_of=self.state_of_body(s.kind, s.iso2, surface))
            if s.label_fr and s.label_lang != "fr":
                ent.other_labels["fr"] = s.label_fr
            index.entities[s.key] = ent
        ent.aliases.add(surface)
        if s.courtesy is not None:  # "M. Gorbatchev", "Mme Calmy-Rey": as the text names them
            ent.aliases.add(index.text[index.char_span(s.para, s.courtesy, s.end)[0]:end])
        index.mentions.append(Mention(start, end, surface, s.key, index.sentence_of(start)))
        for i in range(s.start, s.end):
            index._by_token.setdefault((s.para, i), []).append((s.end - s.start, s.key))
