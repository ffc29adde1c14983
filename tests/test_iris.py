"""Entity IRIs: readable ASCII path segments, every Latin letter spelled out."""
from __future__ import annotations

import pytest

from kg.rdf.iris import slug


@pytest.mark.parametrize("name, expected", [
    ("Xi Jinping", "xi-jinping"),
    ("Lech Wałęsa", "lech-walesa"),
    ("Søren Ødegård", "soren-odegard"),
    ("Straße des 17. Juni", "strasse-des-17-juni"),
    ("Þórdís Kolbrún Gylfadóttir", "thordis-kolbrun-gylfadottir"),
    ("Đorđe Ćurčić", "dorde-curcic"),
    ("Œuvre d'Orient", "oeuvre-d-orient"),
    ("Recep Tayyip Erdoğan", "recep-tayyip-erdogan"),
])
def test_every_latin_letter_is_transliterated(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_nothing_left_gives_a_placeholder_not_an_empty_segment() -> None:
    assert slug("!!!") == "x"
