"""How many independent sources a set of documents represents.

A lineage (from ``storyline.fuse.copies.find_copies``) is one original and
its copies: however many outlets reprint, excerpt, spin or translate a
report, it is one source. ``find_copies`` returns only lineages of two or
more documents; a document in no lineage is its own independent source.
Every "reported by N sources" in the dossier counts with
``independent_sources``, once, when the dossier is built
(``storyline.report.build``); the renderings only read the stored numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from storyline.model import Lineage


def lineage_of(lineages: Sequence[Lineage]) -> dict[str, Lineage]:
    """Document id -> the lineage it belongs to (documents in none are absent)."""
    out: dict[str, Lineage] = {}
    for lineage in lineages:
        for doc in lineage.documents:
            out.setdefault(doc, lineage)
    return out


def independent_groups(
    doc_ids: Iterable[str],
    lineages: Sequence[Lineage],
    index: Mapping[str, Lineage] | None = None,
) -> list[list[str]]:
    """The given documents grouped by lineage, in first-seen order, duplicates dropped.

    Each group is one independent source; a document in no lineage is a group
    of its own. Within a group the lineage's original (if given) comes first.
    ``index``: ``lineage_of(lineages)`` when the caller counts many sets (built
    once, not once per set: counting every event group stays linear).
    """
    index = lineage_of(lineages) if index is None else index
    groups: dict[str, list[str]] = {}
    seen: set[str] = set()
    for doc in doc_ids:
        if doc in seen:
            continue
        seen.add(doc)
        lineage = index.get(doc)
        key = lineage.id if lineage is not None else "doc:" + doc
        groups.setdefault(key, []).append(doc)
    out = []
    for docs in groups.values():
        lineage = index.get(docs[0])
        if lineage is not None and lineage.original in docs:
            docs.remove(lineage.original)
            docs.insert(0, lineage.original)
        out.append(docs)
    return out


def independent_sources(
    doc_ids: Iterable[str],
    lineages: Sequence[Lineage],
    index: Mapping[str, Lineage] | None = None,
) -> int:
    """How many independent lineages the given documents represent (``index``:
    see ``independent_groups``)."""
    return len(independent_groups(doc_ids, lineages, index))
