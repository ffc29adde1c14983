"""The French language pack (kg/extract/packs/fr): it loads, fr_core_news_md finds every trigger line in an
invented sentence (tests/data/pack_fr_sentences.tsv) with the line's lemma, coarse POS and conditions, and
words that must not state a meeting or an agreement do not."""
from __future__ import annotations

import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from kg.extract.pack import PACKS_DIR, Condition, LanguagePack, Trigger

TRIGGERS = PACKS_DIR / "fr" / "triggers.tsv"
SENTENCES = Path(__file__).resolve().parent / "data" / "pack_fr_sentences.tsv"
POS = {"verb": ("VERB", "AUX"), "noun": ("NOUN", "PROPN")}
Key = tuple[str, str, str]  # lemma, pos, frame


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    """(line number, cells) of a TSV file, without comments, blank lines and the header."""
    out, header = [], False
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header:
            header = True
            continue
        out.append((n, [c.strip() for c in line.split("\t")]))
    return out


def _sentences() -> dict[Key, list[str]]:
    out: dict[Key, list[str]] = defaultdict(list)
    for n, cells in _rows(SENTENCES):
        assert len(cells) == 4, f"{SENTENCES.name}:{n}: expected lemma, pos, frame, sentence"
        lemma, pos, frame, sentence = cells
        out[(lemma.lower(), pos, frame)].append(sentence)
    return dict(out)


PACK = LanguagePack.load("fr")
LINES = _rows(TRIGGERS)
BY_LINE: dict[int, Trigger] = dict(zip((n for n, _ in LINES), PACK._read_triggers(TRIGGERS)))  # line -> trigger
SENT = _sentences()


@pytest.fixture(scope="module")
def nlp() -> Any:
    spacy = pytest.importorskip("spacy")
    return spacy.load(PACK.model)


@pytest.fixture(scope="module")
def parse(nlp: Any) -> Any:
    """Parse a sentence once per module (several trigger lines share a sentence)."""
    cache: dict[str, Any] = {}

    def run(text: str) -> Any:
        if text not in cache:
            cache[text] = nlp(text)
        return cache[text]
    return run


def fold(word: str) -> str:
    """Lower case without accents: condition words may be stored folded, lemmas compared folded too."""
    word = unicodedata.normalize("NFKD", word.replace("’", "'").lower())
    return "".join(c for c in word if not unicodedata.combining(c))


def _meets(tok: Any, cond: Condition) -> bool:
    """Whether a token satisfies one `requires` condition as packs/README.md states it (`args` needs the
    entities, which this test does not resolve)."""
    kids, words = list(tok.children), {fold(w) for w in cond.words}
    if cond.kind == "args":
        return True
    if cond.kind == "mutual":
        subjects = [c for c in kids if c.dep_ in PACK.dep("subject") | PACK.dep("passive_subject")]
        return any("Plur" in c.morph.get("Number") or any(g.dep_ in PACK.dep("conjunct") and g.pos_ in ("NOUN", "PROPN", "PRON")
                                                                for g in c.children)
                   for c in subjects) or any(g.dep_ in PACK.dep("case") and g.lower_ in PACK.prep("with")
                                             for c in kids for g in c.children)
    if cond.kind == "refl":
        return any(c.dep_ in PACK.dep("reflexive") and c.lower_ in PACK.cue("reflexive") for c in kids) \
            and not any(c.dep_ in PACK.dep("object") for c in kids)
    if cond.kind == "obj":
        roles = PACK.dep("object") | PACK.dep("passive_subject")
        return any(c.dep_ in roles and fold(c.lemma_) in words for c in kids)
    if cond.kind == "dep":
        near = kids + [g for c in kids if c.pos_ == "ADP" for g in c.children]
        return any(fold(c.lemma_) in words for c in near)
    if cond.kind == "prep":
        cases = PACK.dep("case")
        return any((c.pos_ == "ADP" and fold(c.text) in words)
                   or any(g.dep_ in cases and (fold(g.text) in words or fold(g.lemma_) in words)
                          for g in c.children) for c in kids)
    raise AssertionError(f"unknown condition {cond.kind}")


def matches(doc: Any, trig: Trigger) -> list[Any]:
    """Tokens of doc that state the trigger: its lemma, a coarse POS of its pos, and all its conditions."""
    return [t for t in doc if t.lemma_.lower() == trig.lemma and t.pos_ in POS[trig.pos]
            and all(_meets(t, c) for c in trig.requires)]


def found(doc: Any) -> set[tuple[str, str]]:
    """(lemma, frame) of the pack's triggers that doc states, leaving out nouns whose only condition is
    `args` (their parties are the engine's business)."""
    out = set()
    for tok in doc:
        pos = next((p for p, tags in POS.items() if tok.pos_ in tags), None)
        for trig in PACK.triggers_for(tok.lemma_, pos) if pos else []:
            if [c.kind for c in trig.requires] != ["args"] and all(_meets(tok, c) for c in trig.requires):
                out.add((trig.lemma, trig.frame))
    return out


# --- (1) the pack loads --------------------------------------------------------------------------------------

def test_pack_loads() -> None:
    pack = LanguagePack.load("fr")
    assert pack.lang == "fr" and pack.model == "fr_core_news_md"
    n = sum(len(v) for v in pack.triggers.values())
    assert 150 <= n <= 260, n
    frames = {t.frame for ts in pack.triggers.values() for t in ts}
    assert {"agree", "sign", "ratify", "initial", "conclude", "extend", "adopt", "vote", "decide", "commit",
            "pledge", "reaffirm", "join", "meet", "talks", "visit", "receive", "host", "summit", "negotiate",
            "credentials", "attend"} <= frames
    assert all(t.status == "" for ts in pack.triggers.values() for t in ts if t.kind == "meeting")
    assert pack.groups["party"] == "Actor"  # "les parties" is lemmatised "party"


def test_every_line_is_read_once() -> None:
    assert len(BY_LINE) == len(LINES) == sum(len(v) for v in PACK.triggers.values())
    keys = [(t.lemma, t.pos, t.frame, t.requires) for t in BY_LINE.values()]
    assert len(keys) == len(set(keys)), "duplicate trigger line"


# --- (2) every trigger line, found by the model in a sentence written for it ---------------------------------

@pytest.mark.parametrize("n", sorted(BY_LINE), ids=[f"L{n}-{t.lemma}-{t.pos}-{t.frame}" for n, t in
                                                    sorted(BY_LINE.items())])
def test_trigger_is_found(n: int, parse: Any) -> None:
    trig = BY_LINE[n]
    sentences = SENT.get((trig.lemma, trig.pos, trig.frame))
    assert sentences, f"triggers.tsv:{n}: no sentence for {trig.lemma} {trig.pos} {trig.frame} in {SENTENCES.name}"
    for text in sentences:
        doc = parse(text)
        assert any(t.lemma_.lower() == trig.lemma and t.pos_ in POS[trig.pos] for t in doc), (
            f"triggers.tsv:{n}: no {trig.pos} lemmatised {trig.lemma!r} in {text!r}: "
            + " ".join(f"{t.text}/{t.lemma_}/{t.pos_}" for t in doc))
    assert any(matches(parse(s), trig) for s in sentences), (
        f"triggers.tsv:{n}: {trig.lemma} is found but its conditions "
        f"{[(c.kind, sorted(c.words)) for c in trig.requires]} never hold in {sentences}: "
        + " | ".join(" ".join(f"{t.text}/{t.lemma_}/{t.dep_}<{t.head.text}" for t in parse(s)) for s in sentences))


def test_no_sentence_without_a_trigger() -> None:
    keys = {(t.lemma, t.pos, t.frame) for t in BY_LINE.values()}
    assert not set(SENT) - keys, sorted(set(SENT) - keys)


# --- (3) what must not be a trigger ------------------------------------------------------------------------

@pytest.mark.parametrize("lemma", ["téléphoner", "appeler", "annuler", "reporter", "ajourner", "parler",
                                   "écrire", "inviter", "proposer", "souhaiter", "refuser", "menacer"])
def test_not_a_meeting_verb(lemma: str) -> None:
    assert not [t for t in PACK.triggers_for(lemma, "verb") if t.kind == "meeting"]


@pytest.mark.parametrize("lemma", ["appel", "téléphone", "visioconférence", "vidéoconférence", "communiqué",
                                   "lettre", "message", "annulation", "report", "invitation"])
def test_not_a_meeting_noun(lemma: str) -> None:
    assert not [t for t in PACK.triggers_for(lemma, "noun") if t.kind == "meeting"]


@pytest.mark.parametrize("lemma", ["refuser", "rejeter", "proposer", "menacer", "dénoncer", "espérer",
                                   "souhaiter", "envisager"])
def test_not_an_agreement_verb(lemma: str) -> None:
    assert not [t for t in PACK.triggers_for(lemma, "verb") if t.kind == "agreement"]


@pytest.mark.parametrize("text", [
    "Le président a téléphoné à son homologue russe.",
    "Les deux ministres ont annulé leur rencontre.",  # "annuler" is a cue, not a trigger
    "Le ministre a rendu compte au Parlement.",
    "Le gouvernement a trouvé une solution provisoire.",
    "Il convient de rester prudent.",
    "La police a présenté le suspect au juge.",
    "Le président a tenu un discours à Berlin.",
    "Le boxeur a gagné au troisième round.",
    "Le gouvernement a pris des mesures.",
    "La ville a adopté un chien.",
    "Le ministre a présenté son plan au Parlement.",
    "Le président a assisté à la cérémonie.",
    "Le président a donné une interview.",
    "Le parquet a ouvert une enquête.",
    "Il s'est rendu compte de son erreur.",
    "Le ministre a assuré que la situation était calme.",
    "L'armée a assuré la sécurité avec le soutien de la France.",
    "Le président a garanti la sécurité des civils.",
    "Le ministre a réitéré son appel au calme.",
    "Le tribunal a porté la peine à dix ans.",
    "Le ministre s'est retrouvé au cœur de la polémique.",  # "se retrouver" alone: no meeting
    "S'engage alors un combat entre les deux coureurs.",  # a pronominal verb with an object
])
def test_no_trigger_without_its_conditions(text: str, parse: Any) -> None:
    got = found(parse(text))
    assert not got, got
