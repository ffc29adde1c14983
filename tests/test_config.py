"""Settings precedence: defaults < config file < KG_* environment < flags."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from kg.config import Settings, load_settings
from kg.errors import ConfigError


def test_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    s = load_settings(environ={})
    assert s == Settings() and s.store == "kg-store" and s.base_iri == "https://w3id.org/newskg/"


def test_precedence(tmp_path: Path) -> None:
    cfg = tmp_path / "kg.toml"
    cfg.write_text('[kg]\nstore = "from-file"\nbase_iri = "http://file.example/"\ndefault_lang = "en"\n')
    s = load_settings(cfg, environ={"KG_STORE": "from-env"})
    assert (s.store, s.base_iri, s.default_lang) == ("from-env", "http://file.example/", "en")
    s = load_settings(cfg, environ={"KG_STORE": "from-env"}, store="from-flag")
    assert s.store == "from-flag"


def test_env_values_are_coerced(tmp_path: Path) -> None:
    s = load_settings(environ={"KG_DEFAULT_PUBLISHED": "2022-09-20", "KG_VALIDATE": "off",
                               "KG_MAX_ARTICLE_BYTES": "1000", "KG_CONFIG": ""})
    assert s.default_published == dt.date(2022, 9, 20) and s.validate is False and s.max_article_bytes == 1000


def test_base_iri_gets_a_trailing_slash() -> None:
    assert load_settings(environ={}, base_iri="http://ex.org/kg").base_iri == "http://ex.org/kg/"


@pytest.mark.parametrize("env,needle", [
    ({"KG_DEFAULT_PUBLISHED": "soon"}, "not an ISO date"),
    ({"KG_VALIDATE": "maybe"}, "not a boolean"),
    ({"KG_MAX_ARTICLE_BYTES": "big"}, "not an integer"),
    ({"KG_BASE_IRI": "ftp://x/"}, "http(s)"),
])
def test_bad_values_are_config_errors(env: dict[str, str], needle: str) -> None:
    with pytest.raises(ConfigError, match=needle.replace("(", r"\(").replace(")", r"\)")):
        load_settings(environ=env)


def test_bad_config_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("store = \n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(bad, environ={})
    unknown = tmp_path / "unknown.toml"
    unknown.write_text('colour = "blue"\n')
    with pytest.raises(ConfigError, match="unknown setting 'colour'"):
        load_settings(unknown, environ={})
    with pytest.raises(ConfigError, match="cannot read config file"):
        load_settings(tmp_path / "missing.toml", environ={})


def test_base_iri_with_spaces_is_refused() -> None:
    with pytest.raises(ConfigError, match="without spaces"):
        load_settings(environ={}, base_iri="http://ex.org/a b/")


def test_fair_use_settings(tmp_path: Path) -> None:
    s = Settings()
    assert (s.rate_limit, s.rate_burst, s.max_client_queries, s.trust_forwarded) == (10.0, 100, 1, False)
    s = load_settings(environ={"KG_RATE_LIMIT": "2.5", "KG_RATE_BURST": "7", "KG_MAX_CLIENT_QUERIES": "0",
                               "KG_TRUST_FORWARDED": "yes"})
    assert (s.rate_limit, s.rate_burst, s.max_client_queries, s.trust_forwarded) == (2.5, 7, 0, True)
    cfg = tmp_path / "kg.toml"
    cfg.write_text("rate_limit = 0\ntrust_forwarded = true\n")
    s = load_settings(cfg, environ={"KG_TRUST_FORWARDED": "off"}, rate_burst=3)
    assert (s.rate_limit, s.rate_burst, s.trust_forwarded) == (0.0, 3, False)
    assert Settings().serve_processes == 1 and load_settings(environ={"KG_SERVE_PROCESSES": "3"}).serve_processes == 3


@pytest.mark.parametrize("env,needle", [
    ({"KG_RATE_LIMIT": "-1"}, "rate_limit must be 0 (off) or a positive number"),
    ({"KG_RATE_LIMIT": "nan"}, "rate_limit must be 0 (off) or a positive number"),
    ({"KG_RATE_LIMIT": "fast"}, "rate_limit: not a number"),
    ({"KG_RATE_BURST": "0"}, "rate_burst must be at least 1"),
    ({"KG_RATE_BURST": "1.5"}, "rate_burst: not an integer"),
    ({"KG_MAX_CLIENT_QUERIES": "-1"}, "max_client_queries must be 0 (no cap) or more"),
    ({"KG_TRUST_FORWARDED": "maybe"}, "trust_forwarded: not a boolean"),
    ({"KG_SERVE_PROCESSES": "0"}, "serve_processes must be positive"),
    ({"KG_SERVE_PROCESSES": "two"}, "serve_processes: not an integer"),
])
def test_bad_fair_use_values(env: dict[str, str], needle: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(needle)):
        load_settings(environ=env)


def test_a_boolean_setting_must_be_a_boolean_in_the_config_file(tmp_path: Path) -> None:
    cfg = tmp_path / "kg.toml"
    cfg.write_text("trust_forwarded = 1\n")
    with pytest.raises(ConfigError, match="trust_forwarded: not a boolean"):
        load_settings(cfg, environ={})


def test_remote_store_settings(tmp_path: Path) -> None:
    s = Settings()
    assert (s.update_url, s.gsp_url, s.store_user, s.store_password, s.store_timeout) == (None, None, None, None, 60.0)
    assert not s.remote
    s = load_settings(environ={"KG_STORE": "https://db.example/ds/query", "KG_UPDATE_URL": "https://db.example/ds/update",
                               "KG_GSP_URL": "https://db.example/ds/data", "KG_STORE_USER": "ana",
                               "KG_STORE_PASSWORD": "s3cret", "KG_STORE_TIMEOUT": "5"})
    assert s.remote and (s.update_url, s.gsp_url, s.store_timeout) == (
        "https://db.example/ds/update", "https://db.example/ds/data", 5.0)
    assert "s3cret" not in repr(s)  # settings may be logged; the password is not shown
    cfg = tmp_path / "kg.toml"
    cfg.write_text('store = "http://localhost:7878/query"\nupdate_url = "http://localhost:7878/update"\n')
    s = load_settings(cfg, environ={}, update_url="http://other:7878/update")
    assert (s.store, s.update_url) == ("http://localhost:7878/query", "http://other:7878/update")


@pytest.mark.parametrize("values,needle", [
    ({"store": "http://ana:s3cret@db.example/query"}, "credentials in the URL are refused"),
    ({"store": "http://db.example:99999/query"}, "not a valid URL"),
    ({"store": "https:///query"}, "with a host"),
    ({"store": "http://db.example/a b"}, "without spaces"),
    ({"store": "kg-store", "update_url": "http://db.example/update"}, "only for a remote store"),
    ({"store": "http://db.example/q", "gsp_url": "ftp://db.example/data"}, "gsp_url: not an http(s) URL"),
    ({"store": "http://db.example/q", "store_user": "ana"}, "go together"),
    ({"store": "http://db.example/q", "store_timeout": 0}, "store_timeout must be positive"),
])
def test_bad_remote_store_settings(values: dict[str, object], needle: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(needle)) as e:
        Settings(**values)  # type: ignore[arg-type]
    assert "s3cret" not in str(e.value)


def test_unknown_backend_lists_the_choices() -> None:
    from kg.store import backend_for, open_store

    assert (backend_for("kg-store"), backend_for("HTTPS://db.example/q")) == ("oxigraph", "sparql")
    with pytest.raises(ConfigError, match=re.escape("choices: oxigraph, sparql")):
        open_store("kg-store", backend="virtuoso")
