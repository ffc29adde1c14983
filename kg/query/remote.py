"""/sparql over a remote store: the (already guarded) query is forwarded to the service's query URL.

The query worker processes cannot do this (they are denied network sockets), and need not: the
remote service evaluates. The forwarding runs in the server process with the same interface as
QueryPool (`run(job) -> Answer`): at most `size` queries in flight, the query timeout as the
HTTP deadline (503 "timed out", never partial rows), at most `max_rows` rows or triples re-encoded
in the requested format with the same row accounting. The service's own time limit should be
at least as long (Oxigraph answers 200 with a cut-off result when its `--timeout-s` passes; such
an answer does not parse and is reported 502).
"""
from __future__ import annotations

import logging

from kg.errors import QueryError, StoreError
from kg.query import formats
from kg.query.worker import Answer, Job, SlotPool
from kg.store.protocol import (
    NTRIPLES,
    RESULTS_JSON,
    HttpStatusError,
    Service,
    TimedOut,
    TooLarge,
    form_body,
    parse_result,
)

log = logging.getLogger("kg.query")

MAX_RESULT_BYTES = 64 << 20  # a SELECT answer read from the service at most (row cap applied after parsing)


class RemoteQueryPool(SlotPool):
    """At most `size` queries forwarded to the remote service at once, each within `timeout` seconds."""

    def __init__(self, service: Service, size: int, timeout: float, prefixes: dict[str, str] | None = None,
                 max_bytes: int = MAX_RESULT_BYTES) -> None:
        super().__init__(size, timeout)
        self.service = service
        self.prefixes = dict(prefixes or {})
        self.max_bytes = max_bytes

    def _evaluate(self, job: Job, limit: float) -> Answer:
        """Forward `job`; a timeout or a failing service becomes an error Answer."""
        graph_form = job.form in ("CONSTRUCT", "DESCRIBE")
        text = f"BASE <{job.base_iri}>\n{job.query}" if job.base_iri else job.query
        params = [("query", text)]
        params += [("default-graph-uri", g) for g in job.default_graphs or []]
        params += [("named-graph-uri", g) for g in job.named_graphs or []]
        url = self.service.query_url
        try:
            reply = self.service.send(url, form_body(params), "application/x-www-form-urlencoded",
                                      NTRIPLES if graph_form else RESULTS_JSON, timeout=limit,
                                      max_bytes=None if graph_form else self.max_bytes,
                                      stop_after_lines=job.max_rows + 1 if graph_form else None)
            result = parse_result(reply, url)
        except TimedOut:
            log.warning("remote query timed out after %g s (%s)", limit, url)
            return Answer.error(503, f"query timed out after {limit:g} s")
        except TooLarge:
            return Answer.error(503, f"the answer is larger than {self.max_bytes >> 20} MiB before the row cap "
                                     "applies; add a LIMIT")
        except HttpStatusError as e:
            log.warning("remote store answered HTTP %s: %s", e.status, e.detail)
            if e.status == 400:
                return Answer.error(400, f"malformed query: {e.detail or 'refused by the store'}")
            return Answer.error(502, f"the remote store answered HTTP {e.status}")
        except (StoreError, QueryError) as e:
            log.error("remote query failed: %s", e)
            return Answer.error(502 if "malformed" in str(e) else 503,
                                "the remote store gave no usable answer; try again shortly")
        if result.kind == "boolean":
            media_type = formats.canonical(job.media_type, "ASK")
            return Answer(200, media_type, formats.boolean(bool(result.boolean), media_type), rows=1)
        if result.kind == "bindings":
            cut = len(result.rows) > job.max_rows
            rows = result.rows[: job.max_rows]
            media_type = formats.canonical(job.media_type, "SELECT")
            return Answer(200, media_type, formats.solutions(result.variables, rows, media_type), len(rows), cut)
        cut = len(result.triples) > job.max_rows or not reply.complete
        triples = result.triples[: job.max_rows]
        media_type = formats.canonical(job.media_type, "CONSTRUCT")
        return Answer(200, media_type, formats.graph(triples, media_type, self.prefixes), len(triples), cut)
