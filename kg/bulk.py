"""Ingest without a store, load later: `kg ingest --to DIR` and `kg load DIR`.

`kg ingest --to DIR` prepares articles as usual (extract, validate; any number of processes or
machines, each with its own DIR or sharing one) and writes what the writer would have stored, one
N-Quads file per article, instead of writing a store:

- `<name>.nq`, an article that conforms: its article graph and the entity descriptions it adds to
  the entities graph;
- `<name>.quarantine.nq`, an article that does not: its quarantine record (report and rejected graph);
- `ontology.nq`: the ontology graph, as `kg ingest` installs it.

Each file opens with one comment line, `# kg-article {json}` (or `# kg-ontology {json}`), naming the
article, its outcome, the base IRI and the number of quads that follow, so that a cut or altered file
is told from a whole one. The files are plain N-Quads otherwise: an engine's own bulk loader reads
them (the comment is skipped).

`kg load` reads such a file the way the writer of `kg ingest` stores an article (`Pipeline.commit`):
a conforming article replaces its article graph, adds its entity descriptions, drops its quarantine
record and updates the read summaries, in one update; a quarantine record replaces the article's
record and leaves a stored version alone. So loading a directory gives the quads of a normal ingest,
whatever the order of the files and however often it is loaded (only the quarantine record's
`dct:created` time and the summary's `kg:revision`, a count of writes, can differ).
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pyoxigraph as ox
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.config import Settings
from kg.errors import ConfigError, InputError
from kg.model import Article
from kg.pipeline import IngestSummary, Outcome, Pipeline, Prepared, _as_stored, _payload, nt, quarantine_record
from kg.rdf import iris
from kg.resources import ontology_path
from kg.store import Store
from kg.store.summary import Summary
from kg.store.summary import ensure as ensure_summary

ARTICLE_MARK = "# kg-article "
ONTOLOGY_MARK = "# kg-ontology "
FORMAT = 1
ONTOLOGY_FILE = "ontology.nq"
QUARANTINE_SUFFIX = ".quarantine.nq"

Kind = Literal["ontology", "stored", "quarantined"]


def file_stem(article_id: str) -> str:
    """A file name for an article: readable, and distinct for distinct ids (a digest of the id)."""
    digest = hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:12]
    return f"{iris.slug(article_id)[:60].strip('-') or 'article'}-{digest}"


def _graph_quads(ntriples: str, graph: str) -> list[ox.Quad]:
    name = ox.NamedNode(graph)
    return [ox.Quad(q.subject, q.predicate, q.object, name)
            for q in ox.parse(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)]


def _write(path: Path, header: str, quads: list[ox.Quad]) -> None:
    """Write atomically: a reader (or a crash) never sees half a file."""
    body = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(header.encode("utf-8") + b"\n" + body)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _header(mark: str, **fields: object) -> str:
    return mark + json.dumps({"format": FORMAT, **fields}, ensure_ascii=False, sort_keys=True)


def write_ontology(directory: Path) -> None:
    """`ontology.nq`: the ontology graph as `install_ontology` stores it."""
    g = _as_stored(Graph().parse(ontology_path(), format="turtle"))
    quads = _graph_quads(nt(g), iris.ONTOLOGY_GRAPH)
    _write(directory / ONTOLOGY_FILE, _header(ONTOLOGY_MARK, graph=iris.ONTOLOGY_GRAPH, quads=len(quads)), quads)


class DirectoryWriter(Pipeline):
    """The writer of `kg ingest --to DIR`: what `Pipeline.commit` would store, as one file per article."""

    def __init__(self, settings: Settings, directory: Path) -> None:
        if directory.exists() and not directory.is_dir():
            raise ConfigError(f"--to {directory}: exists and is not a directory")
        try:
            directory.mkdir(parents=True, exist_ok=True)
            write_ontology(directory)
        except OSError as e:
            raise ConfigError(f"--to {directory}: cannot write there: {e.strerror or e}") from e
        self.settings = settings
        self.directory = directory
        self.gate = None
        self.summary = None
        self.preparer = None

    def commit(self, article: Article, prepared: Prepared) -> Outcome:
        base = self.settings.base_iri
        stem = self.directory / file_stem(article.id)
        quarantined = stem.with_name(stem.name + QUARANTINE_SUFFIX)
        try:
            if prepared.rejected is not None:
                record = quarantine_record(base, article, prepared.rejected, _payload(prepared))
                quads = _graph_quads(nt(record), iris.quarantine_graph(base, article.id))
                _write(quarantined, _header(ARTICLE_MARK, id=article.id, outcome="quarantined", base=base,
                                            quads=len(quads)), quads)
                return "quarantined"
            quads = (_graph_quads(prepared.facts, prepared.graph_iri)
                     + _graph_quads(prepared.entities, iris.entities_graph(base)))
            _write(stem.with_name(stem.name + ".nq"),
                   _header(ARTICLE_MARK, id=article.id, outcome="stored", base=base, quads=len(quads)), quads)
            quarantined.unlink(missing_ok=True)  # as the store's writer drops the article's quarantine record
        except OSError as e:
            raise InputError(f"cannot write the article's file: {e.strerror or e}", source=str(stem)) from e
        return "stored"


@dataclass
class KgFile:
    """A file written by `kg ingest --to`: its kind, article id, base IRI and quads."""

    path: Path
    kind: Kind
    article_id: str
    base: str
    quads: list[ox.Quad]


def kind_of(path: Path) -> Kind | None:
    """The kind of a file `kg ingest --to` wrote, from its first line; None for any other file."""
    try:
        with path.open("rb") as f:
            first = f.readline(4096).decode("utf-8", "replace")
    except OSError:
        return None
    if first.startswith(ONTOLOGY_MARK):
        return "ontology"
    if first.startswith(ARTICLE_MARK):
        outcome = _fields(first, ARTICLE_MARK, path).get("outcome")
        return "quarantined" if outcome == "quarantined" else "stored"
    return None


def _fields(line: str, mark: str, path: Path) -> dict[str, object]:
    try:
        fields = json.loads(line[len(mark):])
    except ValueError as e:
        raise InputError(f"corrupt kg file: unreadable header ({e})", source=str(path)) from e
    if not isinstance(fields, dict):
        raise InputError("corrupt kg file: unreadable header", source=str(path))
    return fields


def read_kg_file(path: Path) -> KgFile:
    """Read and check a file of `kg ingest --to` (InputError, one line, if it is cut, altered or unreadable)."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", source=str(path)) from e
    first, _, _ = data.partition(b"\n")
    line = first.decode("utf-8", "replace")
    mark = ONTOLOGY_MARK if line.startswith(ONTOLOGY_MARK) else ARTICLE_MARK
    fields = _fields(line, mark, path)
    if fields.get("format") != FORMAT:
        raise InputError(f"kg file of format {fields.get('format')!r}; this kg reads format {FORMAT}",
                         source=str(path))
    try:
        quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    except SyntaxError as e:
        raise InputError(f"corrupt kg file: not valid N-Quads: {' '.join(str(e).split())}", source=str(path)) from e
    if fields.get("quads") != len(quads):
        raise InputError(f"corrupt kg file: {fields.get('quads')} quads announced, {len(quads)} found "
                         "(cut short or altered)", source=str(path))
    if mark == ONTOLOGY_MARK:
        expected = {iris.ONTOLOGY_GRAPH}
        kg = KgFile(path, "ontology", "", "", quads)
    else:
        article_id, base, outcome = fields.get("id"), fields.get("base"), fields.get("outcome")
        if not isinstance(article_id, str) or not isinstance(base, str) or outcome not in ("stored", "quarantined"):
            raise InputError("corrupt kg file: the header names no article, base IRI or outcome", source=str(path))
        kind: Kind = "stored" if outcome == "stored" else "quarantined"
        kg = KgFile(path, kind, article_id, base, quads)
        expected = ({iris.article_graph(base, article_id), iris.entities_graph(base)} if kind == "stored"
                    else {iris.quarantine_graph(base, article_id)})
    stray = {q.graph_name for q in quads} - {ox.NamedNode(g) for g in expected}
    if stray:
        raise InputError(f"corrupt kg file: quads in {sorted(str(g) for g in stray)[0]}, which is not this "
                         "article's", source=str(path))
    return kg


def _ntriples(quads: Iterable[ox.Quad], graph: str) -> str:
    name = ox.NamedNode(graph)
    return "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads if q.graph_name == name)


@dataclass
class Loader:
    """Loads files of `kg ingest --to` into a store, each as the ingest writer would have stored it."""

    store: Store
    base: str  # the store's base IRI (article files name their own)
    summary_checked: set[str] = field(default_factory=set)

    def load(self, kg: KgFile) -> None:
        if kg.kind == "ontology":
            self._ontology(kg)
            # After an engine's bulk loader filled a store with article files, loading ontology.nq
            # with `kg load` counts the read summaries (a store with articles but no summary).
            self._ensure_summary(self.base)
            return
        base, qgraph = kg.base, iris.quarantine_graph(kg.base, kg.article_id)
        if kg.kind == "quarantined":
            self.store.replace_graphs([(qgraph, _ntriples(kg.quads, qgraph))])
            return
        self._ensure_summary(base)
        graph, entities = iris.article_graph(base, kg.article_id), iris.entities_graph(base)
        self.store.replace_graphs([(graph, _ntriples(kg.quads, graph))],
                                  additions=[(entities, _ntriples(kg.quads, entities))],
                                  drops=[qgraph], summary=Summary(base))

    def _ensure_summary(self, base: str) -> None:
        """A store written before summaries were kept (or by a bulk loader): recount them, once."""
        if base not in self.summary_checked:
            ensure_summary(self.store, base)
            self.summary_checked.add(base)

    def _ontology(self, kg: KgFile) -> None:
        """Replace the ontology graph unless it holds the same already (reloading would relabel blank nodes)."""
        text = _ntriples(kg.quads, iris.ONTOLOGY_GRAPH)
        if isomorphic(Graph().parse(data=text, format="nt"), self.store.graph(iris.ONTOLOGY_GRAPH)):
            return
        self.store.replace_graphs([(iris.ONTOLOGY_GRAPH, text)])


def expand(paths: Iterable[Path]) -> list[Path]:
    """The files to load: a directory stands for its `*.nq` files (sorted by name; not its subdirectories)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix == ".nq" and p.is_file()
                              and not p.name.startswith(".")))
        else:
            out.append(path)
    return out


LOAD_ORDER: dict[Kind | None, int] = {"ontology": 0, None: 1, "stored": 2, "quarantined": 3}


def load_order(files: list[Path]) -> list[tuple[Path, Kind | None]]:
    """Files with their kind, in the order that makes the result independent of the order given: the
    ontology, other RDF files (as given), conforming articles, then quarantine records (a record must
    come after the article file that would drop it, as it came after it in the ingest)."""
    kinds = [(p, kind_of(p)) for p in files]
    return sorted(kinds, key=lambda pk: LOAD_ORDER[pk[1]])


def tally(summary: IngestSummary, kind: Kind) -> None:
    if kind == "stored":
        summary.stored += 1
    elif kind == "quarantined":
        summary.quarantined += 1
