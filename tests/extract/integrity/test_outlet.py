"""Original-outlet inference: every pattern row, negatives, and the real corpus."""

from __future__ import annotations

import pytest

from storyline.clean import clean
from storyline.extract.integrity.outlet import infer_original_outlet, normalise_name
from storyline.extract.integrity.outlet_rules import PATTERNS
from storyline.model import ParsedDocument, RawDocument
from storyline.nlp import load_nlp, mask
from storyline.settings import Settings


def parsed(text: str) -> ParsedDocument:
    settings = Settings()
    raw = RawDocument.create("t.txt", text, text.encode(), "txt")
    spans, metadata = clean(raw, settings)
    doc = load_nlp(settings.model)(mask(text, spans))
    return ParsedDocument(raw=raw, spans=spans, metadata=metadata, doc=doc)


def body(sentence: str) -> str:
    # a plain paragraph around the sentence, so the clean stage sees an article
    return (
        "Flood crews worked through the night in the river town.\n\n"
        f"{sentence}\n\nResidents were told to stay away from the embankment until Monday."
    )


@pytest.mark.parametrize("row", PATTERNS, ids=[p.name for p in PATTERNS])
def test_every_pattern_row_finds_its_outlet(row):
    result = infer_original_outlet(parsed(body(row.example)))
    assert result is not None, row.name
    assert result["name"] == row.expect
    ev = result["evidence"][0]
    assert ev["pattern"] in (row.name, "source-line")
    text = result and parsed(body(row.example)).text
    assert text[ev["start"] : ev["end"]] == ev["text"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Local broadcaster Nexta tweeted the video of the crews.",  # material, not origin
        "“It will hold,” the engineer told Ukrainian media.",  # a nationality
        "“It will hold,” the engineer told Maria Keller on Monday.",  # a person
        "According to the Interior Ministry, the dam is safe.",  # an institution
        "Ostria reported its first cases on Monday.",  # a country
        "Source: Read Full Article",
    ],
)
def test_non_outlets_give_no_evidence(sentence):
    assert infer_original_outlet(parsed(body(sentence))) is None


def test_names_are_normalised():
    assert normalise_name("the New York Post") == "New York Post"
    assert normalise_name("AP") == "Associated Press"
    assert normalise_name("Al Jazeera.") == "Al Jazeera"


def test_repeated_consistent_evidence_gives_high_confidence():
    text = body(
        "“We will rebuild,” the mayor told the Eastport Herald.\n\n"
        "“It is safe,” the engineer told the Eastport Herald.\n\n"
        "“We are tired,” a resident told the Eastport Herald."
    )
    result = infer_original_outlet(parsed(text))
    assert result["name"] == "Eastport Herald" and result["confidence"] >= 0.8
    assert len(result["evidence"]) == 3


def test_own_outlet_is_marked_not_a_copy_source():
    text = "Eastport Herald\n\nDam holds after the storm\n\n" + body(
        "“We will rebuild,” the mayor told the Eastport Herald."
    )
    result = infer_original_outlet(parsed(text))
    assert result["name"] == "Eastport Herald"
    assert result["same_as_document_outlet"] is True and "note" in result


# ------------------------------------------------------------- real corpus


def real(belarus, prefix: str) -> ParsedDocument:
    path = next(belarus.glob(prefix + "_*.txt"))
    return parsed(path.read_text(encoding="utf-8"))


def test_004_quotes_told_al_jazeera(belarus):
    result = infer_original_outlet(real(belarus, "004"))
    assert result["name"] == "Al Jazeera"
    assert result["confidence"] >= 0.8 and len(result["evidence"]) >= 3
    assert all(e["text"].startswith("told Al Jazeera") for e in result["evidence"])


def test_003_new_york_post_first_radio_free_europe_kept(belarus):
    result = infer_original_outlet(real(belarus, "003"))
    assert result["name"] == "New York Post"
    assert 0.3 <= result["confidence"] < 0.7
    names = [c["name"] for c in result["candidates"]]
    assert names[0] == "New York Post" and any("Radio Free Europe" in n for n in names)


def test_001_israel_today_not_the_republisher(belarus):
    p = real(belarus, "001")
    result = infer_original_outlet(p)
    assert result["name"] == "Israel Today"
    assert result["same_as_document_outlet"] is False
    assert len(result["evidence"]) == 2 and result["confidence"] >= 0.6


@pytest.mark.parametrize("prefix", ["000", "002"])
def test_no_origin_in_000_and_002(belarus, prefix):
    result = infer_original_outlet(real(belarus, prefix))
    assert result is None or result["confidence"] < 0.3
