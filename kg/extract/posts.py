"""Posts held: "X, secrétaire du Conseil ...", "le président chinois X", "Secretary of State X"."""
from __future__ import annotations

from typing import Any, Callable

from kg.extract.gazetteer import Gazetteer
from kg.extract.mentions import ArticleIndex, fold
from kg.extract.succession import Successions, post_key
from kg.model import PostHolding

_FORMER = {"ancien", "ancienne", "ex", "ex-", "sortant", "sortante", "former", "outgoing", "late"}
_MODIFIERS = _FORMER | {"haut", "haute", "hauts", "nouveau", "nouvelle", "futur", "future", "premier", "première",
                        "vice", "senior", "top", "new", "deputy", "acting", "intérim", "actuel", "actuelle"}
_STOP_POS = {"VERB", "AUX", "PRON", "PUNCT", "SCONJ", "CCONJ"}
# Prepositions that may continue a role ("secrétaire du Conseil", "ambassadeur à l'ONU"); others end it.
_ROLE_PREPOSITIONS = {"de", "du", "des", "d'", "d’", "à", "au", "aux", "of", "to", "for"}
# Agent classes of titles that belong to a state's own government, army, parliament or courts:
# only these may take their country from context ("Manuel Valls, premier ministre").
_NATIONAL_AGENTS = {"GOV", "MIL", "LEG", "JUD", "ELI", "DIP", "COP", "SPY"}
_MAX_ROLE_TOKENS = 12
# Heads of descriptions that say someone leads or matches, not which post: such a description of
# a person whose post in that state the article already gives adds no post ("le dirigeant américain").
_GENERIC_HEADS = {"dirigeant", "dirigeante", "leader", "responsable", "homologue", "counterpart"}


def _role_text(text: str) -> str:
    """"Président" -> "président": one spelling per role whatever its place in the sentence
    (acronyms and capitalised names inside the role are kept)."""
    words = text.split(" ")
    k = 0
    while k < len(words) - 1 and fold(words[k]).rstrip("-") in _MODIFIERS:
        k += 1  # "nouveau Premier ministre": the title after the modifiers
    for i in range(k + 1):
        w = words[i]
        if w[:1].isupper() and w[1:].islower():
            words[i] = w[:1].lower() + w[1:]
    return " ".join(words)


def _ends_with_the_country(doc: Any, rs: int, re_: int) -> bool:
    """"chef du gouvernement du pays", "ministre de ce pays", "head of the country"."""
    tail = [fold(t.text) for t in doc[max(rs, re_ - 3):re_]]
    return bool(tail) and tail[-1] in ("pays", "country") and any(
        w in ("du", "de", "ce", "of", "this") for w in tail[:-1])


def _unknown_institution(doc: Any, rs: int, re_: int, covered: Callable[[int], bool]) -> bool:
    """Two capitalised words in a row after a preposition that no mention covers: the role names
    a body the gazetteer does not know ("des Nations Unis"), so its country cannot be guessed."""
    after_prep = False
    run = 0
    for i in range(rs, re_):
        t = doc[i]
        if fold(t.text) in _ROLE_PREPOSITIONS:
            after_prep, run = True, 0
            continue
        if after_prep and t.text[:1].isupper() and not covered(i):
            run += 1
            if run >= 2:
                return True
        else:
            run = 0
    return False


class PostFinder:
    def __init__(self, gaz: Gazetteer, lang: str) -> None:
        self.lang = lang
        self.agents = {tuple(fold(t.surface).split()): t.agent for t in gaz.titles(lang)}
        self.titles = sorted(self.agents, key=len, reverse=True)

    def _title(self, doc: Any, i: int, end: int) -> tuple[int, str | None]:
        """Length in tokens of the (modifiers +) title starting at token i (0 if none), and its agent class."""
        j = i
        while j < end and (fold(doc[j].text).rstrip("-") in _MODIFIERS or doc[j].text == "-"):
            j += 1
        words = [fold(t.text) for t in doc[j:min(end, j + 6)]]
        for title in self.titles:
            if tuple(words[: len(title)]) == title:
                return j - i + len(title), self.agents[title]
        return 0, None

    def _title_at(self, doc: Any, i: int, end: int) -> int:
        return self._title(doc, i, end)[0]

    def find(self, index: ArticleIndex) -> list[PostHolding]:
        out: list[PostHolding] = []
        seen: set[tuple[str, str | None, str]] = set()
        context = self._dominant_state(index)
        for pi, p in enumerate(index.paras):
            doc = p.doc
            for start, end, person in self._person_runs(index, pi, len(doc)):
                covered = lambda i, pi=pi: index.entity_at(pi, i) is not None  # noqa: E731
                for rs, re_ in (self._before(index, pi, start, covered), self._after(doc, end, covered)):
                    if re_ <= rs or not self._title_at(doc, rs, re_):
                        continue
                    org, confidence = self.organization(index, pi, rs, re_, person, context)
                    if org is None:
                        continue
                    role = self.role_label(index, pi, rs, re_, org)
                    key = post_key(person, org, role)
                    if key in seen:
                        continue
                    seen.add(key)
                    sent = doc[start].sent
                    former = any(fold(t.text).rstrip("-") in _FORMER for t in doc[rs:re_])
                    out.append(PostHolding(person, role, self.lang, org, sent.text.strip(),
                                           index.sentence_of(p.offset + sent.start_char),
                                           "former" if former else "current", confidence))
        if self.lang == "fr":  # "X est nommé R", "X remplace Y comme R", "Il est remplacé par Z"
            for post in Successions(self).find(index, out, context):
                out.append(post)
                seen.add(post_key(post.person, post.organization, post.role))
        for person, pi, start, end, state in index.descriptions:  # "le dirigeant russe" = Poutine
            doc = index.paras[pi].doc
            role = _role_text(doc[start:end].text)
            if not self._title_at(doc, start, end) or post_key(person, state, role) in seen:
                continue
            if fold(role.split(" ", 1)[0]) in _GENERIC_HEADS and any(
                    o.person == person and o.organization == state for o in out):
                continue  # "le dirigeant américain" after "Donald Trump, le président des États-Unis": no new post
            seen.add(post_key(person, state, role))
            sent = doc[start].sent
            out.append(PostHolding(person, role, self.lang, state, sent.text.strip(),
                                   index.sentence_of(index.paras[pi].offset + sent.start_char), "current", 0.6))
        return out

    def organization(self, index: ArticleIndex, pi: int, rs: int, re_: int, person: str,
                     context: str | None) -> tuple[str | None, float]:
        """Whom the post in tokens rs:re_ of paragraph pi serves, and how sure that is: a body or state
        the role names, the state of a nationality adjective, or (for a state's own offices) the
        holder's or the article's country."""
        doc = index.paras[pi].doc
        covered = lambda i: index.entity_at(pi, i) is not None  # noqa: E731
        orgs = [k for k in index.entities_in(pi, rs, re_) if index.kind(k) in ("Organization", "State")]
        own = self._own_state(index, pi, doc, rs, re_)
        if own:  # "l'ambassadeur russe à l'ONU": the adjective says whom he serves
            return own, 0.8
        if orgs:
            return next((k for k in orgs if index.kind(k) == "Organization"), orgs[0]), 0.8
        agent = self._title(doc, rs, re_)[1]
        if agent not in _NATIONAL_AGENTS or _unknown_institution(doc, rs, re_, covered):
            return None, 0.0  # "secrétaire général des Nations Unis": a body we cannot name
        # "Manuel Valls, premier ministre": the country comes from the person or the article;
        # "le chef du gouvernement du pays": from the country the text just named
        org = (self._country_named_before(index, pi, rs) if _ends_with_the_country(doc, rs, re_)
               else None) or self._state_of(index, person) or context
        if agent == "MIL":  # "le général X": the state's army, if named
            org = self._army_of(index, org) or org
        return org, 0.5

    def role_label(self, index: ArticleIndex, pi: int, rs: int, re_: int, org: str) -> str:
        return _role_text(index.paras[pi].doc[rs:self._without_nationality(index, pi, rs, re_, org)].text)

    def _own_state(self, index: ArticleIndex, pi: int, doc: Any, rs: int, re_: int) -> str | None:
        """The state named by an adjective right after the title, when the role then goes on with
        "à"/"auprès" (a posting), not with "du/de" (a body the holder belongs to)."""
        n = self._title_at(doc, rs, re_)
        k = index.entity_at(pi, rs + n) if rs + n < re_ else None
        if not k or index.kind(k) != "State" or doc[rs + n].text[:1].isupper():
            return None
        nxt = doc[rs + n + 1].lower_ if rs + n + 1 < re_ else ""
        return k if nxt in ("à", "au", "aux", "auprès", "") else None

    @staticmethod
    def _without_nationality(index: ArticleIndex, pi: int, rs: int, re_: int, org: str) -> int:
        """End of the role label without a closing nationality that describes the holder rather than
        the post: "secrétaire général des Nations unies [sud-coréen]" (the post is the UN's)."""
        k = index.entity_at(pi, re_ - 1)
        doc = index.paras[pi].doc
        if (re_ - rs > 1 and k and k != org and index.kind(k) == "State" and index.kind(org) == "Organization"
                and doc[re_ - 1].text[:1].islower() and index.entity_at(pi, re_ - 2) != k):
            return re_ - 1
        return re_

    @staticmethod
    def _country_named_before(index: ArticleIndex, pi: int, i: int) -> str | None:
        """The last state named before token i of paragraph pi, in this paragraph or the one before."""
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
        """The army of `state` named in the article; with no state known, the only army named."""
        armies = [(k, e.iso2) for k, e in index.entities.items() if k.startswith("org/army-of-")]
        if state is None:
            return armies[0][0] if len(armies) == 1 else None
        iso2 = index.entities[state].iso2
        return next((k for k, i in armies if iso2 and i == iso2), None)

    @staticmethod
    def _state_of(index: ArticleIndex, person: str) -> str | None:
        """The state a known person belongs to (gazetteer), if the article mentions that state."""
        return index.state_with_iso2(index.entities[person].iso2)

    @staticmethod
    def _dominant_state(index: ArticleIndex) -> str | None:
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
    def _person_runs(index: ArticleIndex, pi: int, n: int) -> list[tuple[int, int, str]]:
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

    def _before(self, index: ArticleIndex, pi: int, start: int, covered: Callable[[int], bool]) -> tuple[int, int]:
        """The role phrase right before a name: "le [président chinois] Xi Jinping",
        "au [président colombien] Juan Manuel Santos", "le [secrétaire général de l'ONU], Ban Ki-moon,"."""
        doc = index.paras[pi].doc
        end = start
        if start > 1 and doc[start - 1].text == ",":
            k = index.entity_at(pi, start - 2)
            if doc[start - 2].pos_ != "PROPN" or (k and index.kind(k) in ("Organization", "State")):
                end = start - 1
        if doc[end - 1].pos_ in ("PROPN", "X") and not covered(end - 1) and not self._title_at(doc, end - 1, end):
            return 0, 0  # a name word the person span left out ("Nawaz" before "Sharif"): unsafe
        if doc[end - 1].pos_ == "ADP" or fold(doc[end - 1].text) in ("de", "d'", "du", "des"):
            return 0, 0  # "nommé premier ministre en remplacement de X": X is the object, not the holder
        j = end - 1
        while j >= 0 and end - j <= _MAX_ROLE_TOKENS and (doc[j].pos_ not in _STOP_POS or covered(j)):
            j -= 1
        for rs in range(j + 1, end):  # the earliest title in the window
            if doc[rs].pos_ not in ("DET", "ADP") and self._title_at(doc, rs, end):
                return rs, end
        return 0, 0

    def _after(self, doc: Any, end: int, covered: Callable[[int], bool]) -> tuple[int, int]:
        """The role phrase in apposition: "X, [secrétaire du Conseil ...],"."""
        if end >= len(doc) or doc[end].text not in (",", "(", "–", "—"):
            return 0, 0
        return self.phrase(doc, end + 1, covered)

    def phrase(self, doc: Any, rs: int, covered: Callable[[int], bool]) -> tuple[int, int]:
        """The role phrase starting at token rs (after its determiners): the title and its complements,
        up to a verb, a pronoun, punctuation or a preposition that does not continue a role."""
        while rs < len(doc) and doc[rs].pos_ == "DET":
            rs += 1
        re_ = rs
        while re_ < len(doc) and re_ - rs < _MAX_ROLE_TOKENS and (doc[re_].pos_ not in _STOP_POS or (
                covered(re_) and doc[re_].text != ",")):
            if doc[re_].pos_ == "ADP" and doc[re_].lower_ not in _ROLE_PREPOSITIONS and not covered(re_):
                break
            re_ += 1
        return rs, re_
