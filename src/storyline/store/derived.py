"""Columns the workspace derives from an analysis: what search reads without
unpacking analyses.

A spun document's repaired reading (despin's suggested originals swapped in)
is indexed beside its text, so a search for the original wording finds it;
the analysis's title, outlet and date label search hits (a plain-text file has
no title of its own). Filled when an analysis is stored, and once for the
analyses of a workspace made before these columns existed.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from storyline.model import DocumentAnalysis
from storyline.store.rows import unpack_analysis

#: The first schema version with the derived columns.
DERIVED_SINCE = 2

UPDATE_ANALYSIS = "UPDATE analyses SET title = ?, outlet = ?, published = ? WHERE doc_id = ?"
#: Only a changed reading is written: every update of a document re-indexes it.
UPDATE_REPAIRED = "UPDATE documents SET repaired = ? WHERE id = ? AND repaired IS NOT ?"


def repaired_text(a: DocumentAnalysis) -> str | None:
    """The repaired reading of a document despin flagged and repaired, else None."""
    spun = a.integrity.get("spun") if isinstance(a.integrity, dict) else None
    if not (isinstance(spun, dict) and spun.get("flagged")):
        return None
    repairs = [s for s in a.spans if s.kind == "spun" and s.attrs.get("original")]
    if not repairs:
        return None
    from storyline.despin.repair import repaired_view  # only when there is a repair

    return repaired_view(a.text, repairs)[0]


def label_row(a: DocumentAnalysis) -> tuple[Any, ...]:
    """``UPDATE_ANALYSIS`` values: the title, outlet and date the analysis found."""
    m = a.metadata
    return (m.value("title"), m.value("outlet"), m.value("published"), a.doc_id)


def store_derived(db: sqlite3.Connection, analyses: list[DocumentAnalysis]) -> None:
    """Write the derived columns of ``analyses`` (inside the caller's transaction)."""
    store_derived_rows(db, [(label_row(a), repaired_text(a), a.doc_id) for a in analyses])


def store_derived_rows(
    db: sqlite3.Connection, rows: list[tuple[tuple[Any, ...], str | None, str]]
) -> None:
    """Write derived columns computed elsewhere (a pool worker): ``(label_row,
    repaired_text, doc_id)`` per analysis, inside the caller's transaction."""
    db.executemany(UPDATE_ANALYSIS, [label for label, _, _ in rows])
    for _, repaired, doc_id in rows:
        db.execute(UPDATE_REPAIRED, (repaired, doc_id, repaired))


def backfill(db: sqlite3.Connection, before: int) -> None:
    """Fill the derived columns of analyses stored before schema ``DERIVED_SINCE``."""
    if before >= DERIVED_SINCE or before == 0:
        return
    rows = db.execute("SELECT data FROM analyses").fetchall()
    for (data,) in rows:
        try:
            analysis = unpack_analysis(data)
        except Exception:  # noqa: BLE001 - one unreadable analysis must not stop the upgrade
            continue  # its columns stay empty until it is analysed again
        store_derived(db, [analysis])
