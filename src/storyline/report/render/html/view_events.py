"""The HTML Events section: event groups with links to the sentences they were read from.

The content (which groups, their order, facts apart from denials and
forecasts) comes from ``storyline.report.render.events``, shared with the
Markdown view. Each shown sentence gets a layer with an anchor in its
document's text; a sentence the timeline also shows keeps one anchor (the
same name, ``timeline_anchor``), so both sections link to the same place.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from storyline.report.render.events import EventItem, events_view
from storyline.report.render.html.anchors import timeline_anchor
from storyline.report.render.html.layers import RANK_PASSAGE, Layer
from storyline.report.render.html.view_timeline import linked_sentences, linked_sources
from storyline.report.text import doc_label, in_text


def _item(item: EventItem, texts: Mapping[Any, str], labels: Mapping[Any, str]) -> dict[str, Any]:
    out = asdict(item)
    out["sentences"] = linked_sentences(item.sentences, texts, labels)
    out["sources"] = linked_sources(item.sources, texts)
    return out


def events_page(
    dossier: Mapping[str, Any],
) -> tuple[dict[str, Any], dict[Any, list[Layer]]]:
    """The section's view and, per document, the layers of its shown sentences."""
    view = events_view(dossier)
    labels = {
        d.get("id"): doc_label(d) for d in dossier.get("documents") or [] if isinstance(d, Mapping)
    }
    texts = {
        d.get("id"): str(d.get("text", ""))
        for d in dossier.get("documents") or []
        if isinstance(d, Mapping)
    }
    layers: dict[Any, list[Layer]] = defaultdict(list)
    for item in view.facts + view.other:
        for s in item.sentences:
            doc, start, end = s.get("doc"), s.get("start"), s.get("end")
            if doc not in texts or not in_text(start, end, len(texts[doc])):
                continue
            attrs = {"class": "tl-sentence", "title": f"event: {item.label}"}
            layers[doc].append(
                Layer(start, end, RANK_PASSAGE, "span", attrs, timeline_anchor(doc, start, end))
            )
    section = {
        "facts": [_item(i, texts, labels) for i in view.facts],
        "other": [_item(i, texts, labels) for i in view.other],
        "total": view.total,
        "shown": view.shown,
        "n_reports": len(dossier.get("events") or []),
    }
    return section, layers


def merged_layers(*per_doc: Mapping[Any, list[Layer]]) -> dict[Any, list[Layer]]:
    """Per document, the layers of several sections with one layer per anchor
    (a sentence both the timeline and the events show is highlighted once)."""
    out: dict[Any, list[Layer]] = defaultdict(list)
    seen: set[tuple[Any, str]] = set()
    for layers in per_doc:
        for doc, items in layers.items():
            for layer in items:
                key = (doc, str(layer.anchor) if layer.anchor else f"{layer.start}-{layer.end}")
                if key in seen:
                    continue
                seen.add(key)
                out[doc].append(layer)
    return out
