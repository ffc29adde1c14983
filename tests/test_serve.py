"""`kg serve`: the production server over the store that `kg ingest` writes."""
from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import serve_store

from kg.cli import main


def test_serve_without_a_store_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--store", str(tmp_path / "nothing")])
    assert result.exit_code == 2
    assert "no store here" in result.output and "Traceback" not in result.output


def test_serve_on_a_port_in_use_is_a_one_line_error(sample_store: str) -> None:
    import socket
    import subprocess
    import sys

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "--store", sample_store, "--port", str(port)],
                              capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip() == f"kg: error: cannot listen on 127.0.0.1:{port}: Address already in use"


def test_serve_help_names_the_settings() -> None:
    out = CliRunner().invoke(main, ["serve", "--help"]).output
    for flag in ("--store", "--host", "--port", "--threads", "--query-timeout", "--max-rows", "--query-workers",
                 "--query-memory"):
        assert flag in out


def test_real_server_answers_queries_and_pages(sample_store: str) -> None:
    with serve_store(sample_store, "--query-workers", "1") as url:
        qs = urllib.parse.urlencode({"query": "SELECT (COUNT(DISTINCT ?a) AS ?n) { ?a a <https://w3id.org/newskg/ontology#Article> }"})
        req = urllib.request.Request(f"{url}/sparql?{qs}", headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            assert resp.headers["Server"] == "kg"  # kg's server (kg.web.server), not Flask's development server
            n = json.load(resp)["results"]["bindings"][0]["n"]["value"]
        assert int(n) == 5
        with urllib.request.urlopen(f"{url}/", timeout=30) as resp:
            assert resp.status == 200


def test_query_memory_setting_reaches_the_workers(sample_store: str) -> None:
    """`--query-memory 256`: a query building a 500 MB string is stopped with 503, the next one runs."""
    big = '"' + "a" * 50_000 + '"'
    bomb = f'SELECT (STRLEN(REPLACE(REPLACE({big}, "a", "{"b" * 100}"), "b", "{"c" * 100}")) AS ?n) {{}}'
    with serve_store(sample_store, "--query-workers", "1", "--query-memory", "256") as url:
        req = urllib.request.Request(f"{url}/sparql", data=bomb.encode(), method="POST",
                                     headers={"Content-Type": "application/sparql-query"})
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                raise AssertionError(f"expected 503, got {resp.status}")
        except urllib.error.HTTPError as e:
            assert e.code == 503 and "memory" in e.read().decode()
        qs = urllib.parse.urlencode({"query": "ASK {}"})
        try:
            with urllib.request.urlopen(f"{url}/sparql?{qs}", timeout=30) as resp:
                assert resp.status == 200
        except urllib.error.HTTPError as e:
            raise AssertionError(f"next query: {e.code} {e.read().decode()}") from e


def test_query_memory_is_checked() -> None:
    from kg.config import Settings
    from kg.errors import ConfigError

    assert Settings(query_memory=0).query_memory == 0
    for bad in (-1, 10, 255):
        with pytest.raises(ConfigError, match="query_memory"):
            Settings(query_memory=bad)


@pytest.mark.parametrize("host", ["127.0.0.1", "::1"])
def test_accepted_connections_send_without_waiting_for_acks(host: str) -> None:
    """The server's connections have TCP_NODELAY, taken from its listening socket (granian accepts from
    it; Linux copies the option to each connection). Without it, an answer written in two pieces (the
    headers, then the body: a 404 page, a redirect, a streamed result) waited for the client's delayed
    ACK, ~40 ms on every kept-alive connection (bench/endpoint_throughput.py, case page-404)."""
    import socket

    from kg.web.server import Listener

    try:
        listener = Listener(host, 0)
    except OSError as e:
        pytest.skip(f"no {host} here: {e}")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with listener.socket, socket.socket(family, socket.SOCK_STREAM) as client:
        client.connect((host, listener.port))
        accepted, _ = listener.socket.accept()
        with accepted:
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
