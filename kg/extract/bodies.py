"""Named bodies the model and the gazetteer miss, and names that are not actors, the same in every language.

Read from the parse with the pack's cue lists, before people and organisations are resolved:

- an institution noun phrase: a lower-case head noun of ``institution_nouns`` ("ministère", "hôpital",
  "université", "tribunal", "ministry", "university"; a capitalised head begins a name the model reads
  itself, "University of Leeds"), its adjectives, and a name that anchors it:
  a capitalised complement ("ministère de l'Intérieur", "hôpital Saint-Roch", "université de Kyoto",
  "cour d'appel de Paris") or, for a state's own bodies (``state_body_heads``), a nationality adjective
  ("parlement estonien", "agence spatiale italienne"). Without an anchor ("le tribunal
  correctionnel"), after an indefinite determiner ("une université de Tokyo") or with a person as
  complement ("le parti de Marine Le Pen") it is a description, not a name. A state's government or
  army ("gouvernement espagnol", "armée syrienne") is left to ``kg.extract.references``, which links
  it to the state;
- a name that begins with its article after a contracted or lower-case article ("au Monde", "du
  Parisien", "des Républicains", "selon le Figaro"): the body the gazetteer knows as "Le Monde";
- a one-word "person" after a plural determiner or a number ("les Kervella", "300 Xyz"), beside a noun
  for a family ("la famille Kervella"): a family or a crowd, not a person; a capitalised word without a
  vowel that is no acronym ("Xyz"): an abbreviation, not a name; a nationality noun for one person ("le Français", "la Norvégienne Ana Gil"):
  a person, not the state;
- the name of a law, treaty, weapon, programme or event, or a name inside one (``non_actor_nouns``:
  "Loi Littoral", "le missile Zéphyr", "Coupe Davis", "l'opération Aigle bleu"): not an actor (a person a
  law is named after stays a person).
"""
from __future__ import annotations

from typing import Any

from kg.extract.gazetteer import Gazetteer
from kg.extract.index import ArticleIndex, Span, fold
from kg.extract.pack import LanguagePack

_HYPHENS = ("-", "‐", "‑")
_VOWELS = set("aeiouy")


def _year(text: str) -> bool:
    return text.isdigit() and 1000 <= int(text) <= 2100


class Bodies:
    """Built once per language; `revise` adds and removes candidate spans of one article."""

    def __init__(self, gaz: Gazetteer, pack: LanguagePack) -> None:
        self.gaz = gaz
        self.lang = pack.lang
        self.heads = {fold(w) for w in pack.cue("institution_nouns")}
        self.state_bodies = {fold(w) for w in pack.cue("state_body_heads")}  # may be named by a nationality
        # a state's government and army are linked to the state by kg.extract.references
        self.state_nouns = {fold(w) for w in pack.cue("government_nouns") | pack.cue("army_nouns")}
        self.non_actor = {fold(w) for w in pack.cue("non_actor_nouns")}
        self.plural = {fold(w) for w in pack.cue("plural_determiners")}
        self.family = {fold(w) for w in pack.cue("family_nouns")}
        # a lower-case article and the one a name begins with: "au=le" ("au Monde": "Le Monde")
        self.articles = {k: v[:1].upper() + v[1:] for k, v in (w.split("=", 1) for w in pack.cue("name_articles"))}
        self.of = {fold(w) for w in pack.prep("of")}
        self.determiners = pack.cue("determiners")
        self.ner = pack.ner
        self.indefinite = {fold(w) for w in pack.cue("indefinite_determiners")}

    def revise(self, index: ArticleIndex, ner: list[Span], gaz: list[Span], taken: set[tuple[int, int]]) -> list[Span]:
        """The model's spans `ner` with institutions added (they replace the model's spans inside them) and
        non-actors dropped. Names found through their article join the gazetteer's spans `gaz` and their
        tokens join `taken` (the tokens of gazetteer names, which always win)."""
        people = {fold(index.paras[s.para].doc[i].text) for s in ner if s.kind == "Person" and s.end - s.start > 1
                  for i in range(s.start, s.end)}
        out = [s for s in ner if not self._not_an_actor(index, s, people)]
        for s in out:
            s.start -= self._name_article(index, s, taken)
        gaz[:] = [g for g in gaz if not self._one_of_a_people(index, g)]
        for pi, p in enumerate(index.paras):
            for s in self._article_names(pi, p.doc, taken):
                out = [o for o in out if o.para != pi or o.end <= s.start or s.end <= o.start]
                gaz.append(s)
                taken.update((pi, i) for i in range(s.start, s.end))
            kinds = {(g.para, i): g.kind for g in gaz if g.para == pi for i in range(g.start, g.end)}
            for s in self._institutions(pi, p.doc, kinds):
                out = self._place(index, s, out)
        return out

    # -- institution noun phrases -------------------------------------------------------------
    def _institutions(self, pi: int, doc: Any, gaz: dict[tuple[int, int], str]) -> list[Span]:
        """Institution noun phrases of one paragraph; `gaz` gives the kind of each token of a gazetteer name
        (a phrase may hold a state or a place, "tribunal de Paris", not another body)."""
        out: list[Span] = []
        last = -1
        for tok in doc:
            if tok.i < last or not tok.text.islower() \
                    or fold(tok.text) not in self.heads or (pi, tok.i) in gaz \
                    or fold(tok.text) in self.state_nouns or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            if tok.ent_type_ and self.ner.get(tok.ent_type_) == "Person" or self._indefinite(tok):
                continue  # "Marine Le Pen"; "une université de Tokyo" describes, it does not name
            end, anchored = self._extent(doc, tok)
            if not anchored or any(gaz.get((pi, i), "State") not in ("State", "Place") for i in range(tok.i, end)):
                continue
            out.append(Span(pi, tok.i, end, "Organization", source="body"))
            last = end
        return out

    def _extent(self, doc: Any, head: Any) -> tuple[int, bool]:
        """End of the phrase headed by `head` (its adjectives and named complements on the right), and
        whether a name or a nationality anchors it. Read left to right: the parser often hangs the name on
        the word before the head ("le directeur de l'hôpital Saint-Roch")."""
        stop = head.sent.end
        end, anchored, hops, i = head.i + 1, False, 0, head.i + 1
        named = True  # a name may follow: right after the head or after "de"
        while i < stop:
            t = doc[i]
            if t.pos_ == "ADJ" and t.text.islower():
                anchored = anchored or not hops and fold(head.text) in self.state_bodies and self._nationality(t.text)
                i += 1
                end = end if hops else i  # "parquet national financier"; after "de police" only if a name follows
                named = False  # "agence immobilière Dumontel": Dumontel is the body
                continue
            if self._capitalised(t) and named and not self._kind(t) == "Person":
                j = self._name_end(doc, i, stop)
                if i == head.i + 1 and self._kind(t) == "Organization" and self._kind(doc[j - 1]) == "Organization":
                    break  # "la société Aquarelle Transports": the model's name is the body's
                i = end = j
                anchored, hops = True, 0
                continue
            if fold(t.text) in self.of and hops < 3:
                k = i + 1
                while k < stop and doc[k].lower_ in self.determiners and fold(doc[k].text) not in self.of:
                    k += 1  # "de la", "de l'"
                if k < stop and self._capitalised(doc[k]):
                    if self._kind(doc[k]) == "Person":
                        break  # "le parti de Marine Le Pen": hers, not its name
                    i, named = k, True
                    continue
                if k < stop and doc[k].pos_ == "NOUN" and doc[k].text.islower():
                    hops, i = hops + 1, k + 1  # "cour d'appel de Bordeaux": kept if a name follows
                    continue
            break
        return end, anchored

    @staticmethod
    def _capitalised(t: Any) -> bool:
        return t.text[:1].isupper() and t.pos_ in ("PROPN", "NOUN", "ADJ", "X") and not t.is_sent_start

    def _kind(self, t: Any) -> str | None:
        """What the model takes token t for (Person, Organization, Place, Misc), if anything."""
        return self.ner.get(t.ent_type_) if t.ent_type_ else None

    def _name_end(self, doc: Any, i: int, stop: int) -> int:
        """End of the run of capitalised words from token i ("Saint-Roch", "Montorgueil"), up to a person's
        name ("ministère de la Culture Paul Durand")."""
        j = i + 1
        while j < stop and not (doc[j].ent_iob_ == "B" and self._kind(doc[j]) == "Person"):
            if self._capitalised(doc[j]):
                j += 1
            elif doc[j].text in _HYPHENS and j + 1 < stop and self._capitalised(doc[j + 1]):
                j += 2
            else:
                break
        return j

    def _indefinite(self, head: Any) -> bool:
        """"un hôpital syrien", "des universités de Tokyo", "two courts of": a description."""
        return any("Ind" in c.morph.get("Definite") or c.pos_ == "NUM" or fold(c.text) in self.indefinite
                   for c in head.lefts)

    def _nationality(self, word: str) -> bool:
        return any(e.kind == "State" and e.form == "adjective" for e in self.gaz.lookup(word, self.lang))

    # -- names that begin with their article ----------------------------------------------------
    def _article_names(self, pi: int, doc: Any, taken: set[tuple[int, int]]) -> list[Span]:
        """"au Monde", "du Parisien", "des Républicains": the gazetteer's "Le Monde", "Les Républicains"."""
        out: list[Span] = []
        for tok in doc[:-1]:
            article = self.articles.get(tok.text.replace("’", "'"))
            nxt = doc[tok.i + 1]
            if article is None or not nxt.text[:1].isupper() or (pi, nxt.i) in taken:
                continue
            for n in (4, 3, 2, 1):
                end = tok.i + 1 + n
                if end > len(doc) or any((pi, i) in taken for i in range(tok.i + 1, end)):
                    continue
                name = doc[tok.i + 1:end].text
                bare = {e.key for e in self.gaz.lookup(name, self.lang)}
                found = [e for e in self.gaz.lookup(f"{article}{'' if article.endswith(chr(39)) else ' '}{name}", self.lang)
                         if e.kind == "Organization" and e.key not in bare]
                if found:
                    e = found[0]
                    out.append(Span(pi, tok.i + 1, end, "Organization", e.key, e.label_en, "en", e.iso2, "gaz",
                                    e.label_fr))
                    break
        return out

    def _name_article(self, index: ArticleIndex, s: Span, taken: set[tuple[int, int]]) -> int:
        """1 when the capitalised article before span `s` belongs to the name ("Marine Le Pen" said as "Le
        Pen", "à La Rochelle", "De Wilde"): inside a sentence a capital says so; at a sentence's start only
        the gazetteer, or the same words inside a sentence elsewhere in the article, can."""
        doc = index.paras[s.para].doc
        if s.start == 0 or (s.para, s.start - 1) in taken or s.kind not in ("Person", "Place"):
            return 0  # bodies whose name begins with its article are in the gazetteer ("Le Monde")
        det = doc[s.start - 1]
        if det.lower_ not in self.determiners or not det.text[:1].isupper() or det.text.isupper():
            return 0
        prev = doc[det.i - 1] if det.i else None
        if prev is not None and not det.is_sent_start:
            # "Visite De Macron": a title in title case says nothing
            return 0 if prev.text[:1].isupper() and not prev.is_sent_start else 1
        name = doc[s.start:s.end].text
        full = f"{det.text}{'' if det.text.endswith(chr(39)) or det.text.endswith('’') else ' '}{name}"
        if self.gaz.persons(full) or {e.key for e in self.gaz.lookup(full, self.lang)} - \
                {e.key for e in self.gaz.lookup(name, self.lang)}:
            return 1
        words = [det.text] + [t.text for t in doc[s.start:s.end]]
        for p in index.paras:
            for t in p.doc:
                if t.text == det.text and not t.is_sent_start and t.i + len(words) <= len(p.doc) \
                        and [x.text for x in p.doc[t.i:t.i + len(words)]] == words:
                    return 1
        return 0

    # -- what is not an actor --------------------------------------------------------------------
    def _not_an_actor(self, index: ArticleIndex, s: Span, people: set[str]) -> bool:
        """`people`: the words of the article's names of two words or more tagged as people."""
        doc = index.paras[s.para].doc
        first = fold(doc[s.start].text)
        last = doc[s.end - 1]
        if s.kind in ("Organization", "Person", "Misc") and (first in self.non_actor or s.end - s.start > 1
                                                             and last.text[:1].isupper() and fold(last.text) in self.non_actor):
            return True  # "Coupe Davis", "Opération Aigle bleu", "Loi Littoral", "Davis Cup"
        before = doc[s.start - 1] if s.start else None
        one = s.end - s.start == 1
        if before is not None and fold(before.text) in self.non_actor and before.text.islower() and (
                s.kind in ("Organization", "Misc") or s.kind == "Person" and one and first not in people
                and self.gaz.person(doc[s.start].text) is None):
            return True  # "le missile Zéphyr", "l'opération Aigle" ("la loi Durand" keeps Durand)
        if s.kind == "Person" and one and before is not None and (
                fold(before.text) in self.plural or before.like_num and not _year(before.text)):
            return True  # "les Kervella", "300 Xyz": a family or a crowd
        after = doc[s.end] if s.end < len(doc) else None
        if s.kind == "Person" and one and any(t is not None and fold(t.text) in self.family for t in (before, after)):
            return True  # "la famille Kervella", "the Kervella family"
        words = [t.text for t in doc[s.start:s.end]] if s.kind == "Person" else [doc[s.start].text] if one else []
        if any(len(w) > 2 and w[:1].isupper() and not w.isupper() and not _VOWELS & set(fold(w)) for w in words):
            return True  # "Xyz", "Xyz de Lyon" (not "XYZ", "Jr"): an abbreviation of common nouns, not a name
        return False

    def _one_of_a_people(self, index: ArticleIndex, s: Span) -> bool:
        """"le Français", "la Norvégienne", "a Briton", "les Espagnoles Eva Ruiz et Ana Gil": a person of that
        nationality, not the state (a plural alone, "les Russes", may stand for the state)."""
        if s.kind != "State" or s.end - s.start != 1:
            return False
        doc = index.paras[s.para].doc
        tok = doc[s.start]
        forms = {e.form for e in self.gaz.lookup(tok.text, self.lang) if e.key == s.key}
        if not tok.text[:1].isupper() or not forms or not forms <= {"gentile", "demonym"}:
            return False
        before = doc[tok.i - 1] if tok.i else None
        after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if after is not None and after.ent_iob_ == "B" and self.ner.get(after.ent_type_) == "Person":
            return True  # "le Norvégien Lars Haugen"
        return tok.pos_ in ("NOUN", "PROPN") and before is not None and before.pos_ == "DET" \
            and "Sing" in before.morph.get("Number")  # "le Français" ("the Russian army" keeps Russia)

    # -- merging ---------------------------------------------------------------------------------
    def _place(self, index: ArticleIndex, s: Span, ner: list[Span]) -> list[Span]:
        """Add body `s` to the model's spans: the model's people inside it go ("lycée Jean Moulin"), its places
        and bodies stay ("tribunal de Paris", "commission des lois du Sénat"); a longer span of the model
        around it wins, and becomes an organisation when it starts with the same head ("hôpital Saint-Roch"
        tagged as a place)."""
        out: list[Span] = []
        for o in ner:
            if o.para != s.para or o.end <= s.start or s.end <= o.start:
                out.append(o)
            elif s.start <= o.start and o.end <= s.end and (o.start, o.end) != (s.start, s.end):
                if o.kind in ("Place", "Organization"):
                    out.append(o)  # "commission des lois de l'Assemblée nationale": that body acts too
            elif (o.start, o.end) == (s.start, s.end):
                continue
            elif o.start <= s.start and s.end <= o.end:
                if o.start == s.start or index.paras[s.para].doc[o.start].lower_ in self.determiners:
                    o.kind = "Organization"
                return ner  # the model's longer span stands
            else:
                return ner  # the spans cross: keep the model's
        out.append(s)
        return out
