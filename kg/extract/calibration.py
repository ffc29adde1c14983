"""Confidence that means something: each construction's raw score mapped to the precision measured for it.

The engine scores each fact by how it was read (a title before the name 0.8, a description 0.6, a
noun with its participants 0.7, parties found through a group noun or a pronoun 0.6 …). Those raw
scores are ranks, not probabilities. ``kg/extract/calibration.tsv`` (written by
``bench/calibrate.py`` from the annotated articles) maps each kind and raw score to the share of
such facts the annotators confirmed, smoothed; ``kg:confidence`` is that value, so
``--min-confidence 0.8`` keeps the kinds of facts that were right at least four times in five.
"""
from __future__ import annotations

from pathlib import Path

from kg.errors import ConfigError
from kg.model import Extraction

TABLE = Path(__file__).resolve().parent / "calibration.tsv"
KINDS = ("post", "agreement", "meeting")


class Calibration:
    def __init__(self, table: dict[tuple[str, float], float]) -> None:
        self.table = table

    @classmethod
    def load(cls, path: Path | None = None) -> Calibration:
        path = path or TABLE
        table: dict[tuple[str, float], float] = {}
        if not path.is_file():
            return cls(table)  # no table yet: raw scores pass through
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#") or line.startswith("kind\t"):
                continue
            cells = line.split("\t")
            try:
                kind, raw, calibrated = cells[0], float(cells[1]), float(cells[2])
            except (IndexError, ValueError) as e:
                raise ConfigError(f"{path}:{n}: expected kind, raw, calibrated (tab-separated)") from e
            if kind not in KINDS or not 0.0 <= calibrated <= 1.0:
                raise ConfigError(f"{path}:{n}: unknown kind {kind!r} or confidence outside 0..1")
            table[(kind, round(raw, 2))] = calibrated
        return cls(table)

    def value(self, kind: str, raw: float) -> float:
        return self.table.get((kind, round(raw, 2)), raw)

    def apply(self, ex: Extraction) -> Extraction:
        for p in ex.posts:
            p.confidence = self.value("post", p.confidence)
        for a in ex.agreements:
            a.confidence = self.value("agreement", a.confidence)
        for m in ex.meetings:
            m.confidence = self.value("meeting", m.confidence)
        return ex
