"""The stance classifier: two logistic stages over ``features.pair_features``.

Stage 1 says related vs unrelated (overlap decides it); stage 2, for related
pairs, says agree / disagree / discuss (cue words in the claim-like sentences
decide it). The joint probabilities are P(unrelated) = 1 - p and
P(c) = p * q(c). Weights are data (``weights.json``) fitted by
``python -m tools.train.stance`` on the FNC-1 dev half; nothing is
downloaded or learned at run time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from storyline.fuse.stance.features import FEATURE_NAMES, body_view, pair_features

LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATED = ("agree", "disagree", "discuss")
WEIGHTS_PATH = Path(__file__).with_name("weights.json")
# Probabilities under this are "low confidence" (flagged on the result).
LOW_CONFIDENCE = 0.6


@dataclass(frozen=True)
class StanceResult:
    """What a body does with a claim, how sure, and which body sentences say so.

    ``evidence`` holds (start, end) character offsets into the body; empty for
    ``unrelated``.
    """

    label: str
    probabilities: dict[str, float]
    evidence: tuple[tuple[int, int], ...] = field(default=())

    @property
    def confidence(self) -> float:
        return self.probabilities[self.label]

    @property
    def low_confidence(self) -> bool:
        return self.confidence < LOW_CONFIDENCE


@dataclass(frozen=True)
class StanceModel:
    """Standardisation plus the two logistic stages, as numpy arrays."""

    mean: np.ndarray
    std: np.ndarray
    rel_w: np.ndarray
    rel_b: float
    st_w: np.ndarray  # (3, n_features)
    st_b: np.ndarray  # (3,)
    threshold: float = 0.5

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StanceModel:
        if tuple(data["features"]) != FEATURE_NAMES:
            raise ValueError("stance weights were trained on other features; re-train")
        return cls(
            mean=np.asarray(data["mean"], dtype=float),
            std=np.asarray(data["std"], dtype=float),
            rel_w=np.asarray(data["related"]["w"], dtype=float),
            rel_b=float(data["related"]["b"]),
            st_w=np.asarray(data["stance"]["w"], dtype=float),
            st_b=np.asarray(data["stance"]["b"], dtype=float),
            threshold=float(data.get("threshold", 0.5)),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": list(FEATURE_NAMES),
            "mean": self.mean.round(6).tolist(),
            "std": self.std.round(6).tolist(),
            "related": {"w": self.rel_w.round(6).tolist(), "b": round(self.rel_b, 6)},
            "stance": {
                "labels": list(RELATED),
                "w": self.st_w.round(6).tolist(),
                "b": self.st_b.round(6).tolist(),
            },
            "threshold": self.threshold,
        }

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        """Rows of (agree, disagree, discuss, unrelated) probabilities for raw features."""
        z = (np.atleast_2d(x) - self.mean) / self.std
        p = 1.0 / (1.0 + np.exp(-(z @ self.rel_w + self.rel_b)))
        s = z @ self.st_w.T + self.st_b
        s = np.exp(s - s.max(axis=1, keepdims=True))
        q = s / s.sum(axis=1, keepdims=True)
        return np.column_stack([q * p[:, None], 1.0 - p])

    def decide(self, probs: np.ndarray) -> list[str]:
        """Two-stage decision: unrelated under the threshold, else the likeliest stance."""
        out = []
        for row in np.atleast_2d(probs):
            rel = 1.0 - row[3]
            out.append("unrelated" if rel < self.threshold else RELATED[int(np.argmax(row[:3]))])
        return out


@lru_cache(maxsize=1)
def shipped_model() -> StanceModel:
    """The model fitted on all FNC-1 dev pairs (see docs/accuracy.md for its CV figures)."""
    return StanceModel.from_dict(json.loads(WEIGHTS_PATH.read_text(encoding="utf-8")))


def evidence_spans(claim: str, body: str, label: str, top: list[tuple[float, int]]) -> tuple:
    """Body sentences behind a related decision: for ``disagree`` the claim-like
    sentences with refuting cues or negation first, for ``discuss`` those with
    hedges, else the most claim-like sentence."""
    if label == "unrelated" or not top:
        return ()
    sents = body_view(body).sentences
    cands = [sents[i] for sim, i in top if sim > 0]
    if label == "disagree":
        cued = [s for s in cands if s.refute or s.negations]
        cued += [s for s in sents[:3] if s.refute and s not in cued]
    elif label == "discuss":
        cued = [s for s in cands if s.hedge]
    else:
        cued = [s for s in cands if s.confirm]
    chosen = (cued or cands)[:2]
    return tuple(sorted((s.start, s.end) for s in chosen))


def stance(claim: str, body: str, model: StanceModel | None = None) -> StanceResult:
    """What ``body`` does with the claim ``claim``: agree, disagree, discuss or unrelated.

    Pure and deterministic; the body's analysis is cached so one body meets
    many claims cheaply. Evidence offsets index ``body``.
    """
    m = model or shipped_model()
    vec, top = pair_features(claim, body)
    probs = m.predict_proba(np.asarray(vec, dtype=float))[0]
    label = m.decide(probs)[0]
    pd = {lab: float(v) for lab, v in zip(LABELS, probs, strict=True)}
    if not all(math.isfinite(v) for v in pd.values()):  # pragma: no cover - defensive
        return StanceResult("unrelated", {lab: 0.25 for lab in LABELS})
    return StanceResult(label, pd, evidence_spans(claim, body, label, top))
