"""The tortured-phrase scorer (tools.evaluate.spun) on invented items."""

from __future__ import annotations

import json
from pathlib import Path

from tools.evaluate import spun as ev

# Invented (tortured, original) pairs in the style of synonym spinners.
PAIRS = [
    ("swift conveyance", "rapid transport"),
    ("swift conveyance network", "rapid transport network"),
    ("murky vessel", "dark ship"),
    ("murky harbour", "dark harbour"),
    ("swift harbour", "rapid harbour"),
    ("gloomy conveyance", "dark transport"),
    ("tidal vigor", "tidal energy"),
    ("solar vigor", "solar energy"),
    ("vigor storage", "energy storage"),
    ("swift vigor", "rapid energy"),
]


def _items() -> list[dict]:
    out = []
    for n, (tortured, original) in enumerate(PAIRS):
        out.append({"item_id": f"p{n}", "text": tortured, "label": 1, "expected": original})
        out.append({"item_id": f"n{n}", "text": original, "label": 0, "expected": original})
    return out


def test_norm_and_folds_are_deterministic():
    assert ev.norm("Internet of Things (IoT) ") == "internet of things"
    assert ev.fold_of("Rapid transport") == ev.fold_of("rapid  transport (?)")
    assert 0 <= ev.fold_of("x") < ev.K_FOLDS


def test_prf():
    assert ev.prf([(1, 1), (0, 1), (1, 0), (0, 0)]) == {
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
        "n": 2,
    }


def test_learned_lexicon_aligns_swapped_words():
    model = ev.learn(_items())
    assert model.lexicon["swift"][0] == "rapid"
    assert model.lexicon["vigor"][0] == "energy"
    assert "energy" not in model.lexicon  # a word of established terms is no swap
    assert model.score("swift vigor storage") > model.score("rapid energy storage")


def test_run_reports_cross_validated_figures(tmp_path: Path):
    lines = [json.dumps(it) for it in _items()]
    (tmp_path / "items.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = ev.run(tmp_path, k=2, scan_docs=True)
    assert result["task"] == "spun" and result["items"] == len(lines)
    cv = result["phrase_cv"]
    assert cv["n"] == len(PAIRS) and 0 <= cv["f1"] <= 1
    scan = result["document_scan_cv"]
    assert scan["positives"] == len(PAIRS) and 0 <= scan["recall"] <= 1
