"""Settings: defaults < config file < KG_* environment < command-line flags, built once."""
from __future__ import annotations

import dataclasses
import datetime as dt
import math
import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Mapping

from kg.errors import ConfigError

DEFAULT_BASE_IRI = "https://w3id.org/newskg/"
CONFIG_FILE_ENV = "KG_CONFIG"
DEFAULT_CONFIG_FILE = "kg.toml"


@dataclass(frozen=True)
class Settings:
    """Every setting the tool reads. Passed down explicitly; never a global."""

    store: str = "kg-store"  # directory of the embedded store
    base_iri: str = DEFAULT_BASE_IRI  # instance IRIs live under this
    default_lang: str | None = None  # language for records that give none (else detected)
    default_published: dt.date | None = None  # publication date for records that give none
    max_article_bytes: int = 20_000_000  # larger input files are refused
    validate: bool = True  # run the SHACL gate before storing
    link_endpoint: str = "https://query.wikidata.org/sparql"  # `kg link` asks this SPARQL endpoint
    min_confidence: float = 0.0  # posts, agreements and meetings extracted with less are not stored
    # The web app and SPARQL endpoint (`kg serve`).
    query_timeout: float = 30.0  # seconds; a query still running then is stopped and answered 503
    max_rows: int = 10_000  # result rows (or triples) per response; more are cut and flagged in a header
    max_query_chars: int = 262_144  # longer queries are refused with 400 before parsing
    max_query_depth: int = 64  # deeper bracket / operator nesting is refused with 400 before parsing
    query_workers: int = 2  # processes evaluating /sparql queries (each can be killed on timeout)
    query_memory: int = 0  # MiB of data each query worker may use (over it: 503); 0 = half the RAM shared, 1-4 GiB
    # Fair use, per client address: requests beyond these are answered 429 with Retry-After.
    rate_limit: float = 10.0  # requests a second each client may make on average (token bucket); 0 = off
    rate_burst: int = 100  # requests a client may make at once before rate_limit applies
    max_client_queries: int = 1  # /sparql queries one client may have running at once; 0 = no cap
    trust_forwarded: bool = False  # count clients by X-Forwarded-For's last entry (only behind a proxy)

    def __post_init__(self) -> None:
        if not self.base_iri.startswith(("http://", "https://")) or any(
                c in self.base_iri for c in ' <>"{}|\\^`') or not self.base_iri.isprintable():
            raise ConfigError(f"base_iri must be an http(s) IRI without spaces or <>\"{{}}|\\^`, "
                              f"got {self.base_iri!r}")
        if not self.base_iri.endswith(("/", "#")):
            object.__setattr__(self, "base_iri", self.base_iri + "/")
        if not self.link_endpoint.startswith(("http://", "https://")):
            raise ConfigError(f"link_endpoint must be an http(s) URL, got {self.link_endpoint!r}")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ConfigError(f"min_confidence must be between 0 and 1, got {self.min_confidence!r}")
        for name in ("max_article_bytes", "query_timeout", "max_rows", "max_query_chars", "max_query_depth",
                     "query_workers"):
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

    def replace(self, **changes: Any) -> "Settings":
        """A copy with the non-None `changes` applied."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


_INT_SETTINGS = ("max_article_bytes", "max_rows", "max_query_chars", "max_query_depth", "query_workers",
                 "rate_burst", "max_client_queries", "query_memory")
_FLOAT_SETTINGS = ("query_timeout", "min_confidence", "rate_limit")
_BOOL_SETTINGS = ("validate", "trust_forwarded")


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
