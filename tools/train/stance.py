"""Fit the stance model (``storyline.fuse.stance``) on FNC-1 dev pairs.

``python -m tools.train.stance [--gold-dir DIR] [--write]``

There is no training split, so every figure printed is out-of-fold: pairs are
split into K folds by body id (a body and all its pairs in one fold; the
hidden test has other bodies), each fold is predicted by a model fitted on the
others. The stage-2 class weighting (how much ``disagree`` counts) is chosen
among a few settings by out-of-fold macro-F1; the shipped model is then fitted
on all dev pairs with that setting (``--write`` saves it as weights.json).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize

from storyline.fuse.stance.features import pair_features
from storyline.fuse.stance.model import LABELS, RELATED, WEIGHTS_PATH, StanceModel
from tools.evaluate.gold import GoldDataMissing, gold_folder
from tools.evaluate.stance import load, report

K_FOLDS = 5
L2 = 1.0
# Stage-2 class weights are (n_largest / n_class) ** power; powers tried by CV.
POWERS = (0.0, 0.5, 0.75, 1.0)


def fold_of(body_id: int, k: int = K_FOLDS) -> int:
    return int(hashlib.sha256(f"fold:{body_id}".encode()).hexdigest()[:8], 16) % k


def feature_matrix(
    pairs: Sequence[dict[str, Any]], bodies: dict[int, str]
) -> tuple[np.ndarray, float]:
    """Features of every pair and the mean milliseconds per pair (body cache warm
    after a body's first pair, as when one body meets many claims)."""
    t0 = time.perf_counter()
    rows = [pair_features(p["headline"], bodies[int(p["body_id"])])[0] for p in pairs]
    ms = 1000 * (time.perf_counter() - t0) / max(1, len(pairs))
    return np.asarray(rows, dtype=float), ms


def _fit_binary(z: np.ndarray, y: np.ndarray, sw: np.ndarray) -> tuple[np.ndarray, float]:
    d = z.shape[1]

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:d], theta[d]
        s = z @ w + b
        p = 1.0 / (1.0 + np.exp(-s))
        val = np.sum(sw * (np.logaddexp(0.0, s) - y * s)) + 0.5 * L2 * w @ w
        g = sw * (p - y)
        return val, np.concatenate([z.T @ g + L2 * w, [g.sum()]])

    res = minimize(loss, np.zeros(d + 1), jac=True, method="L-BFGS-B")
    return res.x[:d], float(res.x[d])


def _fit_softmax(z: np.ndarray, y: np.ndarray, sw: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n, d = z.shape
    k = len(RELATED)
    onehot = np.eye(k)[y]

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w = theta[: k * d].reshape(k, d)
        b = theta[k * d :]
        s = z @ w.T + b
        s -= s.max(axis=1, keepdims=True)
        logp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
        val = -np.sum(sw[:, None] * onehot * logp) + 0.5 * L2 * np.sum(w * w)
        g = sw[:, None] * (np.exp(logp) - onehot)
        gw = g.T @ z + L2 * w
        return val, np.concatenate([gw.ravel(), g.sum(axis=0)])

    res = minimize(loss, np.zeros(k * d + k), jac=True, method="L-BFGS-B")
    return res.x[: k * d].reshape(k, d), res.x[k * d :]


def fit(x: np.ndarray, gold: Sequence[str], power: float) -> StanceModel:
    """Both stages on raw features ``x`` with stage-2 class weights of ``power``."""
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std < 1e-9] = 1.0
    z = (x - mean) / std
    rel = np.array([g in RELATED for g in gold], dtype=float)
    rel_w, rel_b = _fit_binary(z, rel, np.ones(len(gold)))
    idx = np.flatnonzero(rel)
    y = np.array([RELATED.index(gold[i]) for i in idx])
    counts = np.bincount(y, minlength=len(RELATED)).astype(float)
    cw = (counts.max() / np.maximum(counts, 1.0)) ** power
    st_w, st_b = _fit_softmax(z[idx], y, cw[y])
    return StanceModel(mean, std, rel_w, rel_b, st_w, st_b)


def ece(probs: np.ndarray, pred: Sequence[str], gold: Sequence[str], bins: int = 10) -> float:
    """Expected calibration error of the predicted label's probability."""
    conf = np.array([probs[i, LABELS.index(p)] for i, p in enumerate(pred)])
    hit = np.array([p == g for p, g in zip(pred, gold, strict=True)], dtype=float)
    edges = np.minimum((conf * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        m = edges == b
        if m.any():
            total += m.sum() * abs(conf[m].mean() - hit[m].mean())
    return round(float(total / len(gold)), 4)


def oof_predict(
    x: np.ndarray, gold: Sequence[str], body_ids: Sequence[int], power: float
) -> tuple[np.ndarray, list[str]]:
    """Out-of-fold probabilities and labels, folds grouped by body id."""
    folds = np.array([fold_of(b) for b in body_ids])
    probs = np.zeros((len(gold), len(LABELS)))
    pred: list[str] = [""] * len(gold)
    for f in range(K_FOLDS):
        test = np.flatnonzero(folds == f)
        train = np.flatnonzero(folds != f)
        model = fit(x[train], [gold[i] for i in train], power)
        p = model.predict_proba(x[test])
        probs[test] = p
        for i, lab in zip(test, model.decide(p), strict=True):
            pred[i] = lab
    return probs, pred


def cross_validate(
    x: np.ndarray, gold: Sequence[str], body_ids: Sequence[int], powers: Sequence[float] = POWERS
) -> dict[str, Any]:
    """Grouped CV for each class-weight power; the best by out-of-fold macro-F1 wins."""
    runs = []
    for power in powers:
        probs, pred = oof_predict(x, gold, body_ids, power)
        runs.append((report(gold, pred)["macro_f1"], power, probs, pred))
    best = max(runs, key=lambda r: (r[0], -r[1]))
    _, power, probs, pred = best
    rel = [i for i, g in enumerate(gold) if g in RELATED]
    return {
        "config": {"class_weight_power": power, "k_folds": K_FOLDS, "l2": L2},
        "report": report(gold, pred),
        "ece": ece(probs, pred, gold),
        "ece_related_gold": ece(probs[rel], [pred[i] for i in rel], [gold[i] for i in rel]),
        "by_power": {str(r[1]): report(gold, r[3])["macro_f1"] for r in runs},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold-dir", type=Path)
    ap.add_argument("--write", action="store_true", help=f"save the model to {WEIGHTS_PATH}")
    args = ap.parse_args()
    try:
        folder = gold_folder("stance", args.gold_dir)
    except GoldDataMissing as exc:
        raise SystemExit(str(exc)) from None
    pairs, bodies = load(folder)
    gold = [p["stance"] for p in pairs]
    x, ms = feature_matrix(pairs, bodies)
    print(f"{len(pairs)} pairs, features {ms:.3f} ms/pair")
    cv = cross_validate(x, gold, [int(p["body_id"]) for p in pairs])
    rep = cv["report"]
    print("class-weight power -> OOF macro-F1:", cv["by_power"])
    print(f"chosen {cv['config']}; OOF FNC {rep['fnc_relative_pct']} %")
    print(f"ECE all pairs {cv['ece']}, gold-related pairs {cv['ece_related_gold']}")
    print(f"macro-F1 {rep['macro_f1']}; per class:")
    for lab, v in rep["per_class"].items():
        print(f"  {lab:10s} P {v['p']:.3f} R {v['r']:.3f} F1 {v['f1']:.3f} n {v['support']}")
    print("confusion (rows gold, cols pred", LABELS, "):")
    for lab, row in zip(LABELS, rep["confusion"]["rows_gold_cols_pred"], strict=True):
        print(f"  {lab:10s}", row)
    if args.write:
        model = fit(x, gold, cv["config"]["class_weight_power"])
        data = model.to_dict() | {"trained_on": "FNC-1 dev half", "cv": cv["config"]}
        WEIGHTS_PATH.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print("wrote", WEIGHTS_PATH)


if __name__ == "__main__":
    main()
