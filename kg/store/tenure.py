"""Tenures: what all the articles say of one holder in one post, kept in the summary graph.

An article's membership says that a person held (holds, will hold) a post at the article's date,
sometimes with the start or end the text states. A tenure gathers the memberships of one holder in
one org:Post (`kg:post`) across every article, in either language:

    <{base}id/tenure/state/russia/president/person/vladimir-putin> a kg:Tenure ;
        org:member <…/person/vladimir-putin> ; kg:post <…/post/state/russia/president> ;
        org:organization <…/state/russia> ;        # the post's body, as its memberships give it
        kg:statementCount 12 ;                      # articles that give the holder the post
        org:memberDuring <…/during> .
    <…/during> a time:Interval ;
        kg:firstObserved "2016-02-03"^^xsd:date ;  # earliest article seeing it held (current, acting)
        kg:lastObserved "2024-05-07"^^xsd:date ;   # latest such article
        time:hasBeginning <…/start> ;               # earliest stated start, at its own precision
        time:hasEnd <…/end> .                       # latest stated end
    <…/start> a time:Instant ; time:inXSDgYearMonth "2012-05"^^xsd:gYearMonth .

It says what the articles say, no more: a post held twice gives one tenure spanning both terms, and
an observation is the article's date, never a start or an end. The memberships stay the evidence.

Kept per article in the same update as the article (kg.store.summary): when an article graph is
written, its holders' tenures take in its values (earliest and latest kept, count raised); before
an article graph is dropped or replaced, each tenure it gives counts one article less, and a tenure
no other article gives goes. Its dates are widened by every article and not narrowed when one is
replaced or dropped (as kg:latestIssued): recounting every membership of a much-named post takes
seconds on a large store. Re-ingesting an unchanged article leaves a tenure as it was; a corrected
or dropped article may leave a date it gave until `rebuild` (run by `kg recount`, and whenever a
store's summary is of an earlier format). The operations are plain SPARQL 1.1 Update,
for every store backend.
"""
from __future__ import annotations

import hashlib
import re

from kg.rdf.vocab import DCT, KG, ORG, PROV, RDF, TIME, XSD

_INSTANT_VALUE = f"<{TIME.inXSDDate}>|<{TIME.inXSDgYearMonth}>|<{TIME.inXSDgYear}>"
_INSTANT_PROPS = f"<{TIME.inXSDDate}> <{TIME.inXSDgYearMonth}> <{TIME.inXSDgYear}>"
# Every predicate a tenure's nodes have (the tenure, its interval, its instants)
_TENURE_PROPS = " ".join(f"<{p}>" for p in (RDF.type, ORG.member, KG.post, ORG.organization, KG.statementCount,
                                             ORG.memberDuring, KG.firstObserved, KG.lastObserved, TIME.hasBeginning,
                                             TIME.hasEnd, TIME.inXSDDate, TIME.inXSDgYearMonth, TIME.inXSDgYear))


def _iri(base: str) -> str:
    """The expression naming the tenure of ?x in ?p."""
    return (f'IRI(CONCAT("{base}id/tenure/", STRAFTER(STR(?p), "{base}id/post/"), "/", '
            f'IF(STRSTARTS(STR(?x), "{base}id/"), STRAFTER(STR(?x), "{base}id/"), MD5(STR(?x)))))')


def _pairs(graph: str, restrict: str = "") -> str:
    """The (post ?p, holder ?x) pairs that memberships in `graph` give."""
    return (f"{{ SELECT DISTINCT ?p ?x WHERE {{ GRAPH {graph} {{ ?m0 <{KG.post}> ?p ; <{ORG.member}> ?x }} "
            f"{restrict} }} }}")


def _values(pairs: str, graph: str, restrict: str, post: str = "?p", holder: str = "?x") -> str:
    """Per pair: articles ?k, first and last observation ?f ?l, earliest start ?b, latest end ?e (as
    text; unbound when no article gives one)."""
    # MIN and MAX over a group in which some value is unbound give nothing (the error propagates):
    # an unbound value counts as "~" for MIN (after any date) and "" for MAX (before any), taken off after.
    return f"""{{ SELECT ?p ?x (COUNT(DISTINCT ?a) AS ?k) (MIN(COALESCE(?seen, "~")) AS ?fx)
         (MAX(COALESCE(?seen, "")) AS ?lx) (MIN(COALESCE(?sv, "~")) AS ?bx) (MAX(COALESCE(?ev, "")) AS ?ex) (SAMPLE(?org) AS ?body) WHERE {{
    {pairs}
    GRAPH {graph} {{
      ?m <{KG.post}> {post} ; <{ORG.member}> {holder} ; <{KG.postStatus}> ?st ; <{PROV.wasDerivedFrom}> ?a .
      OPTIONAL {{ ?m <{ORG.organization}> ?org }}
      OPTIONAL {{ ?a <{DCT.issued}> ?iss }}
      OPTIONAL {{ ?m <{ORG.memberDuring}>/<{TIME.hasBeginning}> ?bn . ?bn {_INSTANT_VALUE} ?sv0 }}
      OPTIONAL {{ ?m <{ORG.memberDuring}>/<{TIME.hasEnd}> ?en . ?en {_INSTANT_VALUE} ?ev0 }}
    }}
    {restrict}
    BIND(IF(?st IN ("current", "acting") && DATATYPE(?iss) = <{XSD.date}>, STR(?iss), ?none) AS ?seen)
    BIND(STR(?sv0) AS ?sv)
    BIND(STR(?ev0) AS ?ev)
  }} GROUP BY ?p ?x }}
  BIND(IF(?fx != "~", ?fx, ?none) AS ?f) BIND(IF(?lx != "", ?lx, ?none) AS ?l)
  BIND(IF(?bx != "~", ?bx, ?none) AS ?b) BIND(IF(?ex != "", ?ex, ?none) AS ?e)"""


_TEMPLATE = f"""?t a <{KG.Tenure}> ; <{ORG.member}> ?x ; <{KG.post}> ?p ; <{ORG.organization}> ?body ; <{KG.statementCount}> ?count ;
       <{ORG.memberDuring}> ?i .
    ?i a <{TIME.Interval}> ; <{KG.firstObserved}> ?first ; <{KG.lastObserved}> ?last ;
       <{TIME.hasBeginning}> ?bi ; <{TIME.hasEnd}> ?ei .
    ?bi a <{TIME.Instant}> ; ?bp ?bv .
    ?ei a <{TIME.Instant}> ; ?ep ?ev ."""


def _instant(text: str, node: str, prop: str, value: str, suffix: str) -> str:
    """Binds the instant node, its time:inXSD… property and typed value for a date given as text."""
    def by_length(day: str, month: str, year: str) -> str:
        return f"IF(STRLEN({text}) = 10, {day}, IF(STRLEN({text}) = 7, {month}, {year}))"
    return (f'BIND(IF(BOUND({text}), IRI(CONCAT(STR(?t), "{suffix}")), ?none) AS {node}) '
            f"BIND({by_length(f'<{TIME.inXSDDate}>', f'<{TIME.inXSDgYearMonth}>', f'<{TIME.inXSDgYear}>')} AS {prop}) "
            f"BIND(STRDT({text}, {by_length(f'<{XSD.date}>', f'<{XSD.gYearMonth}>', f'<{XSD.gYear}>')}) AS {value})")


def _finish(base: str) -> str:
    """Binds of the insert template from the merged texts ?fs ?ls ?bs ?es and ?count."""
    return (f'BIND(IF(BOUND(?fs) || BOUND(?bs) || BOUND(?es), IRI(CONCAT(STR(?t), "/during")), ?none) AS ?i) '
            f"BIND(STRDT(?fs, <{XSD.date}>) AS ?first) BIND(STRDT(?ls, <{XSD.date}>) AS ?last) "
            + _instant("?bs", "?bi", "?bp", "?bv", "/start") + " "
            + _instant("?es", "?ei", "?ep", "?ev", "/end"))


_POST_LINE = re.compile(rf"^(<[^>]+>) <{re.escape(str(KG.post))}> (<[^>]+>) \.$", re.MULTILINE)
_MEMBER_LINE = re.compile(rf"^(<[^>]+>) <{re.escape(str(ORG.member))}> (<[^>]+>) \.$", re.MULTILINE)


def pairs_in(nt: str) -> list[tuple[str, str]]:
    """The (post, holder) IRIs, as written (<…>), that the memberships of an article's N-Triples give."""
    posts = dict(_POST_LINE.findall(nt))
    return sorted({(posts[m], x) for m, x in _MEMBER_LINE.findall(nt) if m in posts})


def add(summary: str, base: str, graph: str, pairs: list[tuple[str, str]] | None = None) -> list[str]:
    """The updates taking article graph `graph`'s memberships into their tenures (run after it is
    inserted). Given the (post, holder) `pairs` it holds (`pairs_in`), one update per pair with its
    tenure named in the text, so that each value is looked up (about ten times cheaper at 10M);
    without, one update that finds them."""
    if pairs is None:
        return [_add(summary, base, graph, "?p", "?x", f"BIND({_iri(base)} AS ?t)")]
    ops = []
    for post, holder in pairs:
        tenure = tenure_of(base, post[1:-1], holder[1:-1])
        if tenure is not None:  # (a post of another base has none, as `_iri` gives none)
            ops.append(_add(summary, base, graph, post, holder, f"BIND(<{tenure}> AS ?t)", tenure))
    return ops


def _add(summary: str, base: str, graph: str, post: str, holder: str, name: str, tenure: str | None = None) -> str:
    s = f"<{summary}>"
    t, i0, b0, e0 = ((f"<{tenure}>", f"<{tenure}/during>", f"<{tenure}/start>", f"<{tenure}/end>") if tenure
                     else ("?t", "?i0", "?b0", "?e0"))
    pairs = _pairs(graph) if post == "?p" else f"BIND({post} AS ?p) BIND({holder} AS ?x)"
    return f"""DELETE {{ GRAPH {s} {{ {t} <{KG.statementCount}> ?k0 . {i0} <{KG.firstObserved}> ?f0 .
    {i0} <{KG.lastObserved}> ?l0 . {b0} ?bp0 ?bv0 . {e0} ?ep0 ?ev0 }} }}
INSERT {{ GRAPH {s} {{ {_TEMPLATE} }} }}
WHERE {{
  {_values(pairs, graph, "", post, holder)}
  {name}
  BIND(IRI(CONCAT(STR(?t), "/during")) AS ?i0)
  BIND(IRI(CONCAT(STR(?t), "/start")) AS ?b0)
  BIND(IRI(CONCAT(STR(?t), "/end")) AS ?e0)
  OPTIONAL {{ GRAPH {s} {{ {t} <{KG.statementCount}> ?k0 }} }}
  OPTIONAL {{ GRAPH {s} {{ {i0} <{KG.firstObserved}> ?f0 }} }}
  OPTIONAL {{ GRAPH {s} {{ {i0} <{KG.lastObserved}> ?l0 }} }}
  # (each with its predicate given: an open ?p would read the whole summary graph)
  OPTIONAL {{ VALUES ?bp0 {{ {_INSTANT_PROPS} }} GRAPH {s} {{ {b0} ?bp0 ?bv0 }} }}
  OPTIONAL {{ VALUES ?ep0 {{ {_INSTANT_PROPS} }} GRAPH {s} {{ {e0} ?ep0 ?ev0 }} }}
  BIND(COALESCE(?k0, 0) + ?k AS ?count)
  BIND(COALESCE(IF(STR(?f0) < ?f, STR(?f0), ?f), STR(?f0), ?f) AS ?fs)
  BIND(COALESCE(IF(STR(?l0) > ?l, STR(?l0), ?l), STR(?l0), ?l) AS ?ls)
  BIND(COALESCE(IF(STR(?bv0) < ?b, STR(?bv0), ?b), STR(?bv0), ?b) AS ?bs)
  BIND(COALESCE(IF(STR(?ev0) > ?e, STR(?ev0), ?e), STR(?ev0), ?e) AS ?es)
  {_finish(base)}
}}"""


def _recount(summary: str, base: str, pairs: str, restrict: str) -> str:
    s = f"<{summary}>"
    return f"""INSERT {{ GRAPH {s} {{ {_TEMPLATE} }} }}
WHERE {{
  {_values(pairs, "?o", restrict)}
  BIND({_iri(base)} AS ?t)
  BIND(?k AS ?count) BIND(?f AS ?fs) BIND(?l AS ?ls) BIND(?b AS ?bs) BIND(?e AS ?es)
  {_finish(base)}
}}"""


def tenure_of(base: str, post: str, holder: str) -> str | None:
    """The tenure IRI of a holder in a post (as `_iri` names it), None for a post that is not one of
    this base's."""
    if not post.startswith(f"{base}id/post/"):
        return None
    rest = holder[len(f"{base}id/"):] if holder.startswith(f"{base}id/") else hashlib.md5(holder.encode()).hexdigest()
    return f"{base}id/tenure/{post[len(f'{base}id/post/'):]}/{rest}"


def retract(summary: str, base: str, graph: str) -> list[str]:
    """The updates taking article graph `graph` off its tenures (run before it is dropped): each
    tenure it gives counts one article less, and one no other article gives goes. Its dates are not
    narrowed: a recount of every membership of a much-named post takes seconds on a large store
    (see the module's doc and `rebuild`)."""
    s = f"<{summary}>"
    return [
        # tenures this article alone gives: every triple of the tenure, its interval and instants
        f"""DELETE {{ GRAPH {s} {{ ?n ?np ?no }} }} WHERE {{
  {_pairs(graph)}
  BIND({_iri(base)} AS ?t)
  GRAPH {s} {{ ?t <{KG.statementCount}> 1 }}
  VALUES ?suffix {{ "" "/during" "/start" "/end" }}
  BIND(IRI(CONCAT(STR(?t), ?suffix)) AS ?n)
  VALUES ?np {{ {_TENURE_PROPS} }}
  GRAPH {s} {{ ?n ?np ?no }}
}}""",
        f"""DELETE {{ GRAPH {s} {{ ?t <{KG.statementCount}> ?k0 }} }} INSERT {{ GRAPH {s} {{ ?t <{KG.statementCount}> ?k1 }} }}
WHERE {{
  {_pairs(graph)}
  BIND({_iri(base)} AS ?t)
  GRAPH {s} {{ ?t <{KG.statementCount}> ?k0 }}
  FILTER(?k0 > 1)
  BIND(?k0 - 1 AS ?k1)
}}""",
    ]


def rebuild(summary: str, base: str) -> list[str]:
    """The updates replacing every tenure by a recount of all article graphs."""
    s = f"<{summary}>"
    articles = f'STRSTARTS(STR(?o), "{base}graph/article/")'
    return [
        f"""DELETE {{ GRAPH {s} {{ ?n ?np ?no }} }} WHERE {{ GRAPH {s} {{ ?n ?np ?no }}
  FILTER(STRSTARTS(STR(?n), "{base}id/tenure/")) }}""",
        _recount(summary, base, _pairs("?g0", f'FILTER(STRSTARTS(STR(?g0), "{base}graph/article/"))'),
                 f"FILTER({articles})"),
    ]
