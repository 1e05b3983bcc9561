"""What making the partition digest at ingest adds per document.

Ingest packs each analysis in the worker that made it
(``storyline.store.packed.pack_for_store``) and now also makes its digest
there (``digest_row``: ``fuse.partition.digest_of`` and its JSON). This
times, in CPU seconds of this process, per document of an analysed
workspace: the packing ingest did before (``pack_analysis``, ``label_row``,
``repaired_text``), the digest, and the analysis itself (the default
pipeline on the first ``--analyse`` documents' stored texts), so the digest
is seen beside what it is added to. The workspace is only read.

    python benchmarks/digest_cost.py WORKSPACE [--docs 300] [--analyse 30]

Prints a JSON summary, also kept in ``benchmarks/results/digest_cost.json``
under the workspace's file name.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for _p in (ROOT / "src", ROOT):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))


def cpu_ms(work: Callable[[], Any]) -> float:
    """CPU milliseconds ``work`` takes in this process."""
    start = time.process_time()
    work()
    return (time.process_time() - start) * 1000


def summary(values: list[float]) -> dict[str, float]:
    return {
        "mean_ms": round(statistics.fmean(values), 2),
        "median_ms": round(statistics.median(values), 2),
        "total_s": round(sum(values) / 1000, 2),
    }


def main(argv: list[str] | None = None) -> int:
    from storyline.pipeline import Pipeline
    from storyline.settings import Settings
    from storyline.store import Workspace
    from storyline.store.derived import label_row, repaired_text
    from storyline.store.packed import digest_row
    from storyline.store.rows import pack_analysis

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("workspace", type=Path)
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--analyse", type=int, default=30)
    args = ap.parse_args(argv)

    with Workspace(args.workspace) as ws:
        ids = ws.document_ids()
        analyses = list(ws.analyses(ids[: args.docs * 2]))[: args.docs]
        raws = [ws.get_document(a.doc_id) for a in analyses[: args.analyse]]
    load = os.getloadavg()
    digest_row(analyses[0])  # imports and tables once, not timed
    pack = [
        cpu_ms(lambda a=a: (pack_analysis(a), label_row(a), repaired_text(a))) for a in analyses
    ]
    digest = [cpu_ms(lambda a=a: digest_row(a)) for a in analyses]
    pipeline = Pipeline(Settings())
    pipeline.analyze(raws[0])  # model loaded once, not timed
    analyse = [cpu_ms(lambda r=r: pipeline.analyze(r)) for r in raws if r is not None]
    result = {
        "workspace": str(args.workspace),
        "documents": len(analyses),
        "words_mean": round(statistics.fmean(len(a.text.split()) for a in analyses)),
        "pack_before": summary(pack),
        "digest": summary(digest),
        "analysis_first_docs": {"documents": len(analyse), **summary(analyse)},
        "digest_share_of_analysis": round(
            statistics.fmean(digest[: len(analyse)]) / statistics.fmean(analyse), 4
        ),
        "machine": f"{platform.machine()}, {platform.python_version()}, {os.cpu_count()} CPUs",
        "load_average": [round(x, 2) for x in load + os.getloadavg()],
        "date": time.strftime("%Y-%m-%d"),
    }
    print(json.dumps(result, indent=2))
    out = ROOT / "benchmarks/results/digest_cost.json"
    runs = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    runs[args.workspace.name] = result  # one entry per workspace measured
    out.write_text(json.dumps(runs, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
