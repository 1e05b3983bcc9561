"""Fit the stance model (``storyline.fuse.stance``) on FNC-1 dev pairs.

``python -m tools.train.stance [--gold-dir DIR] [--write]``

There is no training split, so every figure printed is out-of-fold: pairs are
split into K folds by body id (a body and all its pairs in one fold; the
hidden test has other bodies), each fold is predicted by a model fitted on the
others. Both stages are LightGBM boosted trees (fixed settings); the stage-2
class weights and the disagree prior shift are chosen among a few settings by
out-of-fold macro-F1 (a small optimism, measured by ``--nested``); the shipped
model is then fitted on all dev pairs with that setting (``--write`` saves it
as model.npz, evaluated by numpy at run time: LightGBM is needed only here).
"""

from __future__ import annotations

import argparse
import hashlib
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from storyline.fuse.stance.features import pair_features
from storyline.fuse.stance.model import LABELS, MODEL_PATH, RELATED, StanceModel
from storyline.trees import from_lightgbm_dump
from tools.evaluate.gold import GoldDataMissing, gold_folder
from tools.evaluate.stance import load, report

K_FOLDS = 5
# Fixed learner settings (not tuned on the folds that are scored).
BASE_PARAMS: dict[str, Any] = {
    "verbose": -1,
    "num_threads": 1,
    "deterministic": True,
    "seed": 1,
    "learning_rate": 0.05,
    "num_leaves": 15,
    "max_depth": 6,  # bounds the numpy walk (one step per level)
    "min_data_in_leaf": 20,
    "feature_fraction": 0.7,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
}
RELATED_ROUNDS = 300
STANCE_ROUNDS = 150
# Stage-2 class weights (agree, disagree, discuss) and disagree prior shifts
# tried by CV; the best pair by out-of-fold macro-F1 is shipped.
CLASS_WEIGHTS = ((1.0, 1.0, 1.0), (2.0, 4.0, 1.0))
DISAGREE_PRIORS = (1.0, 1.5, 2.5)


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


def _boost(x: np.ndarray, y: np.ndarray, w: np.ndarray, params: dict, rounds: int) -> Any:
    import lightgbm as lgb  # training-only dependency (the dev extra)

    return lgb.train(BASE_PARAMS | params, lgb.Dataset(x, y, weight=w), rounds)


def fit(x: np.ndarray, gold: Sequence[str], weights: Sequence[float], prior: float) -> StanceModel:
    """Both stages on raw features ``x``: stage 2 with class ``weights``, disagree ``prior``."""
    rel = np.array([g in RELATED for g in gold], dtype=int)
    b1 = _boost(x, rel, np.ones(len(gold)), {"objective": "binary"}, RELATED_ROUNDS)
    idx = np.flatnonzero(rel)
    y = np.array([RELATED.index(gold[i]) for i in idx])
    cw = np.asarray(weights, dtype=float)[y]
    b2 = _boost(x[idx], y, cw, {"objective": "multiclass", "num_class": 3}, STANCE_ROUNDS)
    return StanceModel(
        related=from_lightgbm_dump(b1.dump_model()),
        stance=from_lightgbm_dump(b2.dump_model()),
        prior=np.array([1.0, prior, 1.0]),
    )


def with_prior(model: StanceModel, prior: float) -> StanceModel:
    """The same trees with another disagree prior (no refit needed to try one)."""
    return StanceModel(model.related, model.stance, np.array([1.0, prior, 1.0]), model.threshold)


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
    x: np.ndarray,
    gold: Sequence[str],
    body_ids: Sequence[int],
    weights: Sequence[float],
    priors: Sequence[float] = (1.0,),
) -> dict[float, tuple[np.ndarray, list[str]]]:
    """Out-of-fold probabilities and labels for each disagree prior, folds by body id."""
    folds = np.array([fold_of(b) for b in body_ids])
    out = {p: (np.zeros((len(gold), len(LABELS))), [""] * len(gold)) for p in priors}
    for f in range(K_FOLDS):
        test = np.flatnonzero(folds == f)
        train = np.flatnonzero(folds != f)
        model = fit(x[train], [gold[i] for i in train], weights, 1.0)
        for prior in priors:
            m = with_prior(model, prior)
            probs, pred = out[prior]
            p = m.predict_proba(x[test])
            probs[test] = p
            for i, lab in zip(test, m.decide(p), strict=True):
                pred[i] = lab
    return out


def cross_validate(x: np.ndarray, gold: Sequence[str], body_ids: Sequence[int]) -> dict[str, Any]:
    """Grouped CV for each (class weights, disagree prior); the best by OOF macro-F1 wins."""
    runs = []
    for weights in CLASS_WEIGHTS:
        oof = oof_predict(x, gold, body_ids, weights, DISAGREE_PRIORS)
        for prior, (probs, pred) in oof.items():
            runs.append((report(gold, pred)["macro_f1"], weights, prior, probs, pred))
    best = max(runs, key=lambda r: r[0])
    _, weights, prior, probs, pred = best
    rel = [i for i, g in enumerate(gold) if g in RELATED]
    return {
        "config": {"class_weights": list(weights), "disagree_prior": prior, "k_folds": K_FOLDS},
        "report": report(gold, pred),
        "ece": ece(probs, pred, gold),
        "ece_related_gold": ece(probs[rel], [pred[i] for i in rel], [gold[i] for i in rel]),
        "by_config": {f"w={list(r[1])} prior={r[2]}": r[0] for r in runs},
    }


def nested_cv(x: np.ndarray, gold: Sequence[str], body_ids: Sequence[int]) -> dict[str, Any]:
    """Out-of-fold figures with the configuration chosen *inside* each training part.

    For each outer fold, every (class weights, prior) is scored by an inner
    grouped CV over the other folds only; the winner is fitted on those folds
    and predicts the outer fold, which thus never influences its own model.
    """
    folds = np.array([fold_of(b) for b in body_ids])
    pred: list[str] = [""] * len(gold)
    chosen = []
    for f in range(K_FOLDS):
        outer = np.flatnonzero(folds != f)
        inner_pred = {(w, p): [""] * len(gold) for w in CLASS_WEIGHTS for p in DISAGREE_PRIORS}
        for g in set(range(K_FOLDS)) - {f}:
            tr = np.flatnonzero((folds != f) & (folds != g))
            te = np.flatnonzero(folds == g)
            for w in CLASS_WEIGHTS:
                model = fit(x[tr], [gold[i] for i in tr], w, 1.0)
                for p in DISAGREE_PRIORS:
                    m = with_prior(model, p)
                    for i, lab in zip(te, m.decide(m.predict_proba(x[te])), strict=True):
                        inner_pred[(w, p)][i] = lab
        scores = {
            k: report([gold[i] for i in outer], [v[i] for i in outer])["macro_f1"]
            for k, v in inner_pred.items()
        }
        w, p = max(scores, key=lambda k: scores[k])
        chosen.append({"fold": f, "class_weights": list(w), "disagree_prior": p})
        model = fit(x[outer], [gold[i] for i in outer], w, p)
        test = np.flatnonzero(folds == f)
        for i, lab in zip(test, model.decide(model.predict_proba(x[test])), strict=True):
            pred[i] = lab
    return {"report": report(gold, pred), "chosen": chosen}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold-dir", type=Path)
    ap.add_argument("--write", action="store_true", help=f"save the model to {MODEL_PATH}")
    ap.add_argument("--nested", action="store_true", help="also run nested CV (slower)")
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
    print("config -> OOF macro-F1:", cv["by_config"])
    print(f"chosen {cv['config']}; OOF FNC {rep['fnc_relative_pct']} %")
    print(f"ECE all pairs {cv['ece']}, gold-related pairs {cv['ece_related_gold']}")
    print(f"macro-F1 {rep['macro_f1']}; per class:")
    for lab, v in rep["per_class"].items():
        print(f"  {lab:10s} P {v['p']:.3f} R {v['r']:.3f} F1 {v['f1']:.3f} n {v['support']}")
    print("confusion (rows gold, cols pred", LABELS, "):")
    for lab, row in zip(LABELS, rep["confusion"]["rows_gold_cols_pred"], strict=True):
        print(f"  {lab:10s}", row)
    if args.nested:
        nested = nested_cv(x, gold, [int(p["body_id"]) for p in pairs])
        rep = nested["report"]
        print("nested CV (config chosen inside each training part):", nested["chosen"])
        print(
            f"  FNC {rep['fnc_relative_pct']} %, macro-F1 {rep['macro_f1']}, per-class F1",
            {k: v["f1"] for k, v in rep["per_class"].items()},
        )
    if args.write:
        cfg = cv["config"]
        model = fit(x, gold, cfg["class_weights"], cfg["disagree_prior"])
        model.save(MODEL_PATH, {"trained_on": "FNC-1 dev half", "cv": cfg})
        print("wrote", MODEL_PATH)


if __name__ == "__main__":
    main()
