"""The source a cue's own syntax gives, where it is not a clause subject.

``syntax.source_token`` finds a cue's subject, climbing through participles,
conjuncts and prepositions to the clause it hangs in; for three shapes the
annotation guideline names another holder (tables in ``source_rules``):
a noun modified by a participle or infinitive cue ("a group backing X"), a
passive cue's "by" agent ("asked by X"), a noun cue's possessor ("his
criticism of") or its "from" phrase ("criticism from rivals"). Climbing
gives the clause's subject there ("Donors gave money to a group backing
X": not the donors), so these win over it.
"""

from __future__ import annotations

from typing import Any

from storyline.extract.quotes import source_rules as T
from storyline.extract.quotes import syntax as S


def own_source(cue: Any, content: set[int]) -> tuple[int, int] | None:
    """Token range [i, j) of the source the cue's own syntax gives, or None
    (then the climbed subject stands). Never a token of the content."""
    if not hasattr(cue, "i"):
        return None
    rng = _agent(cue) or _possessor(cue) or _noun_holder(cue) or _modified(cue)
    if rng is None or rng[1] <= rng[0] or any(k in content for k in range(*rng)):
        return None
    return rng


def _agent(cue: Any) -> tuple[int, int] | None:
    """ "Asked by X", "was first reported by X": the agent's object."""
    for child in cue.children:
        if child.dep_ == T.AGENT_DEP:
            obj = next((c for c in child.children if c.dep_ in T.AGENT_OBJECT_DEPS), None)
            if obj is not None:
                return S.np_range(obj)
    return None


def _possessor(cue: Any) -> tuple[int, int] | None:
    """ "his criticism of Y", "Trump's pledge to ...": the possessor."""
    if cue.pos_ not in T.NOUN_CUE_POS:
        return None
    if cue.dep_ in T.INSTRUMENT_DEPS and any(c.dep_ in T.SUBJECT_DEPS for c in cue.head.children):
        return None  # "X is keeping up his criticism of": X, the light verb's subject
    poss = next((c for c in cue.children if c.dep_ == T.POSSESSOR_DEP), None)
    if poss is None:
        return None
    return poss.left_edge.i, poss.right_edge.i + 1


def _noun_holder(cue: Any) -> tuple[int, int] | None:
    """ "criticism from rivals", "opposition from some homeowners": the
    object of a noun cue's "from" phrase holds the attitude."""
    if cue.pos_ not in T.NOUN_CUE_POS:
        return None
    for child in cue.children:
        if child.dep_ == "prep" and child.lower_ in T.HOLDER_PREPS:
            obj = next((c for c in child.children if c.dep_ in T.AGENT_OBJECT_DEPS), None)
            if obj is not None and obj.pos_ in T.MODIFIED_POS:
                return S.np_range(obj)
    return None


def _modified(cue: Any) -> tuple[int, int] | None:
    """ "a group backing X", "an ad saying ...": the modified noun phrase,
    up to the modifier (its own subtree and what follows left out)."""
    head = cue.head
    if cue.dep_ not in T.MODIFIER_DEPS or head.pos_ not in T.MODIFIED_POS or head.i >= cue.i:
        return None
    if cue.tag_ in T.INFINITIVE_TAGS:
        return _possessor(head)
    if cue.tag_ not in T.MODIFIER_TAGS:
        return None
    if head.dep_ in T.INSTRUMENT_DEPS and any(c.dep_ in T.SUBJECT_DEPS for c in head.head.children):
        return None
    doc = cue.doc
    i, j = head.left_edge.i, cue.left_edge.i
    while j > i and (doc[j - 1].is_punct or doc[j - 1].is_space):
        j -= 1
    while i < j and (doc[i].is_punct or doc[i].is_space):
        i += 1
    return (i, j) if j > head.i else None


def poll_frame(cue: Any, share: tuple[int, int]) -> tuple[Any, tuple[int, int]] | None:
    """For a cue whose source is a poll share ("31% said"): the "in" token and
    the poll's noun phrase when the statement is framed by a poll before the
    share ("In a CNN poll, 31% said ..."), else None. Inside the share's own
    phrase ("20 percent of people in a poll said") or after the statement,
    the guideline keeps the share as source."""
    if not hasattr(cue, "i"):
        return None
    for prep in cue.children:
        if prep.i >= share[0]:
            break
        if prep.dep_ != "prep" or prep.lemma_.lower() not in T.POLL_PREPS:
            continue
        obj = next((c for c in prep.children if c.dep_ in T.AGENT_OBJECT_DEPS), None)
        if obj is not None and obj.lemma_.lower() in T.POLL_NOUNS:
            return prep, S.np_range(obj)
    return None


def past_dateline(doc: Any, source: tuple[int, int], cue: Any) -> tuple[int, int] | None:
    """The source with a dateline cut off its start ("WASHINGTON (AP) —
    Senator X said": X). A source that is nothing but the dateline becomes
    the words between its dash and the cue when they are a bare noun phrase,
    else None: a dateline says where a report was filed, never who spoke."""
    i, j = source
    dash = _dateline_dash(doc[i].sent)
    if dash is None or i > dash:
        return source
    if j - 1 > dash:
        return _trimmed(doc, dash + 1, j)
    if cue is None or not hasattr(cue, "i") or cue.i <= dash + 1:
        return None
    words = doc[dash + 1 : cue.i]
    if len(words) > T.DATELINE_SUBJECT_MAX or any(t.pos_ in T.NOT_IN_SUBJECT for t in words):
        return _leading_subject(doc, dash + 1, cue.i)
    return _trimmed(doc, dash + 1, cue.i)


def _leading_subject(doc: Any, i: int, j: int) -> tuple[int, int] | None:
    """The noun phrase that opens the sentence after a dateline, up to its
    first verb ("Washington (AFP) – [Democrat Jane Doe] has taken a swipe
    ..."), or None when the sentence opens with a verb or the run is long."""
    k = i
    while k < j and doc[k].pos_ not in T.NOT_IN_SUBJECT:
        k += 1
    if k - i > T.DATELINE_SUBJECT_MAX or k == j:
        return None
    rng = _trimmed(doc, i, k)
    if rng is None or doc[rng[1] - 1].pos_ not in T.SUBJECT_END_POS:
        return None
    return rng


def _trimmed(doc: Any, i: int, j: int) -> tuple[int, int] | None:
    """[i, j) without edge punctuation or spaces; None when nothing is left."""
    while i < j and (doc[i].is_punct or doc[i].is_space):
        i += 1
    while j > i and (doc[j - 1].is_punct or doc[j - 1].is_space):
        j -= 1
    if j < len(doc) and doc[j].text == ")" and "(" in doc[i:j].text:
        j += 1
    return (i, j) if j > i else None


def _dateline_dash(sent: Any) -> int | None:
    """Index of the dash that closes a dateline opening the sentence ("RENO,
    Nev. (AP) —"): names, numbers and punctuation before a dash set off by
    spaces (a hyphen inside "R-Ky." or "Sixty-six" is no dateline's)."""
    first = sent[0].text
    caps = first.isupper() and sum(c.isalpha() for c in first) >= 2
    for t in sent[: T.DATELINE_MAX]:
        if t.text in T.DATELINE_DASHES and t.i > sent.start and t.doc[t.i - 1].whitespace_:
            # A place in capitals or a wire credit in brackets: "Jason Sims —
            # a teacher — says" is an aside, not a dateline.
            return t.i if caps or "(" in t.doc[sent.start : t.i].text else None
        if t.pos_ not in T.DATELINE_POS or t.text in ".!?":
            return None
    return None
