"""Claim relation (FNC-1 stance) on ``eval/stance/``: the official FNC-1 score,
per-class P/R/F1, macro-F1 and the confusion matrix.

Reported: the out-of-fold figures of grouped cross-validation on dev (the
honest ones: each body is scored by a model that never saw it), the shipped
model on dev (in-sample: it was fitted on these pairs, so it is flagged and
optimistic), the trivial baselines (all ``unrelated``, all ``discuss``) and an
oracle reference (gold related/unrelated side, ``discuss`` for every related pair).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATED = frozenset(("agree", "disagree", "discuss"))


def fnc_score(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, float]:
    """(score, best possible score) as the FNC-1 ``scorer.py`` counts them:
    +0.25 for the right related/unrelated side, +0.75 more for the exact related class."""
    score = best = 0.0
    for g, p in zip(gold, pred, strict=True):
        g_rel, p_rel = g in RELATED, p in RELATED
        best += 1.0 if g_rel else 0.25
        if g_rel == p_rel:
            score += 0.25
            if g_rel and g == p:
                score += 0.75
    return score, best


def confusion(gold: Sequence[str], pred: Sequence[str]) -> list[list[int]]:
    """4 x 4 counts, rows gold and columns predicted, in ``LABELS`` order."""
    idx = {lab: i for i, lab in enumerate(LABELS)}
    mat = [[0] * len(LABELS) for _ in LABELS]
    for g, p in zip(gold, pred, strict=True):
        mat[idx[g]][idx[p]] += 1
    return mat


def report(gold: Sequence[str], pred: Sequence[str]) -> dict[str, Any]:
    """FNC score (raw, max, relative %), per-class P/R/F1, macro-F1, confusion matrix."""
    score, best = fnc_score(gold, pred)
    mat = confusion(gold, pred)
    per: dict[str, dict[str, float]] = {}
    for i, lab in enumerate(LABELS):
        tp = mat[i][i]
        n_pred = sum(row[i] for row in mat)
        n_gold = sum(mat[i])
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per[lab] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "support": n_gold}
    return {
        "n": len(gold),
        "fnc_score": round(score, 2),
        "fnc_max": round(best, 2),
        "fnc_relative_pct": round(100 * score / best, 2) if best else 0.0,
        "per_class": per,
        "macro_f1": round(sum(v["f1"] for v in per.values()) / len(LABELS), 4),
        "disagree_f1": per["disagree"]["f1"],
        "confusion": {"labels": list(LABELS), "rows_gold_cols_pred": mat},
    }


def load(folder: Path) -> tuple[list[dict[str, Any]], dict[int, str]]:
    """The pairs and the body texts of one gold folder."""
    pairs = [json.loads(x) for x in (folder / "pairs.jsonl").read_text("utf-8").splitlines() if x]
    bodies = {}
    for line in (folder / "bodies.jsonl").read_text("utf-8").splitlines():
        if line:
            row = json.loads(line)
            bodies[int(row["body_id"])] = row["text"]
    return pairs, bodies


def speed(pairs: Sequence[dict[str, Any]], bodies: dict[int, str]) -> dict[str, float]:
    """Milliseconds per ``stance()`` call: body analysed afresh (cache cleared) and cached."""
    import time

    from storyline.fuse.stance import stance
    from storyline.fuse.stance.features import body_view

    todo = [(p["headline"], bodies[int(p["body_id"])]) for p in pairs]
    t0 = time.perf_counter()
    for claim, body in todo:
        body_view.cache_clear()
        stance(claim, body)
    cold = time.perf_counter() - t0
    for claim, body in todo:
        stance(claim, body)
    t0 = time.perf_counter()
    for claim, body in todo:
        stance(claim, body)
    warm = time.perf_counter() - t0
    n = max(1, len(todo))
    words = sum(len(b.split()) for _, b in todo) / n
    return {
        "pairs": len(todo),
        "mean_body_words": round(words),
        "ms_per_call_cold_body": round(1000 * cold / n, 3),
        "ms_per_call_cached_body": round(1000 * warm / n, 3),
    }


def run(folder: Path) -> dict[str, Any]:
    """All figures for one gold folder (see the module docstring)."""
    from storyline.fuse.stance.model import shipped_model
    from tools.train.stance import cross_validate, feature_matrix

    pairs, bodies = load(folder)
    gold = [p["stance"] for p in pairs]
    x, top_time = feature_matrix(pairs, bodies)
    model = shipped_model()
    in_sample = model.decide(model.predict_proba(x))
    cv = cross_validate(x, gold, [int(p["body_id"]) for p in pairs])
    oracle_side = ["discuss" if g in RELATED else "unrelated" for g in gold]
    return {
        "task": "stance",
        "gold": str(folder),
        "protocol": "grouped 5-fold CV by body_id on this folder; out_of_fold is the honest figure",
        "out_of_fold": cv["report"]
        | {k: cv[k] for k in ("ece", "ece_related_gold", "config", "by_config")},
        "shipped_model_in_sample": report(gold, in_sample)
        | {"note": "fitted on these pairs: optimistic, not a measure of accuracy"},
        "baseline_all_unrelated": report(gold, ["unrelated"] * len(gold)),
        "baseline_all_discuss": report(gold, ["discuss"] * len(gold)),
        "oracle_gold_related_then_discuss": report(gold, oracle_side)
        | {"note": "uses the gold related/unrelated side: an upper reference, not a system"},
        "feature_ms_per_pair": round(top_time, 4),
        "speed": speed(pairs[:3000], bodies),
    }
