"""The proposal steps of the quote extractor, in the order they run.

``candidates`` runs them over one document: quotations with their cue
(``direct``), reported speech (``reported``), the learned cue frames
(``framed``), punctuation credits (``credits``), poll findings (``polls``), the leftover attributed
quotes, and (with the learned filter) every other cue frame as a candidate;
last, the turns of an interview (``interviews``) replace what they cover.
Each step is a function over the document's ``QuoteContext``.
"""

from __future__ import annotations

from storyline.extract.quotes import filter as F
from storyline.extract.quotes.attribution import Attribution, tag
from storyline.extract.quotes.context import QuoteContext
from storyline.extract.quotes.proposals.credits import credits
from storyline.extract.quotes.proposals.direct import direct_quotes, leftovers
from storyline.extract.quotes.proposals.framed import frame_candidates, framed
from storyline.extract.quotes.proposals.interviews import interviews
from storyline.extract.quotes.proposals.polls import poll_frames
from storyline.extract.quotes.proposals.reported import reported
from storyline.extract.quotes.tails import trim_tail
from storyline.model import ParsedDocument


def candidates(
    parsed: ParsedDocument, with_frames: bool | None = None
) -> tuple[QuoteContext, list[Attribution]]:
    """Every attribution the rule steps propose, plus (``with_frames``; by
    default when the learned filter has weights) every other cue frame: what
    the filter accepts or rejects, and what ``tools/train/train_quote_filter.py``
    learns from."""
    ctx = QuoteContext(parsed)
    used: set[int] = set()
    atts = tag(direct_quotes(ctx, used), "direct")
    atts += tag(reported(ctx, used), "reported")
    atts += tag(framed(ctx, used, atts), "framed")
    atts = tag(credits(ctx, atts), "credit")
    atts += tag(poll_frames(ctx, atts), "poll")
    atts += tag(leftovers(ctx, atts, used), "leftover")
    if with_frames if with_frames is not None else F.model() is not None:
        atts += frame_candidates(ctx, atts)
    atts = interviews(ctx, atts)
    for a in atts:
        trim_tail(ctx, a)
    atts.sort(key=lambda a: (a.start, -a.end))
    return ctx, atts
