"""Step 1 of copy detection: turn each analysis into comparable tokens.

Boilerplate spans are masked out and spun spans are replaced by their repair
(``attrs["original"]``) before anything is compared, so a spinner's synonym
swaps do not hide a copy whose repair is known. Each document then gets its
word 5-shingles (hashed to 64 bits), a content-defined sample of them as
fingerprints, and the "skeleton" keys (capitalised words and numbers per
sentence) that survive spinning and translation.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from storyline.fuse.copies.params import SAMPLE_MOD, SMALL_DOC_SHINGLES, K
from storyline.model import DocumentAnalysis

_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_BREAK = re.compile(r"[.!?][\"'\u201d\u2019)]*(?=\s)|\n")
UINT = np.uint64  # the dtype of shingle hashes, fingerprints and blocking keys


@lru_cache(maxsize=1 << 18)
def norm(word: str) -> str:
    """Accent-free, casefolded form, so spelling variants of one word compare equal."""
    w = unicodedata.normalize("NFKD", word)
    w = "".join(c for c in w if not unicodedata.combining(c))
    return w.replace("\u2019", "'").casefold()


@dataclass
class Doc:
    """One analysis as copy detection sees it: repaired, boilerplate-free tokens
    with their character offsets (to report shared passages) and its keys."""

    idx: int
    analysis: DocumentAnalysis
    words: list[str]  # normalised (repaired) tokens
    # char offsets in the original text, per token: machine-int arrays (a list of
    # int objects was 36 bytes a token, most of this step's memory)
    starts: Sequence[int]
    ends: Sequence[int]
    surface: list[str]  # repaired tokens, case kept (for skeletons; emptied once they are made)
    sentences: list[tuple[int, int]]  # token ranges
    spun_tokens: int = 0  # tokens that came from a spun span's repair
    shingles: np.ndarray = field(default_factory=lambda: np.zeros(0, UINT))  # per position
    shingle_set: np.ndarray = field(default_factory=lambda: np.zeros(0, UINT))  # sorted unique
    fingerprints: np.ndarray = field(default_factory=lambda: np.zeros(0, UINT))
    skeleton_keys: list[int] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.analysis.doc_id


def masked_intervals(a: DocumentAnalysis, kind: str) -> list[tuple[int, int]]:
    """Sorted, non-empty ``(start, end)`` of the spans of ``kind`` (boilerplate, spun)."""
    return sorted((s.start, s.end) for s in a.spans if s.kind == kind and s.end > s.start)


def prepare(idx: int, a: DocumentAnalysis, token_ids: dict[str, int]) -> Doc:
    """Tokenise, mask and repair ``a``, then compute its shingles and skeleton keys.

    ``token_ids`` is shared across the corpus so equal words hash equally.
    """
    text = a.text or ""
    boiler = masked_intervals(a, "boilerplate")
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
                    words.append(norm(r))
                    starts.append(span.start)
                    ends.append(span.end)
                    spun_tokens += 1
            prev_end = e
            continue
        prev_end = e
        surface.append(m.group())
        words.append(norm(m.group()))
        starts.append(s)
        ends.append(e)
    cuts = sorted(breaks | {0, len(words)})
    sentences = [(x, y) for x, y in zip(cuts, cuts[1:], strict=False) if y > x]
    doc = Doc(idx, a, words, array("q", starts), array("q", ends), surface, sentences, spun_tokens)
    _shingle(doc, token_ids)
    doc.skeleton_keys = _skeleton_keys(doc)
    doc.surface = []  # read only for the skeleton keys; a string per token is dropped here
    return doc


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads the bits so ``h % SAMPLE_MOD`` is a fair sample."""
    h = h ^ (h >> UINT(30))
    h = h * UINT(0xBF58476D1CE4E5B9)
    h = h ^ (h >> UINT(27))
    h = h * UINT(0x94D049BB133111EB)
    return h ^ (h >> UINT(31))


def _shingle(doc: Doc, token_ids: dict[str, int]) -> None:
    n = len(doc.words)
    if n < K:
        return
    ids = np.fromiter(
        (
            token_ids.get(w) or token_ids.setdefault(w, zlib.crc32(w.encode()) + 1)
            for w in doc.words
        ),
        dtype=UINT,
        count=n,
    )
    h = np.zeros(n - K + 1, dtype=UINT)
    with np.errstate(over="ignore"):
        for j in range(K):
            h = h * UINT(1_000_003) + ids[j : n - K + 1 + j]
        h = _mix(h)
    doc.shingles = h
    doc.shingle_set = np.unique(h)
    if len(doc.shingle_set) < SMALL_DOC_SHINGLES:
        doc.fingerprints = doc.shingle_set
    else:
        doc.fingerprints = doc.shingle_set[doc.shingle_set % UINT(SAMPLE_MOD) == 0]


def _skeleton(doc: Doc, start: int, end: int) -> list[str]:
    out = []
    for i in range(start, end):
        w = doc.surface[i]
        if w[0].isdigit():
            out.append(re.sub(r"[.,:]", "", w))
        elif i > start and w[0].isupper():
            out.append(doc.words[i])
    return out


def _skeleton_keys(doc: Doc) -> list[int]:
    keys: set[int] = set()
    for s, e in doc.sentences:
        sk = _skeleton(doc, s, e)
        for x, y in zip(sk, sk[1:], strict=False):
            keys.add(zlib.crc32(f"{x}\x1f{y}".encode()))
    return sorted(keys)
