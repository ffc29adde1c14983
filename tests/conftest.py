"""Shared fixtures: the extractor (spaCy model) is loaded once per test session."""
from __future__ import annotations

import contextlib
import json
import subprocess
from pathlib import Path
from typing import Any, Iterator

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


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory, extractor: Any) -> str:
    """A store holding the bundled samples/ articles, ingested once per session. Do not write to it."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    store = tmp_path_factory.mktemp("sample-store") / "store"
    result = CliRunner().invoke(
        main, ["ingest", str(root / "samples"), "--published", "2022-09-20", "--store", str(store)],
        obj={"extractor": extractor}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return str(store)


@pytest.fixture(scope="session")
def web_app(sample_store: str) -> Any:
    """The Flask app over the sample store (one per session: it owns query worker processes)."""
    from kg.config import Settings
    from kg.web import create_app

    app = create_app(Settings(store=sample_store))
    app.config["TESTING"] = True
    yield app
    app.extensions["kg"].close()


@contextlib.contextmanager
def app_client(store: Any) -> Iterator[Any]:
    """Flask's test client on an app over `store` (a test's own), its query workers closed afterwards."""
    from kg.config import Settings
    from kg.web import create_app

    app = create_app(Settings(store=str(store)))
    app.config["TESTING"] = True
    try:
        yield app.test_client()
    finally:
        app.extensions["kg"].close()


@pytest.fixture()
def client(web_app: Any) -> Any:
    """Flask's test client on the sample-store app."""
    return web_app.test_client()


class Clock:
    """A hand-driven monotonic clock."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store of 300 triples (enough for a cartesian product to outlast any timeout in the fair-use tests)."""
    import pyoxigraph as ox

    path = tmp_path_factory.mktemp("small") / "store"
    store = ox.Store(str(path))
    g = ox.NamedNode("https://w3id.org/newskg/graph/article/t1")
    p = ox.NamedNode("http://example.org/p")
    store.extend(ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), p, ox.Literal(str(i)), g) for i in range(300))
    store.flush()
    del store
    return str(path)


@contextlib.contextmanager
def serve_store(store: str, *extra_args: str, timeout: float = 60.0) -> Iterator[str]:
    """Run the real `kg serve --port 0` on `store` in a subprocess; yields its base URL (no trailing /)."""
    with served(store, *extra_args, timeout=timeout) as (url, _, _):
        yield url


@contextlib.contextmanager
def served(store: str, *extra_args: str, timeout: float = 60.0) -> Iterator[tuple[str, Any, Any]]:
    """`serve_store`, yielding the base URL, the server's Popen and its stderr (a file: a pipe nobody
    reads could fill up and block it)."""
    import re
    import subprocess
    import sys
    import tempfile
    import time

    cmd = [sys.executable, "-m", "kg.cli", "serve", "--store", store, "--port", "0", *extra_args]
    with tempfile.TemporaryFile(mode="w+") as log:
        proc = subprocess.Popen(cmd, stderr=log, stdout=subprocess.DEVNULL, text=True)
        try:
            deadline = time.monotonic() + timeout
            url = None
            while url is None and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.1)
                log.seek(0)
                m = re.search(r"at (http://\S+?)/ ", log.read())
                url = m.group(1) if m else None
            log.seek(0)
            assert url, f"kg serve did not start (exit {proc.poll()}): {log.read()[-2000:]}"
            log.seek(0, 2)  # the server writes at this file's offset, which it shares: not over what it wrote
            yield url, proc, log
        finally:
            stop_process(proc)


def stop_process(proc: subprocess.Popen[Any]) -> None:
    """Terminate a server started by a test, killing it if it does not stop within 10 s."""
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """One Virtuoso server for the whole session (tests/remote_engines.py; a few seconds to start)."""
    from remote_engines import virtuoso_server

    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as engine:
        yield engine


def ingest_records(kg: Any, tmp_path: Path, records: list[tuple[str, str, str, str]], title: str = "Titre") -> Path:
    """Ingest (id, published, lang, text) articles, each titled `title`, from a JSON Lines file into a
    new store in `tmp_path`; the store's path."""
    src = tmp_path / "records.jsonl"
    src.write_text("".join(json.dumps({"id": i, "title": title, "text": f"{title}\n\n{t}", "lang": lang,
                                       "published": d}) + "\n" for i, d, lang, t in records), encoding="utf-8")
    store = tmp_path / "store"
    assert kg("ingest", str(src), "--store", str(store)).exit_code == 0
    return store
