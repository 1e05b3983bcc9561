"""Nested attributions (issue 14, fourth round): an outer cue frame that the
filter scores above a rule proposal nested wholly in its content takes its
place ("X made clear [that Y expects ...]"); protected proposals, proposals
scored higher and partial overlaps keep the frame out. Offsets are of a
sentence written for the test."""

from __future__ import annotations

from types import SimpleNamespace

from storyline.extract.quotes.attribution import Attribution
from storyline.extract.quotes.filter import decide, nested_inside

TEXT = "The mayor made clear that the council expects the bridge to reopen soon."


def cue(word: str, i: int) -> SimpleNamespace:
    return SimpleNamespace(idx=TEXT.index(word), i=i, text=word)


def outer() -> Attribution:
    s = TEXT.index("that the council")
    return Attribution(s, len(TEXT) - 1, "indirect", [(s, len(TEXT) - 1)], cue=cue("made", 2),
                       origin="frame")  # fmt: skip


def inner(origin: str = "reported") -> Attribution:
    s = TEXT.index("the bridge")
    return Attribution(s, len(TEXT) - 1, "indirect", [(s, len(TEXT) - 1)], cue=cue("expects", 7),
                       origin=origin)  # fmt: skip


def test_a_higher_scored_outer_frame_replaces_the_nested_proposal():
    a, b = outer(), inner()
    kept = decide([b, a], [0.5, 1.5], thr=0.0, frame_thr=0.0)
    assert kept == [a]


def test_a_nested_proposal_scored_higher_keeps_the_frame_out():
    a, b = outer(), inner()
    assert decide([b, a], [2.0, 1.5], thr=0.0, frame_thr=0.0) == [b]


def test_a_protected_quotation_is_never_replaced():
    a, b = outer(), inner("direct")
    assert nested_inside(a, 9.0, [(0.1, b)]) == set()


def test_a_proposal_reaching_outside_the_frames_content_is_no_nested_one():
    a, b = outer(), inner()
    b.start = 0
    b.frags = [(0, len(TEXT) - 1)]
    assert nested_inside(a, 9.0, [(0.1, b)]) == set()
