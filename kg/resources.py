"""Find the data files that ship with kg: the ontology, the shapes and the web assets."""
from __future__ import annotations

from pathlib import Path

from kg.errors import ConfigError

_PACKAGE_DIR = Path(__file__).resolve().parent
# In a wheel the top-level ontology/, shapes/ and web/ folders are copied to kg/_data/.
_INSTALLED_ROOT = _PACKAGE_DIR / "_data"
# In a source checkout they sit beside the kg/ package.
_CHECKOUT_ROOT = _PACKAGE_DIR.parent


def resource_path(relative: str) -> Path:
    """Absolute path of a shipped file such as "ontology/kg.ttl"; raises ConfigError if absent."""
    rel = Path(relative)
    if rel.is_absolute() or ".." in rel.parts:
        raise ConfigError(f"resource path must be relative and stay inside the package: {relative!r}")
    candidates = (_INSTALLED_ROOT / rel, _CHECKOUT_ROOT / rel)
    for candidate in candidates:
        if candidate.exists():
            return candidate
    looked = ", ".join(str(c) for c in candidates)
    raise ConfigError(f"shipped resource {relative!r} not found (looked in {looked}); is kg installed completely?")


def ontology_path() -> Path:
    """The OWL ontology (Turtle)."""
    return resource_path("ontology/kg.ttl")


def shapes_path() -> Path:
    """The SHACL shapes (Turtle)."""
    return resource_path("shapes/kg.ttl")
