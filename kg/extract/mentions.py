"""Find actor mentions in a parsed article and resolve them to entities (one per referent)."""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from typing import Any, Iterable

from kg.extract import lexicon as lx
from kg.extract.gazetteer import Gazetteer, GazEntry
from kg.extract.nlp import Paragraph
from kg.model import Entity, Mention, Sentence
from kg.rdf.iris import slug

# First words that name a body of a state (folded: no accents, lower case).
STATE_BODY_HEADS = frozenset({
    "gouvernement", "ministere", "conseil", "armee", "parlement", "assemblee", "senat", "presidence", "cour",
    "tribunal", "police", "marine", "chambre", "government", "ministry", "council", "army", "parliament",
    "assembly", "senate", "presidency", "court", "navy", "cabinet",
})

_DETERMINERS = {"le", "la", "les", "l'", "l’", "the", "un", "une", "des", "du", "de", "d'", "d’", "a", "an"}
_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w’'\-.]*$")
_PRIORITY = {"gaz": 3, "ner": 2, "rescan": 1}
# Nouns that make a following "de <city>" part of a named instrument ("accord de Paris", "accords de
# Minsk", "traité de Rome"): the city there is no actor.
_INSTRUMENTS = {"accord", "accords", "traité", "traités", "protocole", "convention", "pacte", "déclaration",
                "charte", "format", "processus", "agreement", "treaty", "protocol"}
# Locative prepositions after which a capital is the city, not its state ("à Londres", "in Moscow").
_LOCATIVE = {"à", "in"}
# Capitalised common nouns that NER takes for names when they stand alone ("chef d'État", "la
# République", "la Commission"): no actor by themselves.
_GENERIC = {"etat", "etats", "republique", "constitution", "union", "commission", "monde", "gouvernement",
            "parlement", "conseil", "assemblee", "cour", "senat", "president", "presidence", "ministere",
            "nation", "nations", "royaume", "federation", "occident", "histoire", "premier", "ministre",
            "utc", "gmt", "cet", "cest"}
# Nouns that, with a state ("gouvernement chinois", "armée pakistanaise"), name that state's body.
_INSTITUTIONS = {"gouvernement": "Government", "government": "Government", "armée": "Army", "army": "Army"}
# Determiners before a definite description of a person ("le dirigeant russe", "son homologue indien").
_DESCRIPTION_DETS = {"le", "la", "l'", "l’", "son", "sa", "leur", "the", "his", "her", "their"}
# Courtesy titles in front of a name ("M. Gentiloni", "Mme Merkel").
_CIVILITY = {"m.", "m", "mm.", "mme", "mme.", "mmes", "mlle", "mr", "mr.", "mrs", "mrs.", "ms", "ms."}


@functools.lru_cache(maxsize=1 << 16)
def fold(s: str) -> str:
    """Accent-, case- and apostrophe-insensitive form for comparing names (cached: the rules fold the
    same token texts over and over)."""
    s = unicodedata.normalize("NFKD", s.replace("’", "'"))
    return "".join(c for c in s if not unicodedata.combining(c)).lower().strip()


@dataclass
class Span:
    """A candidate mention: paragraph index and token range, plus what it denotes."""

    para: int
    start: int  # token index in the paragraph doc
    end: int
    kind: str  # Person | Organization | State | Place
    key: str | None = None
    label: str | None = None
    label_lang: str = "en"
    iso2: str | None = None
    source: str = "ner"
    label_fr: str | None = None


@dataclass
class ArticleIndex:
    """Parsed paragraphs with their resolved mentions, for the relation extractors."""

    text: str
    lang: str
    paras: list[Paragraph]
    sentences: list[Sentence] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    # "le dirigeant russe" resolved to a person: (person key, paragraph, start, end, state key)
    descriptions: list[tuple[str, int, int, int, str]] = field(default_factory=list)
    # a release's principal named by title only: (person key, paragraph, title start, end, ISO alpha-2)
    principals: list[tuple[str, int, int, int, str]] = field(default_factory=list)
    # where the article comes from and when: who "the Secretary" of a press release is
    url: str | None = None
    published: dt.date | None = None
    _by_token: dict[tuple[int, int], list[tuple[int, str]]] = field(default_factory=dict)
    _sent_starts: list[int] = field(default_factory=list)

    def entity_at(self, para: int, i: int) -> str | None:
        """The innermost entity mention covering token i of paragraph `para`."""
        found = self._by_token.get((para, i))
        return min(found)[1] if found else None

    def entities_in(self, para: int, start: int, end: int) -> list[str]:
        """Distinct entities mentioned in a token range, in order of first mention."""
        out: list[str] = []
        for i in range(start, end):
            k = self.entity_at(para, i)
            if k and k not in out:
                out.append(k)
        return out

    def sentence_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self._sent_starts, char) - 1)

    def kind(self, key: str) -> str:
        return self.entities[key].kind

    def state_with_iso2(self, iso2: str | None) -> str | None:
        """The state the article mentions with this ISO alpha-2 code, if any."""
        if not iso2:
            return None
        return next((k for k, e in self.entities.items() if e.kind == "State" and e.iso2 == iso2), None)


def _char_span(p: Paragraph, start: int, end: int) -> tuple[int, int]:
    doc = p.doc
    return p.offset + doc[start].idx, p.offset + doc[end - 1].idx + len(doc[end - 1].text)


def _strip_det(doc: Any, start: int, end: int) -> int:
    while start < end - 1 and doc[start].lower_ in _DETERMINERS:
        start += 1
    return start


def _entry_span(para: int, start: int, end: int, e: GazEntry) -> Span:
    return Span(para, start, end, e.kind, e.key, e.label_en, "en", e.iso2, "gaz", e.label_fr)


class MentionFinder:
    """Builds matchers once; `find` resolves the mentions of one article."""

    def __init__(self, nlp: Any, gaz: Gazetteer, lang: str) -> None:
        from spacy.matcher import PhraseMatcher

        self.gaz = gaz
        self.lang = lang
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        seen: set[str] = set()
        forms: list[str] = []
        for surface, entry in gaz.phrases(lang):
            if entry.kind == "Person":
                continue  # people come from NER and are canonicalised through gaz.person()
            for variant in {surface, surface.replace("'", "’"), surface.replace("’", "'")}:
                if variant not in seen:
                    seen.add(variant)
                    forms.append(variant)
        self.matcher.add("GAZ", list(nlp.tokenizer.pipe(forms)))
        self.titles = {fold(t.surface) for t in gaz.titles(lang)}
        self._title_lengths = sorted({len(t.split()) for t in self.titles}, reverse=True)

    def _title_prefix(self, doc: Any, start: int, end: int) -> int:
        """Tokens of a title at the start of doc[start:end] ("Premier ministre ..."), 0 if none."""
        for n in self._title_lengths:
            if n <= end - start and fold(doc[start:start + n].text) in self.titles:
                return n
        return 0

    def find(self, index: ArticleIndex) -> None:
        """Fill index.entities, index.mentions and the token lookup."""
        spans: list[Span] = []
        blocked: set[tuple[int, int]] = set()
        for pi, p in enumerate(index.paras):
            spans.extend(self._gazetteer_spans(pi, p, blocked))
        taken = {(s.para, i) for s in spans for i in range(s.start, s.end)} | blocked
        ner = [s for pi, p in enumerate(index.paras) for s in self._ner_spans(pi, p, taken)
               if not self._generic(p.doc, s)]
        # NER sometimes labels a person's surname LOC or MISC ("Patrushev"): a span made only of
        # tokens of names tagged PER in this article is that person.
        text_of = lambda s: index.paras[s.para].doc[s.start:s.end].text  # noqa: E731
        person_tokens = {fold(t) for s in ner if s.kind == "Person" for t in text_of(s).split()}
        for s in ner:
            if s.kind in ("Place", "Misc") and all(fold(t) in person_tokens for t in text_of(s).split()):
                s.kind = "Person"
            elif s.kind == "Misc" and self._titled_name(index.paras[s.para].doc, s):
                s.kind = "Person"  # "Premier ministre Nawaz Sharif" tagged MISC
        # A longer organisation name wins over a shorter known one inside it
        # ("Conseil de sécurité nationale russe" is not "Conseil de sécurité").
        orgs = [o for o in ner if o.kind == "Organization"]
        spans = [s for s in spans if not (s.kind == "Organization" and any(
            o.para == s.para and o.start <= s.start and s.end <= o.end and o.end - o.start > s.end - s.start
            for o in orgs))]
        spans = [self._extend_org(index, s, orgs) if s.kind == "Organization" else s for s in spans]
        for o in orgs:
            self._extend_org(index, o, orgs)
        spans.extend(self._resolve_people(index, [s for s in ner if s.kind == "Person"], taken))
        spans.extend(self._resolve_orgs(index, [s for s in ner if s.kind == "Organization"]))
        spans.extend(s for s in ner if s.kind == "Place")
        spans.extend(self._governments(index, spans))
        spans.extend(self._descriptions(index, spans))
        spans.extend(self._groups(index, spans))
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
            before = [t.lower_ for t in doc[max(0, start - 2):start]]
            if entry.form == "capital" or entry.kind == "Place":
                if len(before) == 2 and before[1] in ("de", "d'", "d’", "of") and before[0] in _INSTRUMENTS:
                    blocked.update((pi, i) for i in range(start, end))  # "l'accord de Paris": a name part
                    last_end = end
                    continue
                if before and before[-1] in _LOCATIVE:  # "à Londres": the city
                    entry = next((e for e in entries if e.kind == "Place"), entry)
            out.append(_entry_span(pi, start, end, entry))
            last_end = end
        return out

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

    @staticmethod
    def _generic(doc: Any, s: Span) -> bool:
        """NER noise: a lone capitalised common noun ("État", "Commission") or a tiny token ("CO")."""
        text = doc[s.start:s.end].text
        return (s.end - s.start == 1 and fold(text).replace("é", "e") in _GENERIC) or len(text) <= 2

    def _ner_spans(self, pi: int, p: Paragraph, taken: set[tuple[int, int]]) -> Iterable[Span]:
        doc = p.doc
        for ent in doc.ents:
            start = _strip_det(doc, ent.start, ent.end)
            if any((pi, i) in taken for i in range(start, ent.end)):
                # overlaps a gazetteer match: keep only organisations that contain it ("... russe")
                if ent.label_ != "ORG" or all((pi, i) in taken for i in range(start, ent.end)):
                    continue
            if not doc[start].text[:1].isupper():
                continue
            kind = {"PER": "Person", "ORG": "Organization", "LOC": "Place", "MISC": "Misc"}.get(ent.label_)
            if kind is None:
                continue
            yield Span(pi, start, ent.end, kind)

    # -- people -------------------------------------------------------------------------
    def _titled_name(self, doc: Any, s: Span) -> bool:
        n = self._title_prefix(doc, s.start, s.end)
        rest = doc[s.start + n:s.end]
        return n > 0 and len(rest) >= 2 and all(_NAME_TOKEN.match(t.text) for t in rest)

    def _resolve_people(self, index: ArticleIndex, per: list[Span], taken: set[tuple[int, int]]) -> list[Span]:
        doc_of = lambda s: index.paras[s.para].doc  # noqa: E731
        # Drop a leading title ("Président Pierre Nkurunziza") from the name itself; a "name"
        # that is only a title ("Premier ministre") is no person.
        for s in per:
            doc = doc_of(s)
            while s.end > s.start and self._title_prefix(doc, s.start, s.end):
                s.start += self._title_prefix(doc, s.start, s.end)
            if s.end - s.start > 1 and doc[s.start].lower_ in _CIVILITY:
                s.start += 1
        per = [s for s in per if s.end > s.start]
        names: dict[str, list[str]] = {}  # cluster key -> name tokens
        full = sorted({doc_of(s)[s.start:s.end].text for s in per if s.end - s.start > 1}, key=len, reverse=True)
        for name in full:
            toks = name.split()
            if any(self._same_person(toks, other) for other in names.values()):
                continue
            names[self._person_key(name)] = toks
        token_owner: dict[str, set[str]] = {}
        for key, toks in names.items():
            for t in toks:
                if _NAME_TOKEN.match(t) and len(t) > 1:
                    token_owner.setdefault(fold(t), set()).add(key)
        out: list[Span] = []
        for s in per:
            text = doc_of(s)[s.start:s.end].text
            found = self._cluster_of(text, names, token_owner)
            if found is not None:
                key = found
            else:
                key = self._person_key(text)
                names[key] = text.split()
                if len(names[key]) == 1:
                    token_owner.setdefault(fold(text), set()).add(key)
            out.append(self._person_span(s, key, names[key]))
        # Rescan: surname-only or mislabelled mentions of a person already named in the article.
        covered = taken | {(s.para, i) for s in out for i in range(s.start, s.end)}
        for pi, p in enumerate(index.paras):
            for tok in p.doc:
                owners = token_owner.get(fold(tok.text))
                if (pi, tok.i) in covered or not owners or len(owners) != 1 or not _NAME_TOKEN.match(tok.text):
                    continue
                key = next(iter(owners))
                out.append(self._person_span(Span(pi, tok.i, tok.i + 1, "Person", source="rescan"), key, names[key]))
        return out

    @staticmethod
    def _same_person(a: list[str], b: list[str]) -> bool:
        """Same surname, same first initial, and every other word of `a` in `b` ("A. Coulibaly",
        "Amadou Coulibaly" and "Amadou Gon Coulibaly" are one person)."""
        fa, fb = [fold(t) for t in a], [fold(t) for t in b]
        initial = lambda t: len(t.rstrip(".")) == 1  # noqa: E731
        words = {t for t in fa if not initial(t)}
        initials_ok = all(any(u[:1] == t[:1] for u in fb) for t in fa if initial(t))
        return fa[-1] == fb[-1] and (fa[0] == fb[0] or fa[0][:1] == fb[0][:1]) and words <= set(fb) and initials_ok

    def _cluster_of(self, text: str, names: dict[str, list[str]], owners: dict[str, set[str]]) -> str | None:
        toks = text.split()
        for key, ntoks in names.items():
            if [fold(t) for t in toks] == [fold(t) for t in ntoks] or (len(toks) > 1 and self._same_person(toks, ntoks)):
                return key
        if len(toks) == 1:
            found = owners.get(fold(text))
            if found and len(found) == 1:
                return next(iter(found))
        return None

    def _person_key(self, name: str) -> str:
        entry = self.gaz.person(name)
        return entry.key if entry else f"person/{slug(name)}"

    def _person_span(self, s: Span, key: str, toks: list[str]) -> Span:
        entry = self.gaz.person(" ".join(toks))
        label = entry.label_en if entry else " ".join(toks)
        return Span(s.para, s.start, s.end, "Person", key, label, "en" if entry else self.lang,
                    entry.iso2 if entry else None, s.source, entry.label_fr if entry else None)

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

    def _governments(self, index: ArticleIndex, spans: list[Span]) -> list[Span]:
        """"gouvernement chinois", "le gouvernement de la Russie", "l'armée pakistanaise", "Russian
        government" -> that state's government or army (an organisation of its own)."""
        out: list[Span] = []
        states = {(s.para, s.start): s for s in spans if s.kind == "State"}
        for pi, p in enumerate(index.paras):
            for tok in p.doc:
                body = _INSTITUTIONS.get(tok.lower_)
                if body is None:
                    continue
                state = None
                for j in (tok.i + 1, tok.i + 2, tok.i + 3, tok.i - 1):
                    cand = states.get((pi, j))
                    if cand and (j == tok.i + 1 or j == tok.i - 1 or (
                            tok.i + 1 < len(p.doc) and p.doc[tok.i + 1].lower_ in ("de", "du", "of"))):
                        state = cand
                        break
                if state is None:
                    continue
                start, end = (tok.i, state.end) if state.start > tok.i else (state.start, tok.i + 1)
                en = self.gaz.state(state.key or "")
                name = en.label_en if en else state.label or "?"
                out.append(Span(pi, start, end, "Organization", f"org/{slug(body)}-of-{slug(name)}",
                                f"{body} of {name}", "en", state.iso2, "gaz"))
        return out

    def _descriptions(self, index: ArticleIndex, spans: list[Span]) -> list[Span]:
        """"le dirigeant russe", "son homologue indien" -> the person of that state named last before
        it (a state known from the gazetteer or from a "président russe X" title)."""
        states = {(s.para, s.start): s for s in spans if s.kind == "State"}
        people = sorted((s for s in spans if s.kind == "Person" and s.key), key=lambda s: (s.para, s.start))
        person_at = {(s.para, i) for s in people for i in range(s.start, s.end)}
        iso_of: dict[str, str] = {}
        for s in people:
            doc = index.paras[s.para].doc
            st = states.get((s.para, s.start - 1))
            if st and st.iso2 and s.start >= 2 and self._title_prefix(doc, s.start - 2, s.start - 1):
                iso_of[s.key or ""] = st.iso2  # "le président colombien Juan Manuel Santos"
            elif s.iso2 and s.key not in iso_of:
                iso_of[s.key or ""] = s.iso2
        out: list[Span] = []
        for (pi, j), st in sorted(states.items()):
            doc = index.paras[pi].doc
            if j < 2 or not doc[j].text.islower() or doc[j - 2].lower_ not in _DESCRIPTION_DETS:
                continue
            if not (self._title_prefix(doc, j - 1, j) or doc[j - 1].lower_ in ("homologue", "counterpart")):
                continue
            if self._names_follow(doc, pi, st.end, person_at):
                continue  # "le président chinois Xi Jinping", "l'ambassadeur russe à l'ONU, X": a title
            before = [s for s in people if (s.para, s.start) < (pi, j) and iso_of.get(s.key or "") == st.iso2]
            if not before:
                continue
            p = before[-1]
            out.append(Span(pi, j - 1, st.end, "Person", p.key, p.label, p.label_lang, p.iso2, "rescan", p.label_fr))
            index.descriptions.append((p.key or "", pi, j - 1, st.end, st.key or ""))
        return out

    @staticmethod
    def _names_follow(doc: Any, pi: int, i: int, person_at: set[tuple[int, int]]) -> bool:
        """A name comes right after (or after a short complement and a comma) before any verb."""
        for k in range(i, min(len(doc), i + 8)):
            if (pi, k) in person_at or doc[k].pos_ == "PROPN" and k == i:
                return True
            if doc[k].pos_ in ("VERB", "AUX") or doc[k].text in (".", ";", ":"):
                return False
        return False

    def _groups(self, index: ArticleIndex, spans: list[Span]) -> list[Span]:
        """"les rebelles", "les différents partis", "les pays membres" (then "les membres"): a group
        that acts as one party, one organisation per group noun in the article."""
        if self.lang != "fr":
            return []
        taken = {(s.para, i) for s in spans for i in range(s.start, s.end)}
        out: list[Span] = []
        members = False
        article = zlib.crc32(index.text.encode("utf-8"))
        for pi, p in enumerate(index.paras):
            doc = p.doc
            nxt = 0
            for tok in doc:
                if tok.i < nxt or tok.pos_ != "NOUN" or (pi, tok.i) in taken:
                    continue
                low, end = tok.lower_, tok.i + 1
                key = lx.GROUP_NOUNS.get(low)
                if key is None and low in lx.MEMBER_HEADS and end < len(doc) and doc[end].lower_ == "membres":
                    key, end, members = "member-states", end + 1, True
                elif key is None and low == "membres" and members and tok.i > 0 and doc[tok.i - 1].lower_ in (
                        "les", "des", "aux"):
                    key = "member-states"
                if key is None:
                    continue
                start = tok.i
                while start > 0 and doc[start - 1].pos_ == "ADJ" and doc[start - 1].head.i == tok.i:
                    start -= 1
                while end < len(doc) and doc[end].pos_ == "ADJ" and doc[end].head.i == tok.i and doc[end].is_lower:
                    end += 1
                nxt = end
                # a group is only known within its article: the key carries the article's fingerprint
                out.append(Span(pi, start, end, "Organization", f"group/{key}-{article:08x}", doc[start:end].text,
                                self.lang))
        return out

    # -- registration -------------------------------------------------------------------
    def _state_of_body(self, s: Span, surface: str) -> str | None:
        """The state a state body belongs to: "Conseil de sécurité nationale russe", "Army of Pakistan".

        Only organisations named by a body of state (government, ministry, council, army,
        parliament, court…), whose state is given by the gazetteer's country code or by a
        nationality adjective at the end of the name; a party or a company is not a state body.
        """
        if s.kind != "Organization":
            return None
        words = fold(surface).split()
        if not words or not (STATE_BODY_HEADS & set(words[:3])):
            return None
        if s.iso2:
            state = self.gaz.state(s.iso2)
            return state.key if state else None
        hits = [e for e in self.gaz.lookup(surface.split()[-1], self.lang) if e.kind == "State" and e.form == "adjective"]
        return hits[0].key if len({e.key for e in hits}) == 1 else None

    def _register(self, index: ArticleIndex, spans: list[Span]) -> None:
        for p in index.paras:
            for sent in p.doc.sents:
                start = p.offset + sent.start_char
                index.sentences.append(Sentence(len(index.sentences), start, p.offset + sent.end_char,
                                                sent.text.strip()))
        index._sent_starts = [s.start for s in index.sentences]
        for s in spans:
            if s.kind == "Misc" or not s.key:
                if s.kind == "Place" and not s.key:
                    text = index.paras[s.para].doc[s.start:s.end].text
                    s.key, s.label, s.label_lang = f"place/{slug(text)}", text, self.lang
                else:
                    continue
            start, end = _char_span(index.paras[s.para], s.start, s.end)
            surface = index.text[start:end]
            ent = index.entities.get(s.key)
            if ent is None:
                ent = Entity(s.key, s.kind, s.label or surface, s.label_lang, iso2=s.iso2,  # type: ignore[arg-type]
                             wikidata=self.gaz.wikidata(s.kind, s.iso2), part_of=self._state_of_body(s, surface))
                if s.label_fr and s.label_lang != "fr":
                    ent.other_labels["fr"] = s.label_fr
                index.entities[s.key] = ent
            ent.aliases.add(surface)
            index.mentions.append(Mention(start, end, surface, s.key, index.sentence_of(start)))
            for i in range(s.start, s.end):
                index._by_token.setdefault((s.para, i), []).append((s.end - s.start, s.key))
        index.mentions.sort(key=lambda m: (m.start, m.end))
