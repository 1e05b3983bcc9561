"""Cross-validated CoNLL-2003 NER figure on ``train.jsonl`` only (issue 14, item 1).

The shipped weights (``tools/train/train_ner.py``) pick their epoch by dev
F1, so the dev figure is slightly optimistic. This script measures what the
same recipe gives on data it never saw without looking at dev at all: the
training documents are cut into K folds (by document, fixed seed); for each
fold the small model's ``ner`` is fine-tuned on the other folds for a fixed
number of epochs (default 13, the shipped model's epoch) and the held-out
fold is scored as ``tools.evaluate.ner`` scores dev: the full NLP stage
with the post-NER correction steps, entity-level exact match.

Usage (from the repository root)::

    OMP_NUM_THREADS=1 .venv/bin/python -m tools.train.ner_cv ../shared/eval/ner \
        --folds 3 --epochs 13 --out build/ner_cv.json

Each fold's component is written under ``build/ner_cv/fold<k>`` (about 6 MB)
and can be reused with ``--score-only``.
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

from tools.evaluate.ner import conll_entities, score


def folds(n: int, k: int, seed: int) -> list[list[int]]:
    """Document indices cut into ``k`` folds of near-equal size (shuffled by ``seed``)."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


def train_fold(items: Sequence[dict], out: Path, epochs: int, dropout: float, seed: int) -> None:
    """Fine-tune the stock ``ner`` on ``items`` for ``epochs`` epochs and save it to ``out``."""
    import spacy
    from spacy.util import compounding, fix_random_seed, minibatch

    from tools.train.train_ner import EXCLUDE, MODEL, to_examples

    fix_random_seed(seed)
    nlp = spacy.load(MODEL, exclude=EXCLUDE)
    examples = to_examples(nlp, list(items))
    optimizer = nlp.resume_training()
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=compounding(4.0, 16.0, 1.001)):
            nlp.update(batch, sgd=optimizer, drop=dropout, losses={})
    with nlp.use_params(optimizer.averages) if optimizer.averages else nullcontext():
        out.mkdir(parents=True, exist_ok=True)
        nlp.get_pipe("ner").to_disk(out)


def score_fold(items: Sequence[dict], weights: Path) -> dict[str, Any]:
    """Score ``items`` with the full NLP stage using the ``ner`` at ``weights``:
    the model alone and after the default correction steps."""
    from storyline import nlp as nlp_module
    from storyline.nlp import load_nlp, parse
    from storyline.nlp.ner_corrections import correct_entities
    from storyline.settings import Settings

    name = f"cv-{weights.name}"
    nlp_module.NER_WEIGHTS[name] = weights
    nlp = load_nlp(Settings().model, name)
    model, corrected = [], []
    for item, doc in zip(items, parse(nlp, (i["text"] for i in items)), strict=True):
        gold = {(e["start"], e["end"], e["label"]) for e in item["entities"]}
        model.append((gold, conll_entities(doc.ents)))
        corrected.append((gold, conll_entities(correct_entities(doc))))
    return {"model": score(model), "corrected": score(corrected)}


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
    args = ap.parse_args()

    items = [json.loads(line) for line in (args.folder / "train.jsonl").open(encoding="utf-8")]
    if args.limit:
        items = items[: args.limit]
    parts = folds(len(items), args.folds, args.seed)
    results = []
    t0 = time.time()
    for k, held in enumerate(parts):
        held_set = set(held)
        weights = args.work / f"fold{k}"
        if not args.score_only:
            train = [it for i, it in enumerate(items) if i not in held_set]
            train_fold(train, weights, args.epochs, args.dropout, args.seed)
        result = score_fold([items[i] for i in held], weights)
        result["documents"] = len(held)
        results.append(result)
        print(
            f"fold {k}: model {result['model']['f1']:.4f} "
            f"corrected {result['corrected']['f1']:.4f} ({time.time() - t0:.0f}s)",
            flush=True,
        )
    mean = {
        kind: round(sum(r[kind]["f1"] for r in results) / len(results), 4)
        for kind in ("model", "corrected")
    }
    summary = {"folds": args.folds, "epochs": args.epochs, "mean_f1": mean, "per_fold": results}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2) + "\n")
    print(json.dumps(mean))


if __name__ == "__main__":
    main()
