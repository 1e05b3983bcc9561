"""Step 3 of copy detection: verify a candidate pair and find its shared passages.

Exact verification compares shingle containment both ways (numpy set
intersection) and tiles the shared passages greedily (which also handles
reordered paragraphs). Pairs that fail it but share a skeleton are tried by
sentence alignment (order-keeping dynamic programming over word-level Indel
similarity, rapidfuzz), which catches spun and translated copies; their
shared passages are the aligned sentences.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import Indel, Levenshtein
from rapidfuzz.process import cdist

from storyline.fuse.copies.params import (
    FUZZY_COVERAGE,
    FUZZY_MAX_SENTENCES,
    FUZZY_MIN_SENTENCES,
    LINK_COVERAGE,
    MIN_SHARED_SHINGLES,
    SENT_SIM,
    K,
)
from storyline.fuse.copies.prepare import Doc


@dataclass
class Match:
    """A verified copy pair: how much of each side the other covers, and where.

    The lineage step reads it to pick the original and name the kind of copy.
    """

    a: Doc
    b: Doc
    cov_a: float  # share of a covered by b
    cov_b: float
    blocks: list[tuple[int, int, int, int]]  # token ranges (a0, a1, b0, b1)
    fuzzy: bool = False
    exact: bool = False
    reordered: bool = False
    spun_side: int | None = None  # 0: a looks spun, 1: b looks spun (fuzzy only)
    substitution_share: float = 0.0


def _tile(a: Doc, b: Doc) -> list[tuple[int, int, int, int]]:
    """Greedy shingle tiling: maximal shared token runs (>= K words), in a's order."""
    pos: dict[int, list[int]] = defaultdict(list)
    for j, h in enumerate(b.shingles.tolist()):
        pos[h].append(j)
    blocks = []
    ash = a.shingles.tolist()
    i, n, expect = 0, len(ash), -1
    while i < n:
        js = pos.get(ash[i])
        if not js:
            i += 1
            continue
        j = expect if expect in js else js[0]
        length = K
        while (
            i + length < len(a.words)
            and j + length < len(b.words)
            and a.words[i + length] == b.words[j + length]
        ):
            length += 1
        blocks.append((i, i + length, j, j + length))
        expect = j + length
        i += length
    # merge blocks separated by a small change in both documents
    merged: list[tuple[int, int, int, int]] = []
    for blk in blocks:
        if merged:
            a0, a1, b0, b1 = merged[-1]
            if 0 <= blk[0] - a1 <= 3 and 0 <= blk[2] - b1 <= 3:
                merged[-1] = (a0, blk[1], b0, blk[3])
                continue
        merged.append(blk)
    return merged


def _out_of_order(blocks: list[tuple[int, int, int, int]]) -> bool:
    big = [b for b in blocks if b[1] - b[0] >= 2 * K]
    return any(y[2] < x[2] for x, y in zip(big, big[1:], strict=False))


def verify_exact(a: Doc, b: Doc) -> Match | None:
    """A match if enough shingles are shared verbatim (copy, excerpt, extension, reorder)."""
    if len(a.shingle_set) == 0 or len(b.shingle_set) == 0:
        return None
    shared = len(np.intersect1d(a.shingle_set, b.shingle_set, assume_unique=True))
    cov_a = shared / len(a.shingle_set)
    cov_b = shared / len(b.shingle_set)
    smaller = min(len(a.shingle_set), len(b.shingle_set))
    if max(cov_a, cov_b) < LINK_COVERAGE or shared < min(MIN_SHARED_SHINGLES, 0.8 * smaller):
        return None
    blocks = _tile(a, b)
    # reported coverage: share of each document's words inside shared passages
    cov_a = sum(a1 - a0 for a0, a1, _, _ in blocks) / len(a.words)
    covered_b = np.zeros(len(b.words), dtype=bool)
    for _, _, b0, b1 in blocks:
        covered_b[b0:b1] = True
    cov_b = float(covered_b.mean())
    return Match(a, b, cov_a, cov_b, blocks, reordered=_out_of_order(blocks))


def _sent_tokens(doc: Doc) -> tuple[list[tuple[int, int]], list[list[str]]]:
    sents = [(s, e) for s, e in doc.sentences if e - s >= 4][:FUZZY_MAX_SENTENCES]
    return sents, [doc.words[s:e] for s, e in sents]


def _align_sentences(sim: np.ndarray, wa: list[int]) -> list[tuple[int, int]]:
    """Order-keeping alignment of sentences maximising aligned words of a."""
    na, nb = sim.shape
    ok = sim >= SENT_SIM
    dp = np.zeros((na + 1, nb + 1), dtype=np.int64)
    for i in range(1, na + 1):
        row, prev = dp[i], dp[i - 1]
        oki = ok[i - 1]
        w = wa[i - 1]
        for j in range(1, nb + 1):
            best = prev[j] if prev[j] >= row[j - 1] else row[j - 1]
            if oki[j - 1] and prev[j - 1] + w > best:
                best = prev[j - 1] + w
            row[j] = best
    pairs = []
    i, j = na, nb
    while i > 0 and j > 0:
        if ok[i - 1, j - 1] and dp[i, j] == dp[i - 1, j - 1] + wa[i - 1]:
            pairs.append((i - 1, j - 1))
            i -= 1
            j -= 1
        elif dp[i - 1, j] >= dp[i, j - 1]:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


_ZIPF: dict[str, float] = {}


def _zipf(word: str) -> float:
    z = _ZIPF.get(word)
    if z is None:
        try:
            from wordfreq import zipf_frequency

            z = zipf_frequency(word, "en")
        except Exception:  # pragma: no cover - wordfreq data missing
            z = 0.0
        _ZIPF[word] = z
    return z


def verify_fuzzy(a: Doc, b: Doc) -> Match | None:
    """A match if enough sentences align by similarity (spun or translated copies)."""
    sa, ta = _sent_tokens(a)
    sb, tb = _sent_tokens(b)
    if len(sa) < FUZZY_MIN_SENTENCES or len(sb) < FUZZY_MIN_SENTENCES:
        return None
    sim = cdist(ta, tb, scorer=Indel.normalized_similarity, dtype=np.float32)
    wa = [len(t) for t in ta]
    pairs = _align_sentences(sim, wa)
    if len(pairs) < FUZZY_MIN_SENTENCES:
        return None
    cov_a = sum(wa[i] for i, _ in pairs) / max(sum(wa), 1)
    wb = [len(t) for t in tb]
    cov_b = sum(wb[j] for _, j in pairs) / max(sum(wb), 1)
    if max(cov_a, cov_b) < FUZZY_COVERAGE:
        return None
    # Which side swapped common words for rarer ones (the spinner's mark), and
    # how much of the difference is one-for-one substitution (spinning) rather
    # than insertions and deletions (translation, rewriting).
    rarer_a = rarer_b = replaces = edits = 0
    for i, j in pairs:
        ops = Levenshtein.editops(ta[i], tb[j])
        edits += len(ops)
        for op in ops:
            if op.tag != "replace":
                continue
            replaces += 1
            za, zb = _zipf(ta[i][op.src_pos]), _zipf(tb[j][op.dest_pos])
            if za + 1.0 < zb:
                rarer_a += 1
            elif zb + 1.0 < za:
                rarer_b += 1
    spun_side = None
    if rarer_a >= 3 and rarer_a >= 2 * rarer_b:
        spun_side = 0
    elif rarer_b >= 3 and rarer_b >= 2 * rarer_a:
        spun_side = 1
    blocks = [(sa[i][0], sa[i][1], sb[j][0], sb[j][1]) for i, j in pairs]
    return Match(
        a,
        b,
        cov_a,
        cov_b,
        blocks,
        fuzzy=True,
        spun_side=spun_side,
        substitution_share=replaces / max(edits, 1),
    )
