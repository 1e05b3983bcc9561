"""The HTML page's view model: the dossier dict turned into what the templates show.

Rendering reads only the dossier: counts come from ``stats`` and quote group
records, never from fusion. Values stay unescaped here; the templates
autoescape them, and the annotated text is built by ``layers.segment_html``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from storyline.report.render.forecasts import forecast_view
from storyline.report.render.generic import generic_sections
from storyline.report.render.html.anchors import (
    css_name,
    doc_anchor,
    mention_anchor,
    quote_anchor,
)
from storyline.report.render.html.layers import (
    Layer,
    document_layers,
    segment_html,
)
from storyline.report.render.html.view_claims import claims_page
from storyline.report.render.html.view_conflicts import conflicts_page
from storyline.report.render.html.view_events import events_page, merged_layers
from storyline.report.render.html.view_front import (
    ANALYSED_SECTIONS,
    front_view,
    integrity_sentence,
)
from storyline.report.render.html.view_integrity import (
    flags_view,
    integrity_view,
    lineage_view,
)
from storyline.report.render.html.view_timeline import link_span, timeline_page
from storyline.report.render.integrity import stated_independent_sources
from storyline.report.statements import (
    display_threshold,
    hidden_quotes,
    local_quote_id,
    sources_text,
    statement_details,
    who_said_what,
)
from storyline.report.text import (
    counts_line,
    doc_label,
    doc_title,
    enclosed_unquoted,
    excerpt,
    flag_notes,
    in_text,
    printed_names,
    published_inferred,
    published_text,
    role_date,
    short_date,
    with_repaired,
)

MAX_MENTIONS_SHOWN = 10  # per entity row; the rest are highlighted in the texts
MAX_DOCS_SHOWN = 12  # per entity row, the documents that mention it most
MAX_PROFILE_ITEMS = 25  # roles and quotes each in an entity's profile
LARGE_ENTITIES = 150  # entity rows on the main page of a large dossier
LARGE_ROWS = 200  # rows per generic table on the main page of a large dossier
LARGE_SPEAKERS = 60  # "Who said what" speakers on the main page of a large dossier
LARGE_STATEMENTS = 15  # and statements per speaker there
FRONT_KEYS = frozenset({"stories"})  # shown by the first screen and the Stories section
_WEB_URL = re.compile(r"^https?://[^\s\"'<>]+$", re.IGNORECASE)


def _web_url(url: Any) -> str | None:
    return url if isinstance(url, str) and _WEB_URL.match(url) else None


def _evidence_note(ev: dict[str, Any] | None) -> str:
    if not ev:
        return ""
    note = f"from {ev.get('method')}"
    if isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int):
        note += f", chars {ev['start']}–{ev['end']}"
    if ev.get("inferred"):
        note += ", inferred"
    if isinstance(ev.get("confidence"), (int, float)):
        note += f", confidence {ev['confidence']:.2f} (not calibrated)"
    return note


def quotes_view(
    dossier: dict[str, Any], docs_by_id: dict[Any, dict[str, Any]], known_entities: set[Any]
) -> tuple[list[dict[str, Any]], dict[Any, list[dict[str, Any]]]]:
    """The "Who said what" sections, and per document the quotes whose span is drawn."""
    quotes_by_doc: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for q in dossier.get("quotes") or []:
        if isinstance(q, dict) and q.get("doc") in docs_by_id:
            quotes_by_doc[q["doc"]].append(q)
    anchored: set[Any] = set()  # ids of quotes whose anchor exists in the page
    for doc_id, qs in quotes_by_doc.items():
        n = len(str(docs_by_id[doc_id].get("text", "")))
        for q in qs:
            ok = in_text(q.get("start"), q.get("end"), n) or any(
                isinstance(f, dict) and in_text(f.get("start"), f.get("end"), n)
                for f in q.get("fragments") or []
            )
            if ok:
                anchored.add(q.get("id"))
    sections = []
    for k, sec in enumerate(who_said_what(dossier)):
        statements = []
        for st in sec.statements:
            sources = []
            per_doc = Counter(q.get("doc") for q in st.quotes)
            nth: Counter[Any] = Counter()
            for q in st.quotes:
                doc_id = q.get("doc")
                doc = docs_by_id.get(doc_id) or {}
                nth[doc_id] += 1
                extra = f" #{nth[doc_id]}" if per_doc[doc_id] > 1 else ""
                linked = doc_id in docs_by_id and q.get("id") in anchored
                sources.append(
                    {
                        "doc": doc_id,
                        "label": doc_label(doc) if doc else str(doc_id),
                        "title": doc.get("title"),
                        "outlet": doc.get("outlet"),
                        "quote": q.get("id"),
                        "extra": extra,
                        "href": "#" + quote_anchor(doc_id, local_quote_id(q)) if linked else None,
                        "doc_href": "#" + doc_anchor(str(doc_id)) if doc else None,
                    }
                )
            statements.append(
                {
                    "id": st.id,
                    "anchor": f"st-{css_name(st.id)}",
                    "text": st.text,
                    "spun_original": st.spun_original,
                    "doubts": st.doubts,
                    "truncated": st.text.endswith("…") and not st.full_text.rstrip().endswith("…"),
                    "details": statement_details(st),
                    "sources_text": sources_text(st),
                    "sources": sources,
                }
            )
        sections.append(
            {
                "anchor": f"who-{k}",
                "name": sec.name,
                "unattributed": not sec.key,
                "entity_href": "#ent-" + css_name(sec.entity)
                if sec.entity in known_entities
                else None,
                "statements": statements,
            }
        )
    return sections, quotes_by_doc


def profile_view(
    e: dict[str, Any], docs_by_id: dict[Any, dict[str, Any]], quotes_by_id: dict[Any, dict]
) -> dict[str, Any]:
    """An entity's profile: aliases with counts, roles timeline, quotes, KB link."""
    mentions_by_doc: dict[Any, list[dict]] = defaultdict(list)
    for m in e.get("mentions", []):
        mentions_by_doc[m.get("doc")].append(m)
    roles = []
    for r in e.get("roles") or []:
        if r.get("relation") != "role":
            continue
        doc_id = r.get("doc")
        href = None
        if doc_id in docs_by_id:
            href = "#" + doc_anchor(str(doc_id))
            for m in mentions_by_doc.get(doc_id, ()):
                if r.get("start", 0) <= m.get("start", -1) and m.get("end", 0) <= r.get("end", -1):
                    href = "#" + mention_anchor(str(doc_id), m.get("start"), m.get("end"))
                    break
        doc = docs_by_id.get(doc_id) or {}
        roles.append(
            {
                "date": role_date(r),
                "title": r.get("title"),
                "org": r.get("org"),
                "text": r.get("text"),
                "source": doc_label(doc) if doc else doc_id,
                "href": href,
            }
        )
    quotes = []
    for qid in e.get("quotes") or []:
        q = quotes_by_id.get(qid)
        if q is None:
            continue
        doc_id = q.get("doc")
        # a spun document's quote in its repaired reading, as everywhere else,
        # the words as printed one hover away; the list adds its own marks
        shown = {"doc": doc_id, "start": q.get("start"), "end": q.get("end"), "text": q.get("text")}
        with_repaired(shown, docs_by_id)
        quotes.append(
            {
                "id": qid,
                "text": excerpt(enclosed_unquoted(shown["text"])),
                "printed": excerpt(enclosed_unquoted(shown["printed"]))
                if shown.get("printed")
                else None,
                "href": "#" + quote_anchor(doc_id, local_quote_id(q))
                if doc_id in docs_by_id
                else None,
            }
        )
    return {
        "alias_counts": [
            {"text": a.get("text"), "count": a.get("count", 0), "docs": len(a.get("docs") or [])}
            for a in e.get("aliases", [])
        ],
        "roles": roles[:MAX_PROFILE_ITEMS],
        "quotes": quotes[:MAX_PROFILE_ITEMS],
        "more_profile": max(0, len(roles) - MAX_PROFILE_ITEMS)
        + max(0, len(quotes) - MAX_PROFILE_ITEMS),
        "kb": e.get("kb"),
    }


def generic_view(
    dossier: dict[str, Any], known_docs: set[Any], max_rows: int | None = None
) -> list[dict[str, Any]]:
    """Sections no dedicated view renders (none today), each row's document linked;
    at most ``max_rows`` rows each when given (the count of the rest is kept)."""
    labels = {d.get("id"): doc_label(d) for d in dossier.get("documents") or []}
    out = []
    for sec in generic_sections(dossier):
        if sec.key in FRONT_KEYS:
            continue
        # a column empty in every row ("low", "per" of counts) only narrows the others
        keep = [i for i in range(len(sec.columns)) if any(r.cells[i] for r in sec.rows)]
        rows = [
            {
                "doc": r.doc,
                "doc_label": labels.get(r.doc, r.doc),
                "doc_href": "#" + doc_anchor(r.doc) if r.doc in known_docs else None,
                "text": r.text,
                "cells": [r.cells[i] for i in keep],
            }
            for r in sec.rows[:max_rows]
        ]
        out.append(
            {
                "anchor": f"section-{css_name(sec.key)}",
                "title": sec.title,
                "columns": [sec.columns[i] for i in keep],
                "has_doc": sec.has_doc,
                "has_text": sec.has_text,
                "rows": rows,
                "more_rows": len(sec.rows) - len(rows),
            }
        )
    return out


def _forecasts(dossier: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[Any, list[Layer]]]:
    """The forecast view with each span linked to its highlighted place in the
    text, and per document the layers of those spans."""
    items = forecast_view(dossier)
    texts = {d.get("id"): str(d.get("text", "")) for d in dossier.get("documents") or []}
    layers: dict[Any, list[Layer]] = defaultdict(list)
    for it in items:
        for span in [it["statement"], *it["evidence"]]:
            link_span(span, texts, layers, f"forecast: {it['status']}")
    return items, layers


def page_view(dossier: dict[str, Any], large: bool = False) -> dict[str, Any]:
    """Everything ``dossier.html.j2`` shows, from the dossier dict alone.

    ``large`` (a dossier whose article views get their own pages) keeps the
    main page quick to open: only the ``LARGE_ENTITIES`` most mentioned
    entities and the first ``LARGE_ROWS`` rows of each generic table are
    shown there, each cut said in the page (dossier.json has everything)."""
    docs = dossier.get("documents", [])
    known_docs = {d.get("id") for d in docs}
    docs_by_id = {d.get("id"): d for d in docs}
    lineages, passages_by_doc, as_copy, as_original = lineage_view(dossier, docs_by_id)
    lineage_anchor = {lin["id"]: "#" + lin["anchor"] for lin in lineages}
    entity_at: dict[Any, dict[tuple[int, int], dict]] = defaultdict(dict)
    quotes_by_id = {q.get("id"): q for q in dossier.get("quotes") or []}
    # a page of the web app holds a slice of the dossier: the documents its entity
    # rows name beyond it come labelled (``outside_labels``), linked by anchor
    # (the app points ``#doc-<id>`` at that document's page)
    outside = dossier.get("outside_labels") or {}
    labels = {**outside, **{d.get("id"): doc_label(d) for d in docs}}
    entities = []
    n_entities = 0
    for e in sorted(
        dossier.get("entities", []),
        key=lambda e: (-len(e.get("mentions", [])), e.get("name", "")),
    ):
        n_entities += 1
        for m in e.get("mentions", []):
            entity_at[m.get("doc")].setdefault((m.get("start"), m.get("end")), e)
        if large and len(entities) >= LARGE_ENTITIES:
            continue
        mentions = []
        for m in e.get("mentions", [])[:MAX_MENTIONS_SHOWN]:
            linked = m.get("doc") in known_docs
            mentions.append(
                {
                    "doc": m.get("doc"),
                    "doc_label": labels.get(m.get("doc"), m.get("doc")),
                    "text": m.get("text"),
                    "start": m.get("start"),
                    "end": m.get("end"),
                    "href": "#" + mention_anchor(m.get("doc", ""), m.get("start"), m.get("end"))
                    if linked
                    else None,
                }
            )
        per_doc = Counter(m.get("doc") for m in e.get("mentions", []))
        if isinstance(e.get("documents"), dict):
            per_doc = Counter(e["documents"])
        entities.append(
            {
                "id": e.get("id"),
                "anchor": f"ent-{css_name(e.get('id'))}",
                "name": e.get("name"),
                "type": e.get("type"),
                "type_class": css_name(e.get("type")),
                "count": len(e.get("mentions", [])),
                "more_mentions": max(0, len(e.get("mentions", [])) - MAX_MENTIONS_SHOWN),
                "more_docs": max(0, len(per_doc) - MAX_DOCS_SHOWN),
                "aliases": [
                    a.get("text") for a in e.get("aliases", []) if a.get("text") != e.get("name")
                ],
                "printed": printed_names(e),  # a spun text's words, shown repaired
                "flags": flag_notes(e),
                "docs": [
                    {
                        "id": d,
                        "label": labels.get(d, d),
                        "count": n,
                        "href": "#" + doc_anchor(d) if d in known_docs or d in outside else None,
                    }
                    for d, n in per_doc.most_common(MAX_DOCS_SHOWN)
                ],
                "mentions": mentions,
                **profile_view(e, docs_by_id, quotes_by_id),
            }
        )
    entities_by_id = {e.get("id"): e for e in dossier.get("entities", [])}
    speakers, quotes_by_doc = quotes_view(dossier, docs_by_id, set(entities_by_id))
    all_speakers = speakers
    if large:
        speakers = [
            {
                **sec,
                "statements": sec["statements"][:LARGE_STATEMENTS],
                "more": len(sec["statements"]) - LARGE_STATEMENTS,
            }
            for sec in speakers[:LARGE_SPEAKERS]
        ]
    timeline, timeline_layers = timeline_page(dossier)
    events, event_layers = events_page(dossier)
    forecasts, forecast_layers = _forecasts(dossier)
    conflicts, conflict_layers = conflicts_page(dossier)
    claims, claim_layers = claims_page(dossier)
    front, front_layers = front_view(dossier, docs_by_id)
    sentence_layers = merged_layers(
        front_layers, timeline_layers, event_layers, forecast_layers, conflict_layers, claim_layers
    )
    documents = []
    for d in docs:
        metadata = d.get("metadata") or {}
        kinds = Counter(s.get("kind") for s in d.get("spans", []))
        documents.append(
            {
                "id": d.get("id"),
                "anchor": doc_anchor(d.get("id", "")),
                "heading": doc_title(d),
                "short_title": excerpt(doc_title(d), 90),
                "label": labels.get(d.get("id")),
                "title": d.get("title"),
                "outlet": d.get("outlet"),
                "outlet_note": _evidence_note(metadata.get("outlet")),
                "published": published_text(d),
                # the Sources table: "19 Mar 2022" as the labels write it, the
                # machine value in <time datetime>
                "published_day": short_date(d.get("published")),
                "published_iso": str(d.get("published") or ""),
                "published_inferred": published_inferred(d),
                "published_note": _evidence_note(metadata.get("published")),
                "language": d.get("language"),
                "source": d.get("source"),
                "external_id": d.get("external_id"),
                "format": d.get("format"),
                "url": d.get("url"),
                "url_href": _web_url(d.get("url")),
                "span_kinds": sorted(kinds.items()),
                "n_mentions": len(d.get("mentions", [])),
                "warnings": d.get("warnings", []),
                "flags": flags_view(d, docs_by_id),
                "finding": integrity_sentence(d, docs_by_id),
                "integrity": integrity_view(d, lineage_anchor, docs_by_id),
                "copy_links": as_copy.get(d.get("id"), []),
                "copied_by": as_original.get(d.get("id"), []),
                "text_html": segment_html(
                    d.get("text", ""),
                    document_layers(
                        d,
                        entity_at.get(d.get("id")),
                        passages_by_doc.get(d.get("id"), ()),
                        quotes_by_doc.get(d.get("id"), ()),
                        entities_by_id,
                    )
                    + sentence_layers.get(d.get("id"), []),
                ),
            }
        )
    return {
        "schema": dossier.get("schema"),
        "generated_by": dossier.get("generated_by"),
        "counts": counts_line(dossier.get("stats", {})),
        "front": front,
        "not_analysed": frozenset(k for k, _ in ANALYSED_SECTIONS if k not in dossier),
        "documents": documents,
        "entities": entities,
        "lineages": lineages,
        "speakers": speakers,
        "n_statements": sum(len(sec["statements"]) for sec in all_speakers),
        "n_speakers": sum(1 for sec in all_speakers if not sec["unattributed"]),
        "n_quotes": sum(len(s["sources"]) for sec in all_speakers for s in sec["statements"]),
        "n_hidden_quotes": hidden_quotes(dossier),
        "quote_threshold": display_threshold(dossier),
        "n_documents": len(docs),
        "n_sources": stated_independent_sources(dossier),
        "timeline": timeline,
        "events": events,
        "forecasts": forecasts,
        "conflicts": conflicts,
        "claims": claims,
        "generic": generic_view(dossier, known_docs, LARGE_ROWS if large else None),
        "n_hidden_entities": n_entities - len(entities),
        "n_hidden_speakers": len(all_speakers) - len(speakers),
        "errors": dossier.get("errors", []),
    }
