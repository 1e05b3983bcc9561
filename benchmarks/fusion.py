"""Benchmark cross-document fusion (``storyline.fuse``) at 1k, 3k and 10k documents.

Source analyses: the bundled sample corpus (``examples/corpus``) and, when
present, the real articles of ``../shared/corpus/belarus-2022`` and
``../shared/corpus/voa``, run through the pipeline once (cached in a
workspace, ``--cache``). N analyses are then synthetic variants of these:
variant ``k`` clones source ``k mod S`` in round ``r = k div S`` with

* a new document id (every reference to the old one rewritten);
* every ISO date (publication, timex values) shifted by ``45 * r div 2 + r mod 2``
  days, so two rounds form one "story period" and periods follow each other;
* the words of its named-entity mentions renamed per story period (a
  pronounceable pseudo-word of the same length and capitalisation), so each
  period is a different story with different names;
* a quarter of its longer lower-case content words renamed per variant, so
  variants of one source are related reports, not all copies of each other.

Renaming keeps every word's length, so every offset stays valid and every
record's ``text`` is re-cut from the new document text (``text ==
doc_text[start:end]`` holds for the variants too).

Each size runs in a fresh process: after a warm-up ``fuse`` of the sources
(the gazetteer and models load once), it times every fuse step (in
``fuse``'s order), then the whole ``fuse()`` again, and reads the peak
resident memory.
Prints a table and writes per-step wall and CPU seconds and the growth
exponent (slope of log time against log N, least squares over the sizes) to
``benchmarks/results/fusion.json``::

    python benchmarks/fusion.py [--sizes 1000 3000 10000]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SOURCES = (
    ROOT / "examples" / "corpus",
    ROOT.parent / "shared" / "corpus" / "belarus-2022",
    ROOT.parent / "shared" / "corpus" / "voa",
)
RESULTS = ROOT / "benchmarks" / "results" / "fusion.json"
STEPS = ("copies", "entities", "roles", "quotes", "events", "timeline", "forecasts", "conflicts")
PERIOD_DAYS = 45  # days between two story periods
ROUNDS_PER_PERIOD = 2
RENAME_SHARE = 4  # one content word in this many is renamed per variant
ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
WORD = re.compile(r"[A-Za-z]+")
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})


def source_analyses(cache: Path) -> list[dict[str, Any]]:
    """The analyses of the source corpora as dicts (analysed once, then cached)."""
    from storyline.api import ingest
    from storyline.settings import Settings
    from storyline.store import Workspace

    paths = [str(p) for p in SOURCES if p.exists()]
    result = ingest(paths, Settings(workspace=cache))
    with Workspace(cache) as ws:
        return [a.to_dict() for a in ws.analyses(result.doc_ids)]


def _pseudo(word: str, salt: str) -> str:
    """A pronounceable stand-in of the same length and capitalisation."""
    rng = random.Random(hashlib.sha1(f"{word}|{salt}".encode()).digest())
    cons, vow = "bdfgklmnprstvz", "aeiou"
    out = "".join(rng.choice(vow if i % 2 else cons) for i in range(len(word)))
    if word[0].isupper():
        out = out[0].upper() + out[1:]
    return out.upper() if word.isupper() and len(word) > 1 else out


def _names(src: dict[str, Any]) -> set[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    out = set()
    for m in src.get("mentions") or []:
        if m.get("label") in NAME_LABELS:
            for w in WORD.findall(str(m.get("text", ""))):
                if len(w) > 2 and w[0].isupper() and w.lower() not in STOP_WORDS:
                    out.add(w)
    return out


def _shift(value: str, days: int) -> str:
    m = ISO_DAY.match(value)
    if m is None:
        return value
    try:
        day = date(int(m.group(1)), int(m.group(2)), int(m.group(3))) + timedelta(days=days)
    except ValueError:
        return value
    return day.isoformat() + value[10:]


def variant(src: dict[str, Any], k: int, n_sources: int) -> dict[str, Any]:
    """Variant ``k`` of one source analysis (see the module docstring)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    rnd = k // n_sources
    period = rnd // ROUNDS_PER_PERIOD
    days = PERIOD_DAYS * period + rnd % ROUNDS_PER_PERIOD
    old_id, new_id = src["doc_id"], f"{src['doc_id']}v{k}"
    names = _names(src) if period else set()
    old_text: str = src["text"]

    def rename(m: re.Match[str]) -> str:
        w = m.group()
        if w in names:
            return _pseudo(w, f"p{period}")
        low = w.lower()
        if (
            w.islower()
            and len(w) > 4
            and low not in STOP_WORDS
            and int(hashlib.md5(f"{w}|{k}".encode()).hexdigest()[:4], 16) % RENAME_SHARE == 0
        ):
            return _pseudo(w, f"w{period}")
        return w

    text = WORD.sub(rename, old_text) if rnd else old_text

    def walk(x: Any, key: str = "") -> Any:
        if isinstance(x, dict):
            out = {k2: walk(v, k2) for k2, v in x.items()}
            s, e, t = out.get("start"), out.get("end"), x.get("text")
            cut = isinstance(s, int) and isinstance(e, int) and isinstance(t, str)
            if cut and old_text[s:e] == t:
                out["text"] = text[s:e]
            return out
        if isinstance(x, list):
            return [walk(v, key) for v in x]
        if isinstance(x, str):
            if key == "text":
                return x if x == old_text else WORD.sub(rename, x) if rnd else x
            x = x.replace(old_id, new_id) if old_id in x else x
            return _shift(x, days) if days and ISO_DAY.match(x) else x
        return x

    out = walk({k2: v for k2, v in src.items() if k2 != "text"})
    out["text"] = text
    out["doc_id"] = new_id
    return out


def build(sources: list[dict[str, Any]], n: int) -> list[Any]:
    from storyline.model import DocumentAnalysis

    return [
        DocumentAnalysis.from_dict(variant(sources[k % len(sources)], k, len(sources)))
        for k in range(n)
    ]


def time_steps(
    analyses: list[Any], whole: bool = True
) -> tuple[dict[str, float], dict[str, float]]:
    """Wall and CPU seconds per fuse step, run as ``fuse`` runs them, then the
    whole ``fuse()``. CPU time is the steadier figure on a shared machine."""
    import storyline.fuse as F

    t: dict[str, float] = {}
    cpu: dict[str, float] = {}

    def timed(name: str, fn: Any) -> Any:
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        t[name] = t.get(name, 0.0) + time.perf_counter() - t0
        cpu[name] = cpu.get(name, 0.0) + time.process_time() - c0
        return out

    lin = timed("copies", lambda: F.find_copies(analyses))
    ents, _ = timed(
        "entities", lambda: F.align_entities(F.resolve_entities(analyses), analyses, lin)
    )
    timed("roles", lambda: F.attach_roles(analyses, ents))
    qg = timed("quotes", lambda: F.group_quotes(analyses))
    sp = timed("quotes", lambda: F.link_speakers(analyses, ents))
    fused = F.Fused(entities=ents, lineages=lin, quote_groups=qg, speaker_entities=sp)
    fused.sections["event_groups"] = timed("events", lambda: F.group_events(analyses, fused))
    timed("timeline", lambda: F.add_timeline(fused, analyses))
    timed("forecasts", lambda: F.build_forecasts(analyses, lin, fused.sections["event_groups"]))
    timed("conflicts", lambda: F.find_conflicts(analyses, fused))
    t["sum of steps"] = sum(t[s] for s in STEPS)
    cpu["sum of steps"] = sum(cpu[s] for s in STEPS)
    if whole:
        timed("fuse()", lambda: F.fuse(analyses))
    return t, cpu


def one_size(n: int, sources_path: Path, whole: bool = True) -> dict[str, Any]:
    """Build N variants and time them (run in a fresh process per size)."""
    sources = json.loads(sources_path.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    analyses = build(sources, n)
    built = time.perf_counter() - t0
    import storyline.fuse as F

    F.fuse(build(sources, len(sources)))  # warm-up: gazetteer and models load once
    rss_built = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    seconds, cpu = time_steps(analyses, whole)
    return {
        "docs": n,
        "build_seconds": round(built, 2),
        "seconds": {k: round(v, 3) for k, v in seconds.items()},
        "cpu_seconds": {k: round(v, 3) for k, v in cpu.items()},
        "rss_mb_after_build": round(rss_built),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def exponent(sizes: list[int], times: list[float]) -> float | None:
    """Least-squares slope of log(time) against log(N): 1 is linear, 2 quadratic."""
    pts = [(math.log(n), math.log(max(t, 1e-3))) for n, t in zip(sizes, times, strict=True)]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    den = sum((x - mx) ** 2 for x, _ in pts)
    return round(sum((x - mx) * (y - my) for x, y in pts) / den, 2) if den else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000, 10000])
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "sl-fusion.db")
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument(
        "--no-whole",
        action="store_true",
        help="skip the second, whole fuse() run (halves the time)",
    )
    ap.add_argument(
        "--merge", type=Path, nargs="+", help="combine the runs of earlier result files"
    )
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: one size
    ap.add_argument("--sources", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one_size(args.one, args.sources, not args.no_whole)))
        return 0
    if args.merge:
        files = [json.loads(p.read_text(encoding="utf-8")) for p in args.merge]
        runs = sorted((r for f in files for r in f["runs"]), key=lambda r: r["docs"])
        return report(runs, files[0]["sources"], args.out)
    sources = source_analyses(args.cache)
    with tempfile.TemporaryDirectory() as tmp:
        src_file = Path(tmp) / "sources.json"
        src_file.write_text(json.dumps(sources), encoding="utf-8")
        runs = []
        for n in args.sizes:
            cmd = [sys.executable, __file__, "--one", str(n), "--sources", str(src_file)]
            cmd += ["--no-whole"] if args.no_whole else []
            done = subprocess.run(cmd, capture_output=True, text=True)
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                return 1
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(f"{n} docs: {runs[-1]['seconds']}", file=sys.stderr, flush=True)
    return report(runs, len(sources), args.out)


def report(runs: list[dict[str, Any]], n_sources: int, out: Path) -> int:
    """Print the table and write the result file."""
    sizes = [r["docs"] for r in runs]
    names = [*STEPS, "sum of steps"] + (
        ["fuse()"] if all("fuse()" in r["seconds"] for r in runs) else []
    )
    growth = {s: exponent(sizes, [r["seconds"][s] for r in runs]) for s in names}
    growth_cpu = {s: exponent(sizes, [r["cpu_seconds"][s] for r in runs]) for s in names}
    head = "".join(f"{n:>9}" for n in sizes)
    print(f"{'step':<14}{head}{'exp':>6}  | CPU s {head}{'exp':>6}")
    for s in names:
        wall = "".join(f"{r['seconds'][s]:>9.2f}" for r in runs)
        cpus = "".join(f"{r['cpu_seconds'][s]:>9.2f}" for r in runs)
        print(f"{s:<14}{wall}{growth[s] or '-':>6}  |       {cpus}{growth_cpu[s] or '-':>6}")
    print(f"{'peak RSS MB':<14}" + "".join(f"{r['peak_rss_mb']:>10}" for r in runs))
    result = {
        "benchmark": "fusion",
        "sources": n_sources,
        "how": "synthetic variants of the analysed sample and shared corpora (module docstring)",
        "sizes": sizes,
        "runs": runs,
        "exponent": growth,
        "exponent_cpu": growth_cpu,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
