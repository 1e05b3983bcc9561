"""The accurate profile's attributions from the tagger, and how they combine
with the rules' (``--profile accurate`` only; the default profile never
calls this module).

The tagger (``storyline.nlp.attribution_model``) marks SOURCE, CUE and
CONTENT spans per window (a line of text); ``group_spans`` makes them
attributions: each content and source goes to the nearest cue of its
window. ``combine`` then merges them with the rule attributions the filter
selected, as ``tagger_rules`` says (chosen on held-out train documents):
where both found the same attribution (contents overlap or cues overlap)
the tagger's source and cue replace the rule's; the tagger's other
attributions are added; the rules keep what the tagger misses. Vetting
runs after, on all of them, so the speaker rules hold for tagged sources
too (never a place, a number phrase or a fragment; channels cut from the
content).
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from storyline.extract.quotes import tagger_rules as TR
from storyline.extract.quotes.attribution import Attribution
from storyline.extract.quotes.context import QuoteContext
from storyline.extract.quotes.tagging import TaggedSpan, tag_spans, text_windows, window_words

log = logging.getLogger(__name__)

Range = tuple[int, int]
#: A tagger: word lists in, (tags, tag probabilities) per word list out.
TagFn = Callable[[Sequence[Sequence[str]]], list[tuple[list[str], list[float]]]]
ORIGIN = TR.TAGGER_ORIGIN


@dataclass(frozen=True)
class Policy:
    """How tagged and rule attributions combine (defaults: ``tagger_rules``)."""

    replace: str = TR.REPLACE
    add_unmatched: bool = TR.ADD_UNMATCHED
    keep_unmatched_rules: bool = TR.KEEP_UNMATCHED_RULES
    min_add_score: float = TR.MIN_ADD_SCORE


@dataclass(frozen=True)
class TaggedAttribution:
    """One attribution the tagger found, in character offsets of the text."""

    cue: Range
    source: Range | None
    content: tuple[Range, ...]
    score: float


def gap(a: Range, b: Range) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, a[0] - b[1], b[0] - a[1])


def group_spans(spans: Sequence[TaggedSpan]) -> list[TaggedAttribution]:
    """One window's spans as attributions: every content and source goes to
    the nearest cue (ties to the earlier cue); a cue keeps its nearest
    source; a cue with no content makes no attribution."""
    cues = [s for s in spans if s.kind == "CUE"]
    if not cues:
        return []
    contents: list[list[TaggedSpan]] = [[] for _ in cues]
    sources: list[TaggedSpan | None] = [None] * len(cues)

    def nearest(s: TaggedSpan) -> int:
        return min(
            range(len(cues)), key=lambda k: (gap((s.start, s.end), (cues[k].start, cues[k].end)), k)
        )

    for s in spans:
        if s.kind == "CONTENT":
            contents[nearest(s)].append(s)
        elif s.kind == "SOURCE":
            k = nearest(s)
            old = sources[k]
            cue = (cues[k].start, cues[k].end)
            if old is None or gap((s.start, s.end), cue) < gap((old.start, old.end), cue):
                sources[k] = s
    out = []
    for cue, parts, src in zip(cues, contents, sources, strict=True):
        if not parts:
            continue
        scores = [cue.score] + [p.score for p in parts]
        out.append(
            TaggedAttribution(
                cue=(cue.start, cue.end),
                source=(src.start, src.end) if src is not None else None,
                content=tuple((p.start, p.end) for p in parts),
                score=round(sum(scores) / len(scores), 4),
            )
        )
    return out


def tag_text(text: str, tag: TagFn) -> list[TaggedAttribution]:
    """The tagger's attributions over ``text`` (one call for all windows)."""
    wins = text_windows(text)
    if not wins:
        return []
    results = tag([window_words(text, w) for w in wins])
    out: list[TaggedAttribution] = []
    for win, (tags, probs) in zip(wins, results, strict=True):
        out.extend(group_spans(tag_spans(win, tags, probs)))
    return out


def shared(a: Sequence[Range], b: Sequence[Range]) -> int:
    """Characters two fragment lists share."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def same(rule: Attribution, cue: Range | None, t: TaggedAttribution) -> float:
    """How strongly a rule and a tagged attribution are the same one: the
    share of the shorter content they share, or 1.0 when their cues overlap
    and their contents touch at all; 0.0 when neither."""
    rc = list(rule.frags)
    common = shared(rc, t.content)
    shorter = min(sum(e - s for s, e in rc), sum(e - s for s, e in t.content)) or 1
    share = common / shorter
    if cue is not None and shared([cue], [t.cue]) and common:
        return max(share, 1.0)
    return share if share >= TR.SAME_CONTENT else 0.0


def cue_range(a: Attribution) -> Range | None:
    """Character range of a rule attribution's cue (token or tuple)."""
    if a.cue is None:
        return None
    if isinstance(a.cue, tuple):
        return a.cue[0], a.cue[1]
    return a.cue.idx, a.cue.idx + len(a.cue)


def pairs(rules: Sequence[Attribution], tagged: Sequence[TaggedAttribution]) -> dict[int, int]:
    """Rule index -> tagged index, one to one, best match first. Only
    attributions whose spans lie near each other are compared (sorted by
    start, a window of neighbours), so a long document stays linear."""
    cand: list[tuple[float, int, int]] = []
    order = sorted(range(len(tagged)), key=lambda k: min(s for s, _ in tagged[k].content))
    starts = [min(s for s, _ in tagged[k].content) for k in order]
    for i, a in enumerate(rules):
        cue = cue_range(a)
        lo = bisect.bisect_left(starts, a.start - 2000)
        hi = bisect.bisect_right(starts, a.end)
        for pos in range(lo, hi):
            k = order[pos]
            v = same(a, cue, tagged[k])
            if v > 0:
                cand.append((v, i, k))
    cand.sort(key=lambda x: (-x[0], x[1], x[2]))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, i, k in cand:
        if i in out or k in used:
            continue
        out[i] = k
        used.add(k)
    return out


def kind_of(ctx: QuoteContext, frags: Sequence[Range]) -> str:
    """direct (every fragment inside quotation marks), mixed (a quotation
    edge inside the content) or indirect."""
    if all(ctx.in_quote(s) and ctx.in_quote(max(s, e - 1)) for s, e in frags):
        return "direct"
    if any(ctx.quote_edge_in(s, e) for s, e in frags):
        return "mixed"
    return "indirect"


def cue_token(ctx: QuoteContext, cue: Range) -> Any:
    """The head token of a tagged cue span (None when it covers no token)."""
    span = ctx.doc.char_span(cue[0], cue[1], alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def from_tagged(ctx: QuoteContext, t: TaggedAttribution) -> Attribution | None:
    """A tagged attribution as a candidate for vetting and records."""
    tok = cue_token(ctx, t.cue)
    if tok is None:
        return None
    frags = sorted(t.content)
    source = ctx.chars_to_tokens(*t.source) if t.source is not None else None
    return Attribution(
        frags[0][0],
        frags[-1][1],
        kind_of(ctx, frags),
        list(frags),
        cue=tok,
        source=source,
        confidence=t.score,
        origin=ORIGIN,
    )


def replaced(
    ctx: QuoteContext, a: Attribution, t: TaggedAttribution, policy: Policy
) -> Attribution:
    """The rule attribution with the tagger's source and cue (and content,
    when ``tagger_rules.REPLACE`` says "all")."""
    out = replace(a, frags=list(a.frags))
    tok = cue_token(ctx, t.cue)
    if tok is not None:
        out.cue = tok
    if t.source is not None:
        rng = ctx.chars_to_tokens(*t.source)
        if rng is not None:
            out.source = rng
            out.inherit = False
    if policy.replace == "all":
        frags = sorted(t.content)
        out.frags, out.start, out.end = list(frags), frags[0][0], frags[-1][1]
        out.kind = kind_of(ctx, frags)
    return out


def combine(
    ctx: QuoteContext,
    rules: list[Attribution],
    tagged: Sequence[TaggedAttribution],
    policy: Policy | None = None,
) -> list[Attribution]:
    """The rule attributions and the tagger's, combined as ``policy``
    (default: ``tagger_rules``) says; in text order."""
    policy = policy or Policy()
    matched = pairs(rules, tagged)
    out: list[Attribution] = []
    for i, a in enumerate(rules):
        k = matched.get(i)
        if k is None:
            if policy.keep_unmatched_rules:
                out.append(a)
        elif policy.replace == "none":
            out.append(a)
        else:
            out.append(replaced(ctx, a, tagged[k], policy))
    if policy.add_unmatched:
        taken = set(matched.values())
        for k, t in enumerate(tagged):
            if k in taken or t.score < policy.min_add_score:
                continue
            att = from_tagged(ctx, t)
            if att is not None:
                out.append(att)
    out.sort(key=lambda a: (a.start, -a.end))
    return out


def with_tagger(ctx: QuoteContext, rules: list[Attribution], tag: TagFn) -> list[Attribution]:
    """``combine`` over the document's tagged attributions; if tagging
    fails, the rules' attributions unchanged (logged): a tagger failure
    costs the document only the tagger's part."""
    try:
        return combine(ctx, rules, tag_text(ctx.doc.text, tag))
    except Exception:
        log.exception("attribution tagger failed on one document; rules only")
        return rules
