"""Developing stories in the web app: the home page's groups, a developing
story's page, and the line on an event-level story's page that links up to it.

A developing story (``fuse/stories_developing.py``) holds the event-level
stories that tell one larger story over time: a reader following "the war"
wants its brief, its reported events in order and its sources on one page,
not thirty story pages. Its brief covers only its firmly linked stories
(``brief_stories``); the others only just cleared the linking level, so
every page says so in words ("loosely linked: not in the brief"), not only
by colour. A developing story of one event-level story *is* that story: the
home page shows it as the story, with no extra click.

The brief is drawn by the HTML dossier's own first-screen view
(``report/render/html/view_front``) over the few documents it cites, so it
reads the same as ``dossier.html``: a machine-spun sentence in its repaired
reading, every cited sentence linked to its span on the document page.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any

from storyline.store import queries as q
from storyline.web.views import brief_lines, doc_label, guarded

#: Event-level stories listed under a developing story on the home page.
MAX_HOME_EVENTS = 8
#: Event-level stories listed on a developing story's page (the API pages them all).
MAX_EVENTS = 300
#: Documents per page of a developing story's document list.
DOCS_PER_PAGE = 100
#: Forecasts shown on a developing story's page (those of its first 500 documents).
MAX_FORECASTS = 30
LOOSE = "loosely linked: not in the brief"
FIRM = "in the brief"


def dates(record: Mapping[str, Any]) -> str:
    """``11 Mar 2022 – 19 Mar 2022`` (as document labels write dates), one day
    alone, or ``undated``."""
    from storyline.report.text import short_date

    first, last = record.get("first"), record.get("last")
    if first and last and first != last:
        return f"{short_date(first)} – {short_date(last)}"
    return short_date(first or last) or "undated"


def event_row(story: Mapping[str, Any], briefed: Any, link: Any = None) -> dict[str, Any]:
    """One event-level story as its developing story lists it; ``briefed`` is the
    developing story's ``brief_stories`` (a story outside it is loosely linked)."""
    loose = isinstance(briefed, list) and story.get("id") not in briefed
    return {
        "id": story.get("id"),
        "title": story.get("title") or story.get("id"),
        "dates": dates(story),
        "first": story.get("first"),
        "n_documents": len(story.get("documents") or []),
        "loose": loose,
        "linked": LOOSE if loose else FIRM,
        "link": link if isinstance(link, int | float) else None,
        "entities": [e for e in story.get("entities") or [] if isinstance(e, dict) and e.get("id")],
    }


def main_entities(events: list[dict[str, Any]], most: int = 6) -> list[dict[str, Any]]:
    """The entities most of the events' documents name (each story's ``entities``
    counts documents per entity; summed over the stories)."""
    docs: dict[str, int] = defaultdict(int)
    names: dict[str, Any] = {}
    for e in events:
        for ent in e["entities"]:
            docs[ent["id"]] += ent.get("docs") if isinstance(ent.get("docs"), int) else 1
            names.setdefault(ent["id"], ent.get("name"))
    top = sorted(docs, key=lambda i: -docs[i])[:most]
    return [{"id": i, "name": names[i] or i} for i in top]


def events_of(db: sqlite3.Connection, dev: Mapping[str, Any], most: int) -> list[dict[str, Any]]:
    """The first ``most`` event-level stories of ``dev`` in its order (first day first)."""
    ids = story_ids(dev)[:most]
    links = dev.get("links") if isinstance(dev.get("links"), list) else []
    found = q.get_items(db, "stories", ids)
    return [
        event_row(found[s], dev.get("brief_stories"), links[i] if i < len(links) else None)
        for i, s in enumerate(ids)
        if s in found
    ]


def home_groups(
    db: sqlite3.Connection,
    offset: int,
    limit: int,
    card: Callable[[dict[str, Any], dict[str, dict[str, Any]]], dict[str, Any]],
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A page of developing stories as the home page groups them: ``{"story": card}``
    for one of a single event-level story (``card(story, labels)`` draws it as the
    story it is), else ``{"developing": ...}`` with its events under it."""
    page = q.list_items(db, "developing_stories", q.Filters(), limit=limit, offset=offset)
    single = {str(ids[0]): d for d in page["items"] if len(ids := story_ids(d)) == 1}
    stories = q.get_items(db, "stories", list(single))
    doc_ids = [str(x) for s in stories.values() for x in (s.get("documents") or [])[:5]]
    labels = q.document_labels(db, doc_ids)
    groups = []
    for d in page["items"]:
        ids = story_ids(d)
        try:
            if len(ids) == 1 and ids[0] in stories:
                groups.append({"story": card(stories[ids[0]], labels)})
            else:
                groups.append({"developing": developing_card(db, d)})
        except Exception:  # noqa: BLE001 - one broken stored record costs its card only
            groups.append({"failed": str(d.get("id"))})
    return page, groups


def story_ids(dev: Mapping[str, Any]) -> list[str]:
    """A developing story's event-level story ids (none if the record has no list)."""
    value = dev.get("stories")
    return [str(s) for s in value] if isinstance(value, list) else []


def loose_count(dev: Mapping[str, Any]) -> int:
    """How many of ``dev``'s event stories are loosely linked (outside ``brief_stories``)."""
    briefed = dev.get("brief_stories")
    if not isinstance(briefed, list):
        return 0
    return len(set(story_ids(dev)) - {str(s) for s in briefed})


def developing_card(db: sqlite3.Connection, dev: Mapping[str, Any]) -> dict[str, Any]:
    """What the home page shows of a developing story of several event stories."""
    events = events_of(db, dev, MAX_HOME_EVENTS)
    return {
        "id": dev.get("id"),
        "title": dev.get("title") or dev.get("id"),
        "dates": dates(dev),
        "n_documents": len(dev.get("documents") or []),
        "n_events": len(story_ids(dev)),
        "n_loose": loose_count(dev),
        "brief": brief_lines(dict(dev)),
        "events": events,
        "entities": main_entities(events, most=12),  # cut to 6 by views.one_actor_per_country
    }


def part_of(db: sqlite3.Connection, story: Mapping[str, Any]) -> dict[str, Any] | None:
    """The developing story an event-level story belongs to, for the line that links
    up to it; None when it has no other event-level story (it is the story itself)."""
    dev_id = story.get("developing")
    dev = q.get_item(db, "developing_stories", str(dev_id)) if dev_id else None
    if dev is None or len(story_ids(dev)) < 2:
        return None
    row = event_row(story, dev.get("brief_stories"))
    return {
        "id": dev.get("id"),
        "title": dev.get("title") or dev.get("id"),
        "n_events": len(story_ids(dev)),
        "loose": row["loose"],
        "linked": row["linked"],
    }


def _cited_docs(dev: Mapping[str, Any], forecasts: list[dict[str, Any]]) -> list[str]:
    """The documents the brief and the forecasts quote (loaded whole, text included)."""
    brief = dev.get("brief") if isinstance(dev.get("brief"), dict) else {}
    spans: list[Any] = [*(dev.get("summary") or []), brief.get("headline"), dev.get("title_span")]
    for item in brief.get("state_of_play") or []:
        if isinstance(item, dict):
            spans += item.get("refs") or []
    for fc in forecasts:
        spans += [fc.get("statement"), *(fc.get("evidence") or [])[:5]]
    ids = (s.get("doc_id", s.get("doc")) for s in spans if isinstance(s, dict))
    return list(dict.fromkeys(str(i) for i in ids if i))


def _brief(dev: Mapping[str, Any], docs_by_id: Mapping[Any, Any]) -> dict[str, Any]:
    """The brief as the HTML dossier's first screen draws it: cited summary (repaired
    readings of spun text), state of play, sources in words; spans linked in-page
    (``#tl-...``), which ``views.app_links`` points at the document pages."""
    from storyline.report.render.html.view_front import Linker, story_view

    return story_view(dev, docs_by_id, Linker(docs_by_id))


def _forecasts(items: list[dict[str, Any]], docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The forecast ledger's rows, each quote linked to its span on the document page."""
    from storyline.report.render.forecasts import forecast_view
    from storyline.report.render.html.view_timeline import link_span

    texts = {d.get("id"): str(d.get("text", "")) for d in docs}
    rows = forecast_view({"documents": docs, "forecasts": items})
    for row in rows:
        for span in [row["statement"], *row["evidence"]]:
            link_span(span, texts, defaultdict(list), f"forecast: {row['status']}")
    return rows


def developing_view(db: sqlite3.Connection, dev_id: str, offset: int = 0) -> dict[str, Any] | None:
    """A developing story's page: brief, event-level stories in order, a page of its
    documents with their labels, forecasts; None if there is no such story."""
    dev = q.get_item(db, "developing_stories", dev_id)
    if dev is None:
        return None
    failed: list[str] = []
    shown = guarded(failed)
    events = shown("event stories", lambda: events_of(db, dev, MAX_EVENTS), [])
    doc_ids = [str(d) for d in dev.get("documents") or []]
    shown_ids = doc_ids[offset : offset + DOCS_PER_PAGE]
    forecasts = q.items_of_docs(db, "forecasts", doc_ids[:500], limit=MAX_FORECASTS)
    cited = shown("brief", lambda: _cited_docs(dev, forecasts), [])
    docs = [d for d in (q.get_document(db, i) for i in cited) if d]
    return {
        "dev": dev,
        "title": dev.get("title") or dev_id,
        "dates": dates(dev),
        "brief": shown("brief", lambda: _brief(dev, {d.get("id"): d for d in docs}), None),
        "events": events,
        "n_events": len(story_ids(dev)),
        "n_loose": loose_count(dev),
        "documents": shown("sources", lambda: _documents(db, events, shown_ids), []),
        "titles": {e["id"]: e["title"] for e in events},
        "page": {"total": len(doc_ids), "offset": offset, "limit": DOCS_PER_PAGE},
        "forecasts": shown("forecasts", lambda: _forecasts(forecasts, docs), []),
        "n_forecasts_capped": len(forecasts) == MAX_FORECASTS,
        "failed": list(dict.fromkeys(failed)),
    }


def _documents(
    db: sqlite3.Connection, events: list[dict[str, Any]], doc_ids: list[str]
) -> list[dict[str, Any]]:
    """One page of a developing story's documents: label, flags, its event story."""
    labels = q.document_labels(db, doc_ids)
    found = q.get_items(db, "stories", [str(e["id"]) for e in events])
    story_of = {str(d): s for s, rec in found.items() for d in rec.get("documents") or []}
    return [
        {
            "id": d,
            "label": doc_label(labels.get(d), d),
            "flags": (labels.get(d) or {}).get("flags", []),
            "story": story_of.get(d),
        }
        for d in doc_ids
    ]
