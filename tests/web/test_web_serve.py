"""``storyline serve``: the command's help and refusals, and the token rule of
``storyline.web.serve`` (uvicorn itself is replaced by a stand-in)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from storyline import web
from storyline.cli import app
from storyline.settings import Settings


def test_help_has_an_example() -> None:
    res = CliRunner().invoke(app, ["serve", "--help"])
    assert res.exit_code == 0
    assert "Example: storyline serve --workspace" in res.output
    assert "--host" in res.output and "--port" in res.output


def test_a_missing_workspace_is_refused(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["serve", "--workspace", str(tmp_path / "none.db")])
    assert res.exit_code == 2
    assert "no workspace at" in res.output


def _served(monkeypatch: pytest.MonkeyPatch) -> dict:
    import uvicorn

    seen: dict = {}

    def fake_run(application, host: str, port: int, log_level: str) -> None:
        seen.update(app=application, host=host, port=port)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    return seen


def test_loopback_needs_no_token(tmp_path: Path, monkeypatch, capsys) -> None:
    seen = _served(monkeypatch)
    web.serve(Settings(workspace=tmp_path / "ws.db"), host="127.0.0.1", port=8123)
    err = capsys.readouterr().err
    assert "warning" not in err and "http://127.0.0.1:8123/" in err
    assert TestClient(seen["app"]).get("/api/dossier").status_code == 200


def test_other_hosts_warn_and_require_a_fresh_token(tmp_path: Path, monkeypatch, capsys) -> None:
    seen = _served(monkeypatch)
    web.serve(Settings(workspace=tmp_path / "ws.db"), host="0.0.0.0", port=8124)
    err = capsys.readouterr().err
    assert "warning: serving on 0.0.0.0:8124" in err
    token = err.split("?token=")[1].split()[0]
    assert len(token) >= 32
    client = TestClient(seen["app"])
    assert client.get("/api/dossier").status_code == 401
    assert client.get("/api/dossier", headers={"X-Storyline-Token": token}).status_code == 200
