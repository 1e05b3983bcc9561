"""Roles and titles (sentences invented for these tests)."""

from __future__ import annotations

from functools import cache

import pytest

from storyline import nlp as nlp_stage
from storyline.extract.roles import extract_roles
from storyline.extract.roles.extract import title_kind
from storyline.extract.roles.rules import TITLE_HEADS
from storyline.model import Metadata, ParsedDocument, RawDocument
from storyline.settings import Settings


@cache
def _nlp():
    s = Settings()
    return nlp_stage.load_nlp(s.model, s.ner)


def roles(text: str) -> list[tuple[str, str, str | None]]:
    raw = RawDocument.create("t.txt", text, text.encode(), "txt")
    parsed = ParsedDocument(raw=raw, spans=[], metadata=Metadata(), doc=_nlp()(text))
    out = []
    for r in extract_roles(parsed):
        for part in (r.person, r.title, r.org):
            if part:
                assert text[part["start"] : part["end"]] == part["text"]
        out.append((r.person["text"], r.title["text"], r.org["text"] if r.org else None))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Deputy Interior Minister Pavel Dorn said on Monday that the border was closed.",
            ("Pavel Dorn", "Deputy Interior Minister", None),
        ),
        (
            "Officials said the town's mayor Lena Harrow had stayed in the town hall.",
            ("Lena Harrow", "mayor", "the town"),
        ),
        (
            "Oslo-based analyst Marek Tomczak said the talks would fail.",
            ("Marek Tomczak", "Oslo-based analyst", None),
        ),
        (
            "Irena Vasko, founder of the Open Doors relief fund, said many families came.",
            ("Irena Vasko", "founder", "the Open Doors relief fund"),
        ),
        (
            "Reporters said French President Andrei Ruso met the delegation.",
            ("Andrei Ruso", "French President", None),
        ),
        (
            "He met the Latvian chief of the general staff of the armed forces Janis Ozols "
            "on Friday.",
            ("Janis Ozols", "Latvian chief", "the general staff of the armed forces"),
        ),
    ],
)
def test_role_patterns(text, expected):
    assert expected in roles(text)


def test_appositive_to_a_person_and_the_nested_title():
    found = roles(
        "Tomas Herda, an adviser to exiled opposition leader Maria Kolesova, said so on Monday."
    )
    assert ("Tomas Herda", "adviser", "exiled opposition leader Maria Kolesova") in found
    assert ("Maria Kolesova", "exiled opposition leader", None) in found


def test_coordinated_appositive_titles_are_two_roles():
    found = roles(
        "Oleh Marchuk, a retired lieutenant-general and former deputy chief of "
        "Poland's General Staff, told reporters."
    )
    assert ("Oleh Marchuk", "retired lieutenant-general", None) in found
    assert ("Oleh Marchuk", "former deputy chief", "Poland's General Staff") in found


def test_title_comma_name_with_one_word_of_phrase_kept_in_the_title():
    found = roles("It was reported that the military chief of staff, Arno Pikk, had resigned.")
    assert ("Arno Pikk", "military chief of staff", None) in found


def test_no_role_without_a_title_word_and_no_date_in_the_title():
    assert roles("Over the weekend Tomas Herda met Maria Kolesova in Vilnius.") == []
    found = roles("On Tuesday President Andrei Ruso spoke.")
    assert found and all("Tuesday" not in t for _, t, _ in found)


@pytest.mark.parametrize("head", sorted(TITLE_HEADS))
def test_every_title_row_is_a_title_after_a_name(head):
    assert title_kind(head) == TITLE_HEADS[head]
    found = roles(f"Karl Brenner, the {head} of the Northfield Council, spoke on Monday.")
    assert ("Karl Brenner", head, "the Northfield Council") in found, found


def test_hyphenated_titles_use_their_last_part():
    assert title_kind("lieutenant-general") == "military"
    assert title_kind("Vice-President") == "government"
    assert title_kind("weather") is None
