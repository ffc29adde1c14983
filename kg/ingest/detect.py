"""Language detection (French or English) with lingua, built on first use."""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

FALLBACK_LANG = "fr"
MIN_CONFIDENCE = 0.7  # top language's share; below this the text is called undecided
SAMPLE_CHARS = 2000  # detection reads the start of the article only


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    """French and English models only (~20 MB); built once per process, on first use."""
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.FRENCH, Language.ENGLISH).build()


def detect_lang(text: str, fallback: str = FALLBACK_LANG) -> str:
    """"fr" or "en"; `fallback` when the text is too short or mixed to tell."""
    sample = text[:SAMPLE_CHARS]
    if not any(c.isalpha() for c in sample):
        return fallback
    values = _detector().compute_language_confidence_values(sample)
    if not values or values[0].value < MIN_CONFIDENCE:
        return fallback
    return values[0].language.iso_code_639_1.name.lower()
