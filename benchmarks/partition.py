"""How well partition planning keeps together what fusion links, and what it costs.

A corpus too large for one fusion is fused part by part
(``storyline.fuse.partition.plan_partitions``); a link fusion would make
between two documents of different parts is lost. Measured here:

1. **Stories** (needs ``../shared/eval``): the ECB+ documents of
   ``eval/clustering`` (gold: one story per seminal event, 772 documents, no
   dates) and 60 dated articles of each of the four Timeline17 topics of
   ``eval/timelines`` (gold: one developing story per topic) are analysed
   once into a workspace (``--gold-ws``); their digests are planned together
   at caps small enough to force cuts. Figure: the share of gold same-story
   pairs that end in one partition, beside the share a plan that ignores
   content keeps (documents in date order, ties in a seeded random order,
   cut every ``cap``).
2. **Copies**: ``benchmarks/copies.build_corpus`` (the copy benchmark's
   planted exact, excerpt, extended, reordered, near-duplicate and spun
   copies), planned at the same caps: the share of planted copy pairs, and
   of the pairs ``find_copies`` links (what fusion would link), in one
   partition.
3. **Cost**: ``digests`` + ``plan_partitions`` on a synthetic workspace
   (``benchmarks/synthetic_workspace.py``), in a fresh process each: first
   run (every digest made and stored), second run (digests read back), and
   the plan alone over 10x the digests (ids, names and signatures varied per
   round), with time and peak RSS.

    python benchmarks/partition.py --gold-ws /tmp/plan/gold.db \\
        --synthetic /tmp/plan-w10k.db [--caps 50 200] [--copies 2000]

Prints one table per part and writes ``benchmarks/results/partition.json``
(parts skipped with ``--skip`` keep the figures the file already holds).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for _p in (ROOT / "src", ROOT):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

EVAL = ROOT.parent / "shared" / "eval"
RESULTS = ROOT / "benchmarks" / "results" / "partition.json"
T17_PER_TOPIC = 60
THRESHOLDS = (0.1, 0.15, 0.2, 0.3)


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# -------------------------------------------------------------------- gold


def gold_inputs(folder: Path) -> tuple[Path, dict[str, tuple[str, str]]]:
    """A JSONL of the gold documents (under a temporary folder, never the
    project) and each external id's gold (corpus, story)."""
    gold: dict[str, tuple[str, str]] = {}
    out = folder / "gold-docs.jsonl"
    with out.open("w") as fh:
        for line in (EVAL / "clustering" / "documents.jsonl").open():
            d = json.loads(line)
            gold[d["doc_id"]] = ("ecb+", d["story_id"])
            fh.write(json.dumps({"id": d["doc_id"], "text": d["text"]}) + "\n")
        by_topic: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for line in (EVAL / "timelines" / "articles.jsonl").open():
            a = json.loads(line)
            if a["text"].strip():
                by_topic[a["source_folder"].split("_")[0]].append(a)
        for topic in sorted(by_topic):
            arts = sorted(by_topic[topic], key=lambda a: hashlib.sha256(a["id"].encode()).digest())
            for a in arts[:T17_PER_TOPIC]:
                gold[a["id"]] = ("timeline17", topic)
                row = {"id": a["id"], "text": a["text"], "published": a["published"]}
                fh.write(json.dumps(row) + "\n")
    return out, gold


def gold_workspace(path: Path) -> dict[str, tuple[str, str]]:
    """Analyse the gold documents into ``path`` (once) and map doc ids to gold."""
    from storyline import api
    from storyline.settings import Settings
    from storyline.store import Workspace

    with tempfile.TemporaryDirectory() as tmp:
        docs, by_external = gold_inputs(Path(tmp))
        t0 = time.perf_counter()
        api.ingest([str(docs)], Settings(workspace=path))
        _log(f"gold workspace ready in {time.perf_counter() - t0:.0f} s")
    with Workspace(path) as ws:
        rows = ws.db.execute("SELECT id, external_id FROM documents").fetchall()
    return {doc_id: by_external[ext] for doc_id, ext in rows if ext in by_external}


def kept_share(parts: Sequence[Sequence[str]], labels: dict[str, Any]) -> tuple[float, int]:
    """Share of same-label pairs whose documents share a part, and the pair count."""
    where = {d: i for i, p in enumerate(parts) for d in p}
    members: dict[Any, list[str]] = defaultdict(list)
    for d, lab in labels.items():
        if d in where:
            members[lab].append(d)
    total = kept = 0
    for docs in members.values():
        for a, b in combinations(docs, 2):
            total += 1
            kept += where[a] == where[b]
    return (kept / total if total else 1.0), total


def ceiling(labels: dict[str, Any], cap: int) -> float:
    """The best share any plan with this cap can keep: each gold group alone,
    cut into parts of ``cap`` (a group larger than the cap loses pairs)."""
    sizes: dict[Any, int] = defaultdict(int)
    for lab in labels.values():
        sizes[lab] += 1
    total = kept = 0
    for g in sizes.values():
        total += g * (g - 1) // 2
        full, rest = divmod(g, cap)
        kept += full * cap * (cap - 1) // 2 + rest * (rest - 1) // 2
    return kept / total if total else 1.0


def blind_plan(digests: Sequence[Any], cap: int, seed: int = 7) -> list[list[str]]:
    """Parts that ignore content: date order (undated last), ties shuffled, cut every ``cap``."""
    rng = random.Random(seed)
    tie = {d.doc_id: rng.random() for d in digests}
    order = sorted(digests, key=lambda d: (d.date is None, d.date or "", tie[d.doc_id]))
    ids = [d.doc_id for d in order]
    return [ids[s : s + cap] for s in range(0, len(ids), cap)]


def stories(gold_ws: Path, caps: Sequence[int]) -> dict[str, Any]:
    import storyline.fuse.partition as partition
    from storyline.store import Workspace
    from storyline.store.digests import digests

    gold = gold_workspace(gold_ws)
    with Workspace(gold_ws) as ws:
        ds = [d for d in digests(ws) if d.doc_id in gold]
    sets = {
        "ecb+ stories": {d: s for d, (c, s) in gold.items() if c == "ecb+"},
        "ecb+ topics": {d: s.split("_")[0] for d, (c, s) in gold.items() if c == "ecb+"},
        "timeline17 topics": {d: s for d, (c, s) in gold.items() if c == "timeline17"},
    }
    out: dict[str, Any] = {"documents": len(ds), "runs": []}
    default = partition.STORY_LINK
    for threshold in THRESHOLDS:
        partition.STORY_LINK = threshold  # the sweep only; the shipped value is restored
        try:
            for cap in caps:
                t0 = time.perf_counter()
                parts = partition.plan_partitions(ds, max_docs=cap)
                run: dict[str, Any] = {
                    "story_link": threshold,
                    "cap": cap,
                    "seconds": round(time.perf_counter() - t0, 3),
                    "partitions": len(parts),
                    "split": sum(p.split for p in parts),
                    "mean_size": round(len(ds) / len(parts), 1),
                }
                blind = blind_plan(ds, cap)
                for name, labels in sets.items():
                    share, n = kept_share([p.doc_ids for p in parts], labels)
                    run[name] = {"pairs": n, "kept": round(share, 4)}
                    run[name]["blind"] = round(kept_share(blind, labels)[0], 4)
                    run[name]["ceiling"] = round(ceiling(labels, cap), 4)
                out["runs"].append(run)
        finally:
            partition.STORY_LINK = default
    out["shipped_story_link"] = default
    return out


# ------------------------------------------------------------------ copies


def copies(n: int, caps: Sequence[int], seed: int = 7) -> dict[str, Any]:
    from benchmarks.copies import build_corpus

    from storyline.fuse.copies import find_copies
    from storyline.fuse.partition import digest_of, plan_partitions

    docs, family, planted, origin = build_corpus(n, seed)
    for a in docs:  # the copy benchmark's light analyses have no token count; ingest sets one
        a.n_tokens = len(a.text.split())
    t0 = time.perf_counter()
    ds = [digest_of(a) for a in docs]
    per_digest = (time.perf_counter() - t0) / len(ds)
    lineages = find_copies(docs)
    linked = {(lk.copy, lk.original) for lg in lineages for lk in lg.links}
    out: dict[str, Any] = {
        "documents": n,
        "source_sentences": origin,
        "planted": len(planted),
        "fusion_links": len(linked),
        "ms_per_digest": round(1000 * per_digest, 2),
        "runs": [],
    }
    for cap in caps:
        parts = plan_partitions(ds, max_docs=cap)
        where = {d: i for i, p in enumerate(parts) for d in p.doc_ids}
        blind = {d: i for i, p in enumerate(blind_plan(ds, cap)) for d in p}
        by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for copy, orig, kind in planted:
            by_kind[kind][0] += where[copy] == where[orig]
            by_kind[kind][1] += 1
        kept = sum(v[0] for v in by_kind.values())
        out["runs"].append(
            {
                "cap": cap,
                "partitions": len(parts),
                "split": sum(p.split for p in parts),
                "planted_kept": round(kept / max(len(planted), 1), 4),
                "planted_blind": round(
                    sum(blind[c] == blind[o] for c, o, _ in planted) / max(len(planted), 1), 4
                ),
                "fusion_links_kept": round(
                    sum(where[a] == where[b] for a, b in linked) / max(len(linked), 1), 4
                ),
                "by_kind": {k: round(v[0] / v[1], 4) for k, v in sorted(by_kind.items())},
            }
        )
    return out


# -------------------------------------------------------------------- cost

_CHILD = r"""
import json, resource, sys, time
sys.path[:0] = [sys.argv[1] + "/src", sys.argv[1]]
from storyline.fuse.partition import plan_partitions
from storyline.store import Workspace
from storyline.store.digests import digests
rss = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
base = rss()
mode, cap = sys.argv[3], int(sys.argv[4])
with Workspace(sys.argv[2]) as ws:
    t0 = time.perf_counter()
    ds = list(digests(ws))
    t1 = time.perf_counter()
if mode == "rounds":
    from dataclasses import replace
    rounds = int(sys.argv[5])
    def varied(k):
        for d in ds:
            yield replace(d, doc_id=f"{d.doc_id}-{k}", names=[f"{x}~{k}" for x in d.names],
                          signature=[(v * 2654435761 + k) % 4294967291 for v in d.signature])
    src = (d for k in range(rounds) for d in varied(k))
    t1 = time.perf_counter()
else:
    src = ds
parts = plan_partitions(src, max_docs=cap)
t2 = time.perf_counter()
print(json.dumps({"digests": len(ds), "digest_seconds": round(t1 - t0, 2),
                  "plan_seconds": round(t2 - t1, 2), "partitions": len(parts),
                  "split": sum(p.split for p in parts),
                  "largest": max(len(p.doc_ids) for p in parts),
                  "rss_after_imports_mb": round(base), "peak_rss_mb": round(rss())}))
"""


def _child(ws: Path, mode: str, cap: int, rounds: int = 1) -> dict[str, Any]:
    cmd = [sys.executable, "-c", _CHILD, str(ROOT), str(ws), mode, str(cap), str(rounds)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def cost(synthetic: Path, cap: int = 2000, rounds: int = 10) -> dict[str, Any]:
    """Cold (no digest stored), warm (all stored) and 10x-digests plan runs."""
    with tempfile.TemporaryDirectory(dir=synthetic.parent) as tmp:
        ws = Path(tmp) / "w.db"
        shutil.copy(synthetic, ws)
        con = sqlite3.connect(ws)
        docs = con.execute("SELECT COUNT(*) FROM analyses").fetchone()[0]
        if con.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'digests'").fetchone()[0]:
            con.execute("DELETE FROM digests")
            con.commit()
        con.close()
        _log(f"cost: {docs} analysed documents, cold run")
        cold = _child(ws, "plan", cap)
        _log("cost: warm run")
        warm = _child(ws, "plan", cap)
        _log(f"cost: plan over {rounds}x the digests")
        big = _child(ws, "rounds", cap, rounds)
        big["digests"] *= rounds
    return {"documents": docs, "cap": cap, "cold": cold, "warm": warm, "rounds": big}


# -------------------------------------------------------------------- main


def _cell(r: dict[str, Any]) -> str:
    return f"{r['kept']} ({r['blind']}, {r['ceiling']})"


def _table(rows: Iterable[Sequence[Any]]) -> str:
    return "\n".join(" | ".join(str(x) for x in r) for r in rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold-ws", type=Path, default=Path("/tmp/storyline-partition-gold.db"))
    ap.add_argument("--synthetic", type=Path, help="a synthetic workspace for the cost runs")
    ap.add_argument("--caps", type=int, nargs="+", default=[50, 200])
    ap.add_argument("--copies", type=int, default=2000, help="documents of the copy corpus")
    ap.add_argument("--skip", nargs="*", default=[], choices=["stories", "copies", "cost"])
    args = ap.parse_args()
    result: dict[str, Any] = {"machine": f"{platform.machine()}, {platform.python_version()}"}
    if "stories" not in args.skip:
        if (EVAL / "clustering").exists() and (EVAL / "timelines").exists():
            result["stories"] = stories(args.gold_ws, args.caps)
            print(
                "story_link | cap | parts | split | ecb+ stories kept (blind, best) | "
                "ecb+ topics | timeline17 topics kept (blind, best)"
            )
            print(
                _table(
                    (
                        r["story_link"],
                        r["cap"],
                        r["partitions"],
                        r["split"],
                        _cell(r["ecb+ stories"]),
                        r["ecb+ topics"]["kept"],
                        _cell(r["timeline17 topics"]),
                    )
                    for r in result["stories"]["runs"]
                )
            )
        else:
            _log(f"stories skipped: {EVAL} has no clustering/timelines gold")
    if "copies" not in args.skip:
        result["copies"] = c = copies(args.copies, args.caps)
        print(
            f"\ncopies: {c['planted']} planted, {c['fusion_links']} fusion links, "
            f"{c['ms_per_digest']} ms per digest"
        )
        print(
            _table(
                (
                    r["cap"],
                    r["partitions"],
                    r["planted_kept"],
                    r["planted_blind"],
                    r["fusion_links_kept"],
                    r["by_kind"],
                )
                for r in c["runs"]
            )
        )
    if "cost" not in args.skip and args.synthetic is not None:
        result["cost"] = k = cost(args.synthetic)
        print(f"\ncost at {k['documents']} documents, cap {k['cap']}:")
        for name in ("cold", "warm", "rounds"):
            print(name, json.dumps(k[name]))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    if RESULTS.exists():  # parts skipped this time keep their last figures
        result = json.loads(RESULTS.read_text()) | result
    RESULTS.write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
