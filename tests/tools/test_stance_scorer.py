"""The FNC-1 scorer (tools.evaluate.stance) on hand-made label lists, and the
out-of-fold protocol on a few invented pairs."""

from __future__ import annotations

import json

import numpy as np
import pytest
from tests.conftest import shared_path

from tools.evaluate.stance import confusion, fnc_score, load, report
from tools.train.stance import K_FOLDS, ece, fold_of

GOLD = ["agree", "disagree", "discuss", "unrelated", "unrelated"]


def test_perfect_prediction_reaches_the_maximum():
    score, best = fnc_score(GOLD, GOLD)
    assert best == 3 * 1.0 + 2 * 0.25
    assert score == best
    rep = report(GOLD, GOLD)
    assert rep["fnc_relative_pct"] == 100.0
    assert rep["macro_f1"] == 1.0


def test_partial_credit_rules():
    # wrong related class: 0.25; related given as unrelated: 0; unrelated given related: 0
    pred = ["discuss", "unrelated", "discuss", "agree", "unrelated"]
    score, best = fnc_score(GOLD, pred)
    assert score == pytest.approx(0.25 + 0 + 1.0 + 0 + 0.25)
    assert best == 3.5


def test_all_unrelated_baseline_and_disagree_f1():
    rep = report(GOLD, ["unrelated"] * len(GOLD))
    assert rep["fnc_score"] == 0.5
    assert rep["disagree_f1"] == 0.0
    assert rep["per_class"]["unrelated"]["p"] == pytest.approx(0.4)


def test_confusion_rows_are_gold():
    mat = confusion(["agree", "agree"], ["agree", "disagree"])
    assert mat[0][:2] == [1, 1]
    assert sum(map(sum, mat)) == 2


def test_folds_group_by_body_and_ece_bounds():
    assert fold_of(17) == fold_of(17)
    assert {fold_of(b) for b in range(200)} == set(range(K_FOLDS))
    probs = np.array([[0.9, 0.05, 0.03, 0.02], [0.1, 0.1, 0.1, 0.7]])
    assert ece(probs, ["agree", "unrelated"], ["agree", "agree"]) == pytest.approx((0.1 + 0.7) / 2)


def test_scorer_reproduces_the_manifest_figures_on_dev():
    """The all-unrelated score and the maximum match the data set's MANIFEST (read only)."""
    folder = shared_path("eval", "stance")
    stats = json.loads((folder / "MANIFEST.json").read_text(encoding="utf-8"))["stats"]
    pairs, bodies = load(folder)
    gold = [p["stance"] for p in pairs]
    score, best = fnc_score(gold, ["unrelated"] * len(gold))
    assert best == pytest.approx(stats["fnc_max_score"])
    assert score == pytest.approx(stats["fnc_all_unrelated_score"])
    assert {int(p["body_id"]) for p in pairs} <= set(bodies)
