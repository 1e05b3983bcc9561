"""The CLI is a thin shell: exit codes, --json, one error line per bad file."""

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app

runner = CliRunner()


def _corpus(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text("Dam holds at Orsk\n\nMayor Ilse Varga said the dam held.\n")
    (root / "b.txt").write_text("Port of Dalmar reopens\n\nShips left Dalmar on Friday.\n")
    return root


def test_analyze_json_and_outputs(tmp_path):
    root = _corpus(tmp_path)
    ws = tmp_path / "ws.db"
    res = runner.invoke(
        app, ["analyze", str(root), "--out", str(tmp_path / "out"), "-w", str(ws), "--json"]
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["documents"] == 2 and data["new"] == 2
    assert Path(data["outputs"]["json"]).exists()

    res = runner.invoke(app, ["status", "-w", str(ws), "--json"])
    assert json.loads(res.stdout)["documents"] == 2
    res = runner.invoke(app, ["search", "Dalmar", "-w", str(ws), "--json"])
    assert len(json.loads(res.stdout)) == 1
    res = runner.invoke(app, ["report", "-w", str(ws), "--out", str(tmp_path / "all"), "--json"])
    assert res.exit_code == 0 and (tmp_path / "all" / "dossier.html").exists()


def test_bad_file_gives_one_line_and_exit_1(tmp_path):
    root = _corpus(tmp_path)
    (root / "zero.txt").write_bytes(b"")
    proc = subprocess.run(
        [sys.executable, "-m", "storyline", "ingest", str(root), "-w", str(tmp_path / "w.db")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("error:")]
    assert len(lines) == 1 and "zero.txt" in lines[0] and "empty" in lines[0]
    assert "2 documents" in proc.stderr


def test_no_inputs_is_a_usage_error(tmp_path):
    res = runner.invoke(app, ["analyze", "-w", str(tmp_path / "w.db")])
    assert res.exit_code == 2


def test_every_command_help_has_an_example():
    for cmd in ("analyze", "ingest", "report", "status", "search", "schema"):
        res = runner.invoke(app, [cmd, "--help"])
        assert res.exit_code == 0 and "Example: storyline" in res.output


def test_an_invalid_dossier_is_a_clear_error_and_kept_for_reporting(tmp_path, monkeypatch):
    from jsonschema import ValidationError

    import storyline.api as api_mod

    def broken(out, settings, doc_ids=None):
        raise ValidationError("dossier.documents[0].start: -1 is less than the minimum of 0")

    monkeypatch.setattr(api_mod, "report", broken)
    root = _corpus(tmp_path)
    ws = tmp_path / "ws.db"
    runner.invoke(app, ["ingest", str(root), "-w", str(ws)])
    res = runner.invoke(app, ["report", "-w", str(ws), "--out", str(tmp_path / "o")])
    assert res.exit_code == 2
    assert "failed its own validation" in res.output and "please report" in res.output


def test_schema_prints_the_composed_schema():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.output)
    assert schema["$id"] == "urn:storyline:schema:storyline-1"
    # The quotes section comes from the quotes extractor's fragment.
    assert "quotes" in schema["required"]
    assert schema["properties"]["quotes"]["items"]["required"] == ["id", "doc", "text", "kind"]
    assert "speaker" in schema["$defs"]
