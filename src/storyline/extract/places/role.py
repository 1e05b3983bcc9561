"""Is a place where something happened in its clause, or merely mentioned?

"Troops massed near Gomel", "a missile was intercepted over Belarus": a
locative preposition attaches the place to a verb that is not one of saying
(``rules.REPORTING_VERBS``) -> ``"event"``. "Belarus said", "the Kyiv
government", "said in Minsk" -> ``"mentioned"``. A place in apposition or
coordination with another ("near Gomel, Belarus") shares that place's role.
"""

from __future__ import annotations

from typing import Any

from storyline.extract.places import rules

#: How many appositions/coordinations are followed up to the place they attach to.
MAX_HOPS = 3
VERB_POS = frozenset({"VERB", "AUX"})


def place_role(root: Any, place_tokens: set[int]) -> tuple[str, str]:
    """(role, pattern) of the place whose head token is ``root`` (a spaCy Token);
    ``place_tokens`` are the indices of every place-name token of the document."""
    tok = root
    shared = False
    for _ in range(MAX_HOPS):
        if tok.dep_ in rules.SHARED_ROLE_DEPS and tok.head.i in place_tokens and tok.head != tok:
            tok = tok.head
            shared = True
        else:
            break
    # "in the Donetsk region": the region word carries the attachment.
    if tok.dep_ == "compound" and tok.head.lower_ in rules.REGION_WORDS:
        tok = tok.head
    if tok.dep_ != "pobj":
        return "mentioned", ""
    prep = tok.head
    if prep.lower_ not in rules.LOCATIVE_PREPOSITIONS:
        return "mentioned", ""
    # "in Donetsk and in Crimea": a coordinated preposition attaches like the first.
    hops = 0
    while prep.dep_ == "conj" and prep.head.pos_ == "ADP" and hops < MAX_HOPS:
        prep, hops = prep.head, hops + 1
    gov = prep.head
    if gov.pos_ not in VERB_POS:
        return "mentioned", "prep-noun"
    if gov.lemma_.lower() in rules.REPORTING_VERBS:
        return "mentioned", "reporting-verb"
    return "event", "linked-prep-verb" if shared else "prep-verb"
