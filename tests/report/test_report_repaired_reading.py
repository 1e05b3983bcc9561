"""Quotes from a machine-spun document are shown in their repaired reading,
with the wording as printed one look away; the text itself is never changed."""

from __future__ import annotations

from storyline.report import render_html, render_markdown
from storyline.report.statements import who_said_what
from storyline.report.text import repaired_reading

TEXT = "Mayor Ilse Varga told the harbour brass that helium would not backmost the plan."


def _span(word: str, original: str) -> dict:
    s = TEXT.index(word)
    return {"start": s, "end": s + len(word), "kind": "spun", "original": original}


def _dossier() -> dict:
    content = "helium would not backmost the plan"
    s = TEXT.index(content)
    cue = TEXT.index("told")
    return {
        "schema": "storyline/1",
        "documents": [
            {
                "id": "d1",
                "text": TEXT,
                "title": "Harbour",
                "spans": [
                    _span("helium", "he"),
                    _span("backmost", "back"),
                    _span("brass", "staff"),
                ],
            }
        ],
        "entities": [],
        "quotes": [
            {
                "id": "d1:q1",
                "doc": "d1",
                "start": s,
                "end": s + len(content),
                "text": content,
                "kind": "indirect",
                "speaker": {"text": "Mayor Ilse Varga", "start": 0, "end": 16, "kind": "name"},
                "cue": {"text": "told", "start": cue, "end": cue + 4},
                "confidence": 0.9,
            }
        ],
    }


def test_repaired_reading_replaces_only_spun_words_inside_the_span() -> None:
    spans = _dossier()["documents"][0]["spans"]
    s = TEXT.index("helium")
    assert repaired_reading(TEXT, spans, s, len(TEXT) - 1) == "he would not back the plan"
    # a span with no spun word inside has no repaired reading
    assert repaired_reading(TEXT, spans, 0, 16) is None


def test_who_said_what_shows_the_repaired_reading_and_keeps_the_printed_one() -> None:
    dossier = _dossier()
    (sec,) = who_said_what(dossier)
    (st,) = sec.statements
    assert st.text == "he would not back the plan"
    assert st.spun_original == "helium would not backmost the plan"
    md = render_markdown(dossier)
    assert "“he would not back the plan” — repaired reading" in md
    assert "as printed (spun): “helium would not backmost the plan”" in md
    html = render_html(dossier)
    assert "he would not back the plan" in html and "<details" in html
    assert dossier["documents"][0]["text"] == TEXT  # the input text is never rewritten


def test_a_claim_statement_from_a_spun_document_shows_its_repaired_reading() -> None:
    from storyline.report.render.claims import claims_view

    dossier = _dossier()
    content = "helium would not backmost the plan"
    s = TEXT.index(content)
    statement = {"doc": "d1", "start": s, "end": s + len(content), "text": content}
    dossier["claims"] = [
        {
            "id": "cl1",
            "kind": "event",
            "says": "not back the plan",
            "subject": {"name": "Ilse Varga", "entity": None},
            "polarity": "negated",
            "statements": [{**statement, "polarity": "negated"}],
            "sources": 0,
            "sources_negating": 1,
            "confidence": 0.8,
        }
    ]
    (line,) = claims_view(dossier).subjects[0].claims
    (shown,) = line.statements
    assert shown["text"] == "he would not back the plan"
    assert shown["printed"] == content
    assert "as printed: “helium would not backmost the plan”" in render_markdown(dossier)
    assert "as printed</summary>" in render_html(dossier)
