"""Quotes in the dossier: the top-level ``quotes`` and ``quote_groups`` records.

``link_quotes`` adds fusion's links (group, speaker entity) to the quote
records flattened from the quotes extractor's section, and
``quote_group_records`` turns fusion's ``QuoteGroup`` records into JSON. A quote group record
carries its ``independent_sources`` so the renderers never recount them
(see ``storyline.report.statements``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storyline.fuse.sources import independent_sources, lineage_of
from storyline.model import Fused, Lineage


def link_quotes(
    records: list[dict[str, Any]], fused: Fused, entity_ids: set[str]
) -> list[dict[str, Any]]:
    """The flattened quote records (``storyline.report.build.sections``) linked by fusion.

    Each gets ``group`` (the quote group carrying it, or ``None``) and
    ``speaker.entity`` from ``fused.speaker_entities`` (``None`` when the
    speaker is not linked to a known entity).
    """
    group_of: dict[str, str] = {}
    for g in fused.quote_groups:
        for qid in g.quotes:
            group_of.setdefault(qid, g.id)
    for rec in records:
        speaker = rec.get("speaker")
        if isinstance(speaker, dict):
            entity = fused.speaker_entities.get(rec["id"])
            speaker["entity"] = entity if entity in entity_ids else None
        rec["group"] = group_of.get(rec["id"])
    return records


def quote_group_records(fused: Fused, lineages: Sequence[Lineage]) -> list[dict[str, Any]]:
    """``QuoteGroup.to_dict()`` per group, plus ``independent_sources``.

    Groups with the same id (the same documents read twice) are merged;
    quote and document ids are kept once each, in order.
    """
    by_id: dict[str, dict[str, Any]] = {}
    for g in getattr(fused, "quote_groups", None) or []:
        d = g.to_dict()
        prev = by_id.get(d["id"])
        if prev is None:
            by_id[d["id"]] = {**d, "quotes": list(d["quotes"]), "docs": list(d["docs"])}
            continue
        prev["quotes"] += d["quotes"]
        prev["docs"] += d["docs"]
    out = []
    index = lineage_of(lineages)
    for d in by_id.values():
        d["quotes"] = list(dict.fromkeys(d["quotes"]))
        d["docs"] = list(dict.fromkeys(d["docs"]))
        d["independent_sources"] = independent_sources(d["docs"], lineages, index)
        out.append(d)
    return out
