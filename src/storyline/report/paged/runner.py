"""Build parts in forked children, one or ``workers`` at a time.

Why a child per part: after a part is built and written, CPython and the C
allocator keep most of the memory it used (freed objects leave arenas
fragmented), so a second part in the same process started from the first
one's peak. A forked child returns all of it to the system when it exits:
the peak of a paged run is the parent (imports, digests, plan) plus the
largest part. With ``workers`` > 1 that many parts are built side by side,
each in one process, and memory grows with each.

Only the part's manifest (a small dict) crosses back, pickled through a
pipe. A child that raises reports the error; a child that dies (killed,
out of memory) is reported as such; neither is rerun in the parent, which
would only fail again with more memory in use. Without ``fork`` (not POSIX)
the parts are built inline, one after another.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import traceback
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any

#: A job: its position and the call that builds the part (returns its manifest).
Job = tuple[int, Callable[[], dict[str, Any]]]


class PartFailed(RuntimeError):
    """A part could not be built; the message says why in one line."""


def can_fork() -> bool:
    """Whether parts can be built in forked children here."""
    return os.name == "posix" and "fork" in mp.get_all_start_methods()


def _child(conn: Connection, build: Callable[[], dict[str, Any]]) -> None:
    try:
        conn.send(("ok", build()))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent
        last = traceback.format_exception_only(type(exc), exc)[-1].strip()
        conn.send(("error", last))
    finally:
        conn.close()


def run_isolated(call: Callable[[], Any], isolate: bool = True) -> Any:
    """``call()`` in a forked child, its result pickled back (inline without fork).

    Why: planning reads every document's digest (about 1 GB of Python objects
    at 100,000 documents) and CPython keeps that memory after it is freed;
    each forked part would then start from it. Planned in a child, the
    parent stays small and only the partitions (document ids) come back.
    An error in the child is raised again here as ``PartFailed``.
    """
    if not isolate or not can_fork():
        return call()
    for _, result in run_parts([(0, call)], 1, True):
        if isinstance(result, PartFailed):
            raise result
        return result
    raise PartFailed("the planning process returned nothing")  # pragma: no cover


def run_parts(
    jobs: Sequence[Job], workers: int = 1, isolate: bool = True
) -> Iterator[tuple[int, dict[str, Any] | PartFailed]]:
    """Run ``jobs``; yield ``(position, manifest or PartFailed)`` as each ends."""
    if not isolate or not can_fork():
        for i, build in jobs:
            try:
                yield i, build()
            except Exception as exc:  # a bug upstream costs this part, not the run
                yield i, PartFailed(f"{type(exc).__name__}: {exc}")
        return
    ctx = mp.get_context("fork")
    pending = list(jobs)[::-1]
    running: dict[Any, tuple[int, Any]] = {}
    while pending or running:
        while pending and len(running) < max(1, workers):
            i, build = pending.pop()
            recv, send = ctx.Pipe(duplex=False)
            # not a daemon: the part's own fusion may fork with -j (storyline.forked)
            proc = ctx.Process(target=_child, args=(send, build), daemon=False)
            proc.start()
            send.close()
            running[recv] = (i, proc)
        for conn in wait(list(running)):
            i, proc = running.pop(conn)
            try:
                status, value = conn.recv()
            except (EOFError, OSError):
                status, value = "died", None
            conn.close()
            proc.join()
            if status == "ok":
                yield i, value
            elif status == "error":
                yield i, PartFailed(str(value))
            else:
                yield i, PartFailed(f"the process building it died (exit code {proc.exitcode})")
