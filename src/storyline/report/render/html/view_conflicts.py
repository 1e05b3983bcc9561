"""The HTML Disagreements section: each side's quote links to its span in the text.

Content and order come from ``storyline.report.render.conflicts`` (shared
with the Markdown view). Each side gets a layer with a ``timeline_anchor``,
so a span the timeline or events also show keeps one anchor (layers are
merged by ``view_events.merged_layers``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from storyline.report.render.conflicts import conflicts_view
from storyline.report.render.html.anchors import timeline_anchor
from storyline.report.render.html.layers import RANK_PASSAGE, Layer
from storyline.report.render.html.view_timeline import linked_sentences
from storyline.report.text import doc_label, in_text


def conflicts_page(
    dossier: Mapping[str, Any],
) -> tuple[dict[str, Any], dict[Any, list[Layer]]]:
    """The section's view and, per document, the layers of every side shown."""
    view = conflicts_view(dossier)
    labels = {
        d.get("id"): doc_label(d) for d in dossier.get("documents") or [] if isinstance(d, Mapping)
    }
    texts = {
        d.get("id"): str(d.get("text", ""))
        for d in dossier.get("documents") or []
        if isinstance(d, Mapping)
    }
    layers: dict[Any, list[Layer]] = defaultdict(list)
    items = []
    for item in view.items:
        for s in item.sides:
            doc, start, end = s.get("doc"), s.get("start"), s.get("end")
            if doc not in texts or not in_text(start, end, len(texts[doc])):
                continue
            attrs = {"class": "tl-sentence", "title": f"disagreement: {item.about}"}
            layers[doc].append(
                Layer(start, end, RANK_PASSAGE, "span", attrs, timeline_anchor(doc, start, end))
            )
        out = asdict(item)
        out["sides"] = linked_sentences(item.sides, texts, labels)
        items.append(out)
    return {"items": items, "total": view.total}, layers
