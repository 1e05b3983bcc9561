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
"""

from __future__ import annotations

import gc
import hashlib
import re
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from rapidfuzz.distance import Indel, Levenshtein
from rapidfuzz.process import cdist

from storyline.model import CopyLink, DocumentAnalysis, Lineage, SharedPassage

# ------------------------------------------------------------------ params

K = 5  # words per shingle
SAMPLE_MOD = 4  # keep shingles whose hash is 0 mod this (content-defined sampling)
SMALL_DOC_SHINGLES = 40  # documents with fewer shingles index all of them
BUCKET_CAP = 20  # above this, a fingerprint bucket pairs members with its first reps only
BUCKET_REPS = 4
MAX_CANDIDATES = 25  # per document, by shared-fingerprint count
MIN_TOKENS = 12  # shorter documents (after boilerplate) are never linked
MIN_SHARED_FP = 2  # containment blocking: at least this many shared fingerprints ...
MIN_SHARED_FRAC = 0.2  # ... and this fraction of the smaller document's fingerprints
MINHASH_PERM = 64
MINHASH_THRESHOLD = 0.5
# verification (exact shingles)
LINK_COVERAGE = 0.5  # a link needs this much of one document covered by the other
MIN_SHARED_SHINGLES = 20  # ... and at least this many shared shingles (or the whole of a small doc)
FULL_COVERAGE = 0.8  # "covered": excerpt / extended / near-duplicate boundaries
# fuzzy (spun / translated) verification
SKEL_MIN_SHARED = 3
SKEL_CAP = 10  # skeleton buckets (names recur across a story) are capped harder
SKEL_MIN_FRAC = 0.3
SENT_SIM = 0.5  # word-level Indel similarity for two sentences to align
FUZZY_COVERAGE = 0.6  # share of the copy's words in aligned sentences
FUZZY_MIN_SENTENCES = 3
FUZZY_MAX_SENTENCES = 400  # per document, bounds the sentence matrix

_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_BREAK = re.compile(r"[.!?][\"'\u201d\u2019)]*(?=\s)|\n")
_UINT = np.uint64


@lru_cache(maxsize=1 << 18)
def _norm(word: str) -> str:
    w = unicodedata.normalize("NFKD", word)
    w = "".join(c for c in w if not unicodedata.combining(c))
    return w.replace("\u2019", "'").casefold()


# ----------------------------------------------------------- preparation


@dataclass
class _Doc:
    idx: int
    analysis: DocumentAnalysis
    words: list[str]  # normalised (repaired) tokens
    starts: list[int]  # char offsets in the original text, per token
    ends: list[int]
    surface: list[str]  # repaired tokens, case kept (for skeletons)
    sentences: list[tuple[int, int]]  # token ranges
    spun_tokens: int = 0  # tokens that came from a spun span's repair
    shingles: np.ndarray = field(default_factory=lambda: np.zeros(0, _UINT))  # per position
    shingle_set: np.ndarray = field(default_factory=lambda: np.zeros(0, _UINT))  # sorted unique
    fingerprints: np.ndarray = field(default_factory=lambda: np.zeros(0, _UINT))
    skeleton_keys: list[int] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.analysis.doc_id


def _masked_intervals(a: DocumentAnalysis, kind: str) -> list[tuple[int, int]]:
    return sorted((s.start, s.end) for s in a.spans if s.kind == kind and s.end > s.start)


def _prepare(idx: int, a: DocumentAnalysis, token_ids: dict[str, int]) -> _Doc:
    text = a.text or ""
    boiler = _masked_intervals(a, "boilerplate")
    spun = sorted(
        (s for s in a.spans if s.kind == "spun" and isinstance(s.attrs.get("original"), str)),
        key=lambda s: (s.start, -(s.end - s.start)),
    )
    words: list[str] = []
    surface: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    breaks: set[int] = set()  # token indices that start a new sentence
    bi = si = 0
    spun_tokens = 0
    prev_end = 0
    pending_break = True
    emitted = None
    bpos = [m.start() for m in _BREAK.finditer(text)]
    bp = 0
    for m in _TOKEN.finditer(text):
        s, e = m.start(), m.end()
        while bp < len(bpos) and bpos[bp] < s:
            if bpos[bp] >= prev_end:
                pending_break = True
            bp += 1
        while bi < len(boiler) and boiler[bi][1] <= s:
            bi += 1
        if bi < len(boiler) and boiler[bi][0] <= s < boiler[bi][1]:
            pending_break = True
            continue
        while si < len(spun) and spun[si].end <= s:
            si += 1
        if pending_break:
            breaks.add(len(words))
        pending_break = False
        if si < len(spun) and spun[si].start <= s < spun[si].end:
            span = spun[si]
            repl = _TOKEN.findall(span.attrs["original"])
            if emitted is not span:
                emitted = span
                for r in repl:
                    surface.append(r)
                    words.append(_norm(r))
                    starts.append(span.start)
                    ends.append(span.end)
                    spun_tokens += 1
            prev_end = e
            continue
        prev_end = e
        surface.append(m.group())
        words.append(_norm(m.group()))
        starts.append(s)
        ends.append(e)
    cuts = sorted(breaks | {0, len(words)})
    sentences = [(x, y) for x, y in zip(cuts, cuts[1:], strict=False) if y > x]
    doc = _Doc(idx, a, words, starts, ends, surface, sentences, spun_tokens)
    _shingle(doc, token_ids)
    doc.skeleton_keys = _skeleton_keys(doc)
    return doc


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads the bits so ``h % SAMPLE_MOD`` is a fair sample."""
    h = h ^ (h >> _UINT(30))
    h = h * _UINT(0xBF58476D1CE4E5B9)
    h = h ^ (h >> _UINT(27))
    h = h * _UINT(0x94D049BB133111EB)
    return h ^ (h >> _UINT(31))


def _shingle(doc: _Doc, token_ids: dict[str, int]) -> None:
    n = len(doc.words)
    if n < K:
        return
    ids = np.fromiter(
        (
            token_ids.get(w) or token_ids.setdefault(w, zlib.crc32(w.encode()) + 1)
            for w in doc.words
        ),
        dtype=_UINT,
        count=n,
    )
    h = np.zeros(n - K + 1, dtype=_UINT)
    with np.errstate(over="ignore"):
        for j in range(K):
            h = h * _UINT(1_000_003) + ids[j : n - K + 1 + j]
        h = _mix(h)
    doc.shingles = h
    doc.shingle_set = np.unique(h)
    if len(doc.shingle_set) < SMALL_DOC_SHINGLES:
        doc.fingerprints = doc.shingle_set
    else:
        doc.fingerprints = doc.shingle_set[doc.shingle_set % _UINT(SAMPLE_MOD) == 0]


def _skeleton(doc: _Doc, start: int, end: int) -> list[str]:
    out = []
    for i in range(start, end):
        w = doc.surface[i]
        if w[0].isdigit():
            out.append(re.sub(r"[.,:]", "", w))
        elif i > start and w[0].isupper():
            out.append(doc.words[i])
    return out


def _skeleton_keys(doc: _Doc) -> list[int]:
    keys: set[int] = set()
    for s, e in doc.sentences:
        sk = _skeleton(doc, s, e)
        for x, y in zip(sk, sk[1:], strict=False):
            keys.add(zlib.crc32(f"{x}\x1f{y}".encode()))
    return sorted(keys)


# --------------------------------------------------------------- blocking


def _candidates(
    docs: list[_Doc], keys_of, min_shared: int, min_frac: float, cap: int
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
        k = np.asarray(keys_of(d), dtype=_UINT)
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


def _minhash_candidates(docs: list[_Doc]) -> set[tuple[int, int]]:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=MINHASH_THRESHOLD, num_perm=MINHASH_PERM)
    sigs = {}
    for d in docs:
        if len(d.shingle_set) == 0:
            continue
        m = MinHash(num_perm=MINHASH_PERM, hashfunc=int)
        # 32-bit inputs for datasketch's affine scheme
        m.update_batch((d.shingle_set & _UINT(0xFFFFFFFF)).astype(np.uint32).tolist())
        sigs[d.idx] = m
        lsh.insert(d.idx, m)
    pairs = set()
    for i, m in sigs.items():
        found = sorted(j for j in lsh.query(m) if j != i)[:MAX_CANDIDATES]
        for j in found:
            pairs.add((i, j) if i < j else (j, i))
    return pairs


def _limit_per_doc(cands: dict[tuple[int, int], int]) -> set[tuple[int, int]]:
    per: dict[int, list[tuple[int, tuple[int, int]]]] = defaultdict(list)
    for pair, c in cands.items():
        per[pair[0]].append((c, pair))
        per[pair[1]].append((c, pair))
    keep: set[tuple[int, int]] = set()
    for lst in per.values():
        lst.sort(key=lambda x: (-x[0], x[1]))
        keep.update(p for _, p in lst[:MAX_CANDIDATES])
    return keep


# ----------------------------------------------------------- verification


@dataclass
class _Match:
    a: _Doc
    b: _Doc
    cov_a: float  # share of a covered by b
    cov_b: float
    blocks: list[tuple[int, int, int, int]]  # token ranges (a0, a1, b0, b1)
    fuzzy: bool = False
    exact: bool = False
    reordered: bool = False
    spun_side: int | None = None  # 0: a looks spun, 1: b looks spun (fuzzy only)
    substitution_share: float = 0.0


def _tile(a: _Doc, b: _Doc) -> list[tuple[int, int, int, int]]:
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


def _verify_exact(a: _Doc, b: _Doc) -> _Match | None:
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
    return _Match(a, b, cov_a, cov_b, blocks, reordered=_out_of_order(blocks))


def _sent_tokens(doc: _Doc) -> tuple[list[tuple[int, int]], list[list[str]]]:
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


def _verify_fuzzy(a: _Doc, b: _Doc) -> _Match | None:
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
    return _Match(
        a,
        b,
        cov_a,
        cov_b,
        blocks,
        fuzzy=True,
        spun_side=spun_side,
        substitution_share=replaces / max(edits, 1),
    )


# ---------------------------------------------------------------- original


def _flag(a: DocumentAnalysis, key: str) -> bool:
    v = a.integrity.get(key)
    return bool(isinstance(v, dict) and v.get("flagged"))


def _date(a: DocumentAnalysis) -> tuple[int, str | None]:
    """(tier, value): tier 0 stated date, 1 inferred date, 2 no date."""
    ev = a.metadata.published
    if ev is None or not ev.value:
        return 2, None
    return (1 if ev.inferred else 0), ev.value


def _outlet_key(name: str | None) -> str:
    if not name:
        return ""
    s = _norm(name)
    s = re.sub(r"^the\s+", "", s)
    return re.sub(r"[^\w]+", " ", s).strip()


def _choose_original(m: _Match) -> tuple[_Doc, _Doc, str]:
    """(original, copy, reason)."""
    x, y = m.a, m.b
    ax, ay = x.analysis, y.analysis
    (tx, dx), (ty, dy) = _date(ax), _date(ay)
    if dx and dy:
        n = min(len(dx), len(dy), 19)
        if dx[:n] != dy[:n]:
            first, second = (x, y) if dx[:n] < dy[:n] else (y, x)
            note = " (inferred)" if tx == 1 or ty == 1 else ""
            d1, d2 = (dx, dy) if first is x else (dy, dx)
            return first, second, f"earlier publication date{note}: {d1} before {d2}"
    for key, label in (("spun", "machine-spun"), ("machine_translated", "machine-translated")):
        fx, fy = _flag(ax, key), _flag(ay, key)
        if fx != fy:
            orig, copy = (y, x) if fx else (x, y)
            return orig, copy, f"the copy is flagged {label}"
    if (x.spun_tokens > 0) != (y.spun_tokens > 0):
        orig, copy = (y, x) if x.spun_tokens else (x, y)
        return orig, copy, "the copy carries machine-spun wording (compared in repaired form)"
    for cand, other in ((x, y), (y, x)):
        oo = other.analysis.integrity.get("original_outlet")
        name = oo.get("name") if isinstance(oo, dict) else None
        own = cand.analysis.metadata.value("outlet")
        if name and own and _outlet_key(name) == _outlet_key(own):
            return cand, other, f"the copy credits {own} as its original outlet"
    if tx != ty:
        orig, copy = (x, y) if tx < ty else (y, x)
        what = "a stated" if min(tx, ty) == 0 else "an inferred"
        return orig, copy, f"only the original has {what} publication date"
    if m.fuzzy and m.spun_side is not None:
        orig, copy = (y, x) if m.spun_side == 0 else (x, y)
        return orig, copy, "the copy swaps common words for rarer synonyms (spinner's mark)"
    if not m.fuzzy and not m.exact and abs(m.cov_a - m.cov_b) > 0.1:
        orig, copy = (y, x) if m.cov_a > m.cov_b else (x, y)
        return orig, copy, "the longer document contains the shorter one"
    orig, copy = (x, y) if x.id <= y.id else (y, x)
    return orig, copy, "no dating evidence; stable tie-break by document id"


def _credits(copy: _Doc, orig: _Doc) -> bool:
    """Does the copy name the original's outlet as its source ("the X reported")?"""
    oo = copy.analysis.integrity.get("original_outlet")
    name = oo.get("name") if isinstance(oo, dict) else None
    own = orig.analysis.metadata.value("outlet")
    return bool(name and own and _outlet_key(name) == _outlet_key(own))


def _kind(m: _Match, copy: _Doc, orig: _Doc) -> str:
    cov_c, cov_o = (m.cov_a, m.cov_b) if copy is m.a else (m.cov_b, m.cov_a)
    ca = copy.analysis
    if copy.spun_tokens and _spun_shared(m, copy):
        return "spun"
    if m.exact:
        return "exact"
    if not m.fuzzy and _credits(copy, orig):
        return "syndicated"  # a verbatim reprint that credits the original outlet
    if m.fuzzy:
        if _flag(ca, "machine_translated"):
            return "translated"
        if _flag(ca, "spun") or copy.spun_tokens or m.substitution_share >= 0.6:
            return "spun"
        return "translated" if m.spun_side is None else "spun"
    if cov_c >= FULL_COVERAGE and cov_o >= FULL_COVERAGE:
        return "reordered" if m.reordered else "near-duplicate"
    if cov_c >= FULL_COVERAGE:
        return "excerpt"
    if cov_o >= FULL_COVERAGE:
        return "extended"
    return "partial"


def _spun_shared(m: _Match, doc: _Doc) -> bool:
    """Does a repaired (spun) word of ``doc`` lie inside a shared passage?"""
    spun = _masked_intervals(doc.analysis, "spun")
    side = 0 if doc is m.a else 2
    for t0, t1 in ((blk[side], blk[side + 1]) for blk in m.blocks):
        lo, hi = doc.starts[t0], doc.ends[t1 - 1]
        if any(a < hi and b > lo for a, b in spun):
            return True
    return False


def _link(m: _Match) -> CopyLink:
    orig, copy, reason = _choose_original(m)
    kind = _kind(m, copy, orig)
    sim = m.cov_a if copy is m.a else m.cov_b
    passages = []
    for a0, a1, b0, b1 in m.blocks:
        if copy is m.b:
            a0, a1, b0, b1 = b0, b1, a0, a1
        passages.append(
            SharedPassage(copy.starts[a0], copy.ends[a1 - 1], orig.starts[b0], orig.ends[b1 - 1])
        )
    passages.sort(key=lambda p: (p.a_start, p.b_start))
    return CopyLink(
        copy=copy.id,
        original=orig.id,
        kind=kind,
        similarity=round(float(sim), 4),
        passages=passages,
        reason=reason,
    )


# ----------------------------------------------------------------- groups


def _root_key(d: _Doc) -> tuple:
    tier, value = _date(d.analysis)
    flagged = _flag(d.analysis, "spun") or _flag(d.analysis, "machine_translated")
    return (value is None, value or "", flagged, tier, -len(d.words), d.id)


def _lineages(docs: list[_Doc], links: list[CopyLink]) -> list[Lineage]:
    by_id = {d.id: d for d in docs}
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        ra, rb = find(link.copy), find(link.original)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = defaultdict(list)
    for x in list(parent):
        groups[find(x)].append(x)
    links_of: dict[str, list[CopyLink]] = defaultdict(list)
    for link in links:
        links_of[find(link.copy)].append(link)
    out = []
    for root, members in groups.items():
        glinks = links_of[root]
        copies = {lk.copy for lk in glinks}
        roots = [m for m in members if m not in copies] or members
        original = min(roots, key=lambda m: _root_key(by_id[m]))
        rest = sorted((m for m in members if m != original), key=lambda m: _root_key(by_id[m]))
        gid = "l" + hashlib.sha1(",".join(sorted(members)).encode()).hexdigest()[:12]
        glinks.sort(key=lambda lk: (lk.copy, lk.original))
        out.append(Lineage(id=gid, original=original, documents=[original, *rest], links=glinks))
    out.sort(key=lambda lg: (-len(lg.documents), lg.id))
    return out


# ------------------------------------------------------------------- main


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
    docs: list[_Doc] = []
    for a in analyses:
        if a.doc_id in seen:
            continue
        seen.add(a.doc_id)
        docs.append(_prepare(len(docs), a, token_ids))
    usable = [d for d in docs if len(d.words) >= MIN_TOKENS]

    matches: dict[tuple[int, int], _Match] = {}

    # 1. exact copies: chain each to the first of its class
    exact: dict[int, list[_Doc]] = defaultdict(list)
    for d in usable:
        h = int.from_bytes(hashlib.blake2b("\x1f".join(d.words).encode(), digest_size=8).digest())
        exact[h].append(d)
    representatives = []
    for group in exact.values():
        representatives.append(group[0])
        for d in group[1:]:
            m = _Match(group[0], d, 1.0, 1.0, [(0, len(d.words), 0, len(d.words))], exact=True)
            matches[(group[0].idx, d.idx)] = m

    # 2. candidates among one representative per exact class
    cands = _candidates(
        representatives, lambda d: d.fingerprints, MIN_SHARED_FP, MIN_SHARED_FRAC, BUCKET_CAP
    )
    pairs = _limit_per_doc(cands)
    if use_minhash:
        pairs |= _minhash_candidates(representatives)
    skel = _limit_per_doc(
        _candidates(
            representatives, lambda d: d.skeleton_keys, SKEL_MIN_SHARED, SKEL_MIN_FRAC, SKEL_CAP
        )
    )

    # 3. verification
    for i, j in sorted(pairs | skel):
        a, b = docs[i], docs[j]
        m = _verify_exact(a, b)
        if m is None and (i, j) in skel:
            m = _verify_fuzzy(a, b)
        if m is not None:
            matches[(i, j)] = m

    links = [_link(m) for _, m in sorted(matches.items())]
    return _lineages(docs, links)
