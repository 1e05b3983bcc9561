"""MiniLM vectors of the training articles and their PCA, for the accurate
profile's attribution filter (``extract/quotes/filter_accurate.py``).

``attach`` computes (or reads from a cache ``.npz``) each article's token
vectors with ``storyline.nlp.mini_context.doc_vectors`` — the run-time code —,
puts them on the Docs where ``filter_accurate.vectors_of`` finds them, and
fits the projection: a PCA of non-space train tokens (unsupervised, train
only; the held-out folds' tokens are in it, their labels are not) to ``k``
components, scaled so the projected values have unit standard deviation;
optionally a token-role tagger (``attach(..., items)``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from storyline.extract.quotes import filter_accurate as FA

#: Tokens the PCA and the token tagger are fitted on at most (fixed-seed samples).
PCA_SAMPLE = 200_000
TAGGER_SAMPLE = 150_000
SEED = 13
#: Folds of the out-of-fold tagger probabilities (the filter's: index % FOLDS).
FOLDS = 5
#: The networks (``--mini-mlp``, ``--mini-tagger-mlp``): hidden widths, L2,
#: epochs at most (early stopping on a tenth of the rows).
MLP_HIDDEN = 64
TAGGER_HIDDEN = 128
MLP_ALPHA = 1e-3
MLP_EPOCHS = 20


def vectors(docs: list[Any], cache: Path) -> list[np.ndarray]:
    """Each Doc's MiniLM vectors (float16 in ``cache``; computed when it is missing)."""
    if cache.exists():
        z = np.load(cache)
        out = [z[f"arr_{k}"] for k in range(len(docs))]
        assert all(len(v) == len(d) for v, d in zip(out, docs, strict=True)), "stale cache"
        return out
    from storyline.nlp.mini_context import doc_vectors, encoder

    enc = encoder()
    out = [doc_vectors(d, enc).astype(np.float16) for d in docs]
    np.savez(cache, *out)
    return out


def fit_pca(vecs: list[np.ndarray], docs: list[Any], k: int) -> dict[str, Any]:
    """``mini_components`` (k, width), ``mini_mean``, ``mini_scale`` over a
    sample of the non-space tokens."""
    rows = np.concatenate(
        [v[[not t.is_space for t in d]] for v, d in zip(vecs, docs, strict=True)]
    ).astype(np.float32)
    rng = np.random.default_rng(SEED)
    if len(rows) > PCA_SAMPLE:
        rows = rows[rng.choice(len(rows), PCA_SAMPLE, replace=False)]
    mean = rows.mean(0)
    _, _, vt = np.linalg.svd(rows - mean, full_matrices=False)
    comps = vt[:k]
    scale = float(((rows - mean) @ comps.T).std()) if k else 1.0
    return {
        "mini_components": comps.astype(np.float32),
        "mini_mean": mean.astype(np.float32),
        "mini_scale": np.array([scale], np.float32),
        "mini_k": k,
        "mini_slots": list(FA.MINI_SLOTS),
    }


def roles(item: dict[str, Any], doc: Any) -> np.ndarray:
    """Each token's gold role (index into ``FA.TAG_CLASSES``): cue over source
    over content where spans overlap; whitespace is -1 (not trained on)."""
    out = np.zeros(len(doc), np.intp)
    starts = np.array([t.idx for t in doc])
    for role, key in ((3, "content"), (2, "source"), (1, "cue")):
        for g in item["attributions"]:
            for x in g[key]:
                out[(starts >= int(x["start"])) & (starts < int(x["end"]))] = role
    out[[t.is_space for t in doc]] = -1
    return out


def fit_tagger(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression (L2, C=1) of token roles on vectors;
    a fixed-seed sample of at most ``TAGGER_SAMPLE`` tokens."""
    from sklearn.linear_model import LogisticRegression

    if len(y) > TAGGER_SAMPLE:
        pick = np.random.default_rng(SEED).choice(len(y), TAGGER_SAMPLE, replace=False)
        x, y = x[pick], y[pick]
    lr = LogisticRegression(C=1.0, max_iter=300).fit(x, y)
    assert list(lr.classes_) == list(range(len(FA.TAG_CLASSES)))
    return lr.coef_.astype(np.float32), lr.intercept_.astype(np.float32)


def network(hidden: int) -> Any:
    """The one-hidden-layer ReLU network both ``--mini-*mlp`` options fit
    (scikit-learn, training only; run time reads its weights with numpy)."""
    from sklearn.neural_network import MLPClassifier

    return MLPClassifier(
        hidden_layer_sizes=(hidden,),
        alpha=MLP_ALPHA,
        batch_size=256,
        max_iter=MLP_EPOCHS,
        early_stopping=True,
        n_iter_no_change=3,
        random_state=SEED,
    )


def fit_tagger_mlp(x: np.ndarray, y: np.ndarray) -> dict[str, np.ndarray]:
    """The network token tagger (``--mini-tagger-mlp``): one hidden ReLU layer
    over each token's vector and its neighbours' (``FA.with_neighbours``),
    early stopping; the same fixed-seed sample as ``fit_tagger``."""
    if len(y) > TAGGER_SAMPLE:
        pick = np.random.default_rng(SEED).choice(len(y), TAGGER_SAMPLE, replace=False)
        x, y = x[pick], y[pick]
    net = network(TAGGER_HIDDEN).fit(x, y)
    assert list(net.classes_) == list(range(len(FA.TAG_CLASSES)))
    return {
        "mini_tag_mlp_w1": net.coefs_[0].astype(np.float32),
        "mini_tag_mlp_b1": net.intercepts_[0].astype(np.float32),
        "mini_tag_mlp_w2": net.coefs_[1].astype(np.float32),
        "mini_tag_mlp_b2": net.intercepts_[1].astype(np.float32),
    }


def attach(
    docs: list[Any],
    cache: Path,
    k: int,
    items: list[dict[str, Any]] | None = None,
    network: bool = False,
) -> dict[str, Any]:
    """Put each Doc's vectors where the filter reads them; the projection.
    With ``items`` (their gold): a token-role tagger too, fitted on all of
    them (returned), and out-of-fold role probabilities on each Doc (folds by
    index % ``FOLDS``, as the filter's), so the filter learns from
    probabilities on text the tagger did not see."""
    vecs = vectors(docs, cache)
    for d, v in zip(docs, vecs, strict=True):
        d.user_data[FA.USER_DATA_KEY] = v.astype(np.float32)
    out = fit_pca(vecs, docs, k)
    if items is None:
        return out
    ys = [roles(it, d) for it, d in zip(items, docs, strict=True)]

    def inputs(j: int) -> np.ndarray:
        v = vecs[j].astype(np.float32)
        return FA.with_neighbours(v) if network else v

    def data(ks: list[int]) -> tuple[np.ndarray, np.ndarray]:
        x = np.concatenate([inputs(j)[ys[j] >= 0] for j in ks])
        return x, np.concatenate([ys[j][ys[j] >= 0] for j in ks])

    def fitted(ks: list[int]) -> dict[str, Any]:
        if network:
            return fit_tagger_mlp(*data(ks))
        w, b = fit_tagger(*data(ks))
        return {"mini_tag_w": w, "mini_tag_b": b}

    for f in range(FOLDS):
        m = fitted([j for j in range(len(docs)) if j % FOLDS != f])
        for j in range(f, len(docs), FOLDS):
            docs[j].user_data[FA.TAGS_KEY] = FA.token_probs(m, vecs[j].astype(np.float32))
        print(f"token tagger fold {f} fitted", flush=True)
    return {**out, **fitted(list(range(len(docs)))), "mini_tag_features": list(FA.TAG_FEATURES)}


def no_slots() -> dict[str, Any]:
    """The MiniLM part of a model without frozen slots (``mini_k`` 0): what a
    filter of the fine-tuned tagger's roles alone carries, so the run time
    never runs the frozen encoder (``FA.uses_vectors``)."""
    return {
        "mini_components": np.zeros((0, 0), np.float32),
        "mini_mean": np.zeros(0, np.float32),
        "mini_scale": np.array([1.0], np.float32),
        "mini_k": 0,
        "mini_slots": list(FA.MINI_SLOTS),
    }


def attach_tagger_roles(docs: list[Any], path: Path, extra: bool = False) -> dict[str, Any]:
    """Put the fine-tuned tagger's out-of-fold role probabilities
    (``tools/train/attribution_oof.py``, per article ``w_J`` / ``r_J``) on
    each Doc's tokens where the filter's features read them; the model keys
    that make the run time ask the shipped tagger for them (``extra``: the
    edge features ``FA.TAG_EXTRA`` too)."""
    from storyline.extract.quotes.tagging import token_roles

    with np.load(path) as z:
        assert int(z["n"][0]) == len(docs), "role probabilities of another train set"
        for j, d in enumerate(docs):
            words = [tuple(w) for w in z[f"w_{j}"].tolist()]
            d.user_data[FA.TAGS_KEY] = token_roles(
                [t.idx for t in d], words, z[f"r_{j}"].astype(np.float32)
            )
    names = FA.TAG_FEATURES + (FA.TAG_EXTRA if extra else ())
    return {"mini_tag_source": FA.FINE_TUNED, "mini_tag_features": list(names)}


def fit_slot_mlp(x: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    """The slot network of ``filter_accurate.slot_logit``: standardised raw
    slots, one hidden ReLU layer, early stopping on a tenth of the rows."""
    mean = x.mean(0)
    scale = np.maximum(x.std(0), 1e-3)
    net = network(MLP_HIDDEN).fit((x - mean) / scale, y)
    return {
        "mini_mlp_mean": mean.astype(np.float32),
        "mini_mlp_scale": scale.astype(np.float32),
        "mini_mlp_w1": net.coefs_[0].astype(np.float32),
        "mini_mlp_b1": net.intercepts_[0].astype(np.float32),
        "mini_mlp_w2": net.coefs_[1][:, 0].astype(np.float32),
        "mini_mlp_b2": net.intercepts_[1].astype(np.float32),
    }


def stack_slot_mlp(per_doc: list[Any], folds: list[int], n_folds: int) -> dict[str, Any]:
    """Append each proposal's *out-of-fold* slot-network logit to its dense
    features (``per_doc``: (context, proposals, rows) per article, edited in
    place), folds as the filter's; returns the network fitted on all."""
    raws = [
        np.stack([FA.mini_raw(ex, a, ex.doc.user_data[FA.USER_DATA_KEY]).ravel() for a in atts])
        if atts
        else np.zeros((0, len(FA.MINI_SLOTS) * ex.doc.user_data[FA.USER_DATA_KEY].shape[1]))
        for ex, atts, _ in per_doc
    ]
    labels = [np.array([r[-1] for r in rows], np.intp) for _, _, rows in per_doc]

    def data(ks: list[int]) -> tuple[np.ndarray, np.ndarray]:
        return np.concatenate([raws[k] for k in ks]), np.concatenate([labels[k] for k in ks])

    logits: list[np.ndarray] = [np.zeros(0)] * len(per_doc)
    for f in range(n_folds):
        m = fit_slot_mlp(*data([k for k in range(len(per_doc)) if folds[k] != f]))
        for k in range(len(per_doc)):
            if folds[k] == f:
                logits[k] = np.array([FA.slot_logit(m, r) for r in raws[k]], np.float32)
        print(f"slot network fold {f} fitted", flush=True)
    for k, (ex, atts, rows) in enumerate(per_doc):
        per_doc[k] = (
            ex,
            atts,
            [
                (sp, np.append(dn, z).astype(np.float32), lab)
                for (sp, dn, lab), z in zip(rows, logits[k], strict=True)
            ],
        )
    return fit_slot_mlp(*data(list(range(len(per_doc)))))
