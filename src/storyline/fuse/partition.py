"""Digests of documents and the partition plan of a corpus too large for one fusion.

Why: fusion and the dossier hold every analysis of their documents in
memory (about 110 KB each), so above some thousands of documents the corpus
is fused part by part (issue 17). What fusion links -- copies, reports of
one developing story -- must then land in one part, or the paged dossier
loses the link. Planning reads only ``Digest`` records (a few KB per
document, ``digest_of``), never analyses, so it runs over 100,000 documents
in a fraction of the memory one fusion of 2,000 takes.

How ``plan_partitions`` stays near-linear (no all-pairs comparison):

1. **Copies**: each digest's MinHash signature (the copy blocker's own,
   ``fuse.copies.blocking.shingle_minhash``) is cut into the LSH bands
   datasketch's ``MinHashLSH`` uses at the copy threshold; documents equal in
   one band are candidate copies (a sort per band, not a pair loop). Narrow
   bands (``CONTAINMENT_ROWS``) add excerpts and extended copies, kept when
   the containment the two signatures and sizes estimate reaches the copy
   detector's ``LINK_COVERAGE``. Copy groups are connected components.
2. **Stories**: names and terms are keys weighted by smoothed IDF; each
   holder of a key is proposed with its next ``NEIGHBOURS`` holders in date
   order (a key held by more than ``MAX_KEY_DOCS`` documents proposes none);
   a proposed pair links when the weighted mean of its name and term cosines
   (over the kinds both documents have), lowered by the date gap as the
   developing-story step does, reaches ``STORY_LINK``. Copy groups are
   joined by these links strongest first while the joined group fits
   ``max_docs`` (a maximum spanning forest cut at the cap): a story larger
   than the cap loses its weakest links, not an arbitrary date, and its parts
   are marked ``split``. (Cutting single-link groups by date instead kept
   94.4% of ECB+ same-story pairs at a cap of 50, 78% at a link level of
   0.1; joining strongest first kept 99.3% and 99.8%: docs/scale.md.)
3. **Packing**: groups in date order fill partitions of at most
   ``max_docs``; a copy group larger than that (a text reprinted more often
   than the cap) is cut by date into parts of its own (``split=True``).

Partial: the planner does not verify candidate copies (it has no texts), so
a band collision of two non-copies only packs them together, which costs
nothing but room. Copies that MinHash misses (excerpts, spun or translated
copies) are kept together only when their names and terms link them.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np

from storyline.fuse.copies.blocking import lsh_bands, shingle_minhash
from storyline.fuse.copies.params import LINK_COVERAGE, MIN_TOKENS, MINHASH_PERM
from storyline.fuse.copies.prepare import masked_intervals, prepare
from storyline.fuse.partition_rules import (
    CONTAINMENT_ROWS,
    DIGEST_VERSION,
    GAP_FLOOR,
    GAP_FREE_DAYS,
    GAP_FULL_DAYS,
    ID_BYTES,
    MAX_KEY_DOCS,
    MAX_NAMES,
    MAX_TERMS,
    NAME_WEIGHT,
    NEIGHBOURS,
    STORY_LINK,
    TERM_WEIGHT,
    TITLE_CHARS,
    ZIPF_CEILING,
)
from storyline.fuse.stories_features import content_words, entity_keys
from storyline.model import Digest, DocumentAnalysis, Mention, Partition

__all__ = ["DIGEST_VERSION", "digest_of", "plan_partitions"]

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_FIRST_LINE = re.compile(r"\S[^\n]*")
#: Pairs scored per sparse product (bounds the temporary rows).
_CHUNK = 100_000
#: Sorts undated groups after every dated one (a day ordinal never reaches it).
_UNDATED = 10**9


# ------------------------------------------------------------------ digests


def digest_of(analysis: DocumentAnalysis) -> Digest:
    """What planning needs of one analysis: day, title, outlet, size, MinHash
    signature, heaviest names and terms. Pure; a few milliseconds."""
    return Digest(
        doc_id=analysis.doc_id,
        date=_day(analysis),
        title=_title(analysis),
        outlet=analysis.metadata.value("outlet"),
        n_tokens=analysis.n_tokens,
        signature=_signature(analysis),
        names=_names(analysis),
        terms=_terms(analysis),
        version=DIGEST_VERSION,
    )


def _day(a: DocumentAnalysis) -> str | None:
    """The document's day: its creation time, else its publication date."""
    for value in (a.dct, a.metadata.value("published")):
        m = _DAY.match(value or "")
        if m is not None and _ordinal(m.group()) is not None:
            return m.group()
    return None


def _title(a: DocumentAnalysis) -> str | None:
    title = a.metadata.value("title")
    if title:
        return title[:TITLE_CHARS]
    m = _FIRST_LINE.search(a.text or "")
    return m.group()[:TITLE_CHARS].strip() if m else None


def _signature(a: DocumentAnalysis) -> list[int]:
    """The MinHash copy detection computes for this document (empty when it is
    too short to be linked as a copy)."""
    doc = prepare(0, a, {})
    if len(doc.words) < MIN_TOKENS or len(doc.shingle_set) == 0:
        return []
    return [int(v) for v in shingle_minhash(doc.shingle_set).hashvalues]


def _names(a: DocumentAnalysis) -> list[str]:
    mentions = [m for m in a.outputs.get("mentions", []) if isinstance(m, Mention)]
    counts, _ = entity_keys((m.text, m.label) for m in mentions)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [k for k, _ in ranked[:MAX_NAMES]]


def _terms(a: DocumentAnalysis) -> list[str]:
    """Content words by count times rarity in general English (boilerplate masked)."""
    text = a.text or ""
    cut = masked_intervals(a, "boilerplate")
    if cut:
        parts, pos = [], 0
        for s, e in cut:
            if s > pos:
                parts.append(text[pos:s])
            pos = max(pos, e)
        parts.append(text[pos:])
        text = "\n".join(parts)
    counts: Counter[str] = content_words(text)
    weighted = [(n * _rarity(w), w) for w, n in counts.items()]
    weighted.sort(key=lambda x: (-x[0], x[1]))
    return [w for weight, w in weighted[:MAX_TERMS] if weight > 0]


@lru_cache(maxsize=1 << 16)
def _rarity(word: str) -> float:
    from wordfreq import zipf_frequency

    return max(0.0, ZIPF_CEILING - zipf_frequency(word, "en"))


@lru_cache(maxsize=1 << 14)
def _ordinal(day: str | None) -> int | None:
    if not day:
        return None
    try:
        return date.fromisoformat(day[:10]).toordinal()
    except ValueError:
        return None


# ----------------------------------------------------------------- planning


@dataclass
class _Corpus:
    """The digests as the planner keeps them: machine-int columns, not records
    (a 100,000-document plan must not hold 100,000 digests)."""

    ids: list[str] = field(default_factory=list)
    titles: list[str | None] = field(default_factory=list)
    dates: list[str | None] = field(default_factory=list)
    days: array = field(default_factory=lambda: array("i"))  # ordinal, -1 when undated
    sizes: array = field(default_factory=lambda: array("i"))  # n_tokens, at least 1
    signed: array = field(default_factory=lambda: array("b"))  # 1 when it has a signature
    signatures: array = field(default_factory=lambda: array("I"))  # MINHASH_PERM per signed doc
    key_ids: dict[str, int] = field(default_factory=dict)
    rows: array = field(default_factory=lambda: array("i"))  # (doc, key, is_name), flat
    cols: array = field(default_factory=lambda: array("i"))
    kind: array = field(default_factory=lambda: array("b"))

    def add(self, d: Digest) -> None:
        i = len(self.ids)
        self.ids.append(d.doc_id)
        self.titles.append(d.title)
        self.dates.append(d.date)
        day = _ordinal(d.date)
        self.days.append(-1 if day is None else day)
        self.sizes.append(max(d.n_tokens, 1))
        sig = _sig_array(d.signature)
        self.signed.append(int(sig is not None))
        if sig is not None:
            self.signatures.extend(sig)
        for is_name, keys in ((1, d.names), (0, d.terms)):
            for k in dict.fromkeys(keys):
                key = ("n:" if is_name else "t:") + k
                self.rows.append(i)
                self.cols.append(self.key_ids.setdefault(key, len(self.key_ids)))
                self.kind.append(is_name)

    def column(self, name: str) -> np.ndarray:
        """A column as a numpy array (int64; a view would tie the array's buffer)."""
        return np.asarray(getattr(self, name), dtype=np.int64)


def _sig_array(signature: Sequence[int]) -> array | None:
    """A signature as 32-bit values; None when it is absent or malformed (a
    stored digest edited by hand must not stop the plan)."""
    if len(signature) != MINHASH_PERM:
        return None
    try:
        return array("I", signature)
    except (OverflowError, TypeError):
        return None


def plan_partitions(
    digests: Iterable[Digest], max_docs: int = 2000, max_tokens: int | None = None
) -> list[Partition]:
    """Cut the documents of ``digests`` into partitions of at most ``max_docs``
    (and, when given, at most ``max_tokens`` tokens of text: a part's memory
    follows its text, and 500 long articles cost what 3,000 short ones do),
    keeping candidate copies and one story's reports together where the caps
    allow. A document longer than ``max_tokens`` is a part of its own.
    Deterministic: the same digests give the same partitions."""
    if max_docs < 1:
        raise ValueError("max_docs must be at least 1")
    if max_tokens is not None and max_tokens < 1:
        raise ValueError("max_tokens must be at least 1")
    corpus = _Corpus()
    seen: set[str] = set()
    for d in digests:
        if d.doc_id not in seen:
            seen.add(d.doc_id)
            corpus.add(d)
    n = len(corpus.ids)
    if n == 0:
        return []
    copy_edges = _copy_edges(corpus)
    story_edges, scores = _story_edges(corpus)
    copy_of = _components(n, copy_edges)
    story_of, cut = _capped(copy_of, story_edges, scores, max_docs)
    budget = _Budget(max_docs, max_tokens, corpus.column("sizes"))
    return _pack(corpus, copy_of, story_of, budget, cut)


def _capped(
    copy_of: np.ndarray, edges: np.ndarray, scores: np.ndarray, cap: int
) -> tuple[np.ndarray, set[int]]:
    """Story groups joined strongest link first while the joined group fits
    ``cap`` (copy groups are joined already); labels, and the labels of groups
    a link was refused for (their story was cut)."""
    parent = list(range(int(copy_of.max()) + 1))
    size = np.bincount(copy_of).tolist()
    cut = [False] * len(parent)

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    order = np.lexsort((edges[:, 1], edges[:, 0], -scores)) if len(edges) else []
    for k in order:
        a, b = find(int(copy_of[edges[k, 0]])), find(int(copy_of[edges[k, 1]]))
        if a == b:
            continue
        if size[a] + size[b] > cap:
            cut[a] = cut[b] = True
            continue
        a, b = min(a, b), max(a, b)
        parent[b] = a
        size[a] += size[b]
        cut[a] = cut[a] or cut[b]
    roots = np.array([find(int(x)) for x in copy_of], dtype=np.int64)
    return roots, {r for r in set(roots.tolist()) if cut[r]}


def _copy_edges(c: _Corpus) -> np.ndarray:
    """Candidate copies: pairs equal in one of the copy blocker's LSH bands, and
    pairs equal in one narrow band whose estimated containment reaches
    ``LINK_COVERAGE`` (excerpts, extended copies)."""
    idx = np.flatnonzero(np.frombuffer(c.signed, dtype=np.int8)).astype(np.int64)
    if len(idx) < 2:
        return np.zeros((0, 2), dtype=np.int64)
    sigs = np.frombuffer(c.signatures, dtype=np.uint32).reshape(len(idx), MINHASH_PERM)
    wide = _band_pairs(sigs, idx, lsh_bands())
    narrow_ranges = [(s, s + CONTAINMENT_ROWS) for s in range(0, MINHASH_PERM, CONTAINMENT_ROWS)]
    narrow = _band_pairs(sigs, idx, narrow_ranges)
    if len(narrow) == 0:
        return wide
    narrow = np.unique(narrow, axis=0)
    row = np.full(len(c.ids), -1, dtype=np.int64)
    row[idx] = np.arange(len(idx))
    size = c.column("sizes").astype(float)
    keep = np.zeros(len(narrow), dtype=bool)
    for s in range(0, len(narrow), _CHUNK):
        a, b = narrow[s : s + _CHUNK, 0], narrow[s : s + _CHUNK, 1]
        jac = (sigs[row[a]] == sigs[row[b]]).mean(axis=1)
        small = np.minimum(size[a], size[b])
        keep[s : s + _CHUNK] = jac * (size[a] + size[b]) / ((1.0 + jac) * small) >= LINK_COVERAGE
    return np.concatenate([wide, narrow[keep]])


def _band_pairs(sigs: np.ndarray, idx: np.ndarray, ranges: Sequence[tuple[int, int]]) -> np.ndarray:
    """Pairs of documents equal over one band (each with the next member of its
    bucket in document order: a chain, enough for connected components)."""
    out = [np.zeros((0, 2), dtype=np.int64)]
    for start, end in ranges:
        band = sigs[:, start:end]
        key = np.zeros(len(band), dtype=np.uint64)
        with np.errstate(over="ignore"):
            for col in range(band.shape[1]):
                key = key * np.uint64(0x100000001B3) + band[:, col].astype(np.uint64)
        order = np.lexsort((idx, key))
        keys, members = key[order], idx[order]
        same = keys[1:] == keys[:-1]
        out.append(np.stack([members[:-1][same], members[1:][same]], axis=1))
    return np.concatenate(out)


def _story_edges(c: _Corpus) -> tuple[np.ndarray, np.ndarray]:
    """Proposed pairs (neighbours in date order under a shared key) whose link
    score reaches ``STORY_LINK``, and their scores. Proposals are made and
    scored a block at a time, so only the links are ever held."""
    n = len(c.ids)
    if not c.rows or n < 2:
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0)
    rows, cols, days = c.column("rows"), c.column("cols"), c.column("days")
    df = np.bincount(cols, minlength=len(c.key_ids))
    kind = c.column("kind").astype(bool)
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    spaces = [
        (w, _unit_rows(rows[sel], cols[sel], idf, n, len(c.key_ids)))
        for w, sel in ((NAME_WEIGHT, kind), (TERM_WEIGHT, ~kind))
    ]
    edges, scores = [np.zeros((0, 2), dtype=np.int64)], [np.zeros(0)]
    for pairs in _proposals(rows, cols, days, df):
        a, b = pairs[:, 0], pairs[:, 1]
        total = np.zeros(len(pairs))
        weight = np.zeros(len(pairs))
        for w, (x, has) in spaces:
            total += w * np.asarray(x[a].multiply(x[b]).sum(axis=1)).ravel()
            weight += w * (has[a] & has[b])  # a kind counts only where both have it
        score = total / np.maximum(weight, 1e-9) * _gap_weights(days[a], days[b])
        keep = score >= STORY_LINK
        edges.append(pairs[keep])
        scores.append(score[keep])
    return np.concatenate(edges), np.concatenate(scores)


def _proposals(
    rows: np.ndarray, cols: np.ndarray, days: np.ndarray, df: np.ndarray
) -> Iterator[np.ndarray]:
    """Blocks of at most ``_CHUNK`` ``(a, b)`` pairs, ``a < b``: each holder of
    a key not held by more than ``MAX_KEY_DOCS`` documents with its next
    ``NEIGHBOURS`` holders by date (unique within a block; a pair proposed in
    two blocks is scored twice, which only costs time)."""
    keep = (df[cols] >= 2) & (df[cols] <= MAX_KEY_DOCS)
    r, k = rows[keep], cols[keep]
    order = np.lexsort((r, days[r], k))
    r, k = r[order], k[order]
    n = int(rows.max()) + 1
    starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])  # where each key's holders begin
    block = max(_CHUNK // NEIGHBOURS, MAX_KEY_DOCS)
    lo = 0
    while lo < len(r):
        hi = int(starts[np.searchsorted(starts, lo + block)]) if lo + block < starts[-1] else len(r)
        rb, kb = r[lo:hi], k[lo:hi]
        codes = [
            np.minimum(rb[:-s], rb[s:])[same] * n + np.maximum(rb[:-s], rb[s:])[same]
            for s in range(1, min(NEIGHBOURS + 1, len(rb)))
            for same in [kb[s:] == kb[:-s]]
        ]
        if codes:
            u = np.unique(np.concatenate(codes))
            for s in range(0, len(u), _CHUNK):
                yield np.stack([u[s : s + _CHUNK] // n, u[s : s + _CHUNK] % n], axis=1)
        lo = hi


def _unit_rows(
    rows: np.ndarray, cols: np.ndarray, idf: np.ndarray, n: int, n_keys: int
) -> tuple[Any, np.ndarray]:
    """Binary, IDF-weighted key vectors scaled to unit length (a CSR matrix:
    the dot of two rows is their cosine), and which documents have any key."""
    from scipy.sparse import csr_matrix, diags

    x = csr_matrix((idf[cols], (rows, cols)), shape=(n, n_keys))
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    has = norms > 0
    norms[~has] = 1.0
    return csr_matrix(diags(1.0 / norms) @ x), has


def _gap_weights(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """1.0 up to ``GAP_FREE_DAYS`` apart, down to ``GAP_FLOOR`` at
    ``GAP_FULL_DAYS``; 1.0 when either is undated."""
    gap = np.abs(a - b).astype(float)
    w = 1.0 - (1.0 - GAP_FLOOR) * (gap - GAP_FREE_DAYS) / (GAP_FULL_DAYS - GAP_FREE_DAYS)
    w = np.clip(w, GAP_FLOOR, 1.0)
    w[(a < 0) | (b < 0)] = 1.0
    return w


def _components(n: int, edges: np.ndarray) -> np.ndarray:
    """Connected component of each document (labels in order of first member)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    graph = coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    return np.asarray(labels)


# ------------------------------------------------------------------ packing


def _date_key(c: _Corpus, members: Sequence[int]) -> tuple[int, int]:
    """Sort key of a group: its first day (undated last), then its first document."""
    dated = [c.days[i] for i in members if c.days[i] >= 0]
    return (min(dated) if dated else _UNDATED, min(members))


def _by_label(labels: np.ndarray, members: Iterable[int]) -> list[list[int]]:
    groups: dict[int, list[int]] = {}
    for i in members:
        groups.setdefault(int(labels[i]), []).append(i)
    return list(groups.values())


@dataclass(frozen=True)
class _Budget:
    """What one partition may hold: documents, and tokens when capped."""

    docs: int
    tokens: int | None
    sizes: np.ndarray  # tokens per document

    def cost(self, members: Sequence[int]) -> tuple[int, int]:
        return len(members), int(self.sizes[list(members)].sum()) if self.tokens else 0

    def fits(self, docs: int, tokens: int) -> bool:
        return docs <= self.docs and (self.tokens is None or tokens <= self.tokens)


def _pack(
    c: _Corpus, copy_of: np.ndarray, story_of: np.ndarray, budget: _Budget, cut: set[int]
) -> list[Partition]:
    """Groups in date order into partitions within ``budget``; larger ones cut
    by date. A partition holding a group in ``cut`` (labels of ``story_of``)
    is marked split."""
    labelled = _by_label(story_of, range(len(c.ids)))
    groups = sorted(labelled, key=lambda g: _date_key(c, g))
    out: list[Partition] = []
    current: list[list[int]] = []
    docs = tokens = 0

    def close() -> None:
        split = any(int(story_of[g[0]]) in cut for g in current)
        out.append(_partition(c, current, split=split))

    for g in groups:
        g_docs, g_tokens = budget.cost(g)
        if not budget.fits(g_docs, g_tokens):
            for chunk in _cut(c, copy_of, g, budget):
                out.append(_partition(c, [chunk], split=True))
            continue
        if current and not budget.fits(docs + g_docs, tokens + g_tokens):
            close()
            current, docs, tokens = [], 0, 0
        current.append(g)
        docs += g_docs
        tokens += g_tokens
    if current:
        close()
    return out


def _cut(c: _Corpus, copy_of: np.ndarray, group: list[int], budget: _Budget) -> list[list[int]]:
    """A story group over the budget cut in date order, its copy groups kept
    whole (a copy group over the budget alone is cut by date too)."""
    pieces: list[list[int]] = []
    for sub in sorted(_by_label(copy_of, group), key=lambda g: _date_key(c, g)):
        if budget.fits(*budget.cost(sub)):
            pieces.append(sub)
            continue
        ordered = sorted(sub, key=lambda i: (c.days[i] < 0, c.days[i], i))
        pieces += _fill([[i] for i in ordered], budget)
    return _fill(pieces, budget)


def _fill(pieces: list[list[int]], budget: _Budget) -> list[list[int]]:
    """Pieces joined in order into chunks within the budget (a piece over it alone)."""
    chunks: list[list[int]] = []
    docs = tokens = 0
    for p in pieces:
        p_docs, p_tokens = budget.cost(p)
        if chunks and budget.fits(docs + p_docs, tokens + p_tokens):
            chunks[-1].extend(p)
            docs += p_docs
            tokens += p_tokens
        else:
            chunks.append(list(p))
            docs, tokens = p_docs, p_tokens
    return chunks


def _partition(c: _Corpus, groups: list[list[int]], split: bool) -> Partition:
    members = sorted(i for g in groups for i in g)
    ids = [c.ids[i] for i in members]
    largest = max(groups, key=lambda g: (len(g), -min(g)))
    first_doc = min(largest, key=lambda i: (c.days[i] < 0, c.days[i], i))
    days = sorted(c.dates[i] for i in members if c.days[i] >= 0)
    key = "\x1f".join(sorted(ids)).encode()
    return Partition(
        id="p" + hashlib.blake2b(key, digest_size=ID_BYTES).hexdigest(),
        doc_ids=ids,
        label=c.titles[first_doc] or c.ids[first_doc],
        first=days[0] if days else None,
        last=days[-1] if days else None,
        groups=len(groups),
        split=split,
    )
