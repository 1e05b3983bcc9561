"""Attach each document's roles to the cross-document entities: a roles timeline.

A role whose person span lies inside (or covers) an entity mention of the
same document belongs to that entity. Each becomes an ``Entity.roles`` entry::

    {"relation": "role", "title": "Deputy Defence Minister", "org": None,
     "doc": "<doc id>", "start": 10, "end": 48, "text": "<the characters>",
     "title_start", "title_end", "org_start", "org_end", "pattern",
     "date": "<the document's published date>" | None,
     "date_bound": "on or after" | "on or before" | None}

``date_bound`` says the date only bounds the truth: a document dated from an
embedded post is published *on or after* that post, so a role seen there
held *on or after* it, not on it.

``start``/``end`` cover the whole role phrase (title, organisation and
name) in the document text and ``text`` is exactly those characters. The
same person with different titles in different sources keeps every entry:
that is the point of a timeline. Entries are sorted by date (undated last),
after the entity's other ``roles`` entries (``named_after`` links, a
``kb`` link), which are kept as they are.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from storyline.model import DocumentAnalysis, Entity


def _date(a: DocumentAnalysis) -> str | None:
    return a.metadata.value("published") or a.dct


def _entry(a: DocumentAnalysis, role: Any) -> dict[str, Any]:
    parts = [role.person, role.title] + ([role.org] if role.org else [])
    start = min(p["start"] for p in parts)
    end = max(p["end"] for p in parts)
    return {
        "relation": "role",
        "title": role.title["text"],
        "org": role.org["text"] if role.org else None,
        "doc": a.doc_id,
        "start": start,
        "end": end,
        "text": a.text[start:end],
        "title_start": role.title["start"],
        "title_end": role.title["end"],
        "org_start": role.org["start"] if role.org else None,
        "org_end": role.org["end"] if role.org else None,
        "pattern": role.pattern,
        "date": _date(a),
        "date_bound": a.metadata.date_bound(),
    }


def _timeline_key(r: dict[str, Any]) -> tuple:
    return (r.get("date") is None, r.get("date") or "", r["doc"], r["start"], r["title"])


def mention_index(entities: Sequence[Entity]) -> dict[str, list[tuple[int, int, Entity]]]:
    """Per document, every entity mention as (start, end, entity) sorted by
    offsets: a span finds its entity by bisection."""
    by_doc: dict[str, list[tuple[int, int, Entity]]] = defaultdict(list)
    for e in entities:
        for m in e.mentions:
            by_doc[m.doc].append((m.start, m.end, e))
    for spans in by_doc.values():
        spans.sort(key=lambda x: (x[0], x[1]))
    return by_doc


def attach_roles(analyses: Sequence[DocumentAnalysis], entities: Sequence[Entity]) -> int:
    """Add every document's roles to its entities (in place); returns how many.

    Mentions are indexed by start offset per document, so each role finds its
    entity by bisection (linear overall, even for one huge document).
    """
    by_doc = mention_index(entities)
    seen: set[tuple[str, str, int, int]] = {
        (e.id, r["doc"], r["title_start"], r["title_end"])
        for e in entities
        for r in e.roles
        if r.get("relation") == "role"
    }
    added = 0
    touched: dict[str, Entity] = {}
    for a in analyses:
        spans = by_doc.get(a.doc_id, [])
        starts = [s for s, _, _ in spans]
        for role in a.roles:
            ps, pe = role.person["start"], role.person["end"]
            # mentions that contain the person span start at or before it ...
            lo = bisect.bisect_right(starts, ps)
            inside = [e for s, t, e in spans[max(0, lo - 3) : lo] if s <= ps and pe <= t]
            # ... and mentions inside it start within it
            covers = [
                e
                for s, t, e in spans[
                    bisect.bisect_left(starts, ps) : bisect.bisect_left(starts, pe)
                ]
                if t <= pe
            ]
            cands = {e.id: e for e in (inside or covers)}
            if len(cands) != 1:
                continue  # no entity, or ambiguous: never guess
            ent = next(iter(cands.values()))
            entry = _entry(a, role)
            key = (ent.id, entry["doc"], entry["title_start"], entry["title_end"])
            if key in seen:
                continue
            seen.add(key)
            ent.roles.append(entry)
            touched[ent.id] = ent
            added += 1
    for ent in touched.values():
        others = [r for r in ent.roles if r.get("relation") != "role"]
        timeline = sorted((r for r in ent.roles if r.get("relation") == "role"), key=_timeline_key)
        ent.roles[:] = others + timeline
    return added


def role_timeline(entity: Entity | dict[str, Any]) -> list[dict[str, Any]]:
    """The role entries of an entity (or its dossier dict), in timeline order."""
    roles = entity.roles if isinstance(entity, Entity) else entity.get("roles") or []
    return sorted((r for r in roles if r.get("relation") == "role"), key=_timeline_key)
