"""What each page shows, from the stored dossier: the view models of the web app.

The story and document pages reuse the HTML dossier's own views
(``report/render/html``) on the slice of the dossier they cover
(``store.queries.sub_dossier``), so they look and read the same as
``dossier.html``. Those views link to element ids in one page; here a link
to a document, a span in it or an entity becomes a link to that document's
or entity's page (``app_links``).
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from storyline.store import queries as q
from storyline.web.worldmap import map_view

#: Most documents a story page gathers items from (a larger story lists the rest).
MAX_STORY_DOCS = 200
#: Most documents, quotes and roles listed on an entity page (all are in the API).
MAX_ENTITY_ROWS = 100
#: Most documents (those naming the entity most) whose quotes are looked at for
#: quotes about an entity.
ABOUT_DOCS = 30
#: Search hits fetched before facets narrow them (the facets count these).
SEARCH_HITS = 100

_HREF = re.compile(r'href="#([a-z]+)-([A-Za-z0-9_]+)([^"]*)"')
#: A first-screen citation of a document the page does not hold (``view_front``).
_OUTSIDE = re.compile(
    r'<a class="(cite|ref)" href="#documents" title="([A-Za-z0-9_]+)">([^<]*)</a>'
)
#: Anchor kinds of the dossier page that name a document (``render/html/anchors.py``).
DOC_ANCHORS = frozenset({"doc", "m", "q", "spun", "mt", "oo", "tl"})


def doc_label(doc: dict[str, Any] | None, doc_id: str = "") -> str:
    """A readable label, the dossier's own (``report.text.doc_label``): ``outlet ·
    date · short title``, an untitled document named by its first line; the id
    only when nothing else is known."""
    from storyline.report.text import doc_label as shared_label

    if not doc:
        return doc_id
    return shared_label(doc) or doc_id


def app_links(html: str, on_page: set[str]) -> str:
    """Point the dossier views' in-page links at the app's pages.

    ``#doc-<id>`` and any span anchor ``#<kind>-<id>-...`` of a document not
    on this page go to ``/documents/<id>`` (with the anchor); ``#ent-<id>``
    goes to ``/entities/<id>`` when the entity table is not on the page.
    """

    def swap(m: re.Match[str]) -> str:
        kind, name, rest = m.group(1), m.group(2), m.group(3)
        anchor = f"{kind}-{name}{rest}"
        if kind == "ent" and "ent" not in on_page:
            return f'href="/entities/{name}"'
        if kind not in DOC_ANCHORS or name in on_page:
            return m.group(0)
        if kind == "doc":
            return f'href="/documents/{name}"'
        return f'href="/documents/{name}#{anchor}"'

    return _HREF.sub(swap, html)


def cite_outside(html: str, db: sqlite3.Connection) -> str:
    """Point a document page's citations of documents not on it at their pages,
    labelled ``outlet · date · title`` rather than by hash id.

    The dossier's first screen cites a developing story's brief, whose sentences
    come from other documents too; on one document's page those are not in the
    dossier it renders, so the view links them to its document list by id
    (``href="#documents"``, the id as the text)."""
    from markupsafe import escape

    found = _OUTSIDE.findall(html)
    labels = q.document_labels(db, sorted({doc for _, doc, _ in found}))

    def swap(m: re.Match[str]) -> str:
        kind, doc, text = m.group(1), m.group(2), m.group(3)
        if doc not in labels:
            return m.group(0)
        shown = escape(doc_label(labels[doc], doc)) if text in (doc, f"— {doc}") else text
        return f'<a class="{kind}" href="/documents/{doc}" title="{doc}">{shown}</a>'

    html = _OUTSIDE.sub(swap, html) if labels else html
    return name_outside(html, db)


#: A document of another page named by its bare id in the dossier's integrity
#: words: ``copy of “<id>”`` and ``<span title="<id>"><id></span>`` (``docref``
#: of a document the page does not hold).
_BARE_ID = re.compile(r'“([A-Za-z0-9_]{6,})”|<span title="([A-Za-z0-9_]{6,})">\2</span>')


def name_outside(html: str, db: sqlite3.Connection) -> str:
    """Name and link the documents a document page's integrity words give by bare
    id (the original it copies, the copies of it): ``outlet · date · title``;
    anything that is not a stored document's id is left as it is."""
    from markupsafe import escape

    found = {a or b for a, b in _BARE_ID.findall(html)}
    labels = q.document_labels(db, sorted(found)) if found else {}
    if not labels:
        return html

    def swap(m: re.Match[str]) -> str:
        doc = m.group(1) or m.group(2)
        if doc not in labels:
            return m.group(0)
        link = f'<a href="/documents/{doc}" title="{doc}">{escape(doc_label(labels[doc], doc))}</a>'
        return f"“{link}”" if m.group(1) else link

    return _BARE_ID.sub(swap, html)


def entity_doc_labels(
    db: sqlite3.Connection, sub: dict[str, Any], on_page: set[str]
) -> dict[str, str]:
    """id → label of the documents beyond ``on_page`` that the entity rows of the
    dossier view list (each entity's most-mentioning ones), so a document page
    names them ``outlet · date · title`` and links them, not by hash id."""
    from collections import Counter

    from storyline.report.render.html.view import MAX_DOCS_SHOWN

    wanted: set[str] = set()
    for e in sub.get("entities") or []:
        per_doc = e.get("documents") if isinstance(e, dict) else None
        if isinstance(per_doc, dict):
            top = Counter({str(k): v for k, v in per_doc.items() if isinstance(v, int)})
            wanted |= {d for d, _ in top.most_common(MAX_DOCS_SHOWN)}
    ids = sorted(wanted - on_page)
    labels = q.document_labels(db, ids)
    return {d: doc_label(labels[d], d) for d in ids if d in labels}


def guarded(failed: list[str]) -> Callable[[str, Callable[[], Any], Any], Any]:
    """``shown(name, make, empty)``: one part of a page made by ``make()``; a stored
    record it cannot read costs that part only (``empty`` shown, ``name`` noted
    in ``failed`` for the page to say so)."""

    def shown(name: str, make: Callable[[], Any], empty: Any) -> Any:
        try:
            return make()
        except Exception:  # noqa: BLE001 - the rest of the page is still worth showing
            failed.append(name)
            return empty

    return shown


def story_card(s: dict[str, Any], labels: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """What the home page shows of an event-level story: title, brief, dates, its
    first documents and main entities (``labels``: ``store.queries.document_labels``)."""
    docs = [str(d) for d in s.get("documents") or []]
    return {
        "id": s.get("id"),
        "title": s.get("title") or s.get("id"),
        "brief": brief_lines(s),
        "first": s.get("first"),
        "last": s.get("last"),
        "n_documents": len(docs),
        "documents": [{"id": d, "label": doc_label(labels.get(d), d)} for d in docs[:5]],
        "entities": [e for e in s.get("entities") or [] if isinstance(e, dict) and e.get("id")],
    }


def home_view(db: sqlite3.Connection, offset: int = 0, limit: int = 50) -> dict[str, Any]:
    """The stories in dossier order, each with its brief or summary and documents;
    grouped by developing story when the dossier has them (``web/developing.py``)."""
    from storyline.web.developing import home_groups

    info = q.dossier_info(db)
    counts = q.section_counts(db)
    if counts.get("developing_stories"):
        page, groups = home_groups(db, offset, limit, story_card)
    else:
        page = q.list_items(db, "stories", q.Filters(), limit=limit, offset=offset)
        doc_ids = [str(d) for s in page["items"] for d in (s.get("documents") or [])[:5]]
        labels = q.document_labels(db, doc_ids)
        groups = [{"story": story_card(s, labels)} for s in page["items"]]
    one_actor_per_country(db, [g.get("story") or g.get("developing") or {} for g in groups])
    return {
        "has_dossier": info is not None,
        "generated_by": (info or {}).get("generated_by"),
        "counts": counts,
        "groups": groups,
        "page": page,
        "unassigned": q.list_documents(db, q.Filters(), limit=1)["total"] if not groups else 0,
    }


#: Main entities a story card names.
CARD_ENTITIES = 6


def one_actor_per_country(
    db: sqlite3.Connection, cards: list[dict[str, Any]], most: int = CARD_ENTITIES
) -> None:
    """Cut each card's ``entities`` to ``most``, a country and its nationality words
    ("Belarus", "Belarusian") counted as one actor (``web/actors.py``); if the
    stored records cannot be read the lists are only cut."""
    from storyline.web.actors import one_per_country

    ids = [str(e["id"]) for c in cards for e in c.get("entities") or []]
    try:
        known = q.entity_spellings(db, list(dict.fromkeys(ids)))
    except (sqlite3.Error, ValueError):
        known = {}
    for c in cards:
        if c.get("entities"):
            c["entities"] = one_per_country(c["entities"], known, most)


def brief_lines(story: dict[str, Any]) -> list[dict[str, Any]]:
    """The story's brief (or summary) sentences: {text, doc, href}, each citing its
    document; ``href`` goes to the cited span on the document page when known."""
    lines = []
    for key in ("brief", "summary"):
        value = story.get(key)
        if isinstance(value, dict):
            value = value.get("sentences") or value.get("items")
        if isinstance(value, str):
            return [{"text": value, "doc": None, "href": None}]
        if isinstance(value, list):
            for s in value:
                if isinstance(s, dict) and s.get("text"):
                    lines.append({"text": s["text"], "doc": s.get("doc"), "href": cited_href(s)})
                elif isinstance(s, str):
                    lines.append({"text": s, "doc": None, "href": None})
        if lines:
            break
    return lines


def cited_href(span: dict[str, Any]) -> str | None:
    """The document page's link to a cited span (its highlight there: the anchor
    the dossier view gives a brief's sentence), else to the document."""
    from storyline.report.render.html.anchors import timeline_anchor

    doc, start, end = span.get("doc", span.get("doc_id")), span.get("start"), span.get("end")
    if not doc:
        return None
    if isinstance(start, int) and isinstance(end, int):
        return f"/documents/{doc}#{timeline_anchor(doc, start, end)}"
    return f"/documents/{doc}"


def story_view(db: sqlite3.Connection, story_id: str) -> dict[str, Any] | None:
    """A story's dossier views (timeline, who said what, numbers, disagreements,
    forecasts, claims, sources and lineage), or None if there is no such story."""
    from storyline.report.render.forecasts import forecast_view
    from storyline.report.render.html.view import quotes_view
    from storyline.report.render.html.view_claims import claims_page
    from storyline.report.render.html.view_conflicts import conflicts_page
    from storyline.report.render.html.view_events import events_page
    from storyline.report.render.html.view_integrity import lineage_view
    from storyline.report.render.html.view_timeline import link_span, timeline_page
    from storyline.web.developing import part_of

    story = q.get_item(db, "stories", story_id)
    if story is None:
        return None
    doc_ids = [str(d) for d in story.get("documents") or []]
    sub = q.sub_dossier(db, doc_ids[:MAX_STORY_DOCS])
    for d in sub["documents"]:  # these views read only the spun spans (repaired readings)
        d["spans"] = [s for s in d.get("spans") or [] if s.get("kind") == "spun"]
    docs_by_id = {d.get("id"): d for d in sub["documents"]}
    failed: list[str] = []
    shown = guarded(failed)
    entity_ids = {e.get("id") for e in sub.get("entities") or []}
    speakers = shown("who said what", lambda: quotes_view(sub, docs_by_id, entity_ids)[0], [])
    lineages = shown("lineage", lambda: lineage_view(sub, docs_by_id)[0], [])
    # Documents of other stories that this story's records cite: labelled, not hash ids.
    outside = q.context_labels(db, doc_ids[:MAX_STORY_DOCS])
    labels = {**outside, **q.document_labels(db, doc_ids)}
    texts = {d.get("id"): str(d.get("text", "")) for d in sub["documents"]}
    # The section views label documents from the dossier's list: these stubs have
    # no text, so nothing in them is linked or highlighted on this page.
    sub = {**sub, "documents": [*sub["documents"], *(stub(x) for x in outside.values())]}

    def forecasts_linked() -> list[dict[str, Any]]:
        items = forecast_view(sub)
        for it in items:  # each span linked to its place in the text, as dossier.html does
            for span in [it["statement"], *it["evidence"]]:
                link_span(span, texts, defaultdict(list), f"forecast: {it['status']}")
        return items

    forecasts = shown("forecasts", forecasts_linked, [])
    places = shown("places", lambda: places_view(sub.get("places") or []), [])
    developing = shown("developing story", lambda: part_of(db, story), None)
    empty_list = {"total": 0, "items": []}
    actors = [e for e in story.get("entities") or [] if isinstance(e, dict) and e.get("id")]
    story = {**story, "entities": actors}
    shown("actors", lambda: one_actor_per_country(db, [story], len(actors)), None)
    return {
        "story": story,
        "developing": developing,
        "title": story.get("title") or story_id,
        "brief": brief_lines(story),
        "documents": [
            {
                "id": d,
                "label": doc_label(labels.get(d), d),
                "flags": (labels.get(d) or {}).get("flags", []),
            }
            for d in doc_ids
        ],
        "n_more": max(0, len(doc_ids) - MAX_STORY_DOCS),
        "speakers": speakers,
        "timeline": shown("timeline", lambda: timeline_page(sub)[0], {"total": 0}),
        "events": shown("events", lambda: events_page(sub)[0], {"total": 0, "other": []}),
        "conflicts": shown("disagreements", lambda: conflicts_page(sub)[0], empty_list),
        "claims": shown("claims", lambda: claims_page(sub)[0], {"total": 0, "subjects": []}),
        "forecasts": forecasts,
        "failed": failed,
        "quantities": [x for x in sub.get("quantities") or [] if isinstance(x, dict)],
        "places": places,
        "map": shown("map", lambda: map_view(places), None),
        "labels": {d: doc_label(labels.get(d), d) for d in [*doc_ids, *outside]},
        "lineages": lineages,
        "generic": [],
    }


def stub(label: dict[str, Any]) -> dict[str, Any]:
    """A document known only by its label (id, title, outlet, published, source)."""
    return {k: label.get(k) for k in ("id", "title", "outlet", "published", "source")} | {
        "text": ""
    }


def places_view(places: list[Any]) -> list[dict[str, Any]]:
    """The story's places, one row per resolved place: where events happen
    first, then by how many documents name it."""
    rows: dict[Any, dict[str, Any]] = {}
    for p in places:
        if not isinstance(p, dict) or not p.get("name"):
            continue
        key = p.get("geonameid") or p["name"]
        row = rows.setdefault(
            key,
            {
                "name": p["name"],
                "country": p.get("country"),
                "feature": p.get("feature"),
                "lat": p.get("lat"),
                "lon": p.get("lon"),
                "docs": set(),
                "events": 0,
                "mentions": 0,
                "first": p,
            },
        )
        row["docs"].add(p.get("doc"))
        row["events"] += p.get("role") == "event"
        row["mentions"] += 1
    out = sorted(rows.values(), key=lambda r: (-r["events"], -len(r["docs"]), r["name"]))
    return [{**r, "docs": len(r["docs"]), "anchor": f"place-{i}"} for i, r in enumerate(out, 1)]


def entity_view(db: sqlite3.Connection, entity_id: str) -> dict[str, Any] | None:
    """An entity: every spelling, roles over time, quotes by and about it."""
    entity = q.get_item(db, "entities", entity_id)
    if entity is None:
        return None
    mentions = entity.get("mentions") or []
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in mentions:
        by_doc[str(m.get("doc"))].append(m)
    doc_ids = list(by_doc)
    labels = q.document_labels(db, doc_ids)
    roles = sorted(
        (r for r in entity.get("roles") or [] if isinstance(r, dict)),
        key=lambda r: (not r.get("date"), str(r.get("date") or ""), str(r.get("doc"))),
    )
    by, about = _entity_quotes(db, entity_id, by_doc)
    display = (q.dossier_info(db) or {}).get("display") or {}
    low_below = display.get("quote_min_confidence") if isinstance(display, dict) else None
    quotes_by = [_quote_row(x, labels, low_below) for x in by]
    quotes_by.sort(key=lambda row: row["low"])  # confident attributions first
    return {
        "entity": entity,
        "aliases": [a for a in entity.get("aliases") or [] if isinstance(a, dict)],
        "roles": [_role_row(r, labels) for r in roles[:MAX_ENTITY_ROWS]],
        "documents": [
            {"id": d, "label": doc_label(labels.get(d), d), "count": len(ms)}
            for d, ms in sorted(by_doc.items(), key=lambda kv: -len(kv[1]))[:MAX_ENTITY_ROWS]
        ],
        "n_documents": len(doc_ids),
        "n_mentions": len(mentions),
        "quotes_by": quotes_by,
        "low_below": low_below,
        "quotes_about": [_quote_row(x, labels) for x in about],
        "claims": q.list_items(db, "claims", q.Filters(entity=entity_id), limit=50)["items"],
    }


def _role_row(r: dict[str, Any], labels: dict[str, dict[str, Any]]) -> dict[str, Any]:
    from storyline.report.text import role_date

    doc_id = str(r.get("doc")) if r.get("doc") is not None else None
    return {
        "date": role_date(r),
        "title": r.get("title") or r.get("text"),
        "org": r.get("org"),
        "doc": doc_id,
        "label": doc_label(labels.get(doc_id or ""), doc_id or ""),
    }


def _entity_quotes(
    db: sqlite3.Connection, entity_id: str, mentions: dict[str, list[dict[str, Any]]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Quotes whose speaker is the entity, and quotes whose words mention it."""
    by = q.list_items(db, "quotes", q.Filters(entity=entity_id), limit=MAX_ENTITY_ROWS)["items"]
    by = [x for x in by if (x.get("speaker") or {}).get("entity") == entity_id]
    by_ids = {x.get("id") for x in by}
    about = []
    docs = sorted(mentions, key=lambda d: -len(mentions[d]))[:ABOUT_DOCS]
    for x in q.items_of_docs(db, "quotes", docs, limit=ABOUT_DOCS * 20):
        doc_id = str(x.get("doc"))
        if x.get("id") in by_ids or doc_id not in mentions:
            continue
        s, e = x.get("start", 0), x.get("end", 0)
        if any(s <= m.get("start", -1) and m.get("end", 0) <= e for m in mentions[doc_id]):
            about.append(x)
            if len(about) >= MAX_ENTITY_ROWS:
                break
    return by, about


def _quote_row(
    x: dict[str, Any], labels: dict[str, dict[str, Any]], low_below: Any = None
) -> dict[str, Any]:
    """A quote as the entity page lists it; ``low`` when its attribution is below
    the confidence the dossier shows by default (``display.quote_min_confidence``)."""
    from storyline.report.render.html.anchors import quote_anchor
    from storyline.report.statements import local_quote_id

    doc_id = str(x.get("doc"))
    speaker = x.get("speaker") or {}
    return {
        "href": f"/documents/{doc_id}#{quote_anchor(doc_id, local_quote_id(x))}",
        "id": x.get("id"),
        "text": x.get("text"),
        "speaker": speaker.get("text") or speaker.get("name"),
        "confidence": x.get("confidence"),
        "low": isinstance(x.get("confidence"), int | float)
        and isinstance(low_below, int | float)
        and x["confidence"] < low_below,
        "doc": doc_id,
        "label": doc_label(labels.get(doc_id), doc_id),
        "start": x.get("start"),
        "end": x.get("end"),
    }


def marked(snippet: str, highlights: list[list[int]]) -> list[tuple[str, bool]]:
    """The snippet as (text, is_match) pieces, for the template to wrap in <mark>."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for start, end in sorted(highlights):
        if start < pos:
            continue
        if start > pos:
            out.append((snippet[pos:start], False))
        out.append((snippet[start:end], True))
        pos = end
    if pos < len(snippet):
        out.append((snippet[pos:], False))
    return out


def search_view(
    db: sqlite3.Connection, query: str, f: q.Filters, *, advanced: bool = False
) -> dict[str, Any]:
    """Search hits narrowed by the facets in ``f``, with the facet counts of all hits.

    Raises ``SearchError`` (one line for the user) for a query that cannot run.
    """
    from storyline.store.search import DEFAULT_TIME_LIMIT, check_search, find

    check_search(query, SEARCH_HITS)
    hits = find(db, query, SEARCH_HITS, DEFAULT_TIME_LIMIT, advanced)
    ids = [h["id"] for h in hits]
    labels = q.document_labels(db, ids)
    stories = q.stories_of(db, ids)
    if f.active():
        keep = q.matching_doc_ids(db, f, ids)
        shown = [h for h in hits if h["id"] in keep]
    else:
        shown = hits
    outlets: dict[str, int] = defaultdict(int)
    flags: dict[str, int] = defaultdict(int)
    story_counts: dict[tuple[str, str], int] = defaultdict(int)
    for h in hits:
        lab = labels.get(h["id"]) or {}
        if lab.get("outlet") or h.get("outlet"):
            outlets[str(lab.get("outlet") or h.get("outlet"))] += 1
        for flag in lab.get("flags") or []:
            flags[flag] += 1
        for st in stories.get(h["id"], []):
            story_counts[st] += 1
    dates = sorted(str(h.get("published"))[:10] for h in hits if h.get("published"))
    return {
        "hits": [
            {
                **h,
                "label": doc_label(labels.get(h["id"]) or h, h["id"]),
                "pieces": marked(h["snippet"], h["highlights"]),
                "stories": stories.get(h["id"], []),
            }
            for h in shown
        ],
        "n_hits": len(hits),
        "capped": len(hits) == SEARCH_HITS,
        "facets": {
            "outlets": sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0])),
            "flags": sorted(flags.items()),
            "stories": sorted(
                ((sid, title, n) for (sid, title), n in story_counts.items()),
                key=lambda t: (-t[2], t[1]),
            ),
            "entities": q.top_entities(db, ids),
            "first": dates[0] if dates else None,
            "last": dates[-1] if dates else None,
        },
    }
