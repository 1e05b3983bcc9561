"""Spark ``local[2]`` against one process, on the same N real news texts.

The texts are the public gold sets' documents in ``../shared/eval`` (as in
``benchmarks/large.py``), else synthetic variants of the bundled
``examples/corpus`` texts, written as JSONL shards. Each contender runs as a
user would, in its own process:

- ``storyline ingest -j 1`` (read + analyse into a workspace: the same work
  as the Spark job's analysis) and ``storyline analyze -j 1`` (plus fusion and
  the dossier);
- ``storyline spark analyze --master local[2]`` (read, analyse, Parquet
  tables, copy blocking).

Reported: wall seconds, articles/s, the Spark-vs-ingest speed-up, and the
machine (cores, load average before the run: figures from a busy machine
say so)::

    python benchmarks/spark.py [--docs 200] [--shards 4]
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from large import corpus  # noqa: E402 - the same texts as the large benchmark


def synthetic(limit: int) -> list[dict[str, str]]:
    """Variants of the bundled sample texts (each made distinct by a numbered first line)."""
    base = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples/corpus").glob("*.txt"))]
    return [{"id": f"syn{i}", "text": f"Report {i}.\n{base[i % len(base)]}"} for i in range(limit)]


def _run(cmd: list[str]) -> float:
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
    began = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - began
    if done.returncode not in (0, 1):  # 1: some input unreadable, still a run
        print(done.stderr[-3000:], file=sys.stderr)
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return round(seconds, 2)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--shards", type=int, default=4, help="JSONL files the corpus is split into")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--skip-analyze", action="store_true", help="time ingest only on one machine")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "spark.json"))
    args = ap.parse_args()

    records = corpus(args.eval_dir, args.docs)
    kind = "real texts (../shared/eval)"
    if len(records) < args.docs:
        records, kind = synthetic(args.docs), "synthetic variants of examples/corpus"
    py = sys.executable
    load_before = os.getloadavg()
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        for s in range(args.shards):
            part = records[s :: args.shards]
            text = "".join(json.dumps(r) + "\n" for r in part)
            (folder / f"part-{s:03d}.jsonl").write_text(text, encoding="utf-8")
        cli = [py, "-m", "storyline"]
        figures["ingest_j1"] = _run(
            [*cli, "ingest", str(folder), "-j", "1", "--workspace", f"{tmp}/a.db"]
        )
        if not args.skip_analyze:
            figures["analyze_j1"] = _run(
                [*cli, "analyze", str(folder), "-j", "1", "--workspace", f"{tmp}/b.db",
                 "--out", f"{tmp}/dossier"]
            )  # fmt: skip
        figures["spark"] = _run(
            [*cli, "spark", "analyze", str(folder), "--out", f"{tmp}/parquet",
             "--master", args.master, "--conf", "spark.ui.enabled=false"]
        )  # fmt: skip
        manifest = json.loads((Path(tmp) / "parquet" / "_storyline.json").read_text())
    n = len(records)
    report = {
        "docs": n,
        "texts": kind,
        "master": args.master,
        "seconds": figures,
        "articles_per_s": {k: round(n / v, 2) for k, v in figures.items()},
        "spark_vs_ingest_j1": round(figures["ingest_j1"] / figures["spark"], 2),
        "spark_job_seconds": manifest["seconds"],
        "spark_documents": manifest["documents"],
        "spark_lineages": manifest["lineages"],
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
