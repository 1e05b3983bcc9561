"""Calibrated event confidence: the probability that an event's type is right.

A logistic regression over a few properties of the record (which rule found
it, whether actor and recipient were found, modality, reported or not),
fitted by ``tools/train/events_calibration.py`` with cross-validation on the
PLOVER gold's dev part and shipped as data (``calibration.json`` beside this
module). The features read only the finished record, so the training script
computes them from the pipeline's output exactly as the extractor does.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from storyline.extract.events.lexicon import WEAK

#: Feature names in the order of the weight vector (the bias is separate).
FEATURES = (
    "phrase",  # a verb + particle/object row ("open fire", "impose sanctions")
    "light",  # a light verb with an event noun ("launch an attack")
    "noun",  # an event noun on its own ("the attack on X")
    "control",  # a controller and its complement ("agreed to cooperate")
    "deontic",  # "X said Y must Z"
    "weak_verb",  # a verb row with frequent non-event senses
    "intent",  # a stated intent recoded to AGREE / THREATEN / REJECT
    "actor",  # an actor was found
    "recipient",  # a recipient was found
    "predicted",  # modality predicted
    "hedged_or_negated",  # modality hedged or negated
    "reported",  # attributed to a source other than the outlet
)
CALIBRATION_FILE = Path(__file__).with_name("calibration.json")
#: Below this the event is shown as uncertain.
UNCERTAIN_BELOW = 0.5


def rule_kind(pattern: str) -> str:
    """The kind of rule in a pattern string ("intent:X/predicted<verb:y" ->
    "verb"): what the trigger itself was found by."""
    inner = pattern.rsplit("<", 1)[-1]
    for sep in (":", ">"):
        inner = inner.split(sep, 1)[0]
    return {"guests": "phrase", "verbal": "phrase", "prepare": "control"}.get(inner, inner)


def features(
    pattern: str, has_actor: bool, has_recipient: bool, modality: str, reported: bool
) -> list[float]:
    """The feature vector of one event (``FEATURES`` order)."""
    kind = rule_kind(pattern)
    lemma = pattern.rsplit("<", 1)[-1].split(":", 1)[-1]
    return [
        float(kind == "phrase"),
        float(kind == "light"),
        float(kind == "noun"),
        float(kind == "control"),
        float(kind == "deontic"),
        float(kind == "verb" and lemma in WEAK),
        float(pattern.startswith("intent:")),
        float(has_actor),
        float(has_recipient),
        float(modality == "predicted"),
        float(modality in ("hedged", "negated")),
        float(reported),
    ]


@lru_cache(maxsize=1)
def weights() -> tuple[float, tuple[float, ...]]:
    """(bias, weights) from the shipped calibration file."""
    data = json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError("events calibration.json was fitted on other features")
    return float(data["bias"]), tuple(float(w) for w in data["weights"])


def probability(vector: list[float]) -> float:
    """The calibrated probability for a feature vector."""
    bias, w = weights()
    z = bias + sum(a * b for a, b in zip(w, vector, strict=True))
    return 1.0 / (1.0 + math.exp(-z))
