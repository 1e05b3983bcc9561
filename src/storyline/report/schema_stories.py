"""Checks of the dossier's ``stories`` and ``developing_stories`` that JSON
Schema cannot see: known documents and stories, spans that quote their text."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

#: Checks (path, span) pairs against the texts (``schema.doc_span_problems``).
SpanCheck = Callable[[list[tuple[list[Any], Any]], dict[str, str]], Iterator[tuple[list[Any], str]]]


def story_problems(
    items: Any, texts: dict[str, str], span_check: SpanCheck, section: str = "stories"
) -> Iterator[tuple[list[Any], str]]:
    """Stories (and developing stories): known documents; title, summary and
    brief spans quote their document exactly (``span_check``)."""
    for i, st in enumerate(items if isinstance(items, list) else []):
        if not isinstance(st, dict):
            continue
        path: list[Any] = [section, i]
        for j, doc in enumerate(st.get("documents") or []):
            if doc not in texts:
                yield path + ["documents", j], f"unknown document id {doc!r}"
        spans = [(path + ["title_span"], st.get("title_span"))]
        spans += [(path + ["summary", j], s) for j, s in enumerate(st.get("summary") or [])]
        brief = st.get("brief") if isinstance(st.get("brief"), dict) else {}
        spans.append((path + ["brief", "headline"], brief.get("headline")))
        for j, item in enumerate(brief.get("state_of_play") or []):
            refs = item.get("refs") if isinstance(item, dict) else None
            spans += [
                (path + ["brief", "state_of_play", j, "refs", k], r)
                for k, r in enumerate(refs or [])
            ]
        yield from span_check(spans, texts)


def developing_problems(dossier: dict[str, Any]) -> Iterator[tuple[list[Any], str]]:
    """Developing stories name known stories, each story exactly once; a
    developing story briefs only its own stories."""
    devs = dossier.get("developing_stories")
    if not isinstance(devs, list):
        return
    known = {s.get("id") for s in dossier.get("stories") or [] if isinstance(s, dict)}
    seen: set[Any] = set()
    for i, dev in enumerate(devs):
        for j, sid in enumerate(dev.get("stories") or [] if isinstance(dev, dict) else []):
            if sid not in known:
                yield ["developing_stories", i, "stories", j], f"unknown story id {sid!r}"
            elif sid in seen:
                yield ["developing_stories", i, "stories", j], f"story {sid!r} listed twice"
            seen.add(sid)
        own = set(dev.get("stories") or []) if isinstance(dev, dict) else set()
        for j, sid in enumerate(dev.get("brief_stories") or [] if isinstance(dev, dict) else []):
            if sid not in own:
                yield ["developing_stories", i, "brief_stories", j], f"{sid!r} is not its story"
