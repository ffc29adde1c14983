"""Agreements and meetings from the dependency parse, with parties resolved to entities."""
from __future__ import annotations

from typing import Any, Iterable

from kg.extract import lexicon as lx
from kg.extract.mentions import ArticleIndex
from kg.model import Agreement, DateValue, Meeting

_ACTOR_KINDS = ("Person", "Organization", "State")
_SUBJ = ("nsubj", "nsubj:pass", "nsubjpass")
_PLACE_CASES = {"en", "à", "au", "aux", "dans", "in", "at"}
_REFLEXIVE = {"se", "s'", "s’"}


def _is_negated(tok: Any) -> bool:
    return any(c.lower_ in lx.NEGATIONS for c in tok.children)


def _not_fact(tok: Any) -> bool:
    """True under a wish, need, refusal, modal or conditional: "prêt à discuter", "refuse de signer"."""
    if "Cnd" in tok.morph.get("Mood"):
        return True
    head, depth = tok, 0
    while head.head is not head and depth < 3:
        if head.dep_ not in ("xcomp", "ccomp", "advcl", "acl", "obl", "nmod", "obj"):
            break
        head = head.head
        depth += 1
        if head.lemma_ in lx.NOT_FACT_HEADS or head.lower_ in lx.NOT_FACT_HEADS or _is_negated(head):
            return True
    return any(c.lemma_ in lx.NOT_FACT_HEADS and c.dep_.startswith("aux") for c in tok.children)


def _with_conj(tok: Any) -> list[Any]:
    """A token and its coordinated tokens; the parser may hang a conj on the last part of a name."""
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ == "conj":
                todo.append(c)
            elif c.dep_ in ("flat:name", "flat"):
                todo.extend(g for g in c.children if g.dep_ == "conj")
    return out


class EventFinder:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.agree = lx.AGREE_VERBS[lang]
        self.idioms = lx.IDIOMS[lang]
        self.meet_verbs = lx.MEET_VERBS[lang]
        self.meet_nouns = lx.MEET_NOUNS[lang]

    # -- helpers ------------------------------------------------------------------------
    @staticmethod
    def _body(index: ArticleIndex) -> list[tuple[int, Any]]:
        """Paragraphs to read events from: the headline only restates the body, so it is skipped."""
        paras = list(enumerate(index.paras))
        return paras[1:] if len(paras) > 1 else paras

    def _actors_of(self, index: ArticleIndex, pi: int, toks: Iterable[Any], salient: list[str]) -> list[str]:
        out: list[str] = []
        for tok in toks:
            if tok.lower_ in lx.RELATIVE_PRONOUNS and tok.head.dep_.startswith("acl"):
                tok = tok.head.head  # "Anne Casper, qui a rencontré ...": the antecedent
            for t in _with_conj(tok):
                k = index.entity_at(pi, t.i)
                if k is None and (t.lemma_ in lx.COLLECTIVE or t.lower_ in lx.COLLECTIVE):
                    ks = salient
                elif k is None:  # "le président chinois Xi Jinping": the person in apposition first
                    inside = index.entities_in(pi, t.left_edge.i, t.right_edge.i + 1)
                    people = [x for x in inside if index.kind(x) == "Person"]
                    ks = (people or inside)[:1]
                else:
                    ks = [k]
                out.extend(x for x in ks if index.kind(x) in _ACTOR_KINDS and x not in out)
        return out

    @staticmethod
    def _subjects(tok: Any) -> list[Any]:
        """Subjects of a trigger, climbing through infinitives and participles to the governing verb."""
        t = tok
        for _ in range(3):
            subj = [c for c in t.children if c.dep_ in _SUBJ]
            # "Le Japon et l'Inde ont signé": the parser often makes the verb a conj of the first noun.
            if t.dep_ == "conj" and t.head.pos_ in ("PROPN", "NOUN") and t.head.i < t.i:
                subj.append(t.head)
            if subj:
                return subj
            if t.head is t:
                break
            t = t.head
        return []

    @staticmethod
    def _date_in(dates: list[tuple[int, int, DateValue]], start: int, end: int, near: int) -> DateValue | None:
        inside = [(abs(s - near), not d.is_full_date, d) for s, e, d in dates if start <= s and e <= end]
        return min(inside, key=lambda x: (x[1], x[0]))[2] if inside else None

    def _salient_pair(self, index: ArticleIndex, agreements: list[Agreement]) -> list[str]:
        if agreements:
            return list(agreements[-1].parties)
        counts: dict[str, int] = {}
        for m in index.mentions:
            if index.kind(m.entity) == "State":
                counts[m.entity] = counts.get(m.entity, 0) + 1
        return [k for k, _ in sorted(counts.items(), key=lambda kv: -kv[1])[:2]]

    # -- agreements -----------------------------------------------------------------------
    def agreements(self, index: ArticleIndex, dates: list[tuple[int, int, DateValue]]) -> list[Agreement]:
        out: list[Agreement] = []
        for pi, p in self._body(index):
            for tok in p.doc:
                status = self.agree.get(tok.lemma_)
                idiom = self.idioms.get(tok.lemma_)
                if idiom and any(t.lemma_ == idiom for c in tok.children for t in (c, *c.children)):
                    status = "agreed"
                if status is None or tok.pos_ not in ("VERB", "AUX", ""):
                    continue
                if tok.lemma_ in lx.REFLEXIVE_ONLY and not any(c.lower_ in _REFLEXIVE for c in tok.children):
                    continue
                if tok.lemma_ in lx.NEEDS_OBJECT and not any(
                        t.lemma_ in lx.AGREEMENT_OBJECTS
                        for c in tok.children if c.dep_ in ("obj", "nsubj:pass") for t in c.subtree):
                    continue
                if _is_negated(tok) or _not_fact(tok):
                    continue
                if "Fut" in tok.morph.get("Tense"):
                    status = "planned"
                salient = self._salient_pair(index, out)
                parties = self._actors_of(index, pi, self._subjects(tok), salient)
                for c in tok.children:  # "avec X", "with X"
                    if c.dep_ in ("obl", "obl:arg", "obl:mod", "nmod") and any(
                            g.lower_ in ("avec", "with") for g in c.children):
                        parties += [k for k in self._actors_of(index, pi, [c], salient) if k not in parties]
                    if c.dep_ == "obj":  # "approuvé la ratification de l'accord par le Canada"
                        agents = [t for t in c.subtree if t is not c and any(
                            g.lower_ in ("par", "by") and g.dep_ == "case" for g in t.children)]
                        parties += [k for k in self._actors_of(index, pi, agents, salient) if k not in parties]
                if status in ("pledge", "commitment") and len(parties) < 2:
                    comp = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp", "obl:arg", "obl")]
                    for c in comp:
                        for k in index.entities_in(pi, c.left_edge.i, c.right_edge.i + 1):
                            if index.kind(k) in _ACTOR_KINDS and k not in parties:
                                parties.append(k)
                                break
                collective = len(parties) == 1 and index.kind(parties[0]) == "Organization"
                if len(parties) < 2 and not collective:
                    continue
                sent = tok.sent
                start = p.offset + sent.start_char
                obj = [c for c in tok.children if c.dep_ in ("xcomp", "obj", "ccomp")]
                label = p.doc[obj[0].left_edge.i:obj[0].right_edge.i + 1].text[:200] if obj else None
                out.append(Agreement(parties, self._trigger(tok), sent.text.strip(), index.sentence_of(start),
                                     status, label, self._date_in(dates, start, p.offset + sent.end_char,
                                                                  p.offset + tok.idx), confidence=0.7))
        return out

    @staticmethod
    def _trigger(tok: Any) -> str:
        parts = [c for c in tok.children if c.dep_.startswith("aux") or c.lower_ in _REFLEXIVE] + [tok]
        parts.sort(key=lambda t: t.i)
        return " ".join(t.text for t in parts).replace("s’ ", "s’").replace("s' ", "s'")

    # -- meetings -------------------------------------------------------------------------
    def meetings(self, index: ArticleIndex, dates: list[tuple[int, int, DateValue]]) -> list[Meeting]:
        out: list[Meeting] = []
        for pi, p in self._body(index):
            for tok in p.doc:
                verb = tok.lemma_ in self.meet_verbs and tok.pos_ in ("VERB", "")
                noun = tok.lower_ in self.meet_nouns and tok.pos_ in ("NOUN", "")
                if not (verb or noun):
                    continue
                sent = tok.sent
                if any(t.lower_ in lx.NOT_IN_PERSON for t in sent) or _is_negated(tok) or _not_fact(tok):
                    continue
                if verb and "Fut" in tok.morph.get("Tense"):
                    continue
                others = [c for c in tok.children if c.dep_ in ("obj", "iobj") or (
                    c.dep_ in ("obl", "obl:arg", "obl:mod", "obl:agent", "nmod") and any(
                        g.lower_ in ("avec", "with", "à") for g in c.children))]
                if noun and not others:
                    continue
                if verb and tok.lemma_ in ("recevoir", "accueillir", "receive", "host") and not others:
                    continue
                subj = self._subjects(tok if verb else tok.head)
                parts = self._actors_of(index, pi, subj, [])
                parts += [k for k in self._actors_of(index, pi, others, []) if k not in parts]
                confidence = 0.7
                if len(parts) == 1 and others:
                    # Inverted or elided subject ("a déclaré Patrushev après s'être entretenu avec Guo"):
                    # the nearest person named before the trigger in the same sentence.
                    near = self._person_before(index, pi, sent.start, tok.i, parts)
                    if near:
                        parts.insert(0, near)
                        confidence = 0.5
                if len(parts) < 2:
                    continue
                start = p.offset + sent.start_char
                place = self._place(index, pi, sent, parts)
                date = self._date_in(dates, start, p.offset + sent.end_char, p.offset + tok.idx)
                add_meeting(out, Meeting(parts, self._trigger(tok), [sent.text.strip()], index.sentence_of(start),
                                         place, date, confidence=confidence))
        return out

    @staticmethod
    def _person_before(index: ArticleIndex, pi: int, start: int, end: int, exclude: list[str]) -> str | None:
        for i in range(end - 1, start - 1, -1):
            k = index.entity_at(pi, i)
            if k and k not in exclude and index.kind(k) == "Person":
                return k
        return None

    @staticmethod
    def _place(index: ArticleIndex, pi: int, sent: Any, parts: list[str]) -> str | None:
        for t in sent:
            k = index.entity_at(pi, t.i)
            if not k or k in parts or index.kind(k) not in ("Place", "State"):
                continue
            prev = t.doc[t.i - 1].lower_ if t.i > 0 else ""
            if prev in _PLACE_CASES or any(c.lower_ in _PLACE_CASES for c in t.children):
                return k
        return None


def add_meeting(out: list[Meeting], new: Meeting) -> None:
    """Append `new`, or fold it into the meeting of the same participants already found:
    its sentence joins the evidence, and its place and a fuller date fill gaps."""
    same = next((m for m in out if set(m.participants) == set(new.participants)), None)
    if same is None:
        out.append(new)
        return
    same.evidence += [e for e in new.evidence if e not in same.evidence]
    same.place = same.place or new.place
    if new.date and (same.date is None or (new.date.is_full_date and not same.date.is_full_date)):
        same.date = new.date
