"""One batch: read -> extract -> to_graph -> validate -> store (or quarantine)."""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any
from typing import Literal as Lit
from typing import Protocol

from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.config import Settings
from kg.errors import ConfigError, ExtractionError, InputError, KgError
from kg.model import Article, Extraction
from kg.rdf import iris
from kg.rdf.to_graph import to_graph
from kg.rdf.vocab import DCT, KG, RDF, XSD
from kg.resources import ontology_path
from kg.store import Store
from kg.store.summary import Summary
from kg.store.summary import ensure as ensure_summary
from kg.validate import Validator

Outcome = Lit["stored", "quarantined", "inconsistent"]
log = logging.getLogger(__name__)


class Extractor(Protocol):
    def extract(self, article: Article) -> Extraction: ...


# How many articles `Preparer.finished` parses in one spaCy call when the extractor can (kg.extract's
# `parse_many`): batching across articles costs about a tenth less than one call per article.
PARSE_BATCH = 16


class ReasoningGate(Protocol):
    """kg.reason.Gate: None when consistent with the ontology, else a report."""

    def check(self, store: Store, base: str, facts: Graph, entities: Graph) -> str | None: ...


@dataclass
class IngestSummary:
    """What a batch did, for the closing line and the exit code."""

    stored: int = 0
    quarantined: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if self.failed:
            return 2
        return 1 if self.quarantined else 0

    def line(self) -> str:
        return f"{self.stored} stored, {self.quarantined} quarantined, {self.failed} failed"


def nt(graph: Graph) -> str:
    """N-Triples text of a graph, usable inside SPARQL INSERT DATA."""
    return graph.serialize(format="nt", encoding="utf-8").decode("utf-8")


def install_ontology(store: Store) -> bool:
    """Load the ontology into its own named graph unless the same ontology is there already."""
    g = Graph()
    g.parse(ontology_path(), format="turtle")
    if isomorphic(_as_stored(g), store.graph(iris.ONTOLOGY_GRAPH)):
        return False  # reloading would only relabel its blank nodes
    store.replace_graphs([(iris.ONTOLOGY_GRAPH, nt(g))])
    return True


def _as_stored(g: Graph) -> Graph:
    """`g` as Oxigraph stores it (it keeps "2"^^xsd:nonNegativeInteger as "2"^^xsd:integer)."""
    import pyoxigraph as ox

    mem = ox.Store()
    mem.load(nt(g).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    out = Graph()
    out.parse(data="".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in mem), format="nt")
    return out


@dataclass(frozen=True)
class Prepared:
    """One article made ready to store (picklable: worker processes send it to the writer).

    `facts` and `entities` are N-Triples; `rejected` is the SHACL report when the graph does not conform.
    """

    graph_iri: str
    facts: str
    entities: str
    rejected: str | None = None


# What the writer receives for each input item, in input order: an InputError (nothing to prepare),
# or an Article with its Prepared graphs or the KgError that stopped its preparation.
Finished = tuple[Article | InputError, Prepared | KgError | None]


class Preparer:
    """The CPU-heavy half of ingest, which never touches the store: extract, filter, to_graph, validate."""

    def __init__(self, settings: Settings, extractor: Extractor, validator: Validator | None = None) -> None:
        self.settings = settings
        self.extractor = extractor
        self.validator = validator if validator is not None else (Validator() if settings.validate else None)

    def prepare(self, article: Article, parsed: Any = None) -> Prepared:
        """The article's graphs as N-Triples, with the SHACL report when they do not conform.

        `parsed` is the article already parsed by the extractor's `parse_many`, if it was.
        """
        try:
            if parsed is None:
                extraction = self.extractor.extract(article)
            else:
                extraction = self.extractor.extract(article, parsed)  # type: ignore[call-arg]  # kg.extract
        except (ValueError, IndexError, KeyError) as e:
            raise ExtractionError(f"{article.source or article.id}: extraction failed: {e}") from e
        if self.settings.min_confidence > 0:
            extraction = confident(extraction, self.settings.min_confidence)
        graphs = to_graph(extraction, self.settings.base_iri)
        rejected = None
        if self.validator is not None:
            result = self.validator.validate(graphs.facts, graphs.entities)
            rejected = None if result.conforms else result.text
        return Prepared(graphs.graph_iri, nt(graphs.facts), nt(graphs.entities), rejected)

    def finished(self, items: Iterable[Article | InputError]) -> Iterator[Finished]:
        """Prepare `items` in this process, in their order, as the writer asks for them.

        With an extractor that has `parse_many`, up to PARSE_BATCH articles are read ahead and parsed
        in one spaCy call; each is then extracted, validated and handed over one at a time.
        """
        pending: list[Article | InputError] = []
        for item in items:
            pending.append(item)
            if len(pending) >= PARSE_BATCH:
                yield from self._prepare_batch(pending)
                pending = []
        yield from self._prepare_batch(pending)

    def _prepare_batch(self, batch: list[Article | InputError]) -> Iterator[Finished]:
        articles = [item for item in batch if isinstance(item, Article)]
        parsed = self._parse(articles)
        for item in batch:
            if isinstance(item, InputError):
                yield item, None
                continue
            try:
                yield item, self.prepare(item, parsed.get(id(item)))
            except KgError as e:
                yield item, e

    def _parse(self, articles: list[Article]) -> dict[int, Any]:
        """id(article) -> its parsed paragraphs, when the extractor can parse several at once."""
        parse_many = getattr(self.extractor, "parse_many", None)
        if parse_many is None or len(articles) < 2:
            return {}
        try:
            parsed = parse_many(articles)
        except (ValueError, IndexError, KeyError) as e:
            # Each article is then parsed on its own in `prepare`, where the one at fault is named.
            log.info("parsing %d articles together failed (%s); parsing them one by one", len(articles), e)
            return {}
        return {id(a): p for a, p in zip(articles, parsed) if p is not None}


class Pipeline:
    """The writer: stores prepared articles (or quarantines them); with an extractor, prepares them too."""

    def __init__(self, settings: Settings, store: Store, extractor: Extractor | None,
                 validator: Validator | None = None, gate: ReasoningGate | None = None) -> None:
        self.settings = settings
        self.gate = gate  # `--reason`: also quarantine articles inconsistent with the ontology
        self.store = store
        # The read summaries kept with every article written (kg.store.summary); None writes none
        # (bench/ingest_cost.py times ingest both ways).
        self.summary: Summary | None = Summary(settings.base_iri)
        self._summary_checked = False
        # None when worker processes prepare the articles (kg.parallel): the writer needs no model.
        self.preparer = Preparer(settings, extractor, validator) if extractor is not None else None

    def _local(self) -> Preparer:
        if self.preparer is None:
            raise ConfigError("this pipeline has no extractor: prepare articles in workers (kg.parallel)")
        return self.preparer

    def ingest(self, article: Article) -> Outcome:
        """Extract, validate and store one article; its graph replaces any earlier one atomically."""
        return self.commit(article, self._local().prepare(article))

    def commit(self, article: Article, prepared: Prepared) -> Outcome:
        """Store one prepared article in one transaction, or quarantine it (keeping what was stored)."""
        base = self.settings.base_iri
        qgraph = iris.quarantine_graph(base, article.id)
        if prepared.rejected is not None:
            record = quarantine_record(base, article, prepared.rejected, _payload(prepared))
            # Keep whatever version of the article was stored before: nothing stored is lost.
            self.store.replace_graphs([(qgraph, nt(record))])
            return "quarantined"
        if self.gate is not None:
            facts = Graph().parse(data=prepared.facts, format="nt")
            entities = Graph().parse(data=prepared.entities, format="nt")
            problem = self.gate.check(self.store, base, facts, entities)
            if problem is not None:
                record = quarantine_record(base, article, "inconsistent with the ontology: " + problem,
                                           _payload(prepared))
                self.store.replace_graphs([(qgraph, nt(record))])
                return "inconsistent"
        if self.summary is not None and not self._summary_checked:
            # A store written before summaries were kept gets them recounted once, before its
            # first new article is counted in.
            ensure_summary(self.store, base)
            self._summary_checked = True
        self.store.replace_graphs(
            [(prepared.graph_iri, prepared.facts)],
            additions=[(iris.entities_graph(base), prepared.entities)],
            drops=[qgraph],
            summary=self.summary,
        )
        return "stored"

    def run(self, items: Iterable[Article | InputError],
            report: Callable[[str], None] = lambda s: None) -> IngestSummary:
        """Ingest a batch in this process. Bad items are reported as one line each; the batch goes on."""
        return self.write(self._local().finished(items), report)

    def write(self, finished: Iterable[Finished], report: Callable[[str], None] = lambda s: None,
              progress: Callable[[Article | InputError], None] = lambda item: None,
              summary: IngestSummary | None = None) -> IngestSummary:
        """Store a stream of prepared articles in its order, counting into `summary` (kept on Ctrl-C).

        `progress` is called once per item, before it is stored.
        """
        summary = summary if summary is not None else IngestSummary()
        for item, prepared in finished:
            progress(item)
            if isinstance(item, InputError) or not isinstance(prepared, Prepared):
                error = item if isinstance(item, InputError) else prepared
                summary.failed += 1
                summary.errors.append(str(error))
                report(str(error))
                continue
            try:
                outcome = self.commit(item, prepared)
            except KgError as e:
                summary.failed += 1
                summary.errors.append(str(e))
                report(str(e))
                continue
            if outcome == "stored":
                summary.stored += 1
            elif outcome == "inconsistent":
                summary.quarantined += 1
                report(f"{item.source or item.id}: article {item.id} is inconsistent with the ontology; "
                       "quarantined (see `kg validate`)")
            else:
                summary.quarantined += 1
                report(f"{item.source or item.id}: article {item.id} does not conform to the shapes; "
                       "quarantined (see `kg validate`)")
        return summary


def _payload(prepared: Prepared) -> str:
    """The rejected graph (facts and entities) as sorted N-Triples: the same text whichever process made it."""
    return "".join(sorted({line + "\n" for part in (prepared.facts, prepared.entities)
                           for line in part.splitlines() if line.strip()}))


def public_source(source: str) -> str:
    """What is published of where an article was read: the file name (and line), never the local path."""
    return source.replace("\\", "/").rsplit("/", 1)[-1]


def confident(extraction: Extraction, threshold: float) -> Extraction:
    """The extraction without the posts, agreements and meetings whose confidence is below `threshold`."""
    return replace(
        extraction,
        posts=[p for p in extraction.posts if p.confidence >= threshold],
        agreements=[a for a in extraction.agreements if a.confidence >= threshold],
        meetings=[m for m in extraction.meetings if m.confidence >= threshold],
    )


def quarantine_record(base: str, article: Article, report: str, payload: str) -> Graph:
    """A record of a rejected article: its report in words and the graph that failed, kept verbatim."""
    g = Graph()
    node = URIRef(iris.quarantine_iri(base, article.id))
    g.add((node, RDF.type, KG.QuarantineRecord))
    g.add((node, DCT.identifier, Literal(article.id)))
    g.add((node, DCT.title, Literal(article.title)))
    g.add((node, DCT.created, Literal(dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
                                      datatype=XSD.dateTime)))
    if article.source:
        g.add((node, DCT.source, Literal(public_source(article.source))))
    g.add((node, KG.report, Literal(report)))
    g.add((node, KG.payload, Literal(payload)))
    return g
