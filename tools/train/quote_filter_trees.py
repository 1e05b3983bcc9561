"""Boosted trees for the attribution filter (``--learner trees`` of
``tools/train/train_quote_filter.py``).

Why: a linear model over the filter's features cannot say that "have" is an
attribution in one frame and an action in another; trees see such
interactions. LightGBM fits them here only (the dev extra); the shipped model
keeps just the features the trees split on and is walked by numpy at run time
(``storyline.trees``, ``extract/quotes/filter.tree_scores``).

The tree settings (leaves, rounds) are chosen by out-of-fold log loss over the
proposals of the training folds (5-fold CV on train; cheap, every round count
read off one fit per fold); the decision thresholds are then chosen with the
real scorer, as for the linear model.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from storyline.trees import TreeEnsemble, from_lightgbm_dump

#: Fixed learner settings; ``num_leaves`` and the number of rounds are chosen by CV.
BASE_PARAMS: dict[str, Any] = {
    "objective": "binary",
    "verbose": -1,
    "num_threads": 1,
    "deterministic": True,
    "force_row_wise": True,
    "seed": 1,
    "learning_rate": 0.05,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.5,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "max_depth": 8,  # bounds the numpy walk (one step per level)
}
LEAVES = (15, 31, 63)
ROUNDS = (100, 200, 300, 400, 600, 800)


def booster(M: Any, y: np.ndarray, leaves: int, rounds: int) -> Any:
    import lightgbm as lgb  # training-only dependency (the dev extra)

    params = BASE_PARAMS | {"num_leaves": leaves}
    return lgb.train(params, lgb.Dataset(M, y, free_raw_data=False), rounds)


def compact(b: Any, vocab: list[str], rounds: int | None = None) -> dict[str, Any]:
    """The fitted trees as a filter model: only the features they split on,
    sparse names first, then the dense positions (``filter.tree_scores``)."""
    dump = b.dump_model(num_iteration=rounds)
    ens = from_lightgbm_dump(dump)
    used = sorted({int(f) for f in ens.feature.ravel() if f >= 0})
    new = {u: k for k, u in enumerate(used)}
    feature = np.where(
        ens.feature >= 0, np.vectorize(lambda f: new.get(int(f), -1))(ens.feature), -1
    )
    n = len(vocab)
    trees = TreeEnsemble(
        feature=feature.astype(np.intp),
        threshold=ens.threshold,
        left=ens.left,
        right=ens.right,
        value=ens.value,
        n_outputs=1,
        depth=ens.depth,
    )
    return {
        "vocab": [vocab[u] for u in used if u < n],
        "dense_cols": np.array([u - n for u in used if u >= n], dtype=np.intp),
        "trees": trees,
        "learner": "trees",
        "rounds": rounds or b.current_iteration(),
        "num_leaves": int(dump.get("tree_info", [{}])[0].get("num_leaves", 0)),
    }


def log_loss(z: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean(np.logaddexp(0, z) - y * z))


def choose(
    design: Any, rows_of_fold: list[list[Any]], leaves: tuple[int, ...] = LEAVES
) -> tuple[int, int, dict[tuple[int, int], float], list[np.ndarray]]:
    """(leaves, rounds, out-of-fold log loss of each setting tried, the best
    setting's out-of-fold logits per fold): one fit per fold and leaf count,
    every round count of ``ROUNDS`` read off it."""
    folds = len(rows_of_fold)
    losses: dict[tuple[int, int], float] = {}
    oof: dict[tuple[int, int], list[np.ndarray]] = {}
    for nl in leaves:
        zs: dict[int, list[np.ndarray]] = {r: [] for r in ROUNDS}
        ys: list[np.ndarray] = []
        for f in range(folds):
            train = [r for g in range(folds) if g != f for r in rows_of_fold[g]]
            vocab, M, y = design(train)
            b = booster(M, y, nl, max(ROUNDS))
            Mt, yt = matrix(vocab, rows_of_fold[f])
            for r in ROUNDS:
                zs[r].append(b.predict(Mt, num_iteration=r, raw_score=True))
            ys.append(yt)
        y_all = np.concatenate(ys)
        for r in ROUNDS:
            losses[(nl, r)] = log_loss(np.concatenate(zs[r]), y_all)
            oof[(nl, r)] = zs[r]
            print(
                f"trees leaves={nl} rounds={r}: out-of-fold log loss {losses[(nl, r)]:.4f}",
                flush=True,
            )
    best = min(losses, key=lambda k: (losses[k], k))
    return best[0], best[1], losses, oof[best]


def matrix(vocab: list[str], rows: list[Any]) -> tuple[Any, np.ndarray]:
    """Design matrix of ``rows`` over ``vocab`` (sparse features, then the dense
    ones) and their labels: a training fold's or its held-out rows."""
    from scipy import sparse

    index = {k: n for n, k in enumerate(vocab)}
    data, ri, ci = [], [], []
    for r, (sp, _, _) in enumerate(rows):
        for k, v in sp.items():
            n = index.get(k)
            if n is not None:
                data.append(v)
                ri.append(r)
                ci.append(n)
    A = sparse.csr_matrix((data, (ri, ci)), shape=(len(rows), len(vocab)), dtype=np.float32)
    D = np.vstack([dn for _, dn, _ in rows]).astype(np.float32)
    M = sparse.hstack([A, sparse.csr_matrix(D)], format="csr", dtype=np.float32)
    return M, np.array([lab for _, _, lab in rows], dtype=np.float32)
