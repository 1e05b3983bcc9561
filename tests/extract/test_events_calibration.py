"""Event confidence calibration: the shipped weights, the features, and the
fitting script's pieces on toy data (the real fit needs the gold in ../shared)."""

from __future__ import annotations

import json

import numpy as np

from storyline.extract.events.confidence import (
    CALIBRATION_FILE,
    FEATURES,
    UNCERTAIN_BELOW,
    features,
    probability,
    rule_kind,
)
from tools.train.events_calibration import fit, label, predict, reliability


def test_shipped_calibration_matches_the_features():
    data = json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))
    assert data["features"] == list(FEATURES)
    assert len(data["weights"]) == len(FEATURES)
    assert data["cross_validated"]["ece"] < 0.1  # measured, see docs/accuracy.md


def test_rule_kind_reads_the_pattern():
    assert rule_kind("phrase:open+fire") == "phrase"
    assert rule_kind("intent:RETREAT/predicted<verb:release") == "verb"
    assert rule_kind("guests:phrase:withdraw+from") == "phrase"
    assert rule_kind("control:agree>cooperate") == "control"
    assert rule_kind("prepare>attack") == "control"


def test_features_and_probability():
    full = features("verb:shell", True, True, "asserted", False)
    bare = features("noun:attack", False, False, "asserted", False)
    assert len(full) == len(FEATURES)
    p_full, p_bare = probability(full), probability(bare)
    assert 0.0 < p_bare < p_full < 1.0
    # an event noun with no actor and no recipient is marked uncertain
    assert p_bare < UNCERTAIN_BELOW <= p_full


def test_weak_verb_feature_only_for_weak_rows():
    def named(pattern):
        return dict(zip(FEATURES, features(pattern, True, False, "asserted", False), strict=True))

    weak, strong = named("verb:meet"), named("verb:shell")
    assert weak["weak_verb"] == 1.0 and strong["weak_verb"] == 0.0


def test_fit_recovers_a_clear_signal():
    rng = np.random.default_rng(0)
    x = rng.integers(0, 2, size=(400, 2)).astype(float)
    p_true = 1 / (1 + np.exp(-(-1.0 + 2.5 * x[:, 0])))
    y = (rng.random(400) < p_true).astype(float)
    w = fit(x, y, l2=0.1)
    assert w[1] > 1.5 and abs(w[2]) < 0.6
    assert reliability(predict(w, x), y)["ece"] < 0.08


def test_reliability_bins_and_ece():
    p = np.array([0.05, 0.05, 0.95, 0.95])
    y = np.array([0.0, 0.0, 1.0, 0.0])
    rel = reliability(p, y)
    assert [b["n"] for b in rel["bins"]] == [2, 2]
    assert rel["ece"] == round(0.5 * 0.05 + 0.5 * 0.45, 4)


def test_label_needs_type_and_overlapping_trigger():
    gold = [{"type": "ASSAULT", "trigger": [{"start": 10, "end": 16}]}]
    assert label({"type": "ASSAULT", "trigger": {"start": 12, "end": 20}}, gold) == 1
    assert label({"type": "COERCE", "trigger": {"start": 12, "end": 20}}, gold) == 0
    assert label({"type": "ASSAULT", "trigger": {"start": 30, "end": 35}}, gold) == 0
