"""Settings precedence: defaults < config file < KG_* environment < flags."""
from __future__ import annotations

import datetime as dt
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
