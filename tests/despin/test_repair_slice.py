"""``repaired_slice``: one passage in its repaired wording, the text untouched."""

from __future__ import annotations

from storyline.despin.repair import repaired_slice
from storyline.model import Span

TEXT = "The mayor said helium would backmost the plan on Friday."


def _spun(word: str, original: str) -> Span:
    s = TEXT.index(word)
    return Span(s, s + len(word), "spun", attrs={"original": original})


def test_only_repairs_inside_the_passage_apply() -> None:
    spans = [_spun("mayor", "major"), _spun("helium", "he"), _spun("backmost", "back")]
    start = TEXT.index("helium")
    end = TEXT.index(" on Friday")
    assert repaired_slice(TEXT, spans, start, end) == "he would back the plan"
    assert repaired_slice(TEXT, spans, end, len(TEXT)) is None  # nothing spun there
    assert TEXT.startswith("The mayor said helium")
