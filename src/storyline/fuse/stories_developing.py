"""Developing stories: event-level stories that belong to one larger story.

Why: an event-level story (``stories``) is one real-world event, as ECB+
defines it: "the Tuesday earthquake" and "the Friday aftershock report" are
two. A reader with a folder of articles on one running story (a war, an oil
spill, an epidemic) wants them as one story told over weeks, each event
under it. Reports of different events of one developing story share its
actors and places and its vocabulary, but not the specifics (counts, days)
that the event-level join score asks for.

How: average link over the event-level stories. Two stories score the
weighted mean of their word, entity-name and capitalised-word cosines (per
story the sum of its documents' unit TF-IDF vectors cut to its
``DEVELOPING_TERMS`` heaviest terms), lowered when their dates lie months
apart (``gap_weight``); the two groups whose stories score highest on
average merge while that average reaches ``level``. Average link, not a
pass over centroids: a centroid of many stories meets every story of the
same region a little, and chains unrelated ones (seen on the VOA folder).
Pairs come from postings over the kept terms (stories sharing none score
0; a term stops pairing once ``DEVELOPING_MAX_POSTING`` stories hold it), so
the cost is the stories' terms, not all pairs; stories are few next to
documents. The weights, level and date gap are data in
``stories_rules.DEVELOPING`` (chosen by cross-validation on folders of
Timeline17 topics and ECB+ events, ``tools/evaluate/developing.py``).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from storyline.fuse.stories_rules import DEVELOPING_MAX_POSTING, DEVELOPING_TERMS
from storyline.model import DevelopingStory, Story

#: Evidence kinds a developing story is compared on (keys of the weights).
KINDS = ("words", "names", "caps")


@dataclass
class StoryProfile:
    """An event-level story as the developing step sees it: per kind, the sum
    of its documents' unit vectors, and its first and last publication days."""

    vectors: dict[str, dict[str, float]] = field(default_factory=dict)
    first: date | None = None
    last: date | None = None

    def add(self, kind: str, vec: Mapping[str, float]) -> None:
        acc = self.vectors.setdefault(kind, {})
        for t, v in vec.items():
            acc[t] = acc.get(t, 0.0) + v


def _unit(vec: Mapping[str, float], top: int = DEVELOPING_TERMS) -> dict[str, float]:
    """The ``top`` heaviest terms of ``vec`` as a unit vector (a story's most
    distinctive terms; the long tail costs postings and says little)."""
    kept = heapq.nlargest(top, vec.items(), key=lambda tv: (tv[1], tv[0]))
    norm = math.sqrt(sum(v * v for _, v in kept))
    return {t: v / norm for t, v in kept} if norm else {}


def link_score(cosines: Mapping[str, float], weights: Mapping[str, float]) -> float:
    """Weighted mean of the kinds' cosines (weights need not sum to one)."""
    total = sum(weights.get(k, 0.0) for k in KINDS) or 1.0
    return sum(weights.get(k, 0.0) * cosines.get(k, 0.0) for k in KINDS) / total


def gap_days(a: StoryProfile, b: StoryProfile) -> float:
    """Days between two stories' date ranges (0 when they overlap or one is undated)."""
    if a.first is None or b.first is None:
        return 0.0
    a_last, b_last = a.last or a.first, b.last or b.first
    return float(max((b.first - a_last).days, (a.first - b_last).days, 0))


def gap_weight(days: float, setting: Mapping[str, float]) -> float:
    """1.0 up to ``gap_free_days`` apart, falling linearly to ``gap_floor`` at
    ``gap_full_days`` (no ``gap_full_days``: dates do not count)."""
    full = setting.get("gap_full_days")
    free = setting.get("gap_free_days", 0.0)
    if not full or days <= free:
        return 1.0
    floor = setting.get("gap_floor", 0.5)
    return floor if days >= full else 1.0 - (1.0 - floor) * (days - free) / (full - free)


def pair_scores(
    profiles: Sequence[StoryProfile], setting: Mapping[str, float]
) -> dict[tuple[int, int], float]:
    """Link scores of every pair of stories that share a kept term (``a < b``),
    the date gap applied; a pair sharing none scores 0. Postings over the kept
    terms, so the cost is the stories' terms times the stories holding each."""
    kinds = [k for k in KINDS if setting.get(k, 0.0) > 0]
    cos: dict[str, dict[tuple[int, int], float]] = {}
    for k in kinds:
        postings: dict[str, list[tuple[int, float]]] = {}
        dots: dict[tuple[int, int], float] = {}
        for s, p in enumerate(profiles):
            for t, v in _unit(p.vectors.get(k, {})).items():
                post = postings.setdefault(t, [])
                if len(post) >= DEVELOPING_MAX_POSTING:
                    continue  # a term this many stories hold says little, costs much
                for o, w in post:
                    dots[(o, s)] = dots.get((o, s), 0.0) + v * w
                post.append((s, v))
        cos[k] = dots
    pairs: set[tuple[int, int]] = set().union(*(c.keys() for c in cos.values()))
    return {
        (a, b): link_score({k: cos[k].get((a, b), 0.0) for k in kinds}, setting)
        * gap_weight(gap_days(profiles[a], profiles[b]), setting)
        for a, b in pairs
    }


def developing_groups(
    profiles: Sequence[StoryProfile], setting: Mapping[str, float]
) -> tuple[list[list[int]], list[float]]:
    """Developing stories as lists of story indices (first-day order inside,
    groups by their first day) by average link: the two groups whose stories
    score highest on average (a pair sharing no term counts 0) merge while that
    average reaches ``level``. Also each story's mean link score to the other
    stories of its group (1.0 alone)."""
    scores = pair_scores(profiles, setting)
    level = setting["level"]
    members: dict[int, list[int]] = {s: [s] for s in range(len(profiles))}
    sums: dict[int, dict[int, float]] = {s: {} for s in members}
    for (a, b), sc in scores.items():
        sums[a][b] = sums[b][a] = sc
    heap = [(-sc, a, b) for (a, b), sc in scores.items() if sc >= level]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        if abs(sums[a].get(b, 0.0) / (len(members[a]) * len(members[b])) + neg) > 1e-12:
            continue  # stale: one of the two grew since
        members[a] += members.pop(b)
        for c, sc in sums.pop(b).items():
            sums[c].pop(b, None)
            if c != a:
                sums[a][c] = sums[c][a] = sums[a].get(c, 0.0) + sc
        for c, sc in sums[a].items():
            avg = sc / (len(members[a]) * len(members[c]))
            if avg >= level:
                heapq.heappush(heap, (-avg, min(a, c), max(a, c)))
    day = {s: (p.first is None, p.first or date.min, s) for s, p in enumerate(profiles)}
    groups = sorted((sorted(m, key=day.__getitem__) for m in members.values()),
                    key=lambda g: day[g[0]])  # fmt: skip
    links = [1.0] * len(profiles)
    for g in groups:
        for s in g:
            others = [scores.get((min(s, o), max(s, o)), 0.0) for o in g if o != s]
            links[s] = sum(others) / len(others) if others else 1.0
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
