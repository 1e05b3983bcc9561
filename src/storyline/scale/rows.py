"""Analyses to flat rows: the pure, Spark-free half of the Parquet layout.

Every function here takes plain data (an analysis dict, a ``RawDocument``)
and returns tuples in the column order of ``scale.columns``, so it runs
unchanged in an executor and in a test without Java. Offsets are copied
from the analysis, never recomputed: ``text`` is always
``documents.text[start:end]``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from storyline.model import RawDocument
from storyline.scale.columns import (
    DOCUMENT_COLUMNS,
    OFFSET_COLUMNS,
    SPAN_OF,
    TABLES,
    Column,
)
from storyline.scale.entities import doc_spellings

_CASTS = {"long": int, "double": float, "boolean": bool, "string": str}


def get_path(record: dict[str, Any], path: str) -> Any:
    """``record["a"]["b"]`` for ``"a.b"``; None where any part is missing."""
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def cast(value: Any, column: Column) -> Any:
    """``value`` as the column's type, or None when it is absent or not of that kind.

    A string column takes nested values as JSON, so a list or dict is kept
    readable rather than dropped.
    """
    if value is None:
        return None
    if column.type == "string":
        if isinstance(value, str):
            return value
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if column.type in ("long", "double") and isinstance(value, bool):
        return None
    try:
        return _CASTS[column.type](value)
    except (TypeError, ValueError):
        return None


def metadata_value(analysis: dict[str, Any], name: str) -> str | None:
    """The clean stage's value of a metadata field (title, outlet, ...), else None."""
    meta = analysis.get("metadata") or {}
    found = meta.get(name)
    if isinstance(found, dict):
        value = found.get("value")
        return value if isinstance(value, str) else None
    return found if isinstance(found, str) else None


def document_row(raw: RawDocument, analysis: dict[str, Any]) -> tuple[Any, ...]:
    """One ``documents`` row: what the container said, overridden by what clean found."""
    spun = (analysis.get("integrity") or {}).get("spun") or {}
    values: dict[str, Any] = {
        "doc_id": raw.id,
        "source": raw.source,
        "format": raw.format,
        "external_id": raw.external_id,
        "url": metadata_value(analysis, "url") or raw.url,
        "title": metadata_value(analysis, "title") or raw.title,
        "outlet": metadata_value(analysis, "outlet") or raw.outlet,
        "published": metadata_value(analysis, "published") or raw.published,
        "language": metadata_value(analysis, "language") or raw.language,
        "dct": raw.dct,
        "spun_score": spun.get("score") if isinstance(spun, dict) else None,
        "text": raw.text,
        "raw": raw.raw,
    }
    return tuple(
        values[c.name] if c.type == "binary" else cast(values[c.name], c) for c in DOCUMENT_COLUMNS
    )


def span_rows(analysis: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    """``spans`` rows: every stand-off span (boilerplate, spun, title, ...)."""
    text = analysis.get("text") or ""
    for span in analysis.get("spans") or []:
        start, end = span.get("start"), span.get("end")
        if not isinstance(start, int) or not isinstance(end, int):
            continue
        yield (analysis["doc_id"], start, end, span.get("kind"), span.get("rule"), text[start:end])


def record_span(table: str, record: dict[str, Any]) -> tuple[int | None, int | None, str | None]:
    """A record's own ``start``, ``end``, ``text``, or those of the part named in ``SPAN_OF``."""
    part = record if table not in SPAN_OF else (record.get(SPAN_OF[table]) or {})
    start, end, text = part.get("start"), part.get("end"), part.get("text")
    return (
        start if isinstance(start, int) else None,
        end if isinstance(end, int) else None,
        text if isinstance(text, str) else None,
    )


def table_rows(table: str, analysis: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    """Rows of one flat table from one analysis dict (columns: doc_id, n, offsets, main, record)."""
    output, columns = TABLES[table]
    doc_id = analysis["doc_id"]
    for n, record in enumerate(analysis.get(output) or []):
        if not isinstance(record, dict):
            continue
        start, end, text = record_span(table, record)
        main = tuple(cast(get_path(record, c.path), c) for c in columns)
        data = json.dumps(record, ensure_ascii=False, sort_keys=True)
        yield (doc_id, n, start, end, text, *main, data)


def table_columns(table: str) -> tuple[Column, ...]:
    """Every column of a flat table, in row order."""
    _, columns = TABLES[table]
    head = (Column("doc_id", "doc_id", "string"), Column("n", "n", "long"))
    return (*head, *OFFSET_COLUMNS, *columns, Column("record", "record", "string"))


def analysis_json(analysis: dict[str, Any]) -> str:
    """The analysis as stored in ``analyses.analysis`` (the workspace's own JSON form)."""
    return json.dumps(analysis, ensure_ascii=False, sort_keys=True)


#: A bundle row: ``doc_id``, ``source``, ``document`` (a ``documents`` row, or
#: None), ``analysis`` (JSON, or None), ``errors`` (``errors`` rows), then one
#: list per name here: each flat table's rows, ``spans`` rows, the entity
#: ``spellings`` (``scale.entities``) and the copy blocking ``keys``.
BUNDLE_LISTS: tuple[str, ...] = (*TABLES, "spans", "spellings", "keys")


def bundle_row(raw: RawDocument, analysis: dict[str, Any], keys: list[str]) -> tuple[Any, ...]:
    """Everything the job writes about one analysed document, in one row.

    Built once, in the executor that made the analysis, so the tables are
    cut from it by Spark (``scale.frames``) without running Python again.
    """
    errors = [(raw.source, raw.id, "extract", str(p)) for p in analysis.get("errors") or []]
    lists = [list(table_rows(t, analysis)) for t in TABLES]
    return (
        raw.id,
        raw.source,
        document_row(raw, analysis),
        analysis_json(analysis),
        errors,
        *lists,
        list(span_rows(analysis)),
        doc_spellings(analysis),
        keys,
    )


def error_bundle(source: str, doc_id: str | None, stage: str, reason: str) -> tuple[Any, ...]:
    """A bundle row that is only an error (no document, no analysis, empty lists)."""
    return (
        doc_id,
        source,
        None,
        None,
        [(source, doc_id, stage, reason)],
        *([] for _ in BUNDLE_LISTS),
    )
