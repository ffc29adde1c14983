"""Settings: defaults < config file < KG_* environment < command-line flags, built once."""
from __future__ import annotations

import dataclasses
import datetime as dt
import math
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urlsplit

from kg.errors import ConfigError

DEFAULT_BASE_IRI = "https://w3id.org/newskg/"
CONFIG_FILE_ENV = "KG_CONFIG"
DEFAULT_CONFIG_FILE = "kg.toml"


@dataclass(frozen=True)
class Settings:
    """Every setting the tool reads. Passed down explicitly; never a global."""

    store: str = "kg-store"  # directory of the embedded store, or the query URL of a remote SPARQL 1.1 service
    # A remote store (`store` an http(s) URL): where updates and Graph Store Protocol requests go.
    update_url: str | None = None  # SPARQL 1.1 Update URL; None = the query URL
    gsp_url: str | None = None  # Graph Store Protocol URL (used by load and export); None = SPARQL only
    store_user: str | None = None  # HTTP basic auth for a remote store (never in the URL: URLs get printed)
    store_password: str | None = field(default=None, repr=False)
    store_timeout: float = 60.0  # seconds to wait for each answer of a remote store
    base_iri: str = DEFAULT_BASE_IRI  # instance IRIs live under this
    default_lang: str | None = None  # language for records that give none (else detected)
    default_published: dt.date | None = None  # publication date for records that give none
    max_article_bytes: int = 20_000_000  # larger input files are refused
    validate: bool = True  # run the SHACL gate before storing
    link_endpoint: str = "https://query.wikidata.org/sparql"  # `kg link` asks this SPARQL endpoint
    min_confidence: float = 0.0  # posts, agreements and meetings extracted with less are not stored
    ingest_workers: int = 1  # `kg ingest` processes extracting and validating; 0 = one per CPU
    # The web app and SPARQL endpoint (`kg serve`).
    query_timeout: float = 30.0  # seconds; a query still running then is stopped and answered 503
    max_rows: int = 10_000  # result rows (or triples) per response; more are cut and flagged in a header
    max_query_chars: int = 262_144  # longer queries are refused with 400 before parsing
    max_query_depth: int = 64  # deeper bracket / operator nesting is refused with 400 before parsing
    query_workers: int = 2  # processes evaluating /sparql queries (each can be killed on timeout)
    query_memory: int = 0  # MiB of data each query worker may use (over it: 503); 0 = half the RAM shared, 1-4 GiB
    serve_processes: int = 1  # `kg serve` processes answering requests (each with its own query_workers)
    # Fair use, per client address: requests beyond these are answered 429 with Retry-After.
    rate_limit: float = 10.0  # requests a second each client may make on average (token bucket); 0 = off
    rate_burst: int = 100  # requests a client may make at once before rate_limit applies
    max_client_queries: int = 1  # /sparql queries one client may have running at once; 0 = no cap
    trust_forwarded: bool = False  # count clients by X-Forwarded-For's last entry (only behind a proxy)
    cache_size: int = 64  # MiB of responses kept under the store's version (kg.web.cache); 0 = no cache
    # Reading http(s) URLs (`kg ingest --fetch`, `kg watch`; kg.ingest.fetch).
    fetch: bool = False  # read inputs given as URLs (and feeds' linked pages); off, a URL is an input error
    # Also fetch loopback, private and link-local addresses, on any port. Dangerous: whoever chooses a
    # URL (a feed's author, a redirect) can then make this machine read its own services, its network's
    # and a cloud's metadata (169.254.169.254). For tests and trusted intranets only.
    fetch_allow_private: bool = False
    fetch_timeout: float = 10.0  # seconds to connect, and to wait for any data once connected
    fetch_total_timeout: float = 30.0  # seconds for one whole request (each redirect hop is one)
    fetch_max_bytes: int = 5_000_000  # a page or feed larger than this (after decompression) is refused
    fetch_max_redirects: int = 5
    fetch_delay: float = 1.0  # seconds between two requests to one host (robots.txt's Crawl-delay raises it)
    fetch_contact: str = "https://w3id.org/newskg/"  # URL or e-mail in the User-Agent, for site owners
    # `kg watch`: seconds between passes over its sources, and the file of what it has stored
    # (None: beside an embedded store, STORE.watch.sqlite).
    watch_interval: float = 300.0
    watch_state: str | None = None

    def __post_init__(self) -> None:
        if not self.base_iri.startswith(("http://", "https://")) or any(
                c in self.base_iri for c in ' <>"{}|\\^`') or not self.base_iri.isprintable():
            raise ConfigError(f"base_iri must be an http(s) IRI without spaces or <>\"{{}}|\\^`, "
                              f"got {self.base_iri!r}")
        if not self.base_iri.endswith(("/", "#")):
            object.__setattr__(self, "base_iri", self.base_iri + "/")
        self._check_store()
        if not self.link_endpoint.startswith(("http://", "https://")):
            raise ConfigError(f"link_endpoint must be an http(s) URL, got {self.link_endpoint!r}")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ConfigError(f"min_confidence must be between 0 and 1, got {self.min_confidence!r}")
        if self.ingest_workers < 0:
            raise ConfigError(f"ingest_workers must be 0 (one per CPU) or more, got {self.ingest_workers!r}")
        for name in ("max_article_bytes", "query_timeout", "max_rows", "max_query_chars", "max_query_depth",
                     "query_workers", "serve_processes", "store_timeout"):
            value = getattr(self, name)
            if not math.isfinite(value) or value <= 0:
                raise ConfigError(f"{name} must be positive")
        if not math.isfinite(self.rate_limit) or self.rate_limit < 0:
            raise ConfigError(f"rate_limit must be 0 (off) or a positive number of requests a second, "
                              f"got {self.rate_limit!r}")
        if self.rate_burst < 1:
            raise ConfigError(f"rate_burst must be at least 1, got {self.rate_burst!r}")
        if self.query_memory < 0 or 0 < self.query_memory < 256:
            raise ConfigError(f"query_memory must be 0 (automatic) or at least 256 MiB (a worker needs about that to start), got {self.query_memory!r}")
        if self.max_client_queries < 0:
            raise ConfigError(f"max_client_queries must be 0 (no cap) or more, got {self.max_client_queries!r}")
        if self.cache_size < 0:
            raise ConfigError(f"cache_size must be 0 (no cache) or a number of MiB, got {self.cache_size!r}")
        self._check_fetch()

    def _check_fetch(self) -> None:
        for name in ("fetch_timeout", "fetch_total_timeout", "fetch_max_bytes", "watch_interval"):
            value = getattr(self, name)
            if not math.isfinite(value) or value <= 0:
                raise ConfigError(f"{name} must be positive, got {value!r}")
        if self.fetch_max_redirects < 0:
            raise ConfigError(f"fetch_max_redirects must be 0 or more, got {self.fetch_max_redirects!r}")
        if not math.isfinite(self.fetch_delay) or self.fetch_delay < 0:
            raise ConfigError(f"fetch_delay must be 0 or a number of seconds, got {self.fetch_delay!r}")
        contact = self.fetch_contact
        if not contact or len(contact) > 200 or not contact.isprintable() or any(c in contact for c in "()\\"):
            raise ConfigError("fetch_contact must be a URL or e-mail address of at most 200 printable "
                              f"characters without parentheses or backslashes, got {contact[:80]!r}")

    @property
    def remote(self) -> bool:
        """Whether the store is a remote SPARQL service rather than a directory."""
        return is_url(self.store)

    def _check_store(self) -> None:
        if self.remote:
            problem = url_problem(self.store)
            if problem:
                raise ConfigError(f"store: {problem}")
        for name in ("update_url", "gsp_url"):
            value = getattr(self, name)
            if value is None:
                continue
            if not self.remote:
                raise ConfigError(f"{name} is only for a remote store (store must be an http(s) URL, "
                                  f"got the directory {self.store!r})")
            problem = url_problem(value) if is_url(value) else "not an http(s) URL"
            if problem:
                raise ConfigError(f"{name}: {problem}")
        if (self.store_user is None) != (self.store_password is None):
            raise ConfigError("store_user and store_password go together (KG_STORE_USER and KG_STORE_PASSWORD)")

    def replace(self, **changes: Any) -> "Settings":
        """A copy with the non-None `changes` applied."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


_INT_SETTINGS = ("max_article_bytes", "max_rows", "max_query_chars", "max_query_depth", "query_workers",
                 "serve_processes",
                 "rate_burst", "max_client_queries", "query_memory", "ingest_workers", "cache_size",
                 "fetch_max_bytes", "fetch_max_redirects")
_FLOAT_SETTINGS = ("query_timeout", "min_confidence", "rate_limit", "store_timeout", "fetch_timeout",
                   "fetch_total_timeout", "fetch_delay", "watch_interval")
_BOOL_SETTINGS = ("validate", "trust_forwarded", "fetch", "fetch_allow_private")


def is_url(location: str) -> bool:
    """Whether a store location names a remote SPARQL service (an http or https URL)."""
    return location[:8].lower().startswith(("http://", "https://"))


def url_problem(url: str) -> str | None:
    """What is wrong with a SPARQL service URL, or None; the URL is not repeated if it holds credentials."""
    if not url.isprintable() or any(c in url for c in ' <>"{}|\\^`'):
        return "a URL without spaces, control characters or <>\"{}|\\^`"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError on a port that is not a number in range
    except ValueError as e:
        return f"not a valid URL ({e})"
    if parts.username is not None or parts.password is not None:
        return ("credentials in the URL are refused (URLs appear in messages and logs): "
                "set KG_STORE_USER and KG_STORE_PASSWORD instead")
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return f"not an http(s) URL with a host: {url!r}"
    if parts.fragment:
        return f"a service URL has no #fragment: {url!r}"
    return None


def _coerce(name: str, value: Any) -> Any:
    if name == "default_published" and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as e:
            raise ConfigError(f"{name}: not an ISO date: {value!r}") from e
    numeric = {**{n: (int, "an integer") for n in _INT_SETTINGS}, **{n: (float, "a number") for n in _FLOAT_SETTINGS}}
    if name in numeric:
        convert, what = numeric[name]
        if isinstance(value, bool):
            raise ConfigError(f"{name}: not {what}: {value!r}")
        try:
            return convert(value)
        except (TypeError, ValueError) as e:
            raise ConfigError(f"{name}: not {what}: {value!r}") from e
    if name in _BOOL_SETTINGS and isinstance(value, str):
        low = value.strip().lower()
        if low not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
            raise ConfigError(f"{name}: not a boolean: {value!r}")
        return low in ("1", "true", "yes", "on")
    if name in _BOOL_SETTINGS and not isinstance(value, bool):
        raise ConfigError(f"{name}: not a boolean: {value!r}")
    return value


def _from_mapping(data: Mapping[str, Any], origin: str) -> dict[str, Any]:
    known = {f.name for f in fields(Settings)}
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            raise ConfigError(f"{origin}: unknown setting {key!r} (known: {', '.join(sorted(known))})")
        out[key] = _coerce(key, value)
    return out


def load_settings(
    config_file: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
    **flags: Any,
) -> Settings:
    """Build Settings from defaults, then the config file, then KG_* variables, then flags."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    path = Path(config_file) if config_file else None
    if path is None and env.get(CONFIG_FILE_ENV):
        path = Path(env[CONFIG_FILE_ENV])
    if path is None and Path(DEFAULT_CONFIG_FILE).is_file():
        path = Path(DEFAULT_CONFIG_FILE)
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as e:
            raise ConfigError(f"{path}: cannot read config file: {e.strerror}") from e
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise ConfigError(f"{path}: not valid TOML: {e}") from e
        values.update(_from_mapping(data.get("kg", data), str(path)))
    for f in fields(Settings):
        var = "KG_" + f.name.upper()
        if var in env and env[var] != "":
            values.update(_from_mapping({f.name: env[var]}, var))
    values.update(_from_mapping({k: v for k, v in flags.items() if v is not None}, "command line"))
    return Settings(**values)
