"""Instance and graph IRIs under the configured base IRI."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

from kg.rdf.vocab import ONTOLOGY_IRI

ONTOLOGY_GRAPH = str(ONTOLOGY_IRI)  # the ontology lives in a graph named after itself


# Latin letters that do not decompose into a base letter and an accent: spelled out.
_LATIN = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "ẞ": "SS", "đ": "d", "Đ": "D",
                        "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
                        "ı": "i", "ħ": "h", "Ħ": "H", "ŋ": "ng", "Ŋ": "NG", "ŧ": "t", "Ŧ": "T", "ĸ": "k",
                        "ƒ": "f", "ſ": "s", "ŀ": "l", "Ŀ": "L"})


def slug(text: str) -> str:
    """A readable, ASCII, lower-case path segment: "Xi Jinping" -> "xi-jinping", "Lech Wałęsa" ->
    "lech-walesa", "Søren Ødegård" -> "soren-odegard"."""
    s = unicodedata.normalize("NFKD", text.translate(_LATIN))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s[:80] or "x"


def _seg(value: str) -> str:
    return quote(value, safe="-._~")


def article_iri(base: str, article_id: str) -> str:
    return f"{base}id/article/{_seg(article_id)}"


def article_graph(base: str, article_id: str) -> str:
    return f"{base}graph/article/{_seg(article_id)}"


def quarantine_graph(base: str, article_id: str) -> str:
    return f"{base}graph/quarantine/{_seg(article_id)}"


def entities_graph(base: str) -> str:
    return f"{base}graph/entities"


def entity_iri(base: str, key: str) -> str:
    """`key` is "kind/slug" ("person/xi-jinping"); each part is kept IRI-safe."""
    return f"{base}id/" + "/".join(_seg(p) for p in key.split("/"))


def fact_iri(base: str, article_id: str, kind: str, n: int) -> str:
    return f"{article_iri(base, article_id)}/{kind}/{n}"


def graph_of_fact(base: str, fact: str) -> str | None:
    """The article graph that holds a fact node named by `fact_iri` (its article id is one segment:
    `_seg` encodes "/"), or None for another IRI."""
    prefix = f"{base}id/article/"
    if not fact.startswith(prefix):
        return None
    article, _, rest = fact[len(prefix):].partition("/")
    return f"{base}graph/article/{article}" if article and rest else None


def article_of_fact(base: str, fact: str) -> str | None:
    """The article a fact node named by `fact_iri` was read from, or None for another IRI."""
    graph = graph_of_fact(base, fact)
    return f"{base}id/article/{graph[len(base) + len('graph/article/'):]}" if graph else None


def post_iri(base: str, body_key: str, title_en: str) -> str:
    """One post per body and English title, whatever language or spelling named it:
    ("state/poland", "Prime Minister") -> `id/post/state/poland/prime-minister`."""
    return f"{base}id/post/" + "/".join(_seg(p) for p in body_key.split("/")) + f"/{slug(title_en)}"


def role_iri(base: str, label: str, lang: str) -> str:
    """One role node per language and exact title, so that no role node collects the labels of
    other languages or spellings and `org:role/rdfs:label` gives one title per post: a readable
    slug and a digest of the title itself ("ministre de l'Intérieur"@fr is
    `id/role/fr/ministre-de-l-interieur-<digest>`, and the curly-apostrophe spelling gets its own)."""
    exact = unicodedata.normalize("NFC", label)
    digest = hashlib.sha1(exact.encode("utf-8")).hexdigest()[:8]
    return f"{base}id/role/{slug(lang or 'und')}/{slug(exact)[:64].rstrip('-')}-{digest}"


def quarantine_iri(base: str, article_id: str) -> str:
    return f"{base}id/quarantine/{_seg(article_id)}"


def inferred_graph(base: str) -> str:
    """What `kg reason` infers: kept apart from extracted facts, replaced on each run."""
    return f"{base}graph/inferred"


def reasoning_activity(base: str) -> str:
    return f"{base}activity/reasoning"
