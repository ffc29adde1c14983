"""Language packs: what the extraction engine needs to know about one language, read from data.

See ``kg/extract/packs/README.md`` for the format. ``LanguagePack.load("fr")`` reads
``packs/fr/pack.toml`` and every ``*.tsv`` trigger file beside it; a malformed file is a
``ConfigError`` naming the file and line.
"""
from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import ConfigError

PACKS_DIR = Path(__file__).resolve().parent / "packs"
AGREEMENT_FRAMES = frozenset({"agree", "sign", "ratify", "initial", "conclude", "extend", "adopt", "vote", "decide",
                              "commit", "pledge", "reaffirm", "join"})
MEETING_FRAMES = frozenset({"meet", "talks", "visit", "receive", "host", "summit", "negotiate", "credentials",
                            "attend"})
FRAMES = AGREEMENT_FRAMES | MEETING_FRAMES
_TRIGGER_COLUMNS = ("lemma", "pos", "frame", "status", "cameo", "requires", "source")
_CONDITIONS = ("refl", "obj", "dep", "prep", "args", "mutual")
_DEP_KEYS = ("subject", "passive_subject", "object", "agent", "oblique", "case", "prep", "pobj", "apposition",
             "conjunct", "name_part", "clausal", "relative", "auxiliary", "passive_auxiliary", "reflexive",
             "possessive", "compound", "modifier")
_PREP_KEYS = ("with", "between", "agent", "place", "of", "to", "from", "on_behalf")


@dataclass(frozen=True, slots=True)
class Condition:
    """One `requires` condition: its kind and the lemmas it accepts, folded (empty for `refl`, `args`, `mutual`)."""

    kind: str
    words: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word that states an agreement or a meeting (one line of a trigger file)."""

    lemma: str
    pos: str  # "verb" | "noun"
    frame: str
    status: str
    cameo: str
    requires: tuple[Condition, ...]
    source: str

    @property
    def kind(self) -> str:
        return "agreement" if self.frame in AGREEMENT_FRAMES else "meeting"

    def needs(self, kind: str) -> Condition | None:
        return next((c for c in self.requires if c.kind == kind), None)


@dataclass
class LanguagePack:
    """A language's data for the engine (frozen in spirit: built once per process, then only read)."""

    lang: str
    model: str
    ner: dict[str, str]
    deps: dict[str, frozenset[str]]
    preps: dict[str, frozenset[str]]
    cues: dict[str, frozenset[str]]
    sets: dict[str, frozenset[str]]
    groups: dict[str, str]
    pronouns: dict[str, frozenset[str]]
    lowercase_titles: bool = False  # "Président Macron" -> post "président" (French), "Prime Minister" kept (English)
    triggers: dict[tuple[str, str], list[Trigger]] = field(default_factory=dict)

    @classmethod
    def load(cls, lang: str, directory: Path | None = None) -> LanguagePack:
        folder = (directory or PACKS_DIR) / lang
        path = folder / "pack.toml"
        if not path.is_file():
            raise ConfigError(f"no language pack for {lang!r} ({path} is missing)")
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise ConfigError(f"{path}: {e}") from e
        pack = cls(
            lang=_text(data, "lang", path), model=_text(data, "model", path),
            ner={str(k): str(v) for k, v in _table(data, "ner", path).items()},
            deps=_word_sets(_table(data, "deps", path), path, "deps", _DEP_KEYS),
            preps=_word_sets(_table(data, "preps", path), path, "preps", _PREP_KEYS),
            cues=_word_sets(_table(data, "cues", path), path, "cues"),
            sets=_word_sets(_table(data, "sets", path), path, "sets"),
            groups={str(k).lower(): str(v) for k, v in _table(data, "groups", path).items()},
            pronouns=_word_sets(_table(data, "pronouns", path), path, "pronouns"),
            lowercase_titles=bool(data.get("lowercase_titles", False)),
        )
        for bad in set(pack.groups.values()) - {"Person", "State", "Actor"}:
            raise ConfigError(f"{path}: [groups] value {bad!r} is not Person, State or Actor")
        for tsv in sorted(folder.glob("*.tsv")):
            for trig in pack._read_triggers(tsv):
                pack.triggers.setdefault((trig.lemma, trig.pos), []).append(trig)
        return pack

    def cue(self, name: str) -> frozenset[str]:
        return self.cues.get(name, frozenset())

    def dep(self, name: str) -> frozenset[str]:
        return self.deps.get(name, frozenset())

    def prep(self, name: str) -> frozenset[str]:
        return self.preps.get(name, frozenset())

    def triggers_for(self, lemma: str, pos: str) -> list[Trigger]:
        return self.triggers.get((lemma.lower(), pos), [])

    def _read_triggers(self, path: Path) -> Iterable[Trigger]:
        with path.open(encoding="utf-8") as fh:
            header = None
            for n, line in enumerate(fh, start=1):
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                cells = line.split("\t")
                if header is None:
                    if tuple(cells) != _TRIGGER_COLUMNS:
                        raise ConfigError(f"{path}:{n}: header must be {' '.join(_TRIGGER_COLUMNS)} (tab-separated)")
                    header = cells
                    continue
                if len(cells) != len(_TRIGGER_COLUMNS):
                    raise ConfigError(f"{path}:{n}: expected {len(_TRIGGER_COLUMNS)} columns, got {len(cells)}")
                lemma, pos, frame, status, cameo, requires, source = (c.strip() for c in cells)
                if pos not in ("verb", "noun"):
                    raise ConfigError(f"{path}:{n}: pos must be verb or noun, got {pos!r}")
                if frame not in FRAMES:
                    raise ConfigError(f"{path}:{n}: unknown frame {frame!r}")
                if (frame in AGREEMENT_FRAMES) != bool(status):
                    raise ConfigError(f"{path}:{n}: agreements need a status, meetings none ({frame!r}, {status!r})")
                yield Trigger(lemma.lower(), pos, frame, status, cameo, self._conditions(requires, path, n), source)

    def _conditions(self, text: str, path: Path, n: int) -> tuple[Condition, ...]:
        out = []
        for part in filter(None, (p.strip() for p in text.split(","))):
            kind, _, arg = part.partition(":")
            if kind not in _CONDITIONS:
                raise ConfigError(f"{path}:{n}: unknown condition {part!r} (known: {', '.join(_CONDITIONS)})")
            if kind in ("refl", "args", "mutual"):
                out.append(Condition(kind))
                continue
            if not arg:
                raise ConfigError(f"{path}:{n}: condition {kind!r} needs words or a SET name")
            words = self.sets.get(arg) if arg.isupper() else frozenset(w.lower() for w in arg.split("|"))
            if words is None:
                raise ConfigError(f"{path}:{n}: unknown set {arg!r} (defined in [sets] of pack.toml)")
            out.append(Condition(kind, frozenset(fold_word(w) for w in words)))
        return tuple(out)


def fold_word(word: str) -> str:
    """Lower case without accents, unified apostrophes: how condition words are compared."""
    word = unicodedata.normalize("NFKD", word.replace("’", "'").lower())
    return "".join(c for c in word if not unicodedata.combining(c))


def _text(data: dict[str, Any], key: str, path: Path) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{path}: {key!r} must be a non-empty string")
    return value


def _table(data: dict[str, Any], key: str, path: Path) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: [{key}] must be a table")
    return value


def _word_sets(table: dict[str, Any], path: Path, name: str,
               known: tuple[str, ...] | None = None) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for key, value in table.items():
        if known is not None and key not in known:
            raise ConfigError(f"{path}: [{name}] has an unknown key {key!r} (known: {', '.join(known)})")
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: [{name}] {key} must be a list of strings")
        out[key] = frozenset(v if name == "deps" else v.lower() for v in value)
    return out
