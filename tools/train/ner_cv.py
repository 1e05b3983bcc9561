"""Cross-validated CoNLL-2003 NER figure on ``train.jsonl`` only (issue 14, item 1).

The shipped weights (``tools/train/train_ner.py``) pick their epoch by dev
F1, so the dev figure is slightly optimistic. This script measures what the
same recipe gives on data it never saw without looking at dev at all: the
training documents are cut into K folds (by document, fixed seed); for each
fold the small model's ``ner`` is fine-tuned on the other folds for a fixed
number of epochs (default 13, the shipped model's epoch; the figures in
docs/accuracy.md were measured with ``--epochs 8``) and the held-out
fold is scored as ``tools.evaluate.ner`` scores dev: the full NLP stage
with the post-NER correction steps, entity-level exact match.

Usage (from the repository root)::

    OMP_NUM_THREADS=1 .venv/bin/python -m tools.train.ner_cv ../shared/eval/ner \
        --folds 3 --epochs 8 --out build/ner_cv.json

Each fold's component is written under ``build/ner_cv/fold<k>`` (about 6 MB)
and can be reused with ``--score-only``.

Diagnostics of the train-CV vs dev gap (issue 14, docs/accuracy.md "NER: where
the train-CV gap comes from"): ``--only-fold K`` trains and scores fold K
alone; ``--dev`` also scores each fold's model on CoNLL dev (the same model on
two data sets); ``--select-tenth`` is the shipped recipe without dev: every
10th document of the fold's training part is held out, up to ``--epochs``
epochs are run and the epoch with the best F1 on that tenth (model alone,
as ``train_ner.py`` selects on dev) is kept. Scores are split by entity type
and document kind (``tools.evaluate.ner_gap``).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from tools.evaluate.ner_gap import mix_table, score_items

SELECT_EVERY = 10  # --select-tenth: every 10th training document picks the epoch


def folds(n: int, k: int, seed: int) -> list[list[int]]:
    """Document indices cut into ``k`` folds of near-equal size (shuffled by ``seed``)."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


def select_split(items: Sequence[dict]) -> tuple[list[dict], list[dict]]:
    """``items`` cut into (training part, every ``SELECT_EVERY``-th item for epoch choice)."""
    keep = [it for i, it in enumerate(items) if i % SELECT_EVERY != SELECT_EVERY - 1]
    held = [it for i, it in enumerate(items) if i % SELECT_EVERY == SELECT_EVERY - 1]
    return keep, held


def train_fold(
    items: Sequence[dict],
    out: Path,
    epochs: int,
    dropout: float,
    seed: int,
    select: Sequence[dict] = (),
) -> dict[str, Any]:
    """Fine-tune the stock ``ner`` on ``items`` and save it to ``out``.

    Without ``select`` the last of ``epochs`` epochs is saved; with it the
    epoch with the best F1 on ``select`` (the model alone, as ``train_ner.py``
    picks its epoch on dev). Returns the epoch saved and the selection curve.
    """
    import spacy
    from spacy.util import compounding, fix_random_seed, minibatch

    from tools.train.train_ner import EXCLUDE, MODEL, evaluate, to_examples

    fix_random_seed(seed)
    nlp = spacy.load(MODEL, exclude=EXCLUDE)
    examples = to_examples(nlp, list(items))
    optimizer = nlp.resume_training()
    rng = random.Random(seed)
    curve: list[float] = []
    best = -1.0
    for epoch in range(1, epochs + 1):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=compounding(4.0, 16.0, 1.001)):
            nlp.update(batch, sgd=optimizer, drop=dropout, losses={})
        if not select and epoch < epochs:
            continue
        with nlp.use_params(optimizer.averages) if optimizer.averages else nullcontext():
            f1 = evaluate(nlp, list(select))["f1"] if select else 0.0
            curve.append(f1)
            if select:
                print(f"  epoch {epoch}: selection F1 {f1:.4f}", flush=True)
            if f1 > best:
                best = f1
                out.mkdir(parents=True, exist_ok=True)
                nlp.get_pipe("ner").to_disk(out)
                chosen = epoch
    return {"epoch": chosen, "selection_f1": curve if select else None}


def score_fold(items: Sequence[dict], weights: Path) -> dict[str, Any]:
    """Score ``items`` with the full NLP stage using the ``ner`` at ``weights``:
    the model alone and after the default correction steps, by type and kind."""
    from storyline import nlp as nlp_module
    from storyline.nlp import load_nlp
    from storyline.settings import Settings

    name = f"cv-{weights.name}"
    nlp_module.NER_WEIGHTS[name] = weights
    return score_items(load_nlp(Settings().model, name), items)


def run_fold(
    items: Sequence[dict], held: Sequence[int], weights: Path, args: argparse.Namespace
) -> dict[str, Any]:
    """Train (unless ``--score-only``) and score one fold; with ``--dev`` also on dev."""
    held_set = set(held)
    result: dict[str, Any] = {"documents": len(held)}
    if not args.score_only:
        train = [it for i, it in enumerate(items) if i not in held_set]
        select: list[dict] = []
        if args.select_tenth:
            train, select = select_split(train)
        result["training_documents"] = len(train)
        result["training"] = train_fold(
            train, weights, args.epochs, args.dropout, args.seed, select
        )
    result.update(score_fold([items[i] for i in held], weights))
    if args.dev:
        dev = [json.loads(line) for line in (args.folder / "dev.jsonl").open(encoding="utf-8")]
        result["dev"] = score_fold(dev, weights)
        result["dev_in_fold_mix"] = mix_table(result["dev"], result)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folder", type=Path, help="folder with CoNLL train.jsonl")
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--epochs", type=int, default=13)
    ap.add_argument("--dropout", type=float, default=0.15)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--work", type=Path, default=Path("build/ner_cv"))
    ap.add_argument("--out", type=Path, default=Path("build/ner_cv.json"))
    ap.add_argument("--limit", type=int, default=0, help="use only N documents (smoke test)")
    ap.add_argument("--score-only", action="store_true", help="reuse the fold weights")
    ap.add_argument("--only-fold", type=int, default=None, help="train and score fold K alone")
    ap.add_argument("--dev", action="store_true", help="also score each fold's model on dev")
    ap.add_argument(
        "--select-tenth",
        action="store_true",
        help="keep the best epoch by F1 on every 10th training document (no dev)",
    )
    args = ap.parse_args()

    items = [json.loads(line) for line in (args.folder / "train.jsonl").open(encoding="utf-8")]
    if args.limit:
        items = items[: args.limit]
    parts = folds(len(items), args.folds, args.seed)
    chosen = range(len(parts)) if args.only_fold is None else [args.only_fold]
    results = []
    t0 = time.time()
    for k in chosen:
        result = run_fold(items, parts[k], args.work / f"fold{k}", args)
        result["fold"] = k
        results.append(result)
        dev = f" dev {result['dev']['corrected']['f1']:.4f}" if args.dev else ""
        print(
            f"fold {k}: model {result['model']['f1']:.4f} "
            f"corrected {result['corrected']['f1']:.4f}{dev} ({time.time() - t0:.0f}s)",
            flush=True,
        )
    mean = {
        kind: round(sum(r[kind]["f1"] for r in results) / len(results), 4)
        for kind in ("model", "corrected")
    }
    summary = {
        "folds": args.folds,
        "epochs": args.epochs,
        "seed": args.seed,
        "select_tenth": args.select_tenth,
        "only_fold": args.only_fold,
        "mean_f1": mean,
        "per_fold": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2) + "\n")
    print(json.dumps(mean))


if __name__ == "__main__":
    main()
