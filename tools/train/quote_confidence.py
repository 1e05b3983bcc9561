"""Fit the calibrated confidence of quote records (``extract/quotes/confidence.py``).

Every record the extractor makes on PolNeAR *train* articles is labelled
right when its content matches a gold content (one-to-one, at least half of
the smaller span's word tokens, as ``tools/evaluate/quotes.py`` counts) and
its speaker overlaps that gold attribution's source (a record with no
speaker is right only where the gold has no source either: "who said what"
without a who is no complete answer). A logistic regression (L2) over
``confidence.features`` is fitted on those labels: the L2 strength is chosen
by 5-fold cross-validation over train *articles* (out-of-fold log loss), and
the out-of-fold reliability on train is printed beside the reliability
curve (ten equal-width bins) and expected calibration error on PolNeAR
*dev* for the raw and the calibrated confidence, with the weights as the
Python dict to paste into ``confidence.WEIGHTS``.

The learned filter was itself trained on train, so its probability is
somewhat better on train articles than on new ones; the dev curve shows
what that costs.

Usage::

    .venv/bin/python -m tools.train.quote_confidence ../shared/eval/quotes \\
        [--train-limit 250] [--cache /tmp/quote-conf]
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize

from storyline.extract.quotes import confidence as C
from tools.evaluate.quotes import char_overlap, match


def parsed_docs(items: list[dict[str, Any]], cache: Path | None, name: str) -> list[Any]:
    """Parses of the articles, cached (with their context vectors) when asked."""
    from spacy.tokens import DocBin

    from storyline.nlp import load_nlp, parse
    from storyline.settings import Settings

    nlp = load_nlp(Settings().model)
    if cache is not None and (cache / f"{name}.spacy").exists():
        docs = list(DocBin().from_disk(cache / f"{name}.spacy").get_docs(nlp.vocab))
        with np.load(cache / f"{name}.npz") as z:
            for k, d in enumerate(docs):
                d.tensor = z[f"t{k}"]
        return docs
    docs = list(parse(nlp, [it["text"] for it in items]))
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        db = DocBin()
        for d in docs:
            db.add(d)
        db.to_disk(cache / f"{name}.spacy")
        np.savez(cache / f"{name}.npz", **{f"t{k}": d.tensor for k, d in enumerate(docs)})
    return docs


def gold_spans(item: dict[str, Any]) -> list[dict[str, list[tuple[int, int]]]]:
    """Each gold attribution of a PolNeAR item as its content and source spans."""
    return [
        {
            "content": [(x["start"], x["end"]) for x in g["content"]],
            "source": [(x["start"], x["end"]) for x in g.get("source") or []],
        }
        for g in item["attributions"]
    ]


def rightness(text: str, gold: list[dict[str, Any]], quotes: list[Any]) -> list[int]:
    """1 for each quote record whose content matches a gold attribution
    (overlap >= 0.5) and whose speaker overlaps that attribution's source
    (or neither has one), else 0: what the confidence is calibrated to."""
    pred = [{"content": [(f["start"], f["end"]) for f in q.fragments]} for q in quotes]
    right = [0] * len(quotes)
    for i, j, ov in match(text, gold, pred):
        sp = quotes[j].speaker
        if sp is None:
            ok_speaker = not gold[i]["source"]
        else:
            ok_speaker = char_overlap(text, gold[i]["source"], [(sp["start"], sp["end"])])
        right[j] = int(ov >= 0.5 and ok_speaker)
    return right


def rows(
    items: list[dict[str, Any]], docs: list[Any], profile: str = "default"
) -> list[tuple[dict[str, float], float, int]]:
    """(features, raw confidence, right?) for every record of every article
    (extracted as the pipeline ``profile`` would); the article's index is in
    each feature dict as ``_article`` (dropped before fitting)."""
    from storyline.extract.quotes import extract_quotes
    from storyline.model import Metadata, ParsedDocument, RawDocument

    seen: list[tuple[int, int, dict[str, float], float]] = []
    original = C.calibrate

    def record(a: Any, speaker: Any) -> float:
        seen.append((a.start, a.end, C.features(a, speaker), a.confidence))
        return a.confidence

    out = []
    C.calibrate = record
    try:
        for k, (it, doc) in enumerate(zip(items, docs, strict=True)):
            seen.clear()
            raw = RawDocument.create(it["id"], it["text"], it["text"].encode(), "json")
            options = {"profile": profile} if profile != "default" else {}
            parsed = ParsedDocument(
                raw=raw, spans=[], metadata=Metadata(), doc=doc, options=options
            )
            quotes = extract_quotes(parsed)
            feats = {(s, e): (f, c) for s, e, f, c in seen}
            right = rightness(it["text"], gold_spans(it), quotes)
            for q, r in zip(quotes, right, strict=True):
                hit = feats.get((q.start, q.end)) or next(
                    ((f, c) for (s, e), (f, c) in feats.items() if e == q.end), None
                )
                if hit is not None:
                    out.append((dict(hit[0], _article=float(k)), hit[1], r))
    finally:
        C.calibrate = original
    return out


def fit(data: list[tuple[dict[str, float], float, int]], l2: float = 1.0) -> dict[str, float]:
    """L2 logistic regression over the feature dicts."""
    names = sorted({k for f, _, _ in data for k in f if not k.startswith("_")})
    x = np.array([[f.get(k, 0.0) for k in names] for f, _, _ in data])
    y = np.array([r for _, _, r in data], dtype=float)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        p = 1.0 / (1.0 + np.exp(-z))
        eps = 1e-9
        nll = -np.sum(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))
        return nll + l2 * float(w @ w) / 2, x.T @ (p - y) + l2 * w

    w = minimize(loss, np.zeros(len(names)), jac=True, method="L-BFGS-B").x
    return {k: round(float(v), 4) for k, v in zip(names, w, strict=True)}


def cross_validate(
    data: list[tuple[dict[str, float], float, int]], folds: int = 5, l2s: tuple = (0.1, 1.0, 10.0)
) -> tuple[float, list[float]]:
    """The L2 strength with the best out-of-fold log loss (folds by article)
    and the out-of-fold calibrated probabilities at it."""
    fold = [int(f["_article"]) % folds for f, _, _ in data]
    best: tuple[float, float, list[float]] | None = None
    for l2 in l2s:
        probs = [0.0] * len(data)
        for k in range(folds):
            w = fit([d for d, g in zip(data, fold, strict=True) if g != k], l2)
            for n, (d, g) in enumerate(zip(data, fold, strict=True)):
                if g == k:
                    probs[n] = apply(w, d[0])
        eps = 1e-9
        loss = -sum(
            r * math.log(p + eps) + (1 - r) * math.log(1 - p + eps)
            for p, (_, _, r) in zip(probs, data, strict=True)
        ) / max(1, len(data))
        if best is None or loss < best[1]:
            best = (l2, loss, probs)
    assert best is not None
    return best[0], best[2]


def reliability(probs: list[float], labels: list[int], bins: int = 10) -> dict[str, Any]:
    """Per-bin (count, mean confidence, share right) and the expected calibration error."""
    table = []
    ece = 0.0
    n = len(probs)
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [k for k, p in enumerate(probs) if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        if not idx:
            continue
        conf = sum(probs[k] for k in idx) / len(idx)
        acc = sum(labels[k] for k in idx) / len(idx)
        ece += len(idx) / n * abs(conf - acc)
        table.append(
            {
                "bin": f"{lo:.1f}-{hi:.1f}",
                "n": len(idx),
                "conf": round(conf, 3),
                "right": round(acc, 3),
            }
        )
    return {"ece": round(ece, 4), "bins": table}


def apply(weights: dict[str, float], f: dict[str, float]) -> float:
    """The calibrated probability of one feature dict."""
    z = sum(weights.get(k, 0.0) * v for k, v in f.items() if not k.startswith("_"))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("--train-limit", type=int, default=250)
    ap.add_argument("--cache", type=Path)
    ap.add_argument(
        "--profile",
        default="default",
        help="extract as this profile (accurate: its attribution filter; default NER)",
    )
    args = ap.parse_args()

    def load(name: str, limit: int | None) -> list[dict[str, Any]]:
        lines = (args.gold_dir / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        items = [json.loads(line) for line in lines if line.strip()]
        return items[:limit] if limit else items

    train = load("train", args.train_limit)
    dev = load("dev", None)
    tr = rows(train, parsed_docs(train, args.cache, f"train{len(train)}"), args.profile)
    dv = rows(dev, parsed_docs(dev, args.cache, "dev"), args.profile)
    l2, oof = cross_validate(tr)
    weights = fit(tr, l2)
    labels = [r for _, _, r in dv]
    tr_labels = [r for _, _, r in tr]
    report = {
        "train_records": len(tr),
        "train_right": round(sum(r for _, _, r in tr) / max(1, len(tr)), 3),
        "l2": l2,
        "train_cv_raw": reliability([c for _, c, _ in tr], tr_labels),
        "train_cv_calibrated": reliability(oof, tr_labels),
        "dev_records": len(dv),
        "dev_right": round(sum(labels) / max(1, len(dv)), 3),
        "dev_raw": reliability([c for _, c, _ in dv], labels),
        "dev_calibrated": reliability([apply(weights, f) for f, _, _ in dv], labels),
        "dev_shipped_weights": reliability([apply(C.WEIGHTS, f) for f, _, _ in dv], labels),
        "train_shipped_weights": reliability([apply(C.WEIGHTS, f) for f, _, _ in tr], tr_labels),
        "weights": weights,
    }
    # Display threshold: shown = confidence at or above it and a frame that
    # reports words (``unspoken`` frames are hidden whatever their figure).
    shown_tr = [(p, r) for p, (f, _, r) in zip(oof, tr, strict=True) if not f.get("unspoken")]
    report["train_cv_shown_right_at"] = {
        t: {
            "n": sum(p >= t for p, _ in shown_tr),
            "right": round(
                sum(r for p, r in shown_tr if p >= t) / max(1, sum(p >= t for p, _ in shown_tr)), 3
            ),
        }
        for t in (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9)
    }
    direct = [(c, r) for f, c, r in dv if f.get("direct")]
    report["dev_raw_direct"] = reliability([c for c, _ in direct], [r for _, r in direct])
    for name, conf in (
        ("raw", [c for _, c, _ in dv]),
        ("calibrated", [apply(weights, f) for f, _, _ in dv]),
    ):
        for thr in (0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8):
            kept = [
                r
                for c, r, (f, _, _) in zip(conf, labels, dv, strict=True)
                if c >= thr and not f.get("unspoken")
            ]
            report[f"dev_{name}_kept_at_{thr}"] = {
                "n": len(kept),
                "right": round(sum(kept) / max(1, len(kept)), 3),
            }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
