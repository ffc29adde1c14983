"""The W3C SHACL Core test suite (tests/data/w3c/shacl-core): its `sht:Validate` tests, read from the manifests."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

SUITE = Path(__file__).parent / "data" / "w3c" / "shacl-core"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")


@dataclass(frozen=True)
class Case:
    """One test: where its data and shapes are, and whether the data conforms (None: the shapes are bad)."""

    name: str
    data: Path
    shapes: Path
    conforms: bool | None


def _file(node: URIRef) -> Path:
    return Path(str(node).removeprefix("file://"))


def cases(manifest: Path = SUITE / "manifest.ttl") -> list[Case]:
    """Every sht:Validate test reachable from `manifest` through mf:include, in manifest order."""
    g = Graph().parse(manifest, format="turtle", publicID=manifest.resolve().as_uri())
    found: list[Case] = []
    for m in g.subjects(RDF.type, MF.Manifest):
        for included in g.objects(m, MF.include):
            found += cases(_file(included))  # type: ignore[arg-type]
        for entries in g.objects(m, MF.entries):
            for test in Collection(g, entries):
                if (test, RDF.type, SHT.Validate) not in g:
                    continue
                action = g.value(test, MF.action)
                result = g.value(test, MF.result)
                conforms = None if result == SHT.Failure else bool(g.value(result, SH.conforms).toPython())
                name = _file(test).relative_to(SUITE).as_posix()  # type: ignore[arg-type]
                found.append(Case(name, _file(g.value(action, SHT.dataGraph)),  # type: ignore[arg-type]
                                  _file(g.value(action, SHT.shapesGraph)), conforms))  # type: ignore[arg-type]
    return found


def load(path: Path) -> Graph:
    return Graph().parse(path, format="turtle", publicID=path.resolve().as_uri())
