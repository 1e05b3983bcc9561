"""Memory of the heaviest parts of a paged plan, each built alone (issue 17).

A whole paged run at 100,000 documents takes hours on 2 cores; its peak is
the parent plus the largest part(s). This plans the workspace as the writer
does (in a child, ``runner.run_isolated``), ranks the parts by tokens of
text, prepares the dossier phase in the parent and builds the chosen part
in a forked child (``parts.build_part``), as ``write_paged`` does, and
reports the child's and the parent's peak RSS (pages they share count in
both, so their sum over-states the tree)::

    python benchmarks/paged_heaviest.py WS [--part-docs 1000] [--rank 0] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> int:
    from storyline.api import PAGED_PART_DOCS, PAGED_TOKENS_PER_DOC, prepare_dossier_phase
    from storyline.report.paged import parts as part_files
    from storyline.report.paged import plan
    from storyline.report.paged.runner import run_isolated
    from storyline.settings import Settings
    from storyline.store import Workspace

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("workspace", type=Path)
    ap.add_argument("--part-docs", type=int, default=PAGED_PART_DOCS)
    ap.add_argument("--tokens-per-doc", type=int, default=PAGED_TOKENS_PER_DOC)
    ap.add_argument("--rank", type=int, default=0, help="0 = the part with the most text")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    settings = Settings(workspace=args.workspace)
    cap = args.part_docs * args.tokens_per_doc
    t0 = time.perf_counter()
    parts = run_isolated(lambda: plan(settings, None, args.part_docs, cap))
    planned = time.perf_counter() - t0
    with Workspace(settings.workspace) as ws:
        sized = sorted(((_tokens(ws, p.doc_ids), p) for p in parts), key=lambda x: -x[0])
        tokens, part = sized[args.rank]
        key = part_files.part_key(ws, part, part_files.code_version(), settings)
    prepare_dossier_phase()
    out = args.out or Path(tempfile.mkdtemp(prefix="heaviest-"))
    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the part, as the writer's child builds it
        part_files.build_part(settings, out / part.id, part, key)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    report = {
        "parts": len(parts),
        "plan_seconds": round(planned, 1),
        "part": part.id,
        "documents": len(part.doc_ids),
        "tokens": tokens,
        "seconds": round(time.perf_counter() - t0, 1),
        "exit_status": status,
        "child_maxrss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024,
        "parent_maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "heaviest": [[t, len(p.doc_ids)] for t, p in sized[:5]],
    }
    print(json.dumps(report, indent=1))
    return 0 if status == 0 else 1


def _tokens(ws: object, doc_ids: list[str]) -> int:
    """Tokens of text of these documents, from their stored digests."""
    n = 0
    for k in range(0, len(doc_ids), 500):
        chunk = doc_ids[k : k + 500]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT data FROM digests WHERE doc_id IN ({marks})"  # noqa: S608
        for (data,) in ws.db.execute(sql, chunk):  # type: ignore[attr-defined]
            n += json.loads(data)["n_tokens"]
    return n


if __name__ == "__main__":
    raise SystemExit(main())
