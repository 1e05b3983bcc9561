"""The fused dossier kept in the workspace, item by item, for fast queries.

Fusing 10,000 documents takes minutes, so the web app cannot fuse per
request: ``analyze``, ``report`` and an upload write the dossier they built
here, and pages and the API read single items and small slices of it
(``store/queries.py``). The whole dossier is replaced in one transaction, so
a reader (WAL) sees the old dossier or the new one, never half of each, and a
writer killed midway leaves the old one.

Every top-level list of records becomes rows of ``dossier_items`` (documents
get ``dossier_documents``, with their label and integrity flags as columns to
filter on). Links from an item to the documents and entities it names are
found by reading the record's JSON for strings that are known document or
entity ids, so a section added by a new extractor is linked with no code here.
An entity's mentions are kept per document apart from the entity, so a page
about one document never loads every mention of an entity named everywhere.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storyline.store import Workspace

#: Longest string taken for a document or entity id.
MAX_ID_CHARS = 100
#: A whole JSON string, escapes included, so a quote inside one never shifts the
#: pairing of the quotes after it. Written as runs of plain characters between
#: escapes (the same matches as ``"((?:[^"\\]|\\.)*)"``, a third faster).
_JSON_STRING = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"')

#: Heavy per-document lists left out of a document's ``summary`` (what listings return).
LIST_OMITS = ("text", "spans", "sentences", "mentions")
#: Top-level keys kept whole in ``dossier_meta`` (everything that is not a record list).
DOSSIER_KEY = "dossier"
#: The number of records of every section (documents included), counted once at write time.
COUNTS_KEY = "counts"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def named_ids(item_json: str, known: set[str] | frozenset[str]) -> set[str]:
    """The JSON strings in ``item_json`` (a record as stored) that are in ``known``.

    Read off the stored JSON with one regular expression rather than a walk of
    the record: storing a 10,000-document dossier spent most of its time walking.
    A string over ``MAX_ID_CHARS`` is never taken for an id.
    """
    return {m for m in _JSON_STRING.findall(item_json) if len(m) <= MAX_ID_CHARS and m in known}


def flags_column(doc: dict[str, Any]) -> str:
    """The document's integrity flag kinds as `` spun copy `` (spaces around each)."""
    # imported here: ``storyline.report`` takes seconds to import, and the
    # commands that only read the workspace must start at once
    from storyline.report.render.integrity import flag_items

    kinds = sorted({f["kind"] for f in flag_items(doc)})
    return " " + " ".join(kinds) + " " if kinds else " "


def _document_row(seq: int, doc: dict[str, Any]) -> tuple[Any, ...]:
    return (
        str(doc.get("id")),
        seq,
        doc.get("title"),
        doc.get("outlet"),
        doc.get("published"),
        doc.get("source"),
        flags_column(doc),
        _dumps({k: v for k, v in doc.items() if k not in LIST_OMITS}),
        _dumps(doc),
    )


def dossier_rows(dossier: dict[str, Any]) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of every ``dossier_*`` table for ``dossier``, all at once (benchmarks, tests)."""
    rows: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for kind, row in iter_dossier_rows(dossier):
        rows[kind].append(row)
    return rows


def iter_dossier_rows(dossier: dict[str, Any]) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """``(table kind, row)`` for every row of the ``dossier_*`` tables, one item at a time.

    A generator, so that storing a large dossier never holds every item's JSON
    at once (for 1,000 articles the rows were as large as dossier.json). The
    rows are those ``dossier_rows`` collects, in the same order per kind.
    """
    docs = dossier.get("documents") or []  # may be a SpilledList: read one at a time
    doc_ids = frozenset(str(d.get("id")) for d in docs if isinstance(d, dict))
    entity_ids = frozenset(
        str(e["id"]) for e in dossier.get("entities") or [] if isinstance(e, dict) and e.get("id")
    )
    known = doc_ids | entity_ids
    meta = {k: v for k, v in dossier.items() if k != "documents" and not _is_record_list(v)}
    counts = {k: len(v) for k, v in dossier.items() if k != "documents" and _is_record_list(v)}
    counts["documents"] = sum(1 for d in docs if isinstance(d, dict))
    yield "meta", (DOSSIER_KEY, _dumps(meta))
    yield "meta", (COUNTS_KEY, _dumps(counts))
    for i, d in enumerate(d for d in docs if isinstance(d, dict)):
        yield "documents", _document_row(i, d)
    for section, value in dossier.items():
        if section == "documents" or not _is_record_list(value):
            continue
        for seq, item in enumerate(value):
            linked: set[str] = set()
            if section == "entities" and isinstance(item, dict):
                mentions: list[tuple[Any, ...]] = []
                item = _split_mentions(item, mentions)
                for row in mentions:
                    yield "mentions", row
                linked = set(item["mention_docs"])
            rid = item.get("id") if isinstance(item, dict) else None
            data = _dumps(item)
            yield "items", (section, seq, None if rid is None else str(rid), data)
            names = named_ids(data, known) | linked
            for i in names:
                if i in doc_ids:
                    yield "item_docs", (section, seq, i)
            for i in names:
                if i in entity_ids:
                    yield "item_entities", (section, seq, i)


def _split_mentions(entity: dict[str, Any], out: list[tuple[Any, ...]]) -> dict[str, Any]:
    """The entity without ``mentions``; its mentions appended to ``out`` per document.

    The stored record names each document once in ``mention_docs`` so that it
    is still linked to every document it is mentioned in.
    """
    by_doc: dict[str, list[Any]] = defaultdict(list)
    for m in entity.get("mentions") or []:
        if isinstance(m, dict):
            by_doc[str(m.get("doc"))].append(m)
    for doc_id, mentions in by_doc.items():
        out.append((str(entity["id"]), doc_id, _dumps(mentions)))
    rest = {k: v for k, v in entity.items() if k != "mentions"}
    rest["mention_docs"] = {d: len(ms) for d, ms in by_doc.items()}
    return rest


def _is_record_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, dict) for v in value)


TABLES = (
    "dossier_meta",
    "dossier_documents",
    "dossier_items",
    "dossier_item_docs",
    "dossier_item_entities",
    "dossier_entity_mentions",
)

INSERTS = {
    "meta": "INSERT INTO dossier_meta (key, value) VALUES (?, ?)",
    "documents": "INSERT INTO dossier_documents"
    " (doc_id, seq, title, outlet, published, source, flags, summary, data)"
    " VALUES (?,?,?,?,?,?,?,?,?)",
    "items": "INSERT INTO dossier_items (section, seq, id, data) VALUES (?,?,?,?)",
    "item_docs": "INSERT INTO dossier_item_docs (section, seq, doc_id) VALUES (?,?,?)",
    "item_entities": "INSERT INTO dossier_item_entities (section, seq, entity_id) VALUES (?,?,?)",
    "mentions": "INSERT OR IGNORE INTO dossier_entity_mentions (entity_id, doc_id, data)"
    " VALUES (?,?,?)",
}


def write_rows(db: sqlite3.Connection, rows: dict[str, list[tuple[Any, ...]]]) -> None:
    """Replace the stored dossier with ``rows`` (inside the caller's transaction).

    The secondary indexes are dropped and built again after the inserts (in
    the same transaction): inserting a 10,000-document dossier into them row
    by row, in random key order, took most of the write.
    """
    indexes = drop_indexes(db)
    for table in TABLES:
        db.execute(f"DELETE FROM {table}")  # noqa: S608 - table names are constants
    for kind, sql in INSERTS.items():
        if rows.get(kind):
            batch = sorted(rows[kind]) if kind == "mentions" else rows[kind]  # key order
            db.executemany(sql, batch)
    create_indexes(db, indexes)


def drop_indexes(db: sqlite3.Connection) -> list[str]:
    """Drop the secondary indexes of the ``dossier_*`` tables; returns their SQL."""
    marks = ",".join("?" * len(TABLES))
    found = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        f" AND tbl_name IN ({marks})",
        TABLES,
    ).fetchall()
    for name, _sql in found:
        db.execute(f'DROP INDEX "{name}"')
    return [sql for _name, sql in found]


def create_indexes(db: sqlite3.Connection, sqls: list[str]) -> None:
    """Build again the indexes ``drop_indexes`` dropped."""
    for sql in sqls:
        db.execute(sql)


#: Rows inserted per ``executemany`` when a dossier is stored as a stream.
INSERT_BATCH = 2000


def write_row_stream(db: sqlite3.Connection, rows: Iterable[tuple[str, tuple[Any, ...]]]) -> None:
    """``write_rows`` for ``(kind, row)`` pairs as ``iter_dossier_rows`` yields them.

    Rows are inserted in batches as they come, so memory holds one batch per
    table, not the whole dossier; only the entity mentions are gathered first,
    to be inserted in key order (as ``write_rows`` does).
    """
    indexes = drop_indexes(db)
    for table in TABLES:
        db.execute(f"DELETE FROM {table}")  # noqa: S608 - table names are constants
    pending: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for kind, row in rows:
        batch = pending[kind]
        batch.append(row)
        if kind != "mentions" and len(batch) >= INSERT_BATCH:
            db.executemany(INSERTS[kind], batch)
            batch.clear()
    for kind, batch in pending.items():
        if batch:
            db.executemany(INSERTS[kind], sorted(batch) if kind == "mentions" else batch)
    create_indexes(db, indexes)


def put_dossier(ws: Workspace, dossier: dict[str, Any]) -> None:
    """Store ``dossier`` as the workspace's current one, replacing the last, atomically.

    The rows are made item by item inside the transaction
    (``iter_dossier_rows``), so a large dossier is never held twice; another
    writer waits for the whole store (seconds for 1,000 articles).
    """
    with ws.lock.transaction() as db:
        write_row_stream(db, iter_dossier_rows(dossier))
