"""Every view of a machine-spun document's words reads them repaired: interrupted
quotes, speakers, events, the timeline and forecasts, with the printed words one
look away; the repair index answers like a scan over every span."""

from __future__ import annotations

import random
import re

from storyline.report import render_html, render_markdown
from storyline.report.render.events import events_view
from storyline.report.render.forecasts import forecast_view
from storyline.report.render.timeline import timeline_view
from storyline.report.statements import who_said_what
from storyline.report.text import repaired_reading

TEXT = (
    "“The dam whitethorn clasp,” its apical technologist said, “but lone for a week.” "
    "Helium said the harbour would unfastened connected Monday."
)
PRINTED_EVENT = "Helium said the harbour would unfastened connected Monday."


def _span(word: str, original: str, nth: int = 0) -> dict:
    s = -1
    for _ in range(nth + 1):
        s = TEXT.index(word, s + 1)
    return {"start": s, "end": s + len(word), "kind": "spun", "original": original}


SPANS = [
    _span("whitethorn", "may"),
    _span("clasp", "hold"),
    _span("apical", "top"),
    _span("technologist", "engineer"),
    _span("lone", "only"),
    _span("Helium", "He"),
    _span("unfastened", "open"),
    _span("connected", "on"),
]


def _at(part: str) -> dict:
    s = TEXT.index(part)
    return {"doc": "d1", "start": s, "end": s + len(part), "text": part}


def _dossier() -> dict:
    first, second = _at("“The dam whitethorn clasp,”"), _at("“but lone for a week.”")
    event = {"id": "d1:ev1", **_at(PRINTED_EVENT), "type": "CONSULT", "confidence": 0.9}
    return {
        "schema": "storyline/1",
        "documents": [{"id": "d1", "text": TEXT, "title": "Dam", "spans": list(SPANS)}],
        "entities": [],
        "quotes": [
            {
                "id": "d1:q1",
                **_at(TEXT[: second["end"]]),
                "fragments": [first, second],
                "kind": "direct",
                "speaker": {**_at("its apical technologist"), "kind": "description"},
                "cue": _at("said"),
                "confidence": 0.9,
            }
        ],
        "events": [event],
        "event_groups": [
            {
                "id": "evg1",
                "events": ["d1:ev1"],
                "docs": ["d1"],
                "label": "harbour",
                "type": "CONSULT",
                "confidence": 0.9,
                "modality": "asserted",
            }
        ],  # fmt: skip
        "timeline": [
            {
                "id": "t1",
                "date": "2026-03-02",
                "precision": "day",
                "score": 1.0,
                "sources": ["d1"],
                "sentences": [{**_at(PRINTED_EVENT), "modality": "asserted"}],
            }
        ],  # fmt: skip
        "forecasts": [
            {
                "id": "f1",
                "statement": _at("the harbour would unfastened connected Monday"),
                "who": None,
                "who_name": None,
                "status": "open",
                "reason": "no later report",
                "confidence": 0.4,
                "made": "2026-03-01",
            }
        ],  # fmt: skip
    }


def test_an_interrupted_quote_is_repaired_piece_by_piece() -> None:
    (sec,) = who_said_what(_dossier())
    (st,) = sec.statements
    assert st.text == "The dam may hold, … but only for a week."
    assert st.spun_original == "The dam whitethorn clasp, … but lone for a week."


def test_a_speaker_named_in_spun_words_is_shown_repaired() -> None:
    (sec,) = who_said_what(_dossier())
    assert sec.name == "its top engineer"


def test_events_timeline_and_forecasts_show_the_repaired_reading() -> None:
    dossier = _dossier()
    (item,) = events_view(dossier).facts
    (sentence,) = item.sentences
    assert sentence["text"] == "He said the harbour would open on Monday."
    assert sentence["printed"] == PRINTED_EVENT
    (day,) = timeline_view(dossier).asserted
    assert day.sentences[0]["text"] == "He said the harbour would open on Monday."
    assert day.sentences[0]["printed"] == PRINTED_EVENT
    (fc,) = forecast_view(dossier)
    assert fc["statement"]["text"] == "the harbour would open on Monday"
    assert fc["statement"]["printed"] == "the harbour would unfastened connected Monday"
    md = render_markdown(dossier)
    assert "as printed: “Helium said the harbour would unfastened connected Monday.”" in md
    assert "as printed: “the harbour would unfastened connected Monday”" in md
    html = render_html(dossier)
    assert html.count("repaired reading of a machine-spun text: as printed") >= 3
    assert dossier["documents"][0]["text"] == TEXT  # never rewritten


def test_a_forecast_source_given_by_surname_shows_the_resolved_full_name() -> None:
    text = "Rubio said the talks may resume by Friday."
    dossier = {
        "documents": [{"id": "d1", "text": text}],
        "entities": [
            {
                "id": "e1",
                "name": "Marco Rubio",
                "type": "PERSON",
                "mentions": [{"doc": "d1", "start": 0, "end": 5, "text": "Rubio"}],
            },
            {"id": "e2", "name": "Harbour Board", "type": "ORG", "mentions": []},
        ],  # fmt: skip
        "forecasts": [
            {
                "id": "f1",
                "statement": {"doc": "d1", "start": 11, "end": 41, "text": text[11:41]},
                "who": {"doc": "d1", "start": 0, "end": 5, "text": "Rubio"},
                "status": "open",
            },
            {
                "id": "f2",
                "statement": {"doc": "d1", "start": 11, "end": 41, "text": text[11:41]},
                "who": {"doc": "d1", "start": 15, "end": 20, "text": "talks"},
                "status": "open",
            },
        ],  # fmt: skip
    }
    first, second = forecast_view(dossier)
    assert first["who"] == "Marco Rubio"
    assert second["who"] == "talks"  # no entity mention there: the words as written


def _scan(text: str, spans: list[dict], start: int, end: int) -> str | None:
    """The plain reading: every span looked at, the first of overlapping ones wins."""
    inside = sorted(
        (s["start"], s["end"], s["original"])
        for s in spans
        if start <= s["start"] < s["end"] <= end
    )
    parts, pos = [], start
    for s0, s1, original in inside:
        if s0 >= pos:
            parts += [text[pos:s0], original]
            pos = s1
    out = "".join(parts + [text[pos:end]])
    return out if inside and out != text[start:end] else None


def test_the_repair_index_answers_like_a_scan_of_every_span() -> None:
    rng = random.Random(7)
    text = "".join(rng.choice("ab c") for _ in range(400))
    spans = []
    for _ in range(60):
        s = rng.randrange(0, 395)
        spans.append({"start": s, "end": s + rng.randint(1, 5), "kind": "spun", "original": "X"})
    spans.append({"start": 3, "end": 9, "kind": "entity"})  # another kind: ignored
    for _ in range(300):
        a = rng.randrange(0, 400)
        b = rng.randrange(a, 401)
        assert repaired_reading(text, spans, a, b) == _scan(text, spans[:-1], a, b)


def test_an_event_reported_by_a_surname_names_the_resolved_person() -> None:
    text = "Quill said the bridge would reopen on Monday."
    dossier = {
        "documents": [{"id": "d1", "text": text}],
        "entities": [
            {
                "id": "e1",
                "name": "Mara Quill",
                "type": "PERSON",
                "mentions": [{"doc": "d1", "start": 0, "end": 5, "text": "Quill"}],
            },
        ],  # fmt: skip
        "events": [
            {
                "id": "d1:ev1",
                "doc": "d1",
                "start": 0,
                "end": len(text),
                "text": text,
                "confidence": 0.9,
                "reported_by": {"start": 0, "end": 5, "text": "Quill"},
            }
        ],  # fmt: skip
        "event_groups": [
            {
                "id": "g1",
                "events": ["d1:ev1"],
                "docs": ["d1"],
                "label": "bridge",
                "type": "CONSULT",
                "confidence": 0.9,
                "modality": "asserted",
            }
        ],  # fmt: skip
    }
    (item,) = events_view(dossier).facts
    assert item.sentences[0]["by"] == "Mara Quill"


def test_disagreements_and_generic_rows_show_the_repaired_reading() -> None:
    from storyline.report.render.conflicts import conflicts_view
    from storyline.report.render.generic import generic_sections

    dossier = _dossier()
    side = {**_at(PRINTED_EVENT), "says": "reopens Monday", "date": "2026-03-01"}
    dossier["conflicts"] = [
        {"id": "c1", "kind": "status", "about": "harbour", "confidence": 0.8,
         "explanation": "one source says it reopens", "sides": [side, dict(side)]}
    ]  # fmt: skip
    (item,) = conflicts_view(dossier).items
    assert item.sides[0]["text"] == "He said the harbour would open on Monday."
    assert item.sides[0]["printed"] == PRINTED_EVENT
    assert "as printed: “Helium said" in render_markdown(dossier)
    dossier["widgets"] = [{**_at("unfastened connected Monday"), "value": 1}]
    (section,) = [s for s in generic_sections(dossier) if s.key == "widgets"]
    assert section.rows[0].text == (
        "open on Monday (repaired; as printed: unfastened connected Monday)"
    )


def test_an_entity_profile_lists_its_quotes_repaired_without_doubled_marks() -> None:
    d = _dossier()
    s = TEXT.index("Helium said")
    d["quotes"].append(
        {
            "id": "d1:q2",
            **_at("the harbour would unfastened connected Monday"),
            "kind": "indirect",
            "speaker": {"doc": "d1", "start": s, "end": s + 6, "text": "Helium"},
            "confidence": 0.9,
        }
    )
    mention = {"doc": "d1", "start": TEXT.index("technologist"), "end": TEXT.index(" said")}
    d["entities"] = [
        {
            "id": "e1",
            "name": "the engineer",
            "type": "PERSON",
            "mentions": [mention],
            "quotes": ["d1:q1", "d1:q2"],
        }
    ]
    html = render_html(d)
    profile = html[html.index('<ul class="entity-quotes">') :]
    profile = profile[: profile.index("</ul>")]
    assert "the harbour would open on Monday" in profile
    visible = re.sub(r' title="[^"]*"', "", profile)
    assert "unfastened" not in visible and "whitethorn" not in visible  # shown repaired
    assert "as printed: the harbour would unfastened connected Monday" in profile
    assert "““" not in profile and "””" not in profile  # the list adds its own marks


def test_only_an_enclosed_quote_loses_its_marks_for_a_list() -> None:
    from storyline.report.text import enclosed_unquoted

    assert enclosed_unquoted(" “We are realists,” ") == "We are realists,"
    assert enclosed_unquoted('to warn of the "Ukrainian danger"') == (
        'to warn of the "Ukrainian danger"'
    )
