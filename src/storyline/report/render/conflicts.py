"""The Disagreements section's content, shared by the Markdown and HTML views.

Reads only the dossier dict (``conflicts``, ``documents``). Confident
disagreements first, low-confidence ones after them and visibly marked, so a
reader never takes a weak reading for a finding. Every side carries its
document, offsets, date and what it says.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from storyline.report.text import with_repaired

#: Disagreements shown (the dossier keeps them all).
MAX_SHOWN = 50


@dataclass
class ConflictItem:
    """One disagreement as shown."""

    id: str
    kind: str
    about: str
    explanation: str
    confidence: float
    low_confidence: bool
    sides: list[dict[str, Any]] = field(default_factory=list)  # {doc,start,end,text,by,label}


@dataclass
class ConflictsView:
    items: list[ConflictItem]
    total: int


def _side(side: Mapping[str, Any], docs: Mapping[Any, Mapping[str, Any]]) -> dict[str, Any]:
    doc = docs.get(side.get("doc")) or {}
    name = doc.get("outlet") or doc.get("title") or side.get("doc")
    date = side.get("date") or "undated"
    out = {
        "doc": side.get("doc"),
        "start": side.get("start"),
        "end": side.get("end"),
        "text": str(side.get("text") or ""),
        "by": f"{name}, {date}: {side.get('says') or ''}",
    }
    with_repaired(out, docs)  # a spun source's words, repaired; "printed" keeps them
    return out


def conflicts_view(dossier: Mapping[str, Any], limit: int = MAX_SHOWN) -> ConflictsView:
    """Confident disagreements first (highest confidence first), then the low ones."""
    raw = [c for c in dossier.get("conflicts") or [] if isinstance(c, Mapping)]
    docs = {d.get("id"): d for d in dossier.get("documents") or [] if isinstance(d, Mapping)}
    ranked = sorted(
        raw,
        key=lambda c: (bool(c.get("low_confidence")), -float(c.get("confidence") or 0.0)),
    )[:limit]
    items = [
        ConflictItem(
            id=str(c.get("id", "")),
            kind=str(c.get("kind") or ""),
            about=str(c.get("about") or ""),
            explanation=str(c.get("explanation") or ""),
            confidence=float(c.get("confidence") or 0.0),
            low_confidence=bool(c.get("low_confidence")),
            sides=[_side(s, docs) for s in c.get("sides") or [] if isinstance(s, Mapping)],
        )
        for c in ranked
    ]
    return ConflictsView(items=items, total=len(raw))
