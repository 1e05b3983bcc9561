"""Timeline summarisation on Timeline17 (DEV topics): AR-1 F1, AR-2 F1, Date-F1.

Protocol (``eval/timelines/README.md``; Martschat & Markert 2018, news-tls):
for each gold timeline, L = its number of dates and k = round(mean sentences
per date); the system's timeline is the dossier's ``timeline`` cut to the L
best day-precision dates by ``score`` and the first k sentences of each.
Default: one Storyline run per topic over the topic's articles published in
the union of its timelines' date ranges, each gold timeline then scored on
the run's dates inside its own range (the system sees no more than the
range, L and k); ``--per-timeline``: one run per gold timeline on exactly
the articles of its range, the standard protocol.

The runs use the library functions the CLI uses (``storyline.api.ingest``
then ``storyline.api.build``); analyses are cached in a SQLite workspace
(``--workspace``), so a second run only re-fuses.

Metrics: Date-F1 here (exact day match); AR-1/AR-2 (align+ m:1, alignment
ROUGE with ROUGE-1.5.5 stemming and stopword removal) by the ``tilse``
package, run in a separate venv (``--tilse-python``, default
``../.venv-eval/bin/python``; ``python3 -m venv .venv-eval && .venv-eval/bin/pip
install tilse``): it is not a project dependency. Without it the AR figures
are null with the reason. Averaging as in news-tls: precision and recall are
averaged over timelines, F1 is computed from the averages.

``--baseline`` scores the busiest-publication-days floor instead (first
sentence of the articles of the L busiest days). ``--tune`` runs the
leave-one-topic-out choice of the date weights (``DATE_WEIGHTS``) on Date-F1.
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import tempfile
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from storyline import api
from storyline.fuse.copies import find_copies
from storyline.fuse.timeline import (
    collect,
    date_scores,
    date_stats,
    publication_period,
    published_day,
)
from storyline.fuse.timeline_rules import DATE_WEIGHTS
from storyline.settings import Settings
from storyline.store import Workspace
from tools.evaluate.gold import REPO_ROOT

DEFAULT_TILSE = REPO_ROOT.parent / ".venv-eval" / "bin" / "python"
DEFAULT_WORKSPACE = Path(tempfile.gettempdir()) / "storyline-eval-timeline.db"
PUBLISHED = {"DATEWISE": (0.120, 0.035, 0.544), "CLUST": (0.082, 0.020, 0.407)}
README_BASELINE = (0.099, 0.026, 0.496)

TILSE_SCRIPT = r"""
import datetime, json, sys
from tilse.data import timelines
from tilse.evaluation import rouge
ev = rouge.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"])
def tl(pairs):
    return timelines.Timeline({datetime.date.fromisoformat(d): s for d, s in pairs})
out = []
for item in json.load(sys.stdin):
    gold = tl(item["gold"])
    gt = timelines.GroundTruth([gold])
    r = ev.evaluate_align_date_content_costs_many_to_one(tl(item["pred"]), gt)
    out.append(r)
json.dump(out, sys.stdout)
"""


# ------------------------------------------------------------------ metrics


def date_prf(pred: Sequence[str], gold: Sequence[str]) -> tuple[float, float]:
    """Precision and recall of the predicted date set against the gold set."""
    p, g = set(pred), set(gold)
    hit = len(p & g)
    return (hit / len(p) if p else 0.0), (hit / len(g) if g else 0.0)


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def averaged(prs: Sequence[tuple[float, float]]) -> dict[str, float]:
    """news-tls averaging: mean P, mean R, F1 of the means."""
    if not prs:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    p = sum(x for x, _ in prs) / len(prs)
    r = sum(y for _, y in prs) / len(prs)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1(p, r), 4)}


def cut(
    entries: Sequence[Mapping[str, Any]],
    n_dates: int,
    k: int,
    first: str = "",
    last: str = "9999",
) -> list[tuple[str, list[str]]]:
    """The protocol's cut of a dossier timeline: of the day-precision dates in
    the gold's range [first, last], the ``n_dates`` best by score, the first
    ``k`` sentences of each, in date order."""
    days = [
        e
        for e in entries
        if len(str(e.get("date", ""))) == 10
        and e.get("precision", "day") == "day"
        and first <= str(e["date"]) <= last
    ]
    best = sorted(days, key=lambda e: -float(e.get("score") or 0.0))[:n_dates]
    return sorted(
        (e["date"], [s["text"].strip() for s in e.get("sentences", [])[:k]]) for e in best
    )


def rouge_scores(items: list[dict[str, Any]], python: Path) -> list[dict[str, Any]] | str:
    """tilse's align+ m:1 ROUGE per item, or the reason it could not run."""
    if not python.exists():
        return f"tilse venv not found at {python}"
    run = subprocess.run(
        [str(python), "-c", TILSE_SCRIPT],
        input=json.dumps(items),
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        return f"tilse failed: {run.stderr.strip().splitlines()[-1:]}"
    return json.loads(run.stdout)


def score(runs: Sequence[dict[str, Any]], tilse: Path | None = DEFAULT_TILSE) -> dict[str, Any]:
    """Scores of ``runs`` (each ``{"name", "pred", "gold"}`` as date/sentence pairs)."""
    dates = [date_prf([d for d, _ in r["pred"]], [d for d, _ in r["gold"]]) for r in runs]
    out: dict[str, Any] = {"date_f1": averaged(dates)}
    rouge = rouge_scores(list(runs), tilse) if tilse is not None else "not run"
    per = [
        {"name": r["name"], "date_f1": round(f1(*d), 4)} for r, d in zip(runs, dates, strict=True)
    ]
    if isinstance(rouge, str):
        out["ar1"] = out["ar2"] = None
        out["rouge_note"] = rouge
    else:
        for key, name in (("ar1", "rouge_1"), ("ar2", "rouge_2")):
            prs = [(x[name]["precision"], x[name]["recall"]) for x in rouge]
            out[key] = averaged(prs)
            for row, x in zip(per, rouge, strict=True):
                row[key] = round(x[name]["f_score"], 4)
    out["per_timeline"] = per
    return out


# ------------------------------------------------------------------ data


def load(folder: Path) -> tuple[dict[str, list[dict]], list[dict[str, Any]]]:
    """Articles by topic (empty ones skipped) and the gold timelines."""
    by_topic: dict[str, list[dict]] = defaultdict(list)
    with open(folder / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            a = json.loads(line)
            if a["text"].strip():
                by_topic[a["topic"]].append(a)
    with open(folder / "timelines.jsonl", encoding="utf-8") as fh:
        gold = [json.loads(line) for line in fh]
    return by_topic, gold


def protocol(tl: Mapping[str, Any]) -> tuple[str, str, int, int]:
    """(first date, last date, L, k) of one gold timeline."""
    dates = [d for d, _ in tl["timeline"]]
    n_sent = sum(len(s) for _, s in tl["timeline"])
    return dates[0], dates[-1], len(dates), round(n_sent / len(dates))


def ingest_topic(articles: Sequence[dict], settings: Settings, lo: str, hi: str) -> dict[str, str]:
    """Ingest the topic's articles in [lo, hi]; ``{doc id: published day}``."""
    chosen = [a for a in articles if lo <= a["published"] <= hi]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        path.write_text("".join(json.dumps(a) + "\n" for a in chosen), encoding="utf-8")
        result = api.ingest([str(path)], settings)
    with Workspace(settings.workspace) as ws:
        return {a.doc_id: published_day(a) or "" for a in ws.analyses(result.doc_ids)}


def system_runs(
    folder: Path,
    settings: Settings,
    per_timeline: bool,
    baseline: bool,
    topics: Sequence[str] = (),
) -> list[dict[str, Any]]:
    by_topic, gold = load(folder)
    gold = [g for g in gold if not topics or g["topic"] in topics]
    runs: list[dict[str, Any]] = []
    for topic in sorted({g["topic"] for g in gold}):
        tls = [g for g in gold if g["topic"] == topic]
        ranges = [protocol(g) for g in tls]
        lo, hi = min(r[0] for r in ranges), max(r[1] for r in ranges)
        docs = ingest_topic(by_topic[topic], settings, lo, hi)
        groups = [(g, r) for g, r in zip(tls, ranges, strict=True)]
        cache: dict[tuple[str, str], list[dict]] = {}
        for g, (first, last, n_dates, k) in groups:
            key = (first, last) if per_timeline else (lo, hi)
            if key not in cache:
                ids = [d for d, p in docs.items() if key[0] <= p <= key[1]]
                cache[key] = (
                    busiest_days(ids, settings)
                    if baseline
                    else api.build(settings, ids)["timeline"]
                )
            pred = cut(cache[key], n_dates, k, first, last)
            runs.append({"name": g["name"], "pred": pred, "gold": g["timeline"]})
    return runs


def busiest_days(doc_ids: Sequence[str], settings: Settings) -> list[dict[str, Any]]:
    """The floor: one entry per publication day scored by its article count,
    each article's first usable sentence."""
    with Workspace(settings.workspace) as ws:
        analyses = list(ws.analyses(doc_ids))
    counts = Counter(published_day(a) for a in analyses)
    firsts: dict[str, list[dict[str, str]]] = defaultdict(list)
    for a in analyses:
        day = published_day(a)
        sent = next((s for s in a.sentences if len(a.text[s.start : s.end].split()) >= 6), None)
        if day and sent is not None:
            firsts[day].append({"text": a.text[sent.start : sent.end]})
    return [{"date": d, "score": counts[d], "sentences": s} for d, s in firsts.items()]


# ------------------------------------------------------------------ tuning

GRID = {
    "after": (0.0, 0.5),
    "same": (0.0, 0.5),
    "before": (0.0,),
    "pub": (0.5, 1.0),
    "docs": (0.0, 0.5, 1.0),
    "refdays": (0.0, 1.0, 2.0, 3.0),
    "lineages": (0.0, 0.5),
}


def tune(folder: Path, settings: Settings) -> dict[str, Any]:
    """Leave-one-topic-out choice of DATE_WEIGHTS on Date-F1 (one run per topic,
    each timeline scored on the dates in its range, as ``run`` does)."""
    by_topic, gold = load(folder)
    feats: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for topic in sorted({g["topic"] for g in gold}):
        tls = [g for g in gold if g["topic"] == topic]
        ranges = [protocol(g) for g in tls]
        docs = ingest_topic(
            by_topic[topic], settings, min(r[0] for r in ranges), max(r[1] for r in ranges)
        )
        with Workspace(settings.workspace) as ws:
            analyses = list(ws.analyses(list(docs)))
        lineages = find_copies(analyses)
        by_date = collect(analyses)
        stats = date_stats(
            analyses, by_date, {d: lin.id for lin in lineages for d in lin.documents}
        )
        period = publication_period(analyses)
        day_stats = {d: s for d, s in stats.items() if len(d) == 10}
        for g, (first, last, n_dates, _) in zip(tls, ranges, strict=True):
            in_range = {d: s for d, s in day_stats.items() if first <= d <= last}
            feats[topic].append((in_range, period, [d for d, _ in g["timeline"]], n_dates))
    combos = [dict(zip(GRID, vals, strict=True)) for vals in itertools.product(*GRID.values())]

    def date_prs(topics: Sequence[str], w: Mapping[str, float]) -> list[tuple[float, float]]:
        prs = []
        for t in topics:
            for stats, period, gold_dates, n in feats[t]:
                scores = date_scores(stats, period, w)
                best = sorted(scores, key=lambda d: (-scores[d], d))[:n]
                prs.append(date_prf(best, gold_dates))
        return prs

    def date_f1(topics: Sequence[str], w: Mapping[str, float]) -> float:
        return averaged(date_prs(topics, w))["f1"]

    topics = sorted(feats)
    folds, pooled = [], []
    for held in topics:
        train = [t for t in topics if t != held]
        w = max(combos, key=lambda c: date_f1(train, c))
        pooled += date_prs([held], w)
        folds.append({"held_out": held, "weights": w, "date_f1": date_f1([held], w)})
    best_all = max(combos, key=lambda c: date_f1(topics, c))
    return {
        "folds": folds,
        "cv_date_f1": averaged(pooled)["f1"],
        "weights_all_dev": best_all,
        "date_f1_all_dev": date_f1(topics, best_all),
        "shipped_weights": dict(DATE_WEIGHTS),
        "date_f1_shipped": date_f1(topics, DATE_WEIGHTS),
    }


def run(
    folder: Path,
    *,
    workspace: Path = DEFAULT_WORKSPACE,
    per_timeline: bool = False,
    baseline: bool = False,
    tilse: Path | None = DEFAULT_TILSE,
    processes: int = 2,
    topics: Sequence[str] = (),
) -> dict[str, Any]:
    settings = Settings(workspace=workspace, processes=processes)
    runs = system_runs(folder, settings, per_timeline, baseline, topics)
    result = score(runs, tilse)
    return {
        "task": "timeline",
        "data": "Timeline17 DEV (eval/timelines), 4 topics, 11 gold timelines",
        "system": "busiest publication days (floor)" if baseline else "storyline dossier timeline",
        "runs": "per timeline" if per_timeline else "per topic (union of its timelines' ranges)",
        **result,
        "published_all_t17": {
            k: dict(zip(("ar1", "ar2", "date_f1"), v, strict=True)) for k, v in PUBLISHED.items()
        },
        "readme_dev_baseline": dict(zip(("ar1", "ar2", "date_f1"), README_BASELINE, strict=True)),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold-dir", type=Path, default=REPO_ROOT.parent / "shared" / "eval")
    ap.add_argument("--workspace", type=Path, default=DEFAULT_WORKSPACE)
    ap.add_argument("--per-timeline", action="store_true")
    ap.add_argument("--baseline", action="store_true")
    ap.add_argument("--tune", action="store_true")
    ap.add_argument("--tilse-python", type=Path, default=DEFAULT_TILSE)
    ap.add_argument("--no-rouge", action="store_true")
    ap.add_argument("-j", "--processes", type=int, default=2)
    ap.add_argument("--topics", nargs="*", default=(), help="only these DEV topics (a quick look)")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    folder = args.gold_dir / "timelines"
    if args.tune:
        result = tune(folder, Settings(workspace=args.workspace, processes=args.processes))
    else:
        result = run(
            folder,
            workspace=args.workspace,
            per_timeline=args.per_timeline,
            baseline=args.baseline,
            tilse=None if args.no_rouge else args.tilse_python,
            processes=args.processes,
            topics=args.topics,
        )
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")


if __name__ == "__main__":
    main()
