"""Shared fixtures. Tests that need ../shared skip with a reason where it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when it is not there (a user's clone)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared/{'/'.join(parts)} not present (only in the team's checkout and CI)")
    return path


@pytest.fixture
def belarus() -> Path:
    return shared_path("corpus", "belarus-2022")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(workspace=tmp_path / "ws.db")
