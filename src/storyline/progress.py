"""The progress callback every long call takes, and the one that says nothing.

One definition, so ``api`` and ``report.paged`` (and any later caller) agree
on its shape and share the same default.
"""

from __future__ import annotations

from collections.abc import Callable

#: progress(stage, done, total): total is None while it is not known yet
Progress = Callable[[str, int, int | None], None]


def no_progress(stage: str, done: int, total: int | None) -> None:
    """The default progress callback: reports nothing."""
