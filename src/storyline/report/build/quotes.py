"""Quotes in the dossier: the top-level ``quotes`` and ``quote_groups`` records.

``quote_records`` / ``quote_group_records`` turn per-document ``Quote``
records and fusion's ``QuoteGroup`` records into JSON. A quote group record
carries its ``independent_sources`` so the renderers never recount them
(see ``storyline.report.render.statements``).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from typing import Any

from storyline.fuse.sources import independent_sources
from storyline.model import DocumentAnalysis, Fused, Lineage


def global_quote_id(doc_id: str, quote_id: str) -> str:
    """``"<doc id>:<quote id>"``, the id fusion and the dossier use."""
    return f"{doc_id}:{quote_id}"


def quote_records(
    analyses: Iterable[DocumentAnalysis], fused: Fused, entity_ids: set[str]
) -> list[dict[str, Any]]:
    """Every quote of every document (in document order, then text order).

    Each is ``Quote.to_dict()`` with ``id`` made global (``"<doc>:<quote>"``),
    ``doc``, ``group`` (the quote group carrying it, or ``None``) and
    ``speaker.entity`` set from ``fused.speaker_entities`` (``None`` when the
    speaker is not linked to a known entity).
    """
    group_of: dict[str, str] = {}
    for g in getattr(fused, "quote_groups", None) or []:
        for qid in g.quotes:
            group_of.setdefault(qid, g.id)
    speaker_entities = getattr(fused, "speaker_entities", None) or {}
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for a in analyses:
        if a.doc_id in seen:
            continue
        seen.add(a.doc_id)
        for q in a.quotes:
            gid = global_quote_id(a.doc_id, q.id)
            d = copy.deepcopy(q.to_dict())
            d.pop("id", None)
            rec: dict[str, Any] = {"id": gid, "doc": a.doc_id, **d}
            speaker = rec.get("speaker")
            if isinstance(speaker, dict):
                entity = speaker_entities.get(gid)
                speaker["entity"] = entity if entity in entity_ids else None
            rec["group"] = group_of.get(gid)
            out.append(rec)
    return out


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
    for d in by_id.values():
        d["quotes"] = list(dict.fromkeys(d["quotes"]))
        d["docs"] = list(dict.fromkeys(d["docs"]))
        d["independent_sources"] = independent_sources(d["docs"], lineages)
        out.append(d)
    return out

