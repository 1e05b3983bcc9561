"""Peak memory and time of ``storyline report`` on synthetic workspaces of N documents.

For each size a workspace of N synthetic documents is made once
(``benchmarks.synthetic_workspace.make_workspace``, cached beside ``--cache``)
from the analysed source corpora, then ``storyline report --workspace W``
runs in a fresh process; its peak RSS is the largest of that process and
the helpers it forked (with ``--processes 2``), not their sum. Prints a table and writes
``benchmarks/results/memory.json`` with the growth exponents (slope of
log(value) against log(N))::

    python benchmarks/memory.py --sizes 1000 3000 [--tree SRC_DIR]

``--tree`` runs another source tree's ``storyline`` (e.g. an exported older
commit) on the same workspaces, for a before/after comparison.
``--spill-cost`` instead times packing the document records of the first
size's workspace into a ``SpilledList`` and one pass that decodes them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for _p in (ROOT / "src", ROOT):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

from benchmarks.fusion import exponent, source_analyses  # noqa: E402
from benchmarks.synthetic_workspace import make_workspace  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "memory.json"


def workspace(cache: Path, n: int) -> Path:
    """The cached synthetic workspace of ``n`` documents (made on first use)."""
    path = cache / f"synthetic-{n}.db"
    if not path.exists():
        sources = source_analyses(cache / "sources.db")
        tmp = path.with_suffix(".tmp.db")
        tmp.unlink(missing_ok=True)
        make_workspace(tmp, n, sources)
        tmp.rename(path)
    return path


def run_report(ws: Path, tree: Path, processes: int) -> dict[str, Any]:
    """Time one ``storyline report`` on a copy of ``ws`` (it stores its dossier there)."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "w.db"
        shutil.copyfile(ws, copy)
        out = Path(tmp) / "out"
        env = {**os.environ, "PYTHONPATH": str(tree)}
        cmd = [sys.executable, "-m", "storyline", "report", "-w", str(copy), "--out", str(out)]
        cmd += ["-j", str(processes)] if processes > 1 else []
        # A fresh wrapper process per run: RUSAGE_CHILDREN's peak is per waiting
        # process, so one size's peak never counts for the next.
        wrapper = (
            "import resource, subprocess, sys, json;"
            "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL);"
            "r = resource.getrusage(resource.RUSAGE_CHILDREN);"
            "print(json.dumps([r.ru_maxrss, r.ru_utime + r.ru_stime]))"
        )
        t0 = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", wrapper, *cmd], env=env, check=True, capture_output=True
        )
        wall = time.perf_counter() - t0
        maxrss_kb, cpu = json.loads(done.stdout)
        real = out.resolve()
        sizes = {p.name: p.stat().st_size for p in real.iterdir() if p.is_file()}
        pages = real / "dossier_files"
        return {
            "wall_s": round(wall, 1),
            "cpu_s": round(cpu, 1),
            "peak_rss_mb": round(maxrss_kb / 1024),
            "dossier_json_mb": round(sizes.get("dossier.json", 0) / 2**20, 1),
            "dossier_html_mb": round(sizes.get("dossier.html", 0) / 2**20, 1),
            "pages": len(list(pages.iterdir())) if pages.exists() else 0,
        }


def spill_cost(ws: Path) -> dict[str, Any]:
    """CPU seconds to pack every document record of ``ws`` and to decode them once."""
    from storyline.report import document_record
    from storyline.report.build.spill import SpilledList
    from storyline.store import Workspace

    with Workspace(ws) as w:
        records = [document_record(a) for a in w.analyses()]
    t0 = time.process_time()
    packed = SpilledList(records)
    t1 = time.process_time()
    n = sum(1 for _ in packed)
    t2 = time.process_time()
    return {
        "records": n,
        "pack_cpu_s": round(t1 - t0, 2),
        "one_pass_cpu_s": round(t2 - t1, 2),
        "packed_mb": round(packed.packed_bytes() / 2**20, 1),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000])
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "sl-memory")
    ap.add_argument("--tree", type=Path, default=ROOT / "src", help="the storyline source tree")
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--spill-cost", action="store_true")
    args = ap.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    if args.spill_cost:
        print(json.dumps(spill_cost(workspace(args.cache, args.sizes[0]))))
        return 0
    runs = []
    for n in args.sizes:
        ws = workspace(args.cache, n)
        row = {"docs": n, **run_report(ws, args.tree.resolve(), args.processes)}
        runs.append(row)
        print(json.dumps(row), flush=True)
    sizes = [r["docs"] for r in runs]
    result = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "tree": str(args.tree),
        "processes": args.processes,
        "runs": runs,
        "growth_exponents": {
            key: exponent(sizes, [r[key] for r in runs])
            for key in ("wall_s", "cpu_s", "peak_rss_mb", "dossier_json_mb")
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result["growth_exponents"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
