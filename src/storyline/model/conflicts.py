"""Disagreements between sources: two statements that cannot both be true.

A ``Conflict`` is a cross-document record built by fusion
(``storyline.fuse.conflicts``). Every side is a span of a document with its
date and copy lineage, so a reader can check both statements; two copies of
one original are one source and never disagree with each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storyline.model.base import as_dict

#: The kinds of disagreement fusion looks for.
CONFLICT_KINDS = ("numbers", "status", "event denied", "headline")


@dataclass
class ConflictSide:
    """One side of a disagreement: what one source says, where and when."""

    doc: str
    start: int
    end: int
    text: str  # exactly the document text at [start, end)
    date: str | None  # the document's publication date (ISO), None when unknown
    lineage: str | None  # copy lineage id: the independent source it belongs to
    says: str  # plain words: "at least 1,200 people evacuated", "Halvik resigned"

    def to_dict(self) -> dict[str, Any]:
        return as_dict(self)


@dataclass
class Conflict:
    """Two (or more) sources that disagree, explained in plain words.

    ``confidence`` is a documented rule constant (see
    ``storyline.fuse.conflict_rules``), not a calibrated probability;
    ``low_confidence`` marks the ones a reader should weigh with care (a
    figure that may simply have been updated, a reading that rests on how
    newsrooms round numbers rather than on logic).
    """

    id: str
    kind: str  # one of CONFLICT_KINDS
    about: str  # "people evacuated", "Teodor Halvik's office"
    explanation: str
    sides: list[ConflictSide] = field(default_factory=list)
    confidence: float = 0.5
    low_confidence: bool = False

    def to_dict(self) -> dict[str, Any]:
        d = as_dict(self)
        d["sides"] = [s.to_dict() for s in self.sides]
        return d
