"""Helpers for the read-stage tests: every input is written inside the test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from storyline.model import RawDocument, ReadError
from storyline.read import read_inputs
from storyline.settings import Settings


class Results(list[RawDocument | ReadError]):
    """What read_inputs yielded, in order, with the two kinds split out."""

    @property
    def docs(self) -> list[RawDocument]:
        return [r for r in self if isinstance(r, RawDocument)]

    @property
    def errors(self) -> list[ReadError]:
        return [r for r in self if isinstance(r, ReadError)]


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def read(settings: Settings) -> Callable[..., Results]:
    """``read("a.txt", dir)`` -> list of everything read_inputs yields."""

    def run(*inputs: str | Path, **kwargs: object) -> Results:
        kwargs.setdefault("settings", settings)
        return Results(read_inputs([str(i) for i in inputs], **kwargs))  # type: ignore[arg-type]

    return run
