"""The Timeline17 scorer: the protocol's cut, Date-F1, news-tls averaging, a full run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tools.evaluate.timeline import DEFAULT_TILSE, averaged, cut, date_prf, run, score

GOLD = [
    ["2023-05-02", ["The ferry ran aground off Kessel .", "Ninety people were rescued ."]],
    ["2023-05-09", ["The ferry was towed to Brann ."]],
]


def test_gold_fed_back_scores_one_on_dates():
    result = score([{"name": "t", "pred": GOLD, "gold": GOLD}], tilse=None)
    assert result["date_f1"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert result["ar1"] is None and result["rouge_note"] == "not run"


def test_date_prf_and_news_tls_averaging():
    assert date_prf(["a", "b"], ["b", "c", "d"]) == (0.5, 1 / 3)
    assert date_prf([], ["a"]) == (0.0, 0.0)
    avg = averaged([(1.0, 0.5), (0.0, 0.5)])  # F1 of the mean P and R, not mean F1
    assert avg == {"precision": 0.5, "recall": 0.5, "f1": 0.5}


def test_cut_keeps_l_best_days_and_k_first_sentences():
    entries = [
        {"date": "2023-05-09", "score": 1.0, "sentences": [{"text": "c"}, {"text": "d"}]},
        {"date": "2023-05-02", "score": 3.0, "sentences": [{"text": "a "}, {"text": "b"}]},
        {"date": "2023-05", "precision": "month", "score": 9.0, "sentences": [{"text": "m"}]},
        {"date": "2023-05-01", "score": 0.5, "sentences": [{"text": "e"}]},
    ]
    assert cut(entries, 2, 1) == [("2023-05-02", ["a"]), ("2023-05-09", ["c"])]
    # only dates inside the gold timeline's range compete
    assert cut(entries, 2, 1, "2023-05-03", "2023-05-31") == [("2023-05-09", ["c"])]


@pytest.mark.skipif(not DEFAULT_TILSE.exists(), reason=f"tilse venv not at {DEFAULT_TILSE}")
def test_tilse_rouge_gold_fed_back_is_one():
    result = score([{"name": "t", "pred": GOLD, "gold": GOLD}])
    assert result["ar1"]["f1"] == pytest.approx(1.0) and result["ar2"]["f1"] == pytest.approx(1.0)


def test_run_on_a_tiny_gold_folder(tmp_path: Path):
    articles = [
        (
            "2023-05-02",
            "The ferry Albatross ran aground off Kessel on Tuesday with ninety aboard .",
        ),
        ("2023-05-03", "Rescuers said on Wednesday that all ninety passengers were safe ."),
        ("2023-05-03", "The ferry Albatross ran aground off Kessel on May 2 in thick fog ."),
    ]
    lines = [
        {"id": f"x{i}", "topic": "ferry", "published": p, "source_folder": "f", "text": t}
        for i, (p, t) in enumerate(articles)
    ]
    folder = tmp_path / "timelines"
    folder.mkdir()
    (folder / "articles.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    gold = {"topic": "ferry", "name": "f/tl", "source_folder": "f", "timeline": GOLD[:1]}
    (folder / "timelines.jsonl").write_text(json.dumps(gold) + "\n")
    result = run(folder, workspace=tmp_path / "ws.db", tilse=None, processes=1)
    assert result["date_f1"]["f1"] == 1.0
    assert result["per_timeline"][0]["name"] == "f/tl"
