"""Reading a dependency parse the same way in every language.

French (Universal Dependencies: ``obl`` + ``case``) and English (ClearNLP: ``prep`` + ``pobj``)
attach prepositional arguments differently; the pack's ``[deps]`` table names the labels and
these functions hide the difference, so the event and post rules are written once.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kg.extract.pack import LanguagePack

Token = Any  # spacy.tokens.Token


_QUOTE_CLOSE = frozenset({"»", "”", "›"})


class Syntax:
    """Grammatical relations of one language's parser, read through its pack."""

    def __init__(self, pack: LanguagePack) -> None:
        self.pack = pack
        d = pack.dep
        self.subject = d("subject")
        self.passive_subject = d("passive_subject")
        self.object = d("object")
        self.agent_dep = d("agent")
        self.oblique = d("oblique")
        self.case = d("case")
        self.prep = d("prep")
        self.pobj = d("pobj")
        self.appos = d("apposition")
        self.conj = d("conjunct")
        self.name_part = d("name_part")
        self.clausal = d("clausal")
        self.relative = d("relative")
        self.aux = d("auxiliary")
        self.passive_aux = d("passive_auxiliary")
        self.reflexive_dep = d("reflexive")
        self.possessive = d("possessive")
        self.compound = d("compound")
        self.negation = pack.cue("negation")
        self.expletives = pack.cue("expletives")  # "it is my pleasure to …": no subject
        self.possessive_determiners = pack.cue("singular_possessives") | pack.cue("plural_possessives")
        self.reflexive = pack.cue("reflexive")
        self.modal_aux = pack.cue("modal_aux")
        self.future_aux = pack.cue("future_aux")

    # -- arguments ------------------------------------------------------------------------
    def subjects(self, tok: Token, climb: int = 3) -> list[Token]:
        """Subjects of a verb, climbing through infinitives, participles and coordinated verbs to the
        verb that has one ("X a décidé de signer", "X met Y and signed")."""
        t = tok
        for _ in range(climb + 1):
            found = [c for c in t.children if (c.dep_ in self.subject or c.dep_ in self.passive_subject)
                     and c.lower_ not in self.expletives]
            if found and t.dep_ in self.conj and t.head.pos_ in ("PROPN", "NOUN") and t.head.i < found[0].i \
                    and any(c.dep_ == "cc" and t.head.i < c.i < found[0].i for c in t.children):
                return [t.head, *found]  # "Le Japon et l'Inde ont signé": the first noun taken for the root
            if found and t is not tok and any(x.text in _QUOTE_CLOSE for x in tok.doc[min(found[0].i, tok.i):max(found[0].i, tok.i)]):
                return []  # "« Ils ont été fantastiques », a-t-il affirmé, avant de réaffirmer": not "ils"
            if found:
                return found
            if t.dep_ in self.conj and t.head.pos_ in ("PROPN", "NOUN") and t.head.i < t.i:
                return [t.head]  # "Le Japon et l'Inde ont signé": the verb parsed as a conjunct of the noun
            if t.head is t or not (t.dep_ in self.clausal or t.dep_ in self.conj):
                break
            if t.dep_ in self.relative:
                break
            t = t.head
        return []

    def is_passive(self, tok: Token) -> bool:
        return any(c.dep_ in self.passive_aux or c.dep_ in self.passive_subject for c in tok.children)

    def objects(self, tok: Token) -> list[Token]:
        return [c for c in tok.children if c.dep_ in self.object]

    def passive_subjects(self, tok: Token) -> list[Token]:
        return [c for c in tok.children if c.dep_ in self.passive_subject]

    def pp_args(self, tok: Token) -> Iterator[tuple[str, Token]]:
        """(preposition, its noun) for every prepositional argument of `tok`, in either scheme:
        "avec Y" (obl → case) or "with Y" (prep → pobj); the preposition lower-cased, multi-word
        ones joined ("aux côtés de" → "aux côtés")."""
        for c in tok.children:
            if c.dep_ in self.prep or (self.pobj and c.dep_ in self.agent_dep):
                for g in c.children:
                    if g.dep_ in self.pobj:
                        yield c.lower_, g
                    elif g.dep_ in self.prep:  # "on behalf of", "together with"
                        for h in g.children:
                            if h.dep_ in self.pobj:
                                yield f"{c.lower_} {g.lower_}", h
            elif c.dep_ in self.oblique or c.dep_ in self.agent_dep:
                case = [g for g in c.children if g.dep_ in self.case and g.i < c.i]
                if case:
                    yield " ".join(g.lower_ for g in case), c

    def agents(self, tok: Token) -> list[Token]:
        """The agent of a passive ("signé par X", "signed by X")."""
        out = []
        for c in tok.children:
            if c.dep_ in self.agent_dep:
                out.extend(g for g in c.children if g.dep_ in self.pobj)  # English: agent → pobj
                if not self.pobj:
                    out.append(c)  # French: obl:agent is the noun itself
        return out

    def conjuncts(self, tok: Token) -> list[Token]:
        """A token and the tokens coordinated with it (the parser may hang a conjunct on the last part
        of a name)."""
        out, todo, seen = [], [tok], set()
        while todo:
            t = todo.pop()
            if t.i in seen:
                continue
            seen.add(t.i)
            out.append(t)
            for c in t.children:
                if c.dep_ in self.conj:
                    todo.append(c)
                elif c.dep_ in self.name_part or c.dep_ in self.appos and c.pos_ == "PROPN":
                    todo.extend(g for g in c.children if g.dep_ in self.conj)
        return sorted(out, key=lambda t: t.i)

    def appositions(self, tok: Token) -> list[Token]:
        return [c for c in tok.children if c.dep_ in self.appos]

    def possessors(self, tok: Token) -> list[Token]:
        """"Russia's army", "their meeting", "sa rencontre" (French possessives are determiners)."""
        return [c for c in tok.children if c.dep_ in self.possessive
                or (c.dep_ == "det" and c.lower_ in self.possessive_determiners)]

    # -- polarity and modality --------------------------------------------------------------
    def negated(self, tok: Token) -> bool:
        return any(c.lower_ in self.negation or c.dep_ == "neg" for c in tok.children)

    def has_reflexive(self, tok: Token) -> bool:
        return any(c.lower_ in self.reflexive and (c.dep_ in self.reflexive_dep or c.dep_ in self.object
                                                   or c.dep_.startswith("expl") or c.dep_ == "iobj")
                   for c in tok.children)

    def auxiliaries(self, tok: Token) -> list[Token]:
        return [c for c in tok.children if c.dep_ in self.aux]

    def modal(self, tok: Token) -> bool:
        """Governed by a modal auxiliary ("could sign", "pourrait signer") or in the conditional mood."""
        if "Cnd" in tok.morph.get("Mood") or any("Cnd" in a.morph.get("Mood") for a in self.auxiliaries(tok)):
            return True  # "aurait rencontré": the conditional of what is only reported, not established
        return any(c.lemma_.lower() in self.modal_aux or c.lower_ in self.modal_aux for c in self.auxiliaries(tok))

    def future(self, tok: Token) -> bool:
        if "Fut" in tok.morph.get("Tense"):
            return True
        if tok.dep_ in self.clausal and tok.head.lemma_.lower() in self.future_aux:
            return True  # "are going to meet", "va rencontrer" parsed as a verb and its complement
        return any(c.lower_ in self.future_aux or c.lemma_.lower() in self.future_aux and c.i < tok.i
                   for c in self.auxiliaries(tok))

    @staticmethod
    def clause_verb(tok: Token) -> Token:
        t = tok
        while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
            t = t.head
        return t

    @staticmethod
    def span_of(tok: Token) -> tuple[int, int]:
        return tok.left_edge.i, tok.right_edge.i + 1
