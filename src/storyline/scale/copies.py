"""Copy detection at scale: blocking keys in Spark, the project's own logic per block.

``storyline.fuse.copies.find_copies`` is near-linear but runs in one
process. Here the same steps are split so no step compares all pairs and no
step holds the corpus:

1. **Keys, per document** (executors): ``fuse.copies.prepare`` gives the
   document's exact-text hash, its sampled shingle fingerprints and its
   skeleton keys; a datasketch MinHash of its shingle set (the parameters of
   ``fuse.copies.params``) is cut into the LSH bands datasketch's
   ``MinHashLSH`` would use, one key per band.
2. **Candidate pairs** (a Spark group-by per key): members of one bucket are
   paired, an over-full bucket only with its first ``BUCKET_REPS`` members
   (as in ``fuse.copies.blocking``); a pair is kept when it shares one exact
   or MinHash band key, ``MIN_SHARED_FP`` fingerprints or ``SKEL_MIN_SHARED``
   skeleton keys.
3. **Blocks**: connected components of the candidate pairs (union-find on the
   driver, over document ids only).
4. **Verification, per block** (executors): ``find_copies`` on the analyses
   of one block, so shared passages, kinds and originals are exactly the
   single-machine ones whenever the block holds every document the
   single-machine run would have compared.

Partial: a component is verified whole, so a corpus whose candidate graph
chains into one giant component (millions of documents) would put it on one
executor; the bucket caps make that unlikely but nothing splits it yet.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import groupby
from typing import Any

import numpy as np

from storyline.fuse.copies import find_copies
from storyline.fuse.copies.params import (
    BUCKET_CAP,
    BUCKET_REPS,
    MIN_SHARED_FP,
    MIN_TOKENS,
    MINHASH_PERM,
    MINHASH_THRESHOLD,
    SKEL_CAP,
    SKEL_MIN_SHARED,
)
from storyline.fuse.copies.prepare import UINT, prepare
from storyline.model import DocumentAnalysis
from storyline.scale.columns import LINEAGE_COLUMNS, LINK_COLUMNS, Column

#: key kind -> (bucket cap, shared keys a pair needs)
KEY_KINDS: dict[str, tuple[int, int]] = {
    "x": (BUCKET_CAP, 1),  # the whole boilerplate-free text
    "m": (BUCKET_CAP, 1),  # one MinHash LSH band
    "f": (BUCKET_CAP, MIN_SHARED_FP),  # a sampled shingle fingerprint
    "s": (SKEL_CAP, SKEL_MIN_SHARED),  # a skeleton pair (spun / translated copies)
}


@cache
def _bands() -> list[tuple[int, int]]:
    """The band ranges datasketch's ``MinHashLSH`` chooses for the project's parameters."""
    from datasketch import MinHashLSH

    return list(MinHashLSH(threshold=MINHASH_THRESHOLD, num_perm=MINHASH_PERM).hashranges)


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def blocking_keys(analysis: DocumentAnalysis | dict[str, Any]) -> list[str]:
    """Every blocking key of one analysis, as ``"<kind>:<value>"`` strings."""
    if isinstance(analysis, dict):
        analysis = DocumentAnalysis.from_dict(analysis)
    doc = prepare(0, analysis, {})
    if len(doc.words) < MIN_TOKENS:
        return []
    keys = ["x:" + _digest("\x1f".join(doc.words).encode())]
    keys += [f"f:{int(k)}" for k in doc.fingerprints]
    keys += [f"s:{k}" for k in doc.skeleton_keys]
    if len(doc.shingle_set):
        from datasketch import MinHash

        m = MinHash(num_perm=MINHASH_PERM, hashfunc=int)
        m.update_batch((doc.shingle_set & UINT(0xFFFFFFFF)).astype(np.uint32).tolist())
        for i, (start, end) in enumerate(_bands()):
            keys.append(f"m:{i}:{_digest(m.hashvalues[start:end].tobytes())}")
    return keys


def bucket_pairs(key: str, members: Iterable[str]) -> Iterator[tuple[tuple[str, str, str], int]]:
    """``((a, b, kind), 1)`` for the pairs one bucket proposes (``a < b``)."""
    kind = key.split(":", 1)[0]
    cap, _ = KEY_KINDS[kind]
    docs = sorted(set(members))
    if len(docs) > cap:
        for x in range(min(BUCKET_REPS, len(docs))):
            for other in docs[x + 1 :]:
                yield (docs[x], other, kind), 1
        return
    for i, a in enumerate(docs):
        for b in docs[i + 1 :]:
            yield (a, b, kind), 1


def enough(kind: str, shared: int) -> bool:
    """True when a pair shares enough keys of ``kind`` to be a candidate."""
    return shared >= KEY_KINDS[kind][1]


def components(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Document id -> block id (the smallest id in its connected component)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


#: Columns of a verified row: a ``lineages`` row or a ``copies`` row, told by ``tag``.
VERIFIED: tuple[Column, ...] = (
    Column("tag", "tag", "string"),  # lineage | link
    *LINEAGE_COLUMNS,
    *LINK_COLUMNS[1:],
)


def verify_block(analyses: Iterable[dict[str, Any]]) -> Iterator[tuple[str, Any]]:
    """``("lineage", row)`` and ``("link", row)`` results of ``find_copies`` on one block."""
    docs = sorted(analyses, key=lambda a: a["doc_id"])
    lineages = find_copies([DocumentAnalysis.from_dict(a) for a in docs])
    for lineage in lineages:
        for position, doc_id in enumerate(lineage.documents):
            yield "lineage", (lineage.id, doc_id, position, doc_id == lineage.original)
        for link in lineage.links:
            passages = json.dumps([p.to_dict() for p in link.passages], sort_keys=True)
            row = (lineage.id, link.copy, link.original, link.kind, link.similarity, link.reason)
            yield "link", (*row, passages)


def verify_sorted(rows: Iterable[tuple[str, str]]) -> Iterator[tuple[Any, ...]]:
    """``VERIFIED`` rows of every block in ``(block, analysis JSON)`` rows sorted by block.

    Spark sorts a partition by block (``scale.frames``), so a block's analyses
    arrive together and no Python process groups them in memory.
    """
    for _, members in groupby(rows, key=lambda r: r[0]):
        for tag, row in verify_block(json.loads(a) for _, a in members):
            if tag == "lineage":
                yield (tag, *row, None, None, None, None, None, None)
            else:
                lineage_id, *rest = row
                yield (tag, lineage_id, None, None, None, *rest)


def group_by_block(
    blocks: dict[str, str], analyses: Iterable[dict[str, Any]]
) -> dict[str, list[dict[str, Any]]]:
    """Analyses by block (documents in no block are left out): the in-memory twin of
    the Spark group-by, used by tests and small runs."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for a in analyses:
        block = blocks.get(a["doc_id"])
        if block is not None:
            out[block].append(a)
    return out
