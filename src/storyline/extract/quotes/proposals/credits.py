"""Punctuation cues: a headline "Source: content", transcript lines "NAME: ...",
"“...” ― Name" credits and "X added:" block quotes.

These lines carry no cue verb (or a cue with no quote marks after it); they
replace the proposals they overlap.
"""

from __future__ import annotations

import bisect
from typing import Any

from storyline.extract.quotes import marks as M
from storyline.extract.quotes import rules as R
from storyline.extract.quotes import syntax as S
from storyline.extract.quotes.attribution import Attribution
from storyline.extract.quotes.context import QuoteContext
from storyline.extract.quotes.proposals.cue_source import speaker_beside


def credits(ctx: QuoteContext, atts: list[Attribution]) -> list[Attribution]:
    """``atts`` with the punctuation attributions added, in place of any
    proposal they overlap."""
    new = headline(ctx, atts) + transcript_lines(ctx) + dash_credits(ctx) + block_quotes(ctx)
    new += credit_lines(ctx) + colon_names(ctx)
    if not new:
        return atts
    keep = [a for a in atts if not any(a.start < n.end and n.start < a.end for n in new)]
    return keep + new


def headline(ctx: QuoteContext, atts: list[Attribution]) -> list[Attribution]:
    """ "Sanders: Clinton needs to ..." on the first line, when no cue of
    ``atts`` already attributes it and the label is no section name."""
    text = ctx.text
    if not ctx.paras:
        return []
    s0, e0 = ctx.paras[0]
    colon = text.find(": ", s0, e0)
    left = text[s0:colon].split() if colon > 0 else []
    if (
        left
        and len(ctx.paras) > 1
        and len(left) <= R.HEADLINE_SOURCE_MAX_WORDS
        and all(w[:1].isupper() or w in R.HEADLINE_SMALL_WORDS for w in left)
        and not any(a.cue is not None and a.start < e0 for a in atts)
        and left[0].lower() not in R.HEADLINE_LABEL_STARTS
        and not any(w.lower().strip(".,") in R.HEADLINE_LABEL_WORDS for w in left)
    ):
        att = colon_attribution(ctx, s0, colon, e0, "indirect", ".,;: ", 0.6)
        if att is not None:
            att.origin = "headline"
            return [att]
    return []


def transcript_lines(ctx: QuoteContext) -> list[Attribution]:
    """ "WALLACE: If I may, sir, ..." below the first line (an opening mark may lead)."""
    text = ctx.text
    out: list[Attribution] = []
    for s0, e0 in ctx.paras[1:]:
        ls = s0 + 1 if text[s0] in R.OPEN_DOUBLE or text[s0] == '"' else s0
        colon = text.find(": ", ls, min(e0, ls + 40))
        label = text[ls:colon].split() if colon > ls else []
        if (
            label
            and len(label) <= R.TRANSCRIPT_MAX_WORDS
            and all(w.isupper() and len(w.strip(".'")) >= 2 for w in label)
            and not any(w.lower().strip(".'") in R.HEADLINE_LABEL_WORDS for w in label)
        ):
            att = colon_attribution(ctx, ls, colon, e0, "direct", '"\u201d ', 0.7)
            if att is not None:
                att.origin = "transcript"
                out.append(att)
    return out


def dash_credits(ctx: QuoteContext) -> list[Attribution]:
    """ "“...” ― Name": a quotation credited after a dash on its own line."""
    text = ctx.text
    out: list[Attribution] = []
    for s0, e0 in ctx.paras:
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
        rng = ctx.chars_to_tokens(ns, ns + len(name))
        cs, ce = s0, s0 + len(before)
        if rng is None:
            continue
        out.append(credited(cs, ce, dash, rng))
    return out


def credited(start: int, end: int, dash: int, source: tuple[int, int]) -> Attribution:
    """A quotation [start, end) credited by the dash at ``dash`` to ``source``."""
    return Attribution(
        start,
        end,
        "direct",
        [(start, end)],
        cue=(dash, dash + 1, "\u2015"),
        source=source,
        confidence=0.8,
        origin="credit",
    )


def credit_lines(ctx: QuoteContext) -> list[Attribution]:
    """'"..."' then, on the next line, "- Name." (or "―Name, tweeting ..."):
    the quotation paragraph above is credited to the name."""
    text = ctx.text
    out: list[Attribution] = []
    for (ps, pe), (s0, e0) in zip(ctx.paras, ctx.paras[1:], strict=False):
        if text[s0] not in R.CREDIT_LINE_DASHES:
            continue
        before = text[ps:pe].rstrip(" \u00a0")
        if not before or before[-1] not in '"\u201d':
            continue
        rest = text[s0 + 1 : e0]
        ends = [k for k in (rest.find(c) for c in R.CREDIT_NAME_ENDS) if k >= 0]
        cut = min(ends, default=len(rest))
        name = rest[:cut].strip(" \u00a0").rstrip(".")
        if (
            not name
            or not name[0].isupper()
            or len(name.split()) > R.CREDIT_MAX_WORDS
            or any(c in name for c in '!?"\u201c\u201d')
        ):
            continue
        ns = text.find(name, s0)
        rng = ctx.chars_to_tokens(ns, ns + len(name))
        if rng is None:
            continue
        cs, ce = ps, ps + len(before)
        out.append(credited(cs, ce, s0, rng))
    return out


def colon_names(ctx: QuoteContext) -> list[Attribution]:
    """ "... doesn't surprise pollster Daron Shaw: “Historically, ...”": a
    person or organisation named right before a colon that opens a quotation
    said it (a verb before the colon, "X said:", is left to the cue steps)."""
    text, doc = ctx.text, ctx.doc
    out: list[Attribution] = []
    for g in ctx.groups:
        if g.single or (g.cue is not None and g.cue.lemma_.lower() in R.SPEECH_VERBS):
            continue  # "Said Frost: “...”": the verb's quotation
        k = g.start - 1
        while k >= 0 and text[k] in " \u00a0":
            k -= 1
        if k < 1 or text[k] != ":":
            continue
        span = doc.char_span(k, k + 1, alignment_mode="expand")
        if span is None or span.start == 0:
            continue
        last = doc[span.start - 1]
        if last.ent_type_ not in R.COLON_NAME_LABELS or last.idx + len(last) != k:
            continue
        if _object_of_cue(last):
            continue  # "told the Post:", "said of Mr. Rubio:": the verb is the cue
        i = last.i
        while i > 0 and doc[i].ent_iob_ == "I":
            i -= 1
        out.append(
            Attribution(
                g.start,
                g.end,
                "direct",
                list(g.frags),
                cue=(k, k + 1, ":"),
                source=(i, last.i + 1),
                confidence=0.7,
                origin="credit",
            )
        )
    return out


def _object_of_cue(tok: Any) -> bool:
    """Whether a name hangs off a verb of saying through an object or a
    preposition ("told [the Post]", "wrote to [Roffman]")."""
    cur = tok
    for _ in range(R.COLON_NAME_CLIMB):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lemma_.lower() in R.SPEECH_VERBS:
            return True
        if cur.pos_ == "VERB":
            return False
    return False


def block_quotes(ctx: QuoteContext) -> list[Attribution]:
    """ "The governor added:" then a paragraph of speech, without quote marks
    or wholly quoted ("Cruz continued:" / "“You look at ...”"): the line's cue
    and subject are the paragraph's, not the previous speaker's."""
    out = []
    text, doc = ctx.text, ctx.doc
    for k, (s0, e0) in enumerate(ctx.paras[:-1]):
        if text[e0 - 1] != ":":
            continue
        ns, ne = ctx.paras[k + 1]
        quoted = text[ns] in R.OPEN_DOUBLE or M.double_mark(text, ns) or ctx.in_quote(ns)
        if quoted and not _wholly_quoted(ctx, ns, ne):
            continue
        span = doc.char_span(s0, e0 - 1, alignment_mode="expand")
        if span is None or not len(span):
            continue
        cue = next((t for t in reversed(span) if S.is_quote_cue(t)), None)
        if cue is None or cue.i < span.end - 4:
            continue
        src = ctx.source_token(cue)
        source = S.np_range(src) if src is not None else None
        if source is None and quoted:
            source = speaker_beside(ctx, cue)
        ce = ne
        while ce > ns and text[ce - 1] in " \u00a0":
            ce -= 1
        out.append(
            Attribution(
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


def _wholly_quoted(ctx: QuoteContext, s: int, e: int) -> bool:
    """Whether the paragraph [s, e) is one quotation: it opens with a mark
    and its last quoted segment ends at the paragraph's end."""
    end = e
    while end > s and ctx.text[end - 1] in " \u00a0.":
        end -= 1
    k = bisect.bisect_right(ctx.quoted_starts, s + 1) - 1
    return k >= 0 and ctx.quoted[k][0] >= s and ctx.quoted[k][1] >= end - 1


def colon_attribution(
    ctx: QuoteContext,
    label_start: int,
    colon: int,
    end: int,
    kind: str,
    trim: str,
    confidence: float,
) -> Attribution | None:
    """ "LABEL: content" up to ``end``: the label is the source, the colon the cue."""
    rng = ctx.chars_to_tokens(label_start, colon)
    cs, ce = colon + 2, end
    while ce > cs and ctx.text[ce - 1] in trim:
        ce -= 1
    if rng is None or ce <= cs:
        return None
    cue = (colon, colon + 1, ":")
    return Attribution(cs, ce, kind, [(cs, ce)], cue=cue, source=rng, confidence=confidence)
