"""Quantities on MeasEval (SemEval-2021 Task 8, ``eval/quantities``): does the
``quantities`` extractor find numbers, their units and what they measure?

MeasEval is scientific prose, so this checks the scheme (quantity span,
unit, measured thing), not news figures; nothing here is tuned to it.

Matching rules:

- **Quantity span.** Predicted and gold Quantity spans of a paragraph are
  aligned one to one by character overlap, largest overlap first (ties:
  earlier gold, then earlier prediction). *Overlap* P/R/F1 counts aligned
  pairs; *exact* P/R/F1 counts aligned pairs with identical offsets. Every
  prediction counts, so a number found in a paragraph with no gold is a
  false positive. Our span includes the qualifier ("at least 5"); MeasEval's
  includes it too and also the unit, as ours does for measures.
- **Unit accuracy** on aligned pairs: right when both have no unit, or the
  gold unit (lower-cased, "%" read as "percent") equals our ``unit`` or, for
  a count, the text of our ``counts`` (MeasEval often writes the counted
  noun as the unit: "5318 participants").
- **MeasuredEntity overlap P/R/F1**: a hit is an aligned pair whose
  ``counts`` span overlaps a MeasuredEntity of the gold quantity's set
  (linked by HasQuantity). P = hits / predictions with ``counts``; R = hits /
  gold quantities with a MeasuredEntity. As in the official metric, an
  entity attached to the wrong quantity earns nothing.

This is not the official overall score (the mean token-overlap F1 over nine
components, including MeasuredProperty, Qualifier, modifiers and relations,
which we do not predict); the task paper's anchors are in the README.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from tools.evaluate.timex import align

Span = dict[str, Any]


def prf(hits: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = hits / n_pred if n_pred else 0.0
    r = hits / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def unit_right(gold: Span, pred: Span) -> bool:
    """Whether the predicted unit agrees with the gold one (rules in the module doc)."""
    g = (gold.get("unit") or "").strip().lower()
    g = "percent" if g == "%" else g
    ours = (pred.get("unit") or "").lower()
    if not g:
        return not ours
    counted = ((pred.get("counts") or {}).get("text") or "").lower()
    return g == ours or (not ours and g == counted)


def overlaps(a: Span, b: Span) -> bool:
    return min(a["end"], b["end"]) > max(a["start"], b["start"])


def score(docs: list[tuple[list[Span], list[Span]]]) -> dict[str, Any]:
    """Scores over (gold rows, predicted quantities) per paragraph."""
    n_gold = n_pred = over = exact = unit_ok = 0
    me_hits = me_pred = me_gold = 0
    for rows, preds in docs:
        gold = [r for r in rows if r["type"] == "Quantity"]
        entities: dict[int, list[Span]] = defaultdict(list)
        for r in rows:
            if r["type"] == "MeasuredEntity":
                entities[r["annot_set"]].append(r)
        n_gold += len(gold)
        n_pred += len(preds)
        me_gold += sum(1 for g in gold if entities.get(g["annot_set"]))
        me_pred += sum(1 for p in preds if p.get("counts"))
        for gi, pi in align(gold, preds):
            g, p = gold[gi], preds[pi]
            over += 1
            exact += g["start"] == p["start"] and g["end"] == p["end"]
            unit_ok += unit_right(g, p)
            c = p.get("counts")
            if c and any(overlaps(c, e) for e in entities.get(g["annot_set"], [])):
                me_hits += 1
    return {
        "gold_quantities": n_gold,
        "predicted": n_pred,
        "quantity_overlap": prf(over, n_pred, n_gold),
        "quantity_exact": prf(exact, n_pred, n_gold),
        "unit_accuracy": round(unit_ok / over, 4) if over else 0.0,
        "matched": over,
        "measured_entity_overlap": prf(me_hits, me_pred, me_gold),
    }


def load(folder: Path) -> tuple[list[dict[str, Any]], dict[str, list[Span]]]:
    with (folder / "documents.jsonl").open(encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    rows: dict[str, list[Span]] = defaultdict(list)
    with (folder / "annotations.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                r = json.loads(line)
                rows[r["doc_id"]].append(r)
    return docs, rows


def predict(docs: list[dict[str, Any]]) -> list[list[Span]]:
    """Storyline's per-document pipeline on each paragraph."""
    from storyline.model import RawDocument
    from storyline.pipeline import Pipeline
    from storyline.settings import Settings

    raws = [RawDocument.create(d["id"], d["text"], d["text"].encode(), "jsonl") for d in docs]
    return [
        [q.to_dict() for q in a.outputs.get("quantities", [])]
        for a in Pipeline(Settings()).analyze_many(raws)
    ]


def run(folder: Path) -> dict[str, Any]:
    """Score the ``quantities`` extractor on the MeasEval dev paragraphs."""
    docs, rows = load(folder)
    preds = predict(docs)
    result = score([(rows.get(d["id"], []), p) for d, p in zip(docs, preds, strict=True)])
    return {"task": "quantities", "paragraphs": len(docs), **result}
