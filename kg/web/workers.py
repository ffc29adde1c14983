"""Processes that evaluate SPARQL queries and can be killed on timeout (being built)."""
from __future__ import annotations

from kg.config import Settings


class QueryPool:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def close(self) -> None:
        pass
