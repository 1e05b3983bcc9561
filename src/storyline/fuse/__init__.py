"""Cross-document fusion: reads analyses only (never the parse or the database).

Each step is a function over ``Sequence[DocumentAnalysis]``; ``fuse`` runs
them in order. Later issues add stories, events, claims, conflicts,
forecasts and the timeline here.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.fuse.copies import find_copies
from storyline.fuse.entities import resolve_entities
from storyline.fuse.quotes import group_quotes, link_speakers
from storyline.model import DocumentAnalysis, Fused


def fuse(analyses: Sequence[DocumentAnalysis]) -> Fused:
    entities = resolve_entities(analyses)
    return Fused(
        entities=entities,
        lineages=find_copies(analyses),
        quote_groups=group_quotes(analyses),
        speaker_entities=link_speakers(analyses, entities),
    )
