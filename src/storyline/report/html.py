"""Render a ``storyline/1`` dossier as one self-contained HTML file.

Everything that comes from an article (text, titles, names, sources, error
reasons) is untrusted. The template has autoescaping on, and the only markup
built in Python is the annotated document text, where every piece of text
and every attribute value goes through ``markupsafe.escape``. The page loads
nothing from anywhere (inline CSS, no scripts) and says so in its
Content-Security-Policy.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from storyline.report.markdown import counts_line, published_text

_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_-]")
_WEB_URL = re.compile(r"^https?://[^\s\"'<>]+$", re.IGNORECASE)

# Nesting order of layers around a text segment: outer first.
RANK_BOILERPLATE, RANK_SPAN, RANK_TITLE, RANK_MENTION = range(4)


def css_name(value: Any) -> str:
    """A string safe to use in a class name or id (ASCII letters, digits, ``_``, ``-``)."""
    return _UNSAFE_NAME.sub("_", str(value)) or "_"


def doc_anchor(doc_id: str) -> str:
    return f"doc-{css_name(doc_id)}"


def mention_anchor(doc_id: str, start: int, end: int) -> str:
    return f"m-{css_name(doc_id)}-{start}-{end}"


@dataclass
class Layer:
    """One annotation to draw over ``[start, end)`` of a text."""

    start: int
    end: int
    rank: int
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    anchor: str | None = None  # id put on the first piece of the layer


def _open_tag(layer: Layer, anchor: str | None) -> str:
    attrs = dict(layer.attrs)
    if anchor:
        attrs["id"] = anchor
    rendered = "".join(f' {k}="{escape(v)}"' for k, v in attrs.items())
    return f"<{layer.tag}{rendered}>"


def segment_html(text: str, layers: Sequence[Layer]) -> Markup:
    """Escape ``text`` and wrap it in ``layers``, which may overlap and nest.

    The text is split at every layer boundary; each segment is wrapped in
    the layers covering it, nested outer-first (by rank, then longer first).
    Tags are kept on a stack: between two segments, the open tags the next
    segment shares from the outside in stay open, the others are closed in
    reverse order and the missing ones opened. A layer that crosses another
    is therefore split into several elements, and the result is always
    well-formed however the layers overlap. Layers are clipped to the text;
    empty ones are dropped. ``anchor`` goes on a layer's first element only.
    """
    n = len(text)
    starts: dict[int, list[int]] = defaultdict(list)
    ends: dict[int, list[int]] = defaultdict(list)
    clipped: list[tuple[int, int]] = []
    for i, layer in enumerate(layers):
        s = max(0, min(layer.start, n))
        e = max(0, min(layer.end, n))
        clipped.append((s, e))
        if e > s:
            starts[s].append(i)
            ends[e].append(i)
    bounds = sorted({0, n, *starts, *ends})
    out: list[str] = []
    active: set[int] = set()
    stack: list[int] = []  # layers open in the output, outermost first
    anchored: set[str] = set()
    for b0, b1 in zip(bounds, bounds[1:], strict=False):
        active.difference_update(ends.get(b0, ()))
        active.update(starts.get(b0, ()))
        wanted = sorted(
            active,
            key=lambda i: (layers[i].rank, clipped[i][0], -clipped[i][1], i),
        )
        # Keep open what both segments share from the outside in; close the rest.
        keep = 0
        while keep < len(stack) and keep < len(wanted) and stack[keep] == wanted[keep]:
            keep += 1
        while len(stack) > keep:
            out.append(f"</{layers[stack.pop()].tag}>")
        for i in wanted[keep:]:
            layer = layers[i]
            anchor = None
            if layer.anchor and clipped[i][0] == b0 and layer.anchor not in anchored:
                anchor = layer.anchor
                anchored.add(anchor)
            out.append(_open_tag(layer, anchor))
            stack.append(i)
        out.append(str(escape(text[b0:b1])))
    while stack:
        out.append(f"</{layers[stack.pop()].tag}>")
    return Markup("".join(out))


def _span_title(span: dict[str, Any]) -> str:
    parts = [str(span.get("kind"))]
    if span.get("rule"):
        parts[0] += f" ({span['rule']})"
    for key, value in span.items():
        if key not in {"start", "end", "kind", "rule"} and isinstance(value, str | int | float):
            parts.append(f"{key}: {value}")
    return "; ".join(parts)


def document_layers(
    doc: dict[str, Any], entity_at: dict[tuple[int, int], dict] | None = None
) -> list[Layer]:
    """The layers to draw over one dossier document's text.

    ``entity_at`` maps ``(start, end)`` of this document's entity mentions to
    their entity, so marks can name the entity they belong to.
    """
    entity_at = entity_at or {}
    layers: list[Layer] = []
    for span in doc.get("spans", []):
        kind = str(span.get("kind", ""))
        start, end = span.get("start", 0), span.get("end", 0)
        if kind == "boilerplate":
            attrs = {"class": "boilerplate", "title": str(span.get("rule") or "boilerplate")}
            layers.append(Layer(start, end, RANK_BOILERPLATE, "span", attrs))
        elif kind == "title":
            attrs = {"class": "title-span", "title": str(span.get("rule") or "title")}
            layers.append(Layer(start, end, RANK_TITLE, "strong", attrs))
        else:
            attrs = {"class": f"span span-{css_name(kind)}", "title": _span_title(span)}
            layers.append(Layer(start, end, RANK_SPAN, "span", attrs))
    seen: set[tuple[int, int]] = set()
    for m in doc.get("mentions", []):
        label = str(m.get("label", ""))
        start, end = m.get("start", 0), m.get("end", 0)
        attrs = {"class": f"ent ent-{css_name(label)}", "title": label}
        ent = entity_at.get((start, end))
        if ent is not None:
            attrs["title"] = f"{label}: {ent.get('name')}"
            attrs["data-entity"] = str(ent.get("id"))
        anchor = mention_anchor(doc.get("id", ""), start, end)
        layers.append(Layer(start, end, RANK_MENTION, "mark", attrs, anchor))
        seen.add((start, end))
    # Entity mentions fusion added without a matching NER mention.
    for (start, end), ent in entity_at.items():
        if (start, end) in seen:
            continue
        seen.add((start, end))
        label = str(ent.get("type", ""))
        attrs = {
            "class": f"ent ent-{css_name(label)}",
            "title": f"{label}: {ent.get('name')}",
            "data-entity": str(ent.get("id")),
        }
        anchor = mention_anchor(doc.get("id", ""), start, end)
        layers.append(Layer(start, end, RANK_MENTION, "mark", attrs, anchor))
    return layers


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
    return note


def _view(dossier: dict[str, Any]) -> dict[str, Any]:
    docs = dossier.get("documents", [])
    known_docs = {d.get("id") for d in docs}
    entity_at: dict[Any, dict[tuple[int, int], dict]] = defaultdict(dict)
    entities = []
    for e in sorted(
        dossier.get("entities", []),
        key=lambda e: (-len(e.get("mentions", [])), e.get("name", "")),
    ):
        mentions = []
        for m in e.get("mentions", []):
            entity_at[m.get("doc")].setdefault((m.get("start"), m.get("end")), e)
            linked = m.get("doc") in known_docs
            mentions.append(
                {
                    "doc": m.get("doc"),
                    "text": m.get("text"),
                    "start": m.get("start"),
                    "end": m.get("end"),
                    "href": "#" + mention_anchor(m.get("doc", ""), m.get("start"), m.get("end"))
                    if linked
                    else None,
                }
            )
        per_doc = Counter(m.get("doc") for m in e.get("mentions", []))
        entities.append(
            {
                "id": e.get("id"),
                "anchor": f"ent-{css_name(e.get('id'))}",
                "name": e.get("name"),
                "type": e.get("type"),
                "type_class": css_name(e.get("type")),
                "count": len(mentions),
                "aliases": [
                    a.get("text") for a in e.get("aliases", []) if a.get("text") != e.get("name")
                ],
                "docs": [
                    {"id": d, "count": n, "href": "#" + doc_anchor(d) if d in known_docs else None}
                    for d, n in per_doc.items()
                ],
                "mentions": mentions,
            }
        )
    documents = []
    for d in docs:
        metadata = d.get("metadata") or {}
        kinds = Counter(s.get("kind") for s in d.get("spans", []))
        documents.append(
            {
                "id": d.get("id"),
                "anchor": doc_anchor(d.get("id", "")),
                "heading": d.get("title") or d.get("source") or d.get("id"),
                "title": d.get("title"),
                "outlet": d.get("outlet"),
                "outlet_note": _evidence_note(metadata.get("outlet")),
                "published": published_text(d),
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
                "text_html": segment_html(
                    d.get("text", ""), document_layers(d, entity_at.get(d.get("id")))
                ),
            }
        )
    return {
        "schema": dossier.get("schema"),
        "generated_by": dossier.get("generated_by"),
        "counts": counts_line(dossier.get("stats", {})),
        "documents": documents,
        "entities": entities,
        "errors": dossier.get("errors", []),
    }


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("storyline.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(dossier: dict[str, Any]) -> str:
    """The dossier as one self-contained HTML page (no external resources)."""
    template = _environment().get_template("dossier.html.j2")
    return template.render(**_view(dossier))
