"""Measuring a command's whole process tree, fitting growth exponents, sizing a feed.

Used by ``benchmarks/growth.py``; kept apart so its pure parts are tested
(``tests/benchmarks/test_growth.py``). Linux only: memory is sampled from
``/proc`` (no psutil needed).
"""

from __future__ import annotations

import math
import os
import platform
import re
import subprocess
import threading
import time
from pathlib import Path

FEED_PER_DAY = 200_000  # a GDELT-sized English news feed (issue 17)
STATS = re.compile(rb'"stats"\s*:\s*(\{[^{}]*\})')


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_bytes()
        except OSError:
            continue
        # the command name may hold spaces and parentheses: fields follow the last ')'
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def process_tree(root: int) -> list[int]:
    """``root`` and all its descendants now alive."""
    kids = _children_map()
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, ()))
    return out


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB; PSS splits pages shared after ``fork``."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except (OSError, ValueError):
        pass
    return rss, pss


class TreeSampler(threading.Thread):
    """Samples the memory of a process tree until stopped; keeps the peaks.

    ``peak_pss_mb`` (sum of PSS over the tree) is what the tree costs the
    machine; ``peak_rss_sum_mb`` counts pages shared by forked workers once per
    process, so it overstates; ``peak_rss_max_mb`` is the largest process."""

    def __init__(self, pid: int, interval: float = 1.0) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_pss = self.peak_rss_sum = self.peak_rss_max = 0
        self.max_processes = 0
        self.samples = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            mems = [_memory_kb(p) for p in process_tree(self.pid)]
            mems = [m for m in mems if m[0]]
            if mems:
                self.peak_pss = max(self.peak_pss, sum(p for _, p in mems))
                self.peak_rss_sum = max(self.peak_rss_sum, sum(r for r, _ in mems))
                self.peak_rss_max = max(self.peak_rss_max, max(r for r, _ in mems))
                self.max_processes = max(self.max_processes, len(mems))
                self.samples += 1
            self._halt.wait(self.interval)

    def stop(self) -> dict[str, float]:
        """Stop sampling; the peaks in MB."""
        self._halt.set()
        self.join()
        return {
            "peak_pss_tree_mb": round(self.peak_pss / 1024),
            "peak_rss_tree_sum_mb": round(self.peak_rss_sum / 1024),
            "peak_rss_largest_process_mb": round(self.peak_rss_max / 1024),
            "max_processes": self.max_processes,
            "memory_samples": self.samples,
        }


def run_measured(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, object]:
    """Run ``cmd``; wall seconds, CPU seconds of it and all its waited-for
    descendants (``wait4``), memory peaks of the tree, exit status, output tail."""
    load = os.getloadavg()
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    sampler = TreeSampler(proc.pid)
    sampler.start()
    output = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    result: dict[str, object] = {
        "wall_s": round(wall, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "maxrss_any_process_mb": round(usage.ru_maxrss / 1024),
        "returncode": proc.returncode,
        "load_average_before": [round(x, 2) for x in load],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "output_tail": output[-1500:],
    }
    result.update(sampler.stop())
    return result


def folder_bytes(path: Path) -> int:
    """Total size of the files under ``path`` (0 when it does not exist); a
    symbolic link (the dossier's names point into its current version folder)
    counts as its target when ``path`` is one, else not at all (no double count)."""
    if path.is_file():
        return path.stat().st_size
    if not path.is_dir():
        return 0
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def dossier_stats(path: Path) -> dict[str, int] | None:
    """The ``stats`` object of a dossier.json, read from its end without loading it."""
    if not path.exists():
        return None
    size = path.stat().st_size
    with path.open("rb") as fh:
        for tail in (1 << 20, size):
            fh.seek(max(0, size - tail))
            found = STATS.findall(fh.read())
            if found:
                import json

                return json.loads(found[-1])
    return None


def slope(xs: list[float], ys: list[float]) -> float | None:
    """Least-squares slope of log y against log x: the growth exponent
    (1 = linear, 2 = quadratic); None with fewer than two usable points."""
    pts = [(math.log(x), math.log(y)) for x, y in zip(xs, ys, strict=True) if x > 0 and y > 0]
    if len(pts) < 2:
        return None
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    den = sum((p[0] - mx) ** 2 for p in pts)
    if den == 0:
        return None
    return round(sum((p[0] - mx) * (p[1] - my) for p in pts) / den, 3)


def pairwise_slopes(xs: list[float], ys: list[float]) -> list[float | None]:
    """The exponent between each pair of consecutive sizes."""
    return [slope([xs[i], xs[i + 1]], [ys[i], ys[i + 1]]) for i in range(len(xs) - 1)]


def feed_needs(
    cpu_s_per_doc: float,
    base_mb: float,
    extra_worker_mb: float,
    per_day: int = FEED_PER_DAY,
    utilisation: float = 0.7,
) -> dict[str, float]:
    """Cores and memory a feed of ``per_day`` documents needs at a measured
    per-document CPU cost, with cores busy ``utilisation`` of the time (a feed
    is bursty; 0.7 leaves room for peaks and the serial dossier phase).
    Memory: ``base_mb`` (a one-process run's peak) plus ``extra_worker_mb``
    (what a second worker added, measured) per worker beyond the first."""
    rate = per_day / 86_400
    cores = rate * cpu_s_per_doc / utilisation
    workers = max(1, math.ceil(cores))
    return {
        "documents_per_s": round(rate, 2),
        "cpu_s_per_document": round(cpu_s_per_doc, 3),
        "core_seconds_per_day": round(per_day * cpu_s_per_doc),
        "cores_busy_on_average": round(rate * cpu_s_per_doc, 2),
        "cores_at_utilisation": round(cores, 2),
        "workers": workers,
        "memory_mb": round(base_mb + (workers - 1) * extra_worker_mb),
    }


def machine() -> dict[str, object]:
    """The machine the figures were measured on."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_kb = 0
    try:
        first = Path("/proc/meminfo").read_text().splitlines()[0]
        mem_kb = int(first.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu_model": model,
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def _fmt(value: object, digits: int = 1) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "**no**"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def markdown(report: dict) -> str:
    """The docs' tables from a results file: one row per run, then the exponents."""
    rows = [
        "| articles (real + variants) | command | -j | wall | articles/s | CPU (tree) "
        "| spaCy nlp.pipe ratio (wall / CPU) | peak PSS (tree) | largest process "
        "| dossier.json / html | lineages | valid | load avg (before → after) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    runs = sorted(report["runs"], key=lambda r: (r.get("documents") or 0, r["command"]))
    for r in runs:
        ratio = (
            f"{_fmt(r.get('ratio_vs_spacy_wall'), 2)} / {_fmt(r.get('ratio_vs_spacy_cpu'), 2)}"
            if "ratio_vs_spacy_wall" in r
            else "—"
        )
        spacy = r["command"].startswith("spacy")
        wall = r.get("pipe_s") if spacy else r["wall_s"]
        cpu = r.get("pipe_cpu_s") if spacy else r["cpu_s"]
        load = f"{r['load_average_before'][0]:.1f} → {r['load_average_after'][0]:.1f}"
        out = (
            "—"
            if spacy
            else f"{_fmt(r.get('dossier_json_mb'))} / {_fmt(r.get('dossier_html_mb'))} MB"
        )
        rows.append(
            f"| {_fmt(r.get('documents'))} ({_fmt(r.get('real'))} + {_fmt(r.get('variant'))}) "
            f"| {r['command']}{' (pipe only)' if spacy else ''} | {r['processes']} "
            f"| {_fmt(wall)} s | {_fmt(r.get('articles_per_s'), 2)} | {_fmt(cpu)} s | {ratio} "
            f"| {_fmt(r.get('peak_pss_tree_mb'))} MB "
            f"| {_fmt(r.get('peak_rss_largest_process_mb'))} MB "
            f"| {out} | {_fmt(r.get('lineages'))} | {_fmt(r.get('dossier_valid'))} | {load} |"
        )
    summary = report.get("summary", {})
    sizes = summary.get("exponent_sizes")
    if sizes:
        rows += [
            "",
            f"| growth exponent, analyze -j 1 at {', '.join(map(_fmt, sizes))} | all sizes "
            "(least squares) | between consecutive sizes |",
            "|---|---|---|",
        ]
        for key, label in (
            ("wall_s", "wall time"),
            ("cpu_s", "CPU time"),
            ("peak_pss_tree_mb", "peak memory (PSS)"),
            ("dossier_json_mb", "dossier.json size"),
            ("dossier_html_mb", "dossier.html size"),
        ):
            e = summary.get(f"exponent_{key}", {})
            pairs = ", ".join(_fmt(p, 2) for p in e.get("pairs", []))
            rows.append(f"| {label} | {_fmt(e.get('all'), 2)} | {pairs} |")
    return "\n".join(rows)
