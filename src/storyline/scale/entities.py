"""Entities at scale, first level: mentions grouped by their blocking key.

Each mention gets the key the single-machine resolver starts from
(``fuse.entities``: the label's type group, the normalised name, a place's
canonical form, a person's name without titles). An executor turns one
analysis into its ``spellings`` (one row per key, spelling and label, with
its count in the document); a Spark SQL aggregation per key
(``scale.frames.entity_table``) counts mentions and documents and keeps the
most frequent spellings, so no Python process gathers a name's mentions and
a name in millions of documents is merged by Spark's own shuffle.
``entity_rows`` is the in-memory twin the tests compare it with.

Partial: this is only the exact-key level. The resolver's further steps
(surname and acronym links, transliteration-tolerant matching, namesake
splits, the knowledge base) run after ``storyline spark load`` on one
machine, not here.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from storyline.fuse.entities import TYPE_GROUP
from storyline.fuse.entity_names import is_known_place, normalise, person_key, place_canonical

#: Spellings kept per key, the most frequent first.
MAX_VARIANTS = 20

#: One ``spellings`` row: (type group, key, spelling, label, mentions in the document).
Spelling = tuple[str, str, str, str, int]


def entity_key(label: str, text: str) -> tuple[str, str] | None:
    """The (type group, key) a mention is blocked under, or None (no group, no name)."""
    group = TYPE_GROUP.get(label)
    key = normalise(text)
    if not group or not key:
        return None
    canonical = place_canonical(key)
    if canonical is not None:
        return "PLACE", canonical
    if group == "ORG" and is_known_place(key):
        return "PLACE", key
    return group, (person_key(key) if group == "PERSON" else key)


def doc_spellings(analysis: dict[str, Any]) -> list[Spelling]:
    """One row per (key, spelling, label) of one document, with its count there."""
    counts: Counter[tuple[str, str, str, str]] = Counter()
    for m in analysis.get("mentions") or []:
        text, label = m.get("text"), m.get("label")
        if not isinstance(text, str) or not isinstance(label, str):
            continue
        key = entity_key(label, text)
        if key is not None:
            counts[(*key, text, label)] += 1
    return [(*k, n) for k, n in counts.items()]


def entity_id(group: str, key: str) -> str:
    """The stable id of one blocking key (``k`` + 12 hex digits of its SHA-1)."""
    return "k" + hashlib.sha1(f"{group}\x1f{key}".encode()).hexdigest()[:12]


def _ranked(counts: Counter[str]) -> list[str]:
    return [s for s, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def entity_rows(docs: Iterable[tuple[str, Iterable[Spelling]]]) -> Iterator[tuple[Any, ...]]:
    """``entities`` rows (columns as ``job.ENTITY_COLUMNS``) from (doc_id, spellings) pairs.

    The in-memory reference of the Spark aggregation: ties between spellings
    or labels go to the smaller string, spellings are cut at ``MAX_VARIANTS``.
    """
    spellings: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    labels: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    documents: dict[tuple[str, str], set[str]] = defaultdict(set)
    for doc_id, rows in docs:
        for group, key, spelling, label, n in rows:
            spellings[(group, key)][spelling] += n
            labels[(group, key)][label] += n
            documents[(group, key)].add(doc_id)
    for (group, key), counts in sorted(spellings.items()):
        ranked = _ranked(counts)
        label = _ranked(labels[(group, key)])[0]
        mentions, n_docs = sum(counts.values()), len(documents[(group, key)])
        row = (entity_id(group, key), group, key, ranked[0], label, mentions, n_docs)
        yield (*row, ranked[:MAX_VARIANTS])
