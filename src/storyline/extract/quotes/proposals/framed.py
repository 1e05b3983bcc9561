"""Cue frames: the learned (lemma, frame) table's cues and the filter's candidates.

``framed`` proposes the cues whose frame PolNeAR train made likely ("X
attacked Y", "Y, X said, Z", "X is expected to ..."); ``frame_candidates``
offers every other (cue, frame) outside quotes to the learned filter.
"""

from __future__ import annotations

from typing import Any

from storyline.extract.quotes import cue_tables as L
from storyline.extract.quotes import rules as R
from storyline.extract.quotes import syntax as S
from storyline.extract.quotes.attribution import Attribution
from storyline.extract.quotes.context import QuoteContext

_FRAMED_POS = frozenset({"VERB", "AUX", "NOUN"})


def framed(ctx: QuoteContext, used: set[int], atts: list[Attribution]) -> list[Attribution]:
    """Cues found by the learned (lemma, frame) table: "X attacked Y",
    "Y, X said, Z", "X is expected to ...", "X's criticism of Y".

    An outer frame wins over earlier proposals whose cue it contains: those
    are removed from ``atts`` in place.
    """
    table = L.cue_frames()
    taken = {a.cue.i for a in atts if a.cue is not None and hasattr(a.cue, "i")}
    spans = sorted((a.start, a.end) for a in atts)
    out: list[Attribution] = []
    for tok in ctx.tokens_where(pos=_FRAMED_POS):
        if tok.pos_ not in _FRAMED_POS or tok.i in used or tok.i in taken:
            continue
        pos = "VERB" if tok.pos_ == "AUX" else tok.pos_
        if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.lemma_.lower() in R.NAMING_VERBS:
            continue  # "a program called EB-5": a name, not an attribution
        known = table.get((tok.lemma_.lower(), pos))
        if not known or ctx.in_quote(tok.idx):
            continue
        best = None
        for name, idx in ctx.frames_of(tok):
            hit = known.get(name)
            if hit is None or hit[0] < R.FRAME_P or hit[1] < R.FRAME_MIN_HIT:
                continue
            if best is None or hit[0] > best[0]:
                best = (hit[0], name, idx)
        if best is None:
            continue
        p, name, idx = best
        idx = S.with_object(tok, name, idx)
        frags = ctx.frags(idx)
        if not frags:
            continue
        s, e = frags[0][0], frags[-1][1]
        clash = [k for k, (a, b) in enumerate(spans) if a < e and s < b and _mostly(s, e, a, b)]
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
        att = frame_attribution(ctx, tok, s, e, frags, idx, round(p, 3))
        att.frame = name
        out.append(att)
        spans.append((s, e))
        used.add(tok.i)
    return out


def frame_candidates(ctx: QuoteContext, atts: list[Attribution]) -> list[Attribution]:
    """Every (verb / noun / adjective, content frame) outside quotes that no
    rule proposed: the long tail of cues ("has been critical of", "grilled
    X for"), for the learned filter to accept or reject."""
    taken = {a.cue.i for a in atts if a.cue is not None and hasattr(a.cue, "i")}
    out: list[Attribution] = []
    for tok in ctx.tokens_where(pos=R.CANDIDATE_POS):
        if tok.i in taken or ctx.in_quote(tok.idx):
            continue
        if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.lemma_.lower() in R.NAMING_VERBS:
            continue
        pos = tok.pos_
        for name, idx in ctx.frames_of(tok):
            if len(idx) < 2 or not (name in R.CANDIDATE_FRAMES or name.startswith("prep:")):
                continue
            if (name, pos) in R.CANDIDATE_SKIP:
                continue
            idx = S.with_object(tok, name, idx)
            frags = ctx.frags(idx)
            if not frags or ctx.in_quote(frags[0][0]) and ctx.in_quote(frags[-1][1] - 1):
                continue
            att = frame_attribution(ctx, tok, frags[0][0], frags[-1][1], frags, idx, 0.0)
            att.origin, att.frame = "frame", name
            out.append(att)
    return out


def frame_attribution(
    ctx: QuoteContext,
    tok: Any,
    s: int,
    e: int,
    frags: list[tuple[int, int]],
    idx: list[int],
    confidence: float,
) -> Attribution:
    """An attribution whose cue is ``tok`` and content the frame [s, e): its
    source is the cue's subject (climbing the parse), else a "by X" agent
    or, for a noun cue, its possessor; never a word inside the content."""
    src = ctx.source_token(tok, R.SOURCE_CLIMB_DEPS, R.SOURCE_CLIMB)
    if src is None:
        for child in tok.children:
            if child.dep_ == "agent" or (child.dep_ == "poss" and tok.pos_ == "NOUN"):
                src = next((c for c in child.children if c.dep_ == "pobj"), child)
                break
    if src is not None and (ctx.in_quote(src.idx) or src.i in idx):
        src = None
    mixed = ctx.quote_edge_in(s, e)
    source = S.np_range(src) if src is not None else None
    kind = "mixed" if mixed else "indirect"
    return Attribution(s, e, kind, frags, cue=tok, source=source, confidence=confidence)


def _mostly(s: int, e: int, a: int, b: int) -> bool:
    """[s, e) and [a, b) share more than half of the shorter one."""
    inter = min(e, b) - max(s, a)
    return inter > 0.5 * min(e - s, b - a)
