"""The cross-document timeline over small hand-written analyses."""

from __future__ import annotations

import re

from storyline.fuse.timeline import build_timeline, date_of, day_of
from storyline.fuse.timeline_text import modality_of, usable, words_of
from storyline.model import DocumentAnalysis, EventGroup, Evidence, Metadata, Sentence, Timex

DATES = {"March 11": "2022-03-11", "March 20": "2022-03-20", "2021": "2021"}


def _analysis(doc_id: str, published: str | None, text: str) -> DocumentAnalysis:
    """Sentences split at line breaks; timexes for the phrases in ``DATES``."""
    sentences, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            sentences.append(Sentence(pos, pos + len(line)))
        pos += len(line) + 1
    timexes = [
        Timex(m.start(), m.end(), m.group(0), "DATE", DATES[m.group(0)], resolved=True)
        for m in re.finditer("|".join(DATES), text)
    ]
    md = Metadata(published=Evidence(published, "json") if published else None)
    return DocumentAnalysis(
        doc_id, "1", text, doc_id, "json", md, sentences=sentences, timexes=timexes
    )


def _corpus() -> list[DocumentAnalysis]:
    return [
        _analysis(
            "a",
            "2022-03-11",
            "The river dam at Orvik burst on March 11 and flooded the lower town.\n"
            "Rescue teams from three districts worked through the night in the rain.",
        ),
        _analysis(
            "b",
            "2022-03-12",
            "The dam at Orvik gave way on March 11 after days of heavy rain upstream.\n"
            "Officials will hold an inquiry into the collapse on March 20 in the capital.\n"
            "Was the dam inspected?",
        ),
        _analysis(
            "c",
            "2022-03-14",
            "Engineers said the dam burst on March 11 because its spillway was blocked.\n"
            "Short line here.",
        ),
    ]


def _by_date(entries: list[dict]) -> dict[str, dict]:
    return {e["date"]: e for e in entries}


def test_date_named_by_three_documents_ranks_first_with_its_sources():
    entries = build_timeline(_corpus())
    assert entries[0]["date"] == "2022-03-11"
    top = entries[0]
    assert set(top["sources"]) == {"a", "b", "c"} and top["lineages"] == 3
    assert top["mentions"]["after"] == 2 and top["mentions"]["same_day"] == 1
    assert top["modality"] == "asserted" and top["precision"] == "day"
    scores = [e["score"] for e in entries]
    assert scores == sorted(scores, reverse=True)
    assert len({e["id"] for e in entries}) == len(entries)


def test_every_sentence_is_a_span_of_its_document():
    docs = {a.doc_id: a.text for a in _corpus()}
    for e in build_timeline(_corpus()):
        for s in e["sentences"]:
            assert docs[s["doc"]][s["start"] : s["end"]] == s["text"]


def test_forecast_stays_apart_from_facts():
    entries = _by_date(build_timeline(_corpus()))
    inquiry = entries["2022-03-20"]
    assert inquiry["modality"] == "predicted"
    assert inquiry["mentions"] == {"after": 0, "same_day": 0, "before": 1}
    assert entries["2022-03-11"]["score"] > inquiry["score"]


def test_questions_and_short_lines_are_not_timeline_sentences():
    texts = [s["text"] for e in build_timeline(_corpus()) for s in e["sentences"]]
    assert "Was the dam inspected?" not in texts and "Short line here." not in texts


def test_copies_are_one_sentence_with_all_their_sources():
    line = "The river dam at Orvik burst on March 11 and flooded the lower town."
    docs = [
        _analysis("a", "2022-03-12", line),
        _analysis("b", "2022-03-13", line),
        _analysis("c", "2022-03-13", "Water reached the old market square of Orvik on March 11."),
    ]
    entry = _by_date(build_timeline(docs))["2022-03-11"]
    first = entry["sentences"][0]
    assert first["text"] == line and first["sources"] == ["a", "b"]
    assert [c["doc"] for c in first["copies"]] == ["b"]
    assert len(entry["sentences"]) == 2


def test_lineage_counts_copies_once():
    from storyline.model import Lineage

    entries = build_timeline(_corpus(), [Lineage("L1", "a", ["a", "b"])])
    assert _by_date(entries)["2022-03-11"]["lineages"] == 2


def test_undated_lead_sentences_take_the_publication_date():
    doc = _analysis(
        "a", "2022-03-15", "Crews began pumping water out of the flooded streets of Orvik."
    )
    (entry,) = build_timeline([doc])
    assert entry["date"] == "2022-03-15" and entry["sentences"][0]["named_date"] is False


def test_year_entries_are_coarse_and_rank_below_days():
    doc = _analysis("a", "2022-03-12", "The dam was last repaired in 2021 by a private firm.")
    doc2 = _analysis("b", "2022-03-12", "The dam at Orvik burst on March 11 after heavy rain.")
    entries = build_timeline([doc, doc2])
    year = _by_date(entries)["2021"]
    assert year["precision"] == "year"
    assert year["score"] < _by_date(entries)["2022-03-11"]["score"]


def test_event_groups_of_the_date_are_attached_with_their_modality():
    group = EventGroup(
        "g1", "INVESTIGATE", "officials — inquiry", ["b:e1"], ["b"], date="2022-03-20"
    )
    entry = _by_date(build_timeline(_corpus(), event_groups=[group]))["2022-03-20"]
    assert entry["events"] == ["g1"] and entry["modality"] == "asserted"


def test_a_broken_analysis_costs_only_itself():
    bad = _analysis("z", "2022-03-11", "x")
    bad.sentences = None  # type: ignore[assignment]
    entries = build_timeline([*_corpus(), bad])
    assert entries[0]["date"] == "2022-03-11"
    assert any("timeline" in e for e in bad.errors)


def test_modality_cues():
    assert modality_of(words_of("Officials will hold an inquiry next week.")) == "predicted"
    assert modality_of(words_of("The government plans to rebuild the dam.")) == "predicted"
    assert modality_of(words_of("The dam may have been weakened by frost.")) == "hedged"
    assert modality_of(words_of("The dam burst after heavy rain.")) == "asserted"
    assert modality_of(words_of("The meeting was set for Monday.")) == "asserted"


def test_usable_sentences():
    assert usable("Crews began pumping water out of the flooded streets.", [])
    assert not usable("Floods in Orvik: live updates", [])  # a headline, no full stop
    assert not usable("Sign up for our newsletter to get the news daily.", ["newsletter"])


def test_date_values():
    assert day_of("2022-03-11T21:00") == "2022-03-11"
    assert day_of("2022-W10") is None and day_of("2022-13-01") is None
    assert date_of("2022-03") == "2022-03" and date_of("2022") == "2022"
    assert date_of("2022-SU") is None and date_of("PRESENT_REF") is None


def test_the_month_may_is_not_a_hedge():
    doc = _analysis(
        "a", "2022-05-03", "The ferry ran aground off Kessel on May 2 with ninety aboard."
    )
    doc.timexes = [Timex(36, 41, "May 2", "DATE", "2022-05-02", resolved=True)]
    assert doc.text[36:41] == "May 2"
    (entry,) = build_timeline([doc])
    assert entry["modality"] == "asserted"


def test_a_clean_source_wording_comes_before_a_spun_copy():
    spun = _analysis(
        "s", "2022-03-12", "The dam astatine Orvik burst on March 11 and flooded the town."
    )
    spun.integrity["spun"] = {"flagged": True, "score": 0.9}
    clean = _analysis(
        "c", "2022-03-12", "Water from the dam at Orvik flooded the town on March 11."
    )
    entry = _by_date(build_timeline([spun, clean]))["2022-03-11"]
    assert entry["sentences"][0]["doc"] == "c" and set(entry["sources"]) == {"c", "s"}


def test_a_second_wording_of_the_same_report_is_not_repeated():
    a = _analysis(
        "a", "2022-03-12", "Police said the bridge at Orvik was closed on March 11 by floods."
    )
    b = _analysis(
        "b", "2022-03-13", "Police said the old bridge at Orvik was shut on March 11 by floods."
    )
    c = _analysis(
        "c", "2022-03-13", "Schools across the valley stayed closed on March 11 as water rose."
    )
    entry = _by_date(build_timeline([a, b, c]))["2022-03-11"]
    assert len(entry["sentences"]) == 2 and {s["doc"] for s in entry["sentences"]} >= {"c"}


def test_timeline_places_come_geocoded_and_event_places_first() -> None:
    from storyline.fuse.timeline import sentence_place
    from storyline.report.render.timeline import place_text

    mentioned = {"doc": "a", "start": 0, "end": 5, "text": "Minsk", "role": "mentioned",
                 "name": "Minsk", "country": "BY", "feature": "city"}  # fmt: skip
    event = {"doc": "a", "start": 20, "end": 25, "text": "Homel", "role": "event",
             "name": "Gomel", "country": "BY", "feature": "city"}  # fmt: skip
    places = [(0, 5, mentioned), (20, 25, event)]
    assert sentence_place(places, [0, 20], 0, 40) is event
    assert sentence_place(places, [0, 20], 0, 10) is None  # only mentioned
    bare = {"doc": "a", "start": 0, "end": 5, "text": "Minsk"}
    assert sentence_place([(0, 5, bare)], [0], 0, 10) is bare
    assert sentence_place(places, [0, 20], 30, 40) is None
    assert place_text(event) == "Gomel, BY"
    assert place_text({"text": "Belarus", "name": "Belarus", "country": "BY",
                       "feature": "country"}) == "Belarus"  # fmt: skip
    assert place_text({"text": "the Kremlin"}) == "the Kremlin"
    assert place_text(None) is None


def test_a_bound_publication_date_dates_no_lead_sentence() -> None:
    from storyline.fuse.timeline import published_day
    from storyline.model import DocumentAnalysis, Evidence, Metadata

    a = DocumentAnalysis(doc_id="d", pipeline_version="t", text="x", source="s", format="txt",
                         metadata=Metadata(published=Evidence("2022-03-19", "json")))  # fmt: skip
    assert published_day(a) == "2022-03-19"
    a.metadata.published = Evidence("2022-03-19", "embedded-post (publication at or after)")
    assert published_day(a) is None


def test_an_event_of_the_day_decides_the_sentence_modality() -> None:
    from storyline.fuse.timeline import event_modalities
    from storyline.model import DocumentAnalysis, Event, Metadata

    text = "The levee held on Friday despite warnings that it could fail."
    ev = Event(id="e1", type="COERCE", start=0, end=len(text), text=text,
               trigger={"start": 10, "end": 14, "text": "held", "lemma": "hold"},
               time={"start": 18, "end": 24, "text": "Friday", "value": "2025-04-04"})  # fmt: skip
    hedged = Event(**{**ev.to_dict(), "id": "e2", "modality": "hedged"})
    a = DocumentAnalysis("d", "t", text, "s", "txt", Metadata(), events=[hedged, ev])
    assert event_modalities(a) == {(0, len(text), "2025-04-04"): "asserted"}
    a = DocumentAnalysis("d", "t", text, "s", "txt", Metadata(), events=[hedged])
    assert event_modalities(a) == {(0, len(text), "2025-04-04"): "hedged"}
