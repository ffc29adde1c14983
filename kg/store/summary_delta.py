"""The summary's changes worked out in Python, for an embedded store that is its own only writer.

kg.store.summary keeps the read summary with SPARQL updates that find what to change: right on
every store, but each is parsed, planned and run against the whole store. At 10M quads they cost
an article's write 12-30 ms (bench/summary_cost.py). An embedded store holds its directory's lock,
so nothing else writes between its reads and its update: `SummaryDelta` reads the few summary
values an article changes by index lookups (`quads_for_pattern`), just before the update and under
the store's write lock, works out the new ones in memory, and gives them as one DELETE DATA and one
INSERT DATA that go into the same update as the articles (one transaction, as before).

It follows the SPARQL updates of kg.store.summary and kg.store.tenure value for value;
tests/test_summary_delta.py runs both on the same random writes and compares the summary graphs.
Where it could not promise that (a blank node in an article graph, a summary value kept twice, one
holder's post given in two bodies, whose SAMPLE the updates pick) it raises `Unsupported` and the
store sends the SPARQL updates instead. The store may keep the values a write read and left
(`values_after`) and give them to its next write (`known`), while nothing else writes.
"""
from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from kg.rdf.vocab import DCT, KG, ORG, PROV, SKOS, TIME, XSD
from kg.store import tenure
from kg.store.article_graph import (DURING, TYPE, VALUE_PROPS, Graph, StoredGraph, Unsupported, View, as_date, as_int,
                                    date_typed, node, text, text_or_none)
from kg.store.summary import COUNTED_CLASSES, FORMAT, Summary

_MENTIONED, _ALT = node(KG.mentionedIn), node(SKOS.altLabel)
_ARTICLES, _INSTANCES, _DATED = node(KG.articleCount), node(KG.instanceCount), node(KG.datedPost)
_ARTICLE, _ISSUED, _DATE = node(KG.Article), node(DCT.issued), node(XSD.date)
_POST, _MEMBER, _ORG, _STATUS, _FROM = node(KG.post), node(ORG.member), node(ORG.organization), node(KG.postStatus), \
    node(PROV.wasDerivedFrom)
_SUCCEEDS, _BEGIN, _END = node(KG.succeeds), node(TIME.hasBeginning), node(TIME.hasEnd)
_COUNT, _FIRST, _LAST = node(KG.statementCount), node(KG.firstObserved), node(KG.lastObserved)
_TENURE, _INTERVAL, _INSTANT = node(KG.Tenure), node(TIME.Interval), node(TIME.Instant)
_TENURE_PROPS = (TYPE, _MEMBER, _POST, _ORG, _COUNT, DURING, _FIRST, _LAST, _BEGIN, _END, *VALUE_PROPS)
_STRING = node(XSD.string)
_REVISION, _LATEST, _FORMAT = node(KG.revision), node(KG.latestIssued), node(KG.summaryFormat)
_COUNTED = tuple(node(c) for c in COUNTED_CLASSES)
# An instant's property and datatype by the length of its text, as tenure._instant gives them
_PRECISION = {10: (node(TIME.inXSDDate), _DATE), 7: (node(TIME.inXSDgYearMonth), node(XSD.gYearMonth))}
_YEAR = (node(TIME.inXSDgYear), node(XSD.gYear))


def _low(old: str | None, new: str | None) -> str | None:
    """The lower of two texts, or the one there is (COALESCE(IF(old < new, old, new), old, new))."""
    if old is None or new is None:
        return old if old is not None else new
    return old if old < new else new


def _high(old: str | None, new: str | None) -> str | None:
    """The higher of two texts, or the one there is."""
    if old is None or new is None:
        return old if old is not None else new
    return old if old > new else new


class SummaryDelta:
    """The summary changes of one request of `Store.replace_graphs` on an embedded store."""

    def __init__(self, store: ox.Store, summary: Summary,
                 known: dict[tuple[object, object], tuple[object, ...]] | None = None) -> None:
        """`known`: stored values of the summary that the caller knows (`values_after` of its
        earlier requests; right only while nothing else writes the store)."""
        self._store = store
        self._known = known if known is not None else {}
        self._summary = summary
        self._s = ox.NamedNode(summary.graph)
        self._stored: dict[tuple[object, object], list[object]] = {}  # values read from the store
        self._added: dict[tuple[object, object], set[object]] = defaultdict(set)  # to insert
        self._deleted: set[tuple[object, object, object]] = set()  # stored, to delete
        self._graphs: dict[str, Graph | None] = {}  # article graphs this request writes: their contents now
        self._present: dict[str, bool] = {}  # graphs this request drops (False) or writes (True)
        self._had_revision = bool(self._stored_objects(self._s, _REVISION))
        self._touched = False
        self._forms_taken: set[tuple[object, object]] = set()  # (entity, form) of the graphs taken off

    # --- the request, in the order of kg.store.base.replace_ops ----------------------------------

    def plan(self, replacements: Sequence[tuple[str, str]], additions: Sequence[tuple[str, str]],
             drops: Sequence[str]) -> list[str]:
        """The update operations (DELETE DATA, INSERT DATA) bringing the summary in line with the
        request, to run after the request's own operations in the same update."""
        for graph in drops:
            self._drop(graph)
        for graph, nt in replacements:
            self._drop(graph)
            self._insert(graph, nt)
        for graph, nt in additions:
            self._insert(graph, nt, merge=True)
        for e, label in sorted(self._forms_taken, key=str):
            if not self._given(e, label):
                self._remove(e, _ALT, label)
        if self._touched:
            old = [v for v in (as_int(o) for o in self._objects(self._s, _REVISION)) if v is not None]
            self._set(self._s, _REVISION, [ox.Literal((max(old) if old else 0) + 1)])
        return self._ops()

    def _is_present(self, graph: str) -> bool:
        if graph in self._present:
            return self._present[graph]
        return self._store.contains_named_graph(ox.NamedNode(graph))

    def _contents(self, graph: str) -> View:
        known = self._graphs.get(graph, False)
        if known is not False:
            return known or Graph(())
        return StoredGraph(self._store, graph)

    def _drop(self, graph: str) -> None:
        if not self._is_present(graph):
            return
        if self._summary.covers(graph):
            self._retract(graph, self._contents(graph))
            self._graphs[graph] = None
            self._touched = True
        self._present[graph] = False

    def _insert(self, graph: str, nt: str, merge: bool = False) -> None:
        if not nt.strip():
            return
        if self._summary.covers(graph):
            new = [(q.subject, q.predicate, q.object) for q in ox.parse(nt.encode(), format=ox.RdfFormat.N_TRIPLES)]
            if merge and self._is_present(graph):  # added to: recounted whole
                old = self._contents(graph)
                self._retract(graph, old)
                new = [*old.triples, *new]
            contents = Graph(new)
            self._graphs[graph] = contents
            self._add(graph, contents)
            self._touched = True
        self._present[graph] = True

    # --- what an article graph gives, taken off and added (Summary.retract, Summary.add) ----------

    def _retract(self, graph: str, g: View) -> None:
        for e in {t[0] for t in g.with_predicate(_MENTIONED)}:
            self._set(e, _ARTICLES, [ox.Literal(n - 1) for n in self._ints(e, _ARTICLES) if n > 1])
        for c, k in self._instances(g):
            self._set(c, _INSTANCES, [ox.Literal(n - k if n > k else 0) for n in self._ints(c, _INSTANCES)])
        # A surface form stays while an article graph gives it: decided once the request's graphs
        # are all written (most are given again by the article's new version: nothing to look up)
        self._forms_taken.update((e, label) for e, _, label in g.with_predicate(_ALT))
        for body, key in self._dated(g):
            self._remove(body, _DATED, ox.Literal(key))
        for post, holder in self._pairs(g):
            name = tenure.tenure_of(self._summary.base, post.value, holder.value)
            if name is None:
                continue
            t = ox.NamedNode(name)
            nodes = (t, *(ox.NamedNode(f"{name}{suffix}") for suffix in ("/during", "/start", "/end")))
            self._read_nodes(nodes, _TENURE_PROPS)
            if ox.Literal(1) in self._objects(t, _COUNT):  # the tenure only this article gives goes, whole
                for node in nodes:
                    for prop in _TENURE_PROPS:
                        for o in self._objects(node, prop):
                            self._remove(node, prop, o)
            for n in self._ints(t, _COUNT):  # the others count one article less
                if n > 1:
                    self._remove(t, _COUNT, ox.Literal(n))
                    self._put(t, _COUNT, ox.Literal(n - 1))

    def _add(self, graph: str, g: Graph) -> None:
        for e in {t[0] for t in g.with_predicate(_MENTIONED)}:
            self._set(e, _ARTICLES, [ox.Literal(n + 1) for n in self._ints(e, _ARTICLES)] or [ox.Literal(1)])
        for c, k in self._instances(g):
            self._set(c, _INSTANCES, [ox.Literal(n + k) for n in self._ints(c, _INSTANCES)] or [ox.Literal(k)])
        for e, _, label in g.with_predicate(_ALT):
            self._put(e, _ALT, label)
        for body, key in self._dated(g):
            self._put(body, _DATED, ox.Literal(key))
        for post, holder in sorted(self._pairs(g), key=str):
            self._merge_tenure(g, post, holder)
        if not self._had_revision:  # a summary begun by this write says it holds everything
            self._put(self._s, _FORMAT, ox.Literal(FORMAT))
        dates = [(d, o) for a in g.typed(_ARTICLE) for o in g.objects(a, _ISSUED) if (d := as_date(o)) is not None]
        if dates:
            newest = max(dates, key=lambda pair: pair[0])
            old = self._objects(self._s, _LATEST)
            if len(old) > 1:
                raise Unsupported("two kg:latestIssued")
            if not old or ((d := as_date(old[0])) is not None and newest[0] > d):
                self._set(self._s, _LATEST, [newest[1]])

    @staticmethod
    def _instances(g: View) -> list[tuple[ox.NamedNode, int]]:
        """(counted class, how many things `g` types so) for the classes it has."""
        return [(c, k) for c in _COUNTED if (k := len(g.typed(c)))]

    def _given(self, e: object, label: object) -> bool:
        """Whether an article graph gives `e` the surface form `label` once the request is done (the
        graphs it writes as they then are, the others as stored)."""
        for contents in self._graphs.values():
            if contents is not None and (e, _ALT, label) in contents.triples:
                return True
        for q in self._store.quads_for_pattern(e, _ALT, label, None):
            other = getattr(q.graph_name, "value", "")
            if self._summary.covers(other) and other not in self._graphs:
                return True
        return False

    @staticmethod
    def _dated(g: View) -> set[tuple[object, str]]:
        """(body, kg:datedPost text) of each membership in `g` stating a start, an end or a predecessor,
        as Summary._dated writes them."""
        found = set()
        members = {t[0] for t in g.with_predicate(DURING)} | {t[0] for t in g.with_predicate(_SUCCEEDS)}
        for m in members:
            if not isinstance(m, ox.NamedNode):
                continue  # (STR of a blank node is an error: no text)
            starts = g.instant_values(m, _BEGIN) or ["-"]
            ends = g.instant_values(m, _END) or ["-"]
            posts = [p.value for p in g.objects(m, _POST) if not isinstance(p, ox.BlankNode)] or ["-"]
            for body, status, a in itertools.product(g.objects(m, _ORG), g.objects(m, _STATUS), g.objects(m, _FROM)):
                if isinstance(body, ox.Literal):
                    continue  # (no triple has a literal subject)
                issued = [text(i) for i in g.objects(a, _ISSUED)] or ["-"]
                for sv, ev, iss, p in itertools.product(starts, ends, issued, posts):
                    found.add((body, f"{sv} {ev} {iss} {text(status)} {p} {m.value}"))
        return found

    @staticmethod
    def _pairs(g: View) -> set[tuple[ox.NamedNode, ox.NamedNode]]:
        return {(p, x) for m, _, p in g.with_predicate(_POST) for x in g.objects(m, _MEMBER)
                if isinstance(p, ox.NamedNode) and isinstance(x, ox.NamedNode)}

    def _merge_tenure(self, g: Graph, post: ox.NamedNode, holder: ox.NamedNode) -> None:
        """tenure._add for one (post, holder) pair: this article's values merged into the stored tenure."""
        name = tenure.tenure_of(self._summary.base, post.value, holder.value)
        if name is None:
            return
        articles, seen, starts, ends, bodies = set(), [], [], [], []
        for m in (t[0] for t in g.with_predicate(_POST) if t[2] == post):
            if holder not in g.objects(m, _MEMBER):
                continue
            for status, a in itertools.product(g.objects(m, _STATUS), g.objects(m, _FROM)):
                articles.add(a)
                sighting = (isinstance(status, ox.Literal) and status.datatype == _STRING
                            and status.value in ("current", "acting"))
                seen += [i.value for i in g.objects(a, _ISSUED) if sighting and date_typed(i)]
                starts += g.instant_values(m, _BEGIN)
                ends += g.instant_values(m, _END)
                bodies += g.objects(m, _ORG)
        if not articles:
            return  # (no membership with a status and an article: the update's group is empty)
        if len(set(bodies)) > 1:
            raise Unsupported(f"{name}: memberships in two bodies (the updates keep a SAMPLE of them)")
        t = ox.NamedNode(name)
        during, start, end = (ox.NamedNode(f"{name}{suffix}") for suffix in ("/during", "/start", "/end"))
        self._read_nodes((t, during, start, end), _TENURE_PROPS)
        k0, f0, l0 = self._one(t, _COUNT), self._one(during, _FIRST), self._one(during, _LAST)
        b0, e0 = self._instant(start), self._instant(end)
        fs = _low(text_or_none(f0), min(seen) if seen else None)
        ls = _high(text_or_none(l0), max(seen) if seen else None)
        bs = _low(text_or_none(b0[1]) if b0 else None, min(starts) if starts else None)
        es = _high(text_or_none(e0[1]) if e0 else None, max(ends) if ends else None)
        count = (as_int(k0) if k0 is not None else 0)
        if count is None:
            raise Unsupported(f"{t}: a kg:statementCount that is not an integer")
        old = [(t, _COUNT, k0), (during, _FIRST, f0), (during, _LAST, l0)]
        old += [(node, *value) for node, value in ((start, b0), (end, e0)) if value is not None]
        for node, prop, value in old:
            if value is not None:
                self._remove(node, prop, value)
        self._put(t, TYPE, _TENURE)
        self._put(t, _MEMBER, holder)
        self._put(t, _POST, post)
        if bodies:
            self._put(t, _ORG, bodies[0])
        self._put(t, _COUNT, ox.Literal(count + len(articles)))
        if fs is None and bs is None and es is None:
            return
        self._put(t, DURING, during)
        self._put(during, TYPE, _INTERVAL)
        if fs is not None:
            self._put(during, _FIRST, ox.Literal(fs, datatype=_DATE))
        if ls is not None:
            self._put(during, _LAST, ox.Literal(ls, datatype=_DATE))
        for text, node, edge in ((bs, start, _BEGIN), (es, end, _END)):
            if text is not None:
                prop, datatype = _PRECISION.get(len(text), _YEAR)
                self._put(during, edge, node)
                self._put(node, TYPE, _INSTANT)
                self._put(node, prop, ox.Literal(text, datatype=datatype))

    def _one(self, s: ox.NamedNode, p: ox.NamedNode) -> object | None:
        values = self._objects(s, p)
        if len(values) > 1:
            raise Unsupported(f"{s} has {len(values)} values of {p}")
        return values[0] if values else None

    def _instant(self, node: ox.NamedNode) -> tuple[ox.NamedNode, object] | None:
        """(property, value) of a stored instant's time:inXSD… value, None without one."""
        found = [(prop, v) for prop in VALUE_PROPS for v in self._objects(node, prop)]
        if len(found) > 1:
            raise Unsupported(f"{node} has {len(found)} values")
        return found[0] if found else None

    # --- the summary graph as this request leaves it ----------------------------------------------

    def _memo(self, s: object, p: ox.NamedNode) -> list[object] | None:
        """The stored values of s p if read already (by this request, or known from earlier ones)."""
        known = self._stored.get((s, p))
        if known is None:
            kept = self._known.get((s, p))
            if kept is not None:
                known = self._stored[(s, p)] = list(kept)
        return known

    def _stored_objects(self, s: object, p: ox.NamedNode) -> list[object]:
        """The stored values of s p (read once: nothing else writes the store meanwhile)."""
        known = self._memo(s, p)
        if known is None:
            known = self._stored[(s, p)] = [q.object for q in self._store.quads_for_pattern(s, p, None, self._s)]
        return known

    def _read_nodes(self, nodes: Iterable[ox.NamedNode], props: Sequence[ox.NamedNode]) -> None:
        """Read every stored value of each of `nodes` at once (one lookup a node, where each of
        `props` would take one)."""
        for node in nodes:
            if all((node, prop) in self._stored or (node, prop) in self._known for prop in props):
                continue
            found: dict[object, list[object]] = {prop: [] for prop in props}
            for q in self._store.quads_for_pattern(node, None, None, self._s):
                found.setdefault(q.predicate, []).append(q.object)
            for prop, values in found.items():
                self._stored.setdefault((node, prop), values)

    def _is_stored(self, s: object, p: ox.NamedNode, o: object) -> bool:
        known = self._memo(s, p)
        if known is None:
            return ox.Quad(s, p, o, self._s) in self._store  # type: ignore[arg-type]
        return o in known

    def values_after(self) -> dict[tuple[object, object], tuple[object, ...]]:
        """The values, once the request's update is made, of every (subject, predicate) whose
        stored values were read or known: what the store may keep for its next request (a pair
        changed without its values known is not in it, and must be dropped from what is kept)."""
        return {key: tuple(self._objects(*key)) for key in self._stored}  # type: ignore[arg-type]

    def _objects(self, s: object, p: ox.NamedNode) -> list[object]:
        """The values of s p once this request's changes so far are made."""
        stored = [o for o in self._stored_objects(s, p) if (s, p, o) not in self._deleted]
        return stored + sorted((o for o in self._added.get((s, p), ()) if o not in stored), key=str)

    def _ints(self, s: object, p: ox.NamedNode) -> list[int]:
        """The integer values of s p (a value that is none is dropped, as the updates' arithmetic drops it)."""
        return [n for n in (as_int(o) for o in self._objects(s, p)) if n is not None]

    def _put(self, s: object, p: ox.NamedNode, o: object) -> None:
        """s p o is in the summary after the request (inserting a stored triple changes nothing, so
        whether it is stored is looked up only among the values already read)."""
        if (s, p, o) in self._deleted:
            self._deleted.discard((s, p, o))
        elif o not in (self._memo(s, p) or ()):
            self._added[(s, p)].add(o)

    def _remove(self, s: object, p: ox.NamedNode, o: object) -> None:
        added = self._added.get((s, p))
        if added is not None:
            added.discard(o)
        if self._is_stored(s, p, o):
            self._deleted.add((s, p, o))

    def _set(self, s: object, p: ox.NamedNode, values: list[ox.Literal]) -> None:
        """Replace every value of s p by `values`."""
        for o in self._objects(s, p):
            self._remove(s, p, o)
        for o in values:
            self._put(s, p, o)

    def _ops(self) -> list[str]:
        graph = f"<{self._summary.graph}>"
        ops = []
        if self._deleted:
            body = "\n".join(f"{s} {p} {o} ." for s, p, o in sorted(self._deleted, key=str))
            ops.append(f"DELETE DATA {{ GRAPH {graph} {{\n{body}\n}} }}")
        added = [(s, p, o) for (s, p), objects in self._added.items() for o in objects]
        if added:
            body = "\n".join(f"{s} {p} {o} ." for s, p, o in sorted(added, key=str))
            ops.append(f"INSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}")
        return ops
