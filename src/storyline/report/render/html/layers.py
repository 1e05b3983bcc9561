"""The annotated document text of the HTML page: layers over stand-off offsets.

Every annotation of a document (mentions, spans, quotes and their parts,
integrity evidence, shared passages) becomes a ``Layer``; ``segment_html``
draws them, however they overlap, as well-formed escaped HTML. This is the
only markup built in Python: every piece of text and every attribute value
goes through ``markupsafe.escape``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from storyline.report.render.html.anchors import (
    css_name,
    evidence_anchor,
    mention_anchor,
    quote_anchor,
    spun_anchor,
)
from storyline.report.render.integrity import integrity_of
from storyline.report.statements import local_quote_id, speaker_label
from storyline.report.text import in_text

# Nesting order of layers around a text segment: outer first. Shared
# passages are long and overlap everything, so they go outermost; quotes are
# long too and hold spun words, speakers, cues and mentions.
RANK_PASSAGE = -1
RANK_BOILERPLATE, RANK_QUOTE, RANK_SPAN, RANK_TITLE, RANK_ATTRIBUTION, RANK_MENTION = range(6)


@dataclass
class Layer:
    """One annotation to draw over ``[start, end)`` of a text."""

    start: int
    end: int
    rank: int
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    anchor: str | None = None  # id put on the first piece of the layer
    head: dict[str, str] = field(default_factory=dict)  # attributes of the first piece only


def _open_tag(layer: Layer, anchor: str | None, first: bool = False) -> str:
    attrs = dict(layer.attrs)
    if first:
        attrs.update(layer.head)
    if anchor:
        attrs["id"] = anchor
    rendered = "".join(f' {k}="{escape(v)}"' for k, v in attrs.items())
    return f"<{layer.tag}{rendered}>"


# Chromium (156) stops wrapping a text run of several million characters
# (measured: 2.1M wraps, 5M scrolls sideways by millions of pixels), so a long
# unannotated stretch gets a ``<wbr>`` break opportunity this often; it adds
# no character to the text (``textContent`` is unchanged).
WBR_EVERY = 100_000


def plain_html(text: str, start: int, end: int) -> str:
    """``text[start:end]`` escaped, with a ``<wbr>`` every ``WBR_EVERY`` characters."""
    if end - start <= WBR_EVERY:
        return str(escape(text[start:end]))
    cuts = range(start, end, WBR_EVERY)
    return "<wbr>".join(str(escape(text[i : min(i + WBR_EVERY, end)])) for i in cuts)


def segment_html(text: str, layers: Sequence[Layer]) -> Markup:
    """Escape ``text`` and wrap it in ``layers``, which may overlap and nest.

    The text is split at every layer boundary; each segment is wrapped in
    the layers covering it, nested outer-first (by rank, then longer first).
    Tags are kept on a stack: between two segments, the open tags the next
    segment shares from the outside in stay open, the others are closed in
    reverse order and the missing ones opened. A layer that crosses another
    is therefore split into several elements, and the result is always
    well-formed however the layers overlap. Layers are clipped to the text;
    empty ones are dropped. ``anchor`` and ``head`` go on a layer's first
    element only.
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
            first = clipped[i][0] == b0
            anchor = None
            if layer.anchor and first and layer.anchor not in anchored:
                anchor = layer.anchor
                anchored.add(anchor)
            out.append(_open_tag(layer, anchor, first))
            stack.append(i)
        out.append(plain_html(text, b0, b1))
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


def spun_original(span: dict[str, Any]) -> str | None:
    """The suggested original of a spun word, or None when there is none."""
    value = span.get("original")
    return str(value) if value not in (None, "") else None


def _spun_layer(doc_id: str, span: dict[str, Any], start: int, end: int) -> Layer:
    original = spun_original(span)
    title = f"spun; suggested original: {original}" if original else "spun; no suggested original"
    attrs = {"class": "spun", "title": title}
    head: dict[str, str] = {}
    if original:
        attrs["data-original"] = original  # every piece: hidden when repaired
        head["data-repair"] = original  # first piece: shows the repair instead
        head["tabindex"] = "0"  # focusable: a tap shows the suggestion (not hover only)
    return Layer(start, end, RANK_SPAN, "span", attrs, spun_anchor(doc_id, start, end), head)


def evidence_items(finding: Any) -> list[dict[str, Any]]:
    """The evidence spans of an integrity finding, skipping malformed ones."""
    if not isinstance(finding, dict):
        return []
    return [e for e in finding.get("evidence") or [] if isinstance(e, dict)]


def integrity_layers(
    doc: dict[str, Any], passages: Sequence[tuple[int, int, str, str]] = ()
) -> list[Layer]:
    """Layers for integrity evidence: MT and original-outlet evidence, shared passages.

    ``passages`` are ``(start, end, anchor, title)`` for this document's side
    of each shared passage.
    """
    doc_id = str(doc.get("id", ""))
    integ = integrity_of(doc)
    layers: list[Layer] = []
    for ev in evidence_items(integ.get("machine_translated")):
        start, end = ev.get("start", 0), ev.get("end", 0)
        title = "machine translation"
        if ev.get("kind"):
            title += f": {ev['kind']}"
        if ev.get("note"):
            title += f"; {ev['note']}"
        anchor = evidence_anchor("mt", doc_id, start, end)
        layers.append(
            Layer(start, end, RANK_SPAN, "span", {"class": "mt-evidence", "title": title}, anchor)
        )
    outlet = integ.get("original_outlet")
    for ev in evidence_items(outlet):
        start, end = ev.get("start", 0), ev.get("end", 0)
        title = f"original outlet: {outlet.get('name')}"
        if not outlet.get("name") or ev.get("counted") is False:  # a channel, later citation
            title = f"outlet evidence ({ev.get('role') or 'not counted'})"
            title += f": {ev['name']}" if ev.get("name") else ""
        if ev.get("pattern"):
            title += f" ({ev['pattern']})"
        anchor = evidence_anchor("oo", doc_id, start, end)
        layers.append(
            Layer(
                start, end, RANK_SPAN, "span", {"class": "outlet-evidence", "title": title}, anchor
            )
        )
    for start, end, anchor, title in passages:
        layers.append(
            Layer(start, end, RANK_PASSAGE, "span", {"class": "passage", "title": title}, anchor)
        )
    return layers


def _quote_title(q: dict[str, Any], speaker_name: str | None) -> str:
    kind = str(q.get("kind") or "quote")
    title = f"{kind} quote {local_quote_id(q)}"
    return title + (f" by {speaker_name}" if speaker_name else ", speaker unknown")


def quote_layers(
    doc: dict[str, Any],
    quotes: Sequence[dict[str, Any]],
    entities: dict[Any, dict[str, Any]] | None = None,
) -> list[Layer]:
    """Layers for this document's quotes: content (``quote``), ``speaker``, ``cue``,
    ``channel`` and ``quote-when``.

    A quote interrupted by its attribution is drawn as its fragments; the
    anchor ``q-<doc>-<quote id>`` goes on the first. A speaker or cue shared
    by several quotes is drawn once.
    """
    entities = entities or {}
    doc_id = doc.get("id", "")
    n = len(str(doc.get("text", "")))
    layers: list[Layer] = []
    parts_seen: set[tuple[str, int, int]] = set()
    for q in quotes:
        speaker = q.get("speaker") if isinstance(q.get("speaker"), dict) else None
        entity = entities.get((speaker or {}).get("entity"))
        name = (entity or {}).get("name") or speaker_label(speaker)
        attrs = {
            "class": f"quote quote-{css_name(q.get('kind'))}",
            "title": _quote_title(q, name),
            "data-quote": str(q.get("id")),
        }
        pieces = [
            (f.get("start"), f.get("end"))
            for f in q.get("fragments") or []
            if isinstance(f, dict) and in_text(f.get("start"), f.get("end"), n)
        ] or [(q.get("start"), q.get("end"))]
        anchor: str | None = quote_anchor(doc_id, local_quote_id(q))
        for start, end in sorted(pieces):
            if not in_text(start, end, n):
                continue
            layers.append(Layer(start, end, RANK_QUOTE, "span", dict(attrs), anchor))
            anchor = None
        for key, css, label in (
            ("speaker", "speaker", "speaker"),
            ("cue", "cue", "cue"),
            ("channel", "channel", "channel"),
            ("when", "quote-when", "when said"),
        ):
            part = q.get(key)
            if not isinstance(part, dict) or not in_text(part.get("start"), part.get("end"), n):
                continue
            span_key = (key, part["start"], part["end"])
            if span_key in parts_seen:
                continue
            parts_seen.add(span_key)
            title = f"{label} of quote {local_quote_id(q)}"
            if key == "speaker":
                title += f" ({part.get('kind')})" if part.get("kind") else ""
                if name:
                    title += f": {name}"
            elif key == "cue" and part.get("lemma"):
                title += f" ({part['lemma']})"
            layers.append(
                Layer(
                    part["start"],
                    part["end"],
                    RANK_ATTRIBUTION,
                    "span",
                    {"class": css, "title": title},
                )
            )
    return layers


def document_layers(
    doc: dict[str, Any],
    entity_at: dict[tuple[int, int], dict] | None = None,
    passages: Sequence[tuple[int, int, str, str]] = (),
    quotes: Sequence[dict[str, Any]] = (),
    entities: dict[Any, dict[str, Any]] | None = None,
) -> list[Layer]:
    """The layers to draw over one dossier document's text.

    ``entity_at`` maps ``(start, end)`` of this document's entity mentions to
    their entity, so marks can name the entity they belong to. ``passages``
    are this document's sides of shared passages (see ``integrity_layers``).
    ``quotes`` are the dossier quotes in this document (see ``quote_layers``;
    ``entities`` maps entity ids to entities, to name linked speakers).
    """
    entity_at = entity_at or {}
    layers: list[Layer] = integrity_layers(doc, passages)
    layers += quote_layers(doc, quotes, entities)
    for span in doc.get("spans", []):
        kind = str(span.get("kind", ""))
        start, end = span.get("start", 0), span.get("end", 0)
        if kind == "spun":
            layers.append(_spun_layer(str(doc.get("id", "")), span, start, end))
        elif kind == "boilerplate":
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
