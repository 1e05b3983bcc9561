"""Temporal expressions: one invented sentence per rule family, with a fixed
document date (Sunday 13 March 2022), and offsets that always point at the text."""

from __future__ import annotations

import pytest

from storyline.despin import repaired_view
from storyline.extract.timexes import extract_timexes
from storyline.model import Evidence, Metadata, ParsedDocument, RawDocument, Span
from storyline.nlp import load_nlp
from storyline.settings import Settings

DCT = "2022-03-13"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(Settings().model)


def timexes(nlp, text: str, dct: str | None = DCT, published: str | None = None):
    raw = RawDocument.create("t.txt", text, text.encode(), "txt", dct=dct)
    meta = Metadata(published=Evidence(published, "json") if published else None)
    parsed = ParsedDocument(raw=raw, spans=[], metadata=meta, doc=nlp(text))
    out = extract_timexes(parsed)
    for t in out:
        assert text[t.start : t.end] == t.text
    return {t.text: t for t in out}


def test_absolute_dates_in_common_formats(nlp):
    found = timexes(
        nlp,
        "The treaty was signed on March 11, 2022 and ratified on 19 April 2021. "
        "Talks were held on 3/19/2021, on 2020-05-07, in June 2019 and in 1998.",
    )
    assert found["March 11, 2022"].value == "2022-03-11"
    assert found["19 April 2021"].value == "2021-04-19"
    assert found["3/19/2021"].value == "2021-03-19"
    assert found["2020-05-07"].value == "2020-05-07"
    assert found["June 2019"].value == "2019-06"
    assert found["1998"].value == "1998"
    assert all(t.anchor is None for t in found.values())


def test_weekdays_follow_the_tense(nlp):
    past = timexes(nlp, "The mayor visited the bridge on Friday.")
    future = timexes(nlp, "The mayor will visit the bridge on Friday.")
    assert past["Friday"].value == "2022-03-11"
    assert past["Friday"].anchor == DCT
    assert future["Friday"].value == "2022-03-18"


def test_day_words_and_relative_units(nlp):
    found = timexes(
        nlp,
        "Yesterday the council met; today it votes. Prices rose last week, fell last "
        "month and may rise next year. Earlier this month the port reopened.",
    )
    assert found["Yesterday"].value == "2022-03-12"
    assert found["today"].value == "2022-03-13"
    assert found["last week"].value == "2022-W09"
    assert found["last month"].value == "2022-02"
    assert found["next year"].value == "2023"
    assert found["Earlier this month"].value == "2022-03"


def test_months_weekends_and_since(nlp):
    found = timexes(
        nlp,
        "The fighting started last September. Shops have been closed since Feb 24, "
        "and the rail line was cut over the weekend.",
    )
    assert found["last September"].value == "2021-09"
    assert found["Feb 24"].value == "2022-02-24"
    assert "since Feb 24" not in found
    assert found["the weekend"].value == "2022-W10-WE"


def test_durations(nlp):
    found = timexes(nlp, "The siege lasted three years. Power was cut for 24 hours.")
    assert (found["three years"].type, found["three years"].value) == ("DURATION", "P3Y")
    assert found["24 hours"].value == "PT24H"


def test_clock_times_with_zones(nlp):
    found = timexes(
        nlp, "The sirens started at 21:00 (1900 GMT). The curfew begins at 2:30 p.m. local time."
    )
    assert found["21:00"].type == "TIME"
    assert found["21:00"].value == "2022-03-13T21:00"
    assert found["1900 GMT"].value == "2022-03-13T19:00Z"
    assert found["2:30 p.m. local time"].value == "2022-03-13T14:30"


def test_sets(nlp):
    found = timexes(nlp, "Inspectors come every week and the ferry sails daily.")
    assert (found["every week"].type, found["every week"].value) == ("SET", "P1W")
    assert found["daily"].value == "P1D"


def test_without_a_document_date_relative_values_stay_unresolved(nlp):
    found = timexes(nlp, "The mayor visited on Friday, on March 11, 2022, for two hours.", dct=None)
    assert found["Friday"].value is None and not found["Friday"].resolved
    assert found["Friday"].type == "DATE"
    assert found["March 11, 2022"].value == "2022-03-11"
    assert found["two hours"].value == "PT2H"


def test_the_publication_date_is_the_anchor_when_there_is_no_dct(nlp):
    found = timexes(nlp, "The mayor visited yesterday.", dct=None, published="2022-03-13T08:00:00")
    assert found["yesterday"].value == "2022-03-12"
    assert found["yesterday"].anchor == "2022-03-13"


@pytest.mark.parametrize(
    "method",
    ["embedded-post (publication at or after)", "updated-line (publication at or before)"],
)
def test_a_publication_date_that_only_bounds_the_truth_is_no_anchor(nlp, method):
    text = "The mayor visited yesterday, on March 11, 2022."
    raw = RawDocument.create("t.txt", text, text.encode(), "txt")
    meta = Metadata(published=Evidence("2022-03-19", method, inferred=True, confidence=0.5))
    parsed = ParsedDocument(raw=raw, spans=[], metadata=meta, doc=nlp(text))
    found = {t.text: t for t in extract_timexes(parsed)}
    assert found["yesterday"].value is None and found["yesterday"].anchor is None
    assert found["March 11, 2022"].value == "2022-03-11"


def test_offsets_on_a_spun_document_point_at_the_original_text(nlp):
    text = "Helium said connected Friday that the talks would last three days."
    repairs = [
        Span(0, 6, "spun", attrs={"original": "He"}),
        Span(12, 21, "spun", attrs={"original": "on"}),
    ]
    repaired, omap = repaired_view(text, repairs)
    raw = RawDocument.create("s.txt", text, text.encode(), "txt", dct=DCT)
    parsed = ParsedDocument(
        raw=raw, spans=repairs, metadata=Metadata(), doc=nlp(repaired), offset_map=omap
    )
    found = extract_timexes(parsed)
    assert {t.text for t in found} >= {"Friday", "three days"}
    for t in found:
        assert text[t.start : t.end] == t.text
