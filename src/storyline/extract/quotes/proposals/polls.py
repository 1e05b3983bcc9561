"""Poll findings: "In a CNN poll released Monday, Clinton led Sanders 56 to 32".

The annotation guideline treats a poll that frames a clause as that
clause's source and the preposition as its cue (as "according to" is one).
The rule is a preposition of ``source_rules.POLL_PREPS`` on the clause's verb,
before the verb, whose object names a poll (``source_rules.POLL_NOUNS``).
Measured on PolNeAR train: the phrase is an attribution about four times in
five before its verb and one time in three after it ("was mired in single
digits in polls"), so only the framing position is proposed. A poll is no
speaker: it is kept as the annotation-style source (``counted_source``).
"""

from __future__ import annotations

from typing import Any

from storyline.extract.quotes import source_rules as T
from storyline.extract.quotes import syntax as S
from storyline.extract.quotes.attribution import Attribution
from storyline.extract.quotes.context import QuoteContext

#: Parts of speech of the verb a poll phrase frames.
_CLAUSE_POS = frozenset({"VERB", "AUX"})


def poll_frames(ctx: QuoteContext, atts: list[Attribution]) -> list[Attribution]:
    """One attribution per poll phrase that frames a clause no other
    proposal has taken (its verb no cue, its words no other content)."""
    cues = {a.cue.i for a in atts if hasattr(a.cue, "i")}
    cover = [f for a in atts for f in a.frags]
    out: list[Attribution] = []
    for prep in ctx.tokens_where(pos=frozenset({"ADP"})):
        verb = prep.head
        if (
            prep.dep_ != "prep"
            or prep.lower_ not in T.POLL_PREPS
            or verb.pos_ not in _CLAUSE_POS
            or prep.i > verb.i
            or verb.i in cues
            or ctx.in_quote(prep.idx)
        ):
            continue
        obj = next((c for c in prep.children if c.dep_ in T.AGENT_OBJECT_DEPS), None)
        if obj is None or obj.lemma_.lower() not in T.POLL_NOUNS:
            continue
        att = _frame(ctx, prep, verb, obj)
        if att is None or any(fs < e and s < fe for fs, fe in cover for s, e in att.frags):
            continue
        if any(fs <= prep.idx < fe for fs, fe in cover):
            continue
        out.append(att)
        cover.extend(att.frags)
    return out


def _frame(ctx: QuoteContext, prep: Any, verb: Any, obj: Any) -> Attribution | None:
    """The verb's clause without the poll phrase, the phrase as cue and source."""
    pp = set(range(prep.left_edge.i, prep.right_edge.i + 1))
    idx = [k for k in range(verb.left_edge.i, verb.right_edge.i + 1) if k not in pp]
    frags = ctx.frags(idx)
    if not frags or not any(ctx.doc[k].pos_ in _CLAUSE_POS for k in idx):
        return None
    att = Attribution(frags[0][0], frags[-1][1], "indirect", frags, cue=prep, confidence=0.6)
    att.counted_source = S.np_range(obj)
    return att
