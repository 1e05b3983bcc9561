"""Where a reported content ends: an aside after its last noun is the
writer's, not the source's.

A content read off the parse is a subtree, so it runs on over a
non-restrictive relative clause or an apposition on its last noun ("met
Pope Francis[, who preaches ...]", "criticised Clinton's email use[, which
an FBI investigation said was ...]"). PolNeAR ends the content before such
an aside (the aside is often an attribution of its own), so these are cut
off the end of a reported content when they run to its end (table
``rules.TAIL_DEPS``; the comma before them marks them as asides).
"""

from __future__ import annotations

from storyline.extract.quotes import rules as R
from storyline.extract.quotes import syntax as S
from storyline.extract.quotes.attribution import Attribution
from storyline.extract.quotes.context import QuoteContext


def trim_tail(ctx: QuoteContext, a: Attribution) -> None:
    """Cut an aside that ends a reported content (in place); a quotation, a
    content before its cue or one of several fragments stays whole."""
    cue = a.cue
    if a.kind == "direct" or len(a.frags) != 1 or not hasattr(cue, "i"):
        return
    s, e = a.frags[0]
    if cue.idx >= s:
        return
    doc = ctx.doc
    toks = ctx.tokens_in(s, e)
    if len(toks) < 3:
        return
    first, last = toks[0].i, toks[-1].i
    cut = None
    for t in toks[1:]:
        if t.dep_ not in R.TAIL_DEPS or not first <= t.head.i < t.i or ctx.in_quote(t.idx):
            continue
        lead = t.left_edge.i - 1
        if lead <= first or doc[lead].text not in R.TAIL_LEADS:
            continue
        if t.right_edge.i < last - 1:
            continue  # the aside does not end the content
        cut = lead
        break
    if cut is None:
        return
    rng = S.span_range(list(doc[first:cut]))
    if rng is None or not any(tok.is_alpha for tok in doc[first:cut]):
        return
    a.frags = [rng]
    a.start, a.end = rng
    if a.kind == "mixed" and not ctx.quote_edge_in(*rng) and not ctx.in_quote(rng[0]):
        a.kind = "indirect"
