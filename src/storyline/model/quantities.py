"""Quantities: a number in one document with its qualifier, unit and what it counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storyline.model.base import Record, output_record


@output_record("quantities")
@dataclass
class Quantity(Record):
    """A count, measure, percentage or sum of money stated in one document.

    ``text`` is the phrase with its qualifier and unit ("at least 2,500",
    "13 percent", "$2.5 million"); ``counts`` is the counted noun phrase
    ("tactical battalions") as ``{start, end, text}``, or None. ``low`` /
    ``high`` bound the value the words allow: "at least 500" has low 500,
    "up to 800" high 800, "between 10 and 15" low 10 and high 15 (value None).
    A vague amount ("dozens", "tens of thousands") gets the value of a
    documented convention (``vague_rule``; ACLED's dozens = 12, hundreds =
    100) and ``vague`` True. ``per`` is what one figure of a compound is per:
    "800 men each" in "15 battalions of up to 800 men each" has ``per`` the
    span of "battalions" (800 men per battalion); "$5 a day" has "day".

    ``actor``, ``place`` and ``time`` say what the figure belongs to, read off
    the sentence's parse (None when it does not say): ``actor`` the party that
    has or claims it, with ``role`` "owner" ("Russia's 20,000 troops"),
    "agent" ("Belarus deployed 20,000 troops") or "source" ("officials say
    2,500 were killed"); ``place`` the locative phrase ("near the border");
    ``time`` the date or time expression of its clause with the timexes
    extractor's resolved ``value`` (None when unresolved).
    """

    start: int
    end: int
    text: str  # exactly text[start:end]
    value: float | None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None  # normalised: "at least", "up to", "about", "between", ...
    unit: str | None = None  # "percent", "km", "USD", ...; None for a plain count
    counts: dict[str, Any] | None = None  # {start, end, text} of the counted noun phrase
    vague: bool = False
    vague_rule: str | None = None  # "ACLED: dozens = 12"
    per: dict[str, Any] | None = None  # {start, end, text}: "800 men each" -> "battalions"
    kind: str = "count"  # count | measure | percent | money | fraction
    confidence: float = 0.0
    pattern: str = ""  # which rules built it: "digits", "words", "vague", "range", ...
    actor: dict[str, Any] | None = None  # {start, end, text, role}
    place: dict[str, Any] | None = None  # {start, end, text}
    time: dict[str, Any] | None = None  # {start, end, text, value}
