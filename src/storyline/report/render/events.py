"""The Events section's content ("What happened"), shared by the Markdown and HTML views.

Reads only the dossier dict: ``event_groups`` (one real-world event as every
source tells it) and the per-document ``events`` they name. A reader sees
the most certain first, more independent sources ranking higher
(``rank_score``), capped; denials, forecasts and hedged reports are kept in
a list of their own so they are never read as facts. Every event shown carries
the sentences it was read from, with document and offsets.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from storyline.report.render.forecasts import mention_names, who_words
from storyline.report.render.timeline import date_text
from storyline.report.text import doc_label, doubts_within, name_doubts, with_repaired

#: Events shown (the dossier keeps them all) and sentences shown per event.
MAX_SHOWN = 40
SHOWN_SENTENCES = 2
#: Each independent source beyond the first adds this share to an event's rank.
SOURCE_BOOST = 0.2
#: Below this an event is marked uncertain (the extractor's calibrated confidence).
LOW_CONFIDENCE = 0.5
#: Group modalities that state what happened; the others are listed apart.
FACT_MODALITIES = ("asserted",)
MODALITY_WORDS = {"hedged": "possible", "predicted": "forecast", "negated": "denied"}


@dataclass
class EventItem:
    """One event group as shown."""

    id: str
    label: str
    type: str
    modality: str
    modality_text: str  # "" for asserted, else "possible" / "forecast" / "denied"
    date_text: str | None
    place: str | None
    lineages: int
    confidence: float
    low_confidence: bool
    n_reports: int
    sentences: list[dict[str, Any]] = field(default_factory=list)  # {doc,start,end,text,by}
    sources: list[dict[str, Any]] = field(default_factory=list)  # {doc, label}


@dataclass
class EventsView:
    facts: list[EventItem]
    other: list[EventItem]  # denied, forecast or possible
    total: int  # groups in the dossier
    shown: int = 0


_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_DAY_OR_MONTH = re.compile(r"^\d{4}(-\d{2}){0,2}")


def value_date_text(value: Any) -> str | None:
    """A TIMEX3 value in words: "2 April 2025", "April 2025", "week 14 of 2025",
    "the weekend of week 15 of 2025"; a clock time shows its day; None for
    anything else (PRESENT_REF, durations)."""
    if not isinstance(value, str):
        return None
    week = _WEEK.match(value)
    if week:
        text = f"week {int(week.group(2))} of {week.group(1)}"
        return f"the weekend of {text}" if week.group(3) else text
    day = _DAY_OR_MONTH.match(value)
    return date_text(day.group(0), None) if day else None


def _sentence(
    event: Mapping[str, Any],
    names: dict[tuple[Any, Any, Any], str] | None = None,
    docs: Mapping[Any, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    by = event.get("reported_by")
    return {
        "doc": event.get("doc"),
        "start": event.get("start"),
        "end": event.get("end"),
        "text": str(event.get("text") or ""),
        # "according to Rubio": the resolved entity's full name, "Marco Rubio"
        "by": (
            who_words({**by, "doc": event.get("doc")}, None, names or {}, dict(docs or {}))
            if isinstance(by, Mapping) and by.get("text")
            else None
        ),
    }


def _item(
    group: Mapping[str, Any],
    events: Mapping[Any, Mapping[str, Any]],
    docs: Mapping[Any, Mapping[str, Any]],
    names: dict[tuple[Any, Any, Any], str] | None = None,
    doubts: Mapping[Any, list[tuple[int, int, str]]] | None = None,
) -> EventItem:
    members = [events[e] for e in group.get("events") or [] if e in events]
    members.sort(key=lambda e: -float(e.get("confidence") or 0.0))
    sentences, seen = [], set()
    for e in members:
        key = (e.get("doc"), e.get("start"), e.get("end"))
        if key in seen:
            continue
        seen.add(key)
        sentence = _sentence(e, names, docs)
        sentence["doubts"] = doubts_within(doubts or {}, e.get("doc"), e.get("start"), e.get("end"))
        with_repaired(sentence, docs)  # a spun report: its repaired reading first
        sentences.append(sentence)
        if len(sentences) == SHOWN_SENTENCES:
            break
    sources = []
    for doc in group.get("docs") or []:
        known = docs.get(doc)
        sources.append({"doc": doc, "label": doc_label(known) if known else str(doc)})
    modality = str(group.get("modality") or "asserted")
    date = group.get("date")
    conf = float(group.get("confidence") or 0.0)
    return EventItem(
        id=str(group.get("id", "")),
        label=str(group.get("label") or group.get("type") or "event"),
        type=str(group.get("type") or ""),
        modality=modality,
        modality_text=MODALITY_WORDS.get(modality, ""),
        date_text=value_date_text(date),
        place=group.get("place") if isinstance(group.get("place"), str) else None,
        lineages=int(group.get("lineages") or 1),
        confidence=conf,
        low_confidence=conf < LOW_CONFIDENCE,
        n_reports=len(members),
        sentences=sentences,
        sources=sources,
    )


def rank_score(group: Mapping[str, Any]) -> float:
    """Confidence first, more independent sources as a boost: a loose merge of
    two uncertain reports must not outrank one clearly stated event."""
    conf = float(group.get("confidence") or 0.0)
    return conf * (1.0 + SOURCE_BOOST * (int(group.get("lineages") or 1) - 1))


def events_view(dossier: Mapping[str, Any], limit: int = MAX_SHOWN) -> EventsView:
    """The event groups a reader sees, best ``rank_score`` first, at most
    ``limit``; facts apart from the rest."""
    groups = [g for g in dossier.get("event_groups") or [] if isinstance(g, Mapping)]
    events = {e.get("id"): e for e in dossier.get("events") or [] if isinstance(e, Mapping)}
    docs = {d.get("id"): d for d in dossier.get("documents") or [] if isinstance(d, Mapping)}
    ranked = sorted(groups, key=lambda g: (-rank_score(g), str(g.get("id"))))[:limit]
    names = mention_names(dict(dossier)) if ranked else {}
    doubts = name_doubts(dossier.get("entities")) if ranked else {}
    items = [_item(g, events, docs, names, doubts) for g in ranked]
    facts = [i for i in items if i.modality in FACT_MODALITIES]
    other = [i for i in items if i.modality not in FACT_MODALITIES]
    return EventsView(facts=facts, other=other, total=len(groups), shown=len(items))
