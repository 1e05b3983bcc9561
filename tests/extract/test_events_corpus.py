"""Events over the real Belarus corpus and the VOA stories: structural
invariants only (offsets, label set, modality, confidence), through the
whole per-document pipeline (a spun copy is read through its repaired view)."""

from __future__ import annotations

import pytest
from tests.conftest import shared_path

from storyline.extract.events.lexicon import TYPES
from storyline.model import MODALITIES, RawDocument
from storyline.pipeline import Pipeline
from storyline.settings import Settings


def _analyses(folder):
    paths = sorted(folder.glob("*.txt"))
    raws = [
        RawDocument.create(p.name, t, t.encode(), "txt")
        for p in paths
        for t in [p.read_text(encoding="utf-8")]
    ]
    return list(Pipeline(Settings()).analyze_many(raws))


def _check(analysis) -> int:
    text = analysis.text
    events = analysis.outputs.get("events", [])
    assert not [e for e in analysis.errors if e.startswith("events")]
    ids = [e.id for e in events]
    assert len(ids) == len(set(ids))
    for e in events:
        assert e.type in TYPES
        assert e.modality in MODALITIES
        assert 0.0 <= e.confidence <= 1.0
        assert text[e.start : e.end] == e.text
        assert e.start <= e.trigger["start"] < e.trigger["end"] <= e.end
        parts = [e.trigger, *e.actors, *e.targets, e.place, e.time, e.reported_by]
        for part in parts:
            if part is not None:
                assert 0 <= part["start"] < part["end"] <= len(text)
                assert text[part["start"] : part["end"]] == part["text"]
    return len(events)


@pytest.mark.parametrize("corpus", [("corpus", "belarus-2022"), ("corpus", "voa")])
def test_events_on_real_articles_keep_their_invariants(corpus):
    folder = shared_path(*corpus)
    analyses = _analyses(folder)
    found = sum(_check(a) for a in analyses)
    # A corpus of war and politics news has events; none found means a broken trigger lookup.
    assert found >= len(analyses)
