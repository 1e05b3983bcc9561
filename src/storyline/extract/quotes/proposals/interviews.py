"""Interviews written as labelled turns: "VOA: Do you think ...?" then
"Lind: I think ...", on lines of their own or run into one paragraph.

The asking side (an outlet's name, "Q", "Interviewer", or any label whose
turns are all questions) states nothing of its own: its turns give no
attribution, and what the cue steps proposed inside them with the asker,
"you" or nobody as source goes. Each answer turn is one attribution of its
label (the colon its cue), in place of the proposals inside it, as
transcript lines are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.extract.integrity.outlet_rules import KNOWN_OUTLETS
from storyline.extract.quotes import rules as R
from storyline.extract.quotes import speech_rules as SR
from storyline.extract.quotes.attribution import Attribution
from storyline.extract.quotes.context import QuoteContext

_LABEL = re.compile(SR.TRANSCRIPT_LABEL, re.MULTILINE)
_ASKERS = SR.INTERVIEWER_LABELS | {n.casefold() for k, v in KNOWN_OUTLETS.items() for n in (k, *v)}


@dataclass
class Turn:
    """One labelled turn: the label [ls, le), its words [cs, ce)."""

    label: str
    ls: int
    le: int
    cs: int
    ce: int

    @property
    def key(self) -> str:
        return self.label.casefold()

    def question(self, text: str) -> bool:
        return text[self.cs : self.ce].rstrip(' \u00a0"\u201d').endswith("?")


def turns(ctx: QuoteContext) -> list[Turn]:
    """The labelled turns of the text, each running to the next label or its
    paragraph's end."""
    text = ctx.text
    found = [
        m for m in _LABEL.finditer(text) if m.group(1).split()[0].casefold() not in _NOT_LABELS
    ]
    out = []
    for k, m in enumerate(found):
        para_end = ctx.para_end_char(ctx.para_of(m.start(1)))
        end = min(found[k + 1].start(1), para_end) if k + 1 < len(found) else para_end
        cs, ce = m.end(), end
        while ce > cs and text[ce - 1] in " \u00a0\n":
            ce -= 1
        if ce > cs:
            out.append(Turn(m.group(1), m.start(1), m.end(1), cs, ce))
    return out


#: First words of a "Word: ..." that are no speaker's label ("Note:", "Update:").
_NOT_LABELS = R.HEADLINE_LABEL_WORDS | R.HEADLINE_LABEL_STARTS


def askers(text: str, ts: list[Turn]) -> set[str]:
    """Labels of the asking side: an interviewer label or an outlet's name
    with a question among its turns, or a label whose turns (at least
    ``INTERVIEW_MIN_QUESTIONS``) are all questions."""
    by: dict[str, list[Turn]] = {}
    for t in ts:
        by.setdefault(t.key, []).append(t)
    out = set()
    for key, own in by.items():
        n_q = sum(t.question(text) for t in own)
        named = key in _ASKERS and n_q >= 1
        if named or n_q == len(own) >= SR.INTERVIEW_MIN_QUESTIONS:
            out.add(key)
    return out


def interviews(ctx: QuoteContext, atts: list[Attribution]) -> list[Attribution]:
    """``atts`` without the asking side's turns and with one attribution per
    answer turn, when the text holds an interview (asking turns and at least
    one answer after one); else ``atts`` unchanged."""
    text, doc = ctx.text, ctx.doc
    ts = turns(ctx)
    ask = askers(text, ts)
    if not ask:
        return atts
    answers = [
        t
        for k, t in enumerate(ts)
        if t.key not in ask
        and k > 0
        and ts[k - 1].key in ask | {t.key}
        and len(t.label.strip(".")) > 1
    ]
    if not answers:
        return atts
    asked = [(t.ls, t.ce) for t in ts if t.key in ask]

    def in_question(a: Attribution) -> bool:
        pos = a.cue[0] if isinstance(a.cue, tuple) else getattr(a.cue, "idx", a.start)
        if not any(s <= pos < e for s, e in asked):
            return False
        if a.source is None:
            return True
        src = doc[a.source[0] : a.source[1]]
        return src.root.pos_ == "PRON" or src.text.casefold() in ask

    new = []
    for t in answers:
        rng = ctx.chars_to_tokens(t.ls, t.le)
        if rng is None:
            continue
        new.append(
            Attribution(
                t.cs,
                t.ce,
                "direct",
                [(t.cs, t.ce)],
                cue=(t.le, t.le + 1, ":"),
                source=rng,
                confidence=0.7,
                origin="transcript",
            )
        )
    keep = [
        a
        for a in atts
        if not in_question(a) and not any(a.start < n.end and n.start < a.end for n in new)
    ]
    return keep + new
