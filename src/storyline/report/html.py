"""Render a ``storyline/1`` dossier as one self-contained HTML file.

Everything that comes from an article (text, titles, names, sources, error
reasons) is untrusted. The template has autoescaping on, and the only markup
built in Python is the annotated document text, where every piece of text
and every attribute value goes through ``markupsafe.escape``. The page loads
nothing from anywhere (inline CSS, no scripts) and says so in its
Content-Security-Policy; the "show repaired text" toggle of spun documents
is a CSS-only checkbox.
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

from storyline.report.integrity import (
    flag_items,
    independent_sources,
    integrity_of,
    score_text,
)
from storyline.report.markdown import (
    counts_line,
    published_text,
    sources_text,
    statement_details,
)
from storyline.report.quotes import local_quote_id, speaker_label, who_said_what

_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_-]")
_WEB_URL = re.compile(r"^https?://[^\s\"'<>]+$", re.IGNORECASE)

# Nesting order of layers around a text segment: outer first. Shared
# passages are long and overlap everything, so they go outermost; quotes are
# long too and hold spun words, speakers, cues and mentions.
RANK_PASSAGE = -1
RANK_BOILERPLATE, RANK_QUOTE, RANK_SPAN, RANK_TITLE, RANK_ATTRIBUTION, RANK_MENTION = range(6)


def css_name(value: Any) -> str:
    """A string safe to use in a class name or id (ASCII letters, digits, ``_``, ``-``)."""
    return _UNSAFE_NAME.sub("_", str(value)) or "_"


def doc_anchor(doc_id: str) -> str:
    return f"doc-{css_name(doc_id)}"


def mention_anchor(doc_id: str, start: int, end: int) -> str:
    return f"m-{css_name(doc_id)}-{start}-{end}"


def quote_anchor(doc_id: Any, quote_id: Any) -> str:
    """Anchor of a quote in its document's text: ``q-<doc>-<quote id in the doc>``."""
    return f"q-{css_name(doc_id)}-{css_name(quote_id)}"


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


def spun_anchor(doc_id: str, start: int, end: int) -> str:
    return f"spun-{css_name(doc_id)}-{start}-{end}"


def evidence_anchor(prefix: str, doc_id: str, start: int, end: int) -> str:
    return f"{prefix}-{css_name(doc_id)}-{start}-{end}"


def passage_anchor(lineage: int, link: int, passage: int, side: str) -> str:
    """Anchor of one side (``a`` = copy, ``b`` = original) of a shared passage."""
    return f"p-{lineage}-{link}-{passage}-{side}"


def _in_text(start: Any, end: Any, n: int) -> bool:
    """A non-empty range inside a text of length ``n`` (so an anchor on it exists)."""
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= n


def _spun_original(span: dict[str, Any]) -> str | None:
    value = span.get("original")
    return str(value) if value not in (None, "") else None


def _spun_layer(doc_id: str, span: dict[str, Any], start: int, end: int) -> Layer:
    original = _spun_original(span)
    title = f"spun; suggested original: {original}" if original else "spun; no suggested original"
    attrs = {"class": "spun", "title": title}
    head: dict[str, str] = {}
    if original:
        attrs["data-original"] = original  # every piece: hidden when repaired
        head["data-repair"] = original  # first piece: shows the repair instead
    return Layer(start, end, RANK_SPAN, "span", attrs, spun_anchor(doc_id, start, end), head)


def _evidence_items(finding: Any) -> list[dict[str, Any]]:
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
    for ev in _evidence_items(integ.get("machine_translated")):
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
    for ev in _evidence_items(outlet):
        start, end = ev.get("start", 0), ev.get("end", 0)
        title = f"original outlet: {outlet.get('name')}"
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
            if isinstance(f, dict) and _in_text(f.get("start"), f.get("end"), n)
        ] or [(q.get("start"), q.get("end"))]
        anchor: str | None = quote_anchor(doc_id, local_quote_id(q))
        for start, end in sorted(pieces):
            if not _in_text(start, end, n):
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
            if not isinstance(part, dict) or not _in_text(part.get("start"), part.get("end"), n):
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


_EXCERPT = 120


def _excerpt(text: str, start: Any, end: Any) -> str:
    if not _in_text(start, end, len(text)):
        return ""
    piece = " ".join(text[start:end].split())
    return piece if len(piece) <= _EXCERPT else piece[: _EXCERPT - 1] + "…"


def _doc_ref(doc_id: Any, docs_by_id: dict[Any, dict[str, Any]]) -> dict[str, Any]:
    doc = docs_by_id.get(doc_id)
    return {
        "id": doc_id,
        "href": "#" + doc_anchor(str(doc_id)) if doc is not None else None,
        "outlet": (doc or {}).get("outlet"),
    }


def _lineage_view(
    dossier: dict[str, Any], docs_by_id: dict[Any, dict[str, Any]]
) -> tuple[list[dict], dict[Any, list], dict[Any, list], dict[Any, list]]:
    """Lineages for the page, plus per document: passage layers, links as copy, as original."""
    texts = {d_id: str(d.get("text", "")) for d_id, d in docs_by_id.items()}
    passages_by_doc: dict[Any, list[tuple[int, int, str, str]]] = defaultdict(list)
    as_copy: dict[Any, list[dict]] = defaultdict(list)
    as_original: dict[Any, list[dict]] = defaultdict(list)
    views = []
    lineages = [lin for lin in dossier.get("lineages") or [] if isinstance(lin, dict)]
    for li, lin in enumerate(lineages):
        links = []
        for lj, link in enumerate(lin.get("links") or []):
            copy_id, orig_id = link.get("copy"), link.get("original")
            copy_text, orig_text = texts.get(copy_id), texts.get(orig_id)
            passages = []
            for k, p in enumerate(link.get("passages") or []):
                a = (p.get("a_start"), p.get("a_end"))
                b = (p.get("b_start"), p.get("b_end"))
                a_ok = copy_text is not None and _in_text(*a, len(copy_text))
                b_ok = orig_text is not None and _in_text(*b, len(orig_text))
                a_id, b_id = passage_anchor(li, lj, k, "a"), passage_anchor(li, lj, k, "b")
                if a_ok:
                    title = f"shared passage {k + 1} with {orig_id} (its original)"
                    passages_by_doc[copy_id].append((*a, a_id, title))
                if b_ok:
                    title = f"shared passage {k + 1} with {copy_id} (a copy)"
                    passages_by_doc[orig_id].append((*b, b_id, title))
                passages.append(
                    {
                        "n": k + 1,
                        "a": f"{a[0]}–{a[1]}",
                        "b": f"{b[0]}–{b[1]}",
                        "a_href": "#" + a_id if a_ok else None,
                        "b_href": "#" + b_id if b_ok else None,
                        "excerpt": _excerpt(copy_text, *a) if a_ok else "",
                    }
                )
            view = {
                "anchor": f"link-{li}-{lj}",
                "copy_ref": _doc_ref(copy_id, docs_by_id),
                "original_ref": _doc_ref(orig_id, docs_by_id),
                "kind": link.get("kind"),
                "similarity": score_text(link.get("similarity")),
                "reason": link.get("reason"),
                "passages": passages,
            }
            links.append(view)
            as_copy[copy_id].append(view)
            as_original[orig_id].append(view)
        views.append(
            {
                "id": lin.get("id"),
                "anchor": f"lin-{li}",
                "original": _doc_ref(lin.get("original"), docs_by_id),
                "n_documents": len(lin.get("documents") or []),
                "links": links,
            }
        )
    return views, passages_by_doc, as_copy, as_original


def _flags_view(doc: dict[str, Any], docs_by_id: dict[Any, dict[str, Any]]) -> list[dict]:
    flags = []
    for f in flag_items(doc):
        f = dict(f)
        if f["kind"] == "copy":
            f["ref"] = _doc_ref(f["doc"], docs_by_id)
        if f["kind"] == "copied":
            f["refs"] = [_doc_ref(d, docs_by_id) for d in f["docs"]]
        flags.append(f)
    return flags


def _integrity_view(
    doc: dict[str, Any], lineage_anchor: dict[Any, str], docs_by_id: dict[Any, dict[str, Any]]
) -> dict[str, Any]:
    """The per-document integrity panel: each finding with its evidence, linked."""
    doc_id = str(doc.get("id", ""))
    text = str(doc.get("text", ""))
    n = len(text)
    integ = integrity_of(doc)
    view: dict[str, Any] = dict.fromkeys(("spun", "mt", "outlet", "lineage", "copy_of"))

    spun = integ.get("spun")
    words = []
    for span in doc.get("spans", []):
        if span.get("kind") != "spun":
            continue
        start, end = span.get("start"), span.get("end")
        ok = _in_text(start, end, n)
        words.append(
            {
                "text": text[start:end] if ok else "",
                "original": _spun_original(span),
                "confidence": score_text(span.get("confidence")),
                "evidence": span.get("evidence") if isinstance(span.get("evidence"), str) else "",
                "href": "#" + spun_anchor(doc_id, start, end) if ok else None,
            }
        )
    if isinstance(spun, dict) or words:
        spun = spun if isinstance(spun, dict) else {}
        view["spun"] = {
            "score": score_text(spun.get("score")),
            "flagged": spun.get("flagged") is True,
            "n_spun": spun.get("n_spun"),
            "n_words": spun.get("n_words"),
            "method": spun.get("method"),
            "words": words,
            "repairable": any(w["original"] and w["href"] for w in words),
        }

    def evidence(prefix: str, finding: Any) -> list[dict[str, Any]]:
        out = []
        for ev in _evidence_items(finding):
            start, end = ev.get("start"), ev.get("end")
            ok = _in_text(start, end, n)
            shown = ev.get("text") if isinstance(ev.get("text"), str) else ""
            out.append(
                {
                    "text": shown or (text[start:end] if ok else ""),
                    "kind": ev.get("kind"),
                    "note": ev.get("note"),
                    "pattern": ev.get("pattern"),
                    "where": f"{start}–{end}",
                    "href": "#" + evidence_anchor(prefix, doc_id, start, end) if ok else None,
                }
            )
        return out

    mt = integ.get("machine_translated")
    if isinstance(mt, dict):
        view["mt"] = {
            "score": score_text(mt.get("score")),
            "flagged": mt.get("flagged") is True,
            "method": mt.get("method"),
            "evidence": evidence("mt", mt),
        }
    outlet = integ.get("original_outlet")
    if isinstance(outlet, dict) and outlet.get("name"):
        view["outlet"] = {
            "name": outlet.get("name"),
            "confidence": score_text(outlet.get("confidence")),
            "evidence": evidence("oo", outlet),
            "candidates": [
                {
                    "name": c.get("name"),
                    "score": score_text(c.get("score")),
                    "count": c.get("count"),
                }
                for c in outlet.get("candidates") or []
                if isinstance(c, dict)
            ],
        }
    lineage = integ.get("lineage")
    if isinstance(lineage, str):
        view["lineage"] = {"id": lineage, "href": lineage_anchor.get(lineage)}
    copy_of = integ.get("copy_of")
    if isinstance(copy_of, dict) and copy_of.get("doc"):
        # Shown from the lineage links when there are any; this is the fallback.
        view["copy_of"] = {
            "original": _doc_ref(copy_of.get("doc"), docs_by_id),
            "kind": copy_of.get("kind"),
            "similarity": score_text(copy_of.get("similarity")),
            "reason": copy_of.get("reason"),
            "passages": [
                {
                    "n": k + 1,
                    "a": f"{p.get('a_start')}–{p.get('a_end')}",
                    "b": f"{p.get('b_start')}–{p.get('b_end')}",
                    "a_href": None,
                    "b_href": None,
                    "excerpt": _excerpt(text, p.get("a_start"), p.get("a_end")),
                }
                for k, p in enumerate(copy_of.get("passages") or [])
                if isinstance(p, dict)
            ],
        }
    return view


def _quotes_view(
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
            ok = _in_text(q.get("start"), q.get("end"), n) or any(
                isinstance(f, dict) and _in_text(f.get("start"), f.get("end"), n)
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


def _profile_view(
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
                "date": (r.get("date") or "")[:10] or "undated",
                "title": r.get("title"),
                "org": r.get("org"),
                "text": r.get("text"),
                "source": doc.get("outlet") or doc.get("title") or doc_id,
                "href": href,
            }
        )
    quotes = []
    for qid in e.get("quotes") or []:
        q = quotes_by_id.get(qid)
        if q is None:
            continue
        doc_id = q.get("doc")
        quotes.append(
            {
                "id": qid,
                "text": _excerpt_text(q.get("text")),
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
        "roles": roles,
        "quotes": quotes,
        "kb": e.get("kb"),
    }


def _excerpt_text(text: Any, limit: int = 160) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _view(dossier: dict[str, Any]) -> dict[str, Any]:
    docs = dossier.get("documents", [])
    known_docs = {d.get("id") for d in docs}
    docs_by_id = {d.get("id"): d for d in docs}
    lineages, passages_by_doc, as_copy, as_original = _lineage_view(dossier, docs_by_id)
    lineage_anchor = {lin["id"]: "#" + lin["anchor"] for lin in lineages}
    entity_at: dict[Any, dict[tuple[int, int], dict]] = defaultdict(dict)
    quotes_by_id = {q.get("id"): q for q in dossier.get("quotes") or []}
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
        if isinstance(e.get("documents"), dict):
            per_doc = Counter(e["documents"])
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
                **_profile_view(e, docs_by_id, quotes_by_id),
            }
        )
    entities_by_id = {e.get("id"): e for e in dossier.get("entities", [])}
    speakers, quotes_by_doc = _quotes_view(dossier, docs_by_id, set(entities_by_id))
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
                "flags": _flags_view(d, docs_by_id),
                "integrity": _integrity_view(d, lineage_anchor, docs_by_id),
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
                    ),
                ),
            }
        )
    return {
        "schema": dossier.get("schema"),
        "generated_by": dossier.get("generated_by"),
        "counts": counts_line(dossier.get("stats", {})),
        "documents": documents,
        "entities": entities,
        "lineages": lineages,
        "speakers": speakers,
        "n_statements": sum(len(sec["statements"]) for sec in speakers),
        "n_speakers": sum(1 for sec in speakers if not sec["unattributed"]),
        "n_quotes": sum(len(s["sources"]) for sec in speakers for s in sec["statements"]),
        "n_documents": len(docs),
        "n_sources": independent_sources(dossier),
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
