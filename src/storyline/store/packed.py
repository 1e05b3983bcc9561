"""An analysis packed for the workspace where it was made (a pool worker).

Packing (``to_dict``, JSON, zlib) and the derived columns (title, outlet,
date, a spun document's repaired reading) cost about a fifth of a document's
analysis. Done in the main process, they made it the bottleneck of a process
pool: with ``-j 2`` on 2 cores the main process competed with both workers.
``pack_for_store`` runs in the worker instead (``analyze_parallel``'s
``finish``), so what crosses the process boundary is a few compressed bytes
per document, not a pickled object graph, and the main process only inserts.

The partition planner's digest (``fuse.partition.digest_of``) is made here
too, from the analysis the worker already holds, and stored with it: made
later by ``store.digests``, it cost decoding every analysis again when a
paged report first planned.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.model import DocumentAnalysis
from storyline.store.derived import label_row, repaired_text
from storyline.store.rows import DIGEST_UPSERT, pack_analysis

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PackedAnalysis:
    """What ``Workspace.put_packed`` stores: the row and its derived columns."""

    doc_id: str
    pipeline_version: str
    data: bytes  # pack_analysis(analysis)
    label: tuple[Any, ...]  # derived.UPDATE_ANALYSIS values
    repaired: str | None  # derived.repaired_text(analysis)
    errors: list[str] = field(default_factory=list)  # the analysis's own error lines
    digest: tuple[str, str] | None = None  # digest_row(analysis): (version, JSON)


def pack_for_store(analysis: DocumentAnalysis, digest: bool = True) -> PackedAnalysis:
    """Everything the workspace writes for ``analysis``, computed once, where it is.
    Without ``digest`` no planner digest is made (``store.digests`` makes it
    from the stored analysis if a paged report ever needs it)."""
    return PackedAnalysis(
        doc_id=analysis.doc_id,
        pipeline_version=analysis.pipeline_version,
        data=pack_analysis(analysis),
        label=label_row(analysis),
        repaired=repaired_text(analysis),
        errors=list(analysis.errors),
        digest=digest_row(analysis) if digest else None,
    )


def pack_without_digest(analysis: DocumentAnalysis) -> PackedAnalysis:
    """``pack_for_store`` without the digest: a module-level function, so a
    process pool can take it (the digest is 2% of a 1,000-article run that
    writes one dossier file, which never reads it)."""
    return pack_for_store(analysis, digest=False)


def digest_row(analysis: DocumentAnalysis) -> tuple[str, str] | None:
    """The planner's digest of ``analysis`` as the ``digests`` table keeps it:
    ``(DIGEST_VERSION, JSON)``. None when it cannot be made: the analysis is
    stored all the same, and ``store.digests`` tries again (and says why)."""
    from storyline.fuse.partition import DIGEST_VERSION, digest_of

    try:
        return DIGEST_VERSION, json.dumps(digest_of(analysis).to_dict())
    except Exception:  # noqa: BLE001 - a digest is an index entry, never worth the analysis
        log.warning("%s: no digest made at ingest", analysis.doc_id, exc_info=True)
        return None


def store_digests(db: sqlite3.Connection, packed: Sequence[PackedAnalysis]) -> None:
    """Inside the caller's transaction: each analysis's digest beside it. A
    document stored without one loses any older digest, so that
    ``store.digests`` makes it anew from this analysis."""
    rows = [(p.doc_id, p.digest[0], p.pipeline_version, p.digest[1]) for p in packed if p.digest]
    if rows:
        db.executemany(DIGEST_UPSERT, rows)
    gone = [(p.doc_id,) for p in packed if p.digest is None]
    if gone:
        db.executemany("DELETE FROM digests WHERE doc_id = ?", gone)
