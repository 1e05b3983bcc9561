"""Stories: group documents that report one real-world story, in one pass.

Documents arrive in publication order (undated ones after, in input order).
Each joins the existing story it is most similar to if the similarity
reaches the threshold, else it starts a new story; earlier assignments are
never revisited, so a growing corpus keeps its stories (``StoryClusterer``
is the online algorithm, ``build_stories`` runs it over analyses).

Similarity of a document to a story mixes two cosines against the story's
centroid: TF-IDF of content words (document frequencies counted as documents
arrive, with a general-English prior so the first documents are weighed
sensibly) and named entities weighted by rarity in the corpus and by label
(a shared rare surname or facility says "same story"; a shared event word
like "escape" alone says only "same kind of story"). A publication-date gap
lowers it. Weights and threshold are data in ``stories_rules``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from storyline.fuse.entity_names import normalise, person_key
from storyline.fuse.stories_rules import (
    BACKGROUND_DOC_WORDS,
    BACKGROUND_DOCS,
    ENTITY_LABEL_WEIGHTS,
    MIN_WORD_LEN,
    SETTINGS,
)
from storyline.model import DocumentAnalysis, Entity, Mention, Story

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*[^\W_]")


@dataclass(frozen=True)
class StoryDoc:
    """What grouping needs of one document (so scorers can feed it cheaply)."""

    doc_id: str
    text: str
    entities: tuple[tuple[str, str], ...] = ()  # (surface text, OntoNotes label)
    published: str | None = None  # ISO date or datetime


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | {"said", "says", "told", "according"}


def content_words(text: str) -> Counter[str]:
    """Lower-cased content words (no stop words, no numbers) and their counts."""
    stop = _stop_words()
    words = (m.group().lower().replace("\u2019", "'") for m in _WORD.finditer(text))
    return Counter(w.removesuffix("'s") for w in words if len(w) >= MIN_WORD_LEN and w not in stop)


def lead_years(text: str, lead_chars: int = 160) -> frozenset[str]:
    """Years named in the document's first characters, where datelines and
    "Updated 5/5/2010" lines stand (later years are as often background:
    "born in 1923")."""
    return frozenset(_YEAR.findall(text[:lead_chars]))


def entity_keys(entities: Iterable[tuple[str, str]]) -> tuple[Counter[str], dict[str, float]]:
    """Normalised names and their counts, with each name's label weight.

    Keys ignore the label (NER often calls one name a person here and an
    organisation there); a person also counts under the surname, so "Reid"
    meets "Tara Reid"."""
    out: Counter[str] = Counter()
    weight: dict[str, float] = {}
    for text, label in entities:
        lw = ENTITY_LABEL_WEIGHTS.get(label)
        if lw is None:
            continue
        key = normalise(text)
        keys = [key]
        if label == "PERSON" and key:
            key = person_key(key)
            keys = list(dict.fromkeys([key, key.rsplit(" ", 1)[-1]]))
        for k in keys:
            if k:
                out[k] += 1
                weight[k] = max(weight.get(k, 0.0), lw)
    return out, weight


@lru_cache(maxsize=65536)
def _background_df(word: str) -> float:
    """Expected number of background documents holding ``word``."""
    from wordfreq import word_frequency

    p = 1.0 - math.exp(-BACKGROUND_DOC_WORDS * word_frequency(word, "en"))
    return BACKGROUND_DOCS * p


class _Space:
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
        dots: dict[int, float] = {}
        for t, v in vec.items():
            for s, w in self.postings.get(t, {}).items():
                dots[s] = dots.get(s, 0.0) + v * w
        return {s: d / math.sqrt(self.norm2[s]) for s, d in dots.items() if self.norm2[s] > 0}

    def add(self, story: int, vec: Mapping[str, float]) -> None:
        while len(self.norm2) <= story:
            self.norm2.append(0.0)
        dot = 0.0
        for t, v in vec.items():
            post = self.postings.setdefault(t, {})
            old = post.get(story, 0.0)
            dot += old * v
            post[story] = old + v
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


@dataclass
class _StoryState:
    members: list[int] = field(default_factory=list)
    first: date | None = None
    last: date | None = None
    years: set[str] = field(default_factory=set)
    joins: list[float] = field(default_factory=list)


class StoryClusterer:
    """Single-pass story grouping: ``add`` one document, get its story index."""

    def __init__(self, settings: Mapping[str, float] = SETTINGS) -> None:
        self.settings = settings
        self.words = _Space(background=True)
        self.names = _Space(background=False)
        self.stories: list[_StoryState] = []
        self.n_docs = 0

    def score(self, doc: StoryDoc) -> tuple[int | None, float, dict, dict]:
        """Best story for ``doc`` and its similarity (no state changes but frequencies)."""
        words = content_words(doc.text)
        names, scale = entity_keys(doc.entities)
        self.words.observe(words)
        self.names.observe(names)
        wvec = self.words.vector(words)
        nvec = self.names.vector(names, scale)
        w_ent = self.settings["entity_weight"] if nvec else 0.0
        text_sims = self.words.similarities(wvec)
        name_sims = self.names.similarities(nvec) if w_ent else {}
        day = _day(doc.published)
        doc_years = lead_years(doc.text)
        best, best_sim = None, 0.0
        for s, t in text_sims.items():
            sim = (1.0 - w_ent) * t + w_ent * name_sims.get(s, 0.0)
            st = self.stories[s]
            if day is not None and st.first is not None and st.last is not None:
                gap = max((st.first - day).days, (day - st.last).days, 0)
                sim *= gap_factor(gap, self.settings)
            if doc_years and st.years and not doc_years & st.years:
                sim *= self.settings["year_conflict"]
            if sim > best_sim:
                best, best_sim = s, sim
        return best, best_sim, wvec, nvec

    def add(self, doc: StoryDoc) -> int:
        """Assign ``doc`` to the best story above the threshold, else a new one."""
        best, sim, wvec, nvec = self.score(doc)
        if best is None or sim < self.settings["threshold"]:
            best, sim = len(self.stories), 1.0
            self.stories.append(_StoryState())
        st = self.stories[best]
        st.members.append(self.n_docs)
        st.joins.append(sim)
        st.years |= lead_years(doc.text)
        day = _day(doc.published)
        if day is not None:
            st.first = day if st.first is None else min(st.first, day)
            st.last = day if st.last is None else max(st.last, day)
        self.words.add(best, wvec)
        self.names.add(best, nvec)
        self.n_docs += 1
        return best


def arrival_order(docs: Sequence[StoryDoc]) -> list[int]:
    """Indices in publication order; undated documents after, in input order."""
    return sorted(
        range(len(docs)),
        key=lambda i: (_day(docs[i].published) is None, _day(docs[i].published) or date.min, i),
    )


def cluster_stories(
    docs: Sequence[StoryDoc], settings: Mapping[str, float] = SETTINGS, ordered: bool = False
) -> tuple[list[list[int]], list[float]]:
    """Stories as lists of indices into ``docs`` (arrival order inside each),
    and each document's join similarity (1.0 when it started its story).
    ``ordered``: ``docs`` are already in arrival order."""
    order = list(range(len(docs))) if ordered else arrival_order(docs)
    clusterer = StoryClusterer(settings)
    for i in order:
        clusterer.add(docs[i])
    groups = [[order[m] for m in st.members] for st in clusterer.stories]
    joins = [0.0] * len(docs)
    for st in clusterer.stories:
        for m, sim in zip(st.members, st.joins, strict=True):
            joins[order[m]] = sim
    return groups, joins


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
    analyses = list({a.doc_id: a for a in analyses}.values())
    docs = [story_doc(a) for a in analyses]
    groups, joins = cluster_stories(docs, settings)
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
            )
        )
    return stories
