"""Shared fixtures: the extractor (spaCy model) is loaded once per test session."""
from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner

from kg.cli import main

@pytest.fixture(scope="session")
def extractor() -> Any:
    from kg.extract import Extractor

    return Extractor.load()


@pytest.fixture()
def kg(extractor: Any) -> Any:
    """Run the `kg` CLI in-process with the session's extractor: kg("ingest", ...) -> Result."""
    runner = CliRunner()

    def run(*args: str) -> Any:
        return runner.invoke(main, list(args), obj={"extractor": extractor}, catch_exceptions=False)
    return run
