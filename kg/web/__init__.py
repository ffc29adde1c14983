"""The web app: SPARQL endpoint, linked-data entity pages, article pages, search and query editor."""
from __future__ import annotations

from kg.web.app import create_app

__all__ = ["create_app"]
