"""Fit the event confidence calibration (``extract/events/calibration.json``).

Runs Storyline's per-document pipeline on every sentence of the PLOVER gold's
dev part (``eval/events/dev.jsonl``), labels each predicted event **right**
when a gold event of the sentence has its type and a trigger span it overlaps
(the scorer's trigger-anchored match, ``tools/evaluate/events.py``), and
fits a logistic regression (L2, L-BFGS) from the features of
``storyline.extract.events.confidence.features`` to that label.

The gold codes one event per sentence and is not exhaustive, so an extra
event that is real but not coded counts as wrong here: the fitted
probability is that of matching a coded event, a lower bound on the
probability of being a right event.

Reliability is measured honestly: the sentences are split into ``--folds``
folds (by a hash of the document id), each fold's events are scored by a
model fitted on the other folds, and the expected calibration error (ECE,
equal-width bins) and a bin table of predicted vs observed are computed from
those out-of-fold probabilities; the same is printed for the first version's
hand-set confidence (row strength x role completeness). The shipped weights
are then fitted on all of dev. Deterministic for a given gold file and model.

Usage::

    .venv/bin/python -m tools.train.events_calibration ../shared/eval/events \\
        src/storyline/extract/events/calibration.json [--report /tmp/cal.json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize

from storyline.extract.events.confidence import FEATURES, features
from tools.evaluate import events as E

L2 = 1.0
FOLDS = 5
BINS = 10
#: The first version's hand-set row strengths, for the baseline figures.
OLD_STRENGTH = {"phrase": 0.9, "noun": 0.6, "deontic": 0.5}


def label(event: dict[str, Any], gold: list[dict[str, Any]]) -> int:
    """1 when a gold event has the event's type and an overlapping trigger."""
    trig = event["trigger"]
    return int(
        any(
            g["type"] == event["type"] and any(E.overlaps(trig, s) for s in g["trigger"])
            for g in gold
        )
    )


def vector(event: dict[str, Any]) -> list[float]:
    return features(
        event.get("pattern", ""),
        bool(event.get("actors")),
        bool(event.get("targets")),
        event.get("modality", "asserted"),
        event.get("reported_by") is not None,
    )


def old_confidence(x: list[float]) -> float:
    """The first version's confidence, rebuilt from the same features."""
    f = dict(zip(FEATURES, x, strict=True))
    if f["phrase"]:
        strength = OLD_STRENGTH["phrase"]
    elif f["noun"]:
        strength = OLD_STRENGTH["noun"]
    elif f["deontic"]:
        strength = OLD_STRENGTH["deontic"]
    else:
        strength = 0.55 if f["weak_verb"] else 0.85
    return strength * (0.7 + 0.15 * f["actor"] + 0.15 * f["recipient"])


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2) -> np.ndarray:
    """Bias + weights of an L2-penalised logistic regression (bias unpenalised)."""
    xb = np.hstack([np.ones((len(x), 1)), x])

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = xb @ w
        p = 1.0 / (1.0 + np.exp(-z))
        eps = 1e-12
        nll = -np.sum(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))
        reg = 0.5 * l2 * np.sum(w[1:] ** 2)
        grad = xb.T @ (p - y)
        grad[1:] += l2 * w[1:]
        return nll + reg, grad

    res = minimize(loss, np.zeros(xb.shape[1]), jac=True, method="L-BFGS-B")
    return res.x


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(w[0] + x @ w[1:])))


def reliability(p: np.ndarray, y: np.ndarray, bins: int = BINS) -> dict[str, Any]:
    """ECE (equal-width bins, weighted by count), Brier score and the bin table."""
    rows, ece = [], 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        mask = (p >= lo) & ((p < hi) if b < bins - 1 else (p <= hi))
        n = int(mask.sum())
        if not n:
            continue
        mean_p, obs = float(p[mask].mean()), float(y[mask].mean())
        ece += n / len(p) * abs(mean_p - obs)
        rows.append(
            {"bin": f"{lo:.1f}-{hi:.1f}", "n": n, "predicted": round(mean_p, 3),
             "observed": round(obs, 3)}
        )  # fmt: skip
    brier = float(np.mean((p - y) ** 2))
    return {"ece": round(ece, 4), "brier": round(brier, 4), "bins": rows}


def fold_of(doc_id: str, folds: int) -> int:
    return hashlib.sha256(doc_id.encode()).digest()[0] % folds


def run(gold_dir: Path, folds: int = FOLDS) -> dict[str, Any]:
    docs = E.load_docs(gold_dir)
    preds = E.predict(docs)
    xs, ys, fs, owner = [], [], [], []
    for n, (d, events) in enumerate(zip(docs, preds, strict=True)):
        for e in events:
            xs.append(vector(e))
            ys.append(label(e, d["events"]))
            fs.append(fold_of(d["id"], folds))
            owner.append(n)
    x, y, f = np.array(xs), np.array(ys, dtype=float), np.array(fs)
    oof = np.zeros(len(y))
    for k in range(folds):
        w = fit(x[f != k], y[f != k])
        oof[f == k] = predict(w, x[f == k])
    final = fit(x, y)
    # The scorer's "document type" is the type of the most confident event:
    # with out-of-fold probabilities it is measured on unseen folds too.
    top_hits = 0
    for n, (d, events) in enumerate(zip(docs, preds, strict=True)):
        mine = [i for i, o in enumerate(owner) if o == n]
        if mine:
            best = max(mine, key=lambda i: (oof[i], -i))
            top_hits += events[best - mine[0]]["type"] in {g["type"] for g in d["events"]}
    old = np.array([old_confidence(v) for v in xs])
    kinds: dict[str, int] = {}
    for v in xs:
        kind = next((n for n, a in zip(FEATURES[:6], v[:6], strict=True) if a), "verb")
        kinds[kind] = kinds.get(kind, 0) + 1
    return {
        "features": list(FEATURES),
        "bias": round(float(final[0]), 4),
        "weights": [round(float(a), 4) for a in final[1:]],
        "fitted_on": "PLOVER GSR dev (eval/events/dev.jsonl), every predicted event",
        "events": len(y),
        "right": int(y.sum()),
        "l2": L2,
        "folds": folds,
        "cross_validated": reliability(oof, y),
        "document_type_accuracy_cross_validated": round(top_hits / len(docs), 4),
        "first_version_confidence": reliability(old, y),
        "rule_kinds": kinds,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", type=Path, help="folder with dev.jsonl")
    ap.add_argument("out", type=Path, help="calibration.json to write")
    ap.add_argument("--folds", type=int, default=FOLDS)
    args = ap.parse_args()
    result = run(args.gold, args.folds)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    cv, old = result["cross_validated"], result["first_version_confidence"]
    print(f"{result['events']} events, {result['right']} right")
    print(f"cross-validated ECE {cv['ece']} Brier {cv['brier']}")
    print(f"first version ECE {old['ece']} Brier {old['brier']}")
    print("document type accuracy (out-of-fold):", result["document_type_accuracy_cross_validated"])
    print("| bin | events | predicted | observed |\n|---|---|---|---|")
    for row in cv["bins"]:
        print(f"| {row['bin']} | {row['n']} | {row['predicted']} | {row['observed']} |")
    names = ["bias", *FEATURES]
    print("weights:", dict(zip(names, [result["bias"], *result["weights"]], strict=True)))


if __name__ == "__main__":
    main()
