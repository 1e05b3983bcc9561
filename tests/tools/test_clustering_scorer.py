"""The story clustering scorer: BCubed on small known cases, the baseline, and the
cross-validation (documents invented here)."""

from __future__ import annotations

import pytest

from storyline.fuse.stories import StoryDoc
from tools.evaluate.clustering import baseline, bcubed
from tools.train.stories import GRID, rules_block, settings_of, train

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


KINDS = [
    ("escape", "escaped from {place} prison; police set roadblocks and searched the woods"),
    ("quake", "an earthquake of magnitude {n} shook {place}; houses collapsed and people fled"),
    ("fire", "a fire destroyed a warehouse in {place}; firefighters fought the blaze all night"),
    ("flood", "the river burst its banks in {place}; rescuers used boats to reach families"),
    ("strike", "workers at the {place} port walked out over pay; ships waited offshore"),
]
PEOPLE = ["Brask", "Quiring", "Osei", "Anand", "Varga", "Lindqvist", "Moreau", "Tamm", "Okafor",
          "Reyes"]  # fmt: skip
PLACES = ["Varnholt", "Kellmoor", "Dalwick", "Ostmark", "Harlow", "Brenz", "Quellin", "Sarno",
          "Tovik", "Umber"]  # fmt: skip


def _corpus() -> tuple[list[StoryDoc], list[str], list[int]]:
    """Five topics, each two events of its kind (other person, place, number),
    three reports of each event worded differently."""
    docs, labels, topics = [], [], []
    for t, (kind, body) in enumerate(KINDS):
        for e in range(2):
            who, place = PEOPLE[2 * t + e], PLACES[2 * t + e]
            for r in range(3):
                lead = ["Officials said", "Witnesses told reporters", "A spokesman confirmed"][r]
                what = body.format(place=place, n=5 + e)
                text = f"{kind.title()} in {place}\n{lead} that {who} {what}."
                ents = ((who, "PERSON"), (place, "GPE"))
                docs.append(StoryDoc(f"{kind}{e}{r}", text, ents))
                labels.append(f"{kind}{e}")
                topics.append(t)
    return docs, labels, topics


def test_training_fits_weights_and_chooses_the_setting_by_cross_validation() -> None:
    docs, labels, topics = _corpus()
    grid = [GRID[0], (0.2, 0.6, 0.1, 0.2), (0.5, 0.0, None, None)]
    res = train(docs, labels, topics, grid)
    assert res["setting"] in grid
    assert set(res["cv"]) == set(grid)
    best = res["cv"][res["setting"]]["f1"]
    assert best == max(s["f1"] for s in res["cv"].values()) and best > 0.8
    intercept, weights = res["model"]
    assert weights["names"] > 0  # a shared name is evidence for the same story
    block = rules_block(res["model"], res["setting"])
    assert f"JOIN_THRESHOLD = {res['setting'][0]}" in block and '"names":' in block
    assert "SPLIT_FLOOR = " in block and "REPAIR_MARGIN = " in block


def test_a_grid_point_becomes_clusterer_settings() -> None:
    on = settings_of((0.2, 0.6, 0.1, 0.3))
    assert on["threshold"] == 0.2 and on["single_threshold"] == 0.6
    assert on["repair_margin"] == 0.1 and on["split_floor"] == 0.3
    off = settings_of((0.2, 0.0, None, None))
    assert "repair_margin" not in off and "split_floor" not in off
