"""STAND-IN until the planner (branch ``plan``) lands: same names and signatures.

``digest_of`` keeps only date, title and outlet; ``plan_partitions`` cuts the
documents into chunks of ``max_docs`` in date order (undated last). The real
planner keeps copies and developing stories together; at merge this file is
replaced whole, so nothing else belongs here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from storyline.fuse.timeline import published_day
from storyline.model import Digest, DocumentAnalysis, Partition

STAND_IN_VERSION = "stand-in-1"


def digest_of(analysis: DocumentAnalysis) -> Digest:
    """What the stand-in planner needs of one document: its day, title and outlet."""
    md = analysis.metadata
    return Digest(
        doc_id=analysis.doc_id,
        date=published_day(analysis),
        title=md.value("title"),
        outlet=md.value("outlet"),
        n_tokens=analysis.n_tokens,
        version=STAND_IN_VERSION,
    )


def plan_partitions(digests: Iterable[Digest], max_docs: int = 2000) -> list[Partition]:
    """Chunks of at most ``max_docs`` documents in date order (undated last)."""
    order = [(d.date is None, d.date or "", i, d) for i, d in enumerate(digests)]
    order.sort(key=lambda row: row[:3])
    parts = []
    for k in range(0, len(order), max(1, max_docs)):
        chunk = [row[3] for row in order[k : k + max(1, max_docs)]]
        ids = [d.doc_id for d in chunk]
        days = sorted(d.date for d in chunk if d.date)
        parts.append(
            Partition(
                id=hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()[:16],
                doc_ids=ids,
                label=chunk[0].title or chunk[0].doc_id,
                first=days[0] if days else None,
                last=days[-1] if days else None,
            )
        )
    return parts
