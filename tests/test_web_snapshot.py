"""What a read-only handle keeps, and pages that are the same bytes in every server process."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from kg.rdf.vocab import KG, SKOS
from kg.store import open_store
from kg.store.summary import Summary, read_counts

BASE = "https://w3id.org/newskg/"
ROOT = Path(__file__).resolve().parent.parent


def _article(n: int, entity: str) -> tuple[str, str]:
    a = f"<{BASE}id/article/snap-{n}>"
    nt = (f"{a} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{KG.Article}> .\n"
          f'{a} <http://purl.org/dc/terms/issued> "2021-03-0{n + 1}"^^<http://www.w3.org/2001/XMLSchema#date> .\n'
          f"<{entity}> <{KG.mentionedIn}> {a} .\n")
    return f"{BASE}graph/article/snap-{n}", nt


class Counting:
    """A store whose queries are counted (and otherwise passed on)."""

    def __init__(self, store: Any) -> None:
        self.store, self.queries = store, 0

    def query(self, sparql: str, **kw: Any) -> Any:
        self.queries += 1
        return self.store.query(sparql, **kw)

    def kept(self, key: Any, compute: Any) -> Any:
        return self.store.kept(key, compute)


def test_a_read_only_handle_keeps_the_summary_counts_and_a_writer_reads_them_anew(tmp_path: Path) -> None:
    entity = f"{BASE}id/state/ruritania"
    where = str(tmp_path / "store")
    with open_store(where) as writer:
        writer.replace_graphs([_article(0, entity)], summary=Summary(BASE))
        first = read_counts(writer, BASE)
        assert first is not None and first[1][str(KG.Article)] == 1
        reader = open_store(where, read_only=True)
        counting = Counting(reader)
        assert read_counts(counting, BASE) == first and counting.queries == 1
        writer.replace_graphs([_article(1, entity)], summary=Summary(BASE))
        # The writer sees its write at once; the reader's handle is a snapshot, read once
        after = read_counts(writer, BASE)
        assert after is not None and after[1][str(KG.Article)] == 2 and after[0] > first[0]
        assert read_counts(counting, BASE) == first and counting.queries == 1
        writer.flush()
        # A handle opened after the write (what `kg serve` does when the store's version moves) reads it
        with open_store(where, read_only=True) as later:
            assert read_counts(later, BASE) == after
        reader.close()


def test_pages_read_the_summary_counts_and_dates_once_per_handle(sample_store: str) -> None:
    from kg.web.entity import entity_view
    from kg.web.views import Linker, home_view

    with open_store(sample_store, read_only=True) as store:
        seen: list[str] = []
        original = store.query

        def query(sparql: str, **kw: Any) -> Any:
            seen.append(sparql)
            return original(sparql, **kw)

        store.query = query  # type: ignore[method-assign]
        for iri in ("id/state/russia", "id/person/nikolai-patrushev"):
            entity_view(store, Linker(BASE, ""), BASE + iri, kind=None)
        assert sum(f"<{KG.instanceCount}>" in q for q in seen) == 1
        assert sum("wasGeneratedBy" in q for q in seen) == 1
        # The home page's latest articles start from the summary's latest publication date, also kept
        for _ in range(2):
            home_view(store, None, Linker(BASE, ""))
        assert sum(f"<{KG.latestIssued}>" in q for q in seen) == 1


def test_aliases_that_differ_only_in_case_come_in_one_order(tmp_path: Path) -> None:
    """Case-folded order, ties by the text: not the order of a set, which differs between processes."""
    from kg.web.entity import entity_view
    from kg.web.views import Linker

    entity = f"{BASE}id/state/ruritania"
    forms = ["ruritanien", "Ruritanien", "RURITANIEN", "Ruritanie"]
    with open_store(str(tmp_path / "store")) as store:
        nt = "".join(f'<{entity}> <{SKOS.altLabel}> "{f}"@fr .\n' for f in forms)
        store.replace_graphs([(f"{BASE}graph/article/alias", nt + f"<{entity}> <{KG.mentionedIn}> <{BASE}id/a> .\n")])
        page = entity_view(store, Linker(BASE, ""), entity)
    assert page["aliases"] == ["Ruritanie", "RURITANIEN", "Ruritanien", "ruritanien"]


SCRIPT = """
import hashlib, json, sys
import pyoxigraph as ox
from kg.config import Settings
from kg.web import create_app
store = sys.argv[1]
app = create_app(Settings(store=store, cache_size=0, query_workers=1))
client = app.test_client()
typed = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
handle = ox.Store.read_only(store)
paths = sorted({q.subject.value[len("https://w3id.org/newskg"):] for q in handle.quads_for_pattern(None, typed, None)
                if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith("https://w3id.org/newskg/id/")})
out = {}
for path in paths + ["/", "/search?q=russie", "/map", "/query", "/sparql"]:
    for accept in ("text/html", "application/json", "text/turtle"):
        r = client.get(path, headers={"Accept": accept})
        out[f"{path} {accept}"] = hashlib.sha1(r.data).hexdigest() + " " + r.headers.get("ETag", "")
app.extensions["kg"].close()
print(json.dumps(out))
"""


def test_every_page_is_the_same_bytes_whatever_the_process_string_hashing(sample_store: str) -> None:
    """`kg serve --processes N` runs N processes, each with its own string hashing (PYTHONHASHSEED): a
    page built from a set's order would differ between them, and so would its ETag, which a client
    then sends back to another process. Two hashings that ordered the samples' "français" and
    "Français" differently (the France page) must give the same bytes for every page, the service
    description included (its blank nodes were new ones each time)."""
    digests = []
    for seed in ("1", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", SCRIPT, sample_store], capture_output=True, text=True,
                              env=env, cwd=ROOT, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
        digests.append(json.loads(done.stdout.strip().splitlines()[-1]))
    assert len(digests[0]) > 600
    differ = sorted(k for k in digests[0] if digests[0][k] != digests[1].get(k))
    assert not differ, differ[:10]
