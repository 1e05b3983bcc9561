"""One test per rule row: a positive example and a near miss (all text invented)."""

from __future__ import annotations

import pytest

from storyline.clean.dates import DATE_RULES, parse_dateline
from storyline.clean.rules import RULES, RULES_BY_NAME

# rule name -> (lines that must match, near misses that must not)
RULE_EXAMPLES: dict[str, tuple[list[str], list[str]]] = {
    "signup-consent": (
        [
            "We use your sign-up to send you the stories you asked for and to learn what "
            "interests you. You can unsubscribe at any time. Details",
            "By subscribing to the Evening Wire, you agree to our terms.",
        ],
        ["We use your feedback to improve our reporting on the region."],
    ),
    "newsletter-prompt": (
        ["Sign up to our free Morning Brief newsletter", "Subscribe now for the weekly newsletter"],
        ["Officials urged residents to sign up for evacuation alerts."],
    ),
    "cookie-consent": (
        ["This website uses cookies to improve your experience. Accept all cookies"],
        ["The bakery sold cookies shaped like the national flag."],
    ),
    "link-prefix": (
        [
            "READ MORE: Harbour strike enters its third week as talks stall",
            "JUST IN: Ferry services cancelled along the northern coast",
            "DON’T MISS: Ten things the budget means for renters [EXPLAINED]",
        ],
        [
            "More than 300 workers joined the strike on Monday.",
            "Just in time, the ferry reached the harbour: nobody was hurt.",
        ],
    ),
    "link-prefix-mixed": (
        ["Read more: Harbour strike enters its third week", "See also: How the port works"],
        ["Read more slowly, the teacher said, and the pupils laughed."],
    ),
    "link-tag-suffix": (
        ["Mayor caught napping during budget vote [VIDEO]", "Why the bridge failed [IN FULL]"],
        ["The mayor said the vote [on the budget] would go ahead.", "[UPDATE] follows below."],
    ),
    "link-block-continuation": (
        ["Ten ferries stranded as the gale strengthens"],
        ["The ferries were stranded for ten hours.", "“We waited all night,” she said."],
    ),
    "skip-link": (
        ["Skip to main content", "Jump to navigation"],
        ["Officials skip to the main point of the report quickly."],
    ),
    "nav-label": (
        ["Advertisement", "Related Topics", "Share this article"],
        ["Advertisement revenue fell by a third last year."],
    ),
    "section-label": (
        ["World", "Politics | Europe", "Business"],
        ["World leaders met in Geneva.", "Politics of the harbour"],
    ),
    "photo-credit": (
        [
            "Firefighters at the scene of the blaze on Monday, Photo: Kestrel Images",
            "Crowds outside the station | Photograph: Lena Marr",
        ],
        [
            "The photo: a crowd gathered outside the town hall.",
            "He showed a photo by Martin Kessel, who took it in 2019.",
        ],
    ),
    "agency-credit": (
        ["Protesters gather outside parliament in the capital (Getty Images)"],
        ["The agency (Reuters) reported the figure on Tuesday."],
    ),
    "caption-label": (
        ["Image: Rescue teams search the rubble after the quake"],
        ["Image rights were sold to a gallery in Vienna."],
    ),
    "caption-short": (
        ["Flooded districts of the river valley map", "Harbour cranes file photo"],
        ["Officials redrew the map.", "How the new border changes the lives of farmers map"],
    ),
    "tweet-pic-link": (
        ["Crowds filling the square tonight #Protest pic.twitter.com/Ab12Cd34Ef"],
        ["Images shared on pic.twitter.com were later deleted by the account."],
    ),
    "tweet-signature": (
        ["— Harbour Watch (@harbourwatch) April 2, 2024"],
        ["— as one observer put it, April 2, 2024 was a turning point."],
    ),
    "embed-signature": (
        ["A post shared by City Rescue Team (@cityrescue_team)"],
        ["A post shared by the mayor drew thousands of comments."],
    ),
    "source-read-full": (
        ["Source: Read the full story", "Source link"],
        ["Source: officials at the ministry said the report was wrong."],
    ),
    "source-line": (
        ["Source: Northbay Gazette"],
        ["Source: the ministry said the report was accurate.", "Sources: several officials"],
    ),
    "error-report": (
        ["If you spot a mistake in this story, please tell our editors"],
        ["If you find yourself in trouble, call the hotline."],
    ),
    "error-prompt": (
        ["Did we get something wrong?", "Did we get it wrong"],
        ["Were we wrong to trust them, she asked."],
    ),
    "trending-header": (
        ["Trending 5 jam yang lalu 12", "Sedang Trending 2 minggu yang lalu 9"],
        ["The hashtag was trending for 3 days."],
    ),
    "relative-age": (
        ["5 hours ago", "2 minggu yang lalu"],
        ["5 hours ago the bridge collapsed."],
    ),
    "related-inline": (
        [
            "Harbour crisis: Dock workers vote to extend walkout",
            "Reports from the coast: Storm surge floods the old quay",
        ],
        [
            "Harbour crisis: Dock workers voted to extend the walkout.",
            "The union leader said: We will not give up",
            "Mayor Orlen: “We will not",
        ],
    ),
    "masthead": (
        ["The Northbay Gazette", "Kurier Miasta", "The Daily Lantern", "Valley Herald"],
        ["The Northbay Gazette reported the fire on Sunday.", "News", "Storm hits the Times"],
    ),
}


def test_every_rule_has_examples() -> None:
    assert set(RULE_EXAMPLES) == set(RULES_BY_NAME)
    assert len(RULES_BY_NAME) == len(RULES), "rule names must be unique"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_rule_row(rule) -> None:
    positives, negatives = RULE_EXAMPLES[rule.name]
    assert positives and negatives
    for text in positives:
        assert rule.matches(text), f"{rule.name} should match {text!r}"
    for text in negatives:
        assert not rule.matches(text), f"{rule.name} should not match {text!r}"


# date rule name -> (line, expected ISO value), near miss (not a dateline)
DATE_EXAMPLES: dict[str, tuple[list[tuple[str, str]], list[str]]] = {
    "iso-8601": (
        [("2023-07-04T09:15:00Z", "2023-07-04T09:15:00+00:00"), ("2023-07-04", "2023-07-04")],
        ["2023-07-04 saw the first rally", "2023-13-40"],
    ),
    "us-numeric-12h": (
        [
            ("7/4/2023, 9:15:07 AM", "2023-07-04T09:15:07"),
            ("7/4/2023 9:15 pm", "2023-07-04T21:15:00"),
        ],
        ["7/4/2023, 9:15:07 AM was when it began"],
    ),
    "us-numeric-24h": (
        [("7/4/2023 21:15", "2023-07-04T21:15:00")],
        ["Call the hotline 7/4/2023 21:15"],
    ),
    "us-numeric-date": (
        [("7/4/2023", "2023-07-04")],
        ["13/25/2023", "7/4"],
    ),
    "month-day-year-12h": (
        [
            ("Published: July 4, 2023 9:15am", "2023-07-04T09:15:00"),
            ("Tuesday, July 4, 2023 at 9:15 p.m. ET", "2023-07-04T21:15:00"),
        ],
        ["July 4, 2023 9:15am, officials said"],
    ),
    "month-day-year-24h": (
        [("Jul 4, 2023, 21:15", "2023-07-04T21:15:00")],
        ["Jul 4, 2023, 21:15 is the deadline"],
    ),
    "month-day-year": (
        [("Jul. 4, 2023", "2023-07-04"), ("Posted on Sept. 9, 2021", "2021-09-09")],
        ["By July 4, 2023 the work was done"],
    ),
    "day-month-year-time": (
        [
            ("4 July 2023 21:15", "2023-07-04T21:15:00"),
            ("Sunday 4 July 2021, 08:05", "2021-07-04T08:05:00"),
        ],
        ["4 July 2023 21:15 local time, the siren sounded"],
    ),
    "day-month-year": (
        [("4 July 2023", "2023-07-04"), ("Updated: 14th Feb 2023", "2023-02-14")],
        ["On 4 July 2023", "31 February 2023"],
    ),
}


def test_every_date_rule_has_examples() -> None:
    assert set(DATE_EXAMPLES) == {r.name for r in DATE_RULES}


@pytest.mark.parametrize("rule", DATE_RULES, ids=lambda r: r.name)
def test_date_rule_row(rule) -> None:
    positives, negatives = DATE_EXAMPLES[rule.name]
    for line, value in positives:
        found = parse_dateline(line)
        assert found is not None, line
        assert (found.rule, found.value) == (rule.name, value), line
    for line in negatives:
        assert parse_dateline(line) is None, line


def test_dateline_roles_and_zone() -> None:
    assert parse_dateline("Updated: July 4, 2023 9:15am").role == "updated"
    assert parse_dateline("Last updated 4 July 2023").role == "updated"
    assert parse_dateline("First published: 4 July 2023").role == "published"
    assert parse_dateline("July 4, 2023 9:15am").role == "published"
    assert parse_dateline("4 July 2023 21:15 (GMT)").zone == "GMT"
