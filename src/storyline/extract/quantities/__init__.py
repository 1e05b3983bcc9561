"""Quantities: numbers with their qualifier, range, unit and the thing counted.

"at least 2,500 people", "between 10 and 15 tactical battalions", "13
percent", "$2.5 million", "tens of thousands of protesters" become
``Quantity`` records. The figure may be in digits or words ("two and a
half million", "two-thirds"); a vague plural ("dozens", "hundreds") gets
the value of ACLED's convention (dozens = 12, hundreds = 100; the rest in
``rules.VAGUE_WORDS``) and ``vague`` True. Years, ages, clock times,
identifiers ("Article 5"), list numbers and anything inside a temporal
expression (the timexes extractor's result) are not quantities. The tables
are in ``rules.py``, the token scan in ``find.py`` and ``phrase.py``.
"""

from __future__ import annotations

import bisect
import logging
from typing import Any

from storyline.extract.quantities.find import Found
from storyline.extract.quantities.link import link
from storyline.extract.quantities.phrase import scan
from storyline.extract.quantities.rules import BARE_PENALTY, CONFIDENCE, LONE_ONE_CONFIDENCE
from storyline.extract.registry import extractor
from storyline.model import ParsedDocument, Quantity, Timex

__all__ = ["extract_quantities"]

log = logging.getLogger(__name__)


@extractor(
    "quantities",
    version="3",
    output="quantities",
    section="quantities",
    needs=("timexes",),
    schema="quantities.schema.json",
)
def extract_quantities(parsed: ParsedDocument) -> list[Quantity]:
    """Quantities of one document, in text order."""
    toks = list(parsed.doc)
    if not toks:
        return []
    found_timexes: list[Timex] = sorted(
        parsed.results.get("timexes") or [], key=lambda t: (t.start, t.end)
    )
    timexes = [(t.start, t.end) for t in found_timexes]
    starts = [s for s, _ in timexes]
    out: list[Quantity] = []
    for found in scan(toks):
        try:
            rec = to_record(parsed, toks, found)
        except Exception:  # one odd phrase costs that phrase, never the document
            log.debug("quantity at %d failed", found.start, exc_info=True)
            continue
        if rec is None or _in_timex(rec, timexes, starts):
            continue
        try:
            attach(parsed, toks, found, found_timexes, rec)
        except Exception:  # a parse we cannot walk costs the links, not the figure
            log.debug("quantity links at %d failed", found.start, exc_info=True)
        out.append(rec)
    return out


def attach(
    parsed: ParsedDocument, toks: list[Any], found: Found, timexes: list[Timex], rec: Quantity
) -> None:
    """Fill the record's actor, place and time from the parse (``link.py``)."""
    links = link(toks, found, timexes, parsed)
    if links["actor"] is not None:
        first, stop, role = links["actor"]
        rec.actor = _span(parsed, toks, (first, stop))
        if rec.actor is not None:
            rec.actor["role"] = role
    if links["place"] is not None:
        first, last = links["place"]
        rec.place = _span(parsed, toks, (first, last + 1))
    when = links["time"]
    if when is not None:
        rec.time = {"start": when.start, "end": when.end, "text": when.text, "value": when.value}


def _in_timex(rec: Quantity, timexes: list[tuple[int, int]], starts: list[int]) -> bool:
    k = bisect.bisect_right(starts, rec.end)
    return any(s < rec.end and rec.start < e for s, e in timexes[max(0, k - 3) : k])


def _span(
    parsed: ParsedDocument, toks: list[Any], rng: tuple[int, int] | None
) -> dict[str, Any] | None:
    if rng is None or rng[1] <= rng[0]:
        return None
    a, b = toks[rng[0]], toks[rng[1] - 1]
    start, end = parsed.original_span(a.idx, b.idx + len(b.text))
    if end <= start:
        return None
    return {"start": start, "end": end, "text": parsed.text[start:end]}


def to_record(parsed: ParsedDocument, toks: list[Any], found: Found) -> Quantity | None:
    """The record of one found phrase, offsets in the original text."""
    start, end = parsed.original_span(found.start, found.end)
    if end <= start or parsed.text[start:end].isspace():
        return None
    counts = _span(parsed, toks, found.counts)
    confidence = CONFIDENCE["vague" if found.vague_rule else ("words" if found.words else "digits")]
    if counts is None and found.unit is None:
        confidence -= BARE_PENALTY  # nothing counted: the figure's meaning is unknown
    if found.value == 1 and found.words and not (found.qualifier or found.unit):
        confidence = min(confidence, LONE_ONE_CONFIDENCE)
    return Quantity(
        start=start,
        end=end,
        text=parsed.text[start:end],
        value=found.value,
        low=found.low,
        high=found.high,
        qualifier=found.qualifier,
        unit=found.unit,
        counts=counts,
        vague=found.vague_rule is not None,
        vague_rule=found.vague_rule,
        per=_span(parsed, toks, found.per),
        kind=found.kind,
        confidence=round(confidence, 2),
        pattern=found.pattern,
    )
