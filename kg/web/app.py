"""The Flask application factory."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Mapping

from flask import (
    Flask,
    Response,
    g,
    has_request_context,
    jsonify,
    make_response,
    render_template,
    request,
)
from werkzeug.exceptions import HTTPException

from kg.config import Settings, load_settings
from kg.errors import KgError
from kg.resources import resource_path
from kg.web.store import StoreReader

if TYPE_CHECKING:
    from kg.web.ratelimit import FairPool, FairUse

log = logging.getLogger("kg.web")


class WebContext:
    """What every view needs: the settings, the store reader, the fair-use limits and the SPARQL query pool."""

    def __init__(self, settings: Settings, fair: FairUse | None = None) -> None:
        """`fair`: the fair-use state to count clients in (default: this process's own; `kg serve
        --processes N` gives every process one shared table, kg.web.shared_fair)."""
        from kg.rdf.vocab import PREFIXES
        from kg.web.cache import ResponseCache
        from kg.web.ratelimit import FairPool, FairUse, QueryRunner

        self.settings = settings
        self.reader = StoreReader(settings)
        self.fair = fair if fair is not None else FairUse(settings.rate_limit, settings.rate_burst,
                                                          settings.max_client_queries, settings.query_timeout)
        inner: QueryRunner
        if settings.remote:
            # Query workers have no network: a remote store's queries are forwarded from this process.
            from kg.query.remote import RemoteQueryPool
            from kg.store.protocol import Service

            service = Service.of(settings.store, settings.update_url, settings.gsp_url, settings.store_user,
                                 settings.store_password, settings.store_timeout)
            inner = RemoteQueryPool(service, settings.query_workers, settings.query_timeout, PREFIXES)
        else:
            from kg.query.worker import QueryPool, default_memory_limit

            # The automatic memory cap shares half the machine among every server process's workers.
            inner = QueryPool(settings.store, settings.query_workers, settings.query_timeout, PREFIXES,
                              memory_limit=(settings.query_memory << 20)
                              or default_memory_limit(settings.query_workers * settings.serve_processes))
        self.pool: FairPool = FairPool(self.fair, current_client, inner)
        # Responses kept under the store's version; a remote store has none, so nothing to key them by.
        self.cache = ResponseCache(settings.cache_size << 20) if settings.cache_size > 0 and not settings.remote \
            else None

    def close(self) -> None:
        self.pool.close()


def kg_context(app: Flask | None = None) -> WebContext:
    """The WebContext of the current (or given) app."""
    from flask import current_app

    ctx: WebContext = (app or current_app).extensions["kg"]
    return ctx


def current_client() -> str | None:
    """The identity the current request is counted under (None outside a request or from loopback)."""
    if not has_request_context():
        return None
    client: str | None = g.get("kg_client")
    return client


def create_app(settings: Settings | None = None, test_config: Mapping[str, Any] | None = None, *,
               fair: FairUse | None = None) -> Flask:
    """Build the app over `settings.store` (default: settings from kg.toml / KG_* variables).

    The store must exist (created by `kg ingest` or `kg load`), or the remote SPARQL service answer;
    it is only ever opened read-only. `fair`: see WebContext.
    """
    settings = settings or load_settings()
    web = resource_path("web")
    app = Flask("kg.web", template_folder=str(web / "templates"), static_folder=str(web / "static"),
                static_url_path="/static")
    app.config.update(
        # Form and direct POST bodies: room for the longest query allowed, percent-encoded.
        MAX_CONTENT_LENGTH=max(1 << 20, 4 * settings.max_query_chars),
        JSON_SORT_KEYS=False,
    )
    if test_config:
        app.config.update(test_config)
    context = WebContext(settings, fair)
    context.reader.get()  # fail now, with a clear message, if there is no store
    app.extensions["kg"] = context

    from kg.web.editor import bp as editor_bp
    from kg.web.pages import bp as pages_bp
    from kg.web.sparql import bp as sparql_bp

    app.register_blueprint(sparql_bp)
    app.register_blueprint(editor_bp)
    app.register_blueprint(pages_bp)

    # Fair use and the response cache sit in front of Flask (kg.web.cache): every request is
    # counted there, and a refused one is answered here, as a 429 in the client's format.
    from kg.web.cache import CACHEABLE, CLIENT, REFUSAL, FrontDoor

    app.wsgi_app = FrontDoor(app.wsgi_app, context, context.cache)  # type: ignore[method-assign]

    @app.before_request
    def fair_use() -> Response | None:
        g.kg_client = request.environ.get(CLIENT)
        refusal = request.environ.get(REFUSAL)
        return None if refusal is None else too_many_requests(refusal.message, refusal.retry_after)

    @app.after_request
    def mark_cacheable(resp: Response) -> Response:
        """A 200 page or SPARQL answer depends only on the request and the store's data: it may be kept."""
        if resp.status_code == 200 and request.blueprint in ("pages", "sparql") and not resp.is_streamed:
            request.environ[CACHEABLE] = True
        return resp

    @app.errorhandler(HTTPException)
    def http_error(e: HTTPException) -> Response | tuple[Any, int]:
        return error_response(e.code or 500, e.description or e.name)

    @app.errorhandler(KgError)
    def kg_error(e: KgError) -> Response | tuple[Any, int]:
        log.error("%s %s: %s", request.method, request.path, e)
        return error_response(503, "the store cannot be read right now; try again shortly")

    @app.errorhandler(Exception)
    def unexpected(e: Exception) -> Response | tuple[Any, int]:
        log.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(500, "internal error; it has been logged")

    return app


def too_many_requests(message: str, retry_after: int) -> Response:
    """A 429 with Retry-After, in the endpoint's error style on /sparql (with its CORS headers)."""
    if request.path.startswith("/sparql"):
        from kg.web.sparql import CORS

        resp = Response(f"{message}\n", status=429, mimetype="text/plain", headers=CORS)
    else:
        resp = make_response(error_response(429, message))
    resp.headers["Retry-After"] = str(retry_after)
    return resp


def error_response(status: int, message: str) -> Response | tuple[Any, int]:
    """An error in the form the client asked for: HTML for browsers, JSON or plain text otherwise."""
    accept = request.accept_mimetypes
    if request.path.startswith("/sparql") or not accept:
        return Response(f"{message}\n", status=status, mimetype="text/plain")
    choice = accept.best_match(["text/html", "application/json", "text/plain"])
    if choice == "application/json":
        return jsonify({"error": message, "status": status}), status
    if choice == "text/html":
        return render_template("error.html", status=status, message=message), status
    return Response(f"{message}\n", status=status, mimetype="text/plain")
