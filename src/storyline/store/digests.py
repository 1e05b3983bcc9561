"""STAND-IN until the planner (branch ``plan``) lands: digests computed on the
fly from the stored analyses (one at a time), not stored. Replaced whole at merge."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from storyline.model import Digest
from storyline.store import Workspace


def digests(ws: Workspace, doc_ids: Iterable[str] | None = None) -> Iterator[Digest]:
    """One digest per stored analysis, in ingest order (or the order of ``doc_ids``)."""
    from storyline.fuse.partition import digest_of

    for analysis in ws.analyses(doc_ids):
        yield digest_of(analysis)
