"""The per-story brief: headline, cited summary, state of play and sources.

A fusion step over fused records only (``build_briefs``), run after stories,
timeline, forecasts and conflicts. For each story it fills

(and each developing story, ``DevelopingStory``, over all its documents)

- ``Story.summary``: 3-5 sentences quoted exactly from its documents, each
  citing its span (``storyline.fuse.brief_summary`` chooses them; originals
  are preferred to copies, spun and machine-translated texts);
- ``Story.brief``: the headline (the title of the best original document,
  cited; a title that states a forecast later reports refute is passed
  over), the state of play (key actors with their mention and quote counts,
  the latest dated developments of the timeline, forecasts and their
  status, disagreements between sources), each a short sentence built from
  the records with the spans behind it, and how many independent sources
  stand behind the story once copies are folded into their original.

One story that fails to brief costs only its own brief (an error line on
the analyses of its documents).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from storyline.fuse.brief_play import (
    Context,
    actor_items,
    conflict_index,
    development_items,
    disagreement_items,
    forecast_items,
    mention_index,
)
from storyline.fuse.brief_rules import QUALITY
from storyline.fuse.brief_summary import SummaryDoc, SummarySentence, summarise, summary_length
from storyline.fuse.sources import independent_groups, lineage_of
from storyline.fuse.stories_rules import LOOSE_LINK
from storyline.fuse.timeline_text import content_words, words_of
from storyline.model import DevelopingStory, DocumentAnalysis, Fused, Lineage, Story
from storyline.model.brief import Brief, CitedSentence, PlayItem, cited


def document_quality(a: DocumentAnalysis, index: Mapping[str, Lineage]) -> tuple[float, str]:
    """How much a document's wording is worth in a brief, and why (``QUALITY``)."""
    kinds = ["original"]
    lineage = index.get(a.doc_id)
    if lineage is not None and lineage.original != a.doc_id:
        kinds.append("copy")
    for key in ("spun", "machine_translated"):
        finding = a.integrity.get(key)
        if isinstance(finding, dict) and finding.get("flagged") is True:
            kinds.append(key)
    kind = min(kinds, key=lambda k: QUALITY[k])
    return QUALITY[kind], kind


def _boilerplate(a: DocumentAnalysis) -> tuple[list[int], list[int]]:
    spans = sorted((s.start, s.end) for s in a.spans if s.kind == "boilerplate")
    return [s for s, _ in spans], [e for _, e in spans]


def summary_doc(
    a: DocumentAnalysis, quality: float, names: Sequence[tuple[int, str]] = ()
) -> SummaryDoc:
    """A document's summary features: its sentences outside boilerplate and the
    entity ids named in each (``names``: (offset, entity id), sorted)."""
    b_starts, b_ends = _boilerplate(a)
    starts = [n for n, _ in names]
    sentences = []
    for s in a.sentences:
        i = bisect.bisect_right(b_starts, s.start) - 1
        if i >= 0 and b_ends[i] >= s.end:
            continue
        lo, hi = bisect.bisect_left(starts, s.start), bisect.bisect_left(starts, s.end)
        inside = frozenset(e for _, e in names[lo:hi])
        sentences.append(SummarySentence(s.start, s.end, a.text[s.start : s.end], inside))
    return SummaryDoc(a.doc_id, tuple(sentences), quality)


def _title_span(a: DocumentAnalysis) -> dict[str, Any] | None:
    """The document's title as a cited span (None when it is not in the text)."""
    ev = a.metadata.title
    if ev is None or not ev.value or ev.start is None or ev.end is None:
        return None
    if a.text[ev.start : ev.end] != ev.value:
        return None
    return cited(a.doc_id, ev.start, ev.end, ev.value)


def _refuted_spans(fused: Fused) -> dict[str, list[tuple[int, int]]]:
    """Per document, the spans of forecasts that later reports refute."""
    out: dict[str, list[tuple[int, int]]] = {}
    for fc in fused.sections.get("forecasts", []):
        if getattr(fc, "status", None) not in ("not by its deadline", "contradicted"):
            continue
        for span in [fc.statement, *fc.copies]:
            out.setdefault(span["doc"], []).append((span["start"], span["end"]))
    return out


def headline(
    docs: Sequence[DocumentAnalysis],
    quality: Mapping[str, float],
    refuted: Mapping[str, list[tuple[int, int]]],
) -> dict[str, Any] | None:
    """The best title: one that no later report refutes, from the best-quality
    document, whose words most of the story's documents share, latest first."""
    df: Counter[str] = Counter()
    for a in docs:
        df.update(set(content_words(words_of(a.text))))
    best, best_key = None, None
    for n, a in enumerate(docs):
        span = _title_span(a)
        if span is None:
            continue
        words = set(content_words(words_of(span["text"])))
        shared = sum(df[w] for w in words) / (len(words) * len(docs) or 1)
        wrong = any(s < span["end"] and span["start"] < e for s, e in refuted.get(a.doc_id, []))
        key = (not wrong, quality[a.doc_id], round(shared, 1), n)
        if best_key is None or key > best_key:
            best, best_key = span, key
    return best


def sources_in_words(documents: int, independent: int) -> str:
    """ "3 independent sources (5 articles; 2 are copies)"."""
    src = "1 independent source" if independent == 1 else f"{independent} independent sources"
    arts = "1 article" if documents == 1 else f"{documents} articles"
    copies = documents - independent
    if documents == 1:
        return f"{src} ({arts})"
    if copies == 0:
        return f"{src} ({arts}; no copies found)"
    said = "1 is a copy" if copies == 1 else f"{copies} are copies"
    return f"{src} ({arts}; {said})"


def integrity_summary(docs: Sequence[DocumentAnalysis]) -> tuple[dict[str, Any], str]:
    """What integrity found in the story's documents, as counts and in words:
    "1 machine-translated, 1 machine-spun, 2 name another outlet as origin
    (New York Post, Al Jazeera), 1 re-post of an unnamed outlet"."""
    counts = {"machine_translated": 0, "spun": 0, "reposts": 0}
    origins: list[str] = []
    for a in docs:
        for key in ("machine_translated", "spun"):
            finding = a.integrity.get(key)
            if isinstance(finding, dict) and finding.get("flagged") is True:
                counts[key] += 1
        origin = a.integrity.get("original_outlet")
        if isinstance(origin, dict):
            if origin.get("name"):
                origins.append(str(origin["name"]))
            elif origin.get("repost"):
                counts["reposts"] += 1
    parts = []
    if counts["machine_translated"]:
        parts.append(f"{counts['machine_translated']} machine-translated")
    if counts["spun"]:
        parts.append(f"{counts['spun']} machine-spun")
    if origins:
        names = ", ".join(dict.fromkeys(origins))
        verb = "names" if len(origins) == 1 else "name"
        parts.append(f"{len(origins)} {verb} another outlet as origin ({names})")
    if counts["reposts"]:
        n = counts["reposts"]
        parts.append(f"{n} re-post{'s' if n != 1 else ''} of an unnamed outlet")
    return {**counts, "origins": origins}, ", ".join(parts)


def brief_story(
    story: Story | DevelopingStory,
    analyses: Mapping[str, DocumentAnalysis],
    ctx: Context,
    index: Mapping[str, Lineage],
    refuted: Mapping[str, list[tuple[int, int]]],
    documents: Sequence[str] | None = None,
) -> None:
    """Fill ``story.summary`` and ``story.brief`` (``ctx`` without the qualities,
    which are the story's own) from ``documents`` (default: all the story's)."""
    fused = ctx.fused
    docs = [analyses[d] for d in (documents or story.documents) if d in analyses]
    grades = {a.doc_id: document_quality(a, index) for a in docs}
    quality = {d: q for d, (q, _) in grades.items()}
    independent = len(independent_groups([a.doc_id for a in docs], fused.lineages, index))
    ctx = Context(fused, quality, ctx.mentions, ctx.conflicts)
    sdocs = []
    for a in docs:
        names = [(m.start, e.id) for m, e in ctx.mentions.get(a.doc_id, [])]
        sdocs.append(summary_doc(a, quality[a.doc_id], names))
    picks = summarise(sdocs, summary_length(independent))
    story.summary = [
        CitedSentence(
            docs[p.doc].doc_id,
            p.sentence.start,
            p.sentence.end,
            p.sentence.text,
            docs[p.doc].metadata.value("outlet"),
            docs[p.doc].metadata.value("published"),
        ).to_dict()
        for p in picks
    ]
    integrity, integrity_words = integrity_summary(docs)
    play: list[PlayItem] = []
    for part in (actor_items, development_items, forecast_items, disagreement_items):
        try:
            play += part(docs, ctx)
        except Exception as exc:  # noqa: BLE001 - one part must not cost the brief
            for a in docs[:1]:
                a.errors.append(f"brief {part.__name__}: {type(exc).__name__}: {exc}")
    brief = Brief(
        headline=headline(docs, quality, refuted),
        state_of_play=play,
        sources={
            "documents": len(docs),
            "independent": independent,
            "in_words": sources_in_words(len(docs), independent),
            "integrity": integrity,
            "integrity_words": integrity_words,
        },
    )
    story.brief = brief.to_dict()


def brief_stories(dev: DevelopingStory, by_story: Mapping[str, Story]) -> list[Story]:
    """The event-level stories a developing story's brief is written from: those
    linked at ``LOOSE_LINK`` or more (a loosely linked one is listed, marked, but
    kept out of the brief: its link is as often a same-region neighbour); when
    none is, the largest (then earliest) alone."""
    members = [(by_story[s], link) for s, link in zip(dev.stories, dev.links, strict=False)
               if s in by_story]  # fmt: skip
    if len(dev.links) < len(dev.stories):  # no links recorded: all of them
        return [by_story[s] for s in dev.stories if s in by_story]
    core = [st for st, link in members if link >= LOOSE_LINK]
    if core or not members:
        return core
    return [max(members, key=lambda m: (len(m[0].documents), -dev.stories.index(m[0].id)))[0]]


def build_briefs(analyses: Sequence[DocumentAnalysis], fused: Fused) -> list[Story]:
    """Brief every story of ``fused.sections["stories"]`` and every developing
    story of ``fused.sections["developing_stories"]`` in place, from the
    stories ``brief_stories`` picks (one picked: its brief is shared); returns
    the stories."""
    by_id = {a.doc_id: a for a in analyses}
    index = lineage_of(fused.lineages)
    refuted = _refuted_spans(fused)
    ctx = Context(fused, mentions=mention_index(fused), conflicts=conflict_index(fused))
    stories = [s for s in fused.sections.get("stories", []) if isinstance(s, Story)]
    by_story = {s.id: s for s in stories}
    developing = [
        s for s in fused.sections.get("developing_stories", []) if isinstance(s, DevelopingStory)
    ]
    for story in [*stories, *developing]:
        core = brief_stories(story, by_story) if isinstance(story, DevelopingStory) else []
        if isinstance(story, DevelopingStory):
            story.brief_stories = [st.id for st in core]
        if len(core) == 1:  # its brief is that story's
            story.summary, story.brief = list(core[0].summary), core[0].brief
            continue
        docs = [d for st in core for d in st.documents] or None
        try:
            brief_story(story, by_id, ctx, index, refuted, docs)
        except Exception as exc:  # noqa: BLE001 - one story must not cost the others
            story.summary, story.brief = [], None
            for d in story.documents[:1]:
                if d in by_id:
                    by_id[d].errors.append(f"brief {story.id}: {type(exc).__name__}: {exc}")
    return stories
