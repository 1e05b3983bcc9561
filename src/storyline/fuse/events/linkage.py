"""Sparse average-linkage clustering, for event mentions and for documents.

Average linkage over a sparse score table (a pair with no score counts 0)
with cannot-links: the mean link between two clusters must reach the
threshold and no pair across them may be forbidden. A heap keeps it near
O(P log P) for P scored pairs, so only blocked candidate pairs cost anything.

``document_stories`` groups documents into stories by how much they share
(named entities and content words): events of two different stories never
merge, as two earthquakes a week apart are reported with different names.
In a large collection each document is compared with a bounded number of
candidates found through its rarest keys (``story_pairs``).
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

#: Up to this many documents every pair sharing a key is compared; above it,
#: each document only with the ``STORY_NEIGHBOURS`` documents sharing most of
#: its ``STORY_KEYS`` rarest keys (keys held by at most ``MAX_KEY_DOCS`` or
#: ``MAX_KEY_SHARE`` of the documents): a bounded number of pairs per document.
ALL_PAIRS = 300
MAX_KEY_SHARE = 0.2
MAX_KEY_DOCS = 200
STORY_KEYS = 40
STORY_NEIGHBOURS = 40


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
    labels: Sequence[Hashable | None] | None = None,
) -> tuple[list[list[int]], list[float | None]]:
    """Average-linkage clusters of ``0..n-1`` over sparse pair scores (absent = 0).

    Two clusters merge while their mean pair score is >= ``threshold``, no
    pair across them is in ``cannot`` and they carry no two different
    ``labels`` (per item, None = any: the story of a mention, so two stories
    never meet even through a mention in none, without a cannot-link for
    every pair across them). Returns the clusters (sorted lists of
    indices, by first member) and per cluster the mean linkage of its weakest
    merge (None for a singleton).
    """
    st = _Linkage()
    label: dict[int, Hashable | None] = {}
    for i in range(n):
        st.size[i], st.members[i] = 1, [i]
        label[i] = labels[i] if labels is not None else None
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
        la, lb = label[a], label[b]
        if la is not None and lb is not None and la != lb:
            continue
        current = st.sums[a].get(b, 0.0) / (st.size[a] * st.size[b])
        if abs(current + neg) > 1e-12:
            continue  # stale entry: a newer one is in the heap
        c, next_id = next_id, next_id + 1
        label[c] = la if la is not None else lb
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


def story_pairs(feats: list[tuple[frozenset[str], frozenset[str]]]) -> set[tuple[int, int]]:
    """The document pairs whose similarity is computed.

    Up to ``ALL_PAIRS`` documents: every pair sharing a key. Above: each
    document looks up the documents holding its ``STORY_KEYS`` rarest keys
    (held by at least two and at most ``MAX_KEY_DOCS`` documents, or
    ``MAX_KEY_SHARE`` of them) and keeps the ``STORY_NEIGHBOURS`` sharing the
    most of them: linear in the number of documents.
    """
    index: dict[str, list[int]] = defaultdict(list)
    for i, (ents, words) in enumerate(feats):
        for key in ents | words:
            index[key].append(i)
    out: set[tuple[int, int]] = set()
    if len(feats) <= ALL_PAIRS:
        for members in index.values():
            for x, i in enumerate(members):
                out.update((i, j) for j in members[x + 1 :])
        return out
    limit = min(MAX_KEY_DOCS, int(MAX_KEY_SHARE * len(feats)))
    for i, (ents, words) in enumerate(feats):
        keys = [k for k in ents | words if 2 <= len(index[k]) <= limit]
        keys.sort(key=lambda k: (len(index[k]), k))
        shared: Counter[int] = Counter()
        for k in keys[:STORY_KEYS]:
            shared.update(index[k])
        del shared[i]
        for j, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:STORY_NEIGHBOURS]:
            out.add((i, j) if i < j else (j, i))
    return out


def document_stories(mentions: Iterable[DocFeatures], threshold: float) -> dict[str, int]:
    """Document id -> story number, by average linkage over document similarity.

    Similarity is the mean of the Jaccard overlaps of the documents' entity
    keys and of their content words, computed for the pairs ``story_pairs``
    proposes (all of them in a small collection). ``threshold`` <= 0: no
    stories (an empty dict). A document with neither is in no story (absent).
    """
    if threshold <= 0:
        return {}
    feats: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    for m in mentions:
        if m.context or m.doc_words:  # a document with no keys stays in no story
            feats.setdefault(m.doc, (m.context, m.doc_words))
    docs = list(feats)
    rows = [feats[d] for d in docs]
    scores: dict[tuple[int, int], float] = {}
    for i, j in sorted(story_pairs(rows)):
        (ea, wa), (eb, wb) = rows[i], rows[j]
        scores[(i, j)] = 0.5 * _jaccard(ea, eb) + 0.5 * _jaccard(wa, wb)
    groups, _ = average_linkage(len(docs), scores, set(), threshold)
    return {docs[i]: n for n, g in enumerate(groups) for i in g}
