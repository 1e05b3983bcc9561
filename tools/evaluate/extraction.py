"""Article-body extraction from HTML, scored as in the Zyte benchmark.

Metric (scrapinghub/article-extraction-benchmark): tokens are ``\\w+`` runs;
each text is a multiset of word 4-gram shingles (a text of fewer than 4
tokens is one shingle); per page tp/fp/fn are multiset overlaps; precision
and recall are the means over pages of tp/(tp+fp) and tp/(tp+fn); F1 is
their harmonic mean.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def score(pairs: Iterable[tuple[str, str]]) -> dict[str, float]:
    """Score (expected, predicted) text pairs; returns precision, recall, f1, n."""
    precisions: list[float] = []
    recalls: list[float] = []
    n = 0
    for expected, predicted in pairs:
        n += 1
        gold, pred = shingles(expected), shingles(predicted)
        tp = sum((gold & pred).values())
        fp = sum(pred.values()) - tp
        fn = sum(gold.values()) - tp
        if tp + fp > 0:
            precisions.append(tp / (tp + fp))
        if tp + fn > 0:
            recalls.append(tp / (tp + fn))
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4), "n": n}


def run(folder: Path) -> dict[str, Any]:
    """Extract every page of the gold set with Storyline's HTML reader and score it."""
    from storyline.read.html import read_html

    pairs: list[tuple[str, str]] = []
    failures = 0
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        data = (folder / item["html_path"]).read_bytes()
        docs = [
            d for d in read_html(item["html_path"], data, url=item.get("url")) if hasattr(d, "text")
        ]
        if not docs:
            failures += 1
        pairs.append((item["expected_text"], docs[0].text if docs else ""))
    return {"task": "extraction", **score(pairs), "no_text": failures}
