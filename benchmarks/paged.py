"""Memory and time of ``storyline report`` by layout on an existing workspace (issue 17).

    python benchmarks/synthetic_workspace.py --docs 10000 --out /tmp/w10k.db
    python benchmarks/paged.py /tmp/w10k.db --layout paged [-j 2] [--again]

Runs the CLI as a user would, in a fresh output folder, and samples the
whole process tree's memory every second (``growth_measure.run_measured``:
PSS sum, RSS sum, largest process; the paged layout builds each part in a
child process, so ``/usr/bin/time``'s largest-process figure alone would
understate it). ``--again`` runs the same command a second time into the
same folder (every part reused). Results are appended to
``benchmarks/results/paged.json``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for _p in (ROOT / "src", ROOT):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

from benchmarks.growth import _env  # noqa: E402
from benchmarks.growth_measure import folder_bytes, machine, run_measured  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "paged.json"


def measure(
    workspace: Path, out: Path, layout: str, processes: int, part_docs: int
) -> dict[str, object]:
    """One ``storyline report`` run: its cost and what it wrote."""
    cmd = [sys.executable, "-m", "storyline", "report", "--workspace", str(workspace)]
    cmd += ["--out", str(out), "--layout", layout, "-j", str(processes), "--json"]
    cmd += ["--part-docs", str(part_docs)]
    run: dict[str, object] = {"layout": layout, "processes": processes, "part_docs": part_docs}
    run.update(run_measured(cmd, _env()))
    run["output_mb"] = round(folder_bytes(out) / 2**20, 1)
    index = out / "index.json"
    if index.exists():
        data = json.loads(index.read_text(encoding="utf-8"))
        run["documents"] = data["documents"]
        run["parts"] = data["n_parts"]
        run["parts_status"] = [p["status"] for p in data["parts"]]
        run["entities_merged"] = data["n_entities"]
        run["errors"] = len(data["errors"])
    return run


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("workspace", type=Path)
    ap.add_argument("--layout", default="paged", choices=["single", "paged", "auto"])
    ap.add_argument("-j", "--processes", type=int, default=1)
    ap.add_argument("--part-docs", type=int, default=2000)
    ap.add_argument("--again", action="store_true", help="then run it again (parts reused)")
    ap.add_argument("--keep", type=Path, help="write into this folder and keep it")
    args = ap.parse_args()
    out = args.keep or Path(tempfile.mkdtemp(prefix="paged-bench-")) / "out"
    how = (args.layout, args.processes, args.part_docs)
    runs = [measure(args.workspace, out, *how)]
    if args.again:
        runs.append({**measure(args.workspace, out, *how), "again": True})
    for run in runs:
        run.pop("output_tail", None) if run.get("returncode") == 0 else None
        print(json.dumps(run, indent=1))
    if args.keep is None:
        shutil.rmtree(out.parent, ignore_errors=True)
    old = json.loads(RESULTS.read_text()) if RESULTS.exists() else {"runs": []}
    old["machine"] = machine()
    old["runs"] += [{"workspace": str(args.workspace), **r} for r in runs]
    RESULTS.write_text(json.dumps(old, indent=1) + "\n", encoding="utf-8")
    return 0 if all(r.get("returncode") == 0 for r in runs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
