"""The confidence a quote record shows (``extract/quotes/confidence.py``)."""

from __future__ import annotations

import math

from storyline.extract.quotes import confidence as C
from storyline.extract.quotes.attribution import Attribution


def _att(conf: float, kind: str = "indirect", origin: str = "reported") -> Attribution:
    return Attribution(
        0, 10, kind, [(0, 10)], cue=(0, 3, "according to"), confidence=conf, origin=origin
    )


def test_without_weights_the_raw_confidence_is_shown(monkeypatch):
    monkeypatch.setattr(C, "WEIGHTS", {})
    assert C.calibrate(_att(0.42), None) == 0.42


def test_weights_map_the_features_through_a_logistic(monkeypatch):
    monkeypatch.setattr(C, "WEIGHTS", {"bias": 0.5, "z": 1.0, "spk_none": -1.0})
    a = _att(0.8)
    z = 0.5 + math.log(0.8 / 0.2) / 4.0 - 1.0
    assert C.calibrate(a, None) == round(1 / (1 + math.exp(-z)), 3)


def test_features_name_the_speaker_kind_and_the_rule_origin():
    f = C.features(_att(0.9, kind="direct", origin="direct"), {"kind": "pronoun"})
    assert f["direct"] == f["rule_origin"] == f["spk_unresolved"] == f["saying"] == 1.0
    g = C.features(_att(0.9), {"kind": "pronoun", "antecedent": {"text": "Ilse Varga"}})
    assert "spk_pronoun" in g and "rule_origin" not in g
