"""Find which documents copy which: exact, near-duplicate, excerpt, extended,
reordered, spun and (sometimes) machine-translated copies.

Reads analyses only. Boilerplate spans are masked out before anything is
compared, and spun spans are compared in their repaired form (each span's
``attrs["original"]`` stands in for the spun words), so a spinner's synonym
swaps do not hide a copy whose repair is known.

How it stays near-linear (no all-pairs comparison):

1. **Exact copies**: a hash of the whole normalised, boilerplate-free token
   sequence; equal hashes are exact copies.
2. **Containment blocking**: word 5-shingles (over normalised, repaired
   tokens) are hashed to 64 bits; a document is fingerprinted by the shingles
   whose hash is 0 mod 4 (a content-defined sample, so the same passage gets
   the same fingerprints wherever it sits: excerpts, extended copies and
   reordered paragraphs keep their fingerprints; short documents keep all
   their shingles). Fingerprints are indexed in a dict; two documents become
   candidates when they share enough fingerprints relative to the *smaller*
   one (containment, not Jaccard).
3. **Near-duplicates**: datasketch ``MinHashLSH`` (64 permutations, Jaccard
   threshold 0.5) over the full shingle sets, as a second candidate source.
4. **Spin- and translation-robust blocking**: per sentence, the "skeleton"
   of capitalised words (not the sentence's first word) and numbers, which
   spinners rarely touch and translators mostly keep; consecutive skeleton
   pairs are indexed like the fingerprints.

Very common fingerprints (a bucket holding more than ``BUCKET_CAP``
documents: a famous quote, unmasked boilerplate, a wire story reprinted
hundreds of times) do not produce all their pairs: each member is paired
only with the bucket's first ``BUCKET_REPS`` members, which keeps copies of a
widely reprinted text connected through union-find while bounding the work.
Each document keeps at most ``MAX_CANDIDATES`` candidates.

Candidates are verified exactly: shingle containment both ways (numpy set
intersection); for pairs that fail it, a sentence alignment (order-keeping
dynamic programming over word-level Indel similarity, rapidfuzz) that
catches spun and translated copies. Shared passages are character spans in
both documents, found by greedy shingle tiling (which also handles reordered
paragraphs) or, for spun/translated copies, as the aligned sentences.

``find_copies`` returns only groups of two or more documents (a ``Lineage``
per group); a document in no lineage is its own independent source, which
``storyline.fuse.sources`` takes into account.

The package reads in pipeline order: ``params`` (every threshold),
``prepare`` (tokens, shingles, skeletons), ``blocking`` (candidate pairs),
``verify`` (exact and fuzzy verification, shared passages) and ``lineage``
(original, kind, groups); this module runs them.
"""

from __future__ import annotations

import gc
import hashlib
from collections import defaultdict
from collections.abc import Sequence

from storyline.fuse.copies.blocking import candidates, limit_per_doc, minhash_candidates
from storyline.fuse.copies.lineage import copy_link, group_lineages
from storyline.fuse.copies.params import (
    BUCKET_CAP,
    MIN_SHARED_FP,
    MIN_SHARED_FRAC,
    MIN_TOKENS,
    SKEL_CAP,
    SKEL_MIN_FRAC,
    SKEL_MIN_SHARED,
)
from storyline.fuse.copies.prepare import Doc, prepare
from storyline.fuse.copies.verify import Match, verify_exact, verify_fuzzy
from storyline.model import DocumentAnalysis, Lineage


def find_copies(analyses: Sequence[DocumentAnalysis], *, use_minhash: bool = True) -> list[Lineage]:
    """Copy links between ``analyses``, grouped into lineages of two or more documents.

    Documents in no returned lineage are independent (their own lineage);
    ``storyline.fuse.sources.independent_sources`` counts them as such.
    """
    # Many small objects, no reference cycles: the cyclic GC only slows this down
    # (its full collections grow with the heap and made 10k documents superlinear).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _find_copies(analyses, use_minhash)
    finally:
        if gc_was_enabled:
            gc.enable()


def _find_copies(analyses: Sequence[DocumentAnalysis], use_minhash: bool) -> list[Lineage]:
    token_ids: dict[str, int] = {}
    seen: set[str] = set()
    docs: list[Doc] = []
    for a in analyses:
        if a.doc_id in seen:
            continue
        seen.add(a.doc_id)
        docs.append(prepare(len(docs), a, token_ids))
    usable = [d for d in docs if len(d.words) >= MIN_TOKENS]

    matches: dict[tuple[int, int], Match] = {}

    # 1. exact copies: chain each to the first of its class
    exact: dict[int, list[Doc]] = defaultdict(list)
    for d in usable:
        h = int.from_bytes(hashlib.blake2b("\x1f".join(d.words).encode(), digest_size=8).digest())
        exact[h].append(d)
    representatives = []
    for group in exact.values():
        representatives.append(group[0])
        for d in group[1:]:
            m = Match(group[0], d, 1.0, 1.0, [(0, len(d.words), 0, len(d.words))], exact=True)
            matches[(group[0].idx, d.idx)] = m

    # 2. candidates among one representative per exact class
    cands = candidates(
        representatives, lambda d: d.fingerprints, MIN_SHARED_FP, MIN_SHARED_FRAC, BUCKET_CAP
    )
    pairs = limit_per_doc(cands)
    if use_minhash:
        pairs |= minhash_candidates(representatives)
    skel = limit_per_doc(
        candidates(
            representatives, lambda d: d.skeleton_keys, SKEL_MIN_SHARED, SKEL_MIN_FRAC, SKEL_CAP
        )
    )

    # 3. verification
    for i, j in sorted(pairs | skel):
        a, b = docs[i], docs[j]
        m = verify_exact(a, b)
        if m is None and (i, j) in skel:
            m = verify_fuzzy(a, b)
        if m is not None:
            matches[(i, j)] = m

    links = [copy_link(m) for _, m in sorted(matches.items())]
    return group_lineages(docs, links)
