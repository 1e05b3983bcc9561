"""Stories: group documents that report one real-world story, in one pass
and a repair.

Documents arrive in publication order (undated ones after, in input order).
Each joins the existing story with the best join score if the score reaches
the threshold (a higher one for a story of one document: a pair is weaker
evidence than a centroid), else it starts a new story (``StoryClusterer.add``
never moves an earlier document). After the pass, two repairs undo early
wrong joins: a story whose documents form two weakly joined groups is split
(``stories_split``), then each document, least certain first, may move once
to a story that scores it clearly higher than its own (``repair``); each
touches only the stories involved, and documents arriving later still join
as before (``build_stories`` runs pass and repairs over analyses).

The join score is a logistic regression (``stories_features``) over cosines
against the story's centroids -- TF-IDF of content words (document
frequencies counted as documents arrive, with a general-English prior so the
first documents are weighed sensibly), named entities weighted by rarity and
label, numbers, capitalised words, the lead -- and over years and counted
things that match or conflict: a shared rare surname or "23 pirates" says
"same story"; shared event words alone say only "same kind of story". A
publication-date gap lowers it. Weights and threshold are data in
``stories_rules``. A story records its documents' join scores, its cohesion
and the other stories that came close (``similar``: same kind, not joined).
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from storyline.fuse.stories_developing import KINDS as DEVELOPING_KINDS
from storyline.fuse.stories_developing import StoryProfile, developing_groups, developing_records
from storyline.fuse.stories_features import (
    SHIPPED_MODEL,
    DocEvidence,
    JoinModel,
    StoryEvidence,
    content_words,
    doc_evidence,
    entity_keys,
    join_features,
    join_probability,
    lead_years,
)
from storyline.fuse.stories_rules import (
    BACKGROUND_DOC_WORDS,
    BACKGROUND_DOCS,
    CANDIDATES,
    DEVELOPING,
    SETTINGS,
    SIMILAR_FLOOR,
)
from storyline.fuse.stories_split import split_story
from storyline.model import DevelopingStory, DocumentAnalysis, Entity, Mention, Story

__all__ = ["content_words", "entity_keys", "lead_years"]  # re-exported for callers


@dataclass(frozen=True)
class StoryDoc:
    """What grouping needs of one document (so scorers can feed it cheaply)."""

    doc_id: str
    text: str
    entities: tuple[tuple[str, str], ...] = ()  # (surface text, OntoNotes label)
    published: str | None = None  # ISO date or datetime


@lru_cache(maxsize=65536)
def _background_df(word: str) -> float:
    """Expected number of background documents holding ``word``."""
    from wordfreq import word_frequency

    p = 1.0 - math.exp(-BACKGROUND_DOC_WORDS * word_frequency(word, "en"))
    return BACKGROUND_DOCS * p


class TermSpace:
    """Incremental vector space: document frequencies and frozen story centroids.

    A document's vector uses the idf of the moment it arrives; a centroid is
    the sum of its members' unit vectors with its squared norm kept up to
    date, and postings map each term to the stories that hold it, so scoring
    touches only the document's own terms.
    """

    def __init__(self, background: bool) -> None:
        self.background = background
        self.n = 0
        self.df: Counter[str] = Counter()
        self.postings: dict[str, dict[int, float]] = {}
        self.norm2: list[float] = []
        # The same sums by story: one story's cosine without walking every
        # posting list (the kinds that only score the shortlisted stories).
        self.centroids: list[dict[str, float]] = []

    def observe(self, terms: Iterable[str]) -> None:
        self.n += 1
        self.df.update(set(terms))

    def idf(self, term: str) -> float:
        bg_n, bg_df = (BACKGROUND_DOCS, _background_df(term)) if self.background else (0, 0.0)
        return math.log((self.n + bg_n + 1) / (self.df[term] + bg_df + 1)) + 1.0

    def vector(self, counts: Mapping[str, int], scale: Mapping[str, float] | None = None) -> dict:
        vec = {
            t: (1.0 + math.log(c)) * self.idf(t) * (scale[t] if scale else 1.0)
            for t, c in counts.items()
        }
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {t: v / norm for t, v in vec.items()} if norm else {}

    def similarities(self, vec: Mapping[str, float]) -> dict[int, float]:
        """Cosine of ``vec`` with every story sharing one of its terms."""
        dots: defaultdict[int, float] = defaultdict(float)
        postings = self.postings
        for t, v in vec.items():
            post = postings.get(t)
            if post:
                for s, w in post.items():
                    dots[s] += v * w
        norm2 = self.norm2
        return {s: d / math.sqrt(norm2[s]) for s, d in dots.items() if norm2[s] > 1e-9}

    def similarity(self, vec: Mapping[str, float], story: int) -> float:
        """Cosine of ``vec`` with one story: ``similarities(vec).get(story, 0.0)``,
        summed in the same order, so the same float."""
        if story >= len(self.norm2) or self.norm2[story] <= 1e-9:
            return 0.0
        centroid = self.centroids[story]
        dot, shared = 0.0, False
        for t, v in vec.items():
            w = centroid.get(t)
            if w is not None:
                dot, shared = dot + v * w, True
        return dot / math.sqrt(self.norm2[story]) if shared else 0.0

    def add(self, story: int, vec: Mapping[str, float]) -> None:
        while len(self.norm2) <= story:
            self.norm2.append(0.0)
            self.centroids.append({})
        centroid = self.centroids[story]
        dot = 0.0
        for t, v in vec.items():
            post = self.postings.setdefault(t, {})
            old = post.get(story, 0.0)
            dot += old * v
            post[story] = centroid[t] = old + v
        self.norm2[story] += 2 * dot + sum(v * v for v in vec.values())


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def gap_factor(gap_days: float, settings: Mapping[str, float] = SETTINGS) -> float:
    """1.0 for documents days apart, falling to ``gap_floor`` weeks apart."""
    free, full, floor = (settings[k] for k in ("gap_free_days", "gap_full_days", "gap_floor"))
    if gap_days <= free:
        return 1.0
    if gap_days >= full:
        return floor
    return 1.0 - (1.0 - floor) * (gap_days - free) / (full - free)


#: Evidence kinds compared by centroid cosine, and whether their idf has a
#: general-English prior (words do; names, numbers have no useful one).
_KINDS = {"words": True, "names": False, "numbers": False, "caps": True, "lead": True}
_SHORTLIST_KINDS = ("words", "names")


@dataclass
class _StoryState:
    evidence: StoryEvidence = field(default_factory=StoryEvidence)
    members: list[int] = field(default_factory=list)
    first: date | None = None
    last: date | None = None
    joins: list[float] = field(default_factory=list)
    near: dict[int, float] = field(default_factory=dict)  # other story -> best near-join score


@dataclass(frozen=True)
class Scored:
    """A document scored against the stories so far (before it is added)."""

    best: int | None
    score: float
    runner_up: tuple[int, float] | None
    evidence: DocEvidence
    vectors: dict[str, dict[str, float]]


class StoryClusterer:
    """Single-pass story grouping: ``add`` one document, get its story index.

    Candidates are the stories sharing a term with the document (postings),
    so a document costs its own terms, not the corpus; only the ``CANDIDATES``
    closest by word and name cosine are scored in full."""

    def __init__(
        self, settings: Mapping[str, float] = SETTINGS, model: JoinModel = SHIPPED_MODEL
    ) -> None:
        self.settings = settings
        self.model = model
        self.spaces = {k: TermSpace(background=bg) for k, bg in _KINDS.items()}
        self.stories: list[_StoryState] = []
        self.n_docs = 0
        self.docs: list[tuple[DocEvidence, dict, date | None]] = []  # evidence, vectors, day
        self.story_of: list[int] = []

    def candidates(self, doc: StoryDoc) -> tuple[dict[int, dict], DocEvidence, dict]:
        """Join features of ``doc`` against the closest stories sharing a word or
        a name (document frequencies are updated: call once per document)."""
        ev = doc_evidence(doc.text, doc.entities)
        bags = {"words": ev.words, "names": ev.names, "numbers": ev.numbers}
        bags |= {"caps": ev.caps, "lead": ev.lead}
        vectors = {}
        for kind, space in self.spaces.items():
            space.observe(bags[kind])
            vectors[kind] = space.vector(bags[kind], ev.name_scale if kind == "names" else None)
        return self.features(ev, vectors), ev, vectors

    def features(self, ev: DocEvidence, vectors: Mapping[str, dict]) -> dict[int, dict]:
        """Join features of a document's evidence against its closest stories."""
        # Words and names choose the shortlist, so they are scored against every
        # story sharing a term; the other kinds only against the shortlist.
        sims = {kind: self.spaces[kind].similarities(vectors[kind]) for kind in _SHORTLIST_KINDS}
        close = Counter(sims["words"])
        close.update(sims["names"])
        rows = {}
        for s, _ in close.most_common(CANDIDATES):
            if self.stories[s].members:
                cos = {
                    kind: sims[kind].get(s, 0.0)
                    if kind in sims
                    else self.spaces[kind].similarity(vectors[kind], s)
                    for kind in _KINDS
                }
                rows[s] = join_features(cos, ev, self.stories[s].evidence)
        return rows

    def ranked(self, rows: Mapping[int, dict], day: date | None) -> list[tuple[float, int]]:
        """(join score, story) best first, date gap applied."""
        out = []
        for s, feats in rows.items():
            p = join_probability(feats, self.model)
            st = self.stories[s]
            if day is not None and st.first is not None and st.last is not None:
                gap = max((st.first - day).days, (day - st.last).days, 0)
                p *= gap_factor(gap, self.settings)
            out.append((p, -s))
        out.sort(reverse=True)
        return [(p, -s) for p, s in out]

    def bar(self, story: int) -> float:
        """Join score needed to join ``story``: a story of one document asks for
        ``single_threshold`` when set (one pair is weaker evidence than a centroid)."""
        thr = self.settings["threshold"]
        if len(self.stories[story].members) == 1:
            return max(thr, self.settings.get("single_threshold", 0.0))
        return thr

    def score(self, doc: StoryDoc) -> Scored:
        """Best story for ``doc`` that it may join (else the best overall) and its
        join score, date gap applied."""
        rows, ev, vectors = self.candidates(doc)
        ranked = self.ranked(rows, _day(doc.published))
        ok = [r for r in ranked if r[0] >= self.bar(r[1])]
        top = ok[0] if ok else (ranked[0] if ranked else None)
        rest = [r for r in ranked if r is not top]
        best = (top[1], top[0]) if top else (None, 0.0)
        runner = (rest[0][1], rest[0][0]) if rest else None
        return Scored(best[0], best[1], runner, ev, vectors)

    def add(self, doc: StoryDoc) -> int:
        """Assign ``doc`` to the best story at or above the threshold, else a new one."""
        sc = self.score(doc)
        best, score = sc.best, sc.score
        near = (best, score) if best is not None else None
        if best is None or score < self.bar(best):
            best, score = len(self.stories), 1.0
        elif sc.runner_up is not None:
            near = sc.runner_up
        self.absorb(best, doc, sc.evidence, sc.vectors, score)
        if near is not None and near[0] != best:
            st = self.stories[best]
            st.near[near[0]] = max(st.near.get(near[0], 0.0), near[1])
        return best

    def absorb(
        self, story: int, doc: StoryDoc, ev: DocEvidence, vectors: dict, score: float
    ) -> None:
        """Add a scored document to ``story`` (a new one when it is the next index)."""
        self.docs.append((ev, vectors, _day(doc.published)))
        self.story_of.append(story)
        self.n_docs += 1
        self.put(self.n_docs - 1, story, score)

    def put(self, d: int, story: int, score: float) -> None:
        """Place known document ``d`` in ``story`` (members kept in arrival order)."""
        if story == len(self.stories):
            self.stories.append(_StoryState())
        ev, vectors, day = self.docs[d]
        st = self.stories[story]
        at = bisect.bisect(st.members, d)
        st.members.insert(at, d)
        st.joins.insert(at, score)
        st.evidence.absorb(ev)
        if day is not None:
            st.first = day if st.first is None else min(st.first, day)
            st.last = day if st.last is None else max(st.last, day)
        for kind, space in self.spaces.items():
            space.add(story, vectors[kind])
        self.story_of[d] = story

    def members(self, story: int) -> list[int]:
        """Documents of ``story`` in arrival order."""
        return list(self.stories[story].members)

    def profile(self, story: int) -> StoryProfile:
        """The story's summed document vectors and first day (``stories_developing``)."""
        st = self.stories[story]
        out = StoryProfile(first=st.first, last=st.last)
        for m in st.members:
            for kind in DEVELOPING_KINDS:
                out.add(kind, self.docs[m][1][kind])
        return out

    def new_story(self) -> int:
        """An empty story's index (documents are ``put`` into it)."""
        self.stories.append(_StoryState())
        return len(self.stories) - 1

    def take(self, d: int) -> tuple[int, float]:
        """Take document ``d`` out of its story (centroids, evidence and dates
        rebuilt from the rest); its story and join score."""
        story = self.story_of[d]
        st = self.stories[story]
        at = st.members.index(d)
        st.members.pop(at)
        score = st.joins.pop(at)
        for kind, space in self.spaces.items():
            space.add(story, {t: -v for t, v in self.docs[d][1][kind].items()})
        st.evidence = StoryEvidence()
        days = []
        for m in st.members:
            st.evidence.absorb(self.docs[m][0])
            if self.docs[m][2] is not None:
                days.append(self.docs[m][2])
        st.first, st.last = (min(days), max(days)) if days else (None, None)
        return story, score

    def repair(self) -> int:
        """Re-place each document once, the least certain first (lowest join
        score): it moves to another story it may join when that scores it
        ``repair_margin`` above its own story without it (a document alone moves
        to any story it may join). Touches only the two stories involved; one
        scoring per document. Returns the number of moves (0 without the setting)."""
        margin = self.settings.get("repair_margin")
        if margin is None:
            return 0
        score_of = {}
        for st in self.stories:
            score_of.update(zip(st.members, st.joins, strict=True))
        moves = 0
        for d in sorted(range(self.n_docs), key=lambda m: (score_of[m], m)):
            own_story, old = self.take(d)
            ev, vectors, day = self.docs[d]
            ranked = self.ranked(self.features(ev, vectors), day)
            alone = not self.stories[own_story].members
            own = next((p for p, s in ranked if s == own_story), 0.0)
            ok = [(p, s) for p, s in ranked if s != own_story and p >= self.bar(s)]
            if ok and (alone or ok[0][0] > own + margin):
                self.put(d, ok[0][1], ok[0][0])
                moves += 1
            else:
                self.put(d, own_story, old)
        return moves


def arrival_order(docs: Sequence[StoryDoc]) -> list[int]:
    """Indices in publication order; undated documents after, in input order."""
    return sorted(
        range(len(docs)),
        key=lambda i: (_day(docs[i].published) is None, _day(docs[i].published) or date.min, i),
    )


def cluster_stories(
    docs: Sequence[StoryDoc],
    settings: Mapping[str, float] = SETTINGS,
    ordered: bool = False,
    model: JoinModel = SHIPPED_MODEL,
) -> tuple[list[list[int]], list[float]]:
    """Stories as lists of indices into ``docs`` (arrival order inside each),
    and each document's join score (1.0 when it started its story).
    ``ordered``: ``docs`` are already in arrival order."""
    groups, joins, _ = run_clusterer(docs, settings, ordered, model)
    return groups, joins


@dataclass(frozen=True)
class Grouping:
    """The result of grouping: event-level stories (indices into the input, in
    arrival order inside), each document's join score, per story the near-joined
    other stories, each story's profile for the developing pass, and the
    developing stories (story indices) with each story's link score."""

    groups: list[list[int]]
    joins: list[float]
    near: list[dict[int, float]]
    profiles: list[StoryProfile]
    developing: list[list[int]]
    links: list[float]


def group_documents(
    docs: Sequence[StoryDoc],
    settings: Mapping[str, float] = SETTINGS,
    ordered: bool = False,
    model: JoinModel = SHIPPED_MODEL,
    developing: Mapping[str, float] = DEVELOPING,
) -> Grouping:
    """Event-level stories (pass, split check, repair), then developing stories
    over them (``stories_developing``)."""
    order = list(range(len(docs))) if ordered else arrival_order(docs)
    clusterer = StoryClusterer(settings, model)
    for i in order:
        clusterer.add(docs[i])
    for s in range(len(clusterer.stories)):
        split_story(clusterer, s)
    clusterer.repair()
    live = [s for s, st in enumerate(clusterer.stories) if st.members]
    new_index = {s: n for n, s in enumerate(live)}
    groups = [[order[m] for m in clusterer.stories[s].members] for s in live]
    joins = [0.0] * len(docs)
    for s in live:
        st = clusterer.stories[s]
        for m, sim in zip(st.members, st.joins, strict=True):
            joins[order[m]] = sim
    near = [
        {new_index[o]: p for o, p in clusterer.stories[s].near.items() if o in new_index}
        for s in live
    ]
    profiles = [clusterer.profile(s) for s in live]
    dev, links = developing_groups(profiles, developing)
    return Grouping(groups, joins, near, profiles, dev, links)


def run_clusterer(
    docs: Sequence[StoryDoc],
    settings: Mapping[str, float] = SETTINGS,
    ordered: bool = False,
    model: JoinModel = SHIPPED_MODEL,
) -> tuple[list[list[int]], list[float], list[dict[int, float]]]:
    """``cluster_stories`` plus, per story, the near-joined other stories and scores."""
    g = group_documents(docs, settings, ordered, model)
    return g.groups, g.joins, g.near


def story_doc(analysis: DocumentAnalysis) -> StoryDoc:
    """A document's grouping features: its text, NER mentions and publication day
    (a date that only bounds the truth is not used)."""
    mentions = [m for m in analysis.outputs.get("mentions", []) if isinstance(m, Mention)]
    published = analysis.metadata.value("published")
    if analysis.metadata.date_bound() is not None:
        published = None
    return StoryDoc(
        analysis.doc_id, analysis.text, tuple((m.text, m.label) for m in mentions), published
    )


def _title(analysis: DocumentAnalysis) -> tuple[str, dict[str, Any] | None]:
    """The document's title, with its span when it was read from the text;
    else its first non-empty line (cut at 160 characters)."""
    ev = analysis.metadata.title
    text = analysis.text
    if ev is not None and ev.value:
        if ev.start is not None and ev.end is not None and text[ev.start : ev.end] == ev.value:
            return ev.value, {
                "doc": analysis.doc_id,
                "start": ev.start,
                "end": ev.end,
                "text": ev.value,
            }
        return ev.value, None
    m = re.search(r"\S[^\n]*", text)
    if m is None:
        return analysis.doc_id, None
    start, end = m.start(), min(m.end(), m.start() + 160)
    line = text[start:end].rstrip()
    span = {"doc": analysis.doc_id, "start": start, "end": start + len(line), "text": line}
    return line, span


def _key_entities(
    docs: Sequence[str],
    by_doc: Mapping[str, Counter[str]],
    names: Mapping[str, str],
    limit: int = 5,
) -> list[dict[str, Any]]:
    """The fused entities named in most of the story's documents (then most often)."""
    n_docs: Counter[str] = Counter()
    n_mentions: Counter[str] = Counter()
    for d in docs:
        for ent, n in by_doc.get(d, Counter()).items():
            n_docs[ent] += 1
            n_mentions[ent] += n
    ranked = sorted(n_docs, key=lambda e: (-n_docs[e], -n_mentions[e], names[e]))[:limit]
    return [{"id": e, "name": names[e], "docs": n_docs[e]} for e in ranked]


def build_stories(
    analyses: Sequence[DocumentAnalysis],
    entities: Sequence[Entity] = (),
    settings: Mapping[str, float] = SETTINGS,
) -> list[Story]:
    """Group the analyses into stories (``cluster_stories``), as ``Story`` records
    in order of their first document."""
    return build_story_levels(analyses, entities, settings)[0]


def build_story_levels(
    analyses: Sequence[DocumentAnalysis],
    entities: Sequence[Entity] = (),
    settings: Mapping[str, float] = SETTINGS,
    developing: Mapping[str, float] = DEVELOPING,
) -> tuple[list[Story], list[DevelopingStory]]:
    """Event-level stories (``Story``, in order of their first document) and the
    developing stories above them (``DevelopingStory``, largest first)."""
    analyses = list({a.doc_id: a for a in analyses}.values())
    docs = [story_doc(a) for a in analyses]
    grouping = group_documents(docs, settings, developing=developing)
    groups, joins, near = grouping.groups, grouping.joins, grouping.near
    by_doc: dict[str, Counter[str]] = {}
    for ent in entities:
        for m in ent.mentions:
            by_doc.setdefault(m.doc, Counter())[ent.id] += 1
    names = {e.id: e.name for e in entities}
    stories: list[Story] = []
    for n, group in enumerate(groups, 1):
        first = analyses[group[0]]
        title, span = _title(first)
        days = sorted(d for i in group if (d := _day(docs[i].published)) is not None)
        later = [joins[i] for i in group[1:]]
        ids = [analyses[i].doc_id for i in group]
        stories.append(
            Story(
                id=f"story-{n}",
                title=title,
                documents=ids,
                title_span=span,
                first=days[0].isoformat() if days else None,
                last=days[-1].isoformat() if days else None,
                entities=_key_entities(ids, by_doc, names),
                cohesion=round(sum(later) / len(later), 3) if later else 1.0,
                joins=[round(joins[i], 3) for i in group],
            )
        )
    pairs: list[dict[int, float]] = [{} for _ in stories]  # both directions
    for s, close in enumerate(near):
        for o, sc in close.items():
            for a, b in ((s, o), (o, s)):
                pairs[a][b] = max(pairs[a].get(b, 0.0), sc)
    for story, close in zip(stories, pairs, strict=True):
        story.similar = [
            {"story": stories[o].id, "score": round(sc, 3)}
            for o, sc in sorted(close.items(), key=lambda kv: -kv[1])
            if sc >= SIMILAR_FLOOR
        ][:3]
    return stories, developing_records(stories, grouping.developing, grouping.links)
