"""Entities at scale, first level: mentions grouped by their blocking key.

Each mention gets the key the single-machine resolver starts from
(``fuse.entities``: the label's type group, the normalised name, a place's
canonical form, a person's name without titles), and a Spark aggregation
per key counts mentions and documents and keeps the most frequent
spellings. Counters are merged pairwise and trimmed (``MAX_VARIANTS``), so
a name in millions of documents never gathers on one executor.

Partial: this is only the exact-key level. The resolver's further steps
(surname and acronym links, transliteration-tolerant matching, namesake
splits, the knowledge base) run after ``storyline spark load`` on one
machine, not here.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from typing import Any

from storyline.fuse.entities import TYPE_GROUP
from storyline.fuse.entity_names import is_known_place, normalise, person_key, place_canonical

#: Spellings and labels kept per key while merging (the most frequent win).
MAX_VARIANTS = 20

#: (mentions, documents, spellings, labels) of one key, as merged so far.
Tally = tuple[int, int, Counter[str], Counter[str]]


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


def doc_tallies(analysis: dict[str, Any]) -> Iterator[tuple[tuple[str, str], Tally]]:
    """One tally per key per document (so ``documents`` counts each document once)."""
    per: dict[tuple[str, str], Tally] = {}
    for m in analysis.get("mentions") or []:
        text, label = m.get("text"), m.get("label")
        if not isinstance(text, str) or not isinstance(label, str):
            continue
        key = entity_key(label, text)
        if key is None:
            continue
        n, _, spellings, labels = per.get(key, (0, 1, Counter(), Counter()))
        spellings[text] += 1
        labels[label] += 1
        per[key] = (n + 1, 1, spellings, labels)
    yield from per.items()


def _trim(counter: Counter[str]) -> Counter[str]:
    return counter if len(counter) <= MAX_VARIANTS else Counter(dict(counter.most_common(20)))


def merge(a: Tally, b: Tally) -> Tally:
    """Two tallies of one key as one (associative, so Spark may merge in any order)."""
    return (a[0] + b[0], a[1] + b[1], _trim(a[2] + b[2]), _trim(a[3] + b[3]))


def entity_row(key: tuple[str, str], tally: Tally) -> tuple[Any, ...]:
    """One ``entities`` row (columns as ``job.ENTITY_COLUMNS``)."""
    group, name_key = key
    mentions, documents, spellings, labels = tally
    ranked = sorted(spellings.items(), key=lambda kv: (-kv[1], kv[0]))
    label = sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    entity_id = "k" + hashlib.sha1(f"{group}\x1f{name_key}".encode()).hexdigest()[:12]
    return (
        entity_id,
        group,
        name_key,
        ranked[0][0],
        label,
        mentions,
        documents,
        [s for s, _ in ranked],
    )
