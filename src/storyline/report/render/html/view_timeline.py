"""The HTML Timeline section: entries with links to their sentences in the texts.

The content (which entries, their order, forecasts apart) comes from
``storyline.report.render.timeline``, shared with the Markdown view; here
each shown sentence gets a layer with an anchor in its document's text, so
a quote in the timeline links to the characters it was taken from.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from storyline.report.render.html.anchors import doc_anchor, timeline_anchor
from storyline.report.render.html.layers import RANK_PASSAGE, Layer
from storyline.report.render.timeline import TimelineItem, quoted, timeline_view
from storyline.report.text import doc_label, in_text


def link_span(
    span: dict[str, Any], texts: Mapping[Any, str], layers: dict[Any, list[Layer]], title: str
) -> None:
    """Give ``span`` an ``href`` to its passage in the document view and add
    that passage's highlight layer (titled ``title``); a span that lies in no
    known text links to its document instead. Shared by every section whose
    items quote document passages (forecasts, claims)."""
    doc, start, end = span["doc"], span["start"], span["end"]
    if doc in texts and in_text(start, end, len(texts[doc])):
        anchor = timeline_anchor(doc, start, end)
        span["href"] = "#" + anchor
        attrs = {"class": "tl-sentence", "title": title}
        layers[doc].append(Layer(start, end, RANK_PASSAGE, "span", attrs, anchor))
    else:
        span["href"] = "#" + doc_anchor(str(doc))


def linked_sentences(
    sentences: list[dict[str, Any]],
    texts: Mapping[Any, str],
    labels: Mapping[Any, str] | None = None,
) -> list[dict[str, Any]]:
    """Shown sentences with their quoted text, "doc start–end" and a link to
    their anchor in the text (None when the span is not in a known text)."""
    out = []
    for s in sentences:
        doc, start, end = s.get("doc"), s.get("start"), s.get("end")
        linked = doc in texts and in_text(start, end, len(texts[doc]))
        out.append(
            {
                "text": quoted(str(s.get("text"))),
                "doc": doc,
                "by": s.get("by"),
                "where": f"{(labels or {}).get(doc, doc)} {start}–{end}",
                "href": "#" + timeline_anchor(doc, start, end) if linked else None,
                "printed": s.get("printed"),  # a repaired sentence's words as printed
                "doubts": s.get("doubts") or [],  # names in doubt inside it
            }
        )
    return out


def linked_sources(sources: list[dict[str, Any]], texts: Mapping[Any, str]) -> list[dict[str, Any]]:
    """Source labels with a link to their document (when it is in the dossier)."""
    return [
        {**src, "href": "#" + doc_anchor(str(src["doc"])) if src["doc"] in texts else None}
        for src in sources
    ]


def _item(
    item: TimelineItem, texts: Mapping[Any, str], labels: Mapping[Any, str]
) -> dict[str, Any]:
    out = asdict(item)
    out["sentences"] = linked_sentences(item.sentences, texts, labels)
    out["sources"] = linked_sources(item.sources, texts)
    out["badge"] = {"predicted": "forecast", "hedged": "hedged"}.get(item.modality)
    return out


def timeline_page(
    dossier: Mapping[str, Any],
) -> tuple[dict[str, Any], dict[Any, list[Layer]]]:
    """The section's view and, per document, the layers of its shown sentences."""
    view = timeline_view(dossier)
    labels = {
        d.get("id"): doc_label(d) for d in dossier.get("documents") or [] if isinstance(d, Mapping)
    }
    texts = {
        d.get("id"): str(d.get("text", ""))
        for d in dossier.get("documents") or []
        if isinstance(d, Mapping)
    }
    layers: dict[Any, list[Layer]] = defaultdict(list)
    seen: set[tuple[Any, int, int]] = set()
    for item in view.asserted + view.expected:
        for s in item.sentences:
            doc, start, end = s.get("doc"), s.get("start"), s.get("end")
            if doc not in texts or not in_text(start, end, len(texts[doc])):
                continue
            if (doc, start, end) in seen:
                continue
            seen.add((doc, start, end))
            attrs = {"class": "tl-sentence", "title": f"timeline: {item.date_text}"}
            layers[doc].append(
                Layer(start, end, RANK_PASSAGE, "span", attrs, timeline_anchor(doc, start, end))
            )
    section = {
        "asserted": [_item(i, texts, labels) for i in view.asserted],
        "expected": [_item(i, texts, labels) for i in view.expected],
        "total": view.total,
        "shown": view.shown,
    }
    return section, layers
