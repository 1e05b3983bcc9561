"""Who said what: direct quotes and reported speech, with speaker, cue, channel and time.

One public function, ``extract_quotes(parsed) -> list[Quote]``. It works over
the existing parse (no re-parsing, no extra model), in three steps:

1. *proposals* (``candidates``): quotation marks (``quote_marks``) with the
   cue verb next to each quote; cue verbs and nouns that govern a clause
   ("X said (that) ...", "according to X, ..."), learned cue frames and
   credit / transcript / headline lines (``quote_syntax``, tables in
   ``quote_rules``); and every other cue frame as a candidate;
2. *selection* (``quote_filter``): a model trained on PolNeAR train keeps
   the proposals likely to be attributions, best first, without overlaps;
3. *speakers* (``quote_speakers``): each source classified (name,
   title+name, organisation, pronoun, description, anonymous, collective),
   pronouns and descriptions resolved over a small subject chain.

Every offset is reported in the original text through
``parsed.original_span`` (spun documents are parsed in a repaired view).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, POS

from storyline.extract import quote_filter as F
from storyline.extract import quote_marks as M
from storyline.extract import quote_rules as R
from storyline.extract import quote_speakers as SP
from storyline.extract import quote_syntax as S
from storyline.extract.registry import extractor
from storyline.model import ParsedDocument, Quote
from storyline.nlp import doc_text

_VERB_NOUN = frozenset({"VERB", "NOUN"})
_ACCORD = frozenset({"accord", "Accord", "ACCORD"})
_FRAMED_POS = frozenset({"VERB", "AUX", "NOUN"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass
class _Att:
    start: int
    end: int
    kind: str
    frags: list[tuple[int, int]]
    cue: Any = None  # token or (start, end, lemma)
    source: tuple[int, int] | None = None  # token index range [i, j)
    confidence: float = 1.0
    inherit: bool = False  # orphan quote: speaker from the previous attribution
    origin: str = ""  # the step that proposed it ("direct", "reported", "framed", ...)
    frame: str = ""  # for cue-frame proposals: the frame ("ccomp", "dobj", "prep:for", ...)


# ---------------------------------------------------------------- extraction


class _Extractor:
    def __init__(self, parsed: ParsedDocument) -> None:
        self.parsed = parsed
        self.doc = parsed.doc
        self.text = doc_text(self.doc)
        self.paras = M.paragraphs(self.text)
        self.para_starts = [s for s, _ in self.paras]
        self.groups = M.find_groups(self.text, self.paras)
        self.quoted = sorted(f for g in self.groups for f in g.frags)
        self.quoted_starts = [s for s, _ in self.quoted]
        self.siblings: dict[int, Any] = {}  # cue cut out of another's clause -> that cue
        self._frames: dict[int, list[tuple[str, list[int]]]] = {}
        self.memo: dict[str, Any] = {}  # per-document caches of the filter's features
        arr = self.doc.to_array([POS, DEP, LEMMA, HEAD, IDX, IS_PUNCT, IS_SPACE])
        self._pos, self._dep, self._lemma = arr[:, 0], arr[:, 1], arr[:, 2]
        # Plain ints for the head climbs of ``governs`` (HEAD is relative).
        self._heads = (np.arange(len(arr)) + arr[:, 3].astype(np.int64)).tolist()
        self._idx = arr[:, 4].tolist()
        self._punct_space = ((arr[:, 5] != 0) | (arr[:, 6] != 0)).tolist()

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
        return max(bisect.bisect_right(self.para_starts, char) - 1, 0)

    def in_quote(self, char: int) -> bool:
        k = bisect.bisect_right(self.quoted_starts, char) - 1
        return k >= 0 and self.quoted[k][0] <= char < self.quoted[k][1]

    def tokens_in(self, s: int, e: int) -> list[Any]:
        span = self.doc.char_span(s, e, alignment_mode="expand")
        return list(span) if span is not None else []

    # -- direct quotes
    def cue_for_group(self, g: M.Group) -> Any:
        doc = self.doc
        paras = {self.para_of(s) for s, _ in g.frags}
        sents = []
        for s, e in g.frags:
            for pos in (s, max(e - 1, s), min(e, len(self.text) - 1)):
                span = doc.char_span(pos, pos + 1, alignment_mode="expand")
                if span is not None and len(span):
                    sents.append(span[0].sent)
        # The sentence before an opening that follows a colon ("He added: “...").
        first = doc.char_span(g.start, g.start + 1, alignment_mode="expand")
        if first is not None and len(first) and first[0].i > 0:
            prev = doc[first[0].i - 1]
            while prev.i > 0 and prev.is_space:
                prev = doc[prev.i - 1]
            if prev.text == ":" or prev.text == ",":
                sents.append(prev.sent)
        # ... and the sentence right after a closing mark ("” he said.").
        after = doc.char_span(g.end, min(g.end + 3, len(self.text)), alignment_mode="expand")
        if after is not None and len(after):
            sents.append(after[-1].sent)
        best = None
        seen = set()
        for sent in sents:
            if sent.start in seen:
                continue
            seen.add(sent.start)
            for tok in sent:
                if self.in_quote(tok.idx) or not S.is_quote_cue(tok):
                    continue
                if self.para_of(tok.idx) not in paras:
                    continue
                dist = min(min(abs(tok.idx - e), abs(tok.idx - s)) for s, e in g.frags)
                # A cue between two fragments is as close as can be.
                if g.start < tok.idx < g.end:
                    dist = 0
                if self.governs(tok, g):
                    dist = -1
                if best is None or dist < best[0]:
                    best = (dist, tok)
        return best[1] if best is not None and best[0] <= 250 else None

    def governs(self, cue: Any, g: M.Group) -> bool:
        """True when some token of the quote depends on the cue (climbing at
        most 12 heads, and only through tokens inside the quote)."""
        span = self.doc.char_span(g.start, g.end, alignment_mode="expand")
        if span is None:
            return False
        heads, idx, skip = self._heads, self._idx, self._punct_space
        target = cue.i
        for k in range(span.start, span.end):
            if skip[k]:
                continue
            h = k
            for _ in range(12):
                nh = heads[h]
                if nh == h:
                    break
                h = nh
                if h == target:
                    return True
                if not (g.start <= idx[h] < g.end):
                    break
        return False

    def standalone(self, g: M.Group) -> bool:
        """A quote that is a sentence of its own ("“With hate!” he shouted", ': “..."').

        A short quote inside running text ("vowed to “de-blockade”") is a scare
        quote or part of reported speech, never a direct quote.
        """
        s0, _ = self.paras[self.para_of(g.start)]
        before = self.text[s0 : g.start].rstrip()
        if before and before[-1] not in ":,.!?\u2014\u2013-":
            return False
        inner = self.text[g.start : g.end].rstrip("\"'\u201d\u2019\u00bb ")
        after = self.text[g.end : g.end + 2].lstrip()
        return bool(inner) and (inner[-1] in ",.!?\u2026-\u2014" or not after or after[0] in ",.!?")

    def direct_quotes(self, used: set[int]) -> list[_Att]:
        out: list[_Att] = []
        groups = self.groups
        # Attach each group to its cue; merge fragments split by one attribution.
        for g in groups:
            g.cue = self.cue_for_group(g)
        for g in groups:
            g.kind = "direct"
            if g.cue is not None and self.embedded(g):
                g.kind = "mixed"
            elif not self.standalone(g) and (
                g.single or g.n_words(self.text) <= R.SCARE_QUOTE_MAX_WORDS
            ):
                g.kind = "scare"
        merged: list[M.Group] = []
        for g in groups:
            if merged:
                prev = merged[-1]
                same_para = self.para_of(prev.end - 1) == self.para_of(g.start)
                between = self.text[prev.end : g.start]
                if (
                    same_para
                    and prev.kind == g.kind == "direct"
                    and prev.cue is not None
                    and (g.cue is None or g.cue.i == prev.cue.i)
                    and prev.end <= prev.cue.idx < g.start
                    and len(between.split()) <= 40
                    and not g.single
                    and not prev.single
                    and not self.second_cue(prev.cue, prev.end, g.start)
                ):
                    prev.frags.extend(g.frags)
                    continue
            merged.append(g)
        for g in merged:
            if g.kind in ("scare", "mixed") or (g.cue is not None and not self.standalone(g)):
                continue  # partial quotes come with their reported speech (or ``leftovers``)
            if g.cue is None:
                # An orphan quote: a whole paragraph in quotes continues the
                # previous speaker.
                s0, e0 = self.paras[self.para_of(g.start)]
                if g.single or g.start - s0 > 1 or e0 - self.para_end(g) > 2:
                    continue  # embedded in a sentence without a cue: a title, a term
                out.append(
                    _Att(
                        g.start,
                        g.end,
                        "direct",
                        list(g.frags),
                        inherit=True,
                        confidence=0.6,
                        origin="orphan",
                    )
                )
                continue
            used.add(g.cue.i)
            out.append(self._att(g.cue, g.start, g.end, "direct", list(g.frags)))
        return out

    def second_cue(self, cue: Any, s: int, e: int) -> bool:
        """A participle cue between two quotes ("..." X said, adding, "...")."""
        return any(
            t.i != cue.i and t.tag_ == "VBG" and t.head.i == cue.i and S.is_quote_cue(t)
            for t in self.tokens_in(s, e)
        )

    def para_end(self, g: M.Group) -> int:
        return g.end

    def leftovers(self, atts: list[_Att], used: set[int]) -> list[_Att]:
        """Attributed quotes no reported speech took up: kept as direct quotes."""
        out = []
        for g in self.groups:
            if g.kind == "scare" or g.cue is None or g.cue.i in used:
                continue
            if any(a.start <= g.start and g.end <= a.end for a in atts):
                continue
            if any(g.start <= a.start < g.end for a in atts):
                continue
            used.add(g.cue.i)
            out.append(self._att(g.cue, g.start, g.end, "direct", list(g.frags)))
        return out

    def embedded(self, g: M.Group) -> bool:
        """The quote is part of the cue's reported clause (a partial quote)."""
        clause = S.clause_child(g.cue)
        if clause is None:
            return False
        toks = list(clause.subtree)
        if not any(g.start <= t.idx < g.end for t in toks):
            return False
        outside = [t for t in toks if t.is_alpha and not self.in_quote(t.idx) and t.idx > g.cue.idx]
        return len(outside) >= 2

    def _att(self, cue: Any, s: int, e: int, kind: str, frags: list[tuple[int, int]]) -> _Att:
        src = self.source_token(cue)
        source = S.np_range(src) if src is not None else None
        if src is not None and (self.in_quote(src.idx) or any(a <= src.idx < b for a, b in frags)):
            # The parser took words of the quotation for its subject ('"One of
            # the brightest members ...," Rep. X said'): the speaker is the
            # name beside the cue, outside the quotation marks, or unknown.
            source = self.speaker_beside(cue)
        lex = S.lexicon_entry(cue)
        conf = 0.9 if kind == "direct" else round(max(lex["p_clause"], 0.5) if lex else 0.5, 3)
        return _Att(s, e, kind, frags, cue=cue, source=source, confidence=conf)

    def speaker_beside(self, cue: Any) -> tuple[int, int] | None:
        """The noun phrase right before the cue (after a closing quotation mark)
        or right after it ('said James Acton, a physicist ...'), outside
        quotation marks and in the cue's sentence; dates and times are not
        speakers ('said Monday')."""
        sent = cue.sent
        left = self._outside_quotes(range(cue.i - 1, sent.start - 1, -1))[::-1]
        right = self._outside_quotes(range(cue.i + 1, sent.end))
        for window in (left, right):
            rng = _nominal_in(window)
            if rng is not None:
                return rng
        return None

    def _outside_quotes(self, indices: range) -> list[Any]:
        """Tokens at ``indices`` in that order, up to the first one in or at a quotation."""
        out: list[Any] = []
        for k in indices:
            t = self.doc[k]
            if self.in_quote(t.idx) or t.text in R.QUOTE_CHARS:
                break
            out.append(t)
        return out

    # -- reported speech
    def reported(self, used: set[int], taken: list[tuple[int, int]]) -> list[_Att]:
        out: list[_Att] = []
        # Only verbs, nouns and "accord" can pass the tests below.
        for tok in self.tokens_where(pos=_VERB_NOUN, lemmas=_ACCORD):
            if tok.i in used or self.in_quote(tok.idx):
                continue
            if tok.lemma_.lower() == "accord" and tok.i + 1 < len(self.doc):
                att = self.according_to(tok)
                if att is not None:
                    out.append(att)
                continue
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in R.CUE_NOUNS:
                att = self.noun_cue(tok)
                if att is not None:
                    out.append(att)
                continue
            if not S.is_clause_cue(tok):
                continue
            clause = S.clause_child(tok)
            if clause is None:
                att = self.object_cue(tok)
                if att is not None:
                    out.append(att)
                continue
            src = self.source_token(tok)
            if src is None or self.in_quote(src.idx):
                continue
            toks = list(clause.subtree)
            if toks[-1].i < tok.i:
                # Inverted order ("..., sources said"): the clause must end at a comma.
                nxt = self.doc[toks[-1].i + 1] if toks[-1].i + 1 < len(self.doc) else None
                if nxt is None or nxt.text not in (",", "\u2014", "\u2013", "-", '"', "\u201d"):
                    continue
            toks = S.cut_relative(S.cut_sibling_cues(clause, toks, tok, self.siblings))
            rng = S.span_range(toks)
            if rng is None:
                continue
            s, e = rng
            # A partial quote right after the clause belongs to it.
            k = bisect.bisect_left(self.quoted_starts, e)
            if k < len(self.quoted):
                gap = self.text[e : self.quoted[k][0]]
                if (
                    "\n" not in gap
                    and len(gap.split()) <= 3
                    and not any(c in gap for c in ".;:,!?")
                ):
                    e = self.quoted[k][1]
            kind = "indirect"
            for q0, q1 in self.quoted:
                if s <= q0 < e or s < q1 <= e:
                    kind = "mixed"
                    s, e = min(s, q0), max(e, q1)
            att = self._att(tok, s, e, kind, [(s, e)])
            out.append(att)
        return out

    def fronted(self, a: _Att) -> tuple[int, int] | None:
        """The part of the content before a parenthetical cue: "[If the river
        keeps rising], she warned, the levee could fail". The parser hangs the
        fronted clause on the cue, so the reported clause alone misses it."""
        cue = a.cue
        if not R.FRONTED_CONTENT or a.kind != "indirect" or a.source is None:
            return None
        if not hasattr(cue, "i") or a.frags[0][0] <= cue.idx:
            return None
        doc = self.doc
        left = a.source[0]
        if left > cue.i or left - 1 < 0 or doc[left - 1].text != ",":
            return None
        if cue.i + 1 >= len(doc) or doc[cue.i + 1].text != ",":
            return None
        start = max(cue.left_edge.i, cue.sent.start)
        lead = [t for t in doc[start : left - 1] if not t.is_space]
        if len(lead) < 3 or any(self.in_quote(t.idx) for t in lead):
            return None
        return S.span_range(lead)

    def object_cue(self, tok: Any) -> _Att | None:
        """ "X cited problems", "X called for repeal": the object is the content."""
        lex = S.lexicon_entry(tok)
        if not lex or lex["p"] < R.OBJECT_P or lex["n"] < R.MIN_LEXICON_N:
            return None
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if obj is None:
            prep = next(
                (
                    c
                    for c in tok.children
                    if c.dep_ == "prep" and c.lower_ in R.OBJECT_PREPS and c.i == tok.i + 1
                ),
                None,
            )
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
        if obj is None or self.in_quote(obj.idx):
            return None
        src = self.source_token(tok)
        if src is None or self.in_quote(src.idx):
            return None
        idx = S.with_object(tok, "dobj", list(range(obj.left_edge.i, obj.right_edge.i + 1)))
        rng = S.span_range([self.doc[k] for k in idx])
        if rng is None:
            return None
        att = self._att(tok, rng[0], rng[1], "indirect", [rng])
        att.confidence = round(lex["p"], 3)
        att.origin = "object"
        return att

    def framed(self, used: set[int], atts: list[_Att]) -> list[_Att]:
        """Cues found by the learned (lemma, frame) table: "X attacked Y",
        "Y, X said, Z", "X is expected to ...", "X's criticism of Y"."""
        table = R.cue_frames()
        taken = {a.cue.i for a in atts if a.cue is not None and hasattr(a.cue, "i")}
        spans = sorted((a.start, a.end) for a in atts)
        out: list[_Att] = []
        for tok in self.tokens_where(pos=_FRAMED_POS):
            if tok.pos_ not in _FRAMED_POS or tok.i in used or tok.i in taken:
                continue
            pos = "VERB" if tok.pos_ == "AUX" else tok.pos_
            if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.lemma_.lower() in R.NAMING_VERBS:
                continue  # "a program called EB-5": a name, not an attribution
            known = table.get((tok.lemma_.lower(), pos))
            if not known or self.in_quote(tok.idx):
                continue
            best = None
            for name, idx in self.frames_of(tok):
                hit = known.get(name)
                if hit is None or hit[0] < R.FRAME_P or hit[1] < R.FRAME_MIN_HIT:
                    continue
                if best is None or hit[0] > best[0]:
                    best = (hit[0], name, idx)
            if best is None:
                continue
            p, name, idx = best
            idx = S.with_object(tok, name, idx)
            frags = self._frags(idx)
            if not frags:
                continue
            s, e = frags[0][0], frags[-1][1]
            clash = [
                k for k, (a, b) in enumerate(spans) if a < e and s < b and self._ov(s, e, a, b)
            ]
            if clash:
                # The outer attribution wins over one whose cue it contains
                # ("accused X of attempting to ...", "insist that he wants to ...").
                inner = set(idx)
                owners = [x for x in atts + out if (x.start, x.end) in {spans[k] for k in clash}]
                if not owners or not all(
                    hasattr(x.cue, "i") and x.cue.i in inner and x.kind != "direct" for x in owners
                ):
                    continue
                for x in owners:
                    (atts if x in atts else out).remove(x)
                spans = [sp for k, sp in enumerate(spans) if k not in clash]
            att = self._frame_att(tok, s, e, frags, idx, round(p, 3))
            att.frame = name
            out.append(att)
            spans.append((s, e))
            used.add(tok.i)
        return out

    def frame_candidates(self, atts: list[_Att]) -> list[_Att]:
        """Every (verb / noun / adjective, content frame) outside quotes that no
        rule proposed: the long tail of cues ("has been critical of", "grilled
        X for"), for the learned filter to accept or reject."""
        taken = {a.cue.i for a in atts if a.cue is not None and hasattr(a.cue, "i")}
        out: list[_Att] = []
        for tok in self.tokens_where(pos=R.CANDIDATE_POS):
            if tok.i in taken or self.in_quote(tok.idx):
                continue
            if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.lemma_.lower() in R.NAMING_VERBS:
                continue
            pos = tok.pos_
            for name, idx in self.frames_of(tok):
                if len(idx) < 2 or not (name in R.CANDIDATE_FRAMES or name.startswith("prep:")):
                    continue
                if (name, pos) in R.CANDIDATE_SKIP:
                    continue
                idx = S.with_object(tok, name, idx)
                frags = self._frags(idx)
                if not frags or self.in_quote(frags[0][0]) and self.in_quote(frags[-1][1] - 1):
                    continue
                att = self._frame_att(tok, frags[0][0], frags[-1][1], frags, idx, 0.0)
                att.origin, att.frame = "frame", name
                out.append(att)
        return out

    def credits(self, atts: list[_Att]) -> list[_Att]:
        """Punctuation cues: a headline "Source: content" and "“...” ― Name"."""
        text = self.text
        new: list[_Att] = []
        if self.paras:
            s0, e0 = self.paras[0]
            colon = text.find(": ", s0, e0)
            left = text[s0:colon].split() if colon > 0 else []
            if (
                left
                and len(self.paras) > 1
                and len(left) <= R.HEADLINE_SOURCE_MAX_WORDS
                and all(w[:1].isupper() or w in R.HEADLINE_SMALL_WORDS for w in left)
                and not any(a.cue is not None and a.start < e0 for a in atts)
                and left[0].lower() not in R.HEADLINE_LABEL_STARTS
                and not any(w.lower().strip(".,") in R.HEADLINE_LABEL_WORDS for w in left)
            ):
                att = self._colon_att(s0, colon, e0, "indirect", ".,;: ", 0.6)
                if att is not None:
                    att.origin = "headline"
                    new.append(att)
        for k, (s0, e0) in enumerate(self.paras):
            if k == 0:
                continue
            # Transcript lines: "WALLACE: If I may, sir, ..." (an opening mark may lead).
            ls = s0 + 1 if text[s0] in R.OPEN_DOUBLE or text[s0] == '"' else s0
            colon = text.find(": ", ls, min(e0, ls + 40))
            label = text[ls:colon].split() if colon > ls else []
            if (
                label
                and len(label) <= R.TRANSCRIPT_MAX_WORDS
                and all(w.isupper() and len(w.strip(".'")) >= 2 for w in label)
                and not any(w.lower().strip(".'") in R.HEADLINE_LABEL_WORDS for w in label)
            ):
                att = self._colon_att(ls, colon, e0, "direct", '"\u201d ', 0.7)
                if att is not None:
                    att.origin = "transcript"
                    new.append(att)
                    continue
        for s0, e0 in self.paras:
            line = text[s0:e0].rstrip(" \u00a0")
            dash = max(line.rfind(d) for d in R.CREDIT_DASHES)
            if dash <= 0:
                continue
            dash += s0
            before = text[s0:dash].rstrip(" \u00a0")
            name = text[dash + 1 : s0 + len(line)].strip(" \u00a0").rstrip(".")
            initials = (
                name.replace(".", "")
                if all(len(w) <= 2 for w in name.split() if w.endswith("."))
                else name
            )
            if (
                not before
                or before[-1] not in '"\u201d'
                or not name
                or not name[0].isupper()
                or len(name.split()) > R.CREDIT_MAX_WORDS
                or any(c in initials for c in '.!?"\u201c\u201d')
            ):
                continue
            ns = text.find(name, dash)
            rng = self._chars_to_tokens(ns, ns + len(name))
            cs, ce = s0, s0 + len(before)
            if rng is None:
                continue
            new.append(
                _Att(
                    cs,
                    ce,
                    "direct",
                    [(cs, ce)],
                    cue=(dash, dash + 1, "\u2015"),
                    source=rng,
                    confidence=0.8,
                    origin="credit",
                )
            )
        new += self.block_quotes()
        if not new:
            return atts
        keep = [a for a in atts if not any(a.start < n.end and n.start < a.end for n in new)]
        return keep + new

    def block_quotes(self) -> list[_Att]:
        """ "The governor added:" then a paragraph of speech without quote marks."""
        out = []
        text, doc = self.text, self.doc
        for k, (s0, e0) in enumerate(self.paras[:-1]):
            if text[e0 - 1] != ":":
                continue
            ns, ne = self.paras[k + 1]
            if text[ns] in R.OPEN_DOUBLE or M.double_mark(text, ns) or self.in_quote(ns):
                continue
            span = doc.char_span(s0, e0 - 1, alignment_mode="expand")
            if span is None or not len(span):
                continue
            cue = next((t for t in reversed(span) if S.is_quote_cue(t)), None)
            if cue is None or cue.i < span.end - 4:
                continue
            src = self.source_token(cue)
            source = S.np_range(src) if src is not None else None
            ce = ne
            while ce > ns and text[ce - 1] in " \u00a0":
                ce -= 1
            out.append(
                _Att(
                    ns,
                    ce,
                    "direct",
                    [(ns, ce)],
                    cue=cue,
                    source=source,
                    confidence=0.7,
                    origin="block",
                )
            )
        return out

    def _frame_att(
        self, tok: Any, s: int, e: int, frags: list[tuple[int, int]], idx: Any, confidence: float
    ) -> _Att:
        """An attribution whose cue is ``tok`` and content the frame [s, e): its
        source is the cue's subject (climbing the parse), else a "by X" agent
        or, for a noun cue, its possessor; never a word inside the content."""
        src = self.source_token(tok, R.SOURCE_CLIMB_DEPS, R.SOURCE_CLIMB)
        if src is None:
            for child in tok.children:
                if child.dep_ == "agent" or (child.dep_ == "poss" and tok.pos_ == "NOUN"):
                    src = next((c for c in child.children if c.dep_ == "pobj"), child)
                    break
        if src is not None and (self.in_quote(src.idx) or src.i in idx):
            src = None
        mixed = any(s <= q0 < e or s < q1 <= e for q0, q1 in self.quoted)
        source = S.np_range(src) if src is not None else None
        kind = "mixed" if mixed else "indirect"
        return _Att(s, e, kind, frags, cue=tok, source=source, confidence=confidence)

    def _colon_att(
        self, label_start: int, colon: int, end: int, kind: str, trim: str, confidence: float
    ) -> _Att | None:
        """ "LABEL: content" up to ``end``: the label is the source, the colon the cue."""
        rng = self._chars_to_tokens(label_start, colon)
        cs, ce = colon + 2, end
        while ce > cs and self.text[ce - 1] in trim:
            ce -= 1
        if rng is None or ce <= cs:
            return None
        cue = (colon, colon + 1, ":")
        return _Att(cs, ce, kind, [(cs, ce)], cue=cue, source=rng, confidence=confidence)

    def _chars_to_tokens(self, s: int, e: int) -> tuple[int, int] | None:
        span = self.doc.char_span(s, e, alignment_mode="expand")
        if span is None or not len(span):
            return None
        return span.start, span.end

    @staticmethod
    def _ov(s: int, e: int, a: int, b: int) -> bool:
        inter = min(e, b) - max(s, a)
        return inter > 0.5 * min(e - s, b - a)

    def _frags(self, idx: list[int]) -> list[tuple[int, int]]:
        """Char fragments of sorted token indices (a gap splits a fragment)."""
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

    def according_to(self, tok: Any) -> _Att | None:
        doc = self.doc
        to = doc[tok.i + 1]
        if to.lower_ != "to":
            return None
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        sent = tok.sent
        phrase = set(range(tok.left_edge.i, tok.right_edge.i + 1)) | {tok.i, to.i}
        phrase |= set(range(pobj.left_edge.i, pobj.right_edge.i + 1))
        toks = [t for t in sent if t.i not in phrase]
        rng = S.span_range(toks)
        if rng is None:
            return None
        s, e = rng
        if self.in_quote(s) and self.in_quote(e - 1):
            return None
        kind = "indirect"
        for q0, q1 in self.quoted:
            if s <= q0 < e:
                kind = "mixed"
                e = max(e, q1)
        span = (tok.idx, to.idx + len(to.text))
        return _Att(
            s,
            e,
            kind,
            [(s, e)],
            cue=(span[0], span[1], "according to"),
            source=S.np_range(pobj),
            confidence=0.85,
            origin="according",
        )

    def noun_cue(self, tok: Any) -> _Att | None:
        clause = next(
            (
                c
                for c in tok.children
                if c.dep_ in ("acl", "ccomp")
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            ),
            None,
        )
        if clause is None:
            return None
        src = next((c for c in tok.children if c.dep_ == "poss"), None)
        if src is None:
            return None
        rng = S.span_range(list(clause.subtree))
        if rng is None:
            return None
        return _Att(
            rng[0],
            rng[1],
            "indirect",
            [rng],
            cue=tok,
            source=S.np_range(src),
            confidence=0.6,
            origin="noun",
        )

    # -- channel and time
    def channel(self, cue: Any) -> tuple[int, int] | None:
        for child in cue.children:
            if child.dep_ == "prep" and child.lower_ in R.CHANNEL_PREPS:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                words = {pobj.lower_, pobj.lemma_.lower()}
                if words & (R.CHANNEL_MEDIA | R.CHANNEL_FORMS):
                    i, j = child.i, pobj.right_edge.i + 1
                    return self._tok_span(i, j)
        if cue.lemma_.lower() in R.AUDIENCE_VERBS:
            obj = next((c for c in cue.children if c.dep_ in ("dobj", "dative", "iobj")), None)
            if obj is not None and obj.i > cue.i and not self.in_quote(obj.idx):
                j = obj.i + 1
                # The audience is a name or a short noun phrase ("Ukrainian media").
                while (
                    j <= obj.right_edge.i
                    and j - cue.i <= 6
                    and self.doc[j].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "PART")
                ):
                    j += 1
                while (
                    j < len(self.doc)
                    and j - cue.i <= 6
                    and self.doc[j].is_title
                    and (self.doc[j].pos_ in ("PROPN", "NOUN"))
                ):
                    j += 1  # "told Israel Today"
                return self._tok_span(cue.i, max(j, obj.i + 1))
        return None

    def when(self, cue: Any) -> tuple[int, int] | None:
        for child in cue.children:
            if child.dep_ not in ("prep", "npadvmod", "advmod", "tmod"):
                continue
            i, j = child.left_edge.i, child.right_edge.i + 1
            if j - i > 6:
                continue
            if any(self.doc[k].ent_type_ in ("DATE", "TIME") for k in range(i, j)):
                return self._tok_span(i, j)
        return None

    def _tok_span(self, i: int, j: int) -> tuple[int, int] | None:
        toks = [self.doc[k] for k in range(i, j)]
        return S.span_range(toks)


_NOMINAL = ("PROPN", "NOUN", "PRON")


def _nominal_in(window: list[Any]) -> tuple[int, int] | None:
    """Token range of the first speaker-like noun phrase in a run of tokens:
    its head is a proper noun, noun or pronoun that is no date or time and
    whose own head lies outside the run; the phrase is clipped to the run."""
    if not window:
        return None
    lo, hi = window[0].i, window[-1].i + 1
    for t in window:
        if t.pos_ not in _NOMINAL or t.ent_type_ in R.NOT_SPEAKER_ENTS:
            continue
        head = t
        while lo <= head.head.i < hi and head.head.i != head.i and head.head.pos_ in _NOMINAL:
            head = head.head
        i, j = S.np_range(head)
        i, j = max(i, lo), min(j, hi)
        while j > i and (head.doc[j - 1].is_punct or head.doc[j - 1].is_space):
            j -= 1
        if j > i:
            return i, j
    return None


def _tag(atts: list[_Att], origin: str) -> list[_Att]:
    """Name the step that proposed each attribution (kept if already named)."""
    for a in atts:
        if not a.origin:
            a.origin = origin
    return atts


def candidates(
    parsed: ParsedDocument, with_frames: bool | None = None
) -> tuple[_Extractor, list[_Att]]:
    """Every attribution the rule steps propose, plus (``with_frames``; by
    default when the learned filter has weights) every other cue frame: what
    the filter accepts or rejects, and what ``scripts/train_quote_filter.py``
    learns from."""
    ex = _Extractor(parsed)
    used: set[int] = set()
    atts = _tag(ex.direct_quotes(used), "direct")
    atts += _tag(ex.reported(used, [(a.start, a.end) for a in atts]), "reported")
    atts += _tag(ex.framed(used, atts), "framed")
    atts = _tag(ex.credits(atts), "credit")
    atts += _tag(ex.leftovers(atts, used), "leftover")
    if with_frames if with_frames is not None else F.model() is not None:
        atts += ex.frame_candidates(atts)
    atts.sort(key=lambda a: (a.start, -a.end))
    return ex, atts


def _build(parsed: ParsedDocument) -> list[Quote]:
    ex, atts = candidates(parsed)
    atts = F.select(ex, atts)
    return _finish(parsed, ex, atts)


def _finish(parsed: ParsedDocument, ex: _Extractor, atts: list[_Att]) -> list[Quote]:
    """One token, one attribution; speakers resolved; records in text order."""
    doc = ex.doc
    # A token belongs to at most one attribution: drop attributions whose cue
    # lies inside another's content (quoted speech inside reported speech).
    kept: list[_Att] = []
    for a in atts:
        cpos = a.cue.idx if hasattr(a.cue, "idx") else None
        if cpos is not None and any(
            b is not a and any(fs <= cpos < fe for fs, fe in b.frags) for b in atts
        ):
            continue
        if any(b.start <= a.start and a.end <= b.end and b is not a and b in kept for b in kept):
            continue
        kept.append(a)
    atts = kept

    # Subject chain for resolution: speakers and subjects, in text order.
    resolver = SP.Resolver(ex)
    events: list[tuple[int, str, Any]] = []
    for k, a in enumerate(atts):
        if a.source is not None:
            events.append((doc[a.source[0]].idx, "att", k))
        elif a.inherit:
            events.append((a.start, "orphan", k))
    att_sources = {a.source for a in atts if a.source is not None}
    for tok in ex.tokens_where(dep=_SUBJECTS):
        if not ex.in_quote(tok.idx):
            rng = S.np_range(tok)
            if rng not in att_sources and rng[1] > rng[0]:
                events.append((doc[rng[0]].idx, "subj", rng))
    events.sort(key=lambda x: (x[0], x[1]))
    last: tuple[int, dict[str, Any]] | None = None  # (paragraph, speaker) of the latest attribution
    speakers: dict[int, dict[str, Any] | None] = {}
    for pos, what, payload in events:
        if what == "orphan":
            # A quote paragraph with no cue goes on from the previous speaker,
            # or else from the person the text was just talking about.
            para = ex.para_of(pos)
            if last is not None and para - last[0] <= 2:
                speakers[payload] = dict(last[1])
            else:
                found = resolver.latest(pos, {"person"}, para)
                if found is not None:
                    fk, fh = SP.classify(doc, *found)
                    speakers[payload] = SP.speaker_record(parsed, doc, found[0], found[1], fk, None)
            continue
        rng = atts[payload].source if what == "att" else payload
        i, j = rng
        kind, head = SP.classify(doc, i, j)
        resolved = resolver.resolve(i, j, kind, head)
        if kind in ("name", "title+name"):
            target = resolved or SP.name_core(doc, i, j, head)
            resolver.add(i, j, "person", target, head)
        elif kind == "pronoun":
            group = "person" if head.lower_ in R.PRONOUNS_PERSON else "group"
            resolver.add(i, j, group, resolved, head)
        elif kind == "description":
            person_like = head.lemma_.lower() in R.PERSON_DESCRIPTION_HEADS or SP.is_aged(doc, i, j)
            resolver.add(i, j, "person" if person_like else "other", resolved or (i, j), head)
        elif kind in ("organisation", "collective"):
            resolver.add(i, j, "group", resolved or (i, j), head)
        else:  # anonymous: later "the defender" may refer back to it by head noun
            resolver.add(i, j, "other", (i, j), head)
        if what == "att":
            if resolved is None and kind == "description" and ex.para_of(pos) <= 2:
                # A headline names its speaker by title before the body does:
                # "Mayor vows ..." -> the first "Mayor Ilse Vantoren" below.
                resolved = SP.forward_title(doc, head, ex.para_end_char(ex.para_of(pos)))
            speakers[payload] = SP.speaker_record(parsed, doc, i, j, kind, resolved)
            last = (ex.para_of(pos), speakers[payload])

    for a in atts:
        lead = ex.fronted(a)
        if lead is not None:
            a.frags = [lead, *a.frags]
            a.start = lead[0]
    quotes: list[Quote] = []
    for k, a in enumerate(atts):
        speaker = speakers.get(k)
        cue = channel = when = None
        if a.cue is not None:
            if isinstance(a.cue, tuple):
                cs, ce, lemma = a.cue
            else:
                cs, ce = _cue_extent(a.cue, a.start, a.end)
                lemma = a.cue.lemma_.lower()
                ch = ex.channel(a.cue)
                if ch is not None:
                    channel = SP.orig_span(parsed, *ch)
                wh = ex.when(a.cue)
                if wh is not None and not (ch and ch[0] < wh[1] and wh[0] < ch[1]):
                    when = SP.orig_span(parsed, *wh)
            cue = SP.orig_span(parsed, cs, ce)
            cue["lemma"] = lemma
        s, e = parsed.original_span(a.start, a.end)
        frags = []
        for fs, fe in a.frags:
            fs, fe = parsed.original_span(fs, fe)
            frags.append({"start": fs, "end": fe})
        quotes.append(
            Quote(
                id="",
                start=s,
                end=e,
                text=parsed.text[s:e],
                kind=a.kind,
                fragments=frags,
                speaker=speaker,
                cue=cue,
                channel=channel,
                when=when,
                confidence=a.confidence,
            )
        )
    quotes.sort(key=lambda q: (q.start, q.end))
    for n, q in enumerate(quotes, 1):
        q.id = f"q{n}"
    return quotes


def _cue_extent(tok: Any, cs: int, ce: int) -> tuple[int, int]:
    """Char span of a cue verb with its auxiliaries, negation and particle
    ("has not said", "called for"), as PolNeAR marks cues; never into the content."""
    doc = tok.doc
    i = j = tok.i
    if R.CUE_AUX:
        while i - 1 >= 0 and doc[i - 1].head.i == tok.i and doc[i - 1].dep_ in R.CUE_LEFT_DEPS:
            i -= 1
        while j + 1 < len(doc) and doc[j + 1].head.i == tok.i and doc[j + 1].dep_ in ("prt",):
            j += 1
        nxt = doc[j + 1] if j + 1 < len(doc) else None
        if (
            R.CUE_PREP
            and nxt is not None
            and nxt.head.i == tok.i
            and nxt.dep_ in ("prep", "agent")
            and nxt.i + 1 < len(doc)
            and doc[nxt.i + 1].idx == cs
        ):
            j += 1  # "called [for] ...", "accused X [of]" stays out: only when adjacent
    s, e = doc[i].idx, doc[j].idx + len(doc[j].text)
    if s < ce and cs < e:  # would overlap the content: the bare token
        return tok.idx, tok.idx + len(tok.text)
    return s, e


@extractor("quotes", version="1", output="quotes", section="quotes", schema="quotes.schema.json")
def extract_quotes(parsed: ParsedDocument) -> list[Quote]:
    """Direct quotes and reported speech in one parsed document, in text order."""
    if parsed.doc is None or not parsed.text:
        return []
    return _build(parsed)
