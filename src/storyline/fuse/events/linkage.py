"""Sparse average-linkage clustering, for event mentions and for documents.

Average linkage over a sparse score table (a pair with no score counts 0)
with cannot-links: the mean link between two clusters must reach the
threshold and no pair across them may be forbidden. A heap keeps it near
O(P log P) for P scored pairs, so only blocked candidate pairs cost anything.

``document_stories`` groups documents into stories by how much they share
(named entities and content words): events of two different stories never
merge, as two earthquakes a week apart are reported with different names.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

#: Up to this many documents every pair is compared; above it, only pairs that
#: share a key held by at most ``MAX_KEY_SHARE`` of the documents.
ALL_PAIRS = 300
MAX_KEY_SHARE = 0.2


class DocFeatures(Protocol):
    doc: str
    context: frozenset[str]
    doc_words: frozenset[str]


@dataclass
class _Linkage:
    """Sparse average linkage state: cluster sizes, link sums, cannot-links."""

    size: dict[int, int] = field(default_factory=dict)
    members: dict[int, list[int]] = field(default_factory=dict)
    sums: dict[int, dict[int, float]] = field(default_factory=lambda: defaultdict(dict))
    cannot: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    weakest: dict[int, float] = field(default_factory=dict)


def average_linkage(
    n: int,
    scores: dict[tuple[int, int], float],
    cannot: set[tuple[int, int]],
    threshold: float,
) -> tuple[list[list[int]], list[float | None]]:
    """Average-linkage clusters of ``0..n-1`` over sparse pair scores (absent = 0).

    Two clusters merge while their mean pair score is >= ``threshold`` and no
    pair across them is in ``cannot``. Returns the clusters (sorted lists of
    indices, by first member) and per cluster the mean linkage of its weakest
    merge (None for a singleton).
    """
    st = _Linkage()
    for i in range(n):
        st.size[i], st.members[i] = 1, [i]
    heap: list[tuple[float, int, int]] = []
    for i, j in cannot:
        st.cannot[i].add(j)
        st.cannot[j].add(i)
    for (i, j), s in scores.items():
        if (i, j) in cannot or s <= 0.0:
            continue
        st.sums[i][j] = st.sums[j][i] = s
        if s >= threshold:
            heapq.heappush(heap, (-s, i, j))
    next_id = n
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in st.size or b not in st.size or b in st.cannot[a]:
            continue
        current = st.sums[a].get(b, 0.0) / (st.size[a] * st.size[b])
        if abs(current + neg) > 1e-12:
            continue  # stale entry: a newer one is in the heap
        c, next_id = next_id, next_id + 1
        st.size[c] = st.size.pop(a) + st.size.pop(b)
        st.members[c] = st.members.pop(a) + st.members.pop(b)
        st.weakest[c] = min(current, st.weakest.pop(a, current), st.weakest.pop(b, current))
        st.cannot[c] = (st.cannot.pop(a, set()) | st.cannot.pop(b, set())) - {a, b}
        for other in st.cannot[c]:
            st.cannot[other] -= {a, b}
            st.cannot[other].add(c)
        merged: dict[int, float] = defaultdict(float)
        for old in (a, b):
            for other, s in st.sums.pop(old, {}).items():
                if other not in (a, b):
                    merged[other] += s
                    st.sums[other].pop(old, None)
        for other, s in merged.items():
            st.sums[c][other] = st.sums[other][c] = s
            if other in st.cannot[c]:
                continue
            avg = s / (st.size[c] * st.size[other])
            if avg >= threshold:
                heapq.heappush(heap, (-avg, c, other))
    ordered = sorted(st.members.items(), key=lambda item: min(item[1]))
    out = [sorted(ms) for _, ms in ordered]
    support = [st.weakest.get(cid) if len(ms) > 1 else None for cid, ms in ordered]
    return out, support


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    inter = len(a & b)
    return inter / len(a | b) if inter else 0.0


def document_stories(mentions: Iterable[DocFeatures], threshold: float) -> dict[str, int]:
    """Document id -> story number, by average linkage over document similarity.

    Similarity is the mean of the Jaccard overlaps of the documents' entity
    keys and of their content words; in a large collection only documents
    sharing a key that at most ``MAX_KEY_SHARE`` of them have are compared. ``threshold`` <= 0:
    no stories (an empty dict). A document with neither is in no story (absent).
    """
    if threshold <= 0:
        return {}
    feats: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    for m in mentions:
        if m.context or m.doc_words:  # a document with no keys stays in no story
            feats.setdefault(m.doc, (m.context, m.doc_words))
    docs = list(feats)
    index: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        ents, words = feats[d]
        for key in ents | words:
            index[key].append(i)
    limit = len(docs) if len(docs) <= ALL_PAIRS else int(MAX_KEY_SHARE * len(docs))
    scores: dict[tuple[int, int], float] = {}
    for members in index.values():
        if len(members) > limit:
            continue
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if (i, j) not in scores:
                    (ea, wa), (eb, wb) = feats[docs[i]], feats[docs[j]]
                    scores[(i, j)] = 0.5 * _jaccard(ea, eb) + 0.5 * _jaccard(wa, wb)
    groups, _ = average_linkage(len(docs), scores, set(), threshold)
    return {docs[i]: n for n, g in enumerate(groups) for i in g}
