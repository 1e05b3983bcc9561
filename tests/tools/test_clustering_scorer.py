"""The story clustering scorer: BCubed on small known cases, the baseline, and the
cross-validation (documents invented here)."""

from __future__ import annotations

import pytest

from storyline.fuse.stories import StoryDoc
from tools.evaluate.clustering import baseline, bcubed, cross_validate

GOLD = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}


def test_bcubed_known_values() -> None:
    perfect = bcubed([["a", "b", "c"], ["d", "e"]], GOLD)
    assert perfect == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    alone = bcubed([[d] for d in GOLD], GOLD)
    assert alone["precision"] == 1.0
    assert alone["recall"] == pytest.approx((3 * (1 / 3) + 2 * (1 / 2)) / 5)
    one = bcubed([list(GOLD)], GOLD)
    assert one["recall"] == 1.0
    assert one["precision"] == pytest.approx((3 * (3 / 5) + 2 * (2 / 5)) / 5)


def test_baseline_joins_shared_words_and_splits_others() -> None:
    docs = [
        StoryDoc("a", "volcano erupts near village ash cloud flights grounded"),
        StoryDoc("b", "parliament budget vote farm subsidies schools"),
        StoryDoc("c", "ash cloud from volcano grounds flights village evacuated"),
    ]
    assert baseline(docs, 0.2) == [[0, 2], [1]]
    assert baseline(docs, 0.99) == [[0], [1], [2]]


def test_cross_validation_scores_each_fold_with_a_setting_chosen_elsewhere() -> None:
    ids = [f"d{i}" for i in range(10)]
    gold = {d: i // 2 for i, d in enumerate(ids)}  # five stories of two documents
    topics = {d: i // 2 for i, d in enumerate(ids)}  # one story per topic: five folds
    runs = {("good",): [[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]], ("bad",): [[i] for i in range(10)]}
    score, chosen = cross_validate(runs, ids, gold, topics)
    assert chosen == [("good",)] * 5 and score["f1"] == 1.0
