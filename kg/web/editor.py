"""The SPARQL query editor page (being built)."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("editor", __name__)


@bp.get("/query")
def query_page() -> str:
    return "query"
