"""End-to-end run on a few thousand real news texts: does it finish with a valid dossier?

The texts are the public gold sets' documents in ``../shared/eval`` (PolNeAR
news articles, ECB+ news, CoNLL-2003 Reuters stories), written as one JSONL
input, then ``storyline analyze`` on it in a fresh workspace, as a user would
run it. Reported: wall time, articles per second, peak memory, dossier sizes,
the number of per-document and per-item errors, and whether the dossier was
written valid (issue 11: one bad item must not cost the run)::

    python benchmarks/large.py [--docs 3000] [--processes 1]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SOURCES = (
    ("quotes/train.jsonl", "id"),
    ("quotes/dev.jsonl", "id"),
    ("xdoc_coref/documents.jsonl", "doc_id"),
    ("ner/train.jsonl", "id"),
    ("ner/dev.jsonl", "id"),
)


def corpus(eval_dir: Path, limit: int) -> list[dict[str, str]]:
    """Up to ``limit`` distinct texts, taken round-robin from the sources."""
    pools = []
    for rel, key in SOURCES:
        path = eval_dir / rel
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                pools.append([(str(r[key]), r["text"]) for r in map(json.loads, fh)])
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    while len(out) < limit and any(pools):
        for pool in pools:
            if pool and len(out) < limit:
                rid, text = pool.pop(0)
                if text.strip() and text not in seen:
                    seen.add(text)
                    out.append({"id": rid, "text": text})
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "large.json"))
    args = ap.parse_args()

    from storyline.api import analyze
    from storyline.settings import Settings

    records = corpus(args.eval_dir, args.docs)
    if not records:
        print(f"no texts under {args.eval_dir}; pass --eval-dir", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus.jsonl"
        src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        settings = Settings(workspace=Path(tmp) / "ws.db", processes=args.processes)
        out_dir = Path(tmp) / "out"
        t = time.perf_counter()
        ok, error = True, None
        try:
            result = analyze([str(src)], out_dir, settings)
            dossier = result.dossier
        except Exception as exc:  # the failure is the finding
            ok, error, dossier = False, f"{exc.__class__.__name__}: {exc}"[:500], None
        seconds = time.perf_counter() - t
        sizes = {p.name: p.stat().st_size for p in out_dir.glob("dossier*") if p.is_file()}
    peak = (
        max(
            resource.getrusage(who).ru_maxrss
            for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        )
        / 1024
    )
    report = {
        "benchmark": "storyline analyze on real news texts (PolNeAR, ECB+, CoNLL-2003)",
        "documents": len(records),
        "words": sum(len(r["text"].split()) for r in records),
        "processes": args.processes,
        "seconds": round(seconds, 1),
        "articles_per_s": round(len(records) / seconds, 2),
        "peak_rss_mb": round(peak),
        "dossier_written": ok,
        "error": error,
        "file_sizes": sizes,
        "errors_in_dossier": len(dossier["errors"]) if dossier else None,
        "stats": dossier["stats"] if dossier else None,
    }
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(
        f"{report['documents']} documents, {report['seconds']} s "
        f"({report['articles_per_s']} articles/s), peak {report['peak_rss_mb']} MB, "
        f"dossier {'written' if ok else 'NOT written: ' + str(error)}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
