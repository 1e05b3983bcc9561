"""Shared fixtures. Tests that need ../shared skip with a reason where it is absent."""

from __future__ import annotations

from collections.abc import Mapping
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


def analyze_dossier(inputs: Path, tmp: Path) -> dict:
    """Run the whole pipeline on ``inputs`` into ``tmp`` and return the valid dossier."""
    from storyline import api
    from storyline.report import validate_dossier

    result = api.analyze([str(inputs)], tmp / "out", Settings(workspace=tmp / "ws.db"))
    validate_dossier(result.dossier)
    return result.dossier


def analyzed_workspace(root: Path, files: Mapping[str, str]) -> Path:
    """Write ``files`` (name -> text) into ``root/in``, ``analyze`` them with the
    workspace ``root/ws.db`` (output in ``root/out``) and return the workspace
    path, its dossier stored; every file must read without error."""
    from storyline import api

    inputs = root / "in"
    inputs.mkdir()
    for name, text in files.items():
        (inputs / name).write_text(text, encoding="utf-8")
    result = api.analyze([str(inputs)], root / "out", Settings(workspace=root / "ws.db"))
    assert result.ingest.errors == []
    return root / "ws.db"


def gold_file_keys(dossier: dict) -> dict[str, str]:
    """doc id -> gold file key ("03_daily-lantern.txt", "08_feeds.jsonl#L1")."""
    out = {}
    for d in dossier["documents"]:
        path, _, frag = d["source"].partition("#")
        out[d["id"]] = Path(path).name + (f"#{frag}" if frag else "")
    return out


@pytest.fixture(scope="session")
def examples_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus analysed once per test session: its output folder
    (dossier.json, .md, .html under ``out/``); read-only for tests."""
    tmp = tmp_path_factory.mktemp("examples")
    analyze_dossier(EXAMPLES / "corpus", tmp)
    return tmp / "out"


@pytest.fixture(scope="session")
def examples_workspace(examples_out: Path) -> Path:
    """The workspace ``examples_out`` was written from (its dossier stored); read-only."""
    return examples_out.parent / "ws.db"


@pytest.fixture(scope="session")
def examples_dossier(examples_out: Path) -> dict:
    import json

    return json.loads((examples_out / "dossier.json").read_text(encoding="utf-8"))
