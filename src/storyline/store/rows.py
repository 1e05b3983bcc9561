"""How documents and analyses are laid out in the workspace's SQLite rows.

One place for the column order and the compression, so writing and reading a
row cannot drift apart.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Sequence
from typing import Any

from storyline.model import DocumentAnalysis, RawDocument

DOCUMENT_INSERT = (
    "INSERT OR IGNORE INTO documents (id, text, raw, format, title, url, outlet,"
    " published, dct, language, external_id, added_at)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
)
DOCUMENT_SELECT = (
    "SELECT id, text, raw, format, title, url, outlet, published, dct, language,"
    " external_id FROM documents WHERE id = ?"
)

ANALYSIS_UPSERT = (
    "INSERT INTO analyses (doc_id, pipeline_version, data, analysed_at)"
    " VALUES (?,?,?,?) ON CONFLICT(doc_id) DO UPDATE SET"
    " pipeline_version=excluded.pipeline_version, data=excluded.data,"
    " analysed_at=excluded.analysed_at"
)
#: Keeps a document's digest (``store.digests``), made by ``DIGEST_VERSION``
#: from the analysis of ``pipeline_version``.
DIGEST_UPSERT = (
    "INSERT INTO digests (doc_id, version, pipeline_version, data) VALUES (?,?,?,?)"
    " ON CONFLICT(doc_id) DO UPDATE SET version = excluded.version,"
    " pipeline_version = excluded.pipeline_version, data = excluded.data"
)


def document_row(raw: RawDocument, added_at: str) -> tuple[Any, ...]:
    """The values of ``DOCUMENT_INSERT`` for ``raw`` (original bytes zlib-compressed)."""
    return (
        raw.id,
        raw.text,
        zlib.compress(raw.raw),
        raw.format,
        raw.title,
        raw.url,
        raw.outlet,
        raw.published,
        raw.dct,
        raw.language,
        raw.external_id,
        added_at,
    )


def raw_document(row: Sequence[Any], source: str) -> RawDocument:
    """A ``RawDocument`` from a ``DOCUMENT_SELECT`` row and its first recorded source."""
    return RawDocument(
        id=row[0],
        source=source,
        text=row[1],
        raw=zlib.decompress(row[2]),
        format=row[3],
        title=row[4],
        url=row[5],
        outlet=row[6],
        published=row[7],
        dct=row[8],
        language=row[9],
        external_id=row[10],
    )


def document_content(db: sqlite3.Connection, doc_id: str) -> tuple[str, bytes] | None:
    """A stored document's text and original bytes, or None if it is not stored.

    Only these two columns: a caller that keeps the rest of a document
    (``store.pending``'s stubs) reads back what it dropped to save memory.
    """
    row = db.execute("SELECT text, raw FROM documents WHERE id = ?", (doc_id,)).fetchone()
    return None if row is None else (row[0], zlib.decompress(row[1]))


def pack_analysis(a: DocumentAnalysis) -> bytes:
    """The stored form of an analysis: zlib-compressed JSON of ``to_dict()``."""
    return zlib.compress(json.dumps(a.to_dict(), ensure_ascii=False).encode())


def unpack_analysis(data: bytes) -> DocumentAnalysis:
    """The analysis stored by ``pack_analysis``."""
    return DocumentAnalysis.from_dict(json.loads(zlib.decompress(data)))
