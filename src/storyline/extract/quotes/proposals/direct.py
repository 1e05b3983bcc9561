"""Quotations with their cue: direct quotes, orphan paragraphs and leftovers.

Each quotation (``marks.Group``) is attached to the nearest cue verb of its
sentences (one that governs it wins); quotes split by one attribution are
merged; scare quotes and partial quotes are left to reported speech, and the
attributed quotes no reported speech took up come back as ``leftovers``.
"""

from __future__ import annotations

from typing import Any

from storyline.extract.quotes import marks as M
from storyline.extract.quotes import rules as R
from storyline.extract.quotes import syntax as S
from storyline.extract.quotes.attribution import Attribution
from storyline.extract.quotes.context import QuoteContext
from storyline.extract.quotes.proposals.cue_source import cue_attribution


def cue_for_group(ctx: QuoteContext, g: M.Group) -> Any:
    """The cue verb of a quotation: in its sentences, the one next to it or
    before a colon, and outside quotes; one that governs it is preferred,
    else the nearest verb of saying (at most 250 characters away)."""
    doc = ctx.doc
    paras = {ctx.para_of(s) for s, _ in g.frags}
    sents = []
    for s, e in g.frags:
        for pos in (s, max(e - 1, s), min(e, len(ctx.text) - 1)):
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
    own = {sent.start for sent in sents}
    # ... and the sentence right after a closing mark ("” he said.").
    after = doc.char_span(g.end, min(g.end + 3, len(ctx.text)), alignment_mode="expand")
    if after is not None and len(after):
        sents.append(after[-1].sent)
    best = None
    seen = set()
    alone = standalone(ctx, g)
    for sent in sents:
        if sent.start in seen:
            continue
        seen.add(sent.start)
        for tok in sent:
            if ctx.in_quote(tok.idx) or not S.is_quote_cue(tok):
                continue
            if ctx.para_of(tok.idx) not in paras:
                continue
            governing = governs(ctx, tok, g)
            if not governing and complement_elsewhere(tok, g):
                # "“...” X on Saturday said Y was close to ...": a verb of
                # saying whose own clause (or another quotation) is its
                # content is not this quotation's cue.
                continue
            if not governing and sent.start not in own and object_elsewhere(tok, g):
                # '“...,” she said. “...” She noted a planned rally': a verb of
                # the next sentence with an object of its own says that
                # object, not the quotation before it.
                continue
            if alone and not governing and tok.lemma_.lower() not in R.SPEECH_VERBS:
                # Narration is not speech: a verb the lexicon only sometimes
                # finds as a cue ("disagreed", "could impose", "will make")
                # is the cue of a quotation standing alone only when the
                # quotation hangs off it.
                continue
            dist = min(min(abs(tok.idx - e), abs(tok.idx - s)) for s, e in g.frags)
            # A cue between two fragments is as close as can be.
            if g.start < tok.idx < g.end:
                dist = 0
            if governing:
                dist = -1
            if best is None or dist < best[0]:
                best = (dist, tok)
    return best[1] if best is not None and best[0] <= 250 else None


def complement_elsewhere(cue: Any, g: M.Group) -> bool:
    """Whether the cue has a clausal complement wholly outside the quotation."""
    for child in cue.children:
        if child.dep_ in ("ccomp", "xcomp") and not (g.start <= child.idx < g.end):
            lo, hi = child.left_edge.idx, child.right_edge.idx
            if hi < g.start or lo >= g.end:
                return True
    return False


def object_elsewhere(cue: Any, g: M.Group) -> bool:
    """Whether the cue has a direct object after it, outside the quotation,
    that names no person addressed ("noted [a planned rally]", not "assured
    [Smith]"); verbs whose object is the addressee ("asked X.") never do."""
    if cue.lemma_.lower() in R.ADDRESSED_OBJECT_VERBS:
        return False
    return any(
        child.dep_ in R.OWN_OBJECT_DEPS
        and child.i > cue.i
        and not (g.start <= child.idx < g.end)
        and not addressed(child)
        for child in cue.children
    )


def addressed(tok: Any) -> bool:
    """An object that names a person or group addressed: a name or an object pronoun."""
    return tok.lower_ in R.ADDRESSEE_PRONOUNS or (
        tok.pos_ == "PROPN" and tok.ent_type_ in R.ADDRESSEE_ENTS
    )


def governs(ctx: QuoteContext, cue: Any, g: M.Group) -> bool:
    """True when some token of the quote depends on the cue (climbing at
    most 12 heads, and only through tokens inside the quote)."""
    span = ctx.doc.char_span(g.start, g.end, alignment_mode="expand")
    if span is None:
        return False
    heads, idx, skip = ctx.heads, ctx.idx, ctx.punct_space
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


def standalone(ctx: QuoteContext, g: M.Group) -> bool:
    """A quote that is a sentence of its own ("“With hate!” he shouted", ': “..."').

    A short quote inside running text ("vowed to “de-blockade”") is a scare
    quote or part of reported speech, never a direct quote.
    """
    text = ctx.text
    s0, _ = ctx.paras[ctx.para_of(g.start)]
    before = text[s0 : g.start].rstrip()
    if before and before[-1] not in ":,.!?\u2014\u2013-":
        return False
    inner = text[g.start : g.end].rstrip("\"'\u201d\u2019\u00bb ")
    after = text[g.end : g.end + 2].lstrip()
    return bool(inner) and (inner[-1] in ",.!?\u2026-\u2014" or not after or after[0] in ",.!?")


def direct_quotes(ctx: QuoteContext, used: set[int]) -> list[Attribution]:
    """Standalone quotations with their cue, and orphan quote paragraphs.

    Sets each group's ``cue`` and ``kind`` (read again by ``leftovers``) and
    adds the cue tokens taken to ``used``.
    """
    out: list[Attribution] = []
    groups = ctx.groups
    text = ctx.text
    # Attach each group to its cue; merge fragments split by one attribution.
    for g in groups:
        g.cue = cue_for_group(ctx, g)
    for g in groups:
        g.kind = "direct"
        if g.cue is not None and embedded(ctx, g):
            g.kind = "mixed"
        elif not standalone(ctx, g) and (g.single or g.n_words(text) <= R.SCARE_QUOTE_MAX_WORDS):
            g.kind = "scare"
    merged: list[M.Group] = []
    for g in groups:
        if merged:
            prev = merged[-1]
            same_para = ctx.para_of(prev.end - 1) == ctx.para_of(g.start)
            between = text[prev.end : g.start]
            if (
                same_para
                and prev.kind == g.kind == "direct"
                and prev.cue is not None
                and (g.cue is None or g.cue.i == prev.cue.i)
                and prev.end <= prev.cue.idx < g.start
                and len(between.split()) <= 40
                and not g.single
                and not prev.single
                and not second_cue(ctx, prev.cue, prev.end, g.start)
            ):
                prev.frags.extend(g.frags)
                continue
            if continues(ctx, prev, g):
                prev.frags.extend(g.frags)
                continue
        merged.append(g)
    for g in merged:
        acc = according_before(ctx, g) if g.kind == "direct" and standalone(ctx, g) else None
        if acc is not None:
            # "According to X, “...”": X's words, not the next sentence's verb's.
            cue, source = acc
            out.append(Attribution(g.start, g.end, "direct", list(g.frags), cue=cue, source=source))
            continue
        if g.kind in ("scare", "mixed") or (g.cue is not None and not standalone(ctx, g)):
            continue  # partial quotes come with their reported speech (or ``leftovers``)
        if g.cue is None:
            # An orphan quote: a whole paragraph in quotes continues the
            # previous speaker.
            s0, e0 = ctx.paras[ctx.para_of(g.start)]
            if g.single or g.start - s0 > 1 or e0 - g.end > 2:
                continue  # embedded in a sentence without a cue: a title, a term
            out.append(
                Attribution(
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
        out.append(cue_attribution(ctx, g.cue, g.start, g.end, "direct", list(g.frags)))
    return out


def continues(ctx: QuoteContext, prev: M.Group, g: M.Group) -> bool:
    """A cue-less quotation paragraph right after a quotation attributed by a
    cue that follows it ('“...,” she said. ⏎ “...”') is the same statement:
    PolNeAR joins the two (32 of 41 such paragraphs on train, 7 their own)."""
    if g.cue is not None or prev.cue is None or g.single or prev.single:
        return False
    if prev.kind != "direct" or g.kind != "direct" or not standalone(ctx, prev):
        return False
    if not prev.frags[0][1] <= prev.cue.idx < g.start:
        return False  # the cue before the quotation ("X said: “...”"): often its own
    para = ctx.para_of(g.start)
    if para - ctx.para_of(prev.end - 1) not in R.CONTINUATION_PARAGRAPHS:
        return False
    s0, e0 = ctx.paras[para]
    return g.start - s0 <= 1 and e0 - g.end <= 2  # the whole paragraph in quotes


def according_before(
    ctx: QuoteContext, g: M.Group
) -> tuple[tuple[int, int, str], tuple[int, int]] | None:
    """The cue span and source range of an "according to X," (or ":") right
    before the quotation's opening mark, else None."""
    doc = ctx.doc
    first = doc.char_span(g.start, g.start + 1, alignment_mode="expand")
    if first is None or not len(first) or first[0].i < 3:
        return None
    k = first[0].i - 1
    while k > 0 and doc[k].is_space:
        k -= 1
    if doc[k].text not in (",", ":"):
        return None
    tok = doc[k - 1]
    for _ in range(R.ACCORDING_CLIMB):
        if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lemma_ == "accord":
            to, acc = tok.head, tok.head.head
            if acc.sent.start != doc[k].sent.start or ctx.in_quote(acc.idx):
                return None
            return (acc.idx, to.idx + len(to.text), "according to"), S.np_range(tok)
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def second_cue(ctx: QuoteContext, cue: Any, s: int, e: int) -> bool:
    """A participle cue between two quotes ("..." X said, adding, "...")."""
    return any(
        t.i != cue.i and t.tag_ == "VBG" and t.head.i == cue.i and S.is_quote_cue(t)
        for t in ctx.tokens_in(s, e)
    )


def leftovers(ctx: QuoteContext, atts: list[Attribution], used: set[int]) -> list[Attribution]:
    """Attributed quotes no reported speech took up: kept as direct quotes."""
    out = []
    for g in ctx.groups:
        if g.kind == "scare" or g.cue is None or g.cue.i in used:
            continue
        if any(a.start <= g.start and g.end <= a.end for a in atts):
            continue
        if any(g.start <= a.start < g.end for a in atts):
            continue
        used.add(g.cue.i)
        out.append(cue_attribution(ctx, g.cue, g.start, g.end, "direct", list(g.frags)))
    return out


def embedded(ctx: QuoteContext, g: M.Group) -> bool:
    """The quote is part of the cue's reported clause (a partial quote)."""
    clause = S.clause_child(g.cue)
    if clause is None:
        return False
    toks = list(clause.subtree)
    if not any(g.start <= t.idx < g.end for t in toks):
        return False
    outside = [t for t in toks if t.is_alpha and not ctx.in_quote(t.idx) and t.idx > g.cue.idx]
    return len(outside) >= 2
