"""kg:confidence: each kind of fact and raw score mapped to the precision measured on the annotated set."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import ConfigError
from kg.extract.calibration import TABLE, Calibration
from kg.model import Agreement, Article, Extraction, Meeting, PostHolding


def test_shipped_table_loads_and_maps_every_kind() -> None:
    cal = Calibration.load()
    kinds = {kind for kind, _ in cal.table}
    assert kinds == {"post", "agreement", "meeting"}
    assert all(0.0 <= v <= 1.0 for v in cal.table.values())
    assert TABLE.read_text(encoding="utf-8").startswith("# kg:confidence calibration")


def test_apply_replaces_raw_scores_and_leaves_unknown_ones(tmp_path: Path) -> None:
    table = tmp_path / "cal.tsv"
    table.write_text("kind\traw\tcalibrated\ttp\tfound\npost\t0.50\t0.91\t10\t11\nmeeting\t0.70\t0.40\t2\t5\n",
                     encoding="utf-8")
    cal = Calibration.load(table)
    ex = Extraction(Article("a", "T", "T", "fr"), "fr",
                    posts=[PostHolding("p", "ministre", "fr", "s", "e", 0, confidence=0.5)],
                    agreements=[Agreement(["x", "y"], "signé", "e", 0, confidence=0.8)],
                    meetings=[Meeting(["x", "y"], "a rencontré", ["e"], 0, confidence=0.7)])
    cal.apply(ex)
    assert (ex.posts[0].confidence, ex.agreements[0].confidence, ex.meetings[0].confidence) == (0.91, 0.8, 0.4)


@pytest.mark.parametrize("line", ["post\tx\t0.5", "crowd\t0.5\t0.5", "post\t0.5\t1.5", "post"])
def test_a_malformed_table_is_a_config_error(tmp_path: Path, line: str) -> None:
    table = tmp_path / "cal.tsv"
    table.write_text(f"kind\traw\tcalibrated\n{line}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="cal.tsv:2"):
        Calibration.load(table)
