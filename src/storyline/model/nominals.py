"""Nominal references: "the 67-year-old", "the minister" linked to a named person."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storyline.model.base import Record, output_record


@output_record("nominals")
@dataclass
class NominalMention(Record):
    """A description that refers back to a person named earlier in the same
    document. ``antecedent`` is that name's mention ``{"text","start","end"}``;
    ``basis`` says what links them ("role": the document gave that person this
    title; "only_person": the only person named just before); ``confidence``
    is the rule's, not a calibrated probability."""

    start: int
    end: int
    text: str
    antecedent: dict[str, Any]
    basis: str
    confidence: float
