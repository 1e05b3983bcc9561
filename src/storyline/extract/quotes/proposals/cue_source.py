"""An attribution around a cue token, with the speaker found for that cue.

Shared by the quotation and reported-speech steps: the source is the cue's
subject unless the parser took it from inside the quotation, in which case
it is the name beside the cue (or unknown).
"""

from __future__ import annotations

from typing import Any

from storyline.extract.quotes import rules as R
from storyline.extract.quotes import syntax as S
from storyline.extract.quotes.attribution import Attribution
from storyline.extract.quotes.context import QuoteContext

_NOMINAL = ("PROPN", "NOUN", "PRON")


def cue_attribution(
    ctx: QuoteContext, cue: Any, s: int, e: int, kind: str, frags: list[tuple[int, int]]
) -> Attribution:
    """An attribution of content [s, e) to the speaker of ``cue``; its
    confidence is fixed for a direct quote, else the cue's clause probability."""
    src = ctx.source_token(cue)
    source = S.np_range(src) if src is not None else None
    if src is not None and (ctx.in_quote(src.idx) or any(a <= src.idx < b for a, b in frags)):
        # The parser took words of the quotation for its subject ('"One of
        # the brightest members ...," Rep. X said'): the speaker is the
        # name beside the cue, outside the quotation marks, or unknown.
        source = speaker_beside(ctx, cue)
    elif src is None and kind == "direct":
        # No subject on the cue of a quotation ("Said Ellis: “...”", a
        # parse that misses the inverted subject): the name beside it.
        source = speaker_beside(ctx, cue)
    lex = S.lexicon_entry(cue)
    conf = 0.9 if kind == "direct" else round(max(lex["p_clause"], 0.5) if lex else 0.5, 3)
    return Attribution(s, e, kind, frags, cue=cue, source=source, confidence=conf)


def speaker_beside(ctx: QuoteContext, cue: Any) -> tuple[int, int] | None:
    """The noun phrase right before the cue (after a closing quotation mark)
    or right after it ('said James Acton, a physicist ...'), outside
    quotation marks and in the cue's sentence; dates and times are not
    speakers ('said Monday'). Before the cue, the nearest clause subject
    comes first: in a long run ("At the town hall, the governor only hinted
    ... and adding, “...”") the first noun is seldom the speaker."""
    sent = cue.sent
    left = ctx.outside_quotes(range(cue.i - 1, sent.start - 1, -1))[::-1]
    if cue.tag_ in R.PARTICIPLE_CUE_TAGS:
        return participle_speaker(ctx, cue) or _nominal_in(left)
    right = ctx.outside_quotes(range(cue.i + 1, sent.end))
    subjects = [t for t in left if t.dep_ in R.SUBJECT_DEPS and t.pos_ in _NOMINAL]
    if subjects and len(left) > 1 and subjects[-1].ent_type_ not in R.NOT_SPEAKER_ENTS:
        # A long run before the cue ("At the debate, he only hinted ... and
        # adding, “...”"): the nearest subject, not the first noun.
        i, j = S.np_range(subjects[-1])
        if j > i and i >= left[0].i:
            return i, j
    for window in (left, right):
        rng = _nominal_in(window)
        if rng is not None:
            return rng
    return None


def participle_speaker(ctx: QuoteContext, cue: Any) -> tuple[int, int] | None:
    """The speaker of a participle cue ('she stated, “...,” adding, “...”',
    'X fired back: “...,” referencing Y'): the nearest clause subject before
    it in its sentence, outside quotation marks and across the quotation
    that comes between; None when there is none (then the noun phrase
    right before it; the phrase after a participle is its object, never its
    speaker)."""
    for k in range(cue.i - 1, cue.sent.start - 1, -1):
        t = ctx.doc[k]
        if ctx.in_quote(t.idx) or t.text in R.QUOTE_CHARS:
            continue
        if (
            t.dep_ in R.PARTICIPLE_SPEAKER_DEPS
            and t.pos_ in _NOMINAL
            and t.ent_type_ not in R.NOT_SPEAKER_ENTS
        ):
            i, j = S.np_range(t)
            if j > i and not any(ctx.in_quote(ctx.doc[x].idx) for x in range(i, j)):
                return i, j
    return None


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
