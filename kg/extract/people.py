"""People: one entity per person named in an article, whatever the form ("Amadou Gon Coulibaly",
"A. Coulibaly", "Coulibaly"), canonicalised through the gazetteer when it knows them."""
from __future__ import annotations

import re
from typing import Any

from kg.extract.gazetteer import Gazetteer
from kg.extract.index import ArticleIndex, Span, fold
from kg.rdf.iris import slug

NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w’'\-.]*$")
_PARTICLE_NAME = re.compile(r"^(?:al|el|ad|as|an|bin|ben|abu|de|di|da|van|von)-[A-ZÀ-ÖØ-Þ][\w’'\-.]*$")  # "al-Assad"
# Lower-case words that may stand inside a person's name ("Charles de Gaulle", "Ursula von der Leyen").
NAME_PARTICLES = frozenset({"de", "du", "des", "d'", "d’", "la", "le", "van", "von", "der", "den", "ter", "da", "di",
                            "dos", "das", "do", "del", "della", "bin", "ben", "ibn", "al", "el", "al-", "el-", "y",
                            "e", "zu", "af", "av", "st", "st.", "abu", "bint", "ould", "ag", "mac", "mc"})


def same_person(a: list[str], b: list[str]) -> bool:
    """Same surname, same first initial, and every other word of `a` in `b` ("A. Coulibaly",
    "Amadou Coulibaly" and "Amadou Gon Coulibaly" are one person)."""
    fa, fb = [fold(t) for t in a], [fold(t) for t in b]
    initial = lambda t: len(t.rstrip(".")) == 1  # noqa: E731
    words = {t for t in fa if not initial(t)}
    initials_ok = all(any(u[:1] == t[:1] for u in fb) for t in fa if initial(t))
    if len(fa) < len(fb) and fa[0] in NAME_PARTICLES and fa == fb[-len(fa):]:
        return True  # "Le Pen" is "Marine Le Pen"
    return fa[-1] == fb[-1] and (fa[0] == fb[0] or fa[0][:1] == fb[0][:1]) and words <= set(fb) and initials_ok


def looks_like_a_name(words: list[str]) -> bool:
    """Capitalised words, with particles between them: "Gilets jaunes" or "Forces démocratiques" are not
    people."""
    if not words:
        return False
    return all(NAME_TOKEN.match(w) or (0 < i < len(words) - 1 and fold(w) in NAME_PARTICLES) or fold(w) in ("al-", "el-")
               or _PARTICLE_NAME.match(w) for i, w in enumerate(words))


class People:
    """Clusters the person spans of one article and rescans it for surnames named alone."""

    def __init__(self, gaz: Gazetteer, lang: str, title_prefix: Any, civility: frozenset[str]) -> None:
        self.gaz = gaz
        self.lang = lang
        self.title_prefix = title_prefix  # (doc, start, end) -> tokens of a title at start
        self.civility = civility

    def resolve(self, index: ArticleIndex, per: list[Span], taken: set[tuple[int, int]]) -> list[Span]:
        doc_of = lambda s: index.paras[s.para].doc  # noqa: E731
        # Drop a leading title ("Président Pierre Nkurunziza", "Secretary Kerry") or courtesy title
        # ("M. Gentiloni") from the name itself; a "name" that is only a title is no person.
        for s in per:
            doc = doc_of(s)
            while s.end > s.start and self.title_prefix(doc, s.start, s.end):
                s.start += self.title_prefix(doc, s.start, s.end)
            while s.end - s.start > 1 and doc[s.start].lower_ in self.civility:
                s.start += 1
            if s.start > 0 and doc[s.start - 1].lower_ in self.civility:
                s.courtesy = s.start - 1  # "M. Gorbatchev": also a surface form of the person
            while s.end - s.start > 1 and doc[s.end - 1].text in ("'s", "’s", "-", ",", "."):
                s.end -= 1
        per = self._join_particles(index, per)
        per = [s for s in per if s.end > s.start and looks_like_a_name(doc_of(s)[s.start:s.end].text.split())]
        names: dict[str, list[str]] = {}  # cluster key -> name tokens
        full = sorted({doc_of(s)[s.start:s.end].text for s in per if len(doc_of(s)[s.start:s.end].text.split()) > 1},
                      key=len, reverse=True)
        for name in full:
            toks = name.split()
            if any(same_person(toks, other) for other in names.values()):
                continue
            names[self.key(name)] = toks
        owners: dict[str, set[str]] = {}
        for key, toks in names.items():
            for t in toks:
                if NAME_TOKEN.match(t) and len(t) > 1 and fold(t) not in NAME_PARTICLES:  # not "Le" of "Le Pen"
                    owners.setdefault(fold(t), set()).add(key)
        out: list[Span] = []
        for s in per:
            text = doc_of(s)[s.start:s.end].text
            found = self._cluster_of(text, names, owners)
            if found is not None:
                key = found
            else:
                key = self.key(text)
                names[key] = text.split()
                if len(names[key]) == 1:
                    owners.setdefault(fold(text), set()).add(key)
            made = self.span(s, key, names[key])
            made.courtesy = s.courtesy
            out.append(made)
        # Rescan: surname-only or mislabelled mentions of a person already named in the article.
        covered = taken | {(s.para, i) for s in out for i in range(s.start, s.end)}
        for pi, p in enumerate(index.paras):
            for tok in p.doc:
                found_owners = owners.get(fold(tok.text))
                if (pi, tok.i) in covered or not found_owners or len(found_owners) != 1 or not NAME_TOKEN.match(tok.text):
                    continue
                prev = p.doc[tok.i - 1] if tok.i > 0 else None
                if prev is not None and prev.text[:1].isupper() and (pi, prev.i) not in covered and \
                        not tok.is_sent_start and not prev.is_sent_start and prev.lower_ not in self.civility \
                        and not self.title_prefix(p.doc, prev.i, tok.i):
                    continue  # part of another capitalised name ("Air France" is not Mr France)
                key = next(iter(found_owners))
                out.append(self.span(Span(pi, tok.i, tok.i + 1, "Person", source="rescan"), key, names[key]))
        return out

    @staticmethod
    def _join_particles(index: ArticleIndex, per: list[Span]) -> list[Span]:
        """"Dominique Galouzeau" + "de" + "Villepin" tagged apart: one name."""
        per = sorted(per, key=lambda s: (s.para, s.start))
        out: list[Span] = []
        for s in per:
            prev = out[-1] if out else None
            doc = index.paras[s.para].doc
            if prev is not None and prev.para == s.para and s.start - prev.end == 1 \
                    and fold(doc[prev.end].text) in NAME_PARTICLES and doc[s.start].text[:1].isupper():
                prev.end = s.end
                continue
            out.append(s)
        return out

    @staticmethod
    def _cluster_of(text: str, names: dict[str, list[str]], owners: dict[str, set[str]]) -> str | None:
        toks = text.split()
        for key, ntoks in names.items():
            if [fold(t) for t in toks] == [fold(t) for t in ntoks] or (len(toks) > 1 and same_person(toks, ntoks)):
                return key
        if len(toks) == 1:
            found = owners.get(fold(text))
            if found and len(found) == 1:
                return next(iter(found))
        return None

    def key(self, name: str) -> str:
        entry = self.gaz.person(name)
        return entry.key if entry else f"person/{slug(name)}"

    def span(self, s: Span, key: str, toks: list[str]) -> Span:
        entry = self.gaz.person(" ".join(toks))
        label = entry.label_en if entry else " ".join(toks)
        return Span(s.para, s.start, s.end, "Person", key, label, "en" if entry else self.lang,
                    entry.iso2 if entry else None, s.source, entry.label_fr if entry else None)
