"""Cue-group features of a (claim, body) pair, aimed at the ``disagree`` class.

Why: a body that refutes a claim says so near the claim (in the sentences
most like it, or in its lead), with a particular kind of word (fabrication,
denial, falsity, debunking, doubt) and sometimes with a negation right before
the claim's own words ("did not resign"). Each cue group of
``rules.CUE_GROUPS`` is counted separately in those places, so a learner can
tell "denied" from "hoax" and both from a relaying hedge; the claim's own cue
groups are features too, because a claim *about* a hoax is agreed with in
hoax words.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from storyline.fuse.stance import rules

if TYPE_CHECKING:  # pragma: no cover - typing only
    from storyline.fuse.stance.features import BodyView, Sentence

GROUPS = tuple(rules.CUE_GROUPS)
REFUTING = ("fabricated", "denied", "false", "debunked", "doubt", "error")
_REF_IDX = tuple(GROUPS.index(g) for g in REFUTING)

CUE_FEATURE_NAMES = (
    tuple(f"top_{g}" for g in GROUPS)
    + tuple(f"lead_{g}" for g in GROUPS)
    + tuple(f"rate_{g}" for g in GROUPS)
    + tuple(f"simw_{g}" for g in GROUPS)
    + tuple(f"claim_{g}" for g in GROUPS)
    + (
        "best_refuting",
        "soft_refuting",
        "neg_before_claim_word",
        "best_negated_vs_claim",
        "top_quoted",
        "body_question_rate",
        "refuting_kinds",
        "refuting_minus_confirm_top",
        "claim_refuting_body_not",
        "claim_plain_body_refuting",
        "top5_refuting",
        "lead_negations",
        "best_sim_times_refuting",
        "top_polarity_mismatch",
        "best_polarity_mismatch",
        "lead_polarity_mismatch",
        "claim_negated_top_not",
    )
)


def count(words: Sequence[str], table: frozenset[str], phrases: tuple[str, ...]) -> int:
    """Occurrences of table words and phrases in lower-cased tokens."""
    n = sum(1 for w in words if w in table)
    if phrases:
        joined = " " + " ".join(words) + " "
        n += sum(joined.count(" " + p + " ") for p in phrases)
    return n


_GROUP_OF: dict[str, tuple[int, ...]] = {}
for _g, (_words, _) in enumerate(rules.CUE_GROUPS.values()):
    for _w in _words:
        _GROUP_OF[_w] = (*_GROUP_OF.get(_w, ()), _g)
_PHRASES = tuple(
    (g, " " + p + " ") for g, (_, phrases) in enumerate(rules.CUE_GROUPS.values()) for p in phrases
)


def group_counts(words: Sequence[str]) -> tuple[int, ...]:
    """Counts of each cue group (order: GROUPS) in lower-cased tokens, in one pass."""
    counts = [0] * len(GROUPS)
    for w in words:
        for g in _GROUP_OF.get(w, ()):
            counts[g] += 1
    joined = " " + " ".join(words) + " "
    for g, p in _PHRASES:
        if p in joined:
            counts[g] += joined.count(p)
    return tuple(counts)


def _neg_before(stems: tuple[str, ...], negs: tuple[int, ...], terms: dict[str, float]) -> int:
    """Negations at most NEG_BEFORE_WINDOW tokens before a claim word ("did not resign")."""
    w = rules.NEG_BEFORE_WINDOW
    n = 0
    for i in negs:
        if any(s in terms for s in stems[i + 1 : i + 1 + w]):
            n += 1
    return n


def _polar(sent: Sentence) -> bool:
    """Whether a sentence is negative: a negation or a refuting cue."""
    return bool(sent.negations) or any(sent.groups[g] for g in _REF_IDX)


def cue_features(
    view: BodyView,
    terms: dict[str, float],
    claim_words: Sequence[str],
    sims: Sequence[float],
    top: Sequence[tuple[float, int]],
) -> list[float]:
    """Feature values in CUE_FEATURE_NAMES order."""
    sents = view.sentences
    n_sent = max(1, len(sents))
    k = len(GROUPS)
    tops = [sents[i] for _, i in top]
    top_c = [sum(s.groups[g] for s in tops) for g in range(k)]
    lead_c = [sum(s.groups[g] for s in sents[:3]) for g in range(k)]
    body_c = view.group_totals
    simw = [0.0] * k
    for v, s in zip(sims, sents, strict=True):
        if v > 0 and any(s.groups):
            for g in range(k):
                if s.groups[g] and v > simw[g]:
                    simw[g] = v
    claim_c = group_counts(claim_words)
    best = tops[0] if tops else None
    best_ref = sum(best.groups[g] for g in _REF_IDX) if best else 0
    sq = [v * v for v in sims]
    tot = sum(sq)
    soft = (
        sum(q * sum(s.groups[g] for g in _REF_IDX) for q, s in zip(sq, sents, strict=True)) / tot
        if tot
        else 0.0
    )
    neg_claim = any(w in rules.NEGATION for w in claim_words)
    top_ref = sum(top_c[g] for g in _REF_IDX)
    claim_polar = neg_claim or any(claim_c[g] for g in _REF_IDX)
    claim_ref = sum(claim_c[g] for g in _REF_IDX)
    body_ref = sum(body_c[g] for g in _REF_IDX)
    ranked = sorted(range(len(sims)), key=lambda i: -sims[i])[:5]
    top5 = [sents[i] for i in ranked]
    return [
        *(math.log1p(c) for c in top_c),
        *(math.log1p(c) for c in lead_c),
        *(c / n_sent for c in body_c),
        *simw,
        *(float(c > 0) for c in claim_c),
        math.log1p(best_ref),
        soft,
        math.log1p(sum(_neg_before(s.stems, s.negations, terms) for s in tops)),
        float(best is not None and bool(best.negations) != neg_claim),
        float(any(s.quoted for s in tops)),
        sum(1 for s in sents if s.question) / n_sent,
        float(sum(1 for g in _REF_IDX if body_c[g])),
        math.log1p(top_ref) - math.log1p(top_c[GROUPS.index("confirmed")]),
        float(claim_ref and not body_ref),
        float(body_ref > 0 and not claim_ref and not neg_claim),
        math.log1p(sum(s.groups[g] for s in top5 for g in _REF_IDX)),
        math.log1p(sum(len(s.negations) for s in sents[:3])),
        (top[0][0] if top else 0.0) * math.log1p(best_ref),
        float(sum(1 for s in tops if _polar(s) != claim_polar)),
        float(best is not None and _polar(best) != claim_polar),
        float(bool(sents) and _polar(sents[0]) != claim_polar),
        float(neg_claim and not any(s.negations for s in tops)),
    ]
