"""``textscan`` only skips scans that cannot match."""

from __future__ import annotations

import random
import re

import pytest
from tests.conftest import EXAMPLES, SHARED

from storyline import textscan
from storyline.extract.integrity.outlet import compiled as outlet_regex
from storyline.extract.integrity.outlet_rules import PATTERNS
from storyline.extract.integrity.translation import PHRASE_CUES
from storyline.extract.integrity.translation import compiled as cue_regex


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"\bwar (?:that|which) ", 0, (("that", "which"), ("war ",))),
        (r"\b(?:gave|gives) to\b", 0, ((" to",), ("ave", "ives"))),  # re factors out "g"
        (r"abc|\d+xyz", 0, (("abc", "xyz"),)),
        (r"abc|\d+xy", 0, ()),  # "xy" is shorter than MIN_LITERAL
        (r"abc|\d+", 0, ()),  # a branch without literals
        (r"abc|defg", 0, (("abc", "defg"),)),
        (r"x?yzw(?:abc)*", 0, (("yzw",),)),  # an optional group is not required
        (r"(?:abc)+", 0, (("abc",),)),
        (r"(?=abc)\w+", 0, ()),  # lookarounds are not used
        (r"abc", re.IGNORECASE, ()),
        (r"(?i)abc", 0, ()),
        (r"(?i:abc)def", 0, (("def",),)),
        (r"[Aa]ccording\s+to", 0, (("ccording",),)),
    ],
)
def test_required_literals(pattern, flags, expected):
    found = textscan.required_literals(re.compile(pattern, flags))
    assert sorted(found) == sorted(expected)


def _texts() -> list[str]:
    texts = [c.example for c in PHRASE_CUES] + [c.counter for c in PHRASE_CUES]
    files = sorted(SHARED.glob("corpus/*/*.txt")) + sorted((EXAMPLES / "corpus").glob("*.txt"))
    return texts + [f.read_text(encoding="utf-8") for f in files]


def test_the_cue_tables_find_what_an_unfiltered_scan_finds():
    regexes = [cue_regex(c) for c in PHRASE_CUES] + [outlet_regex(p) for p in PATTERNS]
    for text in _texts():
        for rx in regexes:
            plain = [(m.span(), m.groups()) for m in rx.finditer(text)]
            assert [(m.span(), m.groups()) for m in textscan.finditer(rx, text)] == plain


def _random_pattern(rng: random.Random, depth: int = 0) -> str:
    """Small patterns over the letters a-c built from the constructs textscan reads."""
    parts = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(["lit", "lit", "lit", "class", "any", "b", "alt", "opt", "rep", "group"])
        if depth > 2 and kind in {"alt", "opt", "rep", "group"}:
            kind = "lit"
        if kind == "lit":
            parts.append("".join(rng.choice("abc") for _ in range(rng.randint(1, 4))))
        elif kind == "class":
            parts.append("[ab]")
        elif kind == "any":
            parts.append(".")
        elif kind == "b":
            parts.append(r"\b")
        elif kind == "alt":
            alts = [_random_pattern(rng, depth + 1) for _ in range(rng.randint(2, 3))]
            parts.append("(?:" + "|".join(alts) + ")")
        elif kind == "opt":
            parts.append("(?:" + _random_pattern(rng, depth + 1) + ")?")
        elif kind == "rep":
            parts.append("(?:" + _random_pattern(rng, depth + 1) + rng.choice([")+", ")*", "){2}"]))
        else:
            parts.append("(" + _random_pattern(rng, depth + 1) + ")")
    return "".join(parts)


def test_a_skipped_scan_never_had_a_match():
    rng = random.Random(7)
    for _ in range(3000):
        rx = re.compile(_random_pattern(rng))
        text = "".join(rng.choice("abc  ") for _ in range(rng.randint(0, 40)))
        if rx.search(text):
            assert textscan.may_match(rx, text), (rx.pattern, text)
