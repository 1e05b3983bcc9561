"""One ``api.ingest`` in its own process, for the concurrency, kill and orphan tests.

Run as a script (``python ingest_driver.py WORKSPACE INPUT... [options]``) so a
test can start two at once or ``kill -9`` one. With ``--stub-delay`` the
per-document analysis is replaced by a cheap deterministic stand-in (no model
load), so those tests stay fast; the stand-in replaces
``Pipeline.analyze_many`` before any pool starts, so forked workers use it too.
``--barrier DIR`` makes starts simultaneous: the driver writes
``DIR/ready-<pid>`` and waits for ``DIR/go``; ``--die-after K`` kills the
process (SIGKILL) when its stand-in is asked for analysis K+1.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

DRIVER = Path(__file__)


def write_docs(folder: Path, names: range, tag: str = "") -> None:
    """Tiny two-paragraph articles ``dNNN.txt``, distinct by number (and ``tag``)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in names:
        (folder / f"d{i:03}.txt").write_text(f"Report {i}{tag}\n\nThe dam {i} held overnight.\n")


def driver_command(workspace: Path, inputs: list[Path], *options: str) -> list[str]:
    """The command line that runs this driver with the test's Python."""
    return [sys.executable, str(DRIVER), str(workspace), *map(str, inputs), *options]


def install_stub(delay: float, die_after: int | None = None) -> None:
    """Replace the analysis with one that only records the text (and waits ``delay`` s).

    ``die_after``: the process kills itself with SIGKILL when asked for one
    more analysis than that, a ``kill -9`` at an exactly known point.
    """
    from storyline.model import DocumentAnalysis, Metadata, RawDocument
    from storyline.pipeline import Pipeline

    done = [0]

    def analyze_many(self: Pipeline, raws: Iterable[RawDocument]) -> Iterator[DocumentAnalysis]:
        for raw in raws:
            if die_after is not None and done[0] >= die_after:
                os.kill(os.getpid(), signal.SIGKILL)
            done[0] += 1
            time.sleep(delay)
            yield DocumentAnalysis(
                raw.id,
                self.version,
                raw.text,
                raw.source,
                raw.format,
                Metadata(),
                n_tokens=len(raw.text.split()),
            )

    Pipeline.analyze_many = analyze_many  # type: ignore[method-assign]


def wait_for_go(barrier: Path) -> None:
    """Say we are ready, then wait for the test's go (polling; the test owns the timeout)."""
    (barrier / f"ready-{os.getpid()}").write_text("")
    while not (barrier / "go").exists():
        time.sleep(0.005)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("workspace", type=Path)
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--stub-delay", type=float, default=None)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--barrier", type=Path, default=None)
    parser.add_argument("--die-after", type=int, default=None)
    args = parser.parse_args(argv)
    if args.stub_delay is not None:
        install_stub(args.stub_delay, args.die_after)
    from storyline import api
    from storyline.settings import Settings

    settings = Settings(
        workspace=args.workspace, processes=args.processes, batch_size=args.batch_size
    )
    if args.barrier is not None:
        wait_for_go(args.barrier)
    result = api.ingest(args.inputs, settings)
    sys.stdout.write(json.dumps(result.to_dict()) + "\n")
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
