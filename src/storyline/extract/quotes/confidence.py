"""Calibrated confidence of a quote record: the shown figure means what it says.

The learned filter's probability answers "is this a PolNeAR attribution",
and a quotation with its cue had a fixed 0.9; neither said how often the
record as shown (its content *and* its speaker) is right. A small logistic
model over the raw confidence and a few facts of the record — direct or
not, a verb of saying or thinking as cue or not, what kind of speaker —
could map it to the share of such records that were right.
``tools/train/quote_confidence.py`` fits ``WEIGHTS`` on PolNeAR train and
prints the reliability curve on dev for the raw and the refitted figure.
Measured 2026-12-06 (``docs/accuracy.md``): the raw confidence is already
calibrated on dev (expected calibration error 0.013; quotations with their
cue, shown as 0.9, were right 95% of the time) and the refit was worse
(0.026, the filter's probabilities being optimistic on its own training
articles), so ``WEIGHTS`` ships empty and the raw confidence is kept.
"""

from __future__ import annotations

import math
from typing import Any

from storyline.extract.quotes import rules as R
from storyline.extract.quotes.attribution import Attribution

#: Records below this confidence are hidden from the dossier's "Who said
#: what" unless all are asked for (they stay in dossier.json).
DISPLAY_THRESHOLD = 0.5

#: Origins whose confidence is a fixed rule value, not the filter's probability.
RULE_ORIGINS = frozenset({"transcript", "credit", "headline", "block", "direct", "orphan"})

_SAYING = R.SPEECH_VERBS | R.COGNITION_VERBS
_NAMED = frozenset({"name", "title+name", "organisation"})

#: Logistic weights over ``features`` (fitted; see the module docstring).
WEIGHTS: dict[str, float] = {}


def features(a: Attribution, speaker: dict[str, Any] | None) -> dict[str, float]:
    """The facts of one record the calibration reads."""
    p = min(max(float(a.confidence), 1e-3), 1 - 1e-3)
    f = {"bias": 1.0, "z": math.log(p / (1 - p)) / 4.0}
    if a.origin in RULE_ORIGINS:
        f["rule_origin"] = 1.0
    if a.kind == "direct":
        f["direct"] = 1.0
    cue = a.cue
    if cue is None:
        f["no_cue"] = 1.0
    elif isinstance(cue, tuple):
        f["saying"] = 1.0  # "according to", a colon, a credit dash
    elif cue.lemma_.lower() in _SAYING:
        f["saying"] = 1.0
    kind = (speaker or {}).get("kind")
    if kind is None:
        f["spk_none"] = 1.0
    elif kind in _NAMED:
        f["spk_named"] = 1.0
    elif kind == "pronoun":
        f["spk_pronoun" if speaker.get("antecedent") else "spk_unresolved"] = 1.0
    else:
        f["spk_other"] = 1.0
    return f


def calibrate(a: Attribution, speaker: dict[str, Any] | None) -> float:
    """The record's calibrated confidence (the raw one without weights)."""
    if not WEIGHTS:
        return a.confidence
    z = sum(WEIGHTS.get(k, 0.0) * v for k, v in features(a, speaker).items())
    return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))), 3)
