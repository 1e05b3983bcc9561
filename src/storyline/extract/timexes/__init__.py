"""Temporal expressions (TIMEX3) normalised against the document date.

The rule table (``rules.py``) is matched over the parsed text (``find.py``),
each match resolved to a TIMEX3 value (``resolve.py``) against the anchor:
the document's ``dct``, else its publication date, else none — then relative
expressions are kept with value None (``resolved`` False), never guessed.
A second pass in text order resolves the expressions that refer to the
period under discussion ("the quarter", "a year earlier", "the following
month") from the dates named before them; they need the anchor too.
The parse's DATE/TIME entities that no rule covers are kept unresolved too.
"""

from __future__ import annotations

from storyline.extract.registry import extractor
from storyline.extract.timexes.find import (
    Tokens,
    anchor_date,
    entity_matches,
    join_clock_times,
    join_weekday_dates,
    rule_matches,
)
from storyline.model import ParsedDocument, Timex
from storyline.nlp import doc_text as doc_text_of

__all__ = ["extract_timexes"]


@extractor(
    "timexes", version="4", output="timexes", section="timexes", schema="timexes.schema.json"
)
def extract_timexes(parsed: ParsedDocument) -> list[Timex]:
    # A publication date that only bounds the truth (an embedded post's date,
    # an "Updated" line) is no anchor: relative dates stay unresolved.
    published = parsed.metadata.published
    stated = published.value if published is not None and not published.bound else None
    anchor, anchor_text = anchor_date(parsed.raw.dct, stated)
    doc = parsed.doc
    text = doc_text_of(doc)
    tokens = Tokens(doc, text)
    found = rule_matches(text, tokens, anchor)
    found = sorted(found + entity_matches(doc, text, found, tokens.refused), key=lambda f: f.start)
    out: list[Timex] = []
    for f in join_clock_times(text, join_weekday_dates(text, found)):
        start, end = parsed.original_span(f.start, f.end)
        if end <= start or parsed.text[start:end].isspace():
            continue
        out.append(
            Timex(
                start=start,
                end=end,
                text=parsed.text[start:end],
                type=f.type,
                value=f.value,
                anchor=anchor_text if f.relative and f.value is not None else None,
                method=f.method,
                resolved=f.value is not None,
            )
        )
    return out
