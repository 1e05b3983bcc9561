"""What a figure belongs to: the actor who has or claims it, its place and time.

Read off the dependency parse of the figure's sentence, a bounded walk per
figure (no loop over the document): the noun the number counts (or the
number itself) is the anchor; the verb it hangs on is found a few heads up.
The actor is the anchor's owner ("Russia's troops", "Belarusian
servicemen", "troops of Belarus"), else the verb's agent ("Belarus has
deployed 20,000 troops"), else the source of a report the figure is the
complement of ("the authorities say 2,500 people were killed"). The place
is a locative phrase on the anchor or the verb ("near the border", "in
Minsk"); the time a DATE/TIME expression of the timexes extractor inside the
verb's clause, with its resolved value. Each is None when the parse does
not say: never guessed from elsewhere in the document.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from storyline.extract.events.lexicon import ACTOR_NOUNS, REPORTING_VERBS
from storyline.extract.events.syntax import according_to, is_actor_like, np_range, subject_of
from storyline.extract.quantities.find import Found
from storyline.extract.quantities.rules import (
    MAX_CLIMB,
    NEAR_WORDS,
    OWNED_NOUNS,
    OWNER_LABELS,
    OWNER_PREPS,
    PLACE_LABELS,
    PLACE_NOUNS,
    PLACE_PREPS,
    WHEN_TYPES,
)
from storyline.model import ParsedDocument, Timex

Token = Any  # spacy.tokens.Token
VERBS = frozenset({"VERB", "AUX"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})


def governing_verb(anchor: Token) -> Token | None:
    """The verb the anchor's phrase belongs to, a few heads up (None in a verbless phrase)."""
    tok = anchor
    for _ in range(MAX_CLIMB):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ in VERBS and tok.dep_ != "amod":
            return tok
    return None


def owner(anchor: Token, after: int) -> tuple[Token, str] | None:
    """The party the counted noun belongs to: possessor, named modifier, "of"/"from" object."""
    for c in anchor.children:
        if c.dep_ == "poss" and c.pos_ != "PRON" and is_actor_like(c):
            return c, "owner"
    # a named group counted ("Central Africans") is no owner of itself
    owned = not anchor.ent_type_ and (is_actor_like(anchor) or anchor.lemma_.lower() in OWNED_NOUNS)
    for c in anchor.lefts if owned else ():
        if c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ in OWNER_LABELS:
            return c, "owner"
    for c in anchor.rights:
        if c.dep_ == "prep" and c.lower_ in OWNER_PREPS and c.i >= after:
            for g in c.children:
                if g.dep_ == "pobj" and g.ent_type_ in OWNER_LABELS:
                    return g, "owner"
    return None


def party(tok: Token) -> bool:
    """An actor worth naming: actor-like, not a pronoun, and not a common noun that
    is only capitalised because it opens the sentence ("Deaths in the attacks")."""
    if tok.pos_ == "PRON" or not is_actor_like(tok):
        return False
    if tok.is_sent_start and tok.pos_ == "NOUN":  # a name tag on it is the capital's doing
        return tok.lemma_.lower() in ACTOR_NOUNS or tok.lemma_.lower() in OWNED_NOUNS
    return not (tok.is_sent_start and tok.pos_ == "PROPN" and not tok.ent_type_)


def agent(verb: Token, inside: range) -> tuple[Token, str] | None:
    """The verb's agent when it is not the figure itself, else the source of the report
    the verb's clause is the complement of ("officials say ... were killed")."""
    if any(c.dep_ in SUBJECTS and c.i in inside for c in verb.children):
        # the figure is the subject ("10,000 were displaced"): only a "by" agent
        # acts on it, never the subject of a clause further up
        sub = next((g for c in verb.children if c.dep_ == "agent" for g in c.children), None)
    else:
        sub = subject_of(verb)
    if sub is not None and sub.i not in inside and party(sub):
        return sub, "agent"
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING_VERBS:
        src = subject_of(verb.head)
        if src is not None and party(src):
            return src, "source"
    src = according_to(verb.sent)  # "according to the ministry, they did so 80 times"
    if src is not None and src.i not in inside and party(src):
        return src, "source"
    return None


def actor_range(head: Token) -> tuple[int, int]:
    """The actor's phrase ``[first, stop)``: its noun phrase, cut at a name of its
    own ("Al Jazeera Belarus" parsed as one phrase gives "Belarus")."""
    first, last = np_range(head)
    if head.ent_type_:
        k = head.i
        while k > first and head.doc[k].ent_iob_ == "I":
            k -= 1
        if any(head.doc[m].ent_type_ for m in range(first, k)):
            first = k
    return first, max(last, head.i) + 1


def _is_place(tok: Token) -> bool:
    return tok.ent_type_ in PLACE_LABELS or (
        tok.pos_ == "NOUN" and tok.lemma_.lower() in PLACE_NOUNS
    )


def place_under(head: Token, skip: range) -> tuple[int, int] | None:
    """A locative phrase on ``head``: (first, last) tokens, the preposition included."""
    for c in head.children:
        if c.i in skip:
            continue
        prep, lead = c, c
        if c.lower_ in NEAR_WORDS:  # "close to the border"
            prep = next((g for g in c.children if g.dep_ == "prep" and g.lower_ == "to"), None)
            if prep is None:
                continue
        elif c.dep_ != "prep" or c.lower_ not in PLACE_PREPS:
            continue
        for g in prep.children:
            if g.dep_ == "pobj" and g.i not in skip and _is_place(g):
                first, last = np_range(g)
                return lead.i, max(last, g.i)
    return None


def _same_clause(tok: Token, verb: Token | None, anchor: Token) -> bool:
    """Whether a time word hangs on the figure's verb (or, verbless, on the figure's
    noun or a participle of it: "troops massed last week"), not on another clause."""
    own = governing_verb(tok)
    if verb is not None:
        return own is not None and own.i == verb.i
    return own is None or (own.head.i == anchor.i and own.dep_ in ("acl", "relcl"))


def time_in(
    parsed: ParsedDocument, head: Token, verb: Token | None, anchor: Token,
    timexes: Sequence[Timex], near: int,
) -> Timex | None:  # fmt: skip
    """The DATE/TIME expression of the figure's clause (original offsets), nearest it."""
    doc = head.doc
    a, b = parsed.original_span(head.left_edge.idx, head.right_edge.idx + len(head.right_edge))
    starts = [t.start for t in timexes]
    cands = [
        t
        for t in timexes[bisect.bisect_left(starts, a) : bisect.bisect_left(starts, b)]
        if t.end <= b and t.type in WHEN_TYPES
    ]
    if not cands:
        return None
    ok: list[Timex] = []
    for k in range(head.left_edge.i, head.right_edge.i + 1):
        tok = doc[k]
        start = parsed.original_span(tok.idx, tok.idx + len(tok))[0]
        for t in cands:
            if t.start <= start < t.end and t not in ok and _same_clause(tok, verb, anchor):
                ok.append(t)
    return min(ok, key=lambda t: abs(t.start - near), default=None)


def link(
    toks: list[Any], found: Found, timexes: Sequence[Timex], parsed: ParsedDocument
) -> dict[str, Any]:
    """``actor`` / ``place`` / ``time`` of one figure as token ranges and a Timex."""
    anchor = toks[found.anchor if found.anchor is not None else found.first]
    inside = range(found.first, (found.counts[1] if found.counts else found.last + 1))
    verb = governing_verb(anchor)
    who = owner(anchor, inside.stop)
    if who is None and verb is not None:
        who = agent(verb, inside)
    actor = None
    if who is not None:
        actor = (*actor_range(who[0]), who[1])
    place = place_under(anchor, inside)
    if place is None and verb is not None:
        place = place_under(verb, inside)
    for c in anchor.children if place is None else ():  # "troops massed in Crimea"
        if c.dep_ in ("acl", "relcl") and c.pos_ in VERBS:
            place = place_under(c, inside)
            if place is not None:
                break
    head = verb if verb is not None else anchor
    near = parsed.original_span(found.start, found.end)[0]
    when = time_in(parsed, head, verb, anchor, timexes, near)
    return {"actor": actor, "place": place, "time": when}
