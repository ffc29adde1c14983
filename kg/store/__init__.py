"""Stores by name: "oxigraph" (embedded, a directory) and "sparql" (a remote SPARQL 1.1 service, an
http(s) URL). Backends are imported lazily."""
from __future__ import annotations

import typing

from kg.errors import ConfigError
from kg.store.base import QueryResult, Store

if typing.TYPE_CHECKING:
    from kg.config import Settings

BACKENDS = ("oxigraph", "sparql")


def backend_for(location: str) -> str:
    """The backend name a store location implies: "sparql" for an http(s) URL, else "oxigraph"."""
    from kg.config import is_url

    return "sparql" if is_url(location) else "oxigraph"


def open_store(where: str | Settings, *, read_only: bool = False, backend: str | None = None) -> Store:
    """Open the store at `where`: a location, or the Settings naming one (with a remote store's
    update and Graph Store Protocol URLs, credentials and timeout). The backend defaults to the
    one the location implies."""
    from kg.config import Settings

    settings = where if isinstance(where, Settings) else None
    location = settings.store if settings else typing.cast(str, where)
    name = backend or backend_for(location)
    if name == "oxigraph":
        from kg.store.embedded import EmbeddedStore

        return EmbeddedStore.open(location, read_only=read_only)
    if name == "sparql":
        from kg.store.remote import SparqlStore

        if settings is None:
            return SparqlStore.open(location, read_only=read_only)
        return SparqlStore.open(location, read_only=read_only, update_url=settings.update_url,
                                gsp_url=settings.gsp_url, user=settings.store_user,
                                password=settings.store_password, timeout=settings.store_timeout)
    raise ConfigError(f"unknown store backend {name!r} (choices: {', '.join(BACKENDS)})")


__all__ = ["BACKENDS", "QueryResult", "Store", "backend_for", "open_store"]
