"""Vetting the selected attributions: narration is not speech, and a speaker
is someone the cue's syntax names.

The learned filter (``filter.py``) was trained on PolNeAR, whose loose
attributions of actions it learned to accept; on other news its mistakes are
stated with confidence. These checks run after it, on token-level facts only
(one pass over the attributions, no loops over tokens), and each reads its
words from ``vet_rules``:

- a cue whose own object fills its complement slot does not report a clause
  before it ("...: he told the truth");
- a frame that reports no statement of its source (a headline with no
  named speaker, an agentless "is seen as", an intent, a negated or refused
  speech verb, an interviewer's question; ``speech_events``) is kept in the
  record (PolNeAR counts such frames as attributions) but marked
  ``cue.reporting = false``, so "Who said what" leaves it out by default;
- a "told <outlet>" audience swallowed by the content is cut off it;
- a speaker is never a number or proportion phrase, a possessive fragment
  ("Putins"), and with a cue that is no verb of saying or thinking never a
  bare plural of things ("Explanations") nor a place; such attributions
  keep ``speaker: null``;
- a relative pronoun as source ("X, who said") is resolved to X, and an
  "I" in a Q&A answer to the answer's label ("Lind: I think ...");
- coordinated subjects ("A and B said") are marked ``joint``, so the record
  names them as a coordination, never as one person.
"""

from __future__ import annotations

import logging
from typing import Any

from storyline.extract.integrity.outlet_rules import KNOWN_OUTLETS
from storyline.extract.quotes import rules as R
from storyline.extract.quotes import sources as SRC
from storyline.extract.quotes import speaker_rules as SR
from storyline.extract.quotes import speakers as SP
from storyline.extract.quotes import speech_events as SE
from storyline.extract.quotes import syntax as S
from storyline.extract.quotes import vet_rules as V
from storyline.extract.quotes.attribution import Attribution
from storyline.extract.quotes.context import QuoteContext

log = logging.getLogger(__name__)

_OUTLET_NAMES = tuple(
    sorted({n for k, v in KNOWN_OUTLETS.items() for n in (k, *v)}, key=len, reverse=True)
)
_SPEAKER_WORDS = (
    SR.PERSON_DESCRIPTION_HEADS
    | SR.COLLECTIVE_HEADS
    | SR.ORG_HEADS
    | SR.ANONYMOUS_HEADS
    | SR.TITLE_WORDS
    | V.DOCUMENT_HEADS
)
_SAYING = R.SPEECH_VERBS | R.COGNITION_VERBS


def vet(ctx: QuoteContext, atts: list[Attribution]) -> list[Attribution]:
    """The attributions that survive the checks, some with their source
    dropped or their content start moved past a channel. A check that fails
    on one attribution keeps it unchanged (logged)."""
    out = []
    for a in atts:
        try:
            if narration(a):
                continue
            a.unspoken = SE.not_speech(ctx, a) or ""
            trim_audience(ctx, a)
            own_source(ctx, a)
            if a.source is not None:
                a.source = SRC.past_dateline(ctx.doc, a.source, _cue_token(a))
            if a.source is not None:
                relative_source(ctx, a)
                a.antecedent = SE.transcript_speaker(ctx, a) or a.antecedent
                if counted(ctx.doc, a.source):
                    a.counted_source, a.source = a.source, None
                    in_poll(ctx, a)
                elif not speaker_ok(ctx, a):
                    a.counted_source, a.source = annotation_source(ctx, a), None
                else:
                    a.joint = coordinated(ctx, a.source)
        except Exception:  # one attribution's defect must not cost the document
            log.exception("quote vetting failed at %d", a.start)
        out.append(a)
    return out


def in_poll(ctx: QuoteContext, a: Attribution) -> None:
    """A poll share's statement "in a poll" is the poll's (the annotation
    guideline's source, never a speaker): the preposition becomes the cue and
    the content takes in the share ("In a CNN poll, [31% said they ...]")."""
    cue, share = _cue_token(a), a.counted_source
    hit = SRC.poll_frame(cue, share) if cue is not None and share is not None else None
    if hit is None or not a.frags:
        return
    prep, poll = hit
    if ctx.in_quote(prep.idx):
        return
    a.cue, a.counted_source = prep, poll
    first = ctx.doc[share[0]].idx
    if not poll[0] <= share[0] < poll[1] and first < a.frags[0][0] and a.frags[0][0] - first < 400:
        a.frags[0] = (first, a.frags[0][1])
        a.start = first


def own_source(ctx: QuoteContext, a: Attribution) -> None:
    """The source the cue's own syntax gives ("a group backing X", "asked
    by X", "his criticism of") replaces the climbed clause subject."""
    cue = _cue_token(a)
    if cue is None:
        return
    content: set[int] = set()
    for fs, fe in a.frags:
        rng = ctx.chars_to_tokens(fs, fe)
        if rng is not None:
            content.update(range(*rng))
    rng = SRC.own_source(cue, content)
    if rng is not None and not ctx.in_quote(ctx.doc[rng[0]].idx):
        a.source = rng


def reporting(a: Attribution) -> bool:
    """Whether the cue reports words or thoughts: a verb of saying, thinking
    or another speech act, a verb the learned lexicon often finds governing
    a reported clause, a cue noun ("the statement"), or a punctuation /
    "according to" cue. Anything else is an action ("signed the bill"); and
    a frame ``speech_events`` found to state no words of its source
    ("hopes to", "did not say", "is seen as") reports none either."""
    if a.unspoken:
        return False
    cue = _cue_token(a)
    if cue is None:
        return True
    lemma = cue.lemma_.lower()
    if lemma in _SAYING or lemma in V.SPEECH_ACT_VERBS or lemma in R.CUE_NOUNS:
        return True
    lex = S.lexicon_entry(cue)
    return bool(lex and lex["n_clause"] >= R.MIN_LEXICON_N and lex["p_clause"] >= R.CLAUSE_P)


def _cue_token(a: Attribution) -> Any:
    return a.cue if hasattr(a.cue, "i") else None


def narration(a: Attribution) -> bool:
    """True when the content is not the cue's complement: an indirect
    content wholly before a cue that has its own object after it, one that
    is no audience ("Over the weekend X sat down with Y and did a rare
    thing: he told the truth"; but "..., X told reporters" reports it)."""
    cue = _cue_token(a)
    if cue is None or a.kind != "indirect" or a.end > cue.idx:
        return False
    return any(
        c.dep_ in ("dobj", "dative") and c.i > cue.i and not audience_like(c) for c in cue.children
    )


def audience_like(tok: Any) -> bool:
    """Whether the object of "tell" names an audience or outlet (a channel),
    not the message ("told the truth")."""
    if tok.lower_ in V.AUDIENCE_PRONOUNS or tok.ent_type_ in V.AUDIENCE_LABELS:
        return True
    return (
        tok.pos_ == "PROPN"
        or tok.lower_ in V.AUDIENCE_NOUNS
        or tok.lemma_.lower() in V.AUDIENCE_NOUNS
    )


def trim_audience(ctx: QuoteContext, a: Attribution) -> None:
    """Cut a "told <outlet>" audience off the content's start when the parser
    put it there ("told Al Jazeera [Russia may ...]"): a channel is never
    content."""
    cue = _cue_token(a)
    if cue is None or a.kind == "direct" or cue.lemma_.lower() not in R.AUDIENCE_VERBS:
        return
    if a.start < cue.idx or not a.frags:
        return
    doc, text = ctx.doc, ctx.text
    if any(c.dep_ in ("dobj", "dative", "iobj") and c.idx < a.start for c in cue.children):
        return  # the audience is outside the content already
    first = next((t for t in doc[cue.i + 1 :] if not t.is_space), None)
    if first is None or first.idx != a.start:
        return
    cut = None
    for name in _OUTLET_NAMES:
        if text.startswith(name, a.start) and not text[a.start + len(name)].isalnum():
            cut = a.start + len(name)
            break
    if cut is None and first.ent_type_ in V.AUDIENCE_LABELS and first.ent_iob_ == "B":
        ent = next((e for e in doc.ents if e.start == first.i), None)
        if ent is not None:
            cut = ent.end_char
    if cut is None:
        return
    audience_end = cut
    while cut < a.frags[0][1] and text[cut] in V.CHANNEL_TRIM:
        cut += 1
    if text.startswith("that ", cut):
        cut += 5
    if cut >= a.frags[0][1] - 1 or len(text[cut : a.end].split()) < 3:
        return  # nothing of a clause would be left: leave it
    a.channel = (cue.idx, audience_end)
    a.frags[0] = (cut, a.frags[0][1])
    a.start = cut


def relative_source(ctx: QuoteContext, a: Attribution) -> None:
    """A relative pronoun as source ("X, who said ...", "the group, which
    claims ...") stands for the noun phrase the clause describes: that
    phrase, without the clause, becomes the speaker's antecedent (the source
    span stays the pronoun, as attribution guidelines mark it)."""
    i, j = a.source
    doc = ctx.doc
    if j - i != 1 or doc[i].tag_ not in ("WP", "WDT"):
        return
    clause = doc[i].head
    for _ in range(3):  # "who founded X and later said ...": up the conjuncts
        if clause.dep_ != "conj":
            break
        clause = clause.head
    if clause.dep_ != "relcl":
        return
    noun = clause.head
    left, right = S.np_range(noun)
    right = min(right, clause.left_edge.i)
    while right > left and (doc[right - 1].is_punct or doc[right - 1].is_space):
        right -= 1
    if left <= noun.i < right:
        a.antecedent = (left, right)


def counted(doc: Any, source: tuple[int, int]) -> bool:
    """Whether the source range is a number or proportion phrase ("52
    percent", "the majority of voters", "three"): PolNeAR's source, never a
    speaker to show. "the 71-year-old" and "one of the advisers" are people."""
    i, j = source
    head = doc[i:j].root
    lemma = head.lemma_.lower()
    number = head.ent_type_ in V.NUMBER_LABELS or head.like_num or lemma in V.PROPORTION_HEADS
    return number and not (SP.is_aged(doc, i, j) or member(head))


def speaker_ok(ctx: QuoteContext, a: Attribution) -> bool:
    """Whether the source range names a possible speaker (number phrases are
    sorted out before, by ``counted``)."""
    i, j = a.source
    doc = ctx.doc
    span = doc[i:j]
    head = span.root
    if counted(doc, (i, j)):
        return False
    if j - i == 1 and head.is_title and fragment(ctx, head):
        return False
    cue = _cue_token(a)
    saying = cue is None or cue.lemma_.lower() in _SAYING
    if not saying and thing(span, head) and not person_word(ctx, head):
        return False
    # A place speaks only by metonymy, with a verb of saying or thinking.
    return not (head.ent_type_ in V.PLACE_LABELS and not saying)


def annotation_source(ctx: QuoteContext, a: Attribution) -> tuple[int, int] | None:
    """A source the guideline marks but no speaker to show ("Israel regards
    ...", "Investors see ..."): kept as the annotation-style source, never
    a possessive fragment ("Putins")."""
    i, j = a.source
    head = ctx.doc[i:j].root
    if j - i == 1 and head.is_title and fragment(ctx, head):
        return None
    return a.source


def member(head: Any) -> bool:
    """ "one of the advisers": one member of a group, a person."""
    return head.lower_ in V.MEMBER_HEADS and any(
        c.dep_ == "prep" and c.lower_ in V.MEMBER_PREPS for c in head.children
    )


def thing(span: Any, head: Any) -> bool:
    """A bare plural of things, not of people ("Explanations"): a plural
    common noun alone, no person, group, organisation or document word. The
    tagger's common noun wins over a stray entity label ("Explanations" as
    NORP); a proper plural with one ("Americans") is a group. Singular
    heads and longer phrases are left alone: measured on PolNeAR dev, a
    test over all common-noun heads dropped more right sources than wrong
    ones (person nouns are an open class: "delegates", "my father")."""
    plural = head.tag_ in ("NNS", "NNPS") and (
        head.pos_ == "NOUN" or (head.pos_ == "PROPN" and not head.ent_type_)
    )
    if not plural or any(t.i != head.i and not t.is_punct for t in span):
        return False
    return head.lemma_.lower() not in _SPEAKER_WORDS and head.lower_ not in _SPEAKER_WORDS


def person_word(ctx: QuoteContext, tok: Any) -> bool:
    """Whether the word is part of a person's name elsewhere in the document
    (a surname the tagger took for a plural noun: "Sanders")."""
    return tok.lower_ in _person_words(ctx)


def _person_words(ctx: QuoteContext) -> set[str]:
    words = ctx.memo.get("vet.words")
    if words is None:
        words = ctx.memo["vet.words"] = {t.lower_ for t in ctx.doc if t.ent_type_ == "PERSON"}
    return words


def fragment(ctx: QuoteContext, tok: Any) -> bool:
    """A name with an "s" glued on where a possessive lost its apostrophe
    ("Putins ally"): without the "s" it is a person's name in the document
    (a party or nationality plural, "Democrats", is no fragment)."""
    low = tok.lower_
    if len(low) < 4 or not low.endswith("s") or low.endswith("ss"):
        return False
    return tok.ent_type_ not in ("NORP", "ORG") and low[:-1] in _person_words(ctx)


def coordinated(ctx: QuoteContext, source: tuple[int, int]) -> bool:
    """Whether the source is two or more coordinated speakers ("A and B")."""
    head = ctx.doc[source[0] : source[1]].root
    for c in head.children:
        if c.dep_ == "conj" and source[0] <= c.i < source[1]:
            return any(
                t.dep_ == "cc" and t.lower_ in V.COORDINATORS for t in head.children
            ) or c.pos_ in ("PROPN", "NOUN")
    return False
