"""The shared W3C SPARQL 1.1 Protocol suite against the real `kg serve`, with its data loaded by `kg load`."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import serve_store

from kg.cli import main

SUITE = Path(__file__).resolve().parents[2] / "shared" / "tools" / "protocol_suite.py"


@pytest.fixture(scope="module")
def suite() -> Path:
    if not SUITE.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{SUITE} is missing: CI must have ../shared beside the checkout")
        pytest.skip(f"{SUITE} not found (../shared is not beside this checkout)")
    return SUITE


def test_protocol_suite_has_no_failure(suite: Path, sample_store: str, tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(sample_store, store)  # the sample articles plus the suite's own graphs
    data = subprocess.run([sys.executable, str(suite), "--print-w3c-data"], capture_output=True, check=True,
                          text=True, timeout=60).stdout
    (tmp_path / "w3c.nq").write_text(data, encoding="utf-8")
    loaded = CliRunner().invoke(main, ["load", str(tmp_path / "w3c.nq"), "--store", str(store)])
    assert loaded.exit_code == 0, loaded.output

    with serve_store(str(store)) as url:
        run = subprocess.run([sys.executable, str(suite), f"{url}/sparql", "--timeout", "60"],
                             capture_output=True, text=True, timeout=600)
    report = run.stdout + run.stderr
    last = report.strip().splitlines()[-1]
    assert run.returncode == 0 and last.endswith(" 0 failed"), report
    # The dataset tests ran on the loaded W3C graphs instead of being skipped.
    assert "SKIP w3c:query_dataset" not in report, report
