"""Run one step of the dossier phase in a forked child while the main process works on.

Why: with ``-j 2`` the analysis phase uses both cores, but fusion and the
report ran in one process and were a quarter of a one-process run, which
capped the whole run's speed-up near 1.5x (issue 17). Steps that do not
depend on each other (copy detection and entity resolution; story
clustering and event grouping; rendering dossier.md / .html and validating
plus streaming dossier.json) now run side by side.

A child is made with ``fork``: it inherits the inputs (the analyses, the
dossier dict) without pickling them; only its result crosses back, pickled
through a pipe. Memory: the child shares the parent's pages copy-on-write,
but Python's reference counts dirty every page of an object it reads, so a
child that walks the whole dossier costs up to one more copy of the pages it
touched, for as long as it runs.

Never a source of failure or of different output: without ``fork`` (or with
one process) the step runs inline; if the child dies or raises, the step is
run again inline, so the result is always the one-process result.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass
class ForkStats:
    """CPU seconds of forked steps, for ``benchmarks/parallel.py``'s critical path.

    ``child_cpu``: CPU the children used. ``wait_cpu``: of it, what the main
    process would have waited for on idle cores (a child's CPU minus the main
    process's CPU between fork and collection, when positive)."""

    child_cpu: float = 0.0
    wait_cpu: float = 0.0
    steps: list[str] = field(default_factory=list)


STATS = ForkStats()


def _child(conn: Connection, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    start = time.process_time()
    try:
        result = fn(*args)
        conn.send(("ok", result, time.process_time() - start))
    except BaseException:  # noqa: BLE001 - reported to the parent, which reruns inline
        conn.send(("error", traceback.format_exc(), time.process_time() - start))
    finally:
        conn.close()


class Forked(Generic[T]):
    """``fn(*args)`` started in a forked child (or deferred, when it cannot fork)."""

    def __init__(self, fn: Callable[..., T], *args: Any, enabled: bool = True) -> None:
        self.fn, self.args = fn, args
        self.proc: Any = None
        self.conn: Connection | None = None
        self.main_cpu = time.process_time()
        if enabled and "fork" in mp.get_all_start_methods():
            try:
                ctx = mp.get_context("fork")
                self.conn, child_end = ctx.Pipe(duplex=False)
                self.proc = ctx.Process(target=_child, args=(child_end, fn, args), daemon=True)
                self.proc.start()
                child_end.close()
            except OSError:  # no memory or process slots to fork: run inline later
                self.proc = self.conn = None

    def result(self) -> T:
        """The step's result: the child's, or computed here if there was no child
        or it failed (so the output never depends on whether forking worked)."""
        if self.proc is None or self.conn is None:
            return self.fn(*self.args)
        try:
            status, value, cpu = self.conn.recv()
        except (EOFError, OSError):
            status, value, cpu = "error", "child died", 0.0
        finally:
            self.conn.close()
            self.proc.join()
        overlap = time.process_time() - self.main_cpu
        STATS.child_cpu += cpu
        STATS.wait_cpu += max(0.0, cpu - overlap)
        STATS.steps.append(getattr(self.fn, "__name__", "step"))
        if status == "ok":
            return value  # type: ignore[no-any-return]
        return self.fn(*self.args)

    def cancel(self) -> None:
        """Stop the child without waiting for its result."""
        if self.proc is not None:
            self.proc.kill()
            self.proc.join()
        if self.conn is not None:
            self.conn.close()
        self.proc = self.conn = None


def can_fork(processes: int) -> bool:
    """Whether steps are forked: more than one process asked for, ``fork`` available."""
    return processes > 1 and "fork" in mp.get_all_start_methods() and os.name == "posix"
