"""How long a 1,000-article dossier takes to open in a real browser (issue 15, item 5).

Builds the dossier of ``--docs`` articles, then opens ``dossier.html`` in
headless Debian Chromium (``tools/browser.py``) ``--repeat`` times, each in a
fresh browser context (nothing cached), and reports the median of: navigation
start to the load event, to first contentful paint, and to DOMContentLoaded,
with the file's size and how many elements and screens the page has::

    python benchmarks/dossier_open.py [--docs 1000] [--repeat 3]
    python benchmarks/dossier_open.py --work /tmp/big     # keep the built dossier
    python benchmarks/dossier_open.py --dossier /tmp/big/out/dossier.html   # measure only

The articles: real news texts from ``../shared/eval`` (PolNeAR, ECB+, CoNLL-2003,
as ``benchmarks/large.py`` takes them) when that folder is there, else
synthetic variants of ``examples/corpus`` (names, numbers and dates changed per
variant, so they are distinct documents, though still near-copies of ten
stories). Results: ``benchmarks/results/dossier_open.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT / "src", ROOT, ROOT / "benchmarks"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from large import corpus as eval_corpus  # noqa: E402

from tools import browser as chromium  # noqa: E402

FCP_RECORDED_JS = "() => performance.getEntriesByName('first-contentful-paint').length > 0"

TIMING_JS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  return {
    load_ms: nav.loadEventEnd - nav.startTime,
    dom_content_loaded_ms: nav.domContentLoadedEventEnd - nav.startTime,
    first_contentful_paint_ms: fcp ? fcp.startTime : null,
    elements: document.getElementsByTagName('*').length,
    height_px: document.scrollingElement.scrollHeight,
  };
}"""

# Invented replacements for the synthetic variants (no real person or place).
NAMES = ("Aldren", "Brisk", "Corvell", "Dunmore", "Essling", "Farrow", "Galdon", "Hesketh")


def synthetic_corpus(n: int) -> list[dict[str, str]]:
    """``n`` variants of the sample articles: every capitalised word of six or
    more letters that recurs gets a per-variant suffix, numbers shift, the
    year changes, so no two texts are equal."""
    texts = [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "corpus").glob("*.txt"))
    ]
    out: list[dict[str, str]] = []
    for i in range(n):
        base = texts[i % len(texts)]
        tag = NAMES[i % len(NAMES)] + str(i // len(NAMES))

        def name(m: re.Match[str], tag: str = tag) -> str:
            return m.group(0) + tag if len(m.group(0)) >= 6 else m.group(0)

        text = re.sub(r"\b[A-Z][a-z]{5,}\b", name, base)
        text = re.sub(r"\b\d{1,3}(?:,\d{3})*\b", lambda m, i=i: f"{_num(m.group(0)) + i:,}", text)
        text = text.replace("2025", str(2000 + i % 25))
        out.append({"id": f"synthetic-{i}", "text": text})
    return out


def _num(s: str) -> int:
    return int(s.replace(",", ""))


def build(records: list[dict[str, str]], tmp: Path, processes: int) -> tuple[Path, float]:
    """Analyse the records (one JSONL input) in a fresh workspace: dossier.html, seconds."""
    from storyline.api import analyze
    from storyline.settings import Settings

    src = tmp / "corpus.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    t = time.perf_counter()
    result = analyze(
        [str(src)], tmp / "out", Settings(workspace=tmp / "ws.db", processes=processes)
    )
    return Path(result.paths["html"]).resolve(), time.perf_counter() - t


def measure(html: Path, repeat: int, width: int, browser: Any = None) -> dict[str, Any]:
    """Open ``html`` ``repeat`` times, each in a fresh context of ``browser``
    (default: one started here); the runs and their medians."""
    if browser is None:
        with chromium.browser() as started:
            return measure(html, repeat, width, started)
    runs: list[dict[str, Any]] = []
    for _ in range(repeat):
        ctx = browser.new_context(viewport={"width": width, "height": 900})
        page = ctx.new_page()
        t = time.perf_counter()
        page.goto(html.as_uri(), wait_until="load", timeout=600_000)
        wall = time.perf_counter() - t
        # on a busy machine the paint entry can be recorded after the load event
        with contextlib.suppress(Exception):
            page.wait_for_function(FCP_RECORDED_JS, timeout=10_000)
        run = page.evaluate(TIMING_JS)
        run["goto_wall_ms"] = round(wall * 1000)
        runs.append(run)
        ctx.close()
    keys = ("load_ms", "first_contentful_paint_ms", "dom_content_loaded_ms", "goto_wall_ms")
    medians = {
        k: round(statistics.median(r[k] for r in runs if r[k] is not None))
        for k in keys
        if any(r[k] is not None for r in runs)
    }
    return {"median": medians, "runs": runs}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--width", type=int, default=chromium.DESKTOP["width"])
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--source", choices=("auto", "eval", "synthetic"), default="auto")
    ap.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--dossier", type=Path, help="measure this dossier.html; build nothing")
    ap.add_argument(
        "--work", type=Path, help="build here and keep it (default: a temporary folder)"
    )
    ap.add_argument(
        "--out", type=Path, default=ROOT / "benchmarks" / "results" / "dossier_open.json"
    )
    args = ap.parse_args()
    reason = chromium.missing_reason()
    if reason:
        print(f"cannot measure: {reason}", file=sys.stderr)
        return 2
    report: dict[str, Any] = {"benchmark": "open dossier.html in headless Chromium"}
    with tempfile.TemporaryDirectory(prefix="storyline-open-") as scratch:
        tmp = args.work or Path(scratch)
        tmp.mkdir(parents=True, exist_ok=True)
        if args.dossier:
            html, source = args.dossier.resolve(), f"given: {args.dossier}"
        else:
            records: list[dict[str, str]] = []
            source = "synthetic variants of examples/corpus"
            if args.source in ("auto", "eval") and args.eval_dir.is_dir():
                records = eval_corpus(args.eval_dir, args.docs)
                source = "real news texts from ../shared/eval (PolNeAR, ECB+, CoNLL-2003)"
            if len(records) < args.docs and args.source != "eval":
                records, source = (
                    synthetic_corpus(args.docs),
                    "synthetic variants of examples/corpus",
                )
            html, seconds = build(records, tmp, args.processes)
            report.update(documents=len(records), analyse_seconds=round(seconds, 1))
            stats = json.loads((html.parent / "dossier.json").read_text(encoding="utf-8"))["stats"]
            report["documents_in_dossier"] = stats.get("documents")
        report.update(
            source=source,
            chromium=chromium.CHROMIUM,
            width=args.width,
            repeat=args.repeat,
            html_bytes=html.stat().st_size,
            **measure(html, args.repeat, args.width),
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    m = report["median"]
    print(
        f"{report.get('documents', '?')} documents, dossier.html {report['html_bytes']:,} bytes: "
        f"load {m.get('load_ms')} ms, "
        f"first contentful paint {m.get('first_contentful_paint_ms')} ms "
        f"(median of {args.repeat}); written to {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
