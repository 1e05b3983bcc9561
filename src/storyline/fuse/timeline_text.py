"""Sentence-level helpers of the timeline: words, filters, modality, ranking.

Everything here is linear in the number of candidate sentences of one date
(dedupe compares a sentence only with the kept sentences sharing one of its
opening words), so a busy date with thousands of candidates stays cheap.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.fuse.timeline_rules import (
    DEDUPE_SCAN,
    FURNITURE_WORDS,
    HEDGED_CUES,
    LENGTH_PENALTY,
    LONG_SENTENCE,
    MAX_WORDS,
    MIN_ALPHA,
    MIN_WORDS,
    PREDICTED_BIGRAMS,
    PREDICTED_CUES,
    PTB_PUNCT,
    REDUNDANT,
    SAME_WORDING,
    SENTENCE_ENDS,
    WORD,
)


@dataclass
class Candidate:
    """One sentence proposed for one date."""

    doc: str
    start: int
    end: int
    text: str
    date: str
    weight: float  # 1.0 when the sentence names the date, less when dated by publication
    explicit: bool  # the sentence names the date (a timex), not only its article's date
    published: str | None  # the article's publication day
    modality: str = "asserted"
    words: list[str] = field(default_factory=list)  # content words, lower case
    place: dict[str, Any] | None = None  # first place named in the sentence


@dataclass
class Cluster:
    """Near-identical candidates (copies) of one date: shown once, all sources kept."""

    best: Candidate
    members: list[Candidate]
    score: float = 0.0

    @property
    def docs(self) -> list[str]:
        return list(dict.fromkeys(m.doc for m in self.members))


def words_of(text: str) -> list[str]:
    """Lower-case word tokens (PTB bracket tokens dropped)."""
    return [w for w in WORD.findall(text.lower()) if w not in PTB_PUNCT]


def content_words(tokens: Sequence[str]) -> list[str]:
    return [w for w in tokens if w not in STOP_WORDS and not w.isdigit() and len(w) > 1]


def usable(text: str, tokens: Sequence[str]) -> bool:
    """A reporting sentence, not a headline, question, caption or site furniture."""
    stripped = text.strip()
    if not stripped or stripped.endswith("?") or "http" in stripped or "@" in stripped:
        return False
    if not stripped.endswith(SENTENCE_ENDS):  # a headline, caption or navigation line
        return False
    raw = stripped.split()
    if not MIN_WORDS <= len(raw) <= MAX_WORDS:
        return False
    alpha = sum(1 for w in raw if any(c.isalpha() for c in w))
    if alpha < MIN_ALPHA * len(raw):
        return False
    return not any(w in FURNITURE_WORDS for w in tokens)


def modality_of(tokens: Sequence[str]) -> str:
    """``predicted`` (will, plans, expected…), ``hedged`` (may, could…) or ``asserted``.

    A sentence-level cue: it does not check which clause the cue governs, so
    "said on Monday it will…" is a forecast even when Monday's event happened.
    """
    hedged = False
    for i, w in enumerate(tokens):
        if w in PREDICTED_CUES or w == "'ll":
            if w in ("set", "going") and (i + 1 >= len(tokens) or tokens[i + 1] != "to"):
                continue
            return "predicted"
        if i + 1 < len(tokens) and (w, tokens[i + 1]) in PREDICTED_BIGRAMS:
            return "predicted"
        hedged = hedged or w in HEDGED_CUES
    return "hedged" if hedged else "asserted"


def idf_table(candidates: Sequence[Candidate]) -> dict[str, float]:
    """Inverse sentence frequency of every content word over all candidates."""
    df: Counter[str] = Counter()
    for c in candidates:
        df.update(set(c.words))
    n = len(candidates) + 1
    return {w: math.log(n / (1 + k)) + 1.0 for w, k in df.items()}


def _vector(words: Sequence[str], idf: dict[str, float]) -> dict[str, float]:
    tf = Counter(words)
    vec = {w: (1 + math.log(k)) * idf.get(w, 1.0) for w, k in tf.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {w: v / norm for w, v in vec.items()}


def dedupe(candidates: Sequence[Candidate]) -> list[Cluster]:
    """Group near-identical sentences (Jaccard of content words >= SAME_WORDING).

    A sentence is compared only with kept clusters that share one of its first
    three content words, so copies (which share their opening) meet cheaply;
    per word only the latest ``DEDUPE_SCAN`` such clusters (copies sort next
    to each other: same weight, close publication days), so a date with
    thousands of sentences opening with one word stays linear.
    """
    clusters: list[Cluster] = []
    sets: list[frozenset[str]] = []
    index: dict[str, list[int]] = defaultdict(list)
    order = sorted(candidates, key=lambda c: (-c.weight, c.published or "", c.doc, c.start))
    for c in order:
        ws = frozenset(c.words)
        keys = c.words[:3]
        found = None
        for i in {i for k in keys for i in index.get(k, [])[-DEDUPE_SCAN:]}:
            union = len(ws | sets[i]) or 1
            if len(ws & sets[i]) / union >= SAME_WORDING:
                found = i
                break
        if found is None:
            clusters.append(Cluster(best=c, members=[c]))
            sets.append(ws)
            for k in keys:
                index[k].append(len(clusters) - 1)
        elif all(m.doc != c.doc for m in clusters[found].members) or c.explicit:
            clusters[found].members.append(c)
    return clusters


def rank_clusters(clusters: list[Cluster], idf: dict[str, float]) -> list[Cluster]:
    """Best first: cosine to the date's weighted centroid, times the sentence's
    weight, with a small bonus per extra source that carries it."""
    vectors = [_vector(cl.best.words, idf) for cl in clusters]
    centroid: dict[str, float] = defaultdict(float)
    for cl, vec in zip(clusters, vectors, strict=True):
        mass = cl.best.weight * len(cl.docs)
        for w, v in vec.items():
            centroid[w] += mass * v
    norm = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
    for cl, vec in zip(clusters, vectors, strict=True):
        cos = sum(v * centroid.get(w, 0.0) for w, v in vec.items()) / norm
        n_words = len(cl.best.text.split())
        brevity = min(1.0, LONG_SENTENCE / n_words) ** LENGTH_PENALTY if n_words else 1.0
        cl.score = cos * cl.best.weight * (1.0 + 0.1 * math.log(len(cl.docs))) * brevity
    return sorted(clusters, key=lambda cl: (-cl.score, cl.best.doc, cl.best.start))


def diverse(clusters: Sequence[Cluster], n: int) -> list[Cluster]:
    """The first ``n`` ranked clusters, skipping one that says much the same as a
    kept one (content-word Jaccard >= REDUNDANT): two wordings of one report."""
    kept: list[Cluster] = []
    sets: list[frozenset[str]] = []
    for cl in clusters:
        ws = frozenset(cl.best.words)
        if any(len(ws & k) / (len(ws | k) or 1) >= REDUNDANT for k in sets):
            continue
        kept.append(cl)
        sets.append(ws)
        if len(kept) == n:
            break
    return kept
