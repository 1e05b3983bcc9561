"""Digests of the workspace's documents, made once and kept (issue 17).

Why: planning the partitions of a large corpus (``fuse.partition``) reads a
few KB per document instead of its ~110 KB analysis, and a second run over a
grown workspace should cost only its new documents. So each digest is stored
in the ``digests`` table beside the analysis, keyed on the digest version and
on the pipeline version of the analysis it was made from: a re-analysed
document, or a new ``DIGEST_VERSION``, gets its digest remade on the next
read; everything else is read back as stored.

Ingest stores each digest with its analysis (``store.packed.digest_row``,
made in the worker that holds the analysis), so this module makes digests
only for analyses stored without one (older workspaces, a digest that could
not be made) or made stale since.

Analyses are decoded one at a time, never all at once; digests are yielded
in batches of ``BATCH`` and stored as each batch is made. A stored analysis
that cannot be decoded (or digested) costs only its own document: an error
line, no digest, and the rest goes on.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterator, Sequence

from storyline.fuse.partition import DIGEST_VERSION, digest_of
from storyline.model import Digest
from storyline.store import Workspace
from storyline.store.rows import DIGEST_UPSERT, unpack_analysis

#: Documents looked up, digested and stored per round trip.
BATCH = 256

_ORDER = "SELECT a.doc_id FROM analyses a JOIN documents d ON d.id = a.doc_id ORDER BY d.rowid"
_STATE = (
    "SELECT a.doc_id, a.pipeline_version, g.version, g.pipeline_version, g.data"
    " FROM analyses a LEFT JOIN digests g ON g.doc_id = a.doc_id WHERE a.doc_id IN ({})"
)


def digests(
    ws: Workspace, doc_ids: Sequence[str] | None = None, *, errors: list[str] | None = None
) -> Iterator[Digest]:
    """Digests of the workspace's analysed documents, in ingest order (or in
    the order of ``doc_ids``); missing or stale ones are made and stored.

    A document without an analysis has no digest. Error lines (an analysis
    that cannot be decoded) go to ``errors`` when given, else to stderr.
    """
    given = doc_ids is not None
    order = list(dict.fromkeys(doc_ids)) if given else [r[0] for r in ws.db.execute(_ORDER)]
    for s in range(0, len(order), BATCH):
        yield from _batch(ws, order[s : s + BATCH], errors)


def _batch(ws: Workspace, chunk: list[str], errors: list[str] | None) -> list[Digest]:
    """One batch: stored digests that are current, the rest made and stored."""
    db = ws.db
    state = {r[0]: r for r in db.execute(_STATE.format(",".join("?" * len(chunk))), chunk)}
    out: list[Digest] = []
    made: list[tuple[str, str, str, str]] = []
    for doc_id in chunk:
        row = state.get(doc_id)
        if row is None:
            continue  # not analysed (yet)
        _, pipeline, version, made_from, data = row
        if version == DIGEST_VERSION and made_from == pipeline:
            stored = _load(data)
            if stored is not None:
                out.append(stored)
                continue
        d = _make(db, doc_id, errors)
        if d is not None:
            out.append(d)
            made.append((doc_id, DIGEST_VERSION, pipeline, json.dumps(d.to_dict())))
    if made:
        _store(ws, made, errors)
    return out


def _load(data: str) -> Digest | None:
    """A stored digest, or None when its row cannot be read (it is remade)."""
    try:
        return Digest.from_dict(json.loads(data))
    except (ValueError, TypeError):
        return None


def _make(db: sqlite3.Connection, doc_id: str, errors: list[str] | None) -> Digest | None:
    """The digest of one stored analysis, decoded alone; None (and an error
    line) when it cannot be decoded or digested."""
    row = db.execute("SELECT data FROM analyses WHERE doc_id = ?", (doc_id,)).fetchone()
    try:
        return digest_of(unpack_analysis(row[0]))
    except Exception as exc:  # noqa: BLE001 - one bad analysis costs only its document
        _tell(errors, f"{doc_id}: no digest, its stored analysis is unreadable ({exc!r:.200})")
        return None


def _store(ws: Workspace, rows: list[tuple[str, str, str, str]], errors: list[str] | None) -> None:
    """Keep new digests; a workspace that cannot be written still yields them."""
    try:
        with ws.lock.transaction() as db:
            db.executemany(DIGEST_UPSERT, rows)
    except sqlite3.Error as exc:
        _tell(errors, f"digests not stored ({exc}); they are made again next time")


def _tell(errors: list[str] | None, line: str) -> None:
    if errors is not None:
        errors.append(line)
    else:
        print(f"storyline: {line}", file=sys.stderr)
