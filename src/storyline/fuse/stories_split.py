"""Splitting a story whose documents form two groups (the undo of an early
wrong join that a one-pass grouping cannot see).

Why: when the second report of event B joins a story of event A at a middling
score, every later report of A or B joins the merged story, whose centroid
now holds both. Inside such a story the documents of A score high against
each other and low against those of B. The check scores every pair of a
story's documents with the join model (each as a story of one), groups them
into two by average link, and splits off the group without the story's first
document when the average score across the two groups is below
``split_floor`` and both groups hold at least two documents. It costs the
square of the story's size, so only stories of ``SPLIT_MIN``-``SPLIT_MAX``
documents are checked (a corpus's cost stays linear in its size).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from storyline.fuse.stories_features import (
    DocEvidence,
    JoinModel,
    StoryEvidence,
    join_features,
    join_probability,
)
from storyline.fuse.stories_rules import SPLIT_MAX, SPLIT_MIN


class Splittable(Protocol):
    """What the split needs of a clusterer (``stories.StoryClusterer``)."""

    model: JoinModel
    settings: Mapping[str, float]
    docs: list[tuple[DocEvidence, dict, object]]

    def members(self, story: int) -> list[int]: ...
    def take(self, d: int) -> tuple[int, float]: ...
    def put(self, d: int, story: int, score: float) -> None: ...
    def new_story(self) -> int: ...


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def pair_scores(
    docs: Sequence[tuple[DocEvidence, dict, object]], model: JoinModel
) -> list[list[float]]:
    """Symmetric join scores between documents, each taken as a story of one."""
    alone = []
    for ev, _, _ in docs:
        st = StoryEvidence()
        st.absorb(ev)
        alone.append(st)
    k = len(docs)
    out = [[0.0] * k for _ in range(k)]
    for i in range(k):
        for j in range(i + 1, k):
            vi, vj = docs[i][1], docs[j][1]
            cos = {kind: _cosine(vi[kind], vj[kind]) for kind in vi}
            pij = join_probability(join_features(cos, docs[i][0], alone[j]), model)
            pji = join_probability(join_features(cos, docs[j][0], alone[i]), model)
            out[i][j] = out[j][i] = (pij + pji) / 2
    return out


def two_groups(scores: list[list[float]]) -> tuple[list[int], list[int], float]:
    """Average-link grouping down to two groups; both and their average cross score."""
    groups = [[i] for i in range(len(scores))]
    total = [row[:] for row in scores]  # summed scores between groups
    while len(groups) > 2:
        best, pair = -1.0, (0, 1)
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                avg = total[a][b] / (len(groups[a]) * len(groups[b]))
                if avg > best:
                    best, pair = avg, (a, b)
        a, b = pair
        groups[a] += groups.pop(b)
        row_b = total.pop(b)
        for r in total:
            r.pop(b)
        for c in range(len(groups)):
            if c != a:
                total[a][c] += row_b[c if c < b else c + 1]
                total[c][a] = total[a][c]
    cross = total[0][1] / (len(groups[0]) * len(groups[1]))
    return groups[0], groups[1], cross


def split_story(c: Splittable, story: int) -> int | None:
    """Split ``story`` in two when its documents form two weakly joined groups;
    the new story's index, or None (no ``split_floor`` setting, size outside
    the checked range, or no split found)."""
    floor = c.settings.get("split_floor")
    members = c.members(story)
    if floor is None or not SPLIT_MIN <= len(members) <= SPLIT_MAX:
        return None
    scores = pair_scores([c.docs[d] for d in members], c.model)
    a, b, cross = two_groups(scores)
    if cross >= floor or min(len(a), len(b)) < 2:
        return None
    leave = b if 0 in a else a
    new = c.new_story()
    for n, i in enumerate(sorted(leave)):
        d = members[i]
        others = [scores[i][j] for j in leave if j != i]
        c.take(d)
        c.put(d, new, 1.0 if n == 0 else sum(others) / len(others))
    return new
