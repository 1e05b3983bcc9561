"""TimeML/TIMEX3 conventions of the temporal-expression extractor: periods
under discussion, spans, vague references, rates and ages, each on invented
sentences with a fixed document date (Sunday 13 March 2022 unless given)."""

from __future__ import annotations

import pytest

from storyline.extract.timexes import extract_timexes
from storyline.model import Metadata, ParsedDocument, RawDocument
from storyline.nlp import load_nlp
from storyline.settings import Settings

DCT = "2022-03-13"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(Settings().model)


def timexes(nlp, text: str, dct: str | None = DCT):
    raw = RawDocument.create("t.txt", text, text.encode(), "txt", dct=dct)
    parsed = ParsedDocument(raw=raw, spans=[], metadata=Metadata(), doc=nlp(text))
    out = extract_timexes(parsed)
    for t in out:
        assert text[t.start : t.end] == t.text
    return {t.text: t for t in out}


def test_the_quarter_and_a_year_earlier_refer_to_the_period_under_discussion(nlp):
    found = timexes(
        nlp,
        "Brightwater Mills said its third-quarter profit rose 8%. In the quarter, sales "
        "of flour climbed to $40 million from $35 million a year earlier. The year-ago "
        "quarter included a charge.",
        dct="2022-10-20",
    )
    assert found["third-quarter"].value == "2022-Q3"  # a modifier: no article
    assert found["the quarter"].value == "2022-Q3"
    assert found["a year earlier"].value == "2021-Q3"
    assert found["The year-ago quarter"].value == "2021-Q3"


def test_without_a_quarter_in_view(nlp):
    found = timexes(nlp, "Rents were higher a year ago. Ferry traffic fell in the quarter.")
    assert found["a year ago"].value == "2021"
    assert found["the quarter"].value == "2021-Q4"  # the last one completed


def test_following_and_that_year_step_from_the_last_date_named(nlp):
    found = timexes(
        nlp, "The bridge opened in June 2020. The following month it closed, and that year ended."
    )
    assert found["The following month"].value == "2020-07"
    assert found["that year"].value == "2020"
    assert timexes(nlp, "The following month it closed.")["The following month"].value is None


def test_context_periods_need_the_document_date(nlp):
    found = timexes(nlp, "Its third-quarter sales rose from a year earlier.", dct=None)
    assert found["a year earlier"].value is None
    assert found["third-quarter"].value is None


def test_quarter_spans_and_years(nlp):
    found = timexes(
        nlp,
        "Results for the fiscal first quarter beat those of the 2021 second quarter, "
        "and next year's first quarter should be better.",
    )
    assert found["the fiscal first quarter"].value == "2022-Q1"
    assert found["the 2021 second quarter"].value == "2021-Q2"
    assert found["next year's first quarter"].value == "2023-Q1"


def test_spoken_years_centuries_and_decades(nlp):
    found = timexes(
        nlp,
        "The mill was built in nineteen ninety-six, rebuilt in the year two thousand, "
        "and echoes the 20th century, the early 1980s and the nineties. "
        "Two thousand people came.",
    )
    assert found["nineteen ninety-six"].value == "1996"
    assert found["the year two thousand"].value == "2000"
    assert found["the 20th century"].value == "19"
    assert found["the early 1980s"].value == "198"
    assert found["the nineties"].value == "199"
    assert "Two thousand" not in found


def test_vague_references(nlp):
    found = timexes(
        nlp,
        "Floods have grown worse in recent years, and more are expected in coming months "
        "and in the near future. These days the dikes hold. He will call as soon as he can.",
    )
    assert found["recent years"].value == "PAST_REF"
    assert found["coming months"].value == "FUTURE_REF"
    assert found["the near future"].value == "FUTURE_REF"
    assert found["These days"].value == "PRESENT_REF"
    assert "soon" not in found


def test_duration_spans_keep_approximators_and_articles_but_not_signals(nlp):
    found = timexes(
        nlp,
        "The strike lasted nearly two years; the mine must wait at least 30 days. "
        "Over the six months the price doubled. Three days later the port reopened, "
        "and the next three quarters look calm.",
    )
    assert found["nearly two years"].value == "P2Y"
    assert found["at least 30 days"].value == "P30D"
    assert found["the six months"].value == "P6M"
    assert (found["Three days"].type, found["Three days"].value) == ("DURATION", "P3D")
    assert found["the next three quarters"].value == "P9M"


def test_ages_are_no_durations_and_rates_are_sets(nlp):
    found = timexes(
        nlp,
        "The mayor, 52 years old, runs a 136-year-old bakery that earns $2 million a year "
        "and bakes twice a week.",
    )
    assert not any("old" in t for t in found)
    assert (found["a year"].type, found["a year"].value) == ("SET", "P1Y")
    assert found["a week"].value == "P1W"


def test_year_ends_and_fiscal_years(nlp):
    found = timexes(
        nlp,
        "Repairs will finish by the end of the year. The co-op earned $3 million in the "
        "year ended June 30 and expects more for the full year.",
    )
    assert found["the end of the year"].value == "2022"
    assert (found["the year"].type, found["the year"].value) == ("DURATION", "P1Y")
    assert found["the full year"].value == "2022"


def test_month_relative_to_a_year(nlp):
    found = timexes(nlp, "The dam cracked in June last year.")
    assert found["June last year"].value == "2021-06"


def test_dates_without_year(nlp):
    found = timexes(
        nlp,
        "The co-op declared a dividend payable April 1. The tender offer was extended "
        "to March 25. The talks were held on May 2.",
    )
    assert found["April 1"].value == "2022-04-01"  # no tense of its own: near future
    assert found["March 25"].value == "2022-03-25"  # a deadline just ahead
    assert found["May 2"].value == "2021-05-02"  # past tense, not near: the year before


def test_weekdays_after_an_infinitive(nlp):
    past = timexes(nlp, "The council agreed to sell the ferry Friday.")
    future = timexes(nlp, "The council plans to sell the ferry Friday.")
    assert past["Friday"].value == "2022-03-11"
    assert future["Friday"].value == "2022-03-18"


def test_a_weekday_joins_its_date(nlp):
    found = timexes(nlp, "The vote was held on Friday, March 11, in the town hall.")
    assert found["Friday, March 11"].value == "2022-03-11"


def test_a_title_with_today_is_no_date(nlp):
    found = timexes(nlp, "The mayor told Harbor Today that the vote was today.")
    assert [t.text for t in found.values()] == ["today"]


def test_a_sentence_full_stop_is_not_part_of_the_date(nlp):
    found = timexes(nlp, "The ferry sank on 17 September. The next sailed on Sept. 9 at 5 p.m.")
    assert found["17 September"].value == "2021-09-17"
    assert "Sept. 9" in found and "5 p.m." in found


def test_compound_number_words_and_a_colon_after_the_date(nlp):
    found = timexes(
        nlp, "In the last twenty-four hours the river rose. The paper wrote on Friday, March 11: "
    )
    assert found["the last twenty-four hours"].value == "PT24H"
    assert found["Friday, March 11"].value == "2022-03-11"


def test_a_qualified_part_of_the_day(nlp):
    found = timexes(nlp, "By mid-afternoon the crowd had left the square.")
    assert (found["mid-afternoon"].type, found["mid-afternoon"].value) == ("TIME", "2022-03-13TAF")
    undated = timexes(nlp, "By mid-afternoon the crowd had left.", dct=None)
    assert undated["mid-afternoon"].value is None


def test_a_modal_with_a_bare_verb_looks_ahead(nlp):
    # 2025-04-02 is a Wednesday.
    assert timexes(nlp, "The levee could fail by Friday.", "2025-04-02")["Friday"].value == (
        "2025-04-04"
    )
    found = timexes(nlp, "The levee could have failed on Monday.", "2025-04-02")
    assert found["Monday"].value == "2025-03-31"
    assert timexes(nlp, "The levee failed on Friday.", "2025-04-02")["Friday"].value == (
        "2025-03-28"
    )
