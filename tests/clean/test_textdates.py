"""Publication-date evidence from the text (clean/textdates.py): one test per rule row.

Every text here is invented.
"""

from __future__ import annotations

import pytest

from storyline.clean.boilerplate import mark_boilerplate
from storyline.clean.dates import find_published
from storyline.clean.textdates import TEXT_DATE_RULES, find_in_text, parse_full_date
from storyline.model import Evidence, RawDocument

ROW_CASES = {
    "published-line": (
        "Harbour reopens\nBy Jane Roe | Published 3 March 2022, 14:00 GMT\nBoats left the port.",
        "2022-03-03",
        "By Jane Roe | Published 3 March 2022, 14:00 GMT",
    ),
    "updated-line": (
        "Harbour reopens\nBy Jane Roe - Updated 11:24 AM EST, Fri March 11, 2022\nBoats left.",
        "2022-03-11",
        "By Jane Roe - Updated 11:24 AM EST, Fri March 11, 2022",
    ),
    "embedded-post": (
        "Harbour reopens\nBoats left the port. pic.twitter.com/abc123\n"
        "— Port Desk (@portdesk) April 2, 2021\nThe mayor spoke.\n"
        "— Other Desk (@otherdesk) April 5, 2021\n",
        "2021-04-05",
        "— Other Desk (@otherdesk) April 5, 2021",
    ),
    "embedded-post-shared": (
        "Harbour reopens\nA post shared by Port Desk (@port.desk) on Jun 7, 2020 at 9:10am PDT\n",
        "2020-06-07",
        "A post shared by Port Desk (@port.desk) on Jun 7, 2020 at 9:10am PDT",
    ),
    "past-date": (
        "Harbour reopens\nThe storm closed the port on 14 January 2019.\n"
        "Officials said repairs ended on February 2, 2019.\n",
        "2019-02-02",
        "February 2, 2019",
    ),
}


def test_every_row_has_a_case() -> None:
    assert {r.name for r in TEXT_DATE_RULES} == set(ROW_CASES)


@pytest.mark.parametrize("rule", TEXT_DATE_RULES, ids=lambda r: r.name)
def test_row(rule) -> None:
    text, value, evidence = ROW_CASES[rule.name]
    ev = find_in_text(text, mark_boilerplate(text), (rule,))
    assert ev is not None
    assert ev.value == value
    assert text[ev.start : ev.end] == evidence
    assert ev.inferred and ev.confidence == rule.confidence
    assert ev.method.startswith(rule.name)


@pytest.mark.parametrize(
    "text",
    [
        "Talks\nThe vote will take place on March 3, 2030.\n",  # future
        "Talks\nThe deadline passed, and it was moved to March 3, 2022.\n",  # range end / deadline
        "Talks\nHe was told to leave by 4 May 2021.\n",  # deadline
        "Talks\nAt 4:28 pm on 26 Jun 2019, a reader wrote: nice.\n",  # a comment's time stamp
        "Talks\nThe talks on March 3, 2022 are expected to be short.\n",  # planned
        "Talks\nA ceasefire on 3 March 2022 and its terms.\n",  # no past cue
        "Talks\nThe fund paid the victims of the September 11, 2001 attacks.\nIn 2011 it closed.\n",
    ],
)
def test_past_date_is_conservative(text: str) -> None:
    rule = next(r for r in TEXT_DATE_RULES if r.name == "past-date")
    assert find_in_text(text, mark_boilerplate(text), (rule,)) is None


def test_label_inside_a_sentence_is_not_a_published_line() -> None:
    text = "Talks\nThe report was published on 3 March 2022.\n"
    rule = next(r for r in TEXT_DATE_RULES if r.name == "published-line")
    assert find_in_text(text, mark_boilerplate(text), (rule,)) is None


def test_parse_full_date() -> None:
    assert parse_full_date("Mar. 2 , 2009") == "2009-03-02"
    assert parse_full_date("15th Sept 2022") == "2022-09-15"
    assert parse_full_date("31 February 2022") is None


def _raw(text: str, published: str | None = None) -> RawDocument:
    return RawDocument(id="t", source="t", text=text, raw=b"", format="txt", published=published)


def test_never_above_a_dateline_or_the_container() -> None:
    text = "Harbour\nMarch 1, 2022\nBoats.\n— Port Desk (@portdesk) April 2, 2022\n"
    spans = mark_boilerplate(text)
    ev = find_published(text, spans, _raw(text))
    assert ev is not None and ev.method == "dateline" and ev.value == "2022-03-01"
    no_dateline = text.replace("March 1, 2022\n", "")
    spans = mark_boilerplate(no_dateline)
    ev = find_published(no_dateline, spans, _raw(no_dateline, "2022-05-01"))
    assert ev is not None and ev.method == "index" and ev.confidence is None
    ev = find_published(no_dateline, spans, _raw(no_dateline))
    assert ev is not None and ev.method == "embedded-post (publication at or after)"


def test_confidence_is_written_only_when_set() -> None:
    assert "confidence" not in Evidence("x", "dateline").to_dict()
    ev = Evidence("2022-01-01", "past-date", 1, 2, inferred=True, confidence=0.3)
    assert ev.to_dict()["confidence"] == 0.3
    assert Evidence.from_dict(ev.to_dict()) == ev
    assert Evidence("2022-01-01", "past-date (publication at or after)").lower_bound
    assert not Evidence("2022-01-01", "published-line").lower_bound
