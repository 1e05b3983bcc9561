"""The brief's extractive summary on Timeline17 DEV (``../shared/eval/timelines``): ROUGE.

Protocol (ours; no published figure uses it). For every gold timeline and
every date ``d`` of it, the "story" is the topic's articles published on
``d`` or the day after (news reports a day's events that day or the next);
dates with no such article are skipped and counted. The system summarises
those articles with the production core (``storyline.fuse.brief_summary``)
into ``k`` sentences, ``k = round(mean sentences per date of that gold)``
(the Timeline17 protocol's k); the reference is the gold's sentences of
``d``. Scores: ROUGE-1, ROUGE-2 and ROUGE-L F1 (summary-level LCS) over
lower-cased word tokens, no stemming, no stopword removal (our own
implementation, not ROUGE-1.5.5: figures are comparable only within this
table), averaged over the dates of a timeline, then over timelines.

The baseline ``lead-k`` is the first ``k`` sentences of the earliest
article of the window (the same usable-sentence filter as the system, so it
skips datelines and site furniture). ``oracle`` picks, greedily, the
candidate sentences that most raise ROUGE-1 F against the reference: the
ceiling of any extractive choice among the same candidates.

What the light path leaves out: articles are split into sentences by line
(T17 is one sentence a line; the pipeline splits with spaCy), names are
capitalised words inside a sentence (the pipeline uses fused entities), and
no copy detection runs, so every article counts as an original.

``SUMMARY_WEIGHTS`` are chosen by leave-one-topic-out cross-validation over
the four DEV topics on ROUGE-1 F (choose on three, score the fourth); the
held-out figure is reported beside the figure of the committed weights.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from storyline.fuse.brief_rules import SUMMARY_WEIGHTS
from storyline.fuse.brief_summary import SummaryDoc, SummarySentence, candidates, choose, prepare

TOKEN = re.compile(r"[a-z0-9]+")
PTB = frozenset({"lrb", "rrb", "lsb", "rsb", "lcb", "rcb"})
NAME = re.compile(r"(?<=\s)[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
WINDOW_DAYS = 1
GRID = {
    "central": (1.0,),
    "lead": (0.0, 0.15, 0.3, 0.6, 1.0),
    "recent": (0.0, 0.2),
    "names": (0.0, 0.3),
}


# ------------------------------------------------------------------ ROUGE


def tokens(text: str) -> list[str]:
    return [t for t in TOKEN.findall(text.lower()) if t not in PTB]


def _ngrams(toks: Sequence[str], n: int) -> dict[tuple[str, ...], int]:
    out: dict[tuple[str, ...], int] = defaultdict(int)
    for i in range(len(toks) - n + 1):
        out[tuple(toks[i : i + n])] += 1
    return out


def _f(hit: int, n_pred: int, n_ref: int) -> float:
    p = hit / n_pred if n_pred else 0.0
    r = hit / n_ref if n_ref else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def rouge_n(pred: Sequence[str], ref: Sequence[str], n: int) -> float:
    """ROUGE-N F1 (clipped n-gram counts)."""
    a, b = _ngrams(pred, n), _ngrams(ref, n)
    hit = sum(min(c, b.get(g, 0)) for g, c in a.items())
    return _f(hit, sum(a.values()), sum(b.values()))


def lcs(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence (O(len(a) * len(b)))."""
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def rouge_l(pred: Sequence[str], ref: Sequence[str]) -> float:
    return _f(lcs(pred, ref), len(pred), len(ref))


def rouge(pred: Sequence[str], ref: Sequence[str]) -> dict[str, float]:
    """ROUGE-1/2/L F1 of the joined ``pred`` sentences against the joined ``ref``."""
    p, r = tokens(" ".join(pred)), tokens(" ".join(ref))
    return {"r1": rouge_n(p, r, 1), "r2": rouge_n(p, r, 2), "rl": rouge_l(p, r)}


# ------------------------------------------------------------------ data


def summary_doc(article: Mapping[str, Any]) -> SummaryDoc:
    """An article as the summary core sees it: one sentence a line, names
    = runs of capitalised words after the sentence's first word."""
    text = article["text"]
    sents, pos = [], 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            s = start + lead
            names = frozenset(m.group().lower() for m in NAME.finditer(stripped))
            sents.append(SummarySentence(s, s + len(stripped), stripped, names))
    return SummaryDoc(article["id"], tuple(sents))


def samples(folder: Path) -> list[dict[str, Any]]:
    """One sample per (gold timeline, date) with articles in its window."""
    by_day: dict[tuple[str, str], list[dict]] = defaultdict(list)
    with open(folder / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            a = json.loads(line)
            if a["text"].strip():
                by_day[(a["topic"], a["published"])].append(a)
    out = []
    with open(folder / "timelines.jsonl", encoding="utf-8") as fh:
        gold = [json.loads(line) for line in fh]
    for tl in gold:
        n_sent = sum(len(s) for _, s in tl["timeline"])
        k = max(1, round(n_sent / len(tl["timeline"])))
        for day, ref in tl["timeline"]:
            d0 = date.fromisoformat(day)
            window = [(d0 + timedelta(i)).isoformat() for i in range(WINDOW_DAYS + 1)]
            arts = sorted(
                (a for w in window for a in by_day.get((tl["topic"], w), [])),
                key=lambda a: (a["published"], a["id"]),
            )
            out.append(
                {
                    "topic": tl["topic"],
                    "timeline": tl["name"],
                    "date": day,
                    "k": k,
                    "ref": ref,
                    "docs": [summary_doc(a) for a in arts],
                }
            )
    return out


# ------------------------------------------------------------------ systems


def system(sample: dict[str, Any], weights: Mapping[str, float]) -> list[str]:
    """The production choice (its weight-free features prepared once per sample)."""
    if "prepared" not in sample:
        sample["prepared"] = prepare(sample["docs"])
    return [p.sentence.text for p in choose(sample["prepared"], sample["k"], weights)]


def _pool(sample: dict[str, Any]) -> list[Any]:
    if "prepared" not in sample:
        sample["prepared"] = prepare(sample["docs"])
    return sample["prepared"].picks


def lead_k(sample: Mapping[str, Any]) -> list[str]:
    """The first k usable sentences of the earliest article."""
    for doc in sample["docs"]:
        picks = [p for p in candidates([doc])][: sample["k"]]
        if picks:
            return [p.sentence.text for p in picks]
    return []


def oracle(sample: Mapping[str, Any]) -> list[str]:
    """Greedy ROUGE-1 oracle over the system's candidate sentences."""
    ref = _ngrams(tokens(" ".join(sample["ref"])), 1)
    n_ref = sum(ref.values())
    pool = [(p.sentence.text, _ngrams(tokens(p.sentence.text), 1)) for p in _pool(sample)]
    chosen: list[str] = []
    have: dict[tuple[str, ...], int] = defaultdict(int)
    best = 0.0
    for _ in range(sample["k"]):
        top, top_score = None, best
        for text, grams in pool:
            if text in chosen:
                continue
            merged = dict(have)
            for g, c in grams.items():
                merged[g] = merged.get(g, 0) + c
            hit = sum(min(c, ref.get(g, 0)) for g, c in merged.items())
            score = _f(hit, sum(merged.values()), n_ref)
            if score > top_score:
                top, top_score = (text, merged), score
        if top is None:
            break
        chosen.append(top[0])
        have = defaultdict(int, top[1])
        best = top_score
    return chosen


def evaluate(rows: Sequence[dict[str, Any]], pick: Any) -> dict[str, float]:
    """Mean ROUGE per timeline, then over timelines."""
    per: dict[str, list[dict[str, float]]] = defaultdict(list)
    for s in rows:
        per[s["timeline"]].append(rouge(pick(s), s["ref"]))
    means = [
        {m: sum(x[m] for x in xs) / len(xs) for m in ("r1", "r2", "rl")} for xs in per.values()
    ]
    return {
        m: round(sum(x[m] for x in means) / len(means), 4) if means else 0.0
        for m in ("r1", "r2", "rl")
    }


def cross_validate(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Leave-one-topic-out choice of SUMMARY_WEIGHTS on ROUGE-1 F."""
    combos = [dict(zip(GRID, v, strict=True)) for v in itertools.product(*GRID.values())]
    topics = sorted({s["topic"] for s in rows})
    by_topic = {t: [s for s in rows if s["topic"] == t] for t in topics}
    table = {
        (t, i): evaluate(by_topic[t], lambda s, w=w: system(s, w))
        for t in topics
        for i, w in enumerate(combos)
    }

    def mean_r1(ts: Sequence[str], i: int) -> float:
        return sum(table[(t, i)]["r1"] for t in ts) / len(ts)

    folds, held = [], []
    for t in topics:
        train = [u for u in topics if u != t]
        i = max(range(len(combos)), key=lambda j: mean_r1(train, j))
        lead = evaluate(by_topic[t], lead_k)["r1"]
        folds.append(
            {"held_out": t, "weights": combos[i], "r1": table[(t, i)]["r1"], "lead_k_r1": lead}
        )
        held += [s | {"_w": combos[i]} for s in by_topic[t]]
    best_all = max(range(len(combos)), key=lambda j: mean_r1(topics, j))
    return {
        "folds": folds,
        "held_out": evaluate(held, lambda s: system(s, s["_w"])),
        "weights_all_dev": combos[best_all],
    }


def run(folder: Path, tune: bool = True) -> dict[str, Any]:
    rows = samples(folder)
    used = [s for s in rows if s["docs"]]
    result: dict[str, Any] = {
        "task": "brief",
        "data": "Timeline17 DEV (eval/timelines): 4 topics, 11 gold timelines",
        "protocol": (
            "per gold date: articles published that day or the next -> k sentences "
            "(k = round(mean gold sentences per date)); reference = the gold's sentences "
            "of the date; ROUGE F1, own implementation, no stemming"
        ),
        "samples": len(used),
        "dates_without_articles": len(rows) - len(used),
        "system": {
            "weights": dict(SUMMARY_WEIGHTS),
            **evaluate(used, lambda s: system(s, SUMMARY_WEIGHTS)),
        },
        "lead_k": evaluate(used, lead_k),
        "oracle_r1": evaluate(used, oracle),
    }
    if tune:
        result["cross_validation"] = cross_validate(used)
    return result


def main() -> None:
    import argparse

    from tools.evaluate.gold import REPO_ROOT

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold-dir", type=Path, default=REPO_ROOT.parent / "shared" / "eval")
    ap.add_argument("--no-tune", action="store_true")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    result = run(args.gold_dir / "timelines", tune=not args.no_tune)
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")


if __name__ == "__main__":
    main()
