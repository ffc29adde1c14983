"""No rule, pack or comment of the extraction engine repeats six words of an annotated article.

Runs the shared checker (../shared/tools/gold_leaks.py) over the code and the language packs. The
gazetteer's name tables are left out: an organisation's official name ("Organisation pour la sécurité
et la coopération en Europe") is a name, not a sentence, and may appear in an article word for word.
"""
from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TOOL = SHARED / "tools" / "gold_leaks.py"


def test_engine_and_packs_share_no_six_words_with_the_gold() -> None:
    if not TOOL.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{TOOL} missing: CI must have ../shared beside the checkout")
        pytest.skip("../shared is not beside this checkout")
    spec = importlib.util.spec_from_file_location("gold_leaks", TOOL)
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    gold: dict[tuple[str, ...], str] = {}
    for p in sorted((SHARED / "gold").glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        for sh in tool.shingles(tool.words(d.get("text", ""))):
            gold.setdefault(sh, d["id"])
    files = [*sorted((ROOT / "kg").rglob("*.py")), *sorted((ROOT / "kg" / "extract" / "packs").rglob("*.t*"))]
    hits = []
    for f in files:
        ws = tool.words(f.read_text(encoding="utf-8", errors="replace"))
        hits += [f"{f.relative_to(ROOT)}: {' '.join(ws[i:i + tool.N])!r} ({gold[tuple(ws[i:i + tool.N])]})"
                 for i in range(len(ws) - tool.N + 1) if tuple(ws[i:i + tool.N]) in gold]
    assert not hits, "\n".join(hits)
