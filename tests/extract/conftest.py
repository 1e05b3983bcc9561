"""What the quote tests share: the default model and one run of the quotes
extractor over a written text, with the offset checks every record must pass."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.extract.quotes import extract_quotes
from storyline.model import Metadata, ParsedDocument, RawDocument
from storyline.nlp import load_nlp
from storyline.settings import Settings


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp(Settings().model)


def run_quotes(nlp: Any, text: str) -> list[Any]:
    """The quotes of ``text``; each id, span and part checked against the text."""
    raw = RawDocument.create("t.txt", text, text.encode(), "txt")
    quotes = extract_quotes(ParsedDocument(raw=raw, spans=[], metadata=Metadata(), doc=nlp(text)))
    for n, q in enumerate(quotes, 1):
        assert q.id == f"q{n}"
        assert text[q.start : q.end] == q.text
        antecedent = q.speaker.get("antecedent") if q.speaker else None
        parts = (q.speaker, antecedent, q.cue, q.channel, q.when, getattr(q, "source", None))
        for part in (*parts, *q.fragments):
            if part:
                # start <= end too: text[61:60] == "" hides an inverted empty span.
                assert 0 <= part["start"] <= part["end"] <= len(text), part
                assert text[part["start"] : part["end"]] == part.get(
                    "text", text[part["start"] : part["end"]]
                )
    return quotes
