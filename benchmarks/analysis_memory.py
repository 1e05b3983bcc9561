"""Does analysis memory grow with the number of documents? (issue 17)

Two checks in this process (no workspace of 100,000 needed):

``trace``: one ``api.ingest`` over the first N records of the growth corpus
(``growth_corpus``), RSS sampled every ``--every`` analysed documents, and
the peak (``ru_maxrss``). A leak shows as RSS that keeps rising; document
sizes show as rises and falls.

``repeat``: the same documents analysed ``--passes`` times by one pipeline;
RSS and the size of spaCy's string store after each pass. Anything kept per
document analysed shows as growth from pass to pass (the string store grows
only with words it has not seen).

    python benchmarks/analysis_memory.py trace --n 4000
    python benchmarks/analysis_memory.py repeat --n 400 --passes 4
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from growth_corpus import corpus, write_jsonl  # noqa: E402


def rss_mb() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) // 1024
    return 0


def trace(path: Path, every: int, work: Path) -> dict:
    from storyline import api
    from storyline.settings import Settings

    rows: list[dict] = []
    t0 = time.time()

    def progress(stage: str, done: int, total: int | None) -> None:
        if stage == "analyse" and done and done % every == 0:
            rows.append({"docs": done, "rss_mb": rss_mb(), "s": round(time.time() - t0)})
            print(json.dumps(rows[-1]), flush=True)

    result = api.ingest([str(path)], Settings(workspace=work / "ws.db"), progress=progress)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return {"documents": len(result.doc_ids), "samples": rows, "peak_mb": peak}


def repeat(path: Path, n: int, passes: int) -> dict:
    from storyline.model import RawDocument
    from storyline.pipeline import Pipeline
    from storyline.read import read_path
    from storyline.settings import Settings

    pipeline = Pipeline(Settings())
    raws = [r for r in read_path(path, settings=Settings()) if isinstance(r, RawDocument)][:n]
    rows = []
    for k in range(passes):
        for _ in pipeline.analyze_many(raws):
            pass
        gc.collect()
        rows.append({"pass": k + 1, "rss_mb": rss_mb(), "strings": len(pipeline.nlp.vocab.strings)})
        print(json.dumps(rows[-1]), flush=True)
    return {"documents": len(raws), "passes": rows}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("check", choices=["trace", "repeat"])
    ap.add_argument("--n", type=int, default=4000)
    ap.add_argument("--every", type=int, default=250)
    ap.add_argument("--passes", type=int, default=4)
    ap.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        path = work / "corpus.jsonl"
        write_jsonl(corpus(args.eval_dir, args.n), path)
        if args.check == "trace":
            out = trace(path, args.every, work)
        else:
            out = repeat(path, args.n, args.passes)
    print(json.dumps({"check": args.check, **out}))


if __name__ == "__main__":
    main()
