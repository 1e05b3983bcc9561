"""The shared lexicon and the title sets built from it (issue 10: one lexicon)."""

from __future__ import annotations

import pytest

from storyline import lexicon as L
from storyline.extract.quotes.speaker_rules import TITLE_WORDS as QUOTE_TITLES
from storyline.extract.roles.rules import TITLE_HEADS
from storyline.fuse.entity_data import TITLE_WORDS as FUSE_TITLES
from storyline.fuse.entity_names import normalise, person_key
from storyline.nlp.ner_rules import TITLES as NER_TITLES

BASE_SETS: dict[str, frozenset[str]] = {
    name: value
    for name, value in vars(L).items()
    if name.isupper() and isinstance(value, frozenset) and name != "EXPERT_ROLES"
}
ABBREVIATIONS = L.HONORIFIC_ABBREVIATIONS | L.RANK_ABBREVIATIONS | L.OFFICE_ABBREVIATIONS
EVERY_WORD = frozenset().union(*BASE_SETS.values(), L.EXPERT_ROLES)

# Words a use adds on its own, each explained beside that use.
LOCAL_WORDS = {
    "ner": {"counterpart"},
    "quotes": {"lieutenant-general", "user", "blogger"},
    "fuse": {"comrade"},
}


def test_base_sets_are_lower_case_words_without_dots() -> None:
    for name, words in BASE_SETS.items():
        for w in words:
            assert w == w.lower().strip() and " " not in w and not w.endswith("."), (name, w)


def test_each_word_is_grouped_once() -> None:
    seen: dict[str, str] = {}
    for name, words in BASE_SETS.items():
        for w in words:
            assert w not in seen, f"{w!r} in {seen.get(w)} and {name}"
            seen[w] = name
    assert L.ADVISER_TITLES <= L.EXPERT_ROLES


def test_written_forms_with_and_without_the_dot() -> None:
    assert L.dotted({"gen"}) == {"gen."}
    assert L.written_forms({"mr", "dr"}) == {"mr", "mr.", "dr", "dr."}


@pytest.mark.parametrize("word", sorted(L.HONORIFIC_ABBREVIATIONS))
def test_an_honorific_abbreviation_is_a_title_everywhere(word: str) -> None:
    # Token sets hold both spellings ("Mr", "Mr."); fusion keys are folded.
    assert {word, word + "."} <= QUOTE_TITLES
    assert word in FUSE_TITLES
    if word != "prof":  # the NER cue never had "prof" (see nlp/ner_rules.py)
        assert {word, word + "."} <= NER_TITLES
    for written in (word, word + "."):
        assert normalise(f"{written.title()} Anna Kowalska") == "anna kowalska"
    assert person_key(f"{word} anna kowalska") == "anna kowalska"


def test_full_honorifics_are_titles_for_fusion_and_ner() -> None:
    assert L.HONORIFICS <= FUSE_TITLES
    assert {"sir", "lord", "lady"} <= NER_TITLES
    assert "sir" in QUOTE_TITLES


def test_honorifics_are_no_role_heads() -> None:
    assert not (L.HONORIFIC_ABBREVIATIONS | L.HONORIFICS | L.ROYAL_TITLES) & set(TITLE_HEADS)


def test_role_heads_are_lexicon_role_nouns() -> None:
    assert set(TITLE_HEADS) <= EVERY_WORD
    assert {w for w, kind in TITLE_HEADS.items() if kind == "expert"} == L.EXPERT_ROLES
    assert {w for w, kind in TITLE_HEADS.items() if kind == "press"} == L.PRESS_ROLES


@pytest.mark.parametrize(
    ("use", "words"), [("ner", NER_TITLES), ("quotes", QUOTE_TITLES), ("fuse", FUSE_TITLES)]
)
def test_every_title_word_comes_from_the_lexicon(use: str, words: frozenset[str]) -> None:
    known = EVERY_WORD | L.dotted(ABBREVIATIONS) | LOCAL_WORDS[use]
    assert words <= known, sorted(words - known)


def test_the_core_office_titles_are_titles_everywhere() -> None:
    core = {"president", "minister", "secretary", "senator", "governor", "mayor", "ambassador"}
    for words in (NER_TITLES, QUOTE_TITLES, FUSE_TITLES, set(TITLE_HEADS)):
        assert core <= words
    assert L.SPOKESPERSON_TITLES - {"spokesperson"} <= NER_TITLES


def test_calendar_names_are_in_calendar_order() -> None:
    import calendar
    import datetime

    assert tuple(datetime.date(2024, m, 1).strftime("%B") for m in range(1, 13)) == L.MONTH_NAMES
    assert tuple(calendar.day_name) == L.WEEKDAY_NAMES
