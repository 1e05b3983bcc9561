"""The extractive summary of one story: which sentences, from which documents.

A core over plain features (``SummaryDoc``), so the pipeline
(``storyline.fuse.brief``) and the scorer (``tools/evaluate/brief.py``) feed
it the same way. Each candidate (one of a document's first usable sentences)
gets a score that mixes

- how central its content words are to the story (TF-IDF cosine to the
  centroid of the story's documents, each document counted once);
- where it stands in its document (news leads first);
- how late its document is (the latest developments);
- the story's key names it adds that no chosen sentence has yet;

times its document's quality (originals before copies, spun or translated
texts). Sentences are chosen greedily, skipping any that repeats a chosen
one (content-word cosine at or above ``REDUNDANT``) and keeping at most
``PER_DOCUMENT`` per document; the result is in story order (document
arrival, then position). Linear in the number of candidates.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from storyline.fuse.brief_rules import (
    CANDIDATES_PER_DOCUMENT,
    MAX_WORDS,
    MIN_WORDS,
    PER_DOCUMENT,
    REDUNDANT,
    SUMMARY_LENGTH,
    SUMMARY_WEIGHTS,
)
from storyline.fuse.timeline_text import content_words, usable, words_of


@dataclass(frozen=True)
class SummarySentence:
    """A sentence of a document: offsets into its text and the names it holds."""

    start: int
    end: int
    text: str
    names: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SummaryDoc:
    """One document of the story, in arrival (publication) order."""

    doc_id: str
    sentences: tuple[SummarySentence, ...]
    quality: float = 1.0  # brief_rules.QUALITY of what integrity says of it


@dataclass
class Pick:
    """One candidate sentence and its features."""

    doc: int  # index into the docs given
    position: int  # among the document's usable sentences
    sentence: SummarySentence
    vector: dict[str, float] = field(default_factory=dict)
    base: float = 0.0


def summary_length(independent_sources: int) -> int:
    """How many sentences a story of that many independent sources gets."""
    return next(n for least, n in SUMMARY_LENGTH if independent_sources >= least)


def _fragment(text: str) -> bool:
    """A sentence whose first letter is lower case is the tail of a sentence
    split in the wrong place ("sources said Wednesday ..."): it reads wrongly alone."""
    first = next((c for c in text if c.isalpha()), "")
    return first.islower()


def candidates(docs: Sequence[SummaryDoc]) -> list[Pick]:
    """The usable sentences of each document (its first ``CANDIDATES_PER_DOCUMENT``),
    fragments left out."""
    out: list[Pick] = []
    for i, d in enumerate(docs):
        position = 0
        for s in d.sentences:
            if position >= CANDIDATES_PER_DOCUMENT:
                break
            tokens = words_of(s.text)
            if not MIN_WORDS <= len(s.text.split()) <= MAX_WORDS or not usable(s.text, tokens):
                continue
            if _fragment(s.text):
                continue
            words = content_words(tokens)
            if words:
                out.append(Pick(i, position, s, dict(Counter(words))))
                position += 1
    return out


def _unit(vec: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {k: v / norm for k, v in vec.items()} if norm else {}


def _cos(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def _weigh(picks: list[Pick]) -> None:
    """Turn each pick's word counts into a unit TF-IDF vector (idf over the picks)."""
    df: Counter[str] = Counter()
    for p in picks:
        df.update(p.vector.keys())
    n = len(picks) + 1
    idf = {w: math.log(n / (1 + k)) + 1.0 for w, k in df.items()}
    for p in picks:
        p.vector = _unit({w: (1.0 + math.log(c)) * idf[w] for w, c in p.vector.items()})


def key_names(docs: Sequence[SummaryDoc]) -> frozenset[str]:
    """Names the story's documents share (in two or more of them; for one
    document, in two or more of its sentences)."""
    counts: Counter[str] = Counter()
    if len(docs) == 1:
        for s in docs[0].sentences:
            counts.update(s.names)
    else:
        for d in docs:
            counts.update(frozenset().union(*(s.names for s in d.sentences)))
    return frozenset(n for n, c in counts.items() if c >= 2)


@dataclass
class Prepared:
    """A story's candidates with the features that do not depend on the weights."""

    docs: Sequence[SummaryDoc]
    picks: list[Pick]
    names: frozenset[str]


def prepare(docs: Sequence[SummaryDoc]) -> Prepared:
    """Candidates, their TF-IDF vectors and centrality (``Pick.base`` holds the
    cosine to the centroid of the story's documents, each counted once and
    weighed by its quality)."""
    picks = candidates(docs)
    _weigh(picks)
    per_doc: dict[int, dict[str, float]] = {}
    for p in picks:
        acc = per_doc.setdefault(p.doc, {})
        for w, v in p.vector.items():
            acc[w] = acc.get(w, 0.0) + v
    centroid: dict[str, float] = {}
    for i, vec in per_doc.items():
        for w, v in _unit(vec).items():
            centroid[w] = centroid.get(w, 0.0) + v * docs[i].quality
    centroid = _unit(centroid)
    for p in picks:
        p.base = _cos(p.vector, centroid)
    return Prepared(docs, picks, key_names(docs))


def choose(
    prepared: Prepared, n: int, weights: Mapping[str, float] = SUMMARY_WEIGHTS
) -> list[Pick]:
    """The ``n`` best sentences under ``weights``, greedily, none repeating a
    chosen one; in story order."""
    docs, picks = prepared.docs, prepared.picks
    last = max(len(docs) - 1, 1)
    base = [
        weights["central"] * p.base
        + weights["lead"] / (1.0 + p.position)
        + weights["recent"] * p.doc / last
        for p in picks
    ]
    names = prepared.names if weights.get("names") else frozenset()
    covered: set[str] = set()
    chosen: list[Pick] = []
    taken: set[int] = set()
    used: Counter[int] = Counter()
    # At most PER_DOCUMENT from one document, unless too few documents have candidates.
    cap = max(PER_DOCUMENT, math.ceil(n / max(len({p.doc for p in picks}), 1)))
    for _ in range(max(n, 0)):
        best, best_score = -1, -math.inf
        for i, p in enumerate(picks):
            if used[p.doc] >= cap or i in taken:
                continue
            gain = len((p.sentence.names & names) - covered) / len(names) if names else 0.0
            score = (base[i] + weights.get("names", 0.0) * gain) * docs[p.doc].quality
            if score > best_score and all(_cos(p.vector, c.vector) < REDUNDANT for c in chosen):
                best, best_score = i, score
        if best < 0:
            break
        pick = picks[best]
        chosen.append(pick)
        taken.add(best)
        used[pick.doc] += 1
        covered |= pick.sentence.names & names
    return sorted(chosen, key=lambda p: (p.doc, p.sentence.start))


def summarise(
    docs: Sequence[SummaryDoc],
    n: int,
    weights: Mapping[str, float] = SUMMARY_WEIGHTS,
) -> list[Pick]:
    """The ``n`` chosen sentences of the story, in story order."""
    return choose(prepare(docs), n, weights)
