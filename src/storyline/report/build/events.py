"""Events in the dossier: each flattened event record gets the ``group`` fusion put it in."""

from __future__ import annotations

from typing import Any

from storyline.model import Fused


def link_events(
    records: list[dict[str, Any]], fused: Fused, entity_ids: set[str]
) -> list[dict[str, Any]]:
    """Add ``group`` (the ``event_groups`` id holding the event, or None) to each event."""
    group_of: dict[str, str] = {}
    for g in fused.sections.get("event_groups", []):
        gid = g.id if hasattr(g, "id") else g.get("id")
        for eid in g.events if hasattr(g, "events") else g.get("events", []):
            group_of.setdefault(eid, gid)
    for rec in records:
        rec["group"] = group_of.get(rec.get("id"))
    return records
