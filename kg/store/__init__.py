"""Stores by name: "oxigraph" (embedded, a directory). Backends are imported lazily."""
from __future__ import annotations

from kg.errors import ConfigError
from kg.store.base import QueryResult, Store

BACKENDS = ("oxigraph",)


def backend_for(location: str) -> str:
    """The backend name a store location implies."""
    if location.startswith(("http://", "https://")):
        raise ConfigError(
            f"{location}: remote SPARQL stores are not supported yet; give a directory for the embedded store"
        )
    return "oxigraph"


def open_store(location: str, *, read_only: bool = False, backend: str | None = None) -> Store:
    """Open the store at `location` with the named backend (default: implied by the location)."""
    name = backend or backend_for(location)
    if name == "oxigraph":
        from kg.store.embedded import EmbeddedStore

        return EmbeddedStore.open(location, read_only=read_only)
    raise ConfigError(f"unknown store backend {name!r} (choices: {', '.join(BACKENDS)})")


__all__ = ["BACKENDS", "QueryResult", "Store", "open_store", "backend_for"]
