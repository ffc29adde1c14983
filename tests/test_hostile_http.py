"""Hostile input over HTTP (issue "Hold up under hostile input", items 3 and 4).

SPARQL meant to reach out (SERVICE, FROM, LOAD to loopback, cloud metadata, files), to crash the
engine (deep nesting, long chains), to hang it (cartesian products, backtracking regexes), to
exhaust it (memory, huge LIMIT/OFFSET, huge bodies and URLs) or to confuse the protocol layer
(bad UTF-8, charsets, duplicated parameters, abusive Accept headers); and pages asked for ids
meant to inject markup, traverse paths or break the queries built from them.

One real `kg serve` per module (its HTTP server, worker processes, a short query timeout and row cap) on
a copy of the sample store plus an article whose title and text carry markup. Each test checks
its case, then that the next query is still answered. A canary TCP listener on loopback is the
target of everything that could make the server connect out: nothing may ever connect to it.
"""
from __future__ import annotations

import http.client
import json
import re
import shutil
import socket
import sys
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import serve_store

from kg.cli import main
from kg.query.worker import Job, QueryPool

TIMEOUT = 2.0  # --query-timeout of the module's server
MAX_ROWS = 100  # --max-rows of the module's server
SLACK = 8.0  # on top of TIMEOUT for a busy 2-core machine: still far from a hang
JSON = "application/sparql-results+json"
SPARQL_QUERY = "application/sparql-query"
FORM = "application/x-www-form-urlencoded"
# What must never appear in an answer: file contents, Python tracebacks.
LEAKS = ("root:x:0:0", "Traceback (most recent call last)", 'File "/', "def serve(", "[project]")
XSS_ARTICLE = {
    "id": "xss'1",
    "title": "<script>alert('title')</script> Poutine <img src=x onerror=alert('title-img')>",
    "text": ("Vladimir Poutine a rencontré Xi Jinping à Pékin. <script>alert('text')</script> Le président russe "
             "Vladimir Poutine <img src=x onerror=alert('text-img')> a signé un accord avec le président chinois "
             "Xi Jinping.\" onmouseover=\"alert('attr')"),
    "lang": "fr", "published": "2022-09-15", "url": "https://example.org/x?a='onmouseover=alert(1)'",
    "source": "<b>src</b>",
}


# --- helpers ---------------------------------------------------------------------------------
@dataclass
class Reply:
    status: int
    headers: dict[str, str]  # names in lower case
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def fetch(url: str, target: str, method: str = "GET", body: bytes | None = None,
          headers: dict[str, str] | None = None) -> Reply:
    """One request, sent as written (no normalisation of the target), to the server at `url`."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=TIMEOUT + 30)
    started = time.monotonic()
    try:
        conn.request(method, target, body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
        return Reply(resp.status, {k.lower(): v for k, v in resp.getheaders()}, data, time.monotonic() - started)
    finally:
        conn.close()


def fetch_raw(url: str, data: bytes) -> Reply:
    """Bytes written straight to the socket (for what http.client refuses to send); reads to EOF."""
    parts = urllib.parse.urlsplit(url)
    started = time.monotonic()
    with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 80), timeout=30) as s:
        s.sendall(data)
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
    raw = b"".join(chunks)
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    return Reply(int(lines[0].split()[1]), {k.lower(): v for k, v in headers.items()}, body,
                 time.monotonic() - started)


def get(url: str, query: str, accept: str = JSON, **params: str) -> Reply:
    return fetch(url, "/sparql?" + urllib.parse.urlencode({"query": query, **params}), headers={"Accept": accept})


def post(url: str, body: bytes, content_type: str = SPARQL_QUERY) -> Reply:
    return fetch(url, "/sparql", "POST", body, {"Content-Type": content_type, "Accept": JSON})


def rows(reply: Reply) -> list[dict[str, Any]]:
    assert reply.status == 200, (reply.status, reply.text[:300])
    bindings: list[dict[str, Any]] = json.loads(reply.body)["results"]["bindings"]
    return bindings


def refused(reply: Reply, status: int | tuple[int, ...], *words: str) -> None:
    """A clear 4xx: the status, a plain message naming the problem, quickly, nothing leaked."""
    assert reply.status in ((status,) if isinstance(status, int) else status), (reply.status, reply.text[:300])
    for word in words:
        assert word in reply.text, (word, reply.text[:300])
    assert not any(leak in reply.text for leak in LEAKS), reply.text[:300]
    assert reply.seconds < SLACK, reply.seconds


def answers_next(url: str) -> None:
    """The server is up and its query workers answer."""
    reply = get(url, "ASK { ?s ?p ?o }")
    assert reply.status == 200 and json.loads(reply.body)["boolean"] is True, (reply.status, reply.text[:300])


class Canary:
    """A TCP listener on loopback that nothing should ever connect to; connections wait in its backlog."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.sock.setblocking(False)
        self.port = self.sock.getsockname()[1]
        self.hits: list[tuple[str, int]] = []

    def url(self, path: str = "canary") -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def connections(self) -> list[tuple[str, int]]:
        """Every connection made so far (a completed TCP handshake sits in the backlog until accepted)."""
        while True:
            try:
                conn, addr = self.sock.accept()
            except BlockingIOError:
                return self.hits
            conn.close()
            self.hits.append(addr)


class _Html(HTMLParser):
    """Tags with their attributes and the text inside each script a browser would run."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script" and dict(attrs).get("type") != "application/json"  # data, not code
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def executes_nothing_injected(html: str) -> None:
    """No injected script, event handler attribute, image from the payloads or javascript: link."""
    page = _Html(html)
    assert not any("alert(" in s for s in page.scripts), page.scripts
    for tag, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not any((value or "").strip().lower().startswith("javascript:") for value in attrs.values()), attrs
        assert not (tag == "img" and attrs.get("src") == "x"), attrs
        assert not (tag == "script" and not attrs.get("src") and attrs.get("type") != "application/json"), attrs


# --- fixtures --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory, sample_store: str, extractor: Any) -> str:
    """The sample store plus XSS_ARTICLE, ingested by `kg ingest` (as the `kg` fixture runs it)."""
    root = tmp_path_factory.mktemp("hostile")
    store = root / "store"
    shutil.copytree(sample_store, store)
    source = root / "xss.jsonl"
    source.write_text(json.dumps(XSS_ARTICLE, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(source), "--store", str(store)], obj={"extractor": extractor},
                                catch_exceptions=False)
    assert result.exit_code == 0 and "1 stored" in result.output, result.output
    return str(store)


@pytest.fixture(scope="module")
def server(hostile_store: str) -> Iterator[str]:
    with serve_store(hostile_store, "--query-timeout", str(TIMEOUT), "--max-rows", str(MAX_ROWS),
                     "--query-workers", "2") as url:
        yield url


@pytest.fixture(scope="module")
def canary() -> Iterator[Canary]:
    c = Canary()
    yield c
    c.sock.close()


# --- 3. hostile SPARQL: no outbound connection -----------------------------------------------
def test_service_to_loopback_is_refused_and_never_connects(server: str, canary: Canary) -> None:
    for query in (f"SELECT * {{ SERVICE <{canary.url()}> {{ ?s ?p ?o }} }}",
                  f"SELECT * {{ VALUES ?u {{ <{canary.url()}> }} SERVICE SILENT ?u {{ ?s ?p ?o }} }}",
                  f"PREFIX c: <{canary.url('')}> SELECT * {{ SERVICE c:x {{ ?s ?p ?o }} }}"):
        refused(post(server, query.encode()), 400, "SERVICE")
    assert canary.connections() == []
    answers_next(server)


# Ways to hide SERVICE from a lexer that does not split the text exactly as the engine does; each
# one made the engine connect to the canary before the guard learnt them.
HIDDEN_SERVICE = {
    "less-than-read-as-iri": "SELECT * {{ BIND(0 AS ?a) FILTER(?a<1)SERVICE#>\n<{url}> {{ ?s ?p ?o }} }}",
    "comment-ended-by-cr": "SELECT * {{ # a comment\rSERVICE <{url}> {{ ?s ?p ?o }} }}",
    "escaped-hash-in-name": "PREFIX ex: <http://e/> SELECT * {{ BIND(ex:a\\#b AS ?x) SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "escaped-iri": "SELECT * {{ BIND(<http://e/\\u0041#x> AS ?x) SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "keyword-glued-to-name": "PREFIX x: <{url}> SELECT * {{ SERVICEx:y {{ ?s ?p ?o }} }}",
    "keyword-glued-to-silent": "SELECT * {{ VALUES ?v {{ <{url}> }} SERVICESILENT ?v {{ ?s ?p ?o }} }}",
}


@pytest.mark.parametrize("trick", HIDDEN_SERVICE)
def test_service_hidden_from_a_naive_lexer_is_refused_and_never_connects(server: str, canary: Canary,
                                                                         trick: str) -> None:
    reply = post(server, HIDDEN_SERVICE[trick].format(url=canary.url()).encode())
    refused(reply, 400)
    assert canary.connections() == []
    answers_next(server)


def test_from_and_from_named_on_loopback_answer_over_local_data_only(server: str, canary: Canary) -> None:
    for query in (f"SELECT * FROM <{canary.url()}> {{ ?s ?p ?o }}",
                  f"SELECT * FROM NAMED <{canary.url()}> {{ GRAPH ?g {{ ?s ?p ?o }} }}"):
        assert rows(get(server, query)) == []  # the store has no such graph: nothing was fetched
    assert canary.connections() == []
    answers_next(server)


def test_cloud_metadata_address_is_never_fetched(server: str) -> None:
    metadata = "http://169.254.169.254/latest/meta-data/"
    refused(get(server, f"SELECT * {{ SERVICE <{metadata}> {{ ?s ?p ?o }} }}"), 400, "SERVICE")
    assert rows(get(server, f"SELECT * FROM <{metadata}> {{ ?s ?p ?o }}")) == []
    assert rows(get(server, f"SELECT * FROM NAMED <{metadata}> {{ GRAPH ?g {{ ?s ?p ?o }} }}")) == []
    answers_next(server)


def test_file_iris_are_never_read(server: str) -> None:
    passwd = "file:///etc/passwd"
    refused(get(server, f"SELECT * {{ SERVICE <{passwd}> {{ ?s ?p ?o }} }}"), 400, "SERVICE")
    for query in (f"SELECT * FROM <{passwd}> {{ ?s ?p ?o }}", f"SELECT * FROM NAMED <{passwd}> {{ GRAPH ?g {{ ?s ?p ?o }} }}",
                  f"DESCRIBE <{passwd}>"):
        reply = get(server, query, accept="*/*")
        assert reply.status == 200 and not any(leak in reply.text for leak in LEAKS), reply.text[:300]
    answers_next(server)


def test_load_is_refused_by_every_route(server: str, canary: Canary) -> None:
    for source in (canary.url(), "file:///etc/passwd"):
        load = f"LOAD <{source}> INTO GRAPH <urn:probe>"
        refused(get(server, load), 400, "read-only")
        refused(post(server, f"update={urllib.parse.quote(load)}".encode(), FORM), 403, "read-only")
        refused(post(server, load.encode(), "application/sparql-update"), 403, "read-only")
    assert canary.connections() == []
    assert rows(get(server, "SELECT * { GRAPH <urn:probe> { ?s ?p ?o } }")) == []
    answers_next(server)


def _seccomp() -> bool:
    status = Path("/proc/self/status")
    return sys.platform.startswith("linux") and status.is_file() and "Seccomp:" in status.read_text()


def test_query_workers_cannot_open_network_sockets(hostile_store: str, canary: Canary) -> None:
    """The kernel keeps workers off the network even for a SERVICE the guard would not see."""
    if not _seccomp():
        pytest.skip("the network filter is Linux seccomp")
    pool = QueryPool(hostile_store, 1, 20.0)
    try:
        answer = pool.run(Job(f"SELECT * {{ SERVICE <{canary.url()}> {{ ?s ?p ?o }} }}", "SELECT", JSON, 10))
        assert answer.status >= 400 and b"ermission denied" in answer.body, answer.body
        assert canary.connections() == []
        assert pool.run(Job("ASK {}", "ASK", JSON, 10)).status == 200
    finally:
        pool.close()


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while the listing was read
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _server_pid(store: str) -> int:
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue  # the process ended while the listing was read
        if b"serve" in args and store.encode() in args:
            return int(cmdline.parent.name)
    raise AssertionError(f"no kg serve process on {store}")


def test_query_workers_of_the_real_server_run_confined(server: str, hostile_store: str) -> None:
    if not _seccomp():
        pytest.skip("the network filter is Linux seccomp (and this test reads /proc)")
    answers_next(server)  # at least one worker is running
    workers = [p for p in _children(_server_pid(hostile_store))
               if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes()]
    assert workers
    for pid in workers:
        assert re.search(r"^Seccomp:\s+2$", Path(f"/proc/{pid}/status").read_text(), re.MULTILINE), pid
        limit = re.search(r"^Max data size\s+(\S+)", Path(f"/proc/{pid}/limits").read_text(), re.MULTILINE)
        assert limit and limit.group(1) != "unlimited", pid


# --- 3. hostile SPARQL: nesting, chains, timeouts, memory ------------------------------------
def test_two_thousand_nested_brackets_are_refused(server: str) -> None:
    deep = "SELECT * WHERE " + "{ " * 2000 + "?s ?p ?o" + " }" * 2000
    refused(post(server, deep.encode()), 400, "nested too deeply")
    answers_next(server)


def test_two_thousand_nested_subselects_are_refused(server: str) -> None:
    deep = "SELECT * WHERE " + "{ SELECT * WHERE " * 2000 + "{ ?s ?p ?o }" + " }" * 2000
    refused(post(server, deep.encode()), 400, "nested too deeply")
    answers_next(server)


def test_deeply_nested_filter_expressions_are_refused(server: str) -> None:
    for expression in ("(" * 3000 + "1" + ")" * 3000, "!" * 5000 + "true", "-(" * 2000 + "1" + ")" * 2000):
        refused(post(server, f"ASK {{ FILTER({expression}) }}".encode()), 400, "nested too deeply")
    answers_next(server)


def test_deeply_nested_quoted_triples_are_refused(server: str) -> None:
    deep = "ASK { " + "<< ?s ?p " * 3000 + "?o" + " >>" * 3000 + " ?q ?r }"
    refused(post(server, deep.encode()), 400, "nested too deeply")
    answers_next(server)


def test_long_flat_chain_of_operators_is_answered_not_crashed(hostile_store: str) -> None:
    """5000 MINUS in a row recurse 5000 deep in the engine: past an 8 MB stack, not the workers' own."""
    pool = QueryPool(hostile_store, 1, 30.0)
    try:
        chain = "ASK { ?s ?p ?o " + "MINUS { ?s <http://e/p> ?o } " * 5000 + "}"
        answer = pool.run(Job(chain, "ASK", JSON, 10))
        assert answer.status == 200 and json.loads(answer.body)["boolean"] is True, answer.body
    finally:
        pool.close()


def test_cartesian_product_ends_by_the_timeout_with_503(server: str) -> None:
    six = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?p ?q ?r }"
    reply = get(server, six)
    refused(reply, 503, "timed out")
    assert TIMEOUT <= reply.seconds < TIMEOUT + SLACK
    answers_next(server)


def test_backtracking_regex_over_a_long_string_is_bounded_by_the_timeout(server: str) -> None:
    a = "a" * 5000
    query = (f'SELECT (COUNT(*) AS ?n) {{ VALUES ?x {{ "{a}" }} BIND(CONCAT(?x, ?x, ?x, ?x) AS ?s) '
             '?a ?b ?c . ?d ?e ?f FILTER(REGEX(?s, "(a+)+b")) }')
    reply = get(server, query)
    assert reply.status in (200, 503), reply.text[:300]
    if reply.status == 503:
        assert "timed out" in reply.text
    assert reply.seconds < TIMEOUT + SLACK
    answers_next(server)


def test_memory_hungry_query_is_stopped_by_the_worker_memory_cap(hostile_store: str) -> None:
    """A 500 MB string (REPLACE twice over 50 kB) passes a 256 MiB cap: the worker is stopped, not the machine."""
    pool = QueryPool(hostile_store, 1, 30.0, memory_limit=256 << 20)
    try:
        big = '"' + "a" * 50_000 + '"'
        bomb = f'SELECT (STRLEN(REPLACE(REPLACE({big}, "a", "{"b" * 100}"), "b", "{"c" * 100}")) AS ?n) {{}}'
        answer = pool.run(Job(bomb, "SELECT", JSON, 10))
        assert answer.status == 503 and b"memory" in answer.body, answer.body
        assert pool.run(Job("ASK {}", "ASK", JSON, 10)).status == 200
    finally:
        pool.close()


# --- 3. hostile SPARQL: LIMIT, OFFSET, sizes -------------------------------------------------
@pytest.mark.parametrize("limit", [str(2**63), str(2**64), "1" + "0" * 30])
def test_huge_limit_is_answered_with_capped_rows(server: str, limit: str) -> None:
    reply = get(server, f"SELECT * {{ ?s ?p ?o }} LIMIT {limit}")
    assert len(rows(reply)) == MAX_ROWS
    assert reply.headers["x-kg-rows"] == str(MAX_ROWS) and reply.headers["x-kg-truncated"] == "true"
    answers_next(server)


@pytest.mark.parametrize("offset", [str(2**63), "1" + "0" * 30])
def test_huge_offset_is_answered_with_no_rows(server: str, offset: str) -> None:
    reply = get(server, f"SELECT * {{ ?s ?p ?o }} OFFSET {offset} LIMIT {offset}")
    assert rows(reply) == [] and reply.headers["x-kg-truncated"] == "false"
    answers_next(server)


@pytest.mark.parametrize("clause", ["LIMIT -1", "OFFSET -5", "LIMIT -9223372036854775808"])
def test_negative_limit_and_offset_are_400(server: str, clause: str) -> None:
    refused(get(server, f"SELECT * {{ ?s ?p ?o }} {clause}"), 400, "non-negative")
    answers_next(server)


def test_one_megabyte_post_body_is_refused_quickly(server: str) -> None:
    # The app answers 413 on the declared length, before the body: the head alone gets the answer
    # (a client still sending would see its connection reset, and maybe lose the answer with it).
    for content_type in (SPARQL_QUERY, FORM):
        head = (f"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: {content_type}\r\n"
                f"Content-Length: {(1 << 20) + 1}\r\nConnection: close\r\n\r\n").encode()
        refused(fetch_raw(server, head), 413, "exceeds")
    # Under the request size limit but over max_query_chars: refused before any parser.
    refused(post(server, b"ASK {}" + b" " * 900_000), 400, "too long")
    answers_next(server)


def test_ten_kilobyte_get_query_is_answered(server: str) -> None:
    query = "SELECT ?x { VALUES ?x { " + " ".join(f'"{i:05d}"' for i in range(1200)) + " } }"
    target = "/sparql?" + urllib.parse.urlencode({"query": query})
    assert len(target) > 10_000
    reply = fetch(server, target, headers={"Accept": JSON})
    assert len(rows(reply)) == MAX_ROWS and reply.headers["x-kg-truncated"] == "true"
    answers_next(server)


def test_query_string_over_the_server_limits_is_refused(server: str) -> None:
    # The HTTP server (granian, hyper) refuses request targets over 64 KiB itself with 414, and
    # request heads of a megabyte with 431, both with an empty body, before the app sees them.
    reply = fetch(server, "/sparql?query=" + "ASK%20%7B%7D" + "%20" * 100_000, headers={"Accept": JSON})
    assert reply.status == 414 and not any(leak in reply.text for leak in LEAKS), reply.text[:300]
    parts = urllib.parse.urlsplit(server)
    with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 80), timeout=30) as s:
        try:
            s.sendall(b"GET /sparql?query=ASK%20%7B%7D HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 2_000_000
                      + b"\r\nConnection: close\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed before the whole head was sent
        assert s.recv(65536).startswith(b"HTTP/1.1 431 ")
    answers_next(server)


# --- 3. hostile SPARQL: encodings, parameters, Accept ----------------------------------------
def test_invalid_utf8_in_the_query_string_is_400(server: str) -> None:
    refused(fetch(server, "/sparql?query=ASK%20%7B%7D%FF%FE"), 400, "UTF-8")
    refused(fetch(server, "/sparql?query=ASK%20%7B%7D%ED%A0%80"), 400, "UTF-8")  # an encoded surrogate
    raw = fetch_raw(server, b"GET /sparql?query=ASK%20{\xff} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert raw.status == 400 and not any(leak in raw.text for leak in LEAKS), raw.text[:300]
    answers_next(server)


def test_invalid_utf8_in_the_body_is_400(server: str) -> None:
    refused(post(server, b'ASK { FILTER("\xff\xfe") }'), 400, "not valid UTF-8")
    refused(post(server, b'ASK { FILTER("\xc0\xaf") }'), 400, "not valid UTF-8")  # overlong encoding
    refused(post(server, b"query=ASK%20%7B%7D%FF", FORM), 400, "UTF-8")
    answers_next(server)


@pytest.mark.parametrize("charset", ["latin-1", "utf-16", "x-klingon"])
def test_odd_charsets_are_refused_with_415(server: str, charset: str) -> None:
    body = "ASK {}".encode("utf-16") if charset == "utf-16" else b"ASK {}"
    refused(post(server, body, f"{SPARQL_QUERY}; charset={charset}"), 415, "charset", "UTF-8")
    refused(post(server, b"query=ASK%20%7B%7D", f"{FORM}; charset={charset}"), 415, "charset")
    answers_next(server)


def test_two_query_parameters_are_400(server: str) -> None:
    refused(fetch(server, "/sparql?query=ASK%7B%7D&query=ASK%7B%7D"), 400, "more than one")
    refused(fetch(server, "/sparql?query=ASK%7B%7D", "POST", b"query=ASK%7B%7D", {"Content-Type": FORM}),
            400, "more than one")
    refused(fetch(server, "/sparql?query=ASK%7B%7D", "POST", b"ASK {}", {"Content-Type": SPARQL_QUERY}),
            400, "both")
    answers_next(server)


def test_query_plus_update_is_refused(server: str) -> None:
    refused(fetch(server, "/sparql?query=ASK%7B%7D&update=CLEAR%20ALL"), 403, "read-only")
    refused(post(server, b"query=ASK%7B%7D&update=CLEAR%20ALL", FORM), 403, "read-only")
    answers_next(server)


ABUSIVE_ACCEPT = {
    "100-kB-long": "text/csv;q=0.9," + "x" * 100_000,
    "thousands-of-ranges": ",".join(f"type{i}/sub{i};q=0.{i % 10}" for i in range(8000)),
    "q-NaN": "text/csv;q=NaN",
    "q-minus-one": "text/csv;q=-1, application/sparql-results+json;q=0.5",
    "q-huge": "text/csv;q=1e308",
    "malformed": ";;;,,,/;q=,text/,*/csv,;q=0.5=;",
    "control-character": "text/csv\x7f",  # not a valid header value: waitress itself answers 400
    "thousands-of-parameters": "text/csv;" + ";".join(f"p{i}=v" for i in range(5000)),
}


@pytest.mark.parametrize("kind", ABUSIVE_ACCEPT)
def test_abusive_accept_headers_get_a_normal_answer_or_406(server: str, kind: str) -> None:
    accept = ABUSIVE_ACCEPT[kind]
    for target in ("/sparql?query=SELECT%20*%20%7B%20?s%20?p%20?o%20%7D%20LIMIT%201", "/sparql",
                   "/id/person/vladimir-putin", "/search?q=poutine", "/", "/graph/entities", "/query"):
        reply = fetch(server, target, headers={"Accept": accept})
        assert reply.status in ((400,) if kind == "control-character" else (200, 303, 406)), (target, reply.status)
        assert reply.seconds < SLACK / 2, (target, reply.seconds)  # no slow parse
    answers_next(server)


# --- 4. hostile pages ------------------------------------------------------------------------
def test_markup_in_article_title_and_text_is_escaped(kg: Any, tmp_path: Path) -> None:
    from kg.config import Settings
    from kg.web import create_app

    source = tmp_path / "xss.jsonl"
    source.write_text(json.dumps(XSS_ARTICLE, ensure_ascii=False) + "\n", encoding="utf-8")
    store = str(tmp_path / "store")
    result = kg("ingest", str(source), "--store", store)
    assert result.exit_code == 0 and "1 stored" in result.output, result.output
    app = create_app(Settings(store=store))
    try:
        client = app.test_client()
        article = client.get("/id/article/xss'1")
        html = article.get_data(as_text=True)
        assert article.status_code == 200 and "&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt;" in html
        assert "&lt;img src=x onerror=alert(&#39;title-img&#39;)&gt;" in html
        assert "script-src 'none'" in article.headers["Content-Security-Policy"]
        for path in ("/id/article/xss'1", "/id/article/xss%271", "/", "/id/person/vladimir-putin",
                     "/id/state/russia", "/search?q=poutine"):
            page = client.get(path, headers={"Accept": "text/html"})
            assert page.status_code == 200 and page.mimetype == "text/html", path
            executes_nothing_injected(page.get_data(as_text=True))
        data = client.get("/id/article/xss%271?format=json")
        assert data.mimetype == "application/json" and data.headers["X-Content-Type-Options"] == "nosniff"
        assert (data.json or {}).get("title") == XSS_ARTICLE["title"]  # data formats carry the text as it is
    finally:
        app.extensions["kg"].close()


def test_markup_in_ids_and_query_parameters_is_escaped(server: str) -> None:
    payload = "\"'><script>alert(1)</script><img src=x onerror=alert(2)>"
    quoted = urllib.parse.quote(payload, safe="")
    for target in (f"/id/{quoted}", f"/id/person/{quoted}", f"/graph/{quoted}", f"/search?q={quoted}",
                   f"/query?query={quoted}", f"/query?query=%3C%2Ftextarea%3E{quoted}", f"/sparql?query={quoted}"):
        reply = fetch(server, target, headers={"Accept": "text/html"})
        assert reply.status < 500 and not any(leak in reply.text for leak in LEAKS), (target, reply.status)
        if reply.headers["content-type"].startswith("text/html"):
            executes_nothing_injected(reply.text)
        else:
            assert reply.headers.get("x-content-type-options") == "nosniff", (target, reply.headers)
    answers_next(server)


TRAVERSALS = [
    "/id/../../etc/passwd", "/id/%2e%2e/%2e%2e/etc/passwd", "/id/..%2f..%2fetc%2fpasswd",
    "/id/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/id/article/..%2f..%2f..%2fetc%2fpasswd.ttl", "/graph/../../etc/passwd",
    "/static/../kg/cli.py", "/static/%2e%2e/kg/cli.py", "/static/..%2fkg%2fcli.py", "/static/%2e%2e%2f%2e%2e%2fpyproject.toml",
    "/static/../../../../etc/passwd", "/static//etc/passwd", "/static/%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd",
    "/query/cookbook/..%2f..%2fkg%2fcli.rq", "/query/cookbook/%2e%2e.rq",
]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_path_traversal_never_serves_files(server: str, target: str) -> None:
    for accept in ("text/html", "text/plain", "text/turtle"):
        reply = fetch(server, target, headers={"Accept": accept})
        if reply.status == 308:  # `//` merged into `/`: the redirect stays here and leads nowhere
            location = urllib.parse.urlsplit(reply.headers["location"])
            assert location.netloc == urllib.parse.urlsplit(server).netloc, location
            reply = fetch(server, location.path, headers={"Accept": accept})
        assert reply.status in (400, 404, 406), (target, reply.status)
        assert not any(leak in reply.text for leak in LEAKS), (target, reply.text[:300])
    answers_next(server)


# Ids built to break a SPARQL string or IRI, or the request itself.
BREAKERS = ['x"y', "x>y", "x}y", "x{y", "x\\y", "x%0Ay", "x%0D%0ASet-Cookie:%20a=b", "x%00y", "%00", "x\\u0000y",
            "x\\u003Ey", "x\\U0000003E", "x%3E%20%7D%20%3B%20DROP%20ALL%20%3B%20%3Cy", "x%E2%80%A8y", "%FF%FE",
            "%C0%AF", "%ED%A0%80", "x#y", "x?y=1", "x%23y", "%2F%2F", ".", "..", "%2e"]
PREFIXES = ["/id/", "/id/person/", "/id/article/", "/article/", "/graph/", "/graph/article/"]
SUFFIXES = ["", ".ttl", ".jsonld"]


def _target(prefix: str, raw: str, suffix: str) -> str:
    """The id in the request line as written: escapes kept, characters IRIs forbid left raw."""
    return prefix + urllib.parse.quote(raw, safe="%/:@!$&'()*+,;=-._~?#\"<>{}\\|^`") + suffix


def _harmless(reply: Reply, target: str) -> None:
    assert reply.status in (200, 301, 303, 308, 400, 404, 406, 414), (target[:80], reply.status, reply.text[:200])
    assert not any(leak in reply.text for leak in LEAKS), (target[:80], reply.text[:300])
    assert reply.seconds < SLACK, (target[:80], reply.seconds)
    if reply.headers.get("content-type", "").startswith("text/html"):
        executes_nothing_injected(reply.text)


@pytest.mark.parametrize("raw", ["%00", "x%00y", "person/%00", "article/a%00.ttl", "x%00.jsonld"])
def test_nul_bytes_in_ids_are_harmless(server: str, raw: str) -> None:
    for prefix in ("/id/", "/graph/"):
        _harmless(fetch(server, prefix + raw, headers={"Accept": "text/html"}), prefix + raw)
    answers_next(server)


def test_very_long_ids_are_harmless(server: str) -> None:
    for prefix in PREFIXES:
        for suffix in SUFFIXES:
            target = prefix + "a" * 100_000 + suffix
            reply = fetch(server, target, headers={"Accept": "text/html"})
            _harmless(reply, target)
            assert reply.status in (400, 404, 414, 431), (prefix, suffix, reply.status)
    answers_next(server)


@pytest.mark.parametrize("raw", BREAKERS)
def test_ids_built_to_break_a_sparql_string_or_iri_are_harmless(server: str, raw: str) -> None:
    for prefix in PREFIXES:
        for suffix in SUFFIXES:
            target = _target(prefix, raw, suffix)
            _harmless(fetch(server, target, headers={"Accept": "text/html"}), target)
    answers_next(server)


def test_hostile_values_in_every_query_parameter_route(server: str) -> None:
    values = [*BREAKERS, "<script>alert(1)</script>", "a" * 100_000, "\\", '"""', "'''", "%"]
    for value in values:
        quoted = urllib.parse.quote(urllib.parse.unquote(value), safe="")
        for route in ("/search?q=", "/search?format=json&q=", "/query?query=", "/sparql?query="):
            reply = fetch(server, route + quoted, headers={"Accept": "text/html"})
            assert reply.status < 500 and not any(leak in reply.text for leak in LEAKS), (route, value[:40])
            if reply.headers.get("content-type", "").startswith("text/html"):
                executes_nothing_injected(reply.text)
    answers_next(server)


def test_no_outbound_connection_during_the_whole_sweep(server: str, hostile_store: str, canary: Canary) -> None:
    """Last in the module: nothing ever connected to the canary, and the server holds no outbound socket."""
    assert canary.connections() == []
    if Path("/proc/net/tcp").is_file():
        port = urllib.parse.urlsplit(server).port
        pid = _server_pid(hostile_store)
        for local, remote in _tcp_connections([pid, *_children(pid)]):
            assert local == port or remote == 0, f"outbound connection from port {local} to port {remote}"
    answers_next(server)


def _tcp_connections(pids: list[int]) -> list[tuple[int, int]]:
    """(local port, remote port) of the TCP sockets the processes hold (remote 0: listening)."""
    inodes = set()
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").glob("*"):
            try:
                target = fd.readlink().as_posix()
            except OSError:
                continue  # closed while the listing was read
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    out = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).is_file():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[9] in inodes:
                out.append((int(fields[1].rsplit(":", 1)[1], 16), int(fields[2].rsplit(":", 1)[1], 16)))
    return out
