"""spaCy pipelines, loaded once per process, and paragraph-wise parsing with article offsets."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kg.errors import ConfigError

FRENCH_MODEL = "fr_core_news_md"
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\S)")


@dataclass
class Paragraph:
    """A parsed paragraph; `offset` maps its character positions onto the article text."""

    offset: int
    doc: Any  # spacy.tokens.Doc


def load_pipeline(lang: str) -> Any:
    """The pipeline for a language: the French model, or a blank English one with a sentencizer."""
    import spacy

    if lang == "fr":
        try:
            return spacy.load(FRENCH_MODEL)
        except OSError as e:
            raise ConfigError(
                f"the spaCy model {FRENCH_MODEL} is not installed (pip install {FRENCH_MODEL}): {e}"
            ) from e
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each non-empty paragraph; title and body never merge into one sentence."""
    out: list[tuple[int, str]] = []
    start = 0
    for m in _PARAGRAPH.finditer(text):
        chunk = text[start:m.start()]
        if chunk.strip():
            out.append((start, chunk))
        start = m.end()
    if text[start:].strip():
        out.append((start, text[start:]))
    return out


def parse(nlp: Any, text: str) -> list[Paragraph]:
    """Parse paragraph by paragraph (one `pipe` call) keeping article offsets."""
    chunks = paragraphs(text)
    docs = nlp.pipe([c for _, c in chunks], batch_size=64)
    return [Paragraph(off, doc) for (off, _), doc in zip(chunks, docs)]
