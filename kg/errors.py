"""Errors the user can act on. Each carries the file, line or article it is about."""
from __future__ import annotations


class KgError(Exception):
    """Base class: a known failure, printed as one line by the CLI."""

    exit_code = 2


class ConfigError(KgError):
    """A setting is missing, malformed or names an unknown choice."""


class InputError(KgError):
    """An input file or record cannot be read as an article or as RDF."""

    def __init__(self, message: str, source: str | None = None, line: int | None = None) -> None:
        self.source = source
        self.line = line
        where = source or ""
        if source and line is not None:
            where = f"{source}:{line}"
        super().__init__(f"{where}: {message}" if where else message)


class StoreError(KgError):
    """The store cannot be opened, read or written."""


class StoreLockedError(StoreError):
    """Another process holds the store's write lock."""


class QueryError(KgError):
    """A SPARQL query or update is malformed or failed."""


class ExtractionError(KgError):
    """Extraction failed on one article (the batch goes on)."""
