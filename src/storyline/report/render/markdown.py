"""Render a ``storyline/1`` dossier as Markdown (``dossier.md``).

Article-derived text is untrusted: it is escaped so it cannot break the table
layout or inject HTML into a Markdown viewer.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from storyline.report.render.brief import brief_lines
from storyline.report.render.claims import claims_lines
from storyline.report.render.conflicts import conflicts_view
from storyline.report.render.controls import visible_controls
from storyline.report.render.events import EventItem, events_view
from storyline.report.render.forecasts import forecast_lines
from storyline.report.render.generic import generic_sections
from storyline.report.render.integrity import flag_items, stated_independent_sources
from storyline.report.render.timeline import TimelineItem, quoted, timeline_view
from storyline.report.statements import (
    display_threshold,
    hidden_quotes,
    sources_text,
    statement_details,
    who_said_what,
)
from storyline.report.text import (
    counts_line,
    doc_extras,
    flag_notes,
    plural,
    printed_names,
    published_text,
    role_date,
    score_text,
    source_parts,
)

# ASCII punctuation that means something in CommonMark/GFM inline text or tables.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#!])")
_NEWLINES = re.compile(r"\s*[\r\n\u2028\u2029\x0b\x0c\x85]+\s*")


def md_escape(text: Any) -> str:
    """Escape ``text`` for one line of Markdown (a table cell or list item)."""
    if text is None:
        return ""
    s = _NEWLINES.sub(" ", str(text)).strip()
    return _MD_SPECIAL.sub(r"\\\1", s)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _doc_label(doc_id: Any, docs_by_id: dict[Any, dict[str, Any]]) -> str:
    """``d123 (Outlet, 2024-06-03)``, escaped."""
    extra = doc_extras(docs_by_id.get(doc_id))
    label = md_escape(doc_id)
    return label + (f" ({', '.join(md_escape(x) for x in extra)})" if extra else "")


def lineage_lines(dossier: dict[str, Any]) -> list[str]:
    """The Lineage subsection: each group, original → copies, and the source count."""
    docs = dossier.get("documents", [])
    docs_by_id = {d.get("id"): d for d in docs}
    lineages = [lin for lin in dossier.get("lineages") or [] if isinstance(lin, dict)]
    n_sources = stated_independent_sources(dossier)
    out = [
        "### Lineage",
        "",
        f"{plural(len(docs), 'document')}, {plural(n_sources, 'independent source')}.",
        "",
    ]
    if not lineages:
        out += ["No copies found: every document is an independent source.", ""]
        return out
    for lin in lineages:
        members = lin.get("documents") or []
        out.append(
            f"- Lineage {md_escape(lin.get('id'))}: original "
            f"{_doc_label(lin.get('original'), docs_by_id)}, "
            f"{plural(len(members), 'document')}"
        )
        for link in lin.get("links") or []:
            sim = score_text(link.get("similarity"))
            line = (
                f"  - {md_escape(link.get('original'))} → "
                f"{_doc_label(link.get('copy'), docs_by_id)}: {md_escape(link.get('kind'))}"
            )
            if sim:
                line += f", similarity {sim}"
            n_passages = len(link.get("passages") or [])
            if n_passages:
                line += f", {plural(n_passages, 'shared passage')}"
            if link.get("reason"):
                line += f"; {md_escape(link.get('reason'))}"
            out.append(line)
    out.append("")
    return out


def _source_label(doc_id: Any, docs_by_id: dict[Any, dict[str, Any]]) -> str:
    """``Title — Outlet (d123)``, escaped; parts that are unknown are left out."""
    parts = [md_escape(x) for x in source_parts(docs_by_id.get(doc_id))]
    label = " — ".join(parts)
    return f"{label} ({md_escape(doc_id)})" if label else md_escape(doc_id)


def quote_lines(dossier: dict[str, Any]) -> list[str]:
    """The "Who said what" section: statements by speaker, each once with its sources."""
    out = ["## Who said what", ""]
    sections = who_said_what(dossier)
    hidden = hidden_quotes(dossier)
    note = (
        [
            f"{plural(hidden, 'attribution')} hidden: confidence below "
            f"{display_threshold(dossier):.2f}, or an action rather than words "
            "(`--all-quotes` shows them; all are in dossier.json).",
            "",
        ]
        if hidden
        else []
    )
    if not sections:
        return out + ["No quotes found.", ""] + note
    docs_by_id = {d.get("id"): d for d in dossier.get("documents", [])}
    n_statements = sum(len(sec.statements) for sec in sections)
    n_speakers = sum(1 for sec in sections if sec.key)
    n_quotes = sum(len(st.quotes) for sec in sections for st in sec.statements)
    out += [
        f"{plural(n_statements, 'statement')} by {plural(n_speakers, 'speaker')} "
        f"({plural(n_quotes, 'quote')}); each statement is shown once with every "
        "source that carries it.",
        "",
        *note,
    ]
    for sec in sections:
        out += [f"### {md_escape(sec.name)}", ""]
        for st in sec.statements:
            line = f"- “{md_escape(st.text)}”"
            details = statement_details(st)
            if st.spun_original:
                details = ["repaired reading of a machine-spun text", *details]
            if details:
                line += " — " + ", ".join(md_escape(x) for x in details)
            out.append(line)
            if st.spun_original:
                out.append(f"  - as printed (spun): “{md_escape(st.spun_original)}”")
            out += [f"  - name in doubt: {md_escape(d)}" for d in st.doubts]
            sources = "; ".join(_source_label(doc, docs_by_id) for doc in st.docs)
            out.append(f"  - {sources_text(st)}: {sources}")
        out.append("")
    return out


def _quote_lines(sentences: list[dict[str, Any]], sources: list[dict[str, Any]]) -> list[str]:
    """An item's quoted sentences (who reports them, document and offsets) and sources."""
    out = []
    for s in sentences:
        where = f"{md_escape(s.get('doc'))} {s.get('start')}–{s.get('end')}"
        by = f" — according to {md_escape(s['by'])}" if s.get("by") else ""
        if s.get("printed"):  # a spun document's sentence, shown repaired
            where += f"; repaired reading, as printed: {md_escape(quoted(str(s['printed'])))}"
        out.append(f"  - {md_escape(quoted(str(s.get('text'))))}{by} ({where})")
        out += [f"    - name in doubt: {md_escape(d)}" for d in s.get("doubts") or []]
    out.append("  - sources: " + "; ".join(md_escape(x["label"]) for x in sources))
    return out


def _timeline_item_lines(item: TimelineItem) -> list[str]:
    flags = [] if item.modality == "asserted" else [item.modality]
    if item.low_confidence:
        flags.append("low confidence")
    head = f"- **{md_escape(item.date_text)}**"
    if item.place:
        head += f" · {md_escape(item.place)}"
    head += f" · {plural(item.lineages, 'independent source')}, score {item.score:.2f}"
    if flags:
        head += " · " + ", ".join(f"*{md_escape(f)}*" for f in flags)
    return [head] + _quote_lines(item.sentences, item.sources)


def timeline_lines(dossier: dict[str, Any]) -> list[str]:
    """The Timeline section: best dates in order; forecasts and hedges apart."""
    view = timeline_view(dossier)
    intro = (
        f"The {plural(view.shown, 'best-supported date')} of {view.total}, in date order; "
        "each quote gives its document and character offsets."
    )
    return _facts_apart(
        "Timeline", view.total, "No dated events found.", intro,
        [_timeline_item_lines(i) for i in view.asserted],
        "Expected / possible (forecasts and hedged reports, not facts)",
        [_timeline_item_lines(i) for i in view.expected],
    )  # fmt: skip


def _facts_apart(
    title: str,
    total: int,
    empty: str,
    intro: str,
    facts: list[list[str]],
    apart_title: str,
    apart: list[list[str]],
) -> list[str]:
    """A section of items with the ones not stated as facts in a subsection of
    their own (Timeline, Events): so a forecast is never read as a fact."""
    out = [f"## {title}", ""]
    if not total:
        return out + [empty, ""]
    out += [intro, ""]
    for lines in facts:
        out += lines
    if apart:
        out += ["", f"### {apart_title}", ""]
        for lines in apart:
            out += lines
    return out + [""]


def _event_item_lines(item: EventItem) -> list[str]:
    head = f"- **{md_escape(item.label)}** ({md_escape(item.type)})"
    if item.modality_text:
        head += f" · *{md_escape(item.modality_text)}*"
    if item.date_text:
        head += f" · {md_escape(item.date_text)}"
    if item.place:
        head += f" · {md_escape(item.place)}"
    head += f" · {plural(item.lineages, 'independent source')}"
    head += f", {plural(item.n_reports, 'report')}, confidence {item.confidence:.2f}"
    if item.low_confidence:
        head += " · *uncertain*"
    return [head] + _quote_lines(item.sentences, item.sources)


def events_lines(dossier: dict[str, Any]) -> list[str]:
    """The Events section: what happened, as several sources report it."""
    view = events_view(dossier)
    n_events = len(dossier.get("events") or [])
    intro = (
        f"The {plural(view.shown, 'event')} of {view.total} most certain (more independent "
        f"sources rank higher); all {plural(n_events, 'report')} are in "
        "dossier.json (`events`, `event_groups`)."
    )
    return _facts_apart(
        "Events", view.total, "No events found.", intro,
        [_event_item_lines(i) for i in view.facts],
        "Denied, forecast or possible (not reported as facts)",
        [_event_item_lines(i) for i in view.other],
    )  # fmt: skip


def conflicts_lines(dossier: dict[str, Any]) -> list[str]:
    """The Markdown Disagreements section: each item with both sides' spans."""
    view = conflicts_view(dossier)
    out = ["## Disagreements", ""]
    if not view.total:
        return out + ["No disagreements found between independent sources.", ""]
    out += [
        f"{view.total} found (copies of one original count as one source); "
        "low-confidence ones are marked. All are in dossier.json (`conflicts`).",
        "",
    ]
    for item in view.items:
        head = f"- **{md_escape(item.about)}** ({md_escape(item.kind)})"
        head += f" · confidence {item.confidence:.2f}"
        if item.low_confidence:
            head += " · *low confidence*"
        out.append(head)
        out.append(f"  - {md_escape(item.explanation)}")
        for s in item.sides:
            where = f"{md_escape(s.get('doc'))} {s.get('start')}–{s.get('end')}"
            if s.get("printed"):  # a spun source's words, shown repaired
                where += f"; repaired reading, as printed: {md_escape(quoted(s['printed']))}"
            out.append(f"  - {md_escape(quoted(s['text']))} — {md_escape(s['by'])} ({where})")
    return out + [""]


def generic_lines(dossier: dict[str, Any]) -> list[str]:
    """A table per top-level list of records no dedicated view renders (none today).

    One row per record: its document, the source text it points at, then its
    other fields; every cell escaped.
    """
    out: list[str] = []
    for sec in generic_sections(dossier):
        header = (["Document"] if sec.has_doc else []) + (["Text"] if sec.has_text else [])
        header += [md_escape(c) for c in sec.columns]
        out += [f"## {md_escape(sec.title)}", "", _row(header or [""])]
        out.append(_row(["---"] * max(len(header), 1)))
        for r in sec.rows:
            cells = [md_escape(r.doc)] if sec.has_doc else []
            if sec.has_text:
                cells.append(f"“{md_escape(r.text)}”" if r.text is not None else "")
            cells += [md_escape(c) for c in r.cells]
            out.append(_row(cells or [""]))
        out.append("")
    return out


def render_markdown(dossier: dict[str, Any]) -> str:
    """The dossier as Markdown: sources and lineage, entities, who said what, errors."""
    docs = dossier.get("documents", [])
    stats = dossier.get("stats", {})
    out: list[str] = ["# Storyline dossier", ""]
    out.append(
        f"Generated by {md_escape(dossier.get('generated_by', ''))} "
        f"({md_escape(dossier.get('schema', ''))})."
    )
    out += ["", counts_line(stats), ""]
    part = dossier.get("part")
    if part:  # one part of a paged dossier (storyline.report.paged): the way back
        label, index = md_escape(part.get("label", "")), part.get("index_md", "")
        out += [f"One part of a paged dossier ({label}): [index of all parts]({index})", ""]
    out += brief_lines(dossier, md_escape)  # each story's brief first: the answer, then detail

    out += ["## Sources", ""]
    if docs:
        out.append(_row(["ID", "Title", "Outlet", "Published", "Language", "Source", "Flags"]))
        out.append(_row(["---"] * 7))
        for d in docs:
            out.append(
                _row(
                    [
                        md_escape(d.get("id")),
                        md_escape(d.get("title")),
                        md_escape(d.get("outlet")),
                        md_escape(published_text(d)),
                        md_escape(d.get("language")),
                        md_escape(d.get("source")),
                        "; ".join(md_escape(f["text"]) for f in flag_items(d)),
                    ]
                )
            )
    else:
        out.append("No documents.")
    out.append("")
    if docs:
        out += lineage_lines(dossier)

    out += ["## Entities", ""]
    entities = sorted(
        dossier.get("entities", []),
        key=lambda e: (-len(e.get("mentions", [])), e.get("name", "")),
    )
    if entities:
        for e in entities:
            mentions = e.get("mentions", [])
            per_doc = Counter(m.get("doc") for m in mentions)
            in_docs = ", ".join(f"{md_escape(doc)} ({n})" for doc, n in per_doc.items())
            line = (
                f"- **{md_escape(e.get('name'))}** ({md_escape(e.get('type'))}): "
                f"{plural(len(mentions), 'mention')}"
            )
            if in_docs:
                line += f" in {in_docs}"
            aliases = [
                a.get("text") for a in e.get("aliases", []) if a.get("text") != e.get("name")
            ]
            if aliases:
                line += "; also " + ", ".join(f"“{md_escape(a)}”" for a in aliases)
            printed = printed_names(e)
            if printed:
                line += "; as printed in a machine-spun text: " + ", ".join(
                    f"“{md_escape(p)}”" for p in printed
                )
            for note in flag_notes(e):
                line += f"; **{md_escape(note)}**"
            kb = e.get("kb")
            if isinstance(kb, dict):
                line += f"; KB {md_escape(kb.get('id'))} ({md_escape(kb.get('label'))})"
            out.append(line)
            for r in e.get("roles") or []:
                if r.get("relation") != "role":
                    continue
                date = role_date(r)
                org = f" · {md_escape(r.get('org'))}" if r.get("org") else ""
                out.append(
                    f"  - {md_escape(date)} · {md_escape(r.get('title'))}{org} "
                    f"({md_escape(r.get('doc'))} {r.get('start')}–{r.get('end')})"
                )
            if e.get("quotes"):
                out.append(f"  - quoted: {', '.join(md_escape(q) for q in e['quotes'])}")
    else:
        out.append("No entities.")
    out.append("")

    out += quote_lines(dossier)
    out += timeline_lines(dossier)
    out += events_lines(dossier)
    out += forecast_lines(dossier, md_escape)
    out += claims_lines(dossier, md_escape)
    out += conflicts_lines(dossier)
    out += generic_lines(dossier)

    errors = dossier.get("errors", [])
    if errors:
        out += ["## Errors", ""]
        for err in errors:
            out.append(f"- {md_escape(err.get('source'))}: {md_escape(err.get('reason'))}")
        out.append("")
    return visible_controls("\n".join(out))
