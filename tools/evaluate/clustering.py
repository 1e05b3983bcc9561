"""Story clustering on ECB+ dev topics (``../shared/eval/clustering``), BCubed F1.

Gold story = ECB+ subtopic: each topic holds two different real-world events
of the same kind, so a system must tell "same story" from "similar story".
Documents are visited in sha256(doc_id) order (ECB+ texts carry no dates, so
publication order is unknown and the date-gap rule of
``storyline.fuse.stories`` cannot act here).

Features come from a light path: spaCy NER (``storyline.nlp.load_nlp``, the
project's NER) over each text, cached in a workspace file under /tmp; the
grouping itself is the production function ``cluster_stories``.

Threshold and entity weight are chosen by 5-fold cross-validation over
topics (choose on 4 folds, score the 5th; out-of-fold BCubed pooled over all
documents), and the figure at the setting committed in ``stories_rules`` is
reported beside it. ``baseline`` is a plain TF-IDF single-pass centroid
clustering (no background prior, no entities), its threshold chosen the same
way, measured in the same run.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from pathlib import Path
from typing import Any

from storyline.fuse.stories import StoryDoc, cluster_stories
from storyline.fuse.stories_rules import SETTINGS

CACHE = Path("/tmp/storyline-eval-clustering-ner.json")
FOLDS = 5
THRESHOLDS = [round(0.1 + 0.025 * i, 3) for i in range(13)]
ENTITY_WEIGHTS = [0.0, 0.3, 0.5, 0.7]


def bcubed(pred: Sequence[Sequence[Hashable]], gold: Mapping[Hashable, Hashable]) -> dict:
    """BCubed precision/recall/F1 over the items of ``gold`` (Bagga & Baldwin 1998)."""
    cluster_of = {d: i for i, c in enumerate(pred) for d in c if d in gold}
    members: dict[int, list[Hashable]] = {}
    for d, c in cluster_of.items():
        members.setdefault(c, []).append(d)
    gold_size = Counter(gold.values())
    p = r = 0.0
    for d, c in cluster_of.items():
        same = sum(1 for o in members[c] if gold[o] == gold[d])
        p += same / len(members[c])
        r += same / gold_size[gold[d]]
    n = len(cluster_of) or 1
    p, r = p / n, r / n
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def load(folder: Path) -> list[dict[str, Any]]:
    docs = [json.loads(line) for line in (folder / "documents.jsonl").open()]
    return sorted(docs, key=lambda d: hashlib.sha256(d["doc_id"].encode()).hexdigest())


def ner_features(docs: Sequence[dict[str, Any]]) -> dict[str, list[list[str]]]:
    """(text, label) of each NER mention per document, cached by the texts' hash."""
    key = hashlib.sha256("".join(d["doc_id"] + d["text"] for d in docs).encode()).hexdigest()
    if CACHE.exists():
        cached = json.loads(CACHE.read_text())
        if cached.get("key") == key:
            return cached["entities"]
    from storyline.nlp import corrected_entities, load_nlp, parse
    from storyline.settings import Settings

    nlp = load_nlp(Settings().model)
    out = {
        d["doc_id"]: [[e.text, e.label_] for e in corrected_entities(doc)]
        for d, doc in zip(docs, parse(nlp, (d["text"] for d in docs)), strict=True)
    }
    CACHE.write_text(json.dumps({"key": key, "entities": out}))
    return out


def baseline(docs: Sequence[StoryDoc], threshold: float) -> list[list[int]]:
    """Plain TF-IDF single pass: idf from documents so far, centroid cosine."""
    df: Counter[str] = Counter()
    cents: list[Counter[str]] = []
    norms: list[float] = []
    groups: list[list[int]] = []
    for i, d in enumerate(docs):
        tf = Counter(w.lower() for w in re.findall(r"[A-Za-z]{3,}", d.text))
        df.update(tf.keys())
        n = i + 1  # documents seen, this one included; smoothed idf as scikit-learn has it
        vec = {t: (1 + math.log(c)) * (math.log((n + 1) / (df[t] + 1)) + 1) for t, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vec = {t: v / norm for t, v in vec.items()}
        best, best_sim = -1, threshold
        for s, c in enumerate(cents):
            sim = sum(v * c.get(t, 0.0) for t, v in vec.items()) / norms[s]
            if sim >= best_sim:
                best, best_sim = s, sim
        if best < 0:
            best = len(cents)
            cents.append(Counter())
            groups.append([])
            norms.append(1.0)
        cents[best].update(vec)
        norms[best] = math.sqrt(sum(v * v for v in cents[best].values())) or 1.0
        groups[best].append(i)
    return groups


def cross_validate(runs: dict[Any, list[list[int]]], ids: list[str], gold: dict, topics: dict):
    """Out-of-fold BCubed: per fold of topics, the setting best on the other folds."""
    fold_of = {t: k % FOLDS for k, t in enumerate(sorted(set(topics.values())))}
    labels = [{d: gold[d] for d in ids if fold_of[topics[d]] == f} for f in range(FOLDS)]
    named = {s: [[ids[i] for i in g] for g in groups] for s, groups in runs.items()}
    pooled: list[list[str]] = []
    chosen = []
    for f in range(FOLDS):
        train = {d: g for k, lab in enumerate(labels) if k != f for d, g in lab.items()}
        best = max(named, key=lambda s: bcubed(named[s], train)["f1"])
        chosen.append(best)
        pooled.extend(c for c in ([d for d in cl if d in labels[f]] for cl in named[best]) if c)
    return bcubed(pooled, gold), chosen


def run(folder: Path) -> dict[str, Any]:
    raw = load(folder)
    ents = ner_features(raw)
    docs = [StoryDoc(d["doc_id"], d["text"], tuple(map(tuple, ents[d["doc_id"]]))) for d in raw]
    ids = [d["doc_id"] for d in raw]
    gold = {d["doc_id"]: d["story_id"] for d in raw}
    topics = {d["doc_id"]: d["topic"] for d in raw}
    ours = {
        (t, w): cluster_stories(docs, {**SETTINGS, "threshold": t, "entity_weight": w}, True)[0]
        for t in THRESHOLDS
        for w in ENTITY_WEIGHTS
    }
    base = {(t, 0.0): baseline(docs, t) for t in THRESHOLDS}
    out: dict[str, Any] = {"documents": len(ids), "gold_stories": len(set(gold.values()))}
    for name, runs, setting in (
        ("storyline", ours, (SETTINGS["threshold"], SETTINGS["entity_weight"])),
        ("baseline_tfidf", base, None),
    ):
        oof, chosen = cross_validate(runs, ids, gold, topics)
        named = {s: [[ids[i] for i in g] for g in groups] for s, groups in runs.items()}
        best = max(named, key=lambda s: bcubed(named[s], gold)["f1"])
        at = setting if setting in named else best
        out[name] = {
            "out_of_fold_bcubed": oof,
            "fold_choices": [list(c) for c in chosen],
            "dev_at_setting": {
                "setting": list(at),
                **bcubed(named[at], gold),
                "clusters": len(named[at]),
            },
            "dev_best_setting": {"setting": list(best), **bcubed(named[best], gold)},
        }
    return out
