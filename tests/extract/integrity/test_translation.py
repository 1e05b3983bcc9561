"""Machine-translation evidence: every cue row, names, calibration on real and sample text."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.clean import clean
from storyline.extract.integrity.translation import detect_machine_translation, near_miss
from storyline.extract.integrity.translation_rules import PHRASE_CUES
from storyline.model import ParsedDocument, RawDocument, Span
from storyline.nlp import load_nlp, mask
from storyline.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "corpus"


def parsed(text: str, extra: list[Span] | None = None) -> ParsedDocument:
    settings = Settings()
    raw = RawDocument.create("t.txt", text, text.encode(), "txt")
    spans, metadata = clean(raw, settings)
    spans = spans + (extra or [])
    doc = load_nlp(settings.model)(mask(text, spans))
    return ParsedDocument(raw=raw, spans=spans, metadata=metadata, doc=doc)


def kinds(text: str) -> list[str]:
    return [e["note"].split(":")[0] for e in detect_machine_translation(parsed(text))["evidence"]]


@pytest.mark.parametrize("cue", PHRASE_CUES, ids=[c.name for c in PHRASE_CUES])
def test_every_cue_row_matches_its_example(cue):
    assert cue.name in kinds("Officials spoke on Monday.\n\n" + cue.example)


@pytest.mark.parametrize(
    "cue", [c for c in PHRASE_CUES if c.counter], ids=[c.name for c in PHRASE_CUES if c.counter]
)
def test_every_cue_row_spares_its_counter_example(cue):
    assert cue.name not in kinds("Officials spoke on Monday.\n\n" + cue.counter)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Leviv", "Lviv"),
        ("Chattem House", "Chatham House"),
        ("Klinovsky", "Kalinouski"),
        ("Lviv", None),  # the name itself
        ("Kiev", None),  # an accepted (older) spelling
        ("Putins", None),  # the name plus a suffix
        ("Pinsk", None),  # another real town, other first letter than Minsk
        ("Kessel", None),  # two edits off a short name is too far
    ],
)
def test_gazetteer_near_misses(word, expected):
    assert near_miss(word) == expected


def test_mixed_old_and_new_spellings_are_weak_evidence():
    result = detect_machine_translation(
        parsed("Trains left Kyiv at dawn.\n\nMore trains left Kiev at noon.")
    )
    assert [e["kind"] for e in result["evidence"]] == ["mixed-spelling"]
    assert not result["flagged"]


def test_one_odd_phrase_is_not_a_translation():
    result = detect_machine_translation(parsed("The pumps worked around the hour near the dam."))
    assert result["evidence"] and not result["flagged"]


def test_repeated_spaced_hyphens_count_one_does_not():
    one = detect_machine_translation(parsed("He did not tell the truth - he never does."))
    assert not one["evidence"]
    two = detect_machine_translation(
        parsed("He did not tell the truth - he never does.\n\nThey left - and came back.")
    )
    assert {e["kind"] for e in two["evidence"]} == {"punctuation"}


def test_spinner_homonyms_and_spun_spans_are_not_translation_evidence():
    text = "The guard threw coins astatine the ambassador.\n\nThe figures were xqzvoted by all."
    spun = Span(text.index("xqzvoted"), text.index("xqzvoted") + 8, kind="spun")
    assert not detect_machine_translation(parsed(text, [spun]))["evidence"]


def test_offsets_point_into_the_original_text():
    text = "Officials spoke.\n\nThe rain stopped earlier than the models waited."
    p = parsed(text)
    for ev in detect_machine_translation(p)["evidence"]:
        assert text[ev["start"] : ev["end"]] == ev["text"]


# ------------------------------------------------------------- real corpus


def real(belarus, prefix: str) -> ParsedDocument:
    path = next(belarus.glob(prefix + "_*.txt"))
    return parsed(path.read_text(encoding="utf-8"))


def test_001_machine_translation_is_flagged(belarus):
    result = detect_machine_translation(real(belarus, "001"))
    assert result["flagged"] and result["score"] >= 0.8
    texts = [e["text"] for e in result["evidence"]]
    assert "Leviv" in texts and "Chattem House" in texts
    assert {"calque", "idiom"} <= {e["kind"] for e in result["evidence"]}
    assert len(result["evidence"]) >= 6


@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_other_real_articles_are_not_flagged(belarus, prefix):
    result = detect_machine_translation(real(belarus, prefix))
    assert not result["flagged"] and result["score"] < 0.5


def test_no_false_flags_on_voa():
    from tests.conftest import shared_path

    voa = shared_path("corpus", "voa")
    flagged = [
        f.name
        for f in sorted(voa.glob("voa_*.txt"))
        if detect_machine_translation(parsed(f.read_text(encoding="utf-8")))["flagged"]
    ]
    assert flagged == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [(f.name, f.name.startswith("05_")) for f in sorted(EXAMPLES.glob("0[1-7]_*.txt"))],
)
def test_examples_only_the_translation_style_copy_is_flagged(name, expected):
    result = detect_machine_translation(parsed((EXAMPLES / name).read_text(encoding="utf-8")))
    assert result["flagged"] is expected
