"""The stance classifier: two boosted-tree stages over ``features.pair_features``.

Stage 1 says related vs unrelated (overlap decides it); stage 2, for related
pairs, says agree / disagree / discuss (cue words in the claim-like sentences
decide it). The joint probabilities are P(unrelated) = 1 - p and
P(c) = p * q(c). The trees are data (``model.npz``) fitted by
``python -m tools.train.stance`` on the FNC-1 dev half; nothing is
downloaded or learned at run time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from storyline.fuse.stance.features import FEATURE_NAMES, body_view, pair_features
from storyline.trees import TreeEnsemble

LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATED = ("agree", "disagree", "discuss")
MODEL_PATH = Path(__file__).with_name("model.npz")
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
    """Two boosted-tree stages (numpy-evaluated) and the stage-2 class prior.

    ``prior`` multiplies the stage-2 probabilities (agree, disagree, discuss)
    before renormalising: a prior shift towards the rare ``disagree`` class,
    chosen with the class weights by cross-validation (tools/train/stance.py).
    """

    related: TreeEnsemble  # one output: log-odds of related
    stance: TreeEnsemble  # three outputs: agree, disagree, discuss scores
    prior: np.ndarray  # (3,)
    threshold: float = 0.5

    @cached_property
    def _both(self) -> TreeEnsemble:
        """Both stages as one ensemble (output 0: related; 1-3: stance)."""
        return self.related.concat(self.stance)

    @classmethod
    def load(cls, path: Path) -> StanceModel:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            if tuple(meta["features"]) != FEATURE_NAMES:
                raise ValueError("stance model was trained on other features; re-train")
            return cls(
                related=TreeEnsemble.from_arrays(data, "related_"),
                stance=TreeEnsemble.from_arrays(data, "stance_"),
                prior=np.asarray(meta["prior"], dtype=float),
                threshold=float(meta.get("threshold", 0.5)),
            )

    def save(self, path: Path, info: dict[str, Any]) -> None:
        """Write the model (``info`` goes into its metadata, e.g. the CV config)."""
        meta = {
            "features": list(FEATURE_NAMES),
            "labels": list(RELATED),
            "prior": self.prior.round(6).tolist(),
            "threshold": self.threshold,
        } | info
        arrays = self.related.to_arrays("related_") | self.stance.to_arrays("stance_")
        with path.open("wb") as fh:
            np.savez_compressed(fh, meta=np.array(json.dumps(meta)), **arrays)

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        """Rows of (agree, disagree, discuss, unrelated) probabilities for raw features."""
        x = np.atleast_2d(np.asarray(x, dtype=float))
        raw = self._both.raw(x)
        p = 1.0 / (1.0 + np.exp(-raw[:, 0]))
        s = raw[:, 1:]
        s = np.exp(s - s.max(axis=1, keepdims=True)) * self.prior
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
    return StanceModel.load(MODEL_PATH)


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
