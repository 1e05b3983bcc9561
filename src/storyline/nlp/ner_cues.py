"""Context cues of the NER corrections: the words right around a name that
say what kind of thing it is (a score after a team, a title before a person,
"the town of" before a place, ", an adviser to" after a person).

Shared by the correction steps of ``storyline.nlp.ner_corrections``; their
word lists are data in ``storyline.nlp.ner_rules``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from storyline.nlp.ner_places import lookup_place
from storyline.nlp.ner_rules import (
    APPOSITIVE,
    ORG_HEADS,
    ORG_WORDS,
    PLACE_NOUNS,
    PLACE_PREV,
    SAY,
    SCORE,
    SPORTS_NEXT,
    TITLES,
)

__all__ = [
    "appositive_cue",
    "name_like",
    "next_token",
    "org_cue",
    "person_cue",
    "place_cue",
    "prev_token",
]


def next_token(doc: Doc, i: int) -> Token | None:
    """The first token at or after ``i`` on the same line, or None."""
    while i < len(doc):
        tok = doc[i]
        if tok.is_space:
            return None if "\n" in tok.text else next_token(doc, i + 1)
        return tok
    return None


def prev_token(doc: Doc, i: int) -> Token | None:
    """The first token before ``i`` on the same line, or None."""
    i -= 1
    while i >= 0:
        tok = doc[i]
        if tok.is_space:
            if "\n" in tok.text:
                return None
            i -= 1
            continue
        return tok
    return None


def org_cue(doc: Doc, span: Span) -> bool:
    """A sports-table or match context: a score after the name, "v" around it."""
    nxt = next_token(doc, span.end)
    prev = prev_token(doc, span.start)
    if nxt is not None and (SCORE.match(nxt.text) or nxt.lower_ in SPORTS_NEXT):
        return True
    return prev is not None and prev.lower_ in {"v", "vs", "vs."}


def person_cue(doc: Doc, span: Span) -> bool:
    prev = prev_token(doc, span.start)
    nxt = next_token(doc, span.end)
    if prev is not None and prev.lower_ in TITLES:
        # not when the name only modifies the noun after it ("chief Brexit negotiator")
        return not (nxt is not None and nxt.is_lower and nxt.pos_ == "NOUN")
    return nxt is not None and nxt.lower_ in SAY and len(span) == 1


def appositive_cue(doc: Doc, span: Span) -> bool:
    """ "Franak Viačorka, an adviser to ...": a person described after a comma."""
    nxt = next_token(doc, span.end)
    if nxt is None or nxt.text != ",":
        return False
    i = nxt.i + 1
    words = []
    while i < len(doc) and len(words) < 4 and not doc[i].is_space:
        words.append(doc[i].lower_)
        i += 1
    if words and words[0] in {"a", "an", "the"}:
        words = words[1:]
    return any(w in APPOSITIVE for w in words[:3])


def name_like(span: Span) -> bool:
    """Two or three capitalised words, none an organisation word, not a known place."""
    return (
        2 <= len(span) <= 3
        and all(t.is_alpha and t.is_title and t.pos_ == "PROPN" for t in span)
        and not any(t.lower_ in ORG_WORDS for t in span)
        and span[-1].lower_ not in ORG_HEADS  # "Red Crescent Society told VOA"
        and lookup_place(span.text) is None
    )


def place_cue(doc: Doc, span: Span) -> bool:
    prev = prev_token(doc, span.start)
    if prev is not None:
        if prev.lower_ in PLACE_PREV or prev.lower_ in PLACE_NOUNS:
            return True
        if prev.lower_ == "of":
            before = prev_token(doc, prev.i)
            if before is not None and before.lower_ in PLACE_NOUNS | {"residents", "mayor"}:
                return True
    nxt = next_token(doc, span.end)
    return nxt is not None and nxt.lower_ in PLACE_NOUNS
