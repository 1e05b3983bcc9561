"""The HTML Claims section: each statement's quote links to its span in the text.

Content and order come from ``storyline.report.render.claims`` (shared with
the Markdown view). Each statement shown gets a layer with a
``timeline_anchor``, so a span another section also shows keeps one anchor
(layers are merged by ``view_events.merged_layers``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from storyline.report.render.claims import claims_view
from storyline.report.render.html.anchors import css_name
from storyline.report.render.html.layers import Layer
from storyline.report.render.html.view_timeline import link_span


def claims_page(
    dossier: Mapping[str, Any],
) -> tuple[dict[str, Any], dict[Any, list[Layer]]]:
    """The section's view and, per document, the layers of every statement shown."""
    view = claims_view(dossier)
    texts = {
        d.get("id"): str(d.get("text", ""))
        for d in dossier.get("documents") or []
        if isinstance(d, Mapping)
    }
    layers: dict[Any, list[Layer]] = defaultdict(list)
    subjects = []
    for block in view.subjects:
        claims = []
        for line in block.claims:
            item = asdict(line)
            for s in item["statements"]:
                link_span(s, texts, layers, f"claim: {line.says}")
            claims.append(item)
        href = f"#ent-{css_name(block.entity)}" if block.entity else None
        subjects.append({"name": block.name, "href": href, "claims": claims})
    return {"subjects": subjects, "total": view.total, "shown": view.shown}, layers
