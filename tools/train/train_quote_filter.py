"""Train the attribution filter (``extract/quotes/filter.py``) on PolNeAR train only.

Examples: every proposal of the quote rules and every other cue frame
(``quotes.proposals.candidates(..., with_frames=True)``) in every training article, with
its features (``quotes.filter.features``: sparse, plus the parser's context
vectors) and a label: right when its content shares at least half of the
smaller span's word tokens with a gold content (as the scorer counts a
match) and its cue starts inside that gold attribution's cue
(``--loose-cue``: rule proposals need only the content).

The rules use tables learned from the same training articles (cue lexicon,
cue frames), so on their own training articles they look better than they
are. The examples are therefore *cross-fitted*: the articles are split in
five folds and each fold's proposals are made with tables learned from the
other four (``learn_cue_lexicon.learn``), so the filter sees the rules as
they behave on unseen text. A logistic regression (L2, L-BFGS) is fitted on
those examples; the two decision thresholds (rule proposals, frame
candidates) are chosen by 5-fold cross-validation with the real scorer (mean
of content / source / cue overlap F1 on the held-out folds; ``--objective
source-cue --content-floor F``: mean of source and cue F1 with content F1 at
least F). The final
weights are fitted on all examples and written as ``.npz`` (shipped as
``extract/quotes/filter.npz``).

``--learner trees`` fits gradient-boosted trees instead of the logistic
regression (``tools/train/quote_filter_trees.py``: leaves and rounds chosen
by out-of-fold log loss, 5-fold CV on train; the thresholds then as above).
The source model stays a logistic regression.

``--tagger-roles OOF.npz`` (instead of ``--mini-tagger``; with or without
``--mini``) takes the token-role features from the fine-tuned attribution
tagger: out-of-fold probabilities of five cross-fitted taggers
(``tools/train/attribution_oof.py``); at run time the shipped tagger's.
Without ``--mini`` no frozen MiniLM vectors are read (the shipped filter).

``--mini VECTORS.npz [--mini-k 64] [--mini-tagger]`` trains the accurate
profile's filter (``extract/quotes/filter_accurate.npz``): each proposal's
dense features are followed by ``filter_accurate``'s frozen MiniLM slots
(PCA to ``k`` per slot) and, with ``--mini-tagger``, a token-role tagger's
out-of-fold probabilities (``tools/train/mini_vectors.py``; the vectors are
cached in ``VECTORS.npz`` on the first run).

Usage::

    .venv/bin/python -m tools.train.train_quote_filter \\
        ../shared/eval/quotes/train.jsonl src/storyline/extract/quotes/filter.npz \\
        [--docs /tmp/train.spacy --tensors /tmp/train_tensor.npz] [--learner trees]

``--docs`` / ``--tensors`` cache the parses (written on the first run, read on
later ones: parsing train takes about two minutes). After the filter, a
second logistic regression is fitted on the proposals it keeps, over
``quotes.filter.source_features``: is the source found the gold source? Its
threshold is tuned the same way; below it the speaker is left unknown.

Deterministic for a given input and spaCy model.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize

from storyline.extract.quotes import cue_tables as L
from storyline.extract.quotes import filter as F
from storyline.extract.quotes import filter_accurate as FA
from storyline.extract.quotes.attribution import Attribution
from storyline.extract.quotes.context import QuoteContext
from storyline.extract.quotes.proposals import candidates
from storyline.extract.quotes.records import build_records
from storyline.extract.quotes.vetting import vet
from storyline.model import Metadata, ParsedDocument, RawDocument
from tools.evaluate import quotes as Q
from tools.train import mini_vectors as MV
from tools.train import quote_filter_trees as T
from tools.train.learn_cue_lexicon import as_tables, learn

MIN_FEATURE_COUNT = 3
L2 = 2.0
FOLDS = 5
RULE_P = [0.3, 0.4, 0.5, 0.6, 0.7]
FRAME_P = [0.15, 0.2, 0.3, 0.4, 0.5]
SOURCE_P = [0.1, 0.15, 0.2, 0.3, 0.4, 0.5]


def parsed_of(item: dict[str, Any], doc: Any) -> ParsedDocument:
    raw = RawDocument.create(
        item["id"], item["text"], item["text"].encode(), "json", external_id=item["id"]
    )
    return ParsedDocument(raw=raw, spans=[], metadata=Metadata(), doc=doc)


def load_docs(items: list[dict[str, Any]], docbin: Path | None, tensors: Path | None) -> list[Any]:
    """Parsed training texts: from a cached DocBin + tensors when they exist,
    else parsed now (and cached there when paths are given)."""
    from spacy.tokens import DocBin

    if docbin is not None and tensors is not None and docbin.exists() and tensors.exists():
        import spacy

        nlp = spacy.blank("en")
        docs = list(DocBin().from_disk(docbin).get_docs(nlp.vocab))
        arrays = np.load(tensors)
        for k, d in enumerate(docs):
            d.tensor = arrays[f"arr_{k}"].astype(np.float32)
        assert len(docs) == len(items) and all(
            d.text == it["text"] for d, it in zip(docs, items, strict=True)
        ), "cached parses do not match the items"
        return docs
    from storyline.nlp import load_nlp, parse
    from storyline.settings import Settings

    nlp = load_nlp(Settings().model)
    docs = list(parse(nlp, [it["text"] for it in items]))
    if docbin is not None and tensors is not None:
        bin_ = DocBin(store_user_data=False)
        for d in docs:
            bin_.add(d)
        bin_.to_disk(docbin)
        np.savez_compressed(tensors, *[d.tensor.astype(np.float16) for d in docs])
    return docs


def _spans(xs: list[dict[str, Any]]) -> list[tuple[int, int]]:
    return [(int(x["start"]), int(x["end"])) for x in xs]


#: Rule proposals too must have the gold cue to count as right (else only the
#: content, ``--loose-cue``): a right content under the wrong cue costs the
#: cue and source figures.
STRICT_CUE: list[bool] = [True]


#: Whether the proposals carry the frame and shared features (``--extra-features``;
#: recorded in the model as ``extra_features``, which ``filter.select`` follows).
EXTRA: list[bool] = [False]


#: The accurate profile's MiniLM projection (``--mini``): when set, each
#: proposal's dense features are followed by ``filter_accurate``'s slots.
MINI: list[dict[str, Any]] = []


def _cue_start(a: Attribution) -> int | None:
    if a.cue is None:
        return None
    return a.cue[0] if isinstance(a.cue, tuple) else a.cue.idx


def label(text: str, gold: list[Any], a: Attribution) -> int:
    frags = a.frags or [(a.start, a.end)]
    for content, cues in gold:
        if Q.overlap(text, content, frags) < 0.5:
            continue
        if a.origin != "frame" and not (STRICT_CUE[0] and cues and a.cue is not None):
            return 1
        c = _cue_start(a)
        if c is not None and any(s <= c < e for s, e in cues):
            return 1
    return 0


def examples(item: dict[str, Any], doc: Any) -> tuple[QuoteContext, list[Attribution], list[Any]]:
    """(context, proposals, [(sparse, dense, label)]) of one article."""
    ex, atts = candidates(parsed_of(item, doc), with_frames=True)
    text = item["text"]
    gold = [(_spans(g["content"]), _spans(g["cue"])) for g in item["attributions"]]
    base = [F.features(ex, a, EXTRA[0]) for a in atts]
    if EXTRA[0]:
        F.add_shared(atts, base)
    if MINI:
        extend = FA.extender(MINI[0], FA.context_of(ex, MINI[0]), ex.doc.user_data.get(FA.TAGS_KEY))
        base = F.extended(ex, atts, base, extend)
    rows = [(sp, dn, label(text, gold, a)) for a, (sp, dn) in zip(atts, base, strict=True)]
    return ex, atts, rows


def fit(rows: list[tuple[dict[str, float], np.ndarray, int]]) -> dict[str, Any]:
    """L2 logistic regression (L-BFGS) over sparse + dense features."""
    vocab, M, y = design(rows)
    # The sparse columns as CSR, the dense ones as an array: the same
    # products, several times faster when the dense part is wide (MiniLM).
    nv = len(vocab)
    A = M[:, :nv].astype(np.float64).tocsr()
    D = M[:, nv:].toarray().astype(np.float64)
    y = y.astype(np.float64)
    bias = vocab.index("bias")

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = A @ w[:nv] + D @ w[nv:]
        p = 1.0 / (1.0 + np.exp(-z))
        ll = np.sum(np.logaddexp(0, z) - y * z)
        reg = w.copy()
        reg[bias] = 0.0
        r = p - y
        g = np.concatenate([A.T @ r, D.T @ r]) + L2 * reg
        return ll + 0.5 * L2 * float(reg @ reg), g

    res = minimize(
        loss, np.zeros(M.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 1000}
    )
    return {"vocab": vocab, "w": res.x.astype(np.float32)}


def design(rows: list[tuple[dict[str, float], np.ndarray, int]]) -> tuple[list[str], Any, Any]:
    """Vocabulary, design matrix (sparse features then dense) and labels."""
    counts: Counter[str] = Counter(k for sp, _, _ in rows for k in sp)
    vocab = sorted(k for k, c in counts.items() if c >= MIN_FEATURE_COUNT)
    M, y = T.matrix(vocab, rows)
    return vocab, M, y


def fit_final(
    rows: list[tuple[dict[str, float], np.ndarray, int]], setting: tuple[int, int] | None
) -> dict[str, Any]:
    """The model on all rows: logistic regression, or boosted trees with the
    (leaves, rounds) that cross-validation chose."""
    if setting is None:
        return fit(rows)
    vocab, M, y = design(rows)
    return T.compact(T.booster(M, y, *setting), vocab)


def predict_with(
    item: dict[str, Any],
    doc: Any,
    ex: QuoteContext,
    atts: list[Attribution],
    zs: list[float],
    thr: float,
    frame_thr: float,
    drop_source: frozenset[int] = frozenset(),
) -> list[dict[str, Any]]:
    """Predictions with these scores and thresholds; proposals whose ``id`` is
    in ``drop_source`` lose their source (on copies: the proposals stay as made)."""
    keep = F.decide(atts, zs, thr, frame_thr)
    # Vetting runs after the filter in the pipeline, so the thresholds are
    # chosen on what it leaves; it edits attributions, so it gets copies (the
    # proposals are scored again under other thresholds).
    copies = [
        dataclasses.replace(
            a, frags=list(a.frags), source=None if id(a) in drop_source else a.source
        )
        for a in keep
    ]
    quotes = build_records(parsed_of(item, doc), ex, vet(ex, copies))
    return [Q.quote_to_pred(q) for q in quotes]


def source_examples(
    item: dict[str, Any],
    ex: QuoteContext,
    atts: list[Attribution],
    rows: list[Any],
    zs: list[float],
    thr: float,
    frame_thr: float,
) -> list[tuple[int, dict[str, float], np.ndarray, int]]:
    """(id of proposal, sparse, dense, label) for each kept proposal with a
    source: 1 when the source overlaps the source of the gold attribution the
    proposal matches."""
    text, doc = item["text"], ex.doc
    gold = [
        (_spans(g["content"]), _spans(g["cue"]), _spans(g["source"])) for g in item["attributions"]
    ]
    base = {id(a): (z, (sp, dn)) for a, z, (sp, dn, _) in zip(atts, zs, rows, strict=True)}
    out = []
    for a in F.decide(atts, zs, thr, frame_thr):
        if a.source is None or a.origin in F.PROTECTED_ORIGINS:
            continue
        i, j = a.source
        s0, e0 = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
        lab = 0
        frags = a.frags or [(a.start, a.end)]
        for content, cues, source in gold:
            if Q.overlap(text, content, frags) < 0.5:
                continue
            if a.origin == "frame" and not any(cs <= a.cue.idx < ce for cs, ce in cues):
                continue
            if source and Q.char_overlap(text, source, [(s0, e0)]):
                lab = 1
        z, b = base[id(a)]
        sp, dn = F.source_features(ex, a, z, b)
        out.append((id(a), sp, dn, lab))
    return out


def _mean(r: dict[str, Any]) -> tuple[float, dict[str, float]]:
    m = {k: r[f"{k}_overlap"]["f1"] for k in ("content", "source", "cue")}
    return sum(m.values()) / 3, m


def _source_cue(r: dict[str, Any], floor: float) -> tuple[float, dict[str, float]]:
    """Mean of source and cue overlap F1, minus infinity when content F1 is
    below ``floor`` (``--objective source-cue``: the issue's targets are
    source and cue; content may give a little, not much)."""
    _, m = _mean(r)
    if m["content"] < floor:
        return -math.inf, m
    return (m["source"] + m["cue"]) / 2, m


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("train", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--docs", type=Path, default=None)
    ap.add_argument("--tensors", type=Path, default=None)
    ap.add_argument("--rule-p", type=float, nargs="*", default=RULE_P, help="thresholds to try")
    ap.add_argument("--frame-p", type=float, nargs="*", default=FRAME_P, help="thresholds to try")
    ap.add_argument("--learner", choices=("linear", "trees"), default="linear")
    ap.add_argument("--extra-features", action="store_true", help="frame and shared features")
    ap.add_argument("--dump-rows", type=Path, help="pickle the cross-fitted examples here")
    ap.add_argument(
        "--mini",
        type=Path,
        default=None,
        help="accurate profile: MiniLM vectors of the train articles (.npz, made if missing)",
    )
    ap.add_argument("--mini-k", type=int, default=64, help="PCA dimensions per MiniLM slot")
    ap.add_argument(
        "--mini-tagger", action="store_true", help="and a token-role tagger's probabilities"
    )
    ap.add_argument(
        "--mini-mlp", action="store_true", help="and a slot network's out-of-fold logit"
    )
    ap.add_argument(
        "--mini-tagger-mlp",
        action="store_true",
        help="the token tagger as a network over each token and its neighbours",
    )
    ap.add_argument(
        "--tagger-roles",
        type=Path,
        default=None,
        help="with --mini: the fine-tuned attribution tagger's out-of-fold role "
        "probabilities (tools/train/attribution_oof.py) as the token-role features",
    )
    ap.add_argument(
        "--tagger-extra",
        action="store_true",
        help="with --tagger-roles: the edge features too (filter_accurate.TAG_EXTRA)",
    )
    ap.add_argument(
        "--leaves", type=int, nargs="*", default=list(T.LEAVES), help="trees: leaf counts to try"
    )
    ap.add_argument(
        "--source-learner",
        choices=("linear", "trees"),
        default="linear",
        help="the source model: logistic regression or boosted trees",
    )
    ap.add_argument(
        "--loose-cue", action="store_true", help="rule proposals need only the gold content"
    )
    ap.add_argument(
        "--objective",
        choices=("mean", "source-cue"),
        default="mean",
        help="thresholds maximise the mean of the three F1s, or of source and cue",
    )
    ap.add_argument(
        "--content-floor", type=float, default=0.0, help="source-cue: lowest content F1 allowed"
    )
    args = ap.parse_args()

    def objective(r: dict[str, Any]) -> tuple[float, dict[str, float]]:
        return _mean(r) if args.objective == "mean" else _source_cue(r, args.content_floor)

    STRICT_CUE[0] = not args.loose_cue
    EXTRA[0] = args.extra_features
    items = [json.loads(x) for x in args.train.read_text(encoding="utf-8").splitlines() if x]
    docs = load_docs(items, args.docs, args.tensors)
    if args.mini is not None:
        MINI.append(
            MV.attach(
                docs,
                args.mini,
                args.mini_k,
                items if args.mini_tagger else None,
                network=args.mini_tagger_mlp,
            )
        )
    if args.tagger_roles is not None:
        if args.mini_tagger:
            ap.error("--tagger-roles replaces --mini-tagger")
        if not MINI:  # the tagger's roles alone: no frozen vectors (the shipped filter)
            MINI.append(MV.no_slots())
        MINI[0].update(MV.attach_tagger_roles(docs, args.tagger_roles, args.tagger_extra))
    folds = [k % FOLDS for k in range(len(items))]
    F.set_model(None)
    per_doc: list[Any] = [None] * len(items)
    for f in range(FOLDS):
        rest = [k for k in range(len(items)) if folds[k] != f]
        L.use_tables(*as_tables(*learn([items[k] for k in rest], [docs[k] for k in rest])))
        for k in range(len(items)):
            if folds[k] == f:
                per_doc[k] = examples(items[k], docs[k])
        print(f"fold {f}: proposals made with tables of the other folds", flush=True)
    L.use_tables(None)
    if MINI and args.mini_mlp:
        MINI[0].update(MV.stack_slot_mlp(per_doc, folds, FOLDS))
    n = sum(len(r) for _, _, r in per_doc)
    pos = sum(lab for _, _, r in per_doc for *_, lab in r)
    print(f"proposals {n}, right {pos}", flush=True)
    if args.dump_rows is not None:
        import pickle

        with args.dump_rows.open("wb") as fh:
            pickle.dump((folds, [rows for _, _, rows in per_doc]), fh)

    def run(zs_of: list[list[float]], thr: float, frame_thr: float) -> dict[str, Any]:
        return Q.score(
            (
                it["text"],
                it["attributions"],
                predict_with(it, d, ex, atts, zs_of[k], thr, frame_thr),
            )
            for k, (it, d, (ex, atts, _)) in enumerate(zip(items, docs, per_doc, strict=True))
        )

    ones = [[0.0] * len(a) for _, a, _ in per_doc]
    base = run(ones, -1e9, 1e9)  # every rule proposal, no frame candidate
    print("rules only (cross-fitted tables)", _mean(base), flush=True)
    zs_all: list[list[float]] = [[] for _ in items]
    setting: tuple[int, int] | None = None
    if args.learner == "trees":
        by_fold = [
            [r for k in range(len(items)) if folds[k] == f for r in per_doc[k][2]]
            for f in range(FOLDS)
        ]
        leaves, rounds, _, oof = T.choose(design, by_fold, tuple(args.leaves))
        setting = (leaves, rounds)
        print(f"trees: chose leaves={leaves} rounds={rounds}", flush=True)
        for f in range(FOLDS):
            at = 0
            for k in range(len(items)):
                if folds[k] == f:
                    n_k = len(per_doc[k][2])
                    zs_all[k] = [float(z) for z in oof[f][at : at + n_k]]
                    at += n_k
    for f in range(FOLDS) if setting is None else ():
        m = F.prepare(
            fit([r for k, (_, _, rows) in enumerate(per_doc) if folds[k] != f for r in rows])
        )
        for k in range(len(items)):
            if folds[k] == f:
                zs_all[k] = F.scores(m, [(sp, dn) for sp, dn, _ in per_doc[k][2]])
        print(f"fold {f} fitted", flush=True)
    # Coordinate search: the rule threshold first, then the frame threshold.
    best: tuple[float, float, float, dict[str, float]] | None = None
    tried: set[tuple[float, float]] = set()
    frame_p = args.frame_p[len(args.frame_p) // 2]
    for stage in ("rule", "frame"):
        if stage == "rule":
            grid = [(p, frame_p) for p in args.rule_p]
        else:
            assert best is not None
            grid = [(best[1], q) for q in args.frame_p]
        for p, q in grid:
            if (p, q) in tried:
                continue
            tried.add((p, q))
            mean, detail = objective(run(zs_all, _logit(p), _logit(q)))
            print(f"rule p={p} frame p={q}: {detail} objective {mean:.4f}", flush=True)
            if best is None or mean > best[0]:
                best = (mean, p, q, detail)
    assert best is not None
    thr, frame_thr = _logit(best[1]), _logit(best[2])

    # The source model, on the proposals the chosen thresholds keep.
    src_rows = [
        source_examples(it, ex, atts, rows, zs_all[k], thr, frame_thr)
        for k, (it, (ex, atts, rows)) in enumerate(zip(items, per_doc, strict=True))
    ]
    print(
        f"sources {sum(len(r) for r in src_rows)}, right "
        f"{sum(r[3] for rs in src_rows for r in rs)}",
        flush=True,
    )
    src_z: dict[int, float] = {}
    src_setting: tuple[int, int] | None = None
    if args.source_learner == "trees":
        src_by_fold = [
            [
                (sp, dn, lab)
                for k, rs in enumerate(src_rows)
                if folds[k] == f
                for _, sp, dn, lab in rs
            ]
            for f in range(FOLDS)
        ]
        s_leaves, s_rounds, _, s_oof = T.choose(design, src_by_fold, tuple(args.leaves))
        src_setting = (s_leaves, s_rounds)
        print(f"source trees: chose leaves={s_leaves} rounds={s_rounds}", flush=True)
        for f in range(FOLDS):
            ids = [aid for k, rs in enumerate(src_rows) if folds[k] == f for aid, *_ in rs]
            for aid, z in zip(ids, s_oof[f], strict=True):
                src_z[aid] = float(z)
    for f in range(FOLDS) if src_setting is None else ():
        sm = F.prepare(
            fit(
                [
                    (sp, dn, lab)
                    for k, rs in enumerate(src_rows)
                    if folds[k] != f
                    for _, sp, dn, lab in rs
                ]
            )
        )
        for k, rs in enumerate(src_rows):
            if folds[k] == f:
                for (aid, _, _, _), z in zip(
                    rs, F.scores(sm, [(sp, dn) for _, sp, dn, _ in rs]), strict=True
                ):
                    src_z[aid] = z
    src_best = (best[0], None, best[3])
    for p in SOURCE_P:
        drop = frozenset(aid for aid, z in src_z.items() if z < _logit(p))
        r = Q.score(
            (
                it["text"],
                it["attributions"],
                predict_with(it, d, ex, atts, zs_all[k], thr, frame_thr, drop),
            )
            for k, (it, d, (ex, atts, _)) in enumerate(zip(items, docs, per_doc, strict=True))
        )
        mean, detail = objective(r)
        print(f"source p={p}: {detail} objective {mean:.4f}", flush=True)
        if mean > src_best[0]:
            src_best = (mean, p, detail)

    final = fit_final([r for _, _, rows in per_doc for r in rows], setting)
    if src_best[1] is not None:
        final["source"] = fit_final(
            [(sp, dn, lab) for rs in src_rows for _, sp, dn, lab in rs], src_setting
        )
        final["source"]["threshold"] = round(_logit(src_best[1]), 4)
        final["source"]["threshold_p"] = src_best[1]
        final["cv_train_with_source"] = src_best[2]
    final.update(
        {
            "about": "Attribution filter over rule proposals and cue-frame candidates, "
            "PolNeAR train only, cross-fitted tables (tools/train/train_quote_filter.py); "
            "thresholds are logits tuned by 5-fold CV on train.",
            "threshold": round(_logit(best[1]), 4),
            "frame_threshold": round(_logit(best[2]), 4),
            "threshold_p": best[1],
            "frame_threshold_p": best[2],
            "cv_train": best[3],
            "rules_only_train": _mean(base)[1],
            "dense_slots": list(F.DENSE_SLOTS),
            "extra_features": EXTRA[0],
        }
    )
    if MINI:
        final.update({k: v for k, v in MINI[0].items() if k.startswith("mini_")})
    F.save(final, args.out)
    print(
        f"wrote {args.out}: {len(final['vocab'])} features, thresholds p={best[1]}/{best[2]}, "
        f"source p={src_best[1]}"
    )


if __name__ == "__main__":
    main()
