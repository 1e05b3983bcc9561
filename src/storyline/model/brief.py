"""The per-story brief (``storyline.fuse.brief``): plain records, stored as dicts on ``Story``.

Every span names its document twice, as ``doc_id`` (the brief's contract
with the readers of ``dossier.json``) and ``doc`` (the key every other span
of ``storyline/1`` uses, so the dossier's offset checks cover it), and keeps
``text == documents[doc].text[start:end]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storyline.model.base import Record

#: Kinds of state-of-play lines, in the order a brief shows them.
PLAY_KINDS = ("actor", "development", "forecast", "disagreement")


def cited(doc_id: str, start: int, end: int, text: str) -> dict[str, Any]:
    """A reference to ``text`` at ``[start, end)`` of document ``doc_id``."""
    return {"doc_id": doc_id, "doc": doc_id, "start": start, "end": end, "text": text}


@dataclass
class CitedSentence(Record):
    """One summary sentence, exactly as its document has it, with where it comes from."""

    doc_id: str
    start: int
    end: int
    text: str
    outlet: str | None = None
    published: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {**cited(self.doc_id, self.start, self.end, self.text),
                "outlet": self.outlet, "published": self.published}  # fmt: skip


@dataclass
class PlayItem(Record):
    """One state-of-play line: a short sentence built from fused records, and
    the spans that back it. ``low_confidence``: the record behind it is uncertain."""

    kind: str  # one of PLAY_KINDS
    text: str
    refs: list[dict[str, Any]] = field(default_factory=list)
    low_confidence: bool = False


@dataclass
class Brief(Record):
    """Headline (a cited title, or None), state of play, and the sources behind it.

    ``sources``: ``{"documents", "independent", "in_words", "integrity",
    "integrity_words"}``, copies, re-posts and translations counted once with
    their original; ``integrity`` counts machine-translated, spun and
    re-posted documents and names the outside originals they credit."""

    headline: dict[str, Any] | None
    state_of_play: list[PlayItem] = field(default_factory=list)
    sources: dict[str, Any] = field(default_factory=dict)
