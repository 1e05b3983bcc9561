"""Fit the story join score (``storyline.fuse.stories_rules``) on ECB+ train topics.

Why this way: ECB+ topics each hold two real events of one kind, so the join
score must learn what separates "same story" from "similar story". Only the
standard ECB+ *train* topics are used (Cybulska & Vossen 2015; the dev topics
2, 5, 12, 18, 21, 23, 34, 35 are never seen here): a logistic regression over
``join_features`` of each document against every candidate story built from
the gold stories so far (documents in the scorer's sha256 order), then the
join threshold by 5-fold cross-validation over train topics (fit on four
folds, cluster the fifth, pooled out-of-fold BCubed F1). scikit-learn is a
training-time tool only; the runtime reads the weights pasted into
``stories_rules`` (``--write`` does it between the BEGIN/END markers).

    python -m tools.train.stories [--write]
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from storyline.fuse.stories import StoryClusterer, StoryDoc, cluster_stories
from storyline.fuse.stories_features import JoinModel, feature_vector
from storyline.fuse.stories_rules import FEATURES, SETTINGS

EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "clustering"
#: Standard ECB+ dev topics (the rest of 1-35 is train; 36-45 is test).
DEV_TOPICS = frozenset({2, 5, 12, 18, 21, 23, 34, 35})
FOLDS = 5
THRESHOLDS = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]
#: Join threshold for a story of one document (0: the plain threshold).
SINGLE_THRESHOLDS = [0.0, 0.5, 0.6, 0.7, 0.8]
#: Repair step after the pass (None: no repair).
REPAIR_MARGINS = [None, 0.1, 0.2]
#: Split check inside stories (None: no split).
SPLIT_FLOORS = [None, 0.1, 0.2, 0.3]
#: One grid point: (threshold, single_threshold, repair_margin, split_floor).
Setting = tuple[float, float, float | None, float | None]
GRID: list[Setting] = [
    (t, s, r, f)
    for t in THRESHOLDS
    if 0.1 <= t <= 0.2
    for s in SINGLE_THRESHOLDS
    if s == 0.0 or s > t
    for r in REPAIR_MARGINS
    for f in SPLIT_FLOORS
]


def settings_of(point: Setting) -> dict[str, Any]:
    """Clusterer settings for a grid point."""
    t, single, margin, floor = point
    out: dict[str, Any] = {**SETTINGS, "threshold": t, "single_threshold": single}
    for key, value in (("repair_margin", margin), ("split_floor", floor)):
        out.pop(key, None)
        if value is not None:
            out[key] = value
    return out


RULES = Path(__file__).resolve().parents[2] / "src/storyline/fuse/stories_rules.py"


def rows(docs: Sequence[StoryDoc], labels: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Features of each document against each candidate gold story so far."""
    c = StoryClusterer()
    story_of: dict[str, int] = {}
    label_of: list[str] = []
    X: list[list[float]] = []
    y: list[int] = []
    for doc, label in zip(docs, labels, strict=True):
        cands, ev, vectors = c.candidates(doc)
        for s, feats in cands.items():
            X.append(feature_vector(feats))
            y.append(int(label_of[s] == label))
        s = story_of.get(label)
        if s is None:
            s = story_of[label] = len(label_of)
            label_of.append(label)
        c.absorb(s, doc, ev, vectors, 1.0)
    return np.array(X), np.array(y)


def fit(docs: Sequence[StoryDoc], labels: Sequence[str]) -> JoinModel:
    """Logistic regression (L2, C=1) over the join features."""
    from sklearn.linear_model import LogisticRegression

    X, y = rows(docs, labels)
    m = LogisticRegression(C=1.0, max_iter=5000).fit(X, y)
    return float(m.intercept_[0]), dict(zip(FEATURES, map(float, m.coef_[0]), strict=True))


def folds(topics: Sequence[int]) -> dict[int, int]:
    """Fold of each topic (topics in numeric order, dealt round-robin)."""
    return {t: k % FOLDS for k, t in enumerate(sorted(set(topics)))}


def cross_validate(
    docs: Sequence[StoryDoc],
    labels: Sequence[str],
    topics: Sequence[int],
    grid: Sequence[Setting] = GRID,
) -> dict[Setting, list[list[int]]]:
    """Out-of-fold clusterings (indices into ``docs``) per grid point."""
    fold_of = folds(topics)
    out: dict[Setting, list[list[int]]] = {t: [] for t in grid}
    for f in range(FOLDS):
        tr = [i for i, t in enumerate(topics) if fold_of[t] != f]
        te = [i for i, t in enumerate(topics) if fold_of[t] == f]
        model = fit([docs[i] for i in tr], [labels[i] for i in tr])
        for point in grid:
            groups, _ = cluster_stories([docs[i] for i in te], settings_of(point), True, model)
            out[point].extend([[te[i] for i in g] for g in groups])
    return out


def train(
    docs: Sequence[StoryDoc],
    labels: Sequence[str],
    topics: Sequence[int],
    grid: Sequence[Setting] = GRID,
) -> dict:
    """Weights on all given docs and the setting (threshold, single-story
    threshold, repair margin) chosen by CV over their topics."""
    from tools.evaluate.clustering import bcubed

    gold = dict(enumerate(labels))
    oof = cross_validate(docs, labels, topics, grid)
    cv = {t: bcubed(g, gold) for t, g in oof.items()}
    best = max(cv, key=lambda t: cv[t]["f1"])
    return {"model": fit(docs, labels), "setting": best, "cv": cv}


def rules_block(model: JoinModel, point: Setting) -> str:
    """The fitted block of ``stories_rules`` (between the markers)."""
    intercept, weights = model
    threshold, single, margin, floor = point
    lines = [f"JOIN_INTERCEPT = {intercept:.4f}", "JOIN_WEIGHTS = MappingProxyType(", "    {"]
    lines += [f'        "{k}": {weights[k]:.4f},' for k in FEATURES]
    lines += ["    }", ")", f"JOIN_THRESHOLD = {threshold}"]
    lines += [f"SINGLE_THRESHOLD = {single}", f"REPAIR_MARGIN = {margin}"]
    lines += [f"SPLIT_FLOOR = {floor}"]
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    from tools.evaluate.clustering import load, story_docs

    everything = load(EVAL)
    raw = [d for d in everything if d["topic"] not in DEV_TOPICS]
    by_id = {d.doc_id: d for d in story_docs(everything)}  # the NER cache covers the folder
    docs = [by_id[d["doc_id"]] for d in raw]
    res = train(docs, [d["story_id"] for d in raw], [d["topic"] for d in raw])
    for t, s in res["cv"].items():
        print(f"setting {t}: train CV BCubed F1 {s['f1']:.3f} (P {s['precision']:.3f})")
    block = rules_block(res["model"], res["setting"])
    print(block)
    if "--write" in argv:
        text = RULES.read_text()
        pattern = r"(# BEGIN fitted by tools/train/stories.py\n).*?(\n# END fitted)"
        RULES.write_text(re.sub(pattern, lambda m: m[1] + block + m[2], text, flags=re.S))
        print(f"written to {RULES}")


def _entry(argv: list[str] | None = None) -> Any:
    return main(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    _entry()
