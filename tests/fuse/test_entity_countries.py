"""Country aliases across documents: one entity for "U.S." / "United States" /
"USA", "U.K." / "Britain", long official names, and "America" only where the
document is about the country (``entity_names.document_places``).

Texts are the team's own, built from the mentions listed in each test.
"""

from __future__ import annotations

from mention_docs import doc_with_mentions

from storyline.fuse.entities import resolve_entities
from storyline.fuse.entity_names import place_canonical
from storyline.model import DocumentAnalysis


def _doc(doc_id: str, text: str, mentions: list[tuple[str, str]]) -> DocumentAnalysis:
    return doc_with_mentions(doc_id, mentions, text)


def _entity_of(ents, text: str):
    return next(e for e in ents if any(m.text == text for m in e.mentions))


def test_short_and_long_country_names_meet():
    assert place_canonical("u k") == "united kingdom"  # "U.K." as normalise folds it
    assert place_canonical("russian federation") == "russia"
    assert place_canonical("republic of korea") == "south korea"
    a = _doc("a", "The U.K. and the U.S.A. met.", [("U.K.", "GPE"), ("U.S.A.", "GPE")])
    b = _doc(
        "b",
        "Britain and the United States talked; Republic of Korea waited.",
        [("Britain", "GPE"), ("United States", "GPE"), ("Republic of Korea", "GPE")],
    )
    c = _doc("c", "South Korea agreed.", [("South Korea", "GPE")])
    ents = resolve_entities([a, b, c])
    assert _entity_of(ents, "U.K.") is _entity_of(ents, "Britain")
    assert _entity_of(ents, "U.S.A.") is _entity_of(ents, "United States")
    assert _entity_of(ents, "Republic of Korea") is _entity_of(ents, "South Korea")


def test_america_is_the_united_states_in_a_document_that_names_it_otherwise():
    a = _doc(
        "a",
        "America will respond, U.S. officials said.",
        [("America", "GPE"), ("U.S.", "GPE")],
    )
    b = _doc("b", "The United States agreed.", [("United States", "GPE")])
    ents = resolve_entities([a, b])
    us = _entity_of(ents, "United States")
    assert _entity_of(ents, "America") is us and len(us.mentions) == 3


def test_america_possessive_before_a_word_of_the_state_is_the_country():
    a = _doc("a", "America's allies were worried.", [("America", "GPE")])
    b = _doc("b", "The United States agreed.", [("United States", "GPE")])
    ents = resolve_entities([a, b])
    assert _entity_of(ents, "America") is _entity_of(ents, "United States")


def test_america_alone_may_be_the_continent_and_stays_apart():
    a = _doc(
        "a",
        "Migrants crossed America from the south; Panama and Mexico saw them.",
        [("America", "LOC"), ("Panama", "GPE"), ("Mexico", "GPE")],
    )
    b = _doc("b", "The United States agreed.", [("United States", "GPE")])
    ents = resolve_entities([a, b])
    assert _entity_of(ents, "America") is not _entity_of(ents, "United States")


def test_the_states_needs_its_article_and_a_document_about_the_country():
    a = _doc(
        "a",
        "He moved to the States after U.S. officials agreed. Gulf States met.",
        [("States", "GPE"), ("U.S.", "GPE"), ("Gulf States", "GPE")],
    )
    ents = resolve_entities([a])
    assert _entity_of(ents, "States") is _entity_of(ents, "U.S.")
    assert _entity_of(ents, "Gulf States") is not _entity_of(ents, "U.S.")
