"""A place is never taken for a person's surname (invented text)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from storyline.extract.quotes.speakers import earlier_person
from storyline.nlp import load_nlp
from storyline.settings import Settings

WORDS = ["Dalmar", "spoke", ".", "Dalmar", "is", "located", "near", "Brask", "."]


@pytest.fixture(scope="module")
def vocab():
    return load_nlp(Settings().model).vocab


def _doc(vocab, second_label: str | None) -> Doc:
    doc = Doc(vocab, words=WORDS)
    ents = [Span(doc, 0, 1, label="PERSON"), Span(doc, 7, 8, label="GPE")]
    if second_label:
        ents.append(Span(doc, 3, 4, label=second_label))
    doc.ents = sorted(ents, key=lambda e: e.start)
    return doc


def test_a_word_tagged_a_place_here_is_not_an_earlier_persons_surname(vocab):
    doc = _doc(vocab, "GPE")
    assert earlier_person(doc, doc[3]) is False


def test_an_untagged_repeat_of_a_persons_name_still_is(vocab):
    doc = _doc(vocab, None)
    assert earlier_person(doc, doc[3]) is True
