"""Who a group noun, a pronoun or a possessive refers to, from what the article said before it.

- "les deux parties", "both sides", "the two leaders", "les ministres": the participants of the last
  event told, when they fit (people for "leaders", states for "countries"), else the last actors of
  that kind named in the sentences just before (two for "deux"/"two"/"both");
- "ils", "they", "leur", "their": the same, for any kind of actor;
- "il", "elle", "he", "she", "son", "his": in a clause that depends on another, the person who is that
  clause's subject ("X est arrivé à Oslo, où il a rencontré Y"); else the person who was the subject of
  the sentence before, or the only person it names.

Nothing is guessed across more than two sentences, and a reference that fits nobody stays
unresolved (the event is then left out, not given wrong parties).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.extract.index import ArticleIndex, fold
from kg.extract.pack import LanguagePack

_ACTORS = ("Person", "Organization", "State")
_TWO = {"deux", "two", "both", "2", "ambos", "les deux"}
_LOOKBACK = 2  # sentences
_EVENT_LOOKBACK = 4  # sentences back to the event whose parties "both sides" may be


@dataclass
class Discourse:
    index: ArticleIndex
    pack: LanguagePack
    # participants of the events told so far, with their sentence: the antecedents of "both sides"
    events: list[tuple[int, list[str]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.groups = {fold(k): v for k, v in self.pack.groups.items()}
        self.singular = {fold(w) for w in self.pack.pronouns.get("singular", ())}
        self.plural = {fold(w) for w in self.pack.pronouns.get("plural", ())}
        self.possessive_plural = {fold(w) for w in self.pack.cue("plural_possessives")}
        self.possessive_singular = {fold(w) for w in self.pack.cue("singular_possessives")}
        self.first_singular = {fold(w) for w in self.pack.pronouns.get("first_singular", ())}
        self.first_plural = {fold(w) for w in self.pack.pronouns.get("first_plural", ())}
        self.place_preps = self.pack.prep("place")
        self._subjects: dict[int, list[str]] = {}
        self._groups: dict[int, list[str]] = {}  # what a group or plural pronoun subject stood for, by sentence
        self._actors: dict[int, list[str]] = {}
        for m in self.index.mentions:
            if self.index.kind(m.entity) in _ACTORS:
                found = self._actors.setdefault(m.sentence, [])
                if m.entity not in found and not self._as_place(m.start):
                    found.append(m.entity)

    def _as_place(self, char: int) -> bool:
        before = self.index.text[max(0, char - 6):char].lower().split()
        return bool(before) and before[-1] in self.place_preps

    def told(self, sentence: int, participants: list[str]) -> None:
        self.events.append((sentence, list(participants)))

    def follow(self, index: ArticleIndex, subject_deps: frozenset[str]) -> None:
        """Read the article's subjects in order, resolving group nouns and plural pronouns as they come, so
        that "Les deux ministres … Ils … Ils se sont entendus" all stand for the same two people."""
        for pi, p in enumerate(index.paras):
            for tok in p.doc:
                if tok.dep_ not in subject_deps or index.entity_at(pi, tok.i):
                    continue
                sentence = index.sentence_at(pi, tok)
                if fold(tok.text) in self.plural or self.group_kind(tok):
                    found = self.resolve_group(tok, sentence) or self.resolve_pronoun(tok, sentence)
                    if len(found) >= 2:
                        self._groups[sentence] = found

    def note_subjects(self, sentence: int, keys: list[str]) -> None:
        self._subjects.setdefault(sentence, [])
        self._subjects[sentence].extend(k for k in keys if k not in self._subjects[sentence])

    # -- what a token refers to ----------------------------------------------------------------
    def group_kind(self, tok: Any) -> str | None:
        """The kind of actor a plural group noun stands for ("parties": Actor), None if it is none."""
        if tok.pos_ not in ("NOUN", "PRON", "PROPN"):
            return None
        kind = self.groups.get(fold(tok.lemma_)) or self.groups.get(fold(tok.text))
        if kind is None or "Sing" in tok.morph.get("Number"):
            return None
        of = {fold(w) for w in self.pack.prep("of")}
        for c in tok.children:
            if c.dep_ in ("acl", "relcl", "acl:relcl"):
                return None
            case = [g for g in c.children if g.dep_ in ("case", "pobj") or c.dep_ == "prep"]
            if (c.dep_ == "nmod" and any(fold(g.text) in of for g in case) or c.dep_ == "prep" and fold(c.text) in of) \
                    and self._names_an_actor(c):
                return None  # "les ministres de l'UE": said by the noun's own complement ("des Finances" is not)
        return kind

    def members(self, tok: Any) -> list[str]:
        """Bare "leaders" in an article about "APEC leaders": the members of that one body."""
        found = [k for k, e in self.index.entities.items() if k.endswith("/members")
                 and any(fold(tok.text) in fold(a) for a in e.aliases)]
        return found if len(found) == 1 else []

    def _names_an_actor(self, tok: Any) -> bool:
        doc = tok.doc
        para = next((i for i, p in enumerate(self.index.paras) if p.doc is doc), None)
        if para is None:
            return True
        return any(self.index.kind(k) in _ACTORS
                   for k in self.index.entities_in(para, tok.left_edge.i, tok.right_edge.i + 1))

    def counted(self, tok: Any) -> int | None:
        words = {fold(c.text) for c in tok.children} | {fold(tok.doc[tok.i - 1].text) if tok.i else ""}
        if words & _TWO:
            return 2
        for c in tok.children:
            if c.like_num and c.text.isdigit():
                return int(c.text)
        return None

    def resolve_group(self, tok: Any, sentence: int) -> list[str]:
        kind = self.group_kind(tok)
        if kind is None:
            return []
        found = self._recent(sentence, kind, self.counted(tok))
        if not found and kind == "State":
            # "Cinq ambassadeurs ont remis … Le Japon, la France et l'Italie ont accrédité …": the states
            # the next sentence names
            ahead = [k for k in self._actors.get(sentence + 1, []) if self.index.kind(k) == "State"]
            found = ahead if len(ahead) >= 2 and len(ahead) == len(self._actors.get(sentence + 1, [])) else []
        if not found and self.counted(tok) is None:
            found = self.members(tok)
        return found

    def resolve_first_person(self, tok: Any, para: int) -> list[str]:
        """"I", "my" in a speaker's turn: the speaker; "we": the speaker and the one other person the turn names."""
        speaker = self.index.speakers.get(para)
        low = fold(tok.text)
        if speaker is None:
            return []
        if low in self.first_singular:
            return [speaker]
        if low in self.first_plural:
            others = {m.entity for m in self.index.mentions if self.index.kind(m.entity) == "Person"
                      and m.entity != speaker and self._in_para(m.start, para)}
            return [speaker, *others] if len(others) == 1 else []
        return []

    def _in_para(self, char: int, para: int) -> bool:
        p = self.index.paras[para]
        return p.offset <= char < p.offset + len(p.doc.text)

    def resolve_pronoun(self, tok: Any, sentence: int) -> list[str]:
        low = fold(tok.text)
        if low in self.plural or low in self.possessive_plural:
            return self._recent(sentence, "Actor", None)
        if low in self.possessive_singular:
            # "Lors de sa visite, X a …": a possessive in a fronted phrase is the clause's subject first
            own = [k for k in self._subjects.get(sentence, []) if self.index.kind(k) == "Person"]
            if len(own) == 1:
                return own
        if low in self.singular:
            own = self._governing_subject(tok)
            if own:
                return own
        if low in self.singular or low in self.possessive_singular:
            found = self._last_person(sentence)
            if not found and len({k for k, *_ in self.index.principals}) == 1:
                found = [self.index.principals[0][0]]  # "her meeting" in a release: its principal's
            return found
        return []

    # -- antecedents -------------------------------------------------------------------------------
    def _governing_subject(self, tok: Any) -> list[str]:
        """"X est arrivé à Oslo, où il a rencontré Y", "X said he had met Y": in a clause that depends on
        another, "il"/"he" is the person who is the subject of the clause it depends on, if that is one."""
        para = next((i for i, p in enumerate(self.index.paras) if p.doc is tok.doc), None)
        if para is None:
            return []
        deps = self.pack.dep("subject") | self.pack.dep("passive_subject")
        for verb in tok.head.ancestors:
            subjects = [c for c in verb.children if c.dep_ in deps and c.i < tok.i]
            if not subjects:
                continue
            keys = {self.index.entity_at(para, c.i) for c in subjects}
            if len(keys) == 1 and None not in keys and self.index.kind(next(iter(keys)) or "") == "Person":
                return [k for k in keys if k]
            return []  # the clause it depends on has a subject that is no one person
        return []

    def _fits(self, keys: list[str], kind: str) -> bool:
        kinds = {self.index.kind(k) for k in keys if k in self.index.entities}
        if kind == "Person":
            return kinds == {"Person"}
        if kind == "State":
            return kinds <= {"State", "Organization"} and "State" in kinds
        return bool(kinds)

    def _recent(self, sentence: int, kind: str, count: int | None) -> list[str]:
        for s in range(sentence, max(-1, sentence - 1 - _LOOKBACK), -1):
            parts = self._groups.get(s)
            if parts and self._fits(parts, kind) and (count is None or len(parts) == count):
                return list(parts)
        for s, parts in reversed(self.events):
            if sentence - s > _EVENT_LOOKBACK or s > sentence:
                continue
            if len(parts) >= 2 and self._fits(parts, kind) and (count is None or len(parts) == count):
                return list(parts)
            break
        for s in range(sentence - 1, max(-1, sentence - 1 - _LOOKBACK), -1):
            actors = [k for k in self._actors.get(s, []) if self._fits([k], kind)]
            kinds = {self.index.kind(k) for k in actors}
            if count is None and (len(actors) > 3 or len(kinds) > 1):
                return []  # "ils" after people, parties and states alike: whom is not said
            if len(actors) >= 2 and (count is None or len(actors) == count):
                return actors
            if count is not None and len(actors) > count:
                return []  # "les deux pays" after three named countries: which two is not said
        return []

    def _last_person(self, sentence: int) -> list[str]:
        for s in range(sentence - 1, max(-1, sentence - 1 - _LOOKBACK), -1):
            subjects = [k for k in self._subjects.get(s, []) if self.index.kind(k) == "Person"]
            if len(subjects) == 1:
                return subjects
            people = [k for k in self._actors.get(s, []) if self.index.kind(k) == "Person"]
            if len(people) == 1:
                return people
            if people:
                return []
        return []
