"""Does ``-j 2`` pay? ``storyline analyze`` end to end with 1 and with N processes.

Same texts, same run, each in a fresh process and a fresh workspace, back to
back (``--repeat`` pairs)::

    python benchmarks/parallel.py [--docs 1000] [--processes 2] [--repeat 1]

Reported per run: wall time, CPU seconds of the main process split into the
ingest phase (read, analyse or hand out, store) and the dossier phase (fuse,
build, validate, write), CPU seconds of the pool workers, and peak memory.
The figure that matters is the speed-up ``wall(-j 1) / wall(-j N)``. On a
machine shared with other work wall clock is noisy, so a second figure is
derived from CPU seconds alone: the wall time the run would take on N quiet
cores, ``dossier + max(main_ingest, (main_ingest + workers) / N, workers / N)``
(``dossier + ingest`` for one process), and its ratio, also for the ingest
and the dossier phases alone. With ``-j N`` the dossier phase forks some
fusion and rendering steps (``storyline.forked``); ``dossier`` is then the
main process's CPU plus what it would wait for them on idle cores
(``dossier_wait_cpu_s``: a child's CPU beyond the main's CPU meanwhile). Texts: the public gold
sets' news documents (``benchmarks/large.py``), else the shared corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def child(corpus: Path, processes: int) -> dict[str, float]:
    """One ``analyze`` run in this (fresh) process; its phases' wall and CPU times."""
    from storyline import api, forked
    from storyline.report import write_dossier
    from storyline.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(workspace=Path(tmp) / "ws.db", processes=processes)
        t0, c0 = time.perf_counter(), _cpu(resource.RUSAGE_SELF)
        result = api.ingest([str(corpus)], settings, prepare_dossier=True)  # as analyze does
        t1, c1 = time.perf_counter(), _cpu(resource.RUSAGE_SELF)
        workers = _cpu(resource.RUSAGE_CHILDREN)  # the pool has been joined
        dossier = api.build(settings, result.doc_ids, errors=result.errors)
        write_dossier(dossier, Path(tmp) / "out", processes)
        t2, c2 = time.perf_counter(), _cpu(resource.RUSAGE_SELF)
    return {
        "documents": len(result.doc_ids),
        "wall_s": round(t2 - t0, 2),
        "main_ingest_cpu_s": round(c1 - c0, 2),
        "workers_cpu_s": round(workers, 2),
        "dossier_cpu_s": round(c2 - c1, 2),
        # forked fusion / rendering steps (storyline.forked): their CPU, and the
        # part of it the main process would wait for on idle cores
        "dossier_children_cpu_s": round(forked.STATS.child_cpu, 2),
        "dossier_wait_cpu_s": round(forked.STATS.wait_cpu, 2),
        "dossier_wall_s": round(t2 - t1, 2),
        "ingest_wall_s": round(t1 - t0, 2),
        "peak_rss_main_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "peak_rss_worker_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }


def quiet_estimate(run: dict[str, float], processes: int, dossier: bool = True) -> float:
    """Wall seconds on ``processes`` otherwise idle cores, from CPU seconds alone
    (``dossier=False``: the ingest phase only, the part the pool runs)."""
    main, workers = run["main_ingest_cpu_s"], run["workers_cpu_s"]
    if processes <= 1:
        ingest = main + workers
    else:
        ingest = max(main, (main + workers) / processes, workers / processes)
    return ingest + (dossier_phase(run) if dossier else 0.0)


def dossier_phase(run: dict[str, float]) -> float:
    """The dossier phase's critical path on idle cores: the main process's CPU
    plus what it waits for its forked steps (their CPU beyond the main's meanwhile)."""
    return run["dossier_cpu_s"] + run.get("dossier_wait_cpu_s", 0.0)


def texts(limit: int) -> list[dict[str, str]]:
    from large import corpus

    records = corpus(ROOT.parent / "shared" / "eval", limit)
    if records:
        return records
    from run import corpus_texts

    return [{"id": f"t{i}", "text": t} for i, t in enumerate(corpus_texts(limit * 430))][:limit]


def _run_child(corpus: Path, processes: int) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]))
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(processes), "--corpus", str(corpus)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "parallel.json"))
    ap.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child is not None:
        print(json.dumps(child(args.corpus, args.child)))
        return 0

    records = texts(args.docs)
    runs: dict[int, list[dict[str, float]]] = {1: [], args.processes: []}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        for _ in range(args.repeat):
            for j in runs:
                runs[j].append(_run_child(corpus, j))
    one, many = runs[1], runs[args.processes]
    wall = [a["wall_s"] / b["wall_s"] for a, b in zip(one, many, strict=True)]
    quiet = [
        quiet_estimate(a, 1) / quiet_estimate(b, args.processes)
        for a, b in zip(one, many, strict=True)
    ]
    ingest = [
        quiet_estimate(a, 1, False) / quiet_estimate(b, args.processes, False)
        for a, b in zip(one, many, strict=True)
    ]
    serial = [a["dossier_cpu_s"] / quiet_estimate(a, 1) for a in one]
    phase = [dossier_phase(a) / dossier_phase(b) for a, b in zip(one, many, strict=True)]
    report = {
        "benchmark": f"storyline analyze, -j 1 vs -j {args.processes}, same texts, same run",
        "documents": len(records),
        "words": sum(len(r["text"].split()) for r in records),
        "cpus": os.cpu_count(),
        "load_average_at_end": os.getloadavg()[0],
        "python": platform.python_version(),
        "machine": platform.machine(),
        "runs": {f"j{j}": r for j, r in runs.items()},
        "speedup_wall": [round(x, 2) for x in wall],
        "speedup_quiet_estimate": [round(x, 2) for x in quiet],
        "speedup_ingest_quiet_estimate": [round(x, 2) for x in ingest],
        "dossier_share_of_one_process": [round(x, 3) for x in serial],
        "speedup_dossier_phase_quiet_estimate": [round(x, 2) for x in phase],
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"{report['documents']} documents; -j 1 vs -j {args.processes}:")
    for j, rs in runs.items():
        for r in rs:
            print(f"  -j {j}: {json.dumps(r)}")
    print(
        f"  speed-up: wall {statistics.median(wall):.2f}x, "
        f"quiet-core estimate from CPU seconds {statistics.median(quiet):.2f}x "
        f"(ingest phase alone {statistics.median(ingest):.2f}x, dossier phase alone "
        f"{statistics.median(phase):.2f}x; the dossier phase is "
        f"{statistics.median(serial):.0%} of a one-process run)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
