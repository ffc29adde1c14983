"""The SPARQL 1.1 Protocol endpoint (being built)."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("sparql", __name__)


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint() -> str:
    return "sparql"
