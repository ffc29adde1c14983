"""The SPARQL query editor (/query): YASGUI served from this package, and the analysts' cookbook.

YASGUI's files are copied into web/static/vendor/yasgui/ at build time (hatch_build.py); when
they are absent (a build with KG_SKIP_WEB_ASSETS=1) the page falls back to a plain form that
static/query.js turns into a results table. Either way nothing is loaded from another host.

The cookbook is web/cookbook/*.rq: each file starts with a comment line giving its title and
one giving a one-line description; the id is the file stem.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    jsonify,
    render_template,
    request,
    url_for,
)

from kg.errors import ConfigError
from kg.rdf.vocab import PREFIXES
from kg.resources import resource_path

bp = Blueprint("editor", __name__)

QUERY_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
YASGUI_DIR = "vendor/yasgui"  # under the static folder
YASGUI_FILES = ("yasgui.min.js", "yasgui.min.css")

# The order analysts meet the cookbook in; files not listed follow alphabetically.
COOKBOOK_ORDER = (
    "posts-of-person", "post-holders-of-organisation", "post-holders-on-date", "post-history", "post-disagreements",
    "agreements",
    "agreements-between-states",
    "meetings", "meetings-of-person", "fact-provenance", "fact-provenance-of-article", "mentions-in-context",
    "most-mentioned-actors", "co-mentioned-actors", "co-mentioned-actors-in-period", "co-mentioned-with-actor",
    "state-aliases",
    "persons-via-class-hierarchy", "wikidata-links",
    "articles-by-language-and-date", "quarantined-articles",
)

# What the page sends (CSP): scripts, styles, fonts and requests only to this server.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
                           "object-src 'none'; base-uri 'none'; frame-ancestors 'self'; form-action 'self'")


@dataclass(frozen=True)
class CookbookQuery:
    """One cookbook entry: id (file stem), title, one-line description and the SPARQL text."""

    id: str
    title: str
    description: str
    query: str


def parse_cookbook_file(path: Path) -> CookbookQuery:
    """Read one .rq file: `# Title`, `# Description`, then the query (which keeps the comments)."""
    text = path.read_text(encoding="utf-8")
    header: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line.lstrip("#").strip())
    if len(header) < 2 or not header[0] or not header[1]:
        raise ConfigError(f"{path}: a cookbook query must start with a '# title' line and a '# description' line")
    if not QUERY_ID.match(path.stem):
        raise ConfigError(f"{path}: cookbook file names must be lowercase letters, digits and hyphens")
    return CookbookQuery(path.stem, header[0], header[1], text)


@functools.lru_cache(maxsize=4)
def load_cookbook(folder: Path) -> tuple[CookbookQuery, ...]:
    """Every cookbook query in `folder`, in COOKBOOK_ORDER then alphabetical order (read once)."""
    rank = {name: i for i, name in enumerate(COOKBOOK_ORDER)}
    files = sorted(folder.glob("*.rq"), key=lambda p: (rank.get(p.stem, len(rank)), p.stem))
    return tuple(parse_cookbook_file(p) for p in files)


def cookbook() -> tuple[CookbookQuery, ...]:
    """The shipped cookbook."""
    return load_cookbook(resource_path("web/cookbook"))


def cookbook_entry(query_id: str) -> CookbookQuery:
    """One cookbook query by id, or 404."""
    if QUERY_ID.match(query_id):
        for entry in cookbook():
            if entry.id == query_id:
                return entry
    abort(404, description=f"no cookbook query {query_id!r} (see /query/cookbook.json)")


def yasgui_assets() -> dict[str, str] | None:
    """Static paths of the bundled YASGUI files and its version, or None if they were not built."""
    static = Path(current_app.static_folder or "")
    folder = static / YASGUI_DIR
    if not all((folder / name).is_file() for name in YASGUI_FILES):
        return None
    try:
        version = str(json.loads((folder / "build-info.json").read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        version = ""
    return {"js": f"{YASGUI_DIR}/yasgui.min.js", "css": f"{YASGUI_DIR}/yasgui.min.css",
            "licence": f"{YASGUI_DIR}/LICENSE.txt", "version": version}


def prefix_block() -> str:
    """PREFIX declarations for the public vocabulary (DESIGN §3), one per line."""
    width = max(len(p) for p in PREFIXES)
    return "".join(f"PREFIX {(prefix + ':').ljust(width + 1)} <{iri}>\n" for prefix, iri in PREFIXES.items())


def new_tab_query() -> str:
    """What a new editor tab starts with: the prefixes and a small query that returns rows."""
    return (prefix_block() + "\n"
            "SELECT ?article ?title ?published WHERE {\n"
            "  GRAPH ?g { ?article a kg:Article ; dct:title ?title . OPTIONAL { ?article dct:issued ?published } }\n"
            "}\nORDER BY DESC(?published)\nLIMIT 20\n")


def _entry_dict(entry: CookbookQuery) -> dict[str, str]:
    return {**asdict(entry),
            "url": url_for("editor.cookbook_query", query_id=entry.id, _external=True),
            "editor_url": url_for("editor.query_page", q=entry.id, _external=True)}


def _preload() -> dict[str, Any] | None:
    """The query the URL asks for: ?q=<cookbook id> (run at once) or ?query=<SPARQL> (run if run=1)."""
    query_id = request.args.get("q")
    if query_id:
        entry = cookbook_entry(query_id)
        return {"id": entry.id, "title": entry.title, "query": entry.query, "run": True}
    text = request.args.get("query")
    if text:
        limit = current_app.extensions["kg"].settings.max_query_chars
        if len(text) > limit:
            abort(400, description=f"query too long: {len(text)} characters (limit {limit})")
        return {"id": None, "title": "Linked query", "query": text, "run": request.args.get("run") == "1"}
    return None


@bp.get("/query")
def query_page() -> Response:
    """The editor page: YASGUI (or the plain fallback form) and the cookbook."""
    assets = yasgui_assets()
    entries = cookbook()
    page = {
        "endpoint": url_for("sparql.endpoint", _external=True),
        "prefixes": PREFIXES,
        "new_tab_query": new_tab_query(),
        "cookbook": [_entry_dict(e) for e in entries],
        "preload": _preload(),
        "yasgui": assets,
    }
    html = render_template("query.html", page=page)
    response = Response(html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return response


@bp.get("/query/cookbook.json")
def cookbook_json() -> Response:
    """The cookbook as JSON: id, title, description, query text and links for each entry."""
    return jsonify({"queries": [_entry_dict(e) for e in cookbook()]})


@bp.get("/query/cookbook/<query_id>.rq")
def cookbook_query(query_id: str) -> Response:
    """One cookbook query as a SPARQL file."""
    entry = cookbook_entry(query_id)
    response = Response(entry.query, content_type="application/sparql-query; charset=utf-8")
    response.headers["Content-Disposition"] = f'inline; filename="{entry.id}.rq"'
    return response
