"""What every quote step reads about one document: the ``QuoteContext``.

Built once per parsed document: the text, its paragraphs and quotations
(``marks``), token arrays for fast scans, and the per-document caches the
steps and the filter share (cue frames per token, the filter's features,
sibling cues). The proposal steps (``proposals/``), the filter and the record
builder are functions over it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import Any

import numpy as np
from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, POS

from storyline.extract.quotes import marks as M
from storyline.extract.quotes import rules as R
from storyline.extract.quotes import syntax as S
from storyline.model import ParsedDocument
from storyline.nlp import doc_text


class QuoteContext:
    """One parsed document as the quote steps see it.

    Public attributes: ``parsed``, ``doc``, ``text``; ``paras`` (paragraph
    char ranges) and ``para_starts``; ``groups`` (quotations, ``marks.Group``)
    and ``quoted`` / ``quoted_starts`` (their fragments, sorted); ``siblings``
    (a cue cut out of another's clause -> that cue); ``memo`` (per-document
    caches of the filter's features); and token arrays ``heads`` (absolute
    head index), ``idx`` (char offset) and ``punct_space`` for head climbs
    without Token objects.
    """

    def __init__(self, parsed: ParsedDocument) -> None:
        self.parsed = parsed
        self.doc = parsed.doc
        self.text = doc_text(self.doc)
        self.paras = M.paragraphs(self.text)
        self.para_starts = [s for s, _ in self.paras]
        self.groups = M.find_groups(self.text, self.paras)
        self.quoted = sorted(f for g in self.groups for f in g.frags)
        self.quoted_starts = [s for s, _ in self.quoted]
        self.quoted_ends = sorted(e for _, e in self.quoted)
        self.siblings: dict[int, Any] = {}
        self.memo: dict[str, Any] = {}
        self._frames: dict[int, list[tuple[str, list[int]]]] = {}
        arr = self.doc.to_array([POS, DEP, LEMMA, HEAD, IDX, IS_PUNCT, IS_SPACE])
        self._pos, self._dep, self._lemma = arr[:, 0], arr[:, 1], arr[:, 2]
        # Plain ints for head climbs (HEAD is relative).
        self.heads: list[int] = (np.arange(len(arr)) + arr[:, 3].astype(np.int64)).tolist()
        self.idx: list[int] = arr[:, 4].tolist()
        self.punct_space: list[bool] = ((arr[:, 5] != 0) | (arr[:, 6] != 0)).tolist()

    def tokens_where(
        self,
        pos: frozenset[str] = frozenset(),
        dep: frozenset[str] = frozenset(),
        lemmas: frozenset[str] = frozenset(),
    ) -> Iterator[Any]:
        """Tokens with one of these parts of speech, dependency labels or
        lemmas, in order, read from token arrays: a loop over every Token
        object is the slow part of a long document."""
        strings = self.doc.vocab.strings
        mask = np.zeros(len(self._pos), dtype=bool)
        if pos:
            mask |= np.isin(self._pos, [strings[p] for p in pos])
        if dep:
            mask |= np.isin(self._dep, [strings[d] for d in dep])
        if lemmas:
            mask |= np.isin(self._lemma, [strings[x] for x in lemmas])
        doc = self.doc
        for i in mask.nonzero()[0].tolist():
            yield doc[i]

    def frames_of(self, tok: Any) -> list[tuple[str, list[int]]]:
        """``cue_frames(tok)``, computed once per token (two steps ask for it)."""
        hit = self._frames.get(tok.i)
        if hit is None:
            hit = self._frames[tok.i] = S.cue_frames(tok)
        return hit

    def source_token(self, tok: Any, deps: frozenset[str] = R.SOURCE_DEPS, steps: int = 3) -> Any:
        """The cue's subject; a sibling cue shares its first cue's speaker."""
        first = self.siblings.get(tok.i)
        if first is not None:
            src = S.source_token(first)
            if src is not None:
                return src
        return S.source_token(tok, deps, steps)

    # -- positions
    def para_end_char(self, k: int) -> int:
        """Where paragraph ``k`` ends (the text's end past the last one)."""
        return self.paras[k][1] if k < len(self.paras) else len(self.text)

    def para_of(self, char: int) -> int:
        """Index of the paragraph holding ``char`` (0 before the first)."""
        return max(bisect.bisect_right(self.para_starts, char) - 1, 0)

    def in_quote(self, char: int) -> bool:
        """True when ``char`` lies inside a quotation (marks included)."""
        k = bisect.bisect_right(self.quoted_starts, char) - 1
        return k >= 0 and self.quoted[k][0] <= char < self.quoted[k][1]

    def quote_edge_in(self, s: int, e: int) -> bool:
        """True when a quotation starts in [s, e) or ends in (s, e]: content
        that takes in (part of) a quotation is "mixed" speech. Two look-ups,
        not a scan of every quotation (long documents hold thousands)."""
        starts, ends = self.quoted_starts, self.quoted_ends
        return bisect.bisect_left(starts, e) > bisect.bisect_left(starts, s) or (
            bisect.bisect_right(ends, e) > bisect.bisect_right(ends, s)
        )

    def through_quote(self, s: int, e: int) -> int:
        """The end of content [s, e) moved past the closing mark of a
        quotation that opens inside it and runs over its end ("called the
        system “rotten to the core.”"): a partial quote belongs whole to
        the content that takes it in, so its own record is nested there.
        One look-up."""
        k = bisect.bisect_left(self.quoted_starts, e) - 1
        if k >= 0 and s <= self.quoted[k][0] < e < self.quoted[k][1]:
            return self.quoted[k][1]
        return e

    def tokens_in(self, s: int, e: int) -> list[Any]:
        """Tokens touching chars [s, e)."""
        span = self.doc.char_span(s, e, alignment_mode="expand")
        return list(span) if span is not None else []

    def chars_to_tokens(self, s: int, e: int) -> tuple[int, int] | None:
        """Token range [i, j) covering chars [s, e), or None."""
        span = self.doc.char_span(s, e, alignment_mode="expand")
        if span is None or not len(span):
            return None
        return span.start, span.end

    def tok_span(self, i: int, j: int) -> tuple[int, int] | None:
        """Char span of tokens [i, j), separators trimmed."""
        toks = [self.doc[k] for k in range(i, j)]
        return S.span_range(toks)

    def frags(self, idx: list[int]) -> list[tuple[int, int]]:
        """Char fragments of token indices (a gap splits a fragment)."""
        doc = self.doc
        runs: list[list[Any]] = []
        prev = None
        for k in sorted(idx):
            if prev is None or k != prev + 1:
                runs.append([])
            runs[-1].append(doc[k])
            prev = k
        out = []
        for run in runs:
            rng = S.span_range(run)
            if rng is not None:
                out.append(rng)
        return out

    def outside_quotes(self, indices: range) -> list[Any]:
        """Tokens at ``indices`` in that order, up to the first one in or at a quotation."""
        out: list[Any] = []
        for k in indices:
            t = self.doc[k]
            if self.in_quote(t.idx) or t.text in R.QUOTE_CHARS:
                break
            out.append(t)
        return out
