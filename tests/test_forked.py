"""A forked step gives the one-process result, whatever happens to the child."""

from __future__ import annotations

import os

import pytest

from storyline.forked import STATS, Forked, can_fork

FORK = can_fork(2)
needs_fork = pytest.mark.skipif(not FORK, reason="no fork start method on this platform")
PARENT = os.getpid()


def pid_and_sum(values: list[int]) -> tuple[int, int]:
    return os.getpid(), sum(values)


def fails_in_child(x: int) -> int:
    if os.getpid() != PARENT:
        raise RuntimeError("only in the child")
    return x * 2


def dies_in_child(x: int) -> int:
    if os.getpid() != PARENT:
        os._exit(3)
    return x + 1


def test_one_process_never_forks():
    assert not can_fork(1)
    pid, total = Forked(pid_and_sum, [1, 2, 3], enabled=False).result()
    assert (pid, total) == (os.getpid(), 6)


@needs_fork
def test_the_step_runs_in_another_process_and_its_cpu_is_counted():
    steps = len(STATS.steps)
    pid, total = Forked(pid_and_sum, list(range(1000))).result()
    assert pid != os.getpid() and total == sum(range(1000))
    assert STATS.steps[steps:] == ["pid_and_sum"]
    assert STATS.child_cpu >= STATS.wait_cpu >= 0.0


@needs_fork
def test_a_child_that_raises_is_replaced_by_the_inline_result():
    assert Forked(fails_in_child, 21).result() == 42


@needs_fork
def test_a_child_that_dies_is_replaced_by_the_inline_result():
    assert Forked(dies_in_child, 41).result() == 42


@needs_fork
def test_a_cancelled_step_leaves_no_child():
    step = Forked(pid_and_sum, [1])
    step.cancel()
    assert step.proc is None
    assert step.result()[0] == os.getpid()  # asked anyway: computed here
