"""Reported speech: cue verbs and nouns that govern a clause or an object.

"X said (that) ...", "..., sources said", "X cited problems", "according to
X, ...", "his claim that ...": the content is the governed clause (cut before
a sibling cue or a trailing relative clause), or the object, and a quotation
inside or right after it makes the attribution "mixed".
"""

from __future__ import annotations

import bisect
from typing import Any

from storyline.extract.quotes import rules as R
from storyline.extract.quotes import syntax as S
from storyline.extract.quotes.attribution import Attribution
from storyline.extract.quotes.context import QuoteContext
from storyline.extract.quotes.proposals.cue_source import cue_attribution

_VERB_NOUN = frozenset({"VERB", "NOUN"})
_ACCORD = frozenset({"accord", "Accord", "ACCORD"})


def reported(ctx: QuoteContext, used: set[int]) -> list[Attribution]:
    """Every clause-governing cue outside quotes whose token is not in ``used``."""
    out: list[Attribution] = []
    doc = ctx.doc
    # Only verbs, nouns and "accord" can pass the tests below.
    for tok in ctx.tokens_where(pos=_VERB_NOUN, lemmas=_ACCORD):
        if tok.i in used or ctx.in_quote(tok.idx):
            continue
        if tok.lemma_.lower() == "accord" and tok.i + 1 < len(doc):
            att = according_to(ctx, tok)
            if att is not None:
                out.append(att)
            continue
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in R.CUE_NOUNS:
            att = noun_cue(tok)
            if att is not None:
                out.append(att)
            continue
        if not S.is_clause_cue(tok):
            continue
        clause = S.clause_child(tok)
        if clause is None:
            att = appositive_speaker(ctx, tok) or answer_cue(ctx, tok) or object_cue(ctx, tok)
            if att is not None:
                out.append(att)
            continue
        att = clause_cue(ctx, tok, clause)
        if att is not None:
            out.append(att)
    return out


def clause_cue(ctx: QuoteContext, tok: Any, clause: Any) -> Attribution | None:
    """ "X said (that) [clause]" and "[clause], X said": the clause, cut
    before a sibling cue or a trailing relative clause, with a partial quote
    right after it."""
    doc = ctx.doc
    src = ctx.source_token(tok)
    if src is None or ctx.in_quote(src.idx):
        return None
    toks = subject_in_object(tok, clause, list(clause.subtree))
    if toks[-1].i < tok.i:
        # Inverted order ("..., sources said"): the clause must end at a comma.
        nxt = doc[toks[-1].i + 1] if toks[-1].i + 1 < len(doc) else None
        if nxt is None or nxt.text not in (",", "\u2014", "\u2013", "-", '"', "\u201d"):
            return None
    toks = S.cut_relative(S.cut_sibling_cues(clause, toks, tok, ctx.siblings))
    rng = S.span_range(toks)
    if rng is None:
        return None
    s, e = rng
    # A partial quote right after the clause belongs to it.
    k = bisect.bisect_left(ctx.quoted_starts, e)
    if k < len(ctx.quoted):
        gap = ctx.text[e : ctx.quoted[k][0]]
        if "\n" not in gap and len(gap.split()) <= 3 and not any(c in gap for c in ".;:,!?"):
            e = ctx.quoted[k][1]
    kind = "indirect"
    for q0, q1 in ctx.quoted:
        if s <= q0 < e or s < q1 <= e:
            kind = "mixed"
            s, e = min(s, q0), max(e, q1)
    return cue_attribution(ctx, tok, s, e, kind, [(s, e)])


def appositive_speaker(ctx: QuoteContext, tok: Any) -> Attribution | None:
    """ "[Clause], NAME, a spokesperson for X, told VOA": a verb of saying the
    parser made a subjectless conjunct of the clause's verb, right after a
    person's name that it hung on the clause's last noun (``rules.
    INVERTED_APPOS``). The name is the speaker and the clause before it, up
    to the comma, the content; without this the cue borrowed the clause's
    subject ("programs ... told VOA")."""
    name_deps, cue_dep = R.INVERTED_APPOS
    doc = ctx.doc
    head = tok.head
    if tok.dep_ != cue_dep or head.i >= tok.i or tok.lemma_.lower() not in R.SPEECH_VERBS:
        return None
    if any(c.dep_ in R.SUBJECT_DEPS for c in tok.children):
        return None
    k = tok.i - 1
    while k > head.i and (doc[k].is_punct or doc[k].is_space):
        k -= 1
    name = doc[k]
    while name.dep_ not in name_deps or name.ent_type_ not in R.APPOS_SPEAKER_ENTS:
        if name.head.i == name.i or name.head.i <= head.i:
            return None
        name = name.head
    left, right = S.np_range(name)
    if right != k + 1 or left - 1 <= head.left_edge.i or doc[left - 1].text != ",":
        return None
    toks = [t for t in doc[head.left_edge.i : left - 1] if t.sent.start == tok.sent.start]
    rng = S.span_range(toks)
    if rng is None or ctx.in_quote(name.idx):
        return None
    s, e = rng[0], ctx.through_quote(*rng)
    att = cue_attribution(ctx, tok, s, e, "mixed" if e != rng[1] else "indirect", [(s, e)])
    att.source = left, right
    return att


def subject_in_object(tok: Any, clause: Any, toks: list[Any]) -> list[Any]:
    """ "voters said [life for the next generation] would be worse": a clause
    without a subject after the cue's own object is that object's predicate
    (the parser took the clause's subject for the cue's object), so the
    content starts at the object."""
    if clause.i < tok.i or any(c.dep_ in R.CLAUSE_SUBJECT_DEPS for c in clause.children):
        return toks
    obj = next((c for c in tok.children if c.dep_ == "dobj" and tok.i < c.i < clause.i), None)
    if obj is None or obj.left_edge.i != tok.i + 1:
        return toks
    return list(tok.doc[obj.left_edge.i : toks[0].i]) + toks


def object_cue(ctx: QuoteContext, tok: Any) -> Attribution | None:
    """ "X cited problems", "X called for repeal": the object is the content."""
    lex = S.lexicon_entry(tok)
    if not lex or lex["p"] < R.OBJECT_P or lex["n"] < R.MIN_LEXICON_N:
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None:
        prep = next(
            (
                c
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ in R.OBJECT_PREPS and c.i == tok.i + 1
            ),
            None,
        )
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
    if obj is None or ctx.in_quote(obj.idx):
        return None
    src = ctx.source_token(tok)
    if src is None or ctx.in_quote(src.idx):
        return None
    topic = past_addressee(tok, obj)
    if topic is not None:
        idx = list(range(topic.left_edge.i, topic.right_edge.i + 1))
    else:
        idx = S.with_object(tok, "dobj", list(range(obj.left_edge.i, obj.right_edge.i + 1)))
    rng = S.span_range([ctx.doc[k] for k in idx])
    if rng is None:
        return None
    s, e = rng[0], ctx.through_quote(*rng)
    kind = "mixed" if e != rng[1] else "indirect"
    att = cue_attribution(ctx, tok, s, e, kind, [(s, e)])
    att.confidence = round(lex["p"], 3)
    att.origin = "object"
    return att


def past_addressee(tok: Any, obj: Any) -> Any:
    """ "asked Trump about his remarks", "blasted the FBI for its decision",
    "asked the voters if they would come": when the object is the person
    addressed (a name, an organisation or a personal pronoun), what is said
    is the topic phrase or the "if" clause after it. The token whose subtree
    is the content, or None (the object is the content)."""
    if not (obj.ent_type_ in R.ADDRESSEE_ENTS or obj.lower_ in R.ADDRESSEE_PRONOUNS):
        return None
    for child in tok.children:
        if child.i <= obj.i:
            continue
        if child.dep_ == "prep" and child.lower_ in R.TOPIC_PREPS:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
        if child.dep_ in R.TOPIC_CLAUSE_DEPS and any(
            m.dep_ == "mark" and m.lower_ in R.TOPIC_MARKS for m in child.children
        ):
            return child
    return None


def answer_cue(ctx: QuoteContext, tok: Any) -> Attribution | None:
    """ "46 percent said yes", "half said so", "26 percent said the same": a
    verb of saying whose whole content is an answer word standing for a
    clause (``rules.ANSWER_WORDS``), right after it."""
    if tok.lemma_.lower() not in R.SPEECH_VERBS:
        return None
    doc = ctx.doc
    for child in tok.children:
        if child.i <= tok.i or child.i - tok.i > 2 or child.lower_ not in R.ANSWER_WORDS:
            continue
        start = child.i - 1 if child.lower_ in R.ANSWER_AFTER_THE else child.i
        if start != tok.i + 1 or (start < child.i and doc[start].lower_ != "the"):
            continue
        if child.i + 1 < len(doc) and doc[child.i + 1].lower_ in R.ANSWER_NOT_BEFORE:
            continue  # "said no to the war": a refusal of something, no answer
        s, e = doc[start].idx, child.idx + len(child.text)
        att = cue_attribution(ctx, tok, s, e, "indirect", [(s, e)])
        att.origin = "answer"
        return att
    return None


def according_to(ctx: QuoteContext, tok: Any) -> Attribution | None:
    """ "according to X, [the rest of the sentence]": X is the source."""
    doc = ctx.doc
    to = doc[tok.i + 1]
    if to.lower_ != "to":
        return None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    sent = tok.sent
    phrase = set(range(tok.left_edge.i, tok.right_edge.i + 1)) | {tok.i, to.i}
    phrase |= set(range(pobj.left_edge.i, pobj.right_edge.i + 1))
    toks = [t for t in sent if t.i not in phrase]
    rng = S.span_range(toks)
    if rng is None:
        return None
    s, e = rng
    if ctx.in_quote(s) and ctx.in_quote(e - 1):
        return None
    kind = "indirect"
    for q0, q1 in ctx.quoted:
        if s <= q0 < e:
            kind = "mixed"
            e = max(e, q1)
    span = (tok.idx, to.idx + len(to.text))
    return Attribution(
        s,
        e,
        kind,
        [(s, e)],
        cue=(span[0], span[1], "according to"),
        source=S.np_range(pobj),
        confidence=0.85,
        origin="according",
    )


def noun_cue(tok: Any) -> Attribution | None:
    """ "his claim that ...": a cue noun with a possessor and a "that" clause."""
    clause = next(
        (
            c
            for c in tok.children
            if c.dep_ in ("acl", "ccomp")
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ),
        None,
    )
    if clause is None:
        return None
    src = next((c for c in tok.children if c.dep_ == "poss"), None)
    if src is None:
        return None
    rng = S.span_range(list(clause.subtree))
    if rng is None:
        return None
    return Attribution(
        rng[0],
        rng[1],
        "indirect",
        [rng],
        cue=tok,
        source=S.np_range(src),
        confidence=0.6,
        origin="noun",
    )
