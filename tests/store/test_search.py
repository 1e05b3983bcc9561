"""Search is bounded: the limit validated, long or prefix-heavy queries refused, a
running query stopped at its time limit, and titles printed with escapes."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.model import RawDocument
from storyline.store import SearchError, Workspace, WorkspaceError
from storyline.store.search import MAX_LIMIT, MAX_PREFIX_TERMS, MAX_QUERY_CHARS

runner = CliRunner()
EVIL_TITLE = "Levee \x1b]0;pwned\x07holds \u202eesrever"


def _workspace(path: Path) -> Path:
    with Workspace(path) as ws:
        for i in range(30):
            text = f"The levee at Orsk number {i} held overnight, said the mayor."
            ws.add_document(
                RawDocument.create(f"{i}.txt", text, text.encode(), "txt", title=EVIL_TITLE)
            )
    return path


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    with Workspace(_workspace(tmp_path / "ws.db")) as w:
        yield w


@pytest.mark.parametrize("limit", [0, -1, MAX_LIMIT + 1, 99999999999999999999, True, 2.5])
def test_a_limit_out_of_range_is_one_clear_error(ws: Workspace, limit: object) -> None:
    with pytest.raises(
        SearchError, match=f"--limit must be a whole number from 1 to {MAX_LIMIT:,}"
    ):
        ws.search("levee", limit=limit)  # type: ignore[arg-type]


def test_limits_at_the_bounds_work(ws: Workspace) -> None:
    assert len(ws.search("levee", limit=1)) == 1
    assert len(ws.search("levee", limit=MAX_LIMIT)) == 30


def test_many_prefix_terms_are_refused_before_running(ws: Workspace) -> None:
    with pytest.raises(SearchError, match="query too expensive: 300 prefix terms"):
        ws.search("a* " * 300)
    assert len(ws.search(" ".join(["lev*"] * MAX_PREFIX_TERMS))) == 20
    assert len(ws.search("a* " * 300, max_prefix_terms=300, limit=1)) == 1  # "at": a choice


def test_a_long_query_is_refused(ws: Workspace) -> None:
    with pytest.raises(SearchError, match="too long"):
        ws.search("levee " * (MAX_QUERY_CHARS // 6 + 1))


def test_a_query_past_its_time_limit_is_stopped_with_a_clear_message(ws: Workspace) -> None:
    # A limit of 0 s stops any query at SQLite's first progress check: the
    # mechanism is tested without depending on how fast this machine is.
    with pytest.raises(SearchError, match="query too expensive: stopped after 0 s"):
        ws.search("lev* OR mayor OR orsk", time_limit=0)
    assert len(ws.search("levee")) == 20  # the connection works on after a stop


def test_bad_syntax_is_still_a_workspace_error(ws: Workspace) -> None:
    with pytest.raises(WorkspaceError, match="bad search query"):
        ws.search('"unterminated', advanced=True)


def test_cli_escapes_control_characters_in_titles(tmp_path: Path) -> None:
    ws = _workspace(tmp_path / "ws.db")
    res = runner.invoke(app, ["search", "levee", "-w", str(ws), "--limit", "2"])
    assert res.exit_code == 0, res.output
    assert "\x1b" not in res.stdout and "\x07" not in res.stdout and "\u202e" not in res.stdout
    assert "Levee \\x1b]0;pwned\\x07holds \\u202eesrever" in res.stdout
    assert res.stdout.count("\n") == 6  # two hits, three lines each


@pytest.mark.parametrize("limit", ["99999999999999999999", "-1", "0"])
def test_cli_rejects_a_bad_limit_in_one_line(tmp_path: Path, limit: str) -> None:
    ws = _workspace(tmp_path / "ws.db")
    res = runner.invoke(app, ["search", "levee", "-w", str(ws), f"--limit={limit}"])
    assert res.exit_code == 2
    assert "Traceback" not in res.output
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert lines == [f"error: --limit must be a whole number from 1 to 10,000, not {limit}"]


def test_cli_refuses_an_expensive_query_in_one_line(tmp_path: Path) -> None:
    ws = _workspace(tmp_path / "ws.db")
    res = runner.invoke(app, ["search", "a* " * 300, "-w", str(ws)])
    assert res.exit_code == 2
    assert res.stderr.startswith("error: query too expensive: 300 prefix terms")
    assert res.stderr.count("\n") == 1
