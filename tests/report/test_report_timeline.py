"""The timeline in the dossier: schema, offset checks, Markdown and HTML views."""

from __future__ import annotations

import copy
import re

import pytest
from test_report_render import EVIL, parse

from storyline.fuse.timeline import build_timeline
from storyline.model import DocumentAnalysis, Evidence, Fused, Metadata, Sentence, Timex
from storyline.report import build_dossier, render_html, render_markdown
from storyline.report.render.html.anchors import timeline_anchor
from storyline.report.render.timeline import date_text, shown_count, timeline_view
from storyline.report.schema import dossier_problems, validate_dossier

DATES = {"May 2": "2023-05-02", "May 9": "2023-05-09"}


def _analysis(doc_id: str, published: str, text: str) -> DocumentAnalysis:
    sentences, pos = [], 0
    for line in text.split("\n"):
        sentences.append(Sentence(pos, pos + len(line)))
        pos += len(line) + 1
    timexes = [
        Timex(m.start(), m.end(), m.group(0), "DATE", DATES[m.group(0)], resolved=True)
        for m in re.finditer("|".join(DATES), text)
    ]
    md = Metadata(published=Evidence(published, "json"))
    return DocumentAnalysis(doc_id, "1", text, doc_id, "json", md, sentences=sentences,
                            timexes=timexes)  # fmt: skip


@pytest.fixture
def dossier() -> dict:
    analyses = [
        _analysis("a", "2023-05-03",
                  "The ferry Albatross ran aground off Kessel on May 2 with ninety people aboard."),
        _analysis("b", "2023-05-04",
                  f"Divers reached the hull of the ferry on May 2 in calm water {EVIL}.\n"
                  "The owners will tow the ferry to the port of Brann on May 9."),
    ]  # fmt: skip
    fused = Fused(sections={"timeline": build_timeline(analyses)})
    return build_dossier(analyses, fused)


def test_timeline_is_valid_storyline_1(dossier):
    validate_dossier(dossier)
    assert dossier["stats"]["timeline"] == len(dossier["timeline"]) >= 2


def test_a_sentence_that_misquotes_its_document_is_caught(dossier):
    bad = copy.deepcopy(dossier)
    bad["timeline"][0]["sentences"][0]["text"] += " (edited)"
    paths = [p for p, _ in dossier_problems(bad)]
    assert ["timeline", 0, "sentences", 0, "text"] in paths
    bad = copy.deepcopy(dossier)
    bad["timeline"][0]["sentences"][0]["doc"] = "nowhere"
    assert dossier_problems(bad)


def test_a_bad_entry_is_dropped_not_the_dossier(dossier):
    from storyline.report.prune import prune_invalid_items

    bad = copy.deepcopy(dossier)
    bad["timeline"][0]["sentences"][0]["end"] = 10**6
    dropped = prune_invalid_items(bad)
    assert dropped and len(bad["timeline"]) == len(dossier["timeline"]) - 1


def test_top_l_cut_by_score(dossier):
    best = sorted(dossier["timeline"], key=lambda e: -e["score"])[:1]
    assert best[0]["date"] == "2023-05-02"
    assert [s["doc"] for s in best[0]["sentences"]][:2] in (["a", "b"], ["b", "a"])


def test_markdown_puts_forecasts_apart(dossier):
    md = render_markdown(dossier)
    section = md[md.index("## Timeline") :]
    facts, expected = section.split("### Expected / possible")
    assert "2 May 2023" in facts and "ran aground" in facts
    assert "9 May 2023" in expected and "tow the ferry" in expected
    assert EVIL not in md


def test_html_links_quotes_to_their_spans_and_escapes(dossier):
    page = render_html(dossier)
    section = page[
        page.index('<section id="timeline">') : page.index(
            "</section>", page.index('<section id="timeline">')
        )
        + 10
    ]  # noqa: E501
    parse(section)
    assert EVIL not in page and "&lt;script&gt;" in section
    entry = next(e for e in dossier["timeline"] if e["date"] == "2023-05-02")
    s = entry["sentences"][0]
    anchor = timeline_anchor(s["doc"], s["start"], s["end"])
    assert f'href="#{anchor}"' in section and f'id="{anchor}"' in page
    assert "Expected / possible" in section and "forecast" in section


def test_view_helpers():
    assert date_text("2023-05-02", "day") == "2 May 2023"
    assert date_text("2023-05", "month") == "May 2023" and date_text("2023", "year") == "2023"
    assert shown_count(5) == 13 and shown_count(10**6) == 40
    view = timeline_view({"timeline": [{"date": "2023-01-01", "score": 1}], "documents": []})
    assert view.total == 1 and view.asserted[0].date_text == "1 January 2023"


def test_a_date_with_a_fact_and_a_forecast_is_shown_in_both_lists():
    from storyline.report.render.timeline import split_entry

    entry = {
        "date": "2023-05-02",
        "modality": "asserted",
        "sentences": [
            {"doc": "a", "start": 0, "end": 5, "text": "fact.", "modality": "asserted"},
            {"doc": "a", "start": 6, "end": 9, "text": "may", "modality": "hedged"},
        ],
    }
    fact, expected = split_entry(entry, {})
    assert fact is not None and [s["text"] for s in fact.sentences] == ["fact."]
    assert expected is not None and expected.modality == "hedged"
    assert [s["text"] for s in expected.sentences] == ["may"]
    entry["sentences"] = entry["sentences"][:1]
    assert split_entry(entry, {})[1] is None


def test_a_sentence_naming_several_dates_is_shown_once_at_its_event_date():
    s = {"doc": "a", "start": 0, "end": 40, "text": "x" * 40, "named_date": True}
    lead = {"doc": "b", "start": 0, "end": 10, "text": "y" * 10, "named_date": False}
    entries = [
        {"date": "2025-04-11", "score": 2, "sentences": [s]},
        {"date": "2025-04-12", "score": 3, "sentences": [s, lead]},
        {"date": "2025-04-13", "score": 1, "sentences": [s]},
    ]
    event = {"doc": "a", "start": 0, "end": 40, "time": {"value": "2025-04-11"}}
    view = timeline_view({"timeline": entries, "documents": [], "events": [event]})
    shown = {i.date: [x["doc"] for x in i.sentences] for i in view.asserted}
    assert shown == {"2025-04-11": ["a"], "2025-04-12": ["b"]}
    # Without an event date: the earliest date the sentence names.
    view = timeline_view({"timeline": entries, "documents": []})
    shown = {i.date: [x["doc"] for x in i.sentences] for i in view.asserted}
    assert shown == {"2025-04-11": ["a"], "2025-04-12": ["b"]}
    entries[0]["sentences"] = [dict(s, named_date=False)]
    view = timeline_view({"timeline": entries, "documents": []})
    shown = {i.date: [x["doc"] for x in i.sentences] for i in view.asserted}
    assert shown == {"2025-04-12": ["a", "b"]}
