"""The Timeline section's content, shared by the Markdown and HTML views.

Reads only the dossier dict. The dossier keeps every candidate date (so a
scorer can cut the L best); a reader sees the best ``shown_count`` of them
by score, in date order, with forecasts and hedged entries in a separate
list after the asserted ones so they are never read as facts.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from storyline.lexicon import MONTH_NAMES
from storyline.report.text import doc_label, with_repaired

#: Sentences shown per entry (the dossier keeps more, ranked).
SHOWN_SENTENCES = 2
MIN_SHOWN, MAX_SHOWN = 10, 40


@dataclass
class TimelineItem:
    """One entry as shown: its date in words, quotes, sources and flags."""

    id: str
    date: str
    date_text: str
    modality: str
    score: float
    lineages: int
    low_confidence: bool
    place: str | None
    sentences: list[dict[str, Any]] = field(default_factory=list)  # {doc,start,end,text,...}
    sources: list[dict[str, Any]] = field(default_factory=list)  # {doc, label}
    events: list[str] = field(default_factory=list)


@dataclass
class TimelineView:
    asserted: list[TimelineItem]
    expected: list[TimelineItem]  # predicted or hedged
    total: int  # entries in the dossier
    shown: int = 0  # entries shown (one may give an item in each list)


QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019`"


def quoted(text: str) -> str:
    """The sentence in quotation marks, unless it already opens with one."""
    text = text.strip()
    return text if text[:1] in QUOTE_MARKS else f"\u201c{text}\u201d"


def shown_count(n_documents: int) -> int:
    """How many entries a reader sees: grows with the corpus, 10 to 40."""
    return max(MIN_SHOWN, min(MAX_SHOWN, round(10 * math.log10(max(n_documents, 1) + 1) + 5)))


def date_text(date: str, precision: str | None) -> str:
    """``11 March 2022`` / ``March 2022`` / ``2022`` from an ISO date at its precision."""
    parts = date.split("-")
    try:
        if len(parts) >= 3 and precision in (None, "day"):
            return f"{int(parts[2])} {MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) >= 2 and precision in (None, "day", "month"):
            return f"{MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return date
    return parts[0]


FACT_MODALITIES = ("asserted", "negated")


def place_text(place: Any) -> str | None:
    """A timeline place as a reader wants it: the GeoNames name with its country
    ("Kyiv, UA") where it was geocoded, else the words of the text."""
    if not isinstance(place, Mapping):
        return None
    name = place.get("name") or place.get("text")
    country = place.get("country")
    if not isinstance(name, str):
        return None
    named = place.get("name") and place.get("feature") not in ("country", "continent")
    return f"{name}, {country}" if isinstance(country, str) and named else name


def _item(
    entry: Mapping[str, Any],
    docs_by_id: Mapping[Any, Mapping[str, Any]],
    sentences: list[Mapping[str, Any]],
    modality: str,
) -> TimelineItem:
    sources = []
    for doc in entry.get("sources") or []:
        known = docs_by_id.get(doc)
        sources.append({"doc": doc, "label": doc_label(known) if known else str(doc)})
    place = entry.get("place")
    return TimelineItem(
        id=str(entry.get("id", "")),
        date=str(entry.get("date", "")),
        date_text=date_text(str(entry.get("date", "")), entry.get("precision")),
        modality=modality,
        score=float(entry.get("score") or 0.0),
        lineages=int(entry.get("lineages") or len(sources)),
        low_confidence=bool(entry.get("low_confidence")),
        place=place_text(place),
        sentences=[_repaired(s, docs_by_id) for s in sentences[:SHOWN_SENTENCES]],
        sources=sources,
        events=[str(e) for e in entry.get("events") or []],
    )


def _repaired(s: Mapping[str, Any], docs: Mapping[Any, Mapping[str, Any]]) -> dict[str, Any]:
    """A shown sentence of a spun document in its repaired reading, the printed one kept."""
    out = dict(s)
    with_repaired(out, docs)
    return out


def split_entry(
    entry: Mapping[str, Any], docs_by_id: Mapping[Any, Mapping[str, Any]]
) -> tuple[TimelineItem | None, TimelineItem | None]:
    """The entry's facts and its forecasts/hedges as two items (either may be None).

    A date can hold both: "the talks took place on May 2" and "a deal may be
    signed on May 2"; each sentence goes where its own modality says.
    """
    sentences = [s for s in entry.get("sentences") or [] if isinstance(s, Mapping)]
    facts = [s for s in sentences if s.get("modality", "asserted") in FACT_MODALITIES]
    other = [s for s in sentences if s.get("modality", "asserted") not in FACT_MODALITIES]
    is_fact = str(entry.get("modality") or "asserted") in FACT_MODALITIES
    fact_item = expected_item = None
    if facts or (is_fact and not other):
        fact_item = _item(entry, docs_by_id, facts, "asserted")
    if other or not is_fact:
        kinds = {s.get("modality") for s in other}
        modality = "predicted" if "predicted" in kinds or not other else "hedged"
        if not other:
            modality = str(entry.get("modality"))
        expected_item = _item(entry, docs_by_id, other or facts, modality)
    return fact_item, expected_item


def _key(s: Mapping[str, Any]) -> tuple[Any, Any, Any]:
    return (s.get("doc"), s.get("start"), s.get("end"))


def sentence_homes(
    entries: list[Mapping[str, Any]], events: list[Any]
) -> dict[tuple[Any, Any, Any], str]:
    """Each sentence's one date among the shown entries that hold it.

    A sentence naming several dates ("fell below the level on Friday, a day
    ahead of the April 12 target, the operator said on Sunday") is a
    candidate for each, and the dossier keeps all (a scorer takes them); a
    reader sees it once: at the date of the event the sentence states (its
    ``time``), else at a date it names, else at the earliest.
    """
    event_days: dict[tuple[Any, Any, Any], set[str]] = {}
    for ev in events:
        if isinstance(ev, Mapping) and isinstance(ev.get("time"), Mapping):
            value = str(ev["time"].get("value") or "")[:10]
            if len(value) == 10 and value[:4].isdigit():
                event_days.setdefault(_key(ev), set()).add(value)
    holders: dict[tuple[Any, Any, Any], list[tuple[bool, str]]] = {}
    for e in entries:
        for s in e.get("sentences") or []:
            if isinstance(s, Mapping):
                holders.setdefault(_key(s), []).append((not s.get("named_date"), str(e["date"])))
    homes = {}
    for key, dates in holders.items():
        stated = sorted(d for _, d in dates if d in event_days.get(key, ()))
        homes[key] = stated[0] if stated else min(dates)[1]
    return homes


def timeline_view(dossier: Mapping[str, Any], limit: int | None = None) -> TimelineView:
    """The best entries by score (``limit``, default by corpus size), in date order;
    each sentence shown once (``sentence_homes``); an entry whose sentences are
    all shown at other dates is not shown."""
    entries = [e for e in dossier.get("timeline") or [] if isinstance(e, Mapping) and e.get("date")]
    docs = dossier.get("documents") or []
    n = shown_count(len(docs)) if limit is None else limit
    best = sorted(entries, key=lambda e: -float(e.get("score") or 0.0))[:n]
    homes = sentence_homes(best, list(dossier.get("events") or []))
    kept = []
    for e in best:
        own = [
            s
            for s in e.get("sentences") or []
            if isinstance(s, Mapping) and homes.get(_key(s)) == str(e["date"])
        ]
        if own or not e.get("sentences"):
            kept.append({**e, "sentences": own})
    best = kept
    docs_by_id = {d.get("id"): d for d in docs if isinstance(d, Mapping)}
    view = TimelineView(asserted=[], expected=[], total=len(entries), shown=len(best))
    for e in sorted(best, key=lambda e: str(e.get("date"))):
        fact, expected = split_entry(e, docs_by_id)
        if fact is not None:
            view.asserted.append(fact)
        if expected is not None:
            view.expected.append(expected)
    return view
