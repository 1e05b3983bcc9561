"""Hand-made analyses for the report tests (texts written for these tests)."""

from __future__ import annotations

import copy
import html as htmllib
import re
from collections.abc import Callable
from typing import Any

import pytest
from jsonschema import ValidationError

from storyline.model import (
    DocumentAnalysis,
    Entity,
    EntityMention,
    Evidence,
    Fused,
    Mention,
    Metadata,
    Sentence,
    Span,
)
from storyline.report import validate_dossier

TEXT_A = (
    "Rivertown Gazette\n"
    "Bridge vote delayed again\n"
    "RIVERTOWN, June 3 - Mayor Ana Lopez said the council would wait for the "
    "engineers' report. Lopez spoke after a meeting with Harbor Works.\n"
    "Sign up for our newsletter | Ana Lopez every week\n"
)

TEXT_B = (
    "Harbor Works denies delay\n"
    "The contractor Harbor Works said on Tuesday the bridge in Rivertown "
    "will open in July, contradicting Ana Lopez.\n"
)


def fails_readably(dossier: dict, breakage: Callable[[dict], Any]) -> str:
    """The message ``validate_dossier`` raises for a copy of ``dossier`` broken by
    ``breakage``, checked to read as one short line (no schema or document dump)."""
    broken = copy.deepcopy(dossier)
    breakage(broken)
    with pytest.raises(ValidationError) as info:
        validate_dossier(broken)
    message = str(info.value)
    assert message.startswith("invalid storyline/1 dossier: ")
    assert len(message) < 400 and "\n" not in message
    return message


def article_text(page: str, doc_id: str) -> str | None:
    """A document's text as the HTML page shows it (tags dropped, entities read),
    or None when the page has no article for it."""
    m = re.search(
        rf'<article class="doc" id="doc-{doc_id}">.*?<div class="text">(.*?)</div>', page, re.S
    )
    return htmllib.unescape(re.sub(r"<[^>]+>", "", m.group(1))) if m else None


def find(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def mention(text: str, needle: str, label: str, nth: int = 0) -> Mention:
    s, e = find(text, needle, nth)
    return Mention(s, e, needle, label)


def line_span(text: str, needle: str, kind: str, rule: str | None = None, **attrs) -> Span:
    s, e = find(text, needle)
    return Span(s, e, kind, rule, dict(attrs))


def make_analysis_a() -> DocumentAnalysis:
    t = TEXT_A
    date_s, date_e = find(t, "June 3")
    title_s, title_e = find(t, "Bridge vote delayed again")
    outlet_s, outlet_e = find(t, "Rivertown Gazette")
    return DocumentAnalysis(
        doc_id="d00000000000000a1",
        pipeline_version="test",
        text=t,
        source="examples/a.txt",
        format="txt",
        metadata=Metadata(
            title=Evidence("Bridge vote delayed again", "first-line", title_s, title_e),
            outlet=Evidence("Rivertown Gazette", "masthead", outlet_s, outlet_e),
            published=Evidence("2024-06-03", "dateline", date_s, date_e, inferred=True),
            language=Evidence("en", "lingua"),
        ),
        spans=[
            Span(outlet_s, outlet_e, "masthead", "masthead-line"),
            Span(title_s, title_e, "title", "first-line"),
            line_span(t, "RIVERTOWN, June 3 - ", "dateline", "dateline-city-date"),
            line_span(
                t,
                "Sign up for our newsletter | Ana Lopez every week",
                "boilerplate",
                "signup-blurb",
            ),
        ],
        sentences=[Sentence(0, len(t))],
        mentions=[
            mention(t, "Ana Lopez", "PERSON"),
            mention(t, "Lopez", "PERSON", 1),
            mention(t, "Harbor Works", "ORG"),
            mention(t, "Ana Lopez", "PERSON", 1),  # inside the boilerplate line
        ],
        n_tokens=40,
    )


def make_analysis_b() -> DocumentAnalysis:
    t = TEXT_B
    return DocumentAnalysis(
        doc_id="d00000000000000b2",
        pipeline_version="test",
        text=t,
        source="examples/b.jsonl:1",
        format="jsonl",
        metadata=Metadata(
            title=Evidence("Harbor Works denies delay", "json"),
            outlet=None,
            published=Evidence("2024-06-04", "json"),
            language=None,
            url="https://news.example.org/b",
        ),
        spans=[line_span(t, "Harbor Works denies delay", "title", "json-title")],
        mentions=[
            mention(t, "Harbor Works", "ORG", 1),
            mention(t, "Rivertown", "GPE"),
            mention(t, "Ana Lopez", "PERSON"),
        ],
        external_id="b-1",
    )


def make_fused(analyses: list[DocumentAnalysis]) -> Fused:
    a, b = analyses

    def em(doc: DocumentAnalysis, needle: str, nth: int = 0) -> EntityMention:
        s, e = find(doc.text, needle, nth)
        return EntityMention(doc.doc_id, s, e, needle)

    return Fused(
        entities=[
            Entity(
                "e1",
                "Ana Lopez",
                "PERSON",
                aliases=[{"text": "Lopez", "count": 1, "docs": [a.doc_id]}],
                mentions=[em(a, "Ana Lopez"), em(a, "Lopez", 1), em(b, "Ana Lopez")],
                roles=[{"title": "Mayor", "org": None, "doc": a.doc_id, "start": 0, "end": 0}],
            ),
            Entity(
                "e2",
                "Harbor Works",
                "ORG",
                mentions=[em(a, "Harbor Works"), em(b, "Harbor Works", 1)],
            ),
        ]
    )
