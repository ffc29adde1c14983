"""Home, entity, article and search pages (being built)."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("pages", __name__)


@bp.get("/")
def home() -> str:
    return "home"


@bp.get("/search")
def search() -> str:
    return "search"
