"""Step 2 of copy detection: candidate pairs without comparing all pairs.

Documents sharing enough blocking keys (sampled shingle fingerprints, or
skeleton keys for spun and translated copies) become candidates; MinHash LSH
adds near-duplicates. Over-common keys (a bucket holding more than its cap of
documents: a famous quote, unmasked boilerplate, a wire story reprinted
hundreds of times) pair each member only with the bucket's first
``BUCKET_REPS`` members, which keeps copies of a widely reprinted text
connected through union-find while bounding the work.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

import numpy as np

from storyline.fuse.copies.params import (
    BUCKET_REPS,
    MAX_CANDIDATES,
    MINHASH_PERM,
    MINHASH_THRESHOLD,
)
from storyline.fuse.copies.prepare import UINT, Doc


def candidates(
    docs: list[Doc],
    keys_of: Callable[[Doc], Sequence[int] | np.ndarray],
    min_shared: int,
    min_frac: float,
    cap: int,
) -> dict[tuple[int, int], int]:
    """Document pairs sharing at least ``max(min_shared, min_frac * smaller)`` keys.

    Keys are grouped by sorting (numpy), and the pairs of each bucket are
    generated in bulk per bucket size; a bucket larger than ``cap`` pairs its
    members with its first ``BUCKET_REPS`` members only.
    """
    if len(docs) < 2:
        return {}
    n_docs = max(d.idx for d in docs) + 1
    sizes = np.zeros(n_docs, dtype=np.int64)
    key_parts, owner_parts = [], []
    for d in docs:
        k = np.asarray(keys_of(d), dtype=UINT)
        sizes[d.idx] = len(k)
        key_parts.append(k)
        owner_parts.append(np.full(len(k), d.idx, dtype=np.int64))
    keys = np.concatenate(key_parts)
    owners = np.concatenate(owner_parts)
    if len(keys) == 0:
        return {}
    order = np.lexsort((owners, keys))
    keys, owners = keys[order], owners[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    lens = np.diff(np.r_[starts, len(keys)])
    chunks = [np.zeros(0, dtype=np.int64)]
    for size in range(2, min(cap, int(lens.max())) + 1):
        sel = starts[lens == size]
        if len(sel) == 0:
            continue
        members = owners[sel[:, None] + np.arange(size)]
        iu0, iu1 = np.triu_indices(size, 1)
        chunks.append((members[:, iu0] * n_docs + members[:, iu1]).ravel())
    for st, ln in zip(starts[lens > cap].tolist(), lens[lens > cap].tolist(), strict=True):
        members = owners[st : st + ln]
        for x in range(BUCKET_REPS):
            chunks.append(members[x] * n_docs + members[x + 1 :])
    pairs, counts = np.unique(np.concatenate(chunks), return_counts=True)
    i, j = pairs // n_docs, pairs % n_docs
    need = np.maximum(min_shared, min_frac * np.minimum(sizes[i], sizes[j]))
    keep = counts >= need
    return dict(
        zip(
            zip(i[keep].tolist(), j[keep].tolist(), strict=True), counts[keep].tolist(), strict=True
        )
    )


def minhash_candidates(docs: list[Doc]) -> set[tuple[int, int]]:
    """Near-duplicate pairs by MinHash LSH over full shingle sets (Jaccard, not containment)."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=MINHASH_THRESHOLD, num_perm=MINHASH_PERM)
    sigs = {}
    for d in docs:
        if len(d.shingle_set) == 0:
            continue
        m = shingle_minhash(d.shingle_set)
        sigs[d.idx] = m
        lsh.insert(d.idx, m)
    pairs = set()
    for i, m in sigs.items():
        found = sorted(j for j in lsh.query(m) if j != i)[:MAX_CANDIDATES]
        for j in found:
            pairs.add((i, j) if i < j else (j, i))
    return pairs


@cache
def _permutations() -> tuple[Any, str]:
    """datasketch's permutations for ``MINHASH_PERM`` (seed 1) and their scheme, made
    once: generating them costs more than hashing one document's shingles."""
    from datasketch import MinHash

    m = MinHash(num_perm=MINHASH_PERM, hashfunc=int)
    return m.permutations, m.scheme


def shingle_minhash(shingle_set: np.ndarray) -> Any:
    """The datasketch ``MinHash`` copy detection compares for a document's shingle set.

    Public so a digest (``fuse.partition``) carries the very signature the
    copy blocker computes: same permutations, seed and 32-bit inputs.
    """
    from datasketch import MinHash

    perms, scheme = _permutations()
    m = MinHash(num_perm=MINHASH_PERM, hashfunc=int, permutations=perms, scheme=scheme)
    # 32-bit inputs for datasketch's affine scheme
    m.update_batch((shingle_set & UINT(0xFFFFFFFF)).astype(np.uint32).tolist())
    return m


@cache
def lsh_bands() -> tuple[tuple[int, int], ...]:
    """The band ranges datasketch's ``MinHashLSH`` chooses for the copy threshold."""
    from datasketch import MinHashLSH

    return tuple(MinHashLSH(threshold=MINHASH_THRESHOLD, num_perm=MINHASH_PERM).hashranges)


def limit_per_doc(cands: dict[tuple[int, int], int]) -> set[tuple[int, int]]:
    """Each document keeps its ``MAX_CANDIDATES`` best pairs (most shared keys), to bound work."""
    per: dict[int, list[tuple[int, tuple[int, int]]]] = defaultdict(list)
    for pair, c in cands.items():
        per[pair[0]].append((c, pair))
        per[pair[1]].append((c, pair))
    keep: set[tuple[int, int]] = set()
    for lst in per.values():
        lst.sort(key=lambda x: (-x[0], x[1]))
        keep.update(p for _, p in lst[:MAX_CANDIDATES])
    return keep
