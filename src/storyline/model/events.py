"""Events: who did what to whom, where and when, per document and across documents.

``Event`` is the per-document record of the ``events`` extractor; ``EventGroup``
is fusion's merge of the events that several documents report as one
real-world event (the same embassy evacuation told by three outlets). Both are
plain records so the two sides can be built, swapped and tested apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storyline.model.base import Record, output_record

#: What an event's statement commits to (``Event.modality``).
MODALITIES = ("asserted", "hedged", "predicted", "negated")


@output_record("events")
@dataclass
class Event(Record):
    """One event as one sentence of one document states it.

    Spans are ``{"start", "end", "text"}`` dicts with offsets into the
    document text. ``start``/``end``/``text`` is the clause or sentence that
    states the event (what a reader checks). ``modality`` is what the
    statement commits to: ``asserted`` (it happened / is happening),
    ``hedged`` ("may be drawn into", "possibly"), ``predicted`` ("will
    send", "plans to"), ``negated`` ("did not attack", "denied sending").
    ``reported_by`` is who the document attributes it to ("according to a
    Ukrainian Air Force report", a quoted speaker), None when the outlet
    states it in its own voice.
    """

    id: str  # "e1", unique within the document (global "<doc>:e1" in the dossier)
    type: str  # PLOVER top-level type: ASSAULT, MOBILIZE, THREATEN, ACCUSE, ...
    start: int
    end: int
    text: str
    trigger: dict[str, Any]  # {"start","end","text","lemma"}
    actors: list[dict[str, Any]] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)
    place: dict[str, Any] | None = None  # {"start","end","text"}, where it happened
    time: dict[str, Any] | None = None  # {"start","end","text","value"} of a timex
    modality: str = "asserted"  # one of MODALITIES
    reported_by: dict[str, Any] | None = None  # {"start","end","text"}
    mode: str | None = None  # PLOVER mode where known ("airstrike", "demo", ...)
    confidence: float = 0.5  # calibrated where measured; below 0.5 is shown as uncertain
    pattern: str = ""  # which rule / lexicon row found it


@dataclass
class EventGroup(Record):
    """One real-world event as every document that reports it tells it.

    ``events`` are global event ids ("<doc>:<event id>"); ``lineages`` is how
    many independent sources (copy lineages) report it, so a story reprinted
    by ten sites counts once. ``date`` is the TIMEX3 value the members agree
    on (None when none is dated), ``modality`` the strongest commitment any
    member makes ("asserted" beats "hedged"), with ``modalities`` listing all.
    """

    id: str
    type: str
    label: str  # short plain-words summary: "Russia — attack — Kyiv"
    events: list[str]
    docs: list[str]
    lineages: int = 1
    date: str | None = None
    place: str | None = None
    modality: str = "asserted"
    modalities: list[str] = field(default_factory=list)
    confidence: float = 0.5
