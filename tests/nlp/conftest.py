"""What the NER correction tests share: the default model, and entity spans
built by hand in the wrong shape (so a rule is checked whatever the model
predicts)."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.nlp import load_nlp
from storyline.settings import Settings


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp(Settings().model)


def entity_span(doc: Any, text: str, label: str, nth: int = 0) -> Any:
    """The entity ``text`` (its ``nth`` occurrence) as a spaCy span labelled ``label``."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(text, start + 1)
    out = doc.char_span(start, start + len(text), label=label)
    assert out is not None, text
    return out
