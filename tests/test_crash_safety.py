"""Crash safety: `kill -9` during an ingest leaves every article wholly there or absent.

Both tests kill a real process with SIGKILL, reopen the store it was writing and check it.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib
from rdflib.compare import isomorphic

BASE = "https://w3id.org/newskg/"
ARTICLE_GRAPH = f"{BASE}graph/article/"
SUMMARY = f"{BASE}graph/summary"
KG = f"{BASE}ontology#"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
ENTITIES = f"{BASE}graph/entities"
ONTOLOGY = "https://w3id.org/newskg/ontology"
MENTIONED_IN = "https://w3id.org/newskg/ontology#mentionedIn"
TEXT = "https://w3id.org/newskg/ontology#text"
IDENTIFIER = "http://purl.org/dc/terms/identifier"
DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
N_ARTICLES = 200

FIRST = ["Amélie", "Bastien", "Céline", "Damien", "Élodie", "Fabrice", "Gaëlle", "Hugo", "Inès", "Julien"]
LAST = ["Carvalec", "Dubroc", "Ferrandon", "Garnetier", "Hollevin", "Jourdaix", "Lambrecq", "Morvennec",
        "Noirclerc", "Perrichon"]
BODIES = ["la Fédération des Meuniers", "l'Union des Tisserands", "le Syndicat des Horlogers",
          "l'Association des Potiers"]
CITIES = ["Lyon", "Nantes", "Rennes", "Dijon", "Grenoble"]


def synthetic(i: int) -> dict[str, str]:
    """An invented French news item: a post, a meeting, an agreement."""
    a = f"{FIRST[i % 10]} {LAST[(i // 10) % 10]}"
    b = f"{FIRST[(i + 3) % 10]} {LAST[(i // 10 + 4) % 10]}"
    text = (f"{a}, président de {BODIES[i % 4]}, a rencontré {b} à {CITIES[i % 5]} le {1 + i % 27} mars. "
            "Les deux dirigeants ont signé un accord de coopération.")
    return {"id": f"crash-{i:04d}", "title": f"Rencontre à {CITIES[i % 5]} numéro {i}", "text": text,
            "lang": "fr", "published": "2021-04-01"}


def quads_by_graph(store: ox.Store) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for q in store:
        g = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
        out.setdefault(g, set()).add(f"{q.subject} {q.predicate} {q.object}")
    return out


def as_rdflib(triples: set[str]) -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(data="".join(t + " .\n" for t in triples), format="nt")
    return g


def kill_when(proc: subprocess.Popen[Any], log: Path, ready: Any, timeout: float) -> None:
    """SIGKILL `proc` as soon as `ready(log text)` holds (or fail after `timeout` seconds)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if ready(log.read_text(encoding="utf-8", errors="replace")):
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(10)
            return
        time.sleep(0.02)
    proc.kill()
    proc.wait(10)
    raise AssertionError(f"the process never got there (exit {proc.returncode}): {log.read_text()[-2000:]}")


def test_kill_9_during_ingest_leaves_whole_articles_and_a_rerun_completes(kg: Any, tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps(synthetic(i), ensure_ascii=False) + "\n" for i in range(N_ARTICLES)),
                     encoding="utf-8")

    # What one uninterrupted ingest of the batch gives.
    reference = tmp_path / "reference"
    r = kg("ingest", str(batch), "--store", str(reference))
    assert r.exit_code == 0 and f"{N_ARTICLES} stored, 0 quarantined" in r.stdout, r.output
    ref = quads_by_graph(ox.Store.read_only(str(reference)))
    assert not any("_:" in t for g, ts in ref.items() if g != ONTOLOGY for t in ts)  # plain equality is exact

    # The same batch in a real `kg ingest` process, killed with SIGKILL part way.
    crashed = tmp_path / "crashed"
    log = tmp_path / "ingest.log"
    with log.open("w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "ingest", str(batch), "--store", str(crashed),
                                 "--progress"], stdout=subprocess.DEVNULL, stderr=err)
        # "ingesting 50/200" is printed before article 50 is read: 49 are stored by then.
        kill_when(proc, log, lambda text: f"ingesting {N_ARTICLES // 4}/" in text, timeout=120)
    assert proc.returncode == -signal.SIGKILL

    store = ox.Store(str(crashed))  # reopens (the lock died with the process)
    got = quads_by_graph(store)
    articles = {g for g in got if g.startswith(ARTICLE_GRAPH)}
    assert N_ARTICLES // 4 - 1 <= len(articles) < N_ARTICLES, len(articles)
    for g in articles:  # each article graph is exactly what the uninterrupted ingest wrote
        assert got[g] == ref[g], g
    present = {f"<{BASE}id/article/{g[len(ARTICLE_GRAPH):]}>" for g in articles}
    for g in articles:
        node = f"<{BASE}id/article/{g[len(ARTICLE_GRAPH):]}>"
        assert any(t.startswith(f"{node} <{IDENTIFIER}>") for t in got[g]), g
        assert any(t.startswith(f"{node} <{TEXT}>") for t in got[g]), g
        for t in got[g]:  # every fact and mention node points back to this article
            _, pred, obj = t.split(" ", 2)
            if pred == f"<{DERIVED}>":
                assert obj == node, t
    # The read summary counts exactly the articles that are whole in the store (it is written in
    # each article's own transaction): articles per entity, and the number of articles.
    linked = [t.split(" ", 2) for g in articles for t in got[g] if t.split(" ", 2)[1] == f"<{MENTIONED_IN}>"]
    counted = {t.split(" ")[0]: int(t.split('"')[1]) for t in got[SUMMARY] if f"<{KG}articleCount>" in t}
    assert counted == dict(Counter(entity for entity, _, _ in linked))
    assert f'<{KG}Article> <{KG}instanceCount> "{len(articles)}"^^<{XSD_INTEGER}>' in got[SUMMARY]
    # No entity description or mention without the article that mentions it.
    assert got[ENTITIES] <= ref[ENTITIES]
    mentions = [t.split(" ", 2) for ts in got.values() for t in ts if t.split(" ", 2)[1] == f"<{MENTIONED_IN}>"]
    assert all(article in present for _, _, article in mentions)
    referenced = {entity for entity, _, _ in mentions}
    # a post node (org:Post) is described for the memberships that name it (kg:post), not mentioned
    referenced |= {t.split(" ", 2)[2] for g in articles for t in got[g] if t.split(" ", 2)[1] == f"<{KG}post>"}
    described = {t.split(" ")[0] for t in got[ENTITIES]}
    assert described <= referenced, sorted(described - referenced)[:5]
    assert set(got) <= set(ref)  # no quarantine records, no stray graphs
    assert isomorphic(as_rdflib(got[ONTOLOGY]), as_rdflib(ref[ONTOLOGY]))
    del store

    # Running the batch again completes, and the store is what one clean ingest gives.
    r = kg("ingest", str(batch), "--store", str(crashed))
    assert r.exit_code == 0 and f"{N_ARTICLES} stored, 0 quarantined, 0 failed" in r.stdout, r.output
    final = quads_by_graph(ox.Store.read_only(str(crashed)))
    assert set(final) == set(ref)
    for g in ref:
        if g == SUMMARY:  # the same counts; only the revision differs (it counts writes, here more)
            assert {t for t in final[g] if "#revision>" not in t} == {t for t in ref[g] if "#revision>" not in t}
        elif g != ONTOLOGY:
            assert final[g] == ref[g], g
    assert isomorphic(as_rdflib(final[ONTOLOGY]), as_rdflib(ref[ONTOLOGY]))


WRITER = textwrap.dedent("""
    import sys
    import time
    from kg.store import open_store

    location, size = sys.argv[1], int(sys.argv[2])
    with open_store(location) as store:
        for v in range(1, 1000):
            facts = "".join(f'<http://ex.org/s{i}> <http://ex.org/version> "{v}" .\\n' for i in range(size))
            store.replace_graphs([("http://ex.org/article", facts)],
                                 additions=[("http://ex.org/entities", f'<http://ex.org/e{v}> <http://ex.org/in> "{v}" .')])
            print(f"committed {v} {time.monotonic()}", file=sys.stderr, flush=True)
""")


def versions(store: ox.Store, graph: str) -> Iterator[str]:
    for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
        assert isinstance(q.object, ox.Literal)
        yield q.object.value


def test_kill_9_during_a_large_graph_replacement_keeps_one_whole_version(tmp_path: Path) -> None:
    """The writer replaces a 15 000-triple graph again and again; it is killed half way through one."""
    size = 15_000
    location = tmp_path / "store"
    log = tmp_path / "writer.log"

    def commits() -> list[tuple[int, float]]:
        return [(int(w[1]), float(w[2])) for w in (line.split() for line in log.read_text().splitlines())
                if len(w) == 3 and w[0] == "committed"]
    with log.open("w") as err:
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(location), str(size)],
                                stdout=subprocess.DEVNULL, stderr=err)
        try:
            deadline = time.monotonic() + 60
            while len(commits()) < 2 and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.02)
            done = commits()
            assert len(done) >= 2, f"the writer did not get going: {log.read_text()[-2000:]}"
            # Half a replacement after the last commit (timed by the two before): inside the next one.
            cycle = done[-1][1] - done[-2][1]
            time.sleep(max(0.0, min(done[-1][1] + cycle / 2 - time.monotonic(), 5.0)))
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(10)
    committed = commits()[-1][0]
    store = ox.Store(str(location))
    facts = list(versions(store, "http://ex.org/article"))
    assert len(facts) == size, len(facts)  # never a half-written or dropped graph
    (version,) = set(facts)  # one version, whole
    assert int(version) in (committed, committed + 1)  # the kill may land between commit and print
    entities = sorted(int(v) for v in versions(store, "http://ex.org/entities"))
    assert entities == list(range(1, int(version) + 1))  # the additions went with their graph, or not at all
