"""The clustering core for "the same event in several documents".

Pure and independent of where mentions come from: the dossier builds
``EventMentionFeatures`` from ``Event`` records (``storyline.fuse.events.groups``)
and the ECB+ scorer (``tools/evaluate/xdoc_events.py``) builds them from a
spaCy parse of gold mentions, so the measured figure is the code users run.

Two mentions may link when their triggers are compatible (same lemma, a
shared row of ``rules.TRIGGER_GROUPS``, or the same event type when
``w_type`` is set) and nothing contradicts (different days, different
countries, disjoint known actors). The link score is a weighted sum of the
trigger match and the evidence (shared arguments, place, date, similar
sentence, similar document context); with ``require_evidence`` a trigger
alone never links. Clusters grow by average linkage over these sparse
scores (a pair with no link counts 0) and never across a contradiction.
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.fuse.events.rules import DAY_PRECISION, TRIGGER_GROUPS

_WORD = re.compile(r"[^\W\d_][\w'-]*")


def sentence_keys(text: str, drop: frozenset[str] = frozenset()) -> frozenset[str]:
    """Content words of a sentence, lower-cased, plural -s cut: the ``tokens`` feature.

    Plain regex words (no parse) so the dossier, which reads analyses only,
    and the ECB+ scorer compute the very same feature.
    """
    out = set()
    for m in _WORD.finditer(text):
        w = m.group().lower()
        if len(w) < 3 or w in STOP_WORDS or w in drop:
            continue
        if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.add(w)
    return frozenset(out)


@dataclass(frozen=True)
class EventMentionFeatures:
    """What the merger knows about one event mention (keys already normalised).

    ``actors``/``targets``: entity ids where known, else lower-cased head
    words; ``place``/``country``: keys of where it happened; ``date``: a TIMEX3
    value; ``tokens``: content lemmas of its sentence; ``context``: salient
    keys of its document (entities it names), the story it belongs to.
    """

    key: Hashable
    doc: str
    lemma: str
    lineage: str | None = None
    type: str | None = None
    actors: frozenset[str] = frozenset()
    targets: frozenset[str] = frozenset()
    place: str | None = None
    country: str | None = None
    date: str | None = None
    tokens: frozenset[str] = frozenset()
    context: frozenset[str] = frozenset()


@dataclass(frozen=True)
class MergeParams:
    """Weights and threshold (chosen by cross-validation over ECB+ dev topics)."""

    threshold: float = 0.5
    w_lemma: float = 0.4
    w_synonym: float = 0.25
    w_type: float = 0.0
    w_args: float = 0.4
    w_place: float = 0.2
    w_date: float = 0.3
    w_sentence: float = 0.5
    w_context: float = 0.5
    require_evidence: bool = True
    actor_conflict: bool = True


@dataclass(frozen=True)
class PairEvidence:
    """The parts of one pair's link score, kept apart so weights can be tuned cheaply."""

    trigger: str  # "lemma" | "synonym" | "type"
    args: float
    place: float
    date: float
    sentence: float
    context: float
    conflict: bool
    actor_conflict: bool

    def score(self, p: MergeParams) -> float:
        """The link score under ``p`` (0 when a contradiction or no evidence forbids it)."""
        if self.conflict or (self.actor_conflict and p.actor_conflict):
            return 0.0
        evidence = (
            p.w_args * self.args
            + p.w_place * self.place
            + p.w_date * self.date
            + p.w_sentence * self.sentence
            + p.w_context * self.context
        )
        if evidence <= 0.0 and (p.require_evidence or self.trigger != "lemma"):
            return 0.0
        weight = {"lemma": p.w_lemma, "synonym": p.w_synonym, "type": p.w_type}[self.trigger]
        return weight + evidence


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / len(a | b) if inter else 0.0


def _group_index() -> dict[str, frozenset[int]]:
    out: dict[str, set[int]] = defaultdict(set)
    for i, row in enumerate(TRIGGER_GROUPS):
        for lemma in row:
            out[lemma].add(i)
    return {k: frozenset(v) for k, v in out.items()}


GROUPS_OF = _group_index()


def trigger_match(a: EventMentionFeatures, b: EventMentionFeatures) -> str | None:
    """How the triggers match: "lemma", "synonym", "type" or None (no link possible)."""
    if a.lemma and a.lemma == b.lemma:
        return "lemma"
    if GROUPS_OF.get(a.lemma, frozenset()) & GROUPS_OF.get(b.lemma, frozenset()):
        return "synonym"
    if a.type and a.type == b.type:
        return "type"
    return None


def contradicts(a: EventMentionFeatures, b: EventMentionFeatures) -> bool:
    """Different days or different countries: never the same event."""
    if a.date and b.date and len(a.date) >= DAY_PRECISION and len(b.date) >= DAY_PRECISION:
        if a.date[:DAY_PRECISION] != b.date[:DAY_PRECISION]:
            return True
    return bool(a.country and b.country and a.country != b.country)


def pair_evidence(a: EventMentionFeatures, b: EventMentionFeatures) -> PairEvidence | None:
    """The evidence for linking ``a`` and ``b``; None when their triggers cannot match."""
    trigger = trigger_match(a, b)
    if trigger is None:
        return None
    args_a, args_b = a.actors | a.targets, b.actors | b.targets
    return PairEvidence(
        trigger=trigger,
        args=_jaccard(args_a, args_b),
        place=1.0 if a.place and a.place == b.place else 0.0,
        date=1.0 if a.date and a.date == b.date else 0.0,
        sentence=_jaccard(a.tokens, b.tokens),
        context=_jaccard(a.context, b.context),
        conflict=contradicts(a, b),
        actor_conflict=bool(a.actors and b.actors and not a.actors & b.actors),
    )


def _blocks(mentions: Sequence[EventMentionFeatures], use_type: bool) -> dict[Hashable, list[int]]:
    out: dict[Hashable, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        keys: set[Hashable] = {("lemma", m.lemma)}
        keys |= {("group", g) for g in GROUPS_OF.get(m.lemma, ())}
        if use_type and m.type:
            keys.add(("type", m.type))
        for k in keys:
            out[k].append(i)
    return out


def candidate_pairs(
    mentions: Sequence[EventMentionFeatures], use_type: bool = True
) -> dict[tuple[int, int], PairEvidence]:
    """Evidence for every pair sharing a blocking key (lemma, trigger group, type)."""
    out: dict[tuple[int, int], PairEvidence] = {}
    for members in _blocks(mentions, use_type).values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                pair = (i, j) if i < j else (j, i)
                if pair in out:
                    continue
                ev = pair_evidence(mentions[pair[0]], mentions[pair[1]])
                if ev is not None:
                    out[pair] = ev
    return out


@dataclass
class _Linkage:
    """Sparse average linkage state: cluster sizes, link sums, cannot-links."""

    size: dict[int, int] = field(default_factory=dict)
    members: dict[int, list[int]] = field(default_factory=dict)
    sums: dict[int, dict[int, float]] = field(default_factory=lambda: defaultdict(dict))
    cannot: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    weakest: dict[int, float] = field(default_factory=dict)


def cluster(
    n: int, pairs: dict[tuple[int, int], PairEvidence], params: MergeParams
) -> tuple[list[list[int]], list[float | None]]:
    """Average-linkage clusters of ``0..n-1`` with link score >= ``params.threshold``.

    Returns the clusters (lists of indices) and, per cluster, the average
    linkage of its weakest merge (None for a singleton): the group's support.
    """
    st = _Linkage()
    for i in range(n):
        st.size[i], st.members[i] = 1, [i]
    heap: list[tuple[float, int, int]] = []
    for (i, j), ev in pairs.items():
        if ev.conflict or (ev.actor_conflict and params.actor_conflict):
            st.cannot[i].add(j)
            st.cannot[j].add(i)
            continue
        s = ev.score(params)
        if s > 0.0:
            st.sums[i][j] = st.sums[j][i] = s
            if s >= params.threshold:
                heapq.heappush(heap, (-s, i, j))
    next_id = n
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in st.size or b not in st.size or b in st.cannot[a]:
            continue
        current = st.sums[a].get(b, 0.0) / (st.size[a] * st.size[b])
        if abs(current + neg) > 1e-12:
            continue  # stale entry: a newer one is in the heap
        c, next_id = next_id, next_id + 1
        st.size[c] = st.size.pop(a) + st.size.pop(b)
        st.members[c] = st.members.pop(a) + st.members.pop(b)
        st.weakest[c] = min(current, st.weakest.pop(a, current), st.weakest.pop(b, current))
        st.cannot[c] = (st.cannot.pop(a, set()) | st.cannot.pop(b, set())) - {a, b}
        for other in st.cannot[c]:
            st.cannot[other] -= {a, b}
            st.cannot[other].add(c)
        merged: dict[int, float] = defaultdict(float)
        for old in (a, b):
            for other, s in st.sums.pop(old, {}).items():
                if other not in (a, b):
                    merged[other] += s
                    st.sums[other].pop(old, None)
        for other, s in merged.items():
            st.sums[c][other] = st.sums[other][c] = s
            if other in st.cannot[c]:
                continue
            avg = s / (st.size[c] * st.size[other])
            if avg >= params.threshold:
                heapq.heappush(heap, (-avg, c, other))
    ordered = sorted(st.members.items(), key=lambda item: min(item[1]))
    out = [sorted(ms) for _, ms in ordered]
    support = [st.weakest.get(cid) if len(ms) > 1 else None for cid, ms in ordered]
    return out, support


def cluster_mentions(
    mentions: Sequence[EventMentionFeatures], params: MergeParams | None = None
) -> list[list[EventMentionFeatures]]:
    """The mentions grouped into events (each mention in exactly one group)."""
    params = params or MergeParams()
    pairs = candidate_pairs(mentions, use_type=params.w_type > 0)
    groups, _ = cluster(len(mentions), pairs, params)
    return [[mentions[i] for i in g] for g in groups]
