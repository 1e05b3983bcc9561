"""The cost curve: ``storyline analyze`` end to end at growing corpus sizes (issue 17).

For each size N: the first N texts of ``growth_corpus`` (every distinct real
news text of ``../shared/eval``, about 6,300, then synthetic variants of
them) in one JSONL file; spaCy's own ``nlp.pipe`` on the same texts with the
default profile's model (fresh process); then ``storyline analyze`` as a user
runs it, in a fresh workspace and output folder, with ``-j 1`` (the CLI's
default) and any other ``--processes``. Measured for each command: wall and
CPU seconds of its whole process tree, peak memory of the tree (PSS sum,
RSS sum and largest process, sampled from /proc every second), the sizes of
dossier.json, dossier.html (with any page folder), the whole output and the
workspace, and the dossier's own counts (lineages, copied documents,
errors). Then growth exponents (slope of log cost against log N) between the
sizes and over all, and what a 200,000-articles-a-day feed needs.

    python benchmarks/growth.py                       # 1k, 3k, 10k; -j 1, and -j 2 at 1k
    python benchmarks/growth.py --quick               # 100 and 300 articles
    python benchmarks/growth.py --sizes 10000 --merge # add a size to the results
    python benchmarks/growth.py --report-only WS      # `storyline report` on a workspace

``--report-only`` times only ``storyline report`` on an existing workspace
(the 100k memory test, with a workspace from ``benchmarks/synthetic_workspace.py``).
Results: ``benchmarks/results/growth.json`` (``--merge`` adds to it).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from growth_corpus import corpus, real_texts, write_jsonl  # noqa: E402
from growth_measure import (  # noqa: E402
    FEED_PER_DAY,
    dossier_stats,
    feed_needs,
    folder_bytes,
    machine,
    markdown,
    pairwise_slopes,
    run_measured,
    slope,
)

RESULTS = ROOT / "benchmarks" / "results" / "growth.json"
SPARK = ROOT / "benchmarks" / "results" / "spark-10000.json"
MB = 1024 * 1024


def _env() -> dict[str, str]:
    """This tree's code first, one thread per numeric library (as the CLI's workers)."""
    return dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]))


def spacy_child(corpus_path: Path) -> None:
    """In a fresh process: spaCy's ``nlp.pipe`` over the corpus with the default model."""
    import resource

    import spacy

    from storyline.settings import Settings

    model = Settings().model
    t0 = time.perf_counter()
    nlp = spacy.load(model)
    list(nlp.pipe(["Officials in Kyiv said on Monday that Mayor Ilse Varga will visit Minsk."]))
    loaded = time.perf_counter()
    with corpus_path.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    t, c = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    print(
        json.dumps(
            {
                "model": model,
                "load_s": round(loaded - t0, 2),
                "pipe_s": round(time.perf_counter() - t, 2),
                "pipe_cpu_s": round(time.process_time() - c, 2),
                "maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            }
        )
    )


def _storyline(*args: str) -> list[str]:
    return [sys.executable, "-m", "storyline", *args]


def outputs(out: Path, workspace: Path | None) -> dict[str, Any]:
    """Sizes of what a run wrote and the dossier's own counts."""
    html = 0
    if (out / "dossier.html").exists():  # the page and any page folders beside it
        page = (out / "dossier.html").resolve()
        dirs = {d.resolve() for base in (out, page.parent) for d in base.iterdir() if d.is_dir()}
        html = page.stat().st_size + sum(
            folder_bytes(d) for d in dirs if not d.name.startswith(".")
        )
    stats = dossier_stats(out / "dossier.json") or {}
    return {
        "dossier_json_mb": round(folder_bytes(out / "dossier.json") / MB, 1),
        "dossier_html_mb": round(html / MB, 1),
        "output_folder_mb": round(folder_bytes(out) / MB, 1),
        "workspace_mb": round(folder_bytes(workspace) / MB, 1) if workspace else None,
        "dossier_valid": (out / "dossier.json").exists()
        and not (out / "dossier.invalid.json").exists(),
        "lineages": stats.get("lineages"),
        "documents_copied": stats.get("documents_copied"),
        "errors_in_dossier": stats.get("errors"),
        "documents_in_dossier": stats.get("documents"),
    }


def measure_size(n: int, processes: list[int], args: argparse.Namespace, work: Path) -> list[dict]:
    """All runs at one size: spaCy alone, then ``analyze`` per process count."""
    corpus_path = work / f"corpus-{n}.jsonl"
    counts = write_jsonl(corpus(args.eval_dir, n), corpus_path)
    n_docs = counts["real"] + counts["variant"]
    base = {"size": n, "documents": n_docs, **counts}
    runs: list[dict] = []
    spacy = None
    if not args.no_spacy:
        cmd = [sys.executable, __file__, "--spacy-child", str(corpus_path)]
        spacy = run_measured(cmd, _env())
        with contextlib.suppress(ValueError, IndexError):
            spacy.update(json.loads(spacy["output_tail"].strip().splitlines()[-1]))
        runs.append({**base, "command": "spacy nlp.pipe", "processes": 1, **spacy})
        print(f"  {n}: spaCy nlp.pipe {spacy.get('pipe_s')} s", flush=True)
    for j in processes:
        ws, out = work / f"ws-{n}-j{j}.db", work / f"out-{n}-j{j}"
        cmd = _storyline(
            "analyze", str(corpus_path), "--out", str(out), "--workspace", str(ws),
            "-j", str(j), "--json",
            *(["--layout", args.layout] if args.layout else []),
        )  # fmt: skip
        run = {**base, "command": "storyline analyze", "processes": j}
        run.update(run_measured(cmd, _env()))
        run.update(outputs(out, ws))
        if run["returncode"] != 0:
            run["dossier_valid"] = False  # a failed run never counts as a valid dossier
        run["articles_per_s"] = round(n_docs / run["wall_s"], 2)
        if spacy and spacy.get("pipe_s"):
            run["ratio_vs_spacy_wall"] = round(spacy["pipe_s"] / run["wall_s"], 3)
            run["ratio_vs_spacy_cpu"] = round(spacy["pipe_cpu_s"] / run["cpu_s"], 3)
        runs.append(run)
        print(
            f"  {n}: analyze -j {j}: {run['wall_s']} s wall, {run['cpu_s']} s CPU, "
            f"PSS peak {run['peak_pss_tree_mb']} MB, rc {run['returncode']}",
            flush=True,
        )
        if not args.keep:
            shutil.rmtree(out, ignore_errors=True)
            ws.unlink(missing_ok=True)
    return runs


def report_only(workspace: Path, work: Path) -> dict:
    """``storyline report`` on an existing workspace (the workspace is not changed
    by report, but a copy is not made: pass a throw-away one)."""
    out = work / "out-report"
    run = {"command": "storyline report", "workspace": str(workspace), "processes": 1}
    run.update(
        run_measured(_storyline("report", "--workspace", str(workspace), "--out", str(out)), _env())
    )
    run.update(outputs(out, workspace))
    run["documents"] = run.get("documents_in_dossier")
    return run


def summarise(runs: list[dict]) -> dict[str, Any]:
    """Growth exponents over the ``analyze -j 1`` runs, the -j 2 speed-up, the feed."""
    one = sorted(
        (r for r in runs if r["command"] == "storyline analyze" and r["processes"] == 1),
        key=lambda r: r["documents"],
    )
    out: dict[str, Any] = {}
    if len(one) >= 2:
        xs = [r["documents"] for r in one]
        for key in ("wall_s", "cpu_s", "peak_pss_tree_mb", "dossier_json_mb", "dossier_html_mb"):
            ys = [float(r.get(key) or 0) for r in one]
            out[f"exponent_{key}"] = {"all": slope(xs, ys), "pairs": pairwise_slopes(xs, ys)}
        out["exponent_sizes"] = xs
    by_size: dict[int, dict[int, dict]] = {}
    for r in runs:
        if r["command"] == "storyline analyze":
            by_size.setdefault(r["documents"], {})[r["processes"]] = r
    out["speedup_j2_vs_j1"] = {
        n: {
            "wall": round(js[1]["wall_s"] / js[2]["wall_s"], 2),
            "load_before": js[2]["load_average_before"],
        }
        for n, js in sorted(by_size.items())
        if 1 in js and 2 in js
    }
    if one:
        big = one[-1]
        pair = by_size.get(big["documents"], {}).get(2)
        base = big["peak_pss_tree_mb"]
        extra = pair["peak_pss_tree_mb"] - base if pair else base  # no pair: a whole copy
        per_doc = big["cpu_s"] / big["documents"]
        out["feed"] = {
            "from_run": f"analyze -j 1 at {big['documents']} documents"
            + (" and -j 2 (memory of a second worker)" if pair else ""),
            "extra_worker_mb": extra,
            "one_machine": feed_needs(per_doc, base, extra),
        }
        exp = out.get("exponent_cpu_s", {}).get("all")
        if exp:
            # one dossier over a whole day's feed, if CPU keeps growing as measured
            day = big["cpu_s"] * (FEED_PER_DAY / big["documents"]) ** exp
            out["feed"]["one_daily_batch_cpu_s_extrapolated"] = round(day)
        out["feed"]["spark"] = spark_feed()
    return out


def spark_feed() -> dict[str, Any]:
    """Executor cores for the feed, from the Spark run on 10,000 records
    (``benchmarks/results/spark-10000.json``, written by ``benchmarks/spark.py``).

    CPU seconds per article of the whole Spark process tree, not wall time:
    that run shared the machine, and CPU is what a cluster pays for."""
    if not SPARK.exists():
        return {"note": f"no {SPARK.relative_to(ROOT)}: run benchmarks/spark.py --docs 10000"}
    spark = json.loads(SPARK.read_text())
    cpu = spark.get("runs", {}).get("spark", {}).get("cpu")
    docs = spark.get("spark_documents") or spark.get("docs")
    if not cpu or not docs:
        return {"note": f"no Spark CPU time in {SPARK.name}"}
    per_article = cpu / docs
    core_seconds = 200_000 * per_article
    return {
        "measured": f"{docs} documents, {spark.get('master')}: {cpu} CPU s ({SPARK.name})",
        "cpu_s_per_article": round(per_article, 3),
        "core_seconds_per_day": round(core_seconds),
        "executor_cores_busy_on_average": round(core_seconds / 86_400, 2),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 3000, 10000])
    ap.add_argument("--quick", action="store_true", help="sizes 100 and 300 (-j 2 at 300)")
    ap.add_argument("--processes", type=int, nargs="+", default=[1])
    ap.add_argument("--pair-at", type=int, default=1000, help="also run -j 2 at this size")
    ap.add_argument("--no-spacy", action="store_true")
    ap.add_argument(
        "--layout", choices=["auto", "single", "paged"], help="dossier layout (CLI default: auto)"
    )
    ap.add_argument("--report-only", type=Path, default=None, metavar="WORKSPACE")
    ap.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--work", type=Path, default=None, help="keep corpora/workspaces here")
    ap.add_argument("--keep", action="store_true", help="keep workspaces and outputs")
    ap.add_argument("--merge", action="store_true", help="add to the results file")
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--combine", type=Path, nargs="*", default=[], help="add these results' runs")
    ap.add_argument(
        "--probe-lineages",
        type=int,
        default=0,
        metavar="N",
        help="count copy lineages among the first N texts (copy detector on text alone)",
    )
    ap.add_argument("--table", action="store_true", help="print the results as markdown")
    ap.add_argument("--spacy-child", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.table:
        print(markdown(json.loads(args.out.read_text())))
        return 0
    if args.spacy_child:
        spacy_child(args.spacy_child)
        return 0
    if not args.report_only and not args.eval_dir.exists():
        print(f"no texts: {args.eval_dir} is absent; pass --eval-dir", file=sys.stderr)
        return 2
    sizes = [100, 300] if args.quick else args.sizes
    pair_at = 300 if args.quick else args.pair_at
    old = json.loads(args.out.read_text()) if args.merge and args.out.exists() else {}
    runs: list[dict] = list(old.get("runs", []))
    corpus_info = dict(old.get("corpus", {}))
    for extra in args.combine:
        runs.extend(json.loads(extra.read_text()).get("runs", []))
        corpus_info.update(json.loads(extra.read_text()).get("corpus", {}))
    if args.eval_dir.exists():
        real = real_texts(args.eval_dir)
        by = Counter(r["id"].rsplit("-", 1)[0] for r in real)
        corpus_info["distinct_real_texts"] = {"all": len(real), **dict(by.most_common())}
    if args.probe_lineages:
        from growth_corpus import copy_lineages

        texts = list(corpus(args.eval_dir, args.probe_lineages))
        corpus_info[f"lineages_{args.probe_lineages}"] = copy_lineages(texts)
        print(corpus_info, flush=True)
    if args.work:
        args.work.mkdir(parents=True, exist_ok=True)
    tmp = tempfile.TemporaryDirectory(dir=args.work) if not args.work or not args.keep else None
    work = Path(tmp.name) if tmp else args.work
    work.mkdir(parents=True, exist_ok=True)
    try:
        if args.report_only:
            runs.append(report_only(args.report_only, work))
        for n in sizes:
            procs = sorted(set(args.processes) | ({2} if n == pair_at else set()))
            new = measure_size(n, procs, args, work)
            keys = {(r["command"], r["size"], r["processes"]) for r in new}
            runs = [r for r in runs if (r["command"], r.get("size"), r["processes"]) not in keys]
            runs.extend(new)
            save(args.out, runs, corpus_info)
    finally:
        if tmp:
            tmp.cleanup()
    save(args.out, runs, corpus_info)
    return 0


def save(path: Path, runs: list[dict], corpus_info: dict[str, Any]) -> None:
    """Write the runs, their summary and the machine (after every size, so a
    long run that is stopped keeps what it measured). A command's output is
    kept only when it failed (it lists document ids, nothing to keep)."""
    runs = [{k: v for k, v in r.items() if k != "output_tail" or r.get("returncode")} for r in runs]
    report = {
        "benchmark": "storyline analyze end to end at growing sizes vs spaCy nlp.pipe",
        "machine": machine(),
        "written": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "corpus": corpus_info,
        "runs": runs,
        "summary": summarise(runs),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report["summary"], indent=2))


if __name__ == "__main__":
    sys.exit(main())
