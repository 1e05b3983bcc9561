"""Train the attribution-cue classifier from PolNeAR ``train.jsonl`` (never dev / test).

The rule-based extractor (``storyline.extract.quotes``) finds cues listed in
its tables; what it misses are mostly rare verbs and nouns ("repealed the
law", "weigh plans for", "continues to insist that"). For every verb / noun
token the rules left unused, and every content frame it governs
(``quotes.cue_frames``: ``ccomp``, ``dobj``, ``prep:for`` ...), a logistic
regression scores "this token is a gold cue and this frame is its content"
(word-token overlap >= 50 % of the smaller, as the scorer counts) from parse
features (``quotes._clf_token_feats`` / ``_clf_frame_feats``).

The decision threshold is tuned by 5-fold cross-validation over the training
articles, with the real scorer (mean of content / source / cue overlap F1)
on the held-out folds; the final model is fitted on all of train and written
as a small JSON (sparse weights + threshold) next to the extractor.

Usage::

    .venv/bin/python scripts/train_cue_classifier.py \\
        ../shared/eval/quotes/train.jsonl src/storyline/extract/cue_classifier.json \\
        [--docs train.spacy]   # a DocBin of the parsed train texts, to skip parsing

Deterministic for a given input and spaCy model.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import minimize

from storyline.evaluate import quotes as Q
from storyline.extract import quotes as X
from storyline.model import Metadata, ParsedDocument, RawDocument

MIN_FEATURE_COUNT = 3
L2 = 1.0
FOLDS = 5
THRESHOLDS = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7]


def _parsed(item: dict, doc) -> ParsedDocument:  # type: ignore[no-untyped-def]
    raw = RawDocument.create(
        item["id"], item["text"], item["text"].encode(), "json", external_id=item["id"]
    )
    return ParsedDocument(raw=raw, spans=[], metadata=Metadata(), doc=doc)


def load_docs(items: list[dict], docbin: Path | None) -> list:  # type: ignore[type-arg]
    if docbin is not None:
        import spacy
        from spacy.tokens import DocBin

        nlp = spacy.blank("en")
        docs = list(DocBin().from_disk(docbin).get_docs(nlp.vocab))
        assert len(docs) == len(items) and all(
            d.text == it["text"] for d, it in zip(docs, items, strict=True)
        ), "DocBin does not match the items"
        return docs
    from storyline.nlp import load_nlp, parse
    from storyline.settings import Settings

    nlp = load_nlp(Settings().model)
    return list(parse(nlp, [it["text"] for it in items]))


def candidates(item: dict, doc) -> list[tuple[dict[str, float], int]]:  # type: ignore[no-untyped-def]
    """Features and 0/1 label of every classifier candidate in one article."""
    X.set_clf_model(None)
    ex = X._Extractor(_parsed(item, doc))
    used: set[int] = set()
    atts = ex.direct_quotes(used)
    atts += ex.reported(used, [(a.start, a.end) for a in atts])
    atts += ex.framed(used, atts)
    cue_of = Q.gold_cue_contents(doc, item["attributions"])
    out = []
    for tok, _name, idx, feats in ex.clf_candidates(used, atts):
        label = 0
        fw = {k for k in idx if not (doc[k].is_punct or doc[k].is_space)}
        for content in cue_of.get(tok.i, []):
            if fw and len(fw & content) / min(len(fw), len(content)) >= 0.5:
                label = 1
        out.append((feats, label))
    return out


def fit(rows: list[tuple[dict[str, float], int]]) -> dict[str, float]:
    counts: Counter[str] = Counter(f for feats, _ in rows for f in feats)
    vocab = sorted(f for f, c in counts.items() if c >= MIN_FEATURE_COUNT)
    index = {f: k for k, f in enumerate(vocab)}
    data, ri, ci = [], [], []
    for r, (feats, _) in enumerate(rows):
        for f, v in feats.items():
            k = index.get(f)
            if k is not None:
                data.append(v)
                ri.append(r)
                ci.append(k)
    A = sparse.csr_matrix((data, (ri, ci)), shape=(len(rows), len(vocab)))
    y = np.array([lab for _, lab in rows], dtype=float)
    bias = index["bias"]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = A @ w
        p = 1.0 / (1.0 + np.exp(-z))
        ll = np.sum(np.logaddexp(0, z) - y * z)
        reg = w.copy()
        reg[bias] = 0.0
        g = A.T @ (p - y) + L2 * reg
        return ll + 0.5 * L2 * float(reg @ reg), g

    res = minimize(
        loss, np.zeros(len(vocab)), jac=True, method="L-BFGS-B", options={"maxiter": 500}
    )
    return {f: round(float(w), 4) for f, w in zip(vocab, res.x, strict=True) if abs(w) >= 1e-3}


def evaluate(items: list[dict], docs: list, model: dict | None) -> dict[str, float]:  # type: ignore[type-arg]
    X.set_clf_model(model)
    preds = []
    for item, doc in zip(items, docs, strict=True):
        preds.append([Q.quote_to_pred(q) for q in X.extract_quotes(_parsed(item, doc))])
    r = Q.score((it["text"], it["attributions"], p) for it, p in zip(items, preds, strict=True))
    return {k: r[f"{k}_overlap"]["f1"] for k in ("content", "source", "cue")}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("train", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--docs", type=Path, default=None)
    args = ap.parse_args()
    items = [json.loads(x) for x in args.train.read_text(encoding="utf-8").splitlines()]
    docs = load_docs(items, args.docs)
    per_doc = [candidates(it, d) for it, d in zip(items, docs, strict=True)]
    n = sum(len(c) for c in per_doc)
    pos = sum(lab for c in per_doc for _, lab in c)
    print(f"candidates {n}, positive {pos}")

    logits = [math.log(p / (1 - p)) for p in THRESHOLDS]
    base = evaluate(items, docs, None)
    print("rules only", base)
    folds = [k % FOLDS for k in range(len(items))]
    # Pooled held-out predictions per threshold: collect the scorer input.
    pooled: dict[float, list] = {t: [None] * len(items) for t in logits}  # type: ignore[type-arg]
    for f in range(FOLDS):
        rows = [r for k, c in enumerate(per_doc) if folds[k] != f for r in c]
        weights = fit(rows)
        held = [k for k in range(len(items)) if folds[k] == f]
        for t in logits:
            X.set_clf_model({"weights": weights, "threshold": t})
            for k in held:
                qs = X.extract_quotes(_parsed(items[k], docs[k]))
                pooled[t][k] = [Q.quote_to_pred(q) for q in qs]
        print(f"fold {f} done", flush=True)
    best = None
    for p, t in zip(THRESHOLDS, logits, strict=True):
        r = Q.score(
            (it["text"], it["attributions"], pr) for it, pr in zip(items, pooled[t], strict=True)
        )
        m = {k: r[f"{k}_overlap"]["f1"] for k in ("content", "source", "cue")}
        mean = sum(m.values()) / 3
        print(f"threshold p={p}: {m} mean {mean:.4f}")
        if best is None or mean > best[0]:
            best = (mean, p, t)
    assert best is not None
    weights = fit([r for c in per_doc for r in c])
    model = {
        "about": "Attribution-cue logistic regression, PolNeAR train only "
        "(scripts/train_cue_classifier.py); threshold = logit, tuned by 5-fold CV on train.",
        "threshold": round(best[2], 4),
        "threshold_p": best[1],
        "cv_mean_f1": round(best[0], 4),
        "rules_only_train_f1": base,
        "weights": dict(sorted(weights.items())),
    }
    args.out.write_text(json.dumps(model, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(weights)} weights, threshold p={best[1]}")


if __name__ == "__main__":
    main()
