"""Sections no dedicated view renders, shown as plain tables.

A later stage that adds a top-level list of records to the dossier (say
``quantities``) is readable in ``dossier.md`` and ``dossier.html`` before
anyone writes a view for it: one row per record, with its document, the
source text it points at (``doc``/``start``/``end``) and its other fields.
Both renderers build their tables from ``generic_sections`` and escape every
cell themselves (the values are untrusted article-derived text).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from storyline.report.text import in_text, repaired_reading, truncate, value_text

# Top-level keys that have a dedicated view (or are not records at all).
DEDICATED_KEYS = frozenset(
    {
        "documents",
        "entities",
        "quotes",
        "quote_groups",
        "lineages",
        "errors",
        "stats",
        "timeline",
        "forecasts",
        "events",
        "event_groups",
        "conflicts",
        "claims",
        "developing_stories",  # the Brief and Stories sections (view_front)
    }
)
# Record fields shown as the row's document and source text, not as columns.
LOCATION_FIELDS = ("doc", "start", "end")
# Sections whose tables show only these fields, in this order (dossier.json
# keeps them all): a reader of places needs the resolved place and its role,
# not every GeoNames field.
SHOWN_COLUMNS = {
    "places": ("name", "feature", "country", "lat", "lon", "role", "confidence"),
    "events": (
        "type", "modality", "trigger", "actors", "targets", "place", "time",
        "reported_by", "confidence", "group",
    ),
    "timexes": ("type", "value", "anchor", "resolved"),
    "stories": (
        "title", "documents", "first", "last", "entities", "cohesion", "joins", "similar",
        "developing",
    ),
    "quantities": (
        "kind", "value", "low", "high", "qualifier", "unit", "counts", "per", "actor", "place",
        "time", "vague_rule", "confidence",
    ),
}  # fmt: skip


def cell_text(value: Any) -> str:
    """A field for a table cell. A span (a dict with ``text``) shows its text,
    with a timex's ``value`` beside it; a list of spans their texts; anything
    else as ``value_text`` has it."""
    if isinstance(value, Mapping) and isinstance(value.get("text"), str):
        extra = value.get("value")
        return f"{value['text']} ({extra})" if isinstance(extra, str) else value["text"]
    if (
        isinstance(value, list)
        and value
        and all(isinstance(v, Mapping) and isinstance(v.get("text"), str) for v in value)
    ):
        return "; ".join(v["text"] for v in value)
    if (
        isinstance(value, list)
        and value
        and all(isinstance(v, Mapping) and isinstance(v.get("name"), str) for v in value)
    ):  # linked entities (a story's key entities): their names
        return "; ".join(v["name"] for v in value)
    if value is None:
        return ""
    return value_text(value)


@dataclass
class GenericRow:
    """One record: its document (if any), the text it points at, its other fields."""

    doc: str | None
    text: str | None
    cells: list[str]  # one per column of the section, "" when the record lacks it


@dataclass
class GenericSection:
    """One top-level list of records, as a table."""

    key: str
    title: str
    columns: list[str]
    rows: list[GenericRow] = field(default_factory=list)
    has_doc: bool = False
    has_text: bool = False


def section_title(key: str) -> str:
    """``"quantities"`` → ``"Quantities"``, ``"key_events"`` → ``"Key events"``."""
    words = " ".join(key.replace("_", " ").replace("-", " ").split())
    return words[:1].upper() + words[1:] if words else key


def _source_text(
    record: Mapping[str, Any], texts: Mapping[Any, str], spans: Mapping[Any, Any] | None = None
) -> str | None:
    """The source words of a row; a spun document's repaired, the printed ones after."""
    text = texts.get(record.get("doc"))
    start, end = record.get("start"), record.get("end")
    if text is None or not in_text(start, end, len(text)):
        return None
    doc_spans = (spans or {}).get(record.get("doc"))
    fixed = repaired_reading(text, doc_spans, start, end) if doc_spans else None
    if fixed is not None:
        return f"{truncate(fixed)} (repaired; as printed: {truncate(text[start:end])})"
    return truncate(text[start:end])


def _is_source_text(record: Mapping[str, Any], texts: Mapping[Any, str]) -> bool:
    """True when the record's ``text`` is exactly the document text at its offsets."""
    text = texts.get(record.get("doc"))
    start, end = record.get("start"), record.get("end")
    return (
        text is not None
        and in_text(start, end, len(text))
        and record.get("text") == text[start:end]
    )


def generic_sections(dossier: Mapping[str, Any]) -> list[GenericSection]:
    """Every top-level non-empty list of objects without a dedicated view, in dossier order.

    Columns are the records' fields other than ``doc``/``start``/``end``, in
    first-seen order (and not ``text`` when it is always the source text the
    row already quotes). Empty lists give no section, so a dossier of today
    renders exactly as before.
    """
    texts = {
        d.get("id"): d["text"]
        for d in dossier.get("documents") or []
        if isinstance(d, Mapping) and isinstance(d.get("text"), str)
    }
    spans = {
        d.get("id"): d.get("spans")
        for d in dossier.get("documents") or []
        if isinstance(d, Mapping) and d.get("spans")
    }
    sections = []
    for key, value in dossier.items():
        if key in DEDICATED_KEYS or not isinstance(key, str) or not isinstance(value, list):
            continue
        records = [r for r in value if isinstance(r, Mapping)]
        if not records:
            continue
        columns = list(dict.fromkeys(k for r in records for k in r if k not in LOCATION_FIELDS))
        if "text" in columns and all(_is_source_text(r, texts) for r in records):
            columns.remove("text")  # the Text column already shows it, from the document
        if key in SHOWN_COLUMNS:
            columns = [c for c in SHOWN_COLUMNS[key] if c in columns]
        section = GenericSection(key, section_title(key), [str(c) for c in columns])
        for r in records:
            doc = r.get("doc")
            row = GenericRow(
                doc=value_text(doc) if doc is not None else None,
                text=_source_text(r, texts, spans),
                cells=[cell_text(r[c]) if c in r else "" for c in columns],
            )
            section.rows.append(row)
        section.has_doc = any(row.doc is not None for row in section.rows)
        section.has_text = any(row.text is not None for row in section.rows)
        sections.append(section)
    return sections
