"""Word-evidence step of the post-NER corrections: what a one-word PERSON's
own spelling and the document's other uses of the word say about its kind.

The small model types any capitalised unknown word a person ("MINUSCA",
"DeepSeek", a sentence-opening "Mpox"). Each signal here is one a person's
name does not show in English running text:

- written all in capitals, at least ``ACRONYM_MIN_LETTERS`` letters, in a
  mixed-case sentence: an acronym ("MINUSCA", "OSCE"), so an ORG;
- a capital inside the word after lower-case letters that are no name prefix
  ("DeepSeek", "PayPal"; not "McCarthy", "DeSantis"): a brand, so an ORG;
- capitalised only where it opens a sentence (or in a title-case headline)
  and written in lower case elsewhere in the document ("Mpox is ..." beside
  "new mpox cases"), or modifying a disease noun ("the X outbreak"): a
  common noun or a disease, so no name at all;
- coordinated with an organisation or product and with no person ("Kling AI
  and Minimax"): of the same kind;
- the possessor of a one-word person's name ("Alibaba's Qwen"): a company (or
  a place, when the gazetteer knows it).

As in ``storyline.nlp.ner_names``, a name the document shows to be a person's
(a title before a mention, a verb of saying after it, a word of a longer
PERSON name) is left alone. Tables in ``storyline.nlp.ner_rules``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from storyline.nlp import doc_text
from storyline.nlp.ner_kinds import opens_sentence
from storyline.nlp.ner_names import person_cued
from storyline.nlp.ner_places import lookup_place
from storyline.nlp.ner_rules import (
    ACRONYM_MIN_LETTERS,
    CAMEL_NAME_PREFIXES,
    CAPS_LINE_SHARE,
    CONJUNCT_KINDS,
    DISEASE_HEADS,
)
from storyline.nlp.ner_shapes import headline_lines

#: Labels relabelled: a person's only (CoNLL's NORP/MISC camel-case words are
#: events: "SuperCup", "TriNations").
BRAND_FROM = frozenset({"PERSON"})
#: An age before a name shows a living being: "nine-year-old X".
AGE_BEFORE = re.compile(r"(?:year|month)s?[-\s]old\s*$", re.IGNORECASE)
DROP = ""  # the kind of a word that is no name
POSSESSIVES = frozenset({"'s", "\u2019s"})


def _caps_line(tok: Token) -> bool:
    """Whether the token's sentence is written in capitals (headline, table)."""
    words = [t for t in tok.sent if t.is_alpha and len(t) > 1]
    if not words:
        return True
    return sum(t.is_upper for t in words) >= CAPS_LINE_SHARE * len(words)


def _acronym(tok: Token) -> bool:
    text = tok.text
    return len(text) >= ACRONYM_MIN_LETTERS and text.isalpha() and text.isupper()


def _camel(text: str) -> bool:
    """A capital inside one word after lower-case letters that are no name
    prefix: "DeepSeek", "PayPal"; not "McCarthy", "DeSantis", "MacKenzie"."""
    if not text.isalpha() or not text[:1].isupper():
        return False
    for i in range(2, len(text)):
        if text[i].isupper() and text[i - 1].islower():
            return text[:i].casefold() not in CAMEL_NAME_PREFIXES
    return False


def _coordination(tok: Token) -> list[Token]:
    """The tokens coordinated with ``tok`` ("A, B and C"), itself left out."""
    top = tok
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    group = [top]
    stack = [top]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "conj":
                group.append(child)
                stack.append(child)
    return [t for t in group if t.i != tok.i]


def _conjunct_kind(tok: Token, label_at: dict[int, Span]) -> str | None:
    """ORG or PRODUCT when a conjunct is one and none is a person."""
    kinds = set()
    for other in _coordination(tok):
        ent = label_at.get(other.i)
        if ent is None:
            continue
        if ent.label_ == "PERSON":
            return None  # "Smith and Acme": a person among them
        kinds.add(ent.label_)
    found = kinds & CONJUNCT_KINDS
    return next(iter(found)) if len(found) == 1 else None


def _capitalised_inside(doc: Doc) -> set[str]:
    """Words capitalised inside a sentence, title-case headline lines aside
    (there "More Wind Power" capitalises every word)."""
    lines = headline_lines(doc)
    return {
        t.lower_
        for t in doc
        if not t.is_lower
        and not opens_sentence(doc, t.i)
        and not any(a <= t.idx < b for a, b in lines)
    }


def _lower_twin(doc: Doc, ent: Span, lower: set[str], inside: set[str]) -> bool:
    """Capitalised only as its sentence's first word, in lower case elsewhere."""
    word = ent[0].lower_
    return word in lower and word not in inside and opens_sentence(doc, ent.start)


def _kind(doc: Doc, ent: Span, label_at: dict[int, Span], lower, inside) -> str | None:
    tok = ent[0]
    if _acronym(tok) and not _caps_line(tok):
        return "ORG"
    if _camel(tok.text):
        return "ORG"
    if _lower_twin(doc, ent, lower, inside) or _disease(tok):
        return DROP
    if _owns_a_name(doc, ent, label_at):
        return "GPE" if lookup_place(ent.text) is not None else "ORG"
    return _conjunct_kind(tok, label_at)


def _disease(tok: Token) -> bool:
    """The name modifies a disease noun ("the Velox outbreak")."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return (
        nxt is not None and nxt.lower_ in DISEASE_HEADS and tok.dep_ in ("compound", "nmod", "amod")
    )


def _owns_a_name(doc: Doc, ent: Span, label_at: dict[int, Span]) -> bool:
    """ "X's Y" with Y a one-word PERSON: a person's name is not what a person
    possesses ("Alibaba's Qwen", "Ferrari's Schumacher"); X is a company or a
    place. (On CoNLL train no gold person possesses a one-word person.)"""
    k = ent.end
    if k + 1 >= len(doc) or doc[k].text not in POSSESSIVES:
        return False
    owned = label_at.get(k + 1)
    return owned is not None and owned.label_ == "PERSON" and len(owned) == 1


def _company_owned(doc: Doc, ent: Span, label_at: dict[int, Span], found: dict[str, str]) -> bool:
    """ "X's Y" with X an organisation (as tagged, or as this step retyped it)
    and Y a one-word name no longer PERSON name of the document holds: a
    company's product ("Alibaba's Qwen"); its people are named in full ("the
    club's Alan Shearer" before "Shearer")."""
    k = ent.start
    if k < 2 or doc[k - 1].text not in POSSESSIVES:
        return False
    owner = label_at.get(k - 2)
    if owner is None:
        return False
    label = found.get(owner[0].lower_, owner.label_) if len(owner) == 1 else owner.label_
    return label == "ORG"


def _aged(doc: Doc, ent: Span) -> bool:
    """An age right before the name ("the nine-year-old X"): a living being."""
    start = ent[0].idx
    return bool(AGE_BEFORE.search(doc_text(doc), max(0, start - 16), start))


def words(doc: Doc, ents: list[Span]) -> list[Span]:
    """Relabel (or drop) one-word PERSON names whose spelling or other uses in
    the document show no person; every mention of the word follows."""
    lone = [e for e in ents if e.label_ in BRAND_FROM and len(e) == 1 and e[0].is_alpha]
    if not lone:
        return ents
    lower = {t.lower_ for t in doc if t.is_lower and t.is_alpha}
    inside = _capitalised_inside(doc) if any(e[0].lower_ in lower for e in lone) else set()
    label_at = {t.i: e for e in ents for t in e}
    people = {
        t.lower_ for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e if t.is_alpha
    }
    found: dict[str, str] = {}
    for ent in lone:
        key = ent[0].lower_
        if key in people:
            continue
        kind = _kind(doc, ent, label_at, lower, inside)
        if kind is not None:
            found.setdefault(key, kind)
    for ent in lone:  # "Alibaba's Qwen": a company's one-word name is its product
        key = ent[0].lower_
        if key not in people and key not in found and _company_owned(doc, ent, label_at, found):
            found[key] = "PRODUCT"
    if not found:
        return ents
    cued = {
        e[0].lower_ for e in lone if e[0].lower_ in found and (person_cued(doc, e) or _aged(doc, e))
    }
    out = []
    for ent in ents:
        key = ent[0].lower_ if len(ent) == 1 else None
        kind = found.get(key) if key is not None and key not in cued else None
        if kind is None or ent.label_ not in BRAND_FROM:
            out.append(ent)
        elif kind != DROP:
            out.append(Span(doc, ent.start, ent.end, label=kind))
    return out
