"""State-of-play lines of a story's brief, each built from fused records.

One function per kind (actors, developments, forecasts, disagreements), all
over the story's documents, the fused records and each document's quality
(``brief.document_quality``). A line is a short sentence in plain words
with the spans that back it; the words it quotes are cut for display only,
its references keep the whole span.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from storyline.despin.repair import repaired_slice
from storyline.fuse.brief_rules import (
    ACTOR_LABELS,
    MAX_ACTORS,
    MAX_DEVELOPMENTS,
    MAX_DISAGREEMENTS,
    MAX_FORECASTS,
    MAX_PLACES,
    QUOTE_CHARS,
    QUOTE_MIN_CONFIDENCE,
)
from storyline.model import DocumentAnalysis, Entity, EntityMention, Fused
from storyline.model.brief import PlayItem, cited

_SPACE = re.compile(r"\s+")


@dataclass
class Context:
    """What every state-of-play part reads: the fused records, each document's
    quality, and the fused entities' mentions by document (indexed once for
    all stories, so a story's work stays proportional to its own documents)."""

    fused: Fused
    quality: Mapping[str, float] = field(default_factory=dict)
    mentions: Mapping[str, list[tuple[EntityMention, Entity]]] = field(default_factory=dict)
    # Positions in ``fused.sections["conflicts"]`` of the conflicts with a side
    # in each document (``conflict_index``); empty: every conflict is read.
    conflicts: Mapping[str, list[int]] = field(default_factory=dict)


def conflict_index(fused: Fused) -> dict[str, list[int]]:
    """Per document, the positions of the conflicts with a side in it: a
    story reads its own (at 1,000 articles every story scanned every conflict)."""
    out: dict[str, list[int]] = {}
    for i, cf in enumerate(fused.sections.get("conflicts", [])):
        for doc in {s.doc for s in cf.sides}:
            out.setdefault(doc, []).append(i)
    return out


def mention_index(fused: Fused) -> dict[str, list[tuple[EntityMention, Entity]]]:
    """Per document, its fused entity mentions in text order."""
    out: dict[str, list[tuple[EntityMention, Entity]]] = {}
    for ent in fused.entities:
        for m in ent.mentions:
            out.setdefault(m.doc, []).append((m, ent))
    for v in out.values():
        v.sort(key=lambda x: x[0].start)
    return out


#: How a resolved forecast's status is said.
STATUS_WORDS = {
    "open": "Open forecast",
    "came true": "Forecast that came true",
    "not by its deadline": "Forecast not borne out by its deadline",
    "contradicted": "Forecast contradicted by later reports",
}


def text_of(text: str, limit: int = QUOTE_CHARS) -> str:
    """``text`` on one line, cut at a word boundary after ``limit`` characters."""
    flat = _SPACE.sub(" ", text).strip()
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def shown(a: DocumentAnalysis | None, start: int, end: int, text: str) -> str:
    """A span's words quoted for display: the repaired reading inside a spun
    document, marked as such (its reference keeps the printed words), else
    the text as written."""
    spun = [s for s in a.spans if s.kind == "spun"] if a is not None else []
    fixed = repaired_slice(a.text, spun, start, end) if a is not None and spun else None
    if fixed:
        return f"\u201c{text_of(fixed)}\u201d (repaired reading of spun wording)"
    return f"\u201c{text_of(text)}\u201d"


def human_day(value: str | None) -> str | None:
    """ "2022-03-11..." -> "11 Mar 2022" (None when not a day)."""
    try:
        day = date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
    return f"{day.day} {day:%b %Y}"


#: How a flagged document is named, so a reader knows its wording is not an original's.
INTEGRITY_WORDS = {"spun": "machine-spun text", "machine_translated": "machine translation"}


def label(a: DocumentAnalysis | None, dated: bool = True) -> str:
    """A document as a reader names it: outlet (or short title), date, and
    whether its wording is spun or machine-translated."""
    if a is None:
        return "another source"
    name = a.metadata.value("outlet")
    if not name:
        title = a.metadata.value("title") or ""
        words = title.split()
        name = " ".join(words[:6]) + ("…" if len(words) > 6 else "") if words else "an article"
    parts = [name]
    day = human_day(a.metadata.value("published")) if dated else None
    parts += [day] if day else []
    for key, words in INTEGRITY_WORDS.items():
        finding = a.integrity.get(key)
        if isinstance(finding, dict) and finding.get("flagged") is True:
            parts.append(words)
    return ", ".join(parts)


def quote_counts(docs: Sequence[DocumentAnalysis], fused: Fused) -> Counter[str]:
    """Per speaker entity, the quotes of these documents shown by default."""
    out: Counter[str] = Counter()
    for a in docs:
        for q in a.outputs.get("quotes") or []:
            ent = fused.speaker_entities.get(f"{a.doc_id}:{q.id}")
            if ent is not None and getattr(q, "confidence", 1.0) >= QUOTE_MIN_CONFIDENCE:
                out[ent] += 1
    return out


def _bounds(span: Mapping[str, Any]) -> tuple[int, int, str]:
    return span["start"], span["end"], span["text"]


def _span_ref(span: Mapping[str, Any]) -> dict[str, Any]:
    return cited(span["doc"], span["start"], span["end"], span["text"])


def actor_items(docs: Sequence[DocumentAnalysis], ctx: Context) -> list[PlayItem]:
    """The story's key actors: named in most of its documents, then most quoted
    and mentioned; people and organisations before places."""
    quotes = quote_counts(docs, ctx.fused)
    by_entity: dict[str, tuple[Entity, list[EntityMention]]] = {}
    for a in docs:  # documents in story order, mentions in text order
        for m, ent in ctx.mentions.get(a.doc_id, []):
            if ent.type in ACTOR_LABELS:
                by_entity.setdefault(ent.id, (ent, []))[1].append(m)
    rows = []
    for ent, mentions in by_entity.values():
        n_docs = len({m.doc for m in mentions})
        score = n_docs + 0.5 * math.log1p(len(mentions)) + math.log1p(quotes[ent.id])
        rows.append((score, ent, mentions, n_docs))
    rows.sort(key=lambda r: (-r[0], r[1].name))
    out: list[PlayItem] = []
    places = 0
    for _, ent, mentions, n_docs in rows:
        if len(out) >= MAX_ACTORS:
            break
        if ent.type in ("GPE", "LOC"):
            if places >= MAX_PLACES:
                continue
            places += 1
        where = (
            f"named {len(mentions)} times"
            if len(docs) == 1
            else f"named in {n_docs} of {len(docs)} articles ({len(mentions)} mentions)"
        )
        q = quotes[ent.id]
        said = f", quoted {q} time{'s' if q != 1 else ''}" if q else ""
        firsts = list({m.doc: m for m in reversed(mentions)}.values())[::-1][:3]
        refs = [cited(m.doc, m.start, m.end, m.text) for m in firsts]
        out.append(PlayItem("actor", f"{ent.name}: {where}{said}.", refs))
    return out


def development_items(docs: Sequence[DocumentAnalysis], ctx: Context) -> list[PlayItem]:
    """The latest dated developments of the timeline the story's documents
    report as having happened (no forecasts), latest first."""
    by_id = {a.doc_id: a for a in docs}
    days = [str(p)[:10] for a in docs if (p := a.metadata.value("published"))]
    last = max(days) if days else "9999"
    rows = []
    for entry in ctx.fused.sections.get("timeline", []):
        if not isinstance(entry, dict) or entry.get("precision") != "day":
            continue
        if entry.get("modality") not in ("asserted", "negated") or entry["date"] > last:
            continue
        mine = [s for s in entry.get("sentences", []) if s["doc"] in by_id]
        if not mine:
            continue
        best = max(mine, key=lambda s: ctx.quality.get(s["doc"], 0.0))  # first of the best
        rows.append((entry, best, mine))
    rows.sort(key=lambda r: r[0]["date"], reverse=True)
    out = []
    for entry, best, mine in rows[:MAX_DEVELOPMENTS]:
        n = len({d for s in mine for d in s.get("sources", [s["doc"]]) if d in by_id})
        who = label(by_id[best["doc"]]) if n == 1 else f"{n} articles"
        words = shown(by_id[best["doc"]], best["start"], best["end"], best["text"])
        text = f"{human_day(entry['date'])}: {words} ({who})."
        out.append(
            PlayItem(
                "development",
                text,
                [_span_ref(best)],
                bool(entry.get("low_confidence")),
            )
        )
    return out


def forecast_items(docs: Sequence[DocumentAnalysis], ctx: Context) -> list[PlayItem]:
    """Forecasts made in the story's documents: open ones first (confident,
    then latest made), with one place kept for one that later reports settle."""
    by_id = {a.doc_id: a for a in docs}
    rows = [
        fc
        for fc in ctx.fused.sections.get("forecasts", [])
        if fc.status in STATUS_WORDS and set(fc.docs) & set(by_id)
    ]
    rows.sort(key=lambda f: f.made or "", reverse=True)
    rows.sort(key=lambda f: f.confidence < 0.5)
    open_ = [f for f in rows if f.status == "open"]
    settled = [f for f in rows if f.status != "open"]
    chosen = open_[: MAX_FORECASTS - 1 if settled else MAX_FORECASTS]
    chosen += settled[: MAX_FORECASTS - len(chosen)]
    out = []
    for fc in chosen:
        src = by_id.get(fc.statement["doc"])
        who = fc.who_name or label(src, dated=False)
        made = human_day(fc.made)
        head = f"{STATUS_WORDS[fc.status]} ({who}{', ' + made if made else ''})"
        text = f"{head}: {shown(src, *_bounds(fc.statement))}"
        if src is not None and (mark := label(src, dated=False)) != who and fc.who_name:
            text += f" (in {mark})"
        if fc.status == "open":
            due = human_day(fc.deadline) or fc.horizon
            text += f", due {due}." if due else "."
        else:
            text += f". {fc.reason}"
        refs = [_span_ref(fc.statement)]
        refs += [_span_ref(e) for e in fc.evidence[:1]]
        out.append(PlayItem("forecast", text, refs, fc.confidence < 0.5))
    return out


def disagreement_items(docs: Sequence[DocumentAnalysis], ctx: Context) -> list[PlayItem]:
    """Where the story's sources disagree, each side with who says it."""
    by_id = {a.doc_id: a for a in docs}
    conflicts = ctx.fused.sections.get("conflicts", [])
    if ctx.conflicts:
        mine = {i for d in by_id for i in ctx.conflicts.get(d, ())}
        conflicts = [conflicts[i] for i in sorted(mine)]
    out = []
    for cf in conflicts:
        sides = [s for s in cf.sides if s.doc in by_id]
        if len(out) >= MAX_DISAGREEMENTS or len({s.lineage or s.doc for s in sides}) < 2:
            continue
        parts = "; ".join(f"{label(by_id[s.doc])}: {text_of(s.says, 90)}" for s in sides[:3])
        refs = [cited(s.doc, s.start, s.end, s.text) for s in sides[:3]]
        text = f"Sources disagree on {cf.about}. {parts}."
        out.append(PlayItem("disagreement", text, refs, bool(cf.low_confidence)))
    return out
