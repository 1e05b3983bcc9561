"""Developing stories: event-level stories that belong to one larger story.

Why: an event-level story (``stories``) is one real-world event, as ECB+
defines it: "the Tuesday earthquake" and "the Friday aftershock report" are
two. A reader with a folder of articles on one running story (a war, an oil
spill, an epidemic) wants them as one story told over weeks, each event
under it. Reports of different events of one developing story share its
actors and places and its vocabulary, but not the specifics (counts, days)
that the event-level join score asks for.

How: one pass over the event-level stories in order of their first
publication day (undated ones after, in order): each joins the developing
story whose centroid is closest, if the weighted cosine of their centroids
-- content words, entity names, capitalised words, each the sum of the
member documents' unit TF-IDF vectors -- reaches ``level``, else it starts
a developing story. Candidates come from postings over the developing
stories' terms, so a story costs its own terms, not all pairs. The weights
and level are data in ``stories_rules.DEVELOPING`` (chosen by
cross-validation on Timeline17 topics mixed with ECB+ train events, by
``tools/evaluate/developing.py``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from storyline.model import DevelopingStory, Story

#: Evidence kinds a developing story is compared on (keys of the weights).
KINDS = ("words", "names", "caps")


@dataclass
class StoryProfile:
    """An event-level story as the developing pass sees it: per kind, the sum
    of its documents' unit vectors, and its first publication day."""

    vectors: dict[str, dict[str, float]] = field(default_factory=dict)
    first: date | None = None

    def add(self, kind: str, vec: Mapping[str, float]) -> None:
        acc = self.vectors.setdefault(kind, {})
        for t, v in vec.items():
            acc[t] = acc.get(t, 0.0) + v


def _unit(vec: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {t: v / norm for t, v in vec.items()} if norm else {}


class _Centroids:
    """Postings over developing-story centroids of one kind (sums of member
    story unit vectors), for cosines against a new story."""

    def __init__(self) -> None:
        self.postings: dict[str, dict[int, float]] = {}
        self.norm2: list[float] = []

    def cosines(self, unit: Mapping[str, float]) -> dict[int, float]:
        dots: dict[int, float] = {}
        for t, v in unit.items():
            for g, w in self.postings.get(t, {}).items():
                dots[g] = dots.get(g, 0.0) + v * w
        return {g: d / math.sqrt(self.norm2[g]) for g, d in dots.items() if self.norm2[g] > 1e-12}

    def add(self, group: int, unit: Mapping[str, float]) -> None:
        while len(self.norm2) <= group:
            self.norm2.append(0.0)
        dot = 0.0
        for t, v in unit.items():
            post = self.postings.setdefault(t, {})
            old = post.get(group, 0.0)
            dot += old * v
            post[group] = old + v
        self.norm2[group] += 2 * dot + sum(v * v for v in unit.values())


def link_score(cosines: Mapping[str, float], weights: Mapping[str, float]) -> float:
    """Weighted mean of the kinds' cosines (weights need not sum to one)."""
    total = sum(weights.get(k, 0.0) for k in KINDS) or 1.0
    return sum(weights.get(k, 0.0) * cosines.get(k, 0.0) for k in KINDS) / total


def developing_groups(
    profiles: Sequence[StoryProfile], setting: Mapping[str, float]
) -> tuple[list[list[int]], list[float]]:
    """Developing stories as lists of story indices (first day order inside),
    and each story's link score to the developing story it joined (1.0 for
    the one that started it). ``setting``: ``level`` and a weight per kind."""
    order = sorted(
        range(len(profiles)),
        key=lambda s: (profiles[s].first is None, profiles[s].first or date.min, s),
    )
    level = setting["level"]
    spaces = {k: _Centroids() for k in KINDS if setting.get(k, 0.0) > 0}
    groups: list[list[int]] = []
    links = [1.0] * len(profiles)
    for s in order:
        units = {k: _unit(profiles[s].vectors.get(k, {})) for k in spaces}
        cos = {k: spaces[k].cosines(units[k]) for k in spaces}
        candidates = set().union(*(c.keys() for c in cos.values())) if cos else set()
        scored = [
            (link_score({k: cos[k].get(g, 0.0) for k in spaces}, setting), -g) for g in candidates
        ]
        best = max(scored, default=None)
        if best is not None and best[0] >= level:
            g = -best[1]
            links[s] = best[0]
        else:
            g = len(groups)
            groups.append([])
        groups[g].append(s)
        for k in spaces:
            spaces[k].add(g, units[k])
    return groups, links


def developing_records(
    stories: Sequence[Story], groups: Sequence[Sequence[int]], links: Sequence[float]
) -> list[DevelopingStory]:
    """``DevelopingStory`` records (largest first, then earliest) over ``stories``
    grouped by index; each story's ``developing`` set to its record's id."""
    ordered = sorted(groups, key=lambda g: (-sum(len(stories[s].documents) for s in g), min(g)))
    out = []
    for n, group in enumerate(ordered, 1):
        members = [stories[s] for s in group]
        dev_id = f"developing-{n}"
        for st in members:
            st.developing = dev_id
        firsts = [st.first for st in members if st.first]
        lasts = [st.last for st in members if st.last]
        out.append(
            DevelopingStory(
                id=dev_id,
                title=members[0].title,
                stories=[st.id for st in members],
                documents=[d for st in members for d in st.documents],
                title_span=members[0].title_span,
                first=min(firsts) if firsts else None,
                last=max(lasts) if lasts else None,
                links=[round(links[s], 3) for s in group],
            )
        )
    return out
