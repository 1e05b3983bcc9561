"""The time rules' prefilter: a rule is skipped only when it cannot match."""

from __future__ import annotations

import random
import re

import pytest

from storyline.extract.timexes.find import ASCII_LOWER, compiled, rule_needs
from storyline.extract.timexes.prefilter import can_match, needed


@pytest.mark.parametrize(
    ("pattern", "needs"),
    [
        (r"abc", {"abc"}),
        (r"(?:jan|feb)\s+\d+", {"jan", "feb"}),
        (r"(?:the\s+)?week", {"week"}),  # the optional part is not needed
        (r"(?:a|b?)x", {"x"}),  # one branch needs nothing: the branch needs nothing
        (r"(?:day|days)\s+(?:hence|later)", {"hence", "later"}),  # longer shortest string
        (r"(?:ab)+c", {"ab"}),
        (r"[a-z]+", None),
        (r"(?<![\w-])\d{4}(?![\w])", None),
    ],
)
def test_needed_literals(pattern, needs):
    got = needed(pattern)
    assert (None if got is None else set(got)) == needs


def test_can_match():
    assert can_match(None, "anything")
    assert can_match(frozenset({"may", "june"}), "in june")
    assert not can_match(frozenset({"may", "june"}), "in july")


def _texts() -> list[str]:
    """Written sentences with and without times, and random word salad of the rules' words."""
    base = [
        "The talks resumed on Monday, three weeks after the ceasefire of March 4, 2022.",
        "Officials said the second quarter of fiscal 2023 was weak; 10:30 p.m. CET.",
        "No dates here at all: just a mayor, a marcher and a century-old market.",
        "In the late 1990s and early twenties, every year, the fall was cold.",
        "She will arrive tomorrow night or the day after, daily updates promised.",
    ]
    words = sorted({w for needs in rule_needs() if needs for w in needs})
    rng = random.Random(0)
    salad = [
        " ".join(rng.choice(words + ["the", "of", "3", "2021", "-", "/"]) for _ in range(30))
        for _ in range(40)
    ]
    return base + salad


def test_every_rule_skipped_has_no_match():
    for text in _texts():
        lowered = text.translate(ASCII_LOWER)
        for (rule, pattern), needs in zip(compiled(), rule_needs(), strict=True):
            if not can_match(needs, lowered):
                assert pattern.search(lowered) is None, (rule.name, text)


def test_some_rules_are_skipped_on_plain_text():
    lowered = "a plain sentence without any time in it."
    skipped = [n for n in rule_needs() if not can_match(n, lowered)]
    assert len(skipped) > len(rule_needs()) // 2


def test_matches_are_those_of_every_rule_scanned():
    for text in _texts()[:5]:
        lowered = text.translate(ASCII_LOWER)
        scanned = sorted(
            (m.span(), rule.name) for rule, p in compiled() for m in re.finditer(p, lowered)
        )
        filtered = sorted(
            (m.span(), rule.name)
            for (rule, p), n in zip(compiled(), rule_needs(), strict=True)
            if can_match(n, lowered)
            for m in p.finditer(lowered)
        )
        assert filtered == scanned
