"""What the confidence scripts count as a right quote record (``rightness``,
shared by ``tools/train/quote_confidence.py`` and ``attribution_combine.py``)."""

from __future__ import annotations

from types import SimpleNamespace

from tools.train.quote_confidence import gold_spans, rightness

TEXT = "Oskar Lind said the ferry would sail. The port stayed shut, officials said."


def at(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def quote(content: str, speaker: str | None) -> SimpleNamespace:
    s, e = at(content)
    sp = None if speaker is None else dict(zip(("start", "end"), at(speaker), strict=True))
    return SimpleNamespace(fragments=[{"start": s, "end": e}], speaker=sp)


def test_content_and_speaker_must_both_match():
    def span(part: str) -> dict[str, int]:
        return dict(zip(("start", "end"), at(part), strict=True))

    item = {
        "attributions": [
            {"content": [span("the ferry would sail")], "source": [span("Oskar Lind")]},
            {"content": [span("The port stayed shut")], "source": [span("officials")]},
        ]
    }
    gold = gold_spans(item)
    assert rightness(TEXT, gold, [quote("the ferry would sail", "Oskar Lind")]) == [1]
    assert rightness(TEXT, gold, [quote("the ferry would sail", "officials")]) == [0]
    assert rightness(TEXT, gold, [quote("the ferry would sail", None)]) == [0]  # gold has one
    assert rightness(TEXT, gold, [quote("ferry", "Oskar Lind")]) == [1]  # inside the content
    # one word of four shared ("the"): overlap 0.25, below 0.5
    assert rightness(TEXT, gold, [quote("Oskar Lind said the", "Oskar Lind")]) == [0]
    two = [quote("The port stayed shut", "officials"), quote("Lind said", None)]
    assert rightness(TEXT, gold, two) == [1, 0]
    no_source = [{"content": [at("The port stayed shut")], "source": []}]
    assert rightness(TEXT, no_source, [quote("The port stayed shut", None)]) == [1]
