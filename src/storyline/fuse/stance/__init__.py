"""Claim relation (stance): does a body agree with, deny, discuss or ignore a claim?

``stance(claim, body)`` returns a ``StanceResult`` (label, probabilities,
evidence spans into the body). Measured on FNC-1 (docs/accuracy.md).
"""

from __future__ import annotations

from storyline.fuse.stance.model import LABELS, StanceModel, StanceResult, stance

__all__ = ["LABELS", "StanceModel", "StanceResult", "stance"]
