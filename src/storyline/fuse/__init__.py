"""Cross-document fusion: reads analyses only (never the parse or the database).

Each step is a function over ``Sequence[DocumentAnalysis]``; ``fuse`` runs
them in order. Later issues add stories, events, claims, conflicts,
forecasts and the timeline here.

Entities are resolved by name (``storyline.fuse.entities``), then merged
through the copy lineage: a name a translated or spun copy mangles joins
the name in the aligned passage of its original
(``storyline.fuse.entity_align``).

Entities carry in ``roles`` their ``named_after`` links, their roles
timeline (``relation: "role"``, see ``storyline.fuse.roles``) and, when a
local knowledge base is given, a ``relation: "kb"`` link (see
``storyline.fuse.kb``).

Documents are grouped into stories, one pass in publication order, into
``sections["stories"]`` (``storyline.fuse.stories``); once every other step
has run, each story gets its brief: a cited summary, headline, state of play
and independent sources (``storyline.fuse.brief``).

Events that several documents report as one are merged into
``sections["event_groups"]`` (``storyline.fuse.events``).

Claims (an event, role or number as subject / predicate / object or value /
time, with who asserts it) are grouped across sources into
``sections["claims"]`` (``storyline.fuse.claims``).

Scale: no step compares all pairs of documents, sentences or items. Each
finds its candidates through an index or a blocking key, and where a key
can be shared by thousands of items (a common trigger lemma, a quote
reprinted everywhere, a forecast subject such as "officials") a documented
cap bounds the comparisons per item (``events.rules.BLOCK_WINDOW``,
``events.linkage.STORY_NEIGHBOURS``, ``quotes.QUOTES_PER_KEY``,
``forecasts_rules.EVIDENCE_PER_STEM``, ``timeline_rules.DEDUPE_SCAN``); small
corpora never reach the caps. ``benchmarks/fusion.py`` times every step at
1k-10k documents (docs/accuracy.md, "Fusion at scale").
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from storyline.forked import Forked, can_fork
from storyline.fuse.brief import build_briefs
from storyline.fuse.claims import build_claims
from storyline.fuse.conflicts import find_conflicts
from storyline.fuse.copies import find_copies
from storyline.fuse.entities import resolve_entities
from storyline.fuse.entity_align import align_entities
from storyline.fuse.entity_nominals import attach_references
from storyline.fuse.events.groups import group_events
from storyline.fuse.forecasts import build_forecasts
from storyline.fuse.kb import link_entities, load_kb
from storyline.fuse.quotes import group_quotes, link_speakers
from storyline.fuse.roles import attach_roles
from storyline.fuse.stories import build_story_levels
from storyline.fuse.timeline import build_timeline
from storyline.model import DocumentAnalysis, EventGroup, Fused


def fuse(
    analyses: Sequence[DocumentAnalysis],
    kb_path: Path | str | None = None,
    processes: int = 1,
) -> Fused:
    """Every fusion step in order. With ``processes`` > 1 two pairs of independent
    steps run side by side (``storyline.forked``): copy detection beside entity
    resolution, story clustering beside events, timeline, forecasts, claims and
    conflicts. The result is the same either way."""
    fork = can_fork(processes)
    copies = Forked(find_copies, analyses, enabled=fork)
    resolved = resolve_entities(analyses)
    lineages = copies.result()
    entities, _ = align_entities(resolved, analyses, lineages)
    attach_roles(analyses, entities)
    attach_references(analyses, entities)
    if kb_path is not None:
        links = link_entities(entities, load_kb(kb_path))
        for ent in entities:
            if ent.id in links:
                ent.roles.insert(0, {"relation": "kb", **links[ent.id]})
    fused = Fused(
        entities=entities,
        lineages=lineages,
        quote_groups=group_quotes(analyses),
        speaker_entities=link_speakers(analyses, entities),
    )
    stories = Forked(build_story_levels, analyses, entities, enabled=fork)
    fused.sections["stories"] = []  # keeps the sections' order; only the briefs read it
    fused.sections["developing_stories"] = []
    fused.sections["event_groups"] = group_events(analyses, fused)
    add_timeline(fused, analyses)
    fused.sections["forecasts"] = build_forecasts(
        analyses, lineages, fused.sections["event_groups"]
    )
    fused.sections["claims"] = build_claims(analyses, fused)
    fused.sections["conflicts"] = find_conflicts(analyses, fused)
    fused.sections["stories"], fused.sections["developing_stories"] = stories.result()
    build_briefs(analyses, fused)  # the stories' summary and brief, from all of the above
    return fused


def add_timeline(fused: Fused, analyses: Sequence[DocumentAnalysis]) -> None:
    """``fused.sections["timeline"]``, after any step that adds ``event_groups``."""
    groups = [g for g in fused.sections.get("event_groups", []) if isinstance(g, EventGroup)]
    fused.sections["timeline"] = build_timeline(analyses, fused.lineages, groups)
