"""From the selected attributions to ``Quote`` records.

One token belongs to one attribution (an attribution whose cue lies inside
another's content goes); speakers are classified and resolved over a subject
chain in text order; a fronted clause joins its content; cue extent, channel
and time are read off the cue; offsets go back to the original text.
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from typing import Any

from storyline.extract.quotes import confidence as C
from storyline.extract.quotes import rules as R
from storyline.extract.quotes import speaker_rules as SR
from storyline.extract.quotes import speakers as SP
from storyline.extract.quotes import syntax as S
from storyline.extract.quotes import vet_rules as V
from storyline.extract.quotes.attribution import Attribution
from storyline.extract.quotes.context import QuoteContext
from storyline.extract.quotes.vetting import audience_like, reporting
from storyline.model import ParsedDocument, Quote

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_PARTS = ("speaker", "cue", "channel", "when", "source")
#: Contents shorter than this many words are not deduplicated.
_SAME_STATEMENT_MIN_WORDS = 5
_QUOTE_TRIM = " \t\n\"'\u201c\u201d\u2018\u2019\u00ab\u00bb,.;:"

log = logging.getLogger(__name__)


def build_records(
    parsed: ParsedDocument, ctx: QuoteContext, atts: list[Attribution]
) -> list[Quote]:
    """One token, one attribution; speakers resolved; records in text order
    (ids ``q1``, ``q2``, ...). Called on the filter's selection, and by the
    filter's training on its own selections."""
    atts = one_cue_one_attribution(one_token_one_attribution(atts))
    speakers = assign_speakers(parsed, ctx, atts)
    for a in atts:
        lead = fronted(ctx, a)
        if lead is not None:
            a.frags = [lead, *a.frags]
            a.start = lead[0]
    for k, a in enumerate(atts):
        sp = speakers.get(k)
        if a.joint and sp is not None:  # "A and B said": both, named as such
            sp["kind"] = V.COORDINATION_KIND
            sp["antecedent"] = None
        elif a.antecedent is not None and sp is not None:  # "X, who said": X
            i, j = a.antecedent
            doc = ctx.doc
            sp["antecedent"] = SP.orig_span(parsed, doc[i].idx, doc[j - 1].idx + len(doc[j - 1]))
    built = [record(parsed, ctx, a, speakers.get(k)) for k, a in enumerate(atts)]
    quotes = [q for q in (sound(q, parsed.text) for q in built) if q is not None]
    quotes = once_per_document(quotes)
    quotes.sort(key=lambda q: (q.start, q.end))
    for n, q in enumerate(quotes, 1):
        q.id = f"q{n}"
    return quotes


def once_per_document(quotes: list[Quote]) -> list[Quote]:
    """The same statement once per article: a quote whose content, with
    case, spacing and quotation marks ignored, equals an earlier one's is
    dropped (an article that repeats a quotation, or two proposals over the
    same words)."""
    seen: set[str] = set()
    out = []
    for q in sorted(quotes, key=lambda q: (q.start, q.end)):
        key = " ".join(q.text.strip(_QUOTE_TRIM).lower().split())
        if len(key.split()) < _SAME_STATEMENT_MIN_WORDS:
            out.append(q)  # "the same", "it": short contents recur as different statements
            continue
        if key in seen:
            continue
        seen.add(key)
        out.append(q)
    return out


def one_token_one_attribution(atts: list[Attribution]) -> list[Attribution]:
    """Drop attributions whose cue lies inside another's content (quoted
    speech inside reported speech) and those inside one already kept.

    Both tests are index look-ups (``n log n``), not scans of every pair: a
    document with thousands of attributions (a 2-million-character text)
    would otherwise take minutes here.
    """
    inside_other = _cue_inside_other(atts)
    starts = sorted({a.start for a in atts})
    kept_ends = _PrefixMax(len(starts))
    kept: list[Attribution] = []
    for k, a in enumerate(atts):
        if inside_other[k]:
            continue
        # Inside one already kept: some kept b with b.start <= a.start and a.end <= b.end.
        if kept_ends.query(bisect_right(starts, a.start)) >= a.end:
            continue
        kept.append(a)
        kept_ends.update(bisect_left(starts, a.start), a.end)
    return kept


def one_cue_one_attribution(atts: list[Attribution]) -> list[Attribution]:
    """A cue word is one attribution's (the guideline: a token belongs to one
    attribution): when a quotation and another frame of the same cue token
    were both kept ("released the following statement: “...”", "called
    them “...”" cut before the quotation), the quotation stays."""
    cues = {a.cue.i for a in atts if a.kind == "direct" and hasattr(a.cue, "i")}
    if not cues:
        return atts
    return [a for a in atts if a.kind == "direct" or not hasattr(a.cue, "i") or a.cue.i not in cues]


def _cue_inside_other(atts: list[Attribution]) -> list[bool]:
    """Per attribution: does its cue lie in a fragment of another attribution?"""
    frags = sorted((fs, fe, id(b)) for b in atts for fs, fe in b.frags)
    starts = [fs for fs, _, _ in frags]
    # best[i]: the two largest fragment ends among frags[:i], of different owners.
    best: list[tuple[tuple[int, int], tuple[int, int]]] = [((-1, -1), (-1, -1))]
    for _, fe, k in frags:
        first, second = best[-1]
        if fe > first[0]:
            top = ((fe, k), first if first[1] != k else second)
        elif k != first[1] and fe > second[0]:
            top = (first, (fe, k))
        else:
            top = (first, second)
        best.append(top)
    out = []
    for a in atts:
        cpos = a.cue.idx if hasattr(a.cue, "idx") else None
        if cpos is None:
            out.append(False)
            continue
        first, second = best[bisect_right(starts, cpos)]
        end = first[0] if first[1] != id(a) else second[0]
        out.append(end > cpos)
    return out


class _PrefixMax:
    """A Fenwick tree of maxima: ``update(i, v)``, ``query(n)`` = max of the first ``n``."""

    def __init__(self, size: int) -> None:
        self.tree = [-1] * (size + 1)

    def update(self, i: int, value: int) -> None:
        i += 1
        while i < len(self.tree):
            self.tree[i] = max(self.tree[i], value)
            i += i & -i

    def query(self, n: int) -> int:
        best = -1
        while n > 0:
            best = max(best, self.tree[n])
            n -= n & -n
        return best


def assign_speakers(
    parsed: ParsedDocument, ctx: QuoteContext, atts: list[Attribution]
) -> dict[int, dict[str, Any] | None]:
    """Speaker record per attribution index: the subject chain (speakers and
    other subjects, in text order) resolves pronouns and descriptions, and an
    orphan quote paragraph goes on from the previous speaker."""
    doc = ctx.doc
    resolver = SP.Resolver(ctx)
    events: list[tuple[int, str, Any]] = []
    for k, a in enumerate(atts):
        if a.source is not None:
            events.append((doc[a.source[0]].idx, "att", k))
        elif a.inherit:
            events.append((a.start, "orphan", k))
    att_sources = {a.source for a in atts if a.source is not None}
    for tok in ctx.tokens_where(dep=_SUBJECTS):
        if not ctx.in_quote(tok.idx):
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
            para = ctx.para_of(pos)
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
        if kind in ("name", "title+name") and SP.plural_name(doc, i, j, head):
            # "three members of the Senate — A, B and C": a group, for "they"
            resolver.add(i, j, "group", resolved or (i, j), head)
        elif kind in ("name", "title+name"):
            target = resolved or SP.name_core(doc, i, j, head)
            resolver.add(i, j, "person", target, head)
        elif kind == "pronoun":
            group = "person" if head.lower_ in SR.PRONOUNS_PERSON else "group"
            resolver.add(i, j, group, resolved, head)
        elif kind == "description":
            person_like = head.lemma_.lower() in SR.PERSON_DESCRIPTION_HEADS or SP.is_aged(
                doc, i, j
            )
            resolver.add(i, j, "person" if person_like else "other", resolved or (i, j), head)
        elif kind in ("organisation", "collective"):
            resolver.add(i, j, "group", resolved or (i, j), head)
        else:  # anonymous: later "the defender" may refer back to it by head noun
            resolver.add(i, j, "other", (i, j), head)
        if what == "att":
            if resolved is None and kind == "description" and ctx.para_of(pos) <= 2:
                # A headline names its speaker by title before the body does:
                # "Mayor vows ..." -> the first "Mayor Ilse Vantoren" below.
                resolved = SP.forward_title(doc, head, ctx.para_end_char(ctx.para_of(pos)))
            speakers[payload] = SP.speaker_record(parsed, doc, i, j, kind, resolved)
            if doc[i].tag_ not in SR.RELATIVE_TAGS or j - i > 1:
                # "..., said X, who thinks often about it." then a quotation
                # paragraph: it goes on from X's quotation, not from "who".
                last = (ctx.para_of(pos), speakers[payload])
    return speakers


def record(
    parsed: ParsedDocument, ctx: QuoteContext, a: Attribution, speaker: dict[str, Any] | None
) -> Quote:
    """The ``Quote`` of one attribution (id set later), in original offsets."""
    cue = channel = when = None
    if a.cue is not None:
        if isinstance(a.cue, tuple):
            cs, ce, lemma = a.cue
        else:
            cs, ce = cue_extent(a.cue, a.start, a.end)
            lemma = a.cue.lemma_.lower()
            ch = channel_of(ctx, a.cue) or a.channel
            if ch is not None:
                channel = SP.orig_span(parsed, *ch)
            wh = when_of(ctx, a.cue)
            if wh is not None and not (ch and ch[0] < wh[1] and wh[0] < ch[1]):
                when = SP.orig_span(parsed, *wh)
        cue = SP.orig_span(parsed, cs, ce)
        cue["lemma"] = lemma
        cue["reporting"] = reporting(a)
    source = None
    if a.counted_source is not None:
        i, j = a.counted_source
        doc = ctx.doc
        source = SP.orig_span(parsed, doc[i].idx, doc[j - 1].idx + len(doc[j - 1]))
    s, e = parsed.original_span(a.start, a.end)
    frags = []
    for fs, fe in a.frags:
        fs, fe = parsed.original_span(fs, fe)
        frags.append({"start": fs, "end": fe})
    return Quote(
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
        confidence=C.calibrate(a, speaker),
        source=source,
    )


def span_ok(part: dict[str, Any] | None, text: str) -> bool:
    """Whether a part's offsets lie in ``text`` in order and its ``text`` (if
    any) is exactly what they cover: what the dossier's validation demands."""
    if part is None:
        return True
    s, e = part.get("start"), part.get("end")
    if not (isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text)):
        return False
    return "text" not in part or part["text"] == text[s:e]


def sound(q: Quote, text: str) -> Quote | None:
    """The last guard before a record leaves the extractor: a part with bad
    offsets is dropped (set to None, a bad fragment left out) and logged, a
    quote whose own span is bad is dropped whole. One defect must cost that
    part, not the document's quotes nor (through validation) the dossier."""
    if not span_ok({"start": q.start, "end": q.end, "text": q.text}, text):
        log.warning("quote dropped: bad offsets %r-%r", q.start, q.end)
        return None
    for name in _PARTS:
        part = getattr(q, name)
        if not span_ok(part, text):
            log.warning("quote at %d: %s dropped, bad offsets %r", q.start, name, part)
            setattr(q, name, None)
    if q.speaker is not None and not span_ok(q.speaker.get("antecedent"), text):
        log.warning("quote at %d: speaker antecedent dropped, bad offsets", q.start)
        q.speaker["antecedent"] = None
    frags = [f for f in q.fragments if span_ok(f, text)]
    if len(frags) != len(q.fragments):
        log.warning("quote at %d: %d fragment(s) dropped", q.start, len(q.fragments) - len(frags))
        q.fragments = frags
    return q


def fronted(ctx: QuoteContext, a: Attribution) -> tuple[int, int] | None:
    """The part of the content before a parenthetical cue: "[If the river
    keeps rising], she warned, the levee could fail". The parser hangs the
    fronted clause on the cue, so the reported clause alone misses it."""
    cue = a.cue
    if a.kind != "indirect" or a.source is None:
        return None
    if not hasattr(cue, "i") or a.frags[0][0] <= cue.idx:
        return None
    doc = ctx.doc
    left = a.source[0]
    if left > cue.i or left - 1 < 0 or doc[left - 1].text != ",":
        return None
    if cue.i + 1 >= len(doc) or doc[cue.i + 1].text != ",":
        return None
    start = max(cue.left_edge.i, cue.sent.start)
    lead = [t for t in doc[start : left - 1] if not t.is_space]
    if len(lead) < 3 or any(ctx.in_quote(t.idx) for t in lead):
        return None
    return S.span_range(lead)


def channel_of(ctx: QuoteContext, cue: Any) -> tuple[int, int] | None:
    """Where it was said: "on Telegram", "in a statement", or the audience
    of "told Al Jazeera"."""
    doc = ctx.doc
    for child in cue.children:
        if child.dep_ == "prep" and child.lower_ in R.CHANNEL_PREPS:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            words = {pobj.lower_, pobj.lemma_.lower()}
            if words & (R.CHANNEL_MEDIA | R.CHANNEL_FORMS):
                i, j = child.i, pobj.right_edge.i + 1
                return ctx.tok_span(i, j)
    if cue.lemma_.lower() in R.AUDIENCE_VERBS:
        obj = next((c for c in cue.children if c.dep_ in ("dobj", "dative", "iobj")), None)
        if obj is not None and obj.i > cue.i and not ctx.in_quote(obj.idx) and audience_like(obj):
            j = obj.i + 1
            # The audience is a name or a short noun phrase ("Ukrainian media").
            while (
                j <= obj.right_edge.i
                and j - cue.i <= 6
                and doc[j].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "PART")
            ):
                j += 1
            while (
                j < len(doc)
                and j - cue.i <= 6
                and doc[j].is_title
                and (doc[j].pos_ in ("PROPN", "NOUN"))
            ):
                j += 1  # "told Israel Today"
            return ctx.tok_span(cue.i, max(j, obj.i + 1))
    return None


def when_of(ctx: QuoteContext, cue: Any) -> tuple[int, int] | None:
    """When it was said: a short date or time phrase on the cue."""
    for child in cue.children:
        if child.dep_ not in ("prep", "npadvmod", "advmod", "tmod"):
            continue
        i, j = child.left_edge.i, child.right_edge.i + 1
        if j - i > 6:
            continue
        if any(ctx.doc[k].ent_type_ in ("DATE", "TIME") for k in range(i, j)):
            return ctx.tok_span(i, j)
    return None


def cue_extent(tok: Any, cs: int, ce: int) -> tuple[int, int]:
    """Char span of a cue verb with its auxiliaries, negation and particle
    ("has not said", "called for"), as PolNeAR marks cues; never into the
    content [cs, ce)."""
    doc = tok.doc
    i = j = tok.i
    while i - 1 >= 0 and doc[i - 1].head.i == tok.i and doc[i - 1].dep_ in R.CUE_LEFT_DEPS:
        i -= 1
    while j + 1 < len(doc) and doc[j + 1].head.i == tok.i and doc[j + 1].dep_ in ("prt",):
        j += 1
    nxt = doc[j + 1] if j + 1 < len(doc) else None
    if (
        nxt is not None
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
