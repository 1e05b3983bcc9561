"""An analysis packed for the workspace where it was made (a pool worker).

Packing (``to_dict``, JSON, zlib) and the derived columns (title, outlet,
date, a spun document's repaired reading) cost about a fifth of a document's
analysis. Done in the main process, they made it the bottleneck of a process
pool: with ``-j 2`` on 2 cores the main process competed with both workers.
``pack_for_store`` runs in the worker instead (``analyze_parallel``'s
``finish``), so what crosses the process boundary is a few compressed bytes
per document, not a pickled object graph, and the main process only inserts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storyline.model import DocumentAnalysis
from storyline.store.derived import label_row, repaired_text
from storyline.store.rows import pack_analysis


@dataclass(frozen=True)
class PackedAnalysis:
    """What ``Workspace.put_packed`` stores: the row and its derived columns."""

    doc_id: str
    pipeline_version: str
    data: bytes  # pack_analysis(analysis)
    label: tuple[Any, ...]  # derived.UPDATE_ANALYSIS values
    repaired: str | None  # derived.repaired_text(analysis)
    errors: list[str] = field(default_factory=list)  # the analysis's own error lines


def pack_for_store(analysis: DocumentAnalysis) -> PackedAnalysis:
    """Everything the workspace writes for ``analysis``, computed once, where it is."""
    return PackedAnalysis(
        doc_id=analysis.doc_id,
        pipeline_version=analysis.pipeline_version,
        data=pack_analysis(analysis),
        label=label_row(analysis),
        repaired=repaired_text(analysis),
        errors=list(analysis.errors),
    )
