"""A name in doubt (a possible mistranslation) is marked wherever a quoted passage
shows it, not only on its entity (invented text)."""

from __future__ import annotations

from storyline.report import render_html, render_markdown
from storyline.report.statements import who_said_what
from storyline.report.text import doubts_within, name_doubts

TEXT = "Minister Ilse Varga said the Carmelite propaganda was loud. The Kremlin denied it."


def _at(part: str) -> dict:
    start = TEXT.index(part)
    return {"start": start, "end": start + len(part), "text": part}


def _dossier() -> dict:
    flagged = {
        "id": "e2",
        "name": "Carmelite",
        "type": "ORG",
        "mentions": [{"doc": "d1", **_at("Carmelite")}],
        "flags": [
            {
                "kind": "possible_mistranslation",
                "of": "Kremlin",
                "doc": "d1",
                **_at("Carmelite"),
                "note": "only in machine-translated text",
            }
        ],
    }
    quote = {
        "id": "d1:q1",
        "doc": "d1",
        **_at("the Carmelite propaganda was loud"),
        "kind": "indirect",
        "speaker": {**_at("Ilse Varga"), "kind": "name"},
        "cue": {**_at("said"), "lemma": "say"},
        "confidence": 0.9,
    }
    other = {**quote, "id": "d1:q2", **_at("The Kremlin denied it")}
    return {
        "documents": [{"id": "d1", "text": TEXT, "spans": []}],
        "entities": [flagged],
        "quotes": [quote, other],
        "quote_groups": [],
        "display": {"quote_min_confidence": 0.75},
    }


def test_name_doubts_are_found_inside_a_passage_only():
    doubts = name_doubts(_dossier()["entities"])
    words = "“Carmelite” is possibly a mistranslation of “Kremlin”"
    inside = _at("the Carmelite propaganda")
    assert doubts_within(doubts, "d1", inside["start"], inside["end"]) == [words]
    outside = _at("The Kremlin denied it")
    assert doubts_within(doubts, "d1", outside["start"], outside["end"]) == []
    assert doubts_within(doubts, "d2", 0, len(TEXT)) == []
    assert doubts_within(doubts, "d1", None, 5) == []


def test_a_statement_quoting_the_name_carries_its_doubt_and_others_do_not():
    statements = {st.text: st for sec in who_said_what(_dossier()) for st in sec.statements}
    assert statements["the Carmelite propaganda was loud"].doubts == [
        "“Carmelite” is possibly a mistranslation of “Kremlin”"
    ]
    assert statements["The Kremlin denied it"].doubts == []


def test_both_renderings_show_the_doubt_beside_the_statement():
    words = "name in doubt: “Carmelite” is possibly a mistranslation of “Kremlin”"
    assert words in render_markdown(_dossier())
    assert words in render_html(_dossier())
