"""The committed gazetteer is exactly what tools/build_gazetteer.py makes from ../shared/gazetteer."""
from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


SOURCE = ROOT.parent / "shared" / "gazetteer"


@pytest.mark.skipif(not SOURCE.is_dir(), reason="../shared/gazetteer is not beside the checkout")
def test_committed_data_matches_the_builder(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "build_gazetteer.py"), str(SOURCE),
                           "--out", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    committed = ROOT / "kg" / "data" / "gazetteer"
    cmp = filecmp.dircmp(committed, tmp_path)
    assert not cmp.left_only and not cmp.right_only, (cmp.left_only, cmp.right_only)
    _, mismatch, errors = filecmp.cmpfiles(committed, tmp_path, cmp.common_files, shallow=False)
    assert not mismatch and not errors, mismatch
