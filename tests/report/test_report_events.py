"""The Events section: event groups in Markdown and HTML (invented texts)."""

from __future__ import annotations

from test_report_render import EVIL, parse

from storyline.fuse import fuse
from storyline.model import DocumentAnalysis, Event, Evidence, Metadata
from storyline.report import build_dossier, render_html, render_markdown
from storyline.report.render.events import events_view, rank_score
from storyline.report.render.html.anchors import timeline_anchor
from storyline.report.schema import validate_dossier


def _span(text: str, part: str) -> dict:
    start = text.index(part)
    return {"start": start, "end": start + len(part), "text": part}


def _analysis(doc_id: str, text: str, events: list[Event]) -> DocumentAnalysis:
    md = Metadata(published=Evidence("2023-05-03", "json"))
    return DocumentAnalysis(doc_id, "1", text, doc_id, "json", md, events=events)


def _event(eid: str, text: str, trigger: str, modality: str = "asserted",
           conf: float = 0.8, etype: str = "ASSAULT") -> Event:  # fmt: skip
    return Event(
        id=eid, type=etype, start=0, end=len(text), text=text,
        trigger=_span(text, trigger) | {"lemma": trigger.lower()},
        modality=modality, confidence=conf,
    )  # fmt: skip


def _dossier() -> dict:
    a_text = f"Rebels shelled the port of Brann on Tuesday {EVIL}."
    b_text = "The army denied that it bombed the harbour."
    c_text = "Officials said the ministry may close the border."
    analyses = [
        _analysis("a", a_text, [_event("e1", a_text, "shelled", conf=0.8)]),
        _analysis("b", b_text, [_event("e1", b_text, "bombed", "negated", 0.6)]),
        _analysis("c", c_text, [_event("e1", c_text, "close", "hedged", 0.3, "COERCE")]),
    ]
    return build_dossier(analyses, fuse(analyses))


def test_events_view_orders_by_certainty_and_keeps_non_facts_apart() -> None:
    dossier = _dossier()
    validate_dossier(dossier)
    view = events_view(dossier)
    assert view.total == len(dossier["event_groups"]) == 3
    assert [i.modality for i in view.facts] == ["asserted"]
    assert sorted(i.modality_text for i in view.other) == ["denied", "possible"]
    (fact,) = view.facts
    (sentence,) = fact.sentences
    text = next(d["text"] for d in dossier["documents"] if d["id"] == sentence["doc"])
    assert text[sentence["start"] : sentence["end"]] == sentence["text"]
    low = next(i for i in view.other if i.modality == "hedged")
    assert low.low_confidence and not fact.low_confidence
    assert events_view(dossier, limit=1).shown == 1


def test_more_sources_boost_but_do_not_beat_certainty() -> None:
    assert rank_score({"confidence": 0.4, "lineages": 2}) < rank_score({"confidence": 0.8})
    assert rank_score({"confidence": 0.5, "lineages": 3}) > rank_score({"confidence": 0.5})


def test_markdown_and_html_show_events_escaped_and_linked() -> None:
    dossier = _dossier()
    md = render_markdown(dossier)
    assert "## Events" in md and "### Denied, forecast or possible" in md
    assert "*denied*" in md and "*possible*" in md and "*uncertain*" in md
    html = render_html(dossier)
    assert EVIL not in html  # article text is escaped
    parse(html)  # well-formed
    assert 'id="events"' in html
    fact = dossier["events"][0]
    anchor = timeline_anchor(fact["doc"], fact["start"], fact["end"])
    assert f'href="#{anchor}"' in html and f'id="{anchor}"' in html


def test_event_dates_in_words() -> None:
    from storyline.report.render.events import value_date_text

    assert value_date_text("2025-04-02") == "2 April 2025"
    assert value_date_text("2025-04-02T24:00") == "2 April 2025"
    assert value_date_text("2025-05") == "May 2025"
    assert value_date_text("2025-W14") == "week 14 of 2025"
    assert value_date_text("2025-W15-WE") == "the weekend of week 15 of 2025"
    assert value_date_text("PRESENT_REF") is None and value_date_text(None) is None
