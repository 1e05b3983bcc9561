"""The brief scorer: ROUGE figures by hand, and a run over a tiny gold folder
written here (the real one, ../shared/eval/timelines, is only read by the scorer)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tools.evaluate.brief import lcs, rouge, rouge_n, run, tokens


def test_rouge_by_hand() -> None:
    pred, ref = tokens("the cat sat on the mat"), tokens("the cat lay on the mat -LRB- x -RRB-")
    assert "lrb" not in ref
    # unigrams: 5 of 6 predicted match (the x2, cat, on, mat); reference has 7 tokens
    assert rouge_n(pred, ref, 1) == pytest.approx(2 * (5 / 6) * (5 / 7) / (5 / 6 + 5 / 7))
    assert rouge_n(pred, ref, 2) == pytest.approx(2 * (3 / 5) * (3 / 6) / (3 / 5 + 3 / 6))
    assert lcs(pred, ref) == 5
    assert rouge(["a b"], ["c d"]) == {"r1": 0.0, "r2": 0.0, "rl": 0.0}
    assert rouge(["a b c"], ["a b c"])["rl"] == 1.0


def _write(folder: Path) -> None:
    arts = [
        {
            "id": "t17-x-2030-05-01-1",
            "topic": "X",
            "published": "2030-05-01",
            "text": (
                "By Staff Writer\n"
                "Flood waters rose across the Marren valley on Monday as heavy rain continued .\n"
                "Officials in Lorvik opened two shelters for families living near the river .\n"
                "The regional council said more rain was expected later in the week .\n"
            ),
        },
        {
            "id": "t17-x-2030-05-02-1",
            "topic": "X",
            "published": "2030-05-02",
            "text": "The Lorvik dam opened its spillways on Tuesday to relieve the river .\n",
        },
    ]
    gold = {
        "topic": "X",
        "name": "X_test/tl",
        "source_folder": "X_test",
        "timeline": [
            ["2030-05-01", ["Flood waters rose in the Marren valley after heavy rain ."]],
            ["2030-05-03", ["No article covers this day ."]],
        ],
    }
    (folder / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in arts))
    (folder / "timelines.jsonl").write_text(json.dumps(gold) + "\n")


def test_run_on_a_tiny_gold_folder(tmp_path: Path) -> None:
    _write(tmp_path)
    result = run(tmp_path, tune=False)
    assert result["samples"] == 1 and result["dates_without_articles"] == 1
    # k = 1: lead-k is the first usable sentence of the earliest article (not the byline)
    lead = result["lead_k"]["r1"]
    assert lead > 0.5
    assert result["oracle_r1"]["r1"] >= max(lead, result["system"]["r1"])
