"""The Flask application factory."""
from __future__ import annotations

import logging
from typing import Any, Mapping

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from kg.config import Settings, load_settings
from kg.errors import KgError
from kg.resources import resource_path
from kg.web.store import StoreReader

log = logging.getLogger("kg.web")


class WebContext:
    """What every view needs: the settings, the store reader and the SPARQL query pool."""

    def __init__(self, settings: Settings) -> None:
        from kg.query.worker import QueryPool
        from kg.rdf.vocab import PREFIXES

        self.settings = settings
        self.reader = StoreReader(settings.store)
        self.pool = QueryPool(settings.store, settings.query_workers, settings.query_timeout, PREFIXES)

    def close(self) -> None:
        self.pool.close()


def kg_context(app: Flask | None = None) -> WebContext:
    """The WebContext of the current (or given) app."""
    from flask import current_app

    ctx: WebContext = (app or current_app).extensions["kg"]
    return ctx


def create_app(settings: Settings | None = None, test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app over `settings.store` (default: settings from kg.toml / KG_* variables).

    The store must exist (created by `kg ingest` or `kg load`); it is only ever opened read-only.
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
    context = WebContext(settings)
    context.reader.get()  # fail now, with a clear message, if there is no store
    app.extensions["kg"] = context

    from kg.web.editor import bp as editor_bp
    from kg.web.pages import bp as pages_bp
    from kg.web.sparql import bp as sparql_bp

    app.register_blueprint(sparql_bp)
    app.register_blueprint(editor_bp)
    app.register_blueprint(pages_bp)

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
