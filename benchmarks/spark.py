"""Spark ``local[2]`` against one process, on the same N real news texts.

The texts are the public gold sets' documents in ``../shared/eval`` (as in
``benchmarks/large.py``), else synthetic variants of the bundled
``examples/corpus`` texts, written as JSONL shards. Each contender runs as a
user would, in its own process:

- ``storyline ingest -j 1`` and ``-j 2`` (read + analyse into a workspace:
  the same work as the Spark job's analysis), optionally ``storyline analyze
  -j 1`` (plus fusion and the dossier);
- ``storyline spark analyze --master local[2]`` (read, analyse, Parquet
  tables, entities, copy blocking);
- with ``--before SRC``, the same Spark command run with another source tree
  first on the path (``git archive <commit> src | tar -x -C /tmp/before``), so
  an old and a new Spark path are timed in one run on the same texts.

Reported per contender: wall seconds, articles/s, CPU seconds of the
command's whole process tree (the JVM and Spark's Python workers, the
pool's workers; sampled, so a slight undercount), which a busy machine
changes far less than wall time, the peak resident memory of that tree,
and the load average just before it started; the speed-ups of Spark against ``ingest``;
the machine. The 2-core development machine is shared: a busy machine's
figures say so by their load averages::

    python benchmarks/spark.py [--docs 200] [--shards 4] [--before /tmp/before/src]
    python benchmarks/spark.py --corpus corpus-10000.jsonl --only spark ingest_j1

``--corpus`` takes the records of a JSONL file you already have (e.g. the
10,000 real texts and variants ``benchmarks/growth.py --keep`` writes), so
Spark and one process are timed on exactly the texts of another benchmark;
``--only`` runs some contenders (a 10,000-document pair takes about an hour
on 2 cores).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from large import corpus  # noqa: E402 - the same texts as the large benchmark


def synthetic(limit: int) -> list[dict[str, str]]:
    """Variants of the bundled sample texts (each made distinct by a numbered first line)."""
    base = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples/corpus").glob("*.txt"))]
    return [{"id": f"syn{i}", "text": f"Report {i}.\n{base[i % len(base)]}"} for i in range(limit)]


#: What can be timed (``--only``).
CONTENDERS = ("ingest_j1", "ingest_j2", "spark")

TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _tree_cpu(root: int, seen: dict[int, float]) -> int:
    """Record the CPU seconds of ``root`` and every process under it (Linux ``/proc``);
    return the tree's resident memory now, in bytes."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        times[pid] = (int(fields[11]) + int(fields[12])) / TICK  # utime + stime
        rss[pid] = int(fields[21]) * PAGE
    tree, frontier = {root}, [root]
    while frontier:
        kids = [p for p, pp in parents.items() if pp in frontier and p not in tree]
        tree.update(kids)
        frontier = kids
    for pid in tree & times.keys():
        seen[pid] = max(seen.get(pid, 0.0), times[pid])
    return sum(rss[p] for p in tree & rss.keys())


def _run(cmd: list[str], src: Path | None = None) -> dict[str, Any]:
    """Wall and CPU seconds of one command, with the load average it started in.

    CPU is the sum over the command's process tree (the JVM and Spark's
    Python workers, the pool's workers), sampled every half second: a
    process's last half second, or one that lived less, may be missed.
    """
    path = f"{src or ROOT / 'src'}{os.pathsep}{ROOT}"
    env = {**os.environ, "PYTHONPATH": path}
    load = os.getloadavg()[0]
    began = time.perf_counter()
    seen: dict[int, float] = {}
    peak = 0
    with tempfile.TemporaryFile("w+") as log:  # a file, not a pipe: no one has to drain it
        with subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=log) as proc:
            while proc.poll() is None:
                if Path("/proc").is_dir():
                    peak = max(peak, _tree_cpu(proc.pid, seen))
                time.sleep(0.5)
        log.seek(0)
        stderr = log.read()
    seconds = time.perf_counter() - began
    if proc.returncode not in (0, 1):  # 1: some input unreadable, still a run
        print(stderr[-3000:], file=sys.stderr)
        raise SystemExit(f"failed: {' '.join(cmd)}")
    cpu = round(sum(seen.values()), 1) if seen else None
    rss = round(peak / 2**30, 2) if peak else None
    load_before = round(load, 2)
    return {"wall": round(seconds, 2), "cpu": cpu, "peak_rss_gb": rss, "load_before": load_before}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--shards", type=int, default=4, help="JSONL files the corpus is split into")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--analyze", action="store_true", help="also time `analyze -j 1` (+ dossier)")
    ap.add_argument("--before", type=Path, help="an older src/ tree to time the Spark path of too")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "spark.json"))
    ap.add_argument("--corpus", type=Path, help="a JSONL file of records to use (all of them)")
    ap.add_argument("--only", nargs="+", choices=CONTENDERS, help="run only these contenders")
    args = ap.parse_args()
    only = set(args.only or CONTENDERS)

    if args.corpus is not None:
        with args.corpus.open(encoding="utf-8") as fh:
            records = [json.loads(line) for line in fh if line.strip()]
        kind = f"the records of {args.corpus.name}"
    else:
        records = corpus(args.eval_dir, args.docs)
        kind = "real texts (../shared/eval)"
        if len(records) < args.docs:
            records, kind = synthetic(args.docs), "synthetic variants of examples/corpus"
    py = sys.executable
    load_before = os.getloadavg()
    runs: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        for s in range(args.shards):
            part = records[s :: args.shards]
            text = "".join(json.dumps(r) + "\n" for r in part)
            (folder / f"part-{s:03d}.jsonl").write_text(text, encoding="utf-8")
        cli = [py, "-m", "storyline"]
        spark = [*cli, "spark", "analyze", str(folder), "--master", args.master,
                 "--conf", "spark.ui.enabled=false", "--out"]  # fmt: skip
        if args.before:
            runs["spark_before"] = _run([*spark, f"{tmp}/parquet-before"], src=args.before)
        for j in (1, 2):
            if f"ingest_j{j}" not in only:
                continue
            ws = ["--workspace", f"{tmp}/ingest{j}.db"]
            runs[f"ingest_j{j}"] = _run([*cli, "ingest", str(folder), "-j", str(j), *ws])
        if args.analyze:
            runs["analyze_j1"] = _run(
                [*cli, "analyze", str(folder), "-j", "1", "--workspace", f"{tmp}/b.db",
                 "--out", f"{tmp}/dossier"]
            )  # fmt: skip
        manifest: dict[str, Any] = {}
        if "spark" in only:
            runs["spark"] = _run([*spark, f"{tmp}/parquet"])
            manifest = json.loads((Path(tmp) / "parquet" / "_storyline.json").read_text())
    n = len(records)
    wall = {k: v["wall"] for k, v in runs.items()}
    report = {
        "docs": n,
        "texts": kind,
        "master": args.master,
        "seconds": wall,
        "runs": runs,
        "articles_per_s": {k: round(n / v, 2) for k, v in wall.items()},
        **{
            f"spark_vs_{k}": round(wall[k] / wall["spark"], 2)
            for k in ("ingest_j1", "ingest_j2")
            if k in wall and "spark" in wall
        },
        **{
            f"spark_vs_{k}_cpu": round(runs[k]["cpu"] / runs["spark"]["cpu"], 2)
            for k in ("ingest_j1", "ingest_j2")
            if k in runs and "spark" in runs and runs[k]["cpu"] and runs["spark"]["cpu"]
        },
        **(
            {"spark_vs_before": round(wall["spark_before"] / wall["spark"], 2)}
            if args.before
            else {}
        ),
        "spark_job_seconds": manifest.get("seconds"),
        "spark_documents": manifest.get("documents"),
        "spark_lineages": manifest.get("lineages"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
        },
    }
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
