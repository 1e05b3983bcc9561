"""The story briefs as Markdown lines, read from the dossier dict only.

Each developing story (else each story): its headline (or title), how many independent sources stand
behind it, the summary sentences each with the source and offsets it is
quoted from, then the state of play. Uncertain lines say so. Every cell of
article-derived text goes through the caller's escape function.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from storyline.report.text import day_range, published_text

#: How each kind of state-of-play line is introduced.
KIND_LABELS = {
    "actor": "Actor",
    "development": "Latest",
    "forecast": "Forecast",
    "disagreement": "Disagreement",
}


def _where(
    ref: Mapping[str, Any], docs: Mapping[Any, Mapping[str, Any]], named: bool = True
) -> str:
    """``Outlet, 2022-03-11 · d123:40–97`` (parts that are unknown left out;
    ``named=False``: the location alone)."""
    doc_id = ref.get("doc_id") or ref.get("doc")
    doc = docs.get(doc_id) or {}
    parts = [str(x) for x in (doc.get("outlet") or doc.get("title"), published_text(doc)) if x]
    loc = f"{doc_id}:{ref.get('start')}–{ref.get('end')}"
    return " · ".join([", ".join(parts), loc] if parts and named else [loc])


def story_brief_lines(
    story: Mapping[str, Any],
    docs: Mapping[Any, Mapping[str, Any]],
    esc: Callable[[Any], str],
) -> list[str]:
    """One story's brief."""
    brief = story.get("brief") or {}
    head = brief.get("headline") or {}
    out = [f"### {esc(head.get('text') or story.get('title') or story.get('id'))}", ""]
    if head.get("text"):
        out += [f"Headline: the title at {esc(_where(head, docs, named=False))}.", ""]
    sources = brief.get("sources") or {}
    if sources.get("in_words"):
        found = sources.get("integrity_words")
        tail = f"; of these, {esc(found)}" if found else ""
        out += [f"**Sources:** {esc(sources['in_words'])}{tail}.", ""]
    summary = story.get("summary") or []
    if summary:
        out += ["**Summary** (each sentence quoted from the source named after it):", ""]
        out += [f"- “{esc(s.get('text'))}” ({esc(_where(s, docs))})" for s in summary]
        out.append("")
    else:
        out += ["No summary: no usable sentence in this story's documents.", ""]
    play = brief.get("state_of_play") or []
    if play:
        out += ["**State of play:**", ""]
        for item in play:
            kind = KIND_LABELS.get(item.get("kind"), str(item.get("kind")))
            unsure = " (uncertain)" if item.get("low_confidence") else ""
            refs = "; ".join(esc(_where(r, docs, named=False)) for r in item.get("refs") or [])
            line = f"- {esc(kind)}{unsure}: {esc(item.get('text'))}"
            out.append(line + (f" [{refs}]" if refs else ""))
        out.append("")
    return out


def event_lines(
    dev: Mapping[str, Any], stories: Mapping[Any, Mapping[str, Any]], esc: Callable[[Any], str]
) -> list[str]:
    """The event-level stories of a developing story, one line each (none when
    it holds one story: its brief is the developing story's own)."""
    members = [stories[s] for s in dev.get("stories") or [] if s in stories]
    if len(members) < 2:
        return []
    out = [f"**Reported events in this story** ({len(members)}):", ""]
    links = dict(zip(dev.get("stories") or [], dev.get("links") or [], strict=False))
    for st in members:
        head = (st.get("brief") or {}).get("headline") or {}
        days = day_range(st.get("first"), st.get("last")) if st.get("first") else ""
        n = len(st.get("documents") or [])
        tail = f"{n} article{'' if n == 1 else 's'}{', ' + days if days else ''}"
        link = links.get(st.get("id"))
        briefed = dev.get("brief_stories")
        if isinstance(briefed, list) and st.get("id") not in briefed:
            score = f" ({link:.2f})" if isinstance(link, (int, float)) else ""
            tail += f"; loosely linked{score}, not in the brief"
        out.append(f"- {esc(head.get('text') or st.get('title') or st.get('id'))} ({esc(tail)})")
    return [*out, ""]


def brief_lines(dossier: Mapping[str, Any], esc: Callable[[Any], str]) -> list[str]:
    """The "Stories" section: one brief per developing story (largest first),
    its reported events listed under it; without developing stories, one brief
    per story in story order."""
    stories = [s for s in dossier.get("stories") or [] if isinstance(s, Mapping)]
    developing = [s for s in dossier.get("developing_stories") or [] if isinstance(s, Mapping)]
    if not stories and not developing:
        return []
    docs = {d.get("id"): d for d in dossier.get("documents", [])}
    by_id = {s.get("id"): s for s in stories}
    out = ["## Stories", ""]
    for story in developing or stories:
        out += story_brief_lines(story, docs, esc)
        out += event_lines(story, by_id, esc) if developing else []
    return out
