"""Hostile input to `kg load` and `kg ingest`: one line naming the file, exit 2, bounded
memory and time, the rest of the batch goes on, and nothing already stored is lost."""
from __future__ import annotations

import json
import random
import resource
import socket
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kg.errors import InputError
from kg.ingest import read_articles
from kg.ingest.readers import MAX_TEXT_CHARS, MAX_URL_CHARS
from kg.model import Article

RDF_NS = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex.org/"'
GOOD_NT = '<http://ex.org/kept> <http://ex.org/p> "already stored" .\n'
ARTICLE = {"id": "hostile-ok", "title": "La Russie et la Chine signent un accord", "lang": "fr",
           "published": "2020-01-10", "text": "La Russie et la Chine ont signé un accord à Pékin."}


def rdfxml(doctype: str, value: str = "&x;") -> str:
    return (f'<?xml version="1.0"?>\n{doctype}\n<rdf:RDF {RDF_NS}>\n'
            f'<rdf:Description rdf:about="http://ex.org/a"><ex:p>{value}</ex:p></rdf:Description>\n</rdf:RDF>\n')


def billion_laughs(levels: int = 10) -> str:
    """Each entity is ten of the one before: &lol10; is 10^10 "lol"s (30 GB) once expanded."""
    ents = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels + 1)]
    return rdfxml("<!DOCTYPE rdf:RDF [\n" + "\n".join(ents) + "\n]>", f"&lol{levels};")


@pytest.fixture()
def canary() -> Iterator[tuple[int, Any]]:
    """A listening socket on loopback; `connected()` tells whether anything ever connected to it."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)

    def connected() -> bool:
        srv.settimeout(0.5)
        try:
            conn, _ = srv.accept()
        except TimeoutError:
            return False
        conn.close()
        return True
    try:
        yield srv.getsockname()[1], connected
    finally:
        srv.close()


def kg_load(store: Path, *files: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`kg load` in a process limited to 1 GB of memory and `timeout` seconds (the parse cannot be cancelled)."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    return subprocess.run([sys.executable, "-m", "kg.cli", "load", *map(str, files), "--store", str(store)],
                          check=False, capture_output=True, text=True, timeout=timeout,
                          preexec_fn=limit)


def stored(store: Path) -> set[str]:
    return {str(q) for q in ox.Store.read_only(str(store))}


def test_rdfxml_entities_are_refused_and_nothing_is_fetched(tmp_path: Path, canary: tuple[int, Any]) -> None:
    port, connected = canary
    store = tmp_path / "store"
    ox_store = ox.Store(str(store))
    ox_store.load(GOOD_NT.encode(), format=ox.RdfFormat.N_TRIPLES)
    del ox_store
    before = stored(store)
    files = {
        "laughs.rdf": billion_laughs(),
        "passwd.rdf": rdfxml('<!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "file:///etc/passwd">]>'),
        "http.rdf": rdfxml(f'<!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "http://127.0.0.1:{port}/x">]>'),
        "param.rdf": rdfxml(f'<!DOCTYPE rdf:RDF [<!ENTITY % p SYSTEM "http://127.0.0.1:{port}/p"> %p;]>', "v"),
        "context.jsonld": json.dumps({"@context": f"http://127.0.0.1:{port}/ctx", "@id": "http://ex.org/a",
                                      "p": "v"}),
        # An external DTD is never read (so it is harmless) and the file loads.
        "dtd.rdf": rdfxml(f'<!DOCTYPE rdf:RDF SYSTEM "http://127.0.0.1:{port}/dtd">', "plain"),
        "deep.rdf": (f'<rdf:RDF {RDF_NS}><rdf:Description rdf:about="http://ex.org/d">'
                     + "<ex:p><rdf:Description>" * 50_000 + "</rdf:Description></ex:p>" * 50_000
                     + "</rdf:Description></rdf:RDF>"),
        "good.nt": '<http://ex.org/new> <http://ex.org/p> "loaded" .\n',
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")

    start = time.monotonic()
    r = kg_load(store, *(tmp_path / name for name in files))
    took = time.monotonic() - start

    assert r.returncode == 2, (r.returncode, r.stderr[-2000:])
    errors = r.stderr.splitlines()
    refused = ["laughs.rdf", "passwd.rdf", "http.rdf", "param.rdf", "context.jsonld", "deep.rdf"]
    assert len(errors) == len(refused), errors
    for name, line in zip(refused, errors):
        assert line.startswith(f"kg: error: {tmp_path / name}"), (name, line)
    for line in errors[:4]:
        assert "entity" in line and "refused" in line, line
    assert "remote context" in errors[4] or "LoadDocumentCallback" in errors[4], errors[4]
    assert "nested deeper than" in errors[5], errors[5]
    assert "root:" not in r.stdout + r.stderr
    assert f"{tmp_path / 'dtd.rdf'}: 1 quads added" in r.stdout
    assert f"{tmp_path / 'good.nt'}: 1 quads added" in r.stdout
    assert took < 30, took  # refused before any expansion (unguarded, 20 000 levels alone take 15 s)
    assert not connected(), "something fetched a URL named in the input"
    after = stored(store)
    assert before <= after and len(after) == len(before) + 2
    assert not any("lol" in q or "root:" in q for q in after)


def test_load_refuses_empty_and_binary_files(tmp_path: Path) -> None:
    store = tmp_path / "store"
    (tmp_path / "empty.ttl").write_bytes(b"")
    (tmp_path / "empty.rdf").write_bytes(b"")
    (tmp_path / "noise.ttl").write_bytes(random.Random(7).randbytes(4096))
    (tmp_path / "noise.rdf").write_bytes(random.Random(8).randbytes(4096))
    (tmp_path / "good.nt").write_text(GOOD_NT)
    names = ["empty.ttl", "empty.rdf", "noise.ttl", "noise.rdf", "good.nt"]
    r = kg_load(store, *(tmp_path / n for n in names))
    assert r.returncode == 2
    errors = r.stderr.splitlines()
    assert len(errors) == 4, errors
    for name, line in zip(names, errors):
        assert line.startswith(f"kg: error: {tmp_path / name}:"), line
    assert "empty file" in errors[0] and "empty file" in errors[1]
    assert "not valid Turtle" in errors[2] and "not well-formed XML" in errors[3]
    assert f"{tmp_path / 'good.nt'}: 1 quads added" in r.stdout
    assert stored(store) == {'<http://ex.org/kept> <http://ex.org/p> "already stored"'}


def hostile_files(tmp_path: Path) -> dict[str, Path]:
    """One of each hostile article input, by what it is."""
    big = tmp_path / "huge.txt"  # 50 MB of real text
    with big.open("w", encoding="utf-8") as f:
        f.write("Un article énorme\n\n")
        line = "Le ministre a rencontré son homologue à Lyon pour parler de coopération.\n"
        for _ in range(50_000_000 // len(line.encode("utf-8")) + 1):
            f.write(line)
    long_text = tmp_path / "long.jsonl"  # under the file limit, one record too long to extract
    long_text.write_text(json.dumps(dict(ARTICLE, id="long", text="Le ministre parle. " * (MAX_TEXT_CHARS // 19 + 1)))
                         + "\n", encoding="utf-8")
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(random.Random(3).randbytes(100_000))
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    nested = tmp_path / "nested.json"
    nested.write_text("[" * 100_000)
    nested_line = tmp_path / "deep-line.jsonl"
    nested_line.write_text('{"id": "n", "title": "T", "text": "x", "extra": ' + "[" * 100_000 + "\n")
    return {"50 MB": big, "too long": long_text, "binary": binary, "empty": empty, "nested": nested,
            "nested line": nested_line}


def test_hostile_articles_are_refused_in_bounded_memory(tmp_path: Path) -> None:
    files = hostile_files(tmp_path)
    tracemalloc.start()
    try:
        items = list(read_articles(list(files.values())))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert all(isinstance(i, InputError) for i in items) and len(items) == len(files), items
    assert peak < 10_000_000, peak  # the 50 MB file is never read; the rest is refused as it is read
    text = [str(i) for i in items]
    assert "file too large" in text[0]
    assert "article text too long" in text[1] and f"{files['too long']}:1" in text[1]
    assert "binary file" in text[2] or "not valid UTF-8" in text[2]
    assert "empty file" in text[3]
    assert "nested too deeply" in text[4] and "nested too deeply" in text[5]


def test_hostile_articles_fail_one_line_each_and_the_batch_goes_on(kg: Any, tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = tmp_path / "first.jsonl"
    first.write_text(json.dumps(ARTICLE, ensure_ascii=False) + "\n", encoding="utf-8")
    assert kg("ingest", str(first), "--store", str(store)).exit_code == 0
    before = stored(store)
    (tmp_path / "in").mkdir()
    files = hostile_files(tmp_path / "in")
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(dict(ARTICLE, id="hostile-ok-2"), ensure_ascii=False) + "\n", encoding="utf-8")

    start = time.monotonic()
    r = kg("ingest", *(str(p) for p in files.values()), str(good), "--store", str(store))
    took = time.monotonic() - start

    assert r.exit_code == 2, r.output
    assert f"1 stored, 0 quarantined, {len(files)} failed" in r.stdout
    errors = r.stderr.splitlines()
    assert len(errors) == len(files), errors
    for path in files.values():
        assert sum(str(path) in line for line in errors) == 1, (path, errors)
    assert took < 60, took
    after = stored(store)
    # Nothing lost, the good article added (the read summary's counts move with it: left out).
    summary = "<https://w3id.org/newskg/graph/summary>"
    assert {q for q in before if not q.endswith(summary)} < {q for q in after if not q.endswith(summary)}
    assert any("hostile-ok-2" in q for q in after)


def test_article_text_limit_is_exact(tmp_path: Path) -> None:
    def record(n: int) -> dict[str, str]:
        return dict(ARTICLE, title="T", text="T\n\n" + "x" * (n - 3))
    src = tmp_path / "edge.jsonl"
    src.write_text(json.dumps(record(MAX_TEXT_CHARS)) + "\n" + json.dumps(record(MAX_TEXT_CHARS + 1)) + "\n")
    at_limit, over = read_articles(src)
    assert isinstance(at_limit, Article) and len(at_limit.text) == MAX_TEXT_CHARS
    assert isinstance(over, InputError) and "too long" in str(over) and f"{src}:2" in str(over)
    txt = tmp_path / "edge.txt"
    txt.write_text("T\n\n" + "x" * (MAX_TEXT_CHARS - 2) + "\nedge-1\n")
    (item,) = read_articles(txt)
    assert isinstance(item, InputError) and "too long" in str(item) and str(txt) in str(item)


def test_a_huge_url_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "url.jsonl"
    src.write_text(json.dumps(dict(ARTICLE, url="https://ex.org/" + "a" * MAX_URL_CHARS)) + "\n"
                   + json.dumps(dict(ARTICLE, url="https://ex.org/" + "a" * 100)) + "\n")
    over, fine = read_articles(src)
    assert isinstance(over, InputError) and "'url' is longer than" in str(over) and f"{src}:1" in str(over)
    assert isinstance(fine, Article)
