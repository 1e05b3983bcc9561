"""Cheap, general features of a (claim, body) pair for stance classification.

Why these: the FNC-1 baseline showed that word/character overlap decides
related vs unrelated, and that refuting/hedging vocabulary in the body decides
the rest. Cues matter most in the body sentences that talk about the claim,
so the body is split into sentences (with character offsets, kept for
evidence) and the sentences most similar to the claim are looked at closely.
Everything is plain Python over regex tokens; a body's analysis is cached,
because one body is compared with many claims.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from storyline.fuse.stance import rules
from storyline.fuse.stance.cues import (
    CUE_FEATURE_NAMES,
    GROUPS,
    count,
    cue_features,
    group_counts,
)

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_BOUND = re.compile(r"([.!?]+[\"'”’)\]]*)\s+|\s*\n\s*")

FEATURE_NAMES = (
    "cov_idf",
    "cov_plain",
    "jaccard",
    "bigram",
    "char5",
    "lead_cov",
    "sent_max",
    "sent_top_mean",
    "best_pos",
    "top_refute",
    "top_hedge",
    "top_confirm",
    "top_negation_near",
    "top_question",
    "lead_refute",
    "body_refute",
    "body_hedge",
    "body_confirm",
    "body_negation",
    "claim_refute",
    "claim_hedge",
    "claim_question",
    "claim_negation",
    "polarity_differs",
    "body_len",
    "sent_max_sq",
    "cov_idf_sq",
    "sim_refute",
    "sim_hedge",
    "sim_confirm",
    "refute_frac",
    "top_refute_plain_claim",
    "top_refute_negative_claim",
    "top_refute_near",
) + CUE_FEATURE_NAMES


@dataclass(frozen=True)
class Sentence:
    """One body sentence: its span, its stems and cue counts."""

    start: int
    end: int
    stems: tuple[str, ...]
    refute: int
    hedge: int
    confirm: int
    negations: tuple[int, ...]  # token indexes
    refutes: tuple[int, ...]  # token indexes of one-word refuting cues
    question: bool
    groups: tuple[int, ...] = ()  # cue-group counts, order cues.GROUPS
    quoted: bool = False


@dataclass(frozen=True)
class BodyView:
    """What the features need of a body, computed once per body text."""

    sentences: tuple[Sentence, ...]
    stems: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    lowered: str
    n_tokens: int
    group_totals: tuple[int, ...] = ()  # cue-group counts over the whole body


def stem(word: str) -> str:
    """A crude prefix stem: enough to match denied/denies or report/reports."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    return w[: rules.STEM_LEN]


@lru_cache(maxsize=65536)
def weight(word: str) -> float:
    """Rarity weight (an IDF stand-in from general English word frequency)."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a pinned dependency
        return 1.0
    return max(0.5, 8.0 - zipf_frequency(word, "en"))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets: split after . ! ? (+closing quote) and at newlines."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUND.finditer(text):
        end = m.end(1) if m.group(1) else m.start()
        if end > start and text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def _sentence(text: str, start: int, end: int) -> Sentence:
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text[start:end])]
    return Sentence(
        start=start,
        end=end,
        stems=tuple(stem(w) for w in words),
        refute=count(words, rules.REFUTE, rules.REFUTE_PHRASES),
        hedge=count(words, rules.HEDGE, rules.HEDGE_PHRASES),
        confirm=count(words, rules.CONFIRM, ()),
        negations=tuple(i for i, w in enumerate(words) if w in rules.NEGATION),
        refutes=tuple(i for i, w in enumerate(words) if w in rules.REFUTE),
        question="?" in text[start:end],
        groups=group_counts(words),
        quoted=any(q in text[start:end] for q in rules.QUOTE_MARKS),
    )


@lru_cache(maxsize=512)
def body_view(body: str) -> BodyView:
    """Analyse a body once (cached: a body meets many claims)."""
    sents = tuple(_sentence(body, s, e) for s, e in sentence_spans(body))
    stems = [s for sent in sents for s in sent.stems]
    content = [s for s in stems if s not in rules.STOPWORDS]
    return BodyView(
        sentences=sents,
        stems=frozenset(content),
        bigrams=frozenset(zip(content, content[1:], strict=False)),
        lowered=" ".join(body.lower().split()),
        n_tokens=len(stems),
        group_totals=tuple(sum(col) for col in zip(*(s.groups for s in sents), strict=True))
        or (0,) * len(GROUPS),
    )


def _claim_terms(claim: str) -> tuple[list[str], dict[str, float]]:
    words = [w.lower().replace("’", "'") for w in _WORD.findall(claim)]
    terms: dict[str, float] = {}
    for w in words:
        s = stem(w)
        if s not in rules.STOPWORDS and w not in rules.STOPWORDS:
            terms[s] = max(terms.get(s, 0.0), weight(w))
    return words, terms


def _cov(terms: dict[str, float], stems: frozenset[str] | set[str]) -> float:
    total = sum(terms.values())
    return sum(w for t, w in terms.items() if t in stems) / total if total else 0.0


def _char_grams(text: str, n: int = 5) -> set[str]:
    t = " ".join(text.lower().split())
    return {t[i : i + n] for i in range(max(0, len(t) - n + 1))}


def _near(sent: Sentence, terms: dict[str, float], cues: tuple[int, ...]) -> int:
    """Cue tokens (negations, refuting words) within NEAR_WINDOW tokens of a claim word."""
    if not cues:
        return 0
    hits = [i for i, s in enumerate(sent.stems) if s in terms]
    w = rules.NEAR_WINDOW
    return sum(1 for n in cues if any(abs(n - h) <= w for h in hits))


def sentence_sims(view: BodyView, terms: dict[str, float]) -> list[float]:
    """Claim coverage of each body sentence (IDF-weighted share of claim words in it)."""
    return [_cov(terms, set(s.stems)) for s in view.sentences]


def top_sentences(sims: list[float]) -> list[tuple[float, int]]:
    """(similarity, index) of the body sentences most similar to the claim, best first."""
    ranked = sorted(((v, i) for i, v in enumerate(sims)), key=lambda x: (-x[0], x[1]))
    return ranked[: rules.TOP_SENTENCES]


def _max_sim_where(view: BodyView, sims: list[float], attr: str) -> float:
    """Claim coverage of the most claim-like sentence that carries a cue kind."""
    return max(
        (v for v, s in zip(sims, view.sentences, strict=True) if getattr(s, attr)), default=0.0
    )


def pair_features(claim: str, body: str) -> tuple[list[float], list[tuple[float, int]]]:
    """Feature vector (order: FEATURE_NAMES) and the top (similarity, sentence index) list."""
    view = body_view(body)
    words, terms = _claim_terms(claim)
    stems = list(terms)
    cov_idf = _cov(terms, view.stems)
    cov_plain = sum(1 for t in stems if t in view.stems) / len(stems) if stems else 0.0
    union = len(view.stems | set(stems))
    jacc = len(view.stems & set(stems)) / union if union else 0.0
    cbig = list(zip(stems, stems[1:], strict=False))
    bigram = sum(1 for b in cbig if b in view.bigrams) / len(cbig) if cbig else 0.0
    grams = _char_grams(claim)
    char5 = sum(1 for g in grams if g in view.lowered) / len(grams) if grams else 0.0
    lead = set().union(*(s.stems for s in view.sentences[:2])) if view.sentences else set()
    all_sims = sentence_sims(view, terms)
    top = top_sentences(all_sims)
    sims = [s for s, _ in top] or [0.0]
    tops = [view.sentences[i] for _, i in top]
    n_sent = max(1, len(view.sentences))
    c_ref = count(words, rules.REFUTE, rules.REFUTE_PHRASES)
    c_neg = sum(1 for w in words if w in rules.NEGATION)
    t_ref = sum(s.refute for s in tops)
    t_neg = sum(len(s.negations) for s in tops)
    vec = [
        cov_idf,
        cov_plain,
        jacc,
        bigram,
        char5,
        _cov(terms, lead),
        sims[0],
        sum(sims) / len(sims),
        (top[0][1] / n_sent) if top else 1.0,
        math.log1p(t_ref),
        math.log1p(sum(s.hedge for s in tops)),
        math.log1p(sum(s.confirm for s in tops)),
        math.log1p(sum(_near(s, terms, s.negations) for s in tops)),
        float(any(s.question for s in tops)),
        math.log1p(sum(s.refute for s in view.sentences[:3])),
        math.log1p(sum(s.refute for s in view.sentences)),
        sum(s.hedge for s in view.sentences) / n_sent,
        sum(s.confirm for s in view.sentences) / n_sent,
        sum(len(s.negations) for s in view.sentences) / n_sent,
        float(c_ref > 0),
        float(count(words, rules.HEDGE, rules.HEDGE_PHRASES) > 0),
        float("?" in claim),
        float(c_neg > 0),
        float((c_ref + c_neg) % 2 != (t_ref + t_neg) % 2),
        math.log1p(view.n_tokens),
        sims[0] ** 2,
        cov_idf**2,
        _max_sim_where(view, all_sims, "refute"),
        _max_sim_where(view, all_sims, "hedge"),
        _max_sim_where(view, all_sims, "confirm"),
        sum(1 for s in view.sentences if s.refute) / n_sent,
        math.log1p(t_ref) if c_ref + c_neg == 0 else 0.0,
        math.log1p(t_ref) if c_ref + c_neg > 0 else 0.0,
        math.log1p(sum(_near(s, terms, s.refutes) for s in tops)),
    ]
    vec += cue_features(view, terms, words, all_sims, top)
    return vec, top
