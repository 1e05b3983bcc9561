"""CLI polish: --version, plurals, status in words, search hits and exit codes,
and read-only commands that never import spaCy."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline import __version__
from storyline.api import IngestResult
from storyline.cli import app
from storyline.model import RawDocument
from storyline.store import Workspace
from storyline.terminal import plural, render_hits

runner = CliRunner()


def _workspace(path: Path, texts: dict[str, str]) -> Path:
    with Workspace(path) as ws:
        for name, text in texts.items():
            ws.add_document(RawDocument.create(name, text, text.encode(), "txt", title=None))
    return path


TEXTS = {
    "a.txt": "Mayor Varga's office said 20,000 sandbags reached Orsk.",
    "b.txt": "Ships left the port of Dalmar after the de-blockade.",
}


def test_version_option_and_command() -> None:
    for args in (["--version"], ["version"]):
        res = runner.invoke(app, args)
        assert res.exit_code == 0 and __version__ in res.stdout


def test_plural() -> None:
    assert plural(1, "document") == "1 document"
    assert plural(2, "document") == "2 documents"
    assert plural(0, "document") == "0 documents"
    assert plural(1204, "analysis", "analyses") == "1,204 analyses"


def test_ingest_says_one_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import storyline.api as api_mod

    monkeypatch.setattr(api_mod, "ingest", lambda *a, **k: IngestResult(doc_ids=["x"], new=1))
    (tmp_path / "a.txt").write_text("x")
    res = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "-w", str(tmp_path / "w.db")])
    assert res.exit_code == 0, res.output
    assert "1 document: 1 new" in res.stderr and "1 documents" not in res.stderr


def test_status_in_words_and_json_with_named_keys(tmp_path: Path) -> None:
    ws = _workspace(tmp_path / "w.db", TEXTS)
    res = runner.invoke(app, ["status", "-w", str(ws)])
    assert res.exit_code == 0, res.output
    assert "2 documents from 2 sources, 0 analysed with the current pipeline (version " in (
        res.stdout
    )
    assert (
        "2 documents not analysed with the current pipeline yet" in res.stdout
        and "{" not in res.stdout
    )
    data = json.loads(runner.invoke(app, ["status", "-w", str(ws), "--json"]).stdout)
    assert data["documents"] == 2 and data["current"] == 0 and data["stale"] == 2
    assert data["pipeline_versions"] == []
    assert isinstance(data["pipeline_version"], str)


def test_search_hits_show_title_outlet_date_file_and_snippet(tmp_path: Path) -> None:
    ws = _workspace(tmp_path / "w.db", TEXTS)
    res = runner.invoke(app, ["search", "Varga's", "-w", str(ws)])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0] == "1. (no title)"
    assert lines[1] == "   outlet unknown · date unknown · a.txt"
    assert "Mayor Varga's office" in lines[2]
    hits = json.loads(runner.invoke(app, ["search", "de-blockade", "-w", str(ws), "--json"]).stdout)
    assert [h["file"] for h in hits] == ["b.txt"]
    assert set(hits[0]) >= {"id", "title", "outlet", "published", "file", "snippet", "highlights"}


def test_no_hit_says_so_and_exits_1(tmp_path: Path) -> None:
    ws = _workspace(tmp_path / "w.db", TEXTS)
    res = runner.invoke(app, ["search", "zeppelin", "-w", str(ws)])
    assert res.exit_code == 1 and res.stdout == ""
    assert res.stderr.strip() == "no documents match 'zeppelin'"
    res = runner.invoke(app, ["search", "zeppelin", "-w", str(ws), "--json"])
    assert res.exit_code == 1 and json.loads(res.stdout) == []


def test_advanced_search_and_its_hint_on_the_cli(tmp_path: Path) -> None:
    ws = _workspace(tmp_path / "w.db", TEXTS)
    res = runner.invoke(app, ["search", "--advanced", "NEAR(Varga Orsk, 10)", "-w", str(ws)])
    assert res.exit_code == 0 and "a.txt" in res.stdout
    res = runner.invoke(app, ["search", "--advanced", "de-blockade", "-w", str(ws)])
    assert res.exit_code == 2
    assert res.stderr.count("\n") == 1 and "double quotes" in res.stderr
    res = runner.invoke(app, ["search", "Varga OR Dalmar", "-w", str(ws)])
    assert res.exit_code == 1 and "note: OR searched as a word" in res.stderr


def test_matches_are_bold_and_article_markup_is_shown_as_written() -> None:
    hit = {
        "id": "d1",
        "title": "[bold]Not bold[/bold]",
        "outlet": None,
        "published": "2024-05-01",
        "file": "x.txt",
        "matched": "repaired",
        "snippet": "a [/x] levee\x1b held",
        "highlights": [[7, 12]],
    }
    plain = render_hits([hit], color=False)
    assert "[bold]Not bold[/bold]" in plain and "a [/x] levee\\x1b held" in plain
    assert "(repaired reading)" in plain and "\x1b" not in plain
    ansi = render_hits([hit], color=True)
    assert "\x1b[1mlevee\x1b[0m" in ansi


def _python(code: str) -> str:
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return proc.stdout.strip()


def test_importing_the_cli_does_not_import_spacy() -> None:
    out = _python(
        "import storyline.cli, storyline.api, sys;"
        "print([m for m in ('spacy', 'trafilatura', 'jsonschema') if m in sys.modules])"
    )
    assert out == "[]"


def test_status_and_search_do_not_load_spacy_once_the_version_is_cached(tmp_path: Path) -> None:
    ws = _workspace(tmp_path / "w.db", TEXTS)
    assert runner.invoke(app, ["status", "-w", str(ws)]).exit_code == 0  # caches the version
    out = _python(
        "import sys; from typer.testing import CliRunner; from storyline.cli import app;"
        f"r = CliRunner().invoke(app, ['status', '-w', {str(ws)!r}]);"
        f"s = CliRunner().invoke(app, ['search', 'Orsk', '-w', {str(ws)!r}]);"
        "print(r.exit_code, s.exit_code, 'spacy' in sys.modules)"
    )
    assert out == "0 0 False"


def test_status_lines_name_older_pipelines_and_say_one_document() -> None:
    from storyline.cli import status_lines

    info = {
        "workspace": "w.db",
        "schema_version": 2,
        "documents": 1,
        "sources": 1,
        "analysed": 1,
        "pipeline_versions": [{"pipeline_version": "4.aa", "analyses": 1}],
        "pipeline_version": "5.bb",
        "current": 0,
        "stale": 1,
    }
    assert status_lines(info)[1:] == [
        "1 document from 1 source, 0 analysed with the current pipeline (version 5.bb)",
        "1 analysis from older pipelines (4.aa: 1)",
        "1 document not analysed with the current pipeline yet: "
        "run storyline ingest on the same inputs to update",
    ]
