"""The CLI is a thin shell: exit codes, --json, one error line per bad file."""

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app
from storyline.settings import Settings

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

    def broken(out, settings, doc_ids=None, **options):
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


HOSTILE_NAMES = ["[/x].txt", "[bold]x.txt", "\x1b[31mred.txt", "two\nlines.txt", "rtl\u202etxt.md"]


def test_hostile_file_names_are_one_escaped_line_each(tmp_path):
    root = _corpus(tmp_path)
    for name in HOSTILE_NAMES:
        path = root / name  # "[/x].txt" is the file "x].txt" in a folder "["
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"")  # empty: each is an error naming the file
    res = runner.invoke(app, ["ingest", str(root), "-w", str(tmp_path / "w.db")])
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    assert res.exit_code == 1, res.output
    out = res.stderr
    errors = [ln for ln in out.splitlines() if ln.startswith("error:")]
    assert len(errors) == len(HOSTILE_NAMES), out
    assert "\x1b" not in out and "\u202e" not in out
    for shown in (
        "[/x].txt",
        "[bold]x.txt",
        "\\x1b[31mred.txt",
        "two\\nlines.txt",
        "rtl\\u202etxt.md",
    ):
        assert sum(shown in ln for ln in errors) == 1, (shown, errors)
    assert "2 documents" in out


def test_escape_shows_controls_and_keeps_text():
    from storyline.terminal import escape

    assert escape("café 東京 😀") == "café 東京 😀"
    assert escape("a\x00b\x1b]0;t\x07\r\n\t") == "a\\x00b\\x1b]0;t\\x07\\r\\n\\t"
    assert (
        escape("\u2066x\u2069 \u202e \x9b \udc00 \u2028")
        == "\\u2066x\\u2069 \\u202e \\u009b \\udc00 \\u2028"
    )
    assert escape(Path("[bold]x")) == "[bold]x"


def test_json_output_escapes_what_a_terminal_would_act_on():
    from storyline.terminal import json_text

    data = {"t": "a\udc00b\u202ec\x9bd\x1be", "k\u2028": ["é"]}
    text = json_text(data)
    assert text.isascii() or all(ord(c) < 0xD800 or ord(c) > 0xDFFF for c in text)
    assert "\u202e" not in text and "\x9b" not in text and "\x1b" not in text
    assert "é" in text
    assert json.loads(text) == data
    text.encode("utf-8")  # no lone surrogate left: writable to any UTF-8 stream


def test_error_messages_are_never_markup(tmp_path, monkeypatch):
    import storyline.api as api_mod
    from storyline.store import WorkspaceError

    def broken(settings):
        raise WorkspaceError("cannot open [/x] \x1b[2J[bold]ws.db")

    monkeypatch.setattr(api_mod, "status", broken)
    res = runner.invoke(app, ["status", "-w", str(tmp_path / "w.db")])
    assert res.exit_code == 2, res.output
    assert res.stderr.count("\n") == 1 and "[/x] \\x1b[2J[bold]ws.db" in res.stderr


def test_symlinks_out_of_the_folder_need_the_flag(tmp_path):
    corpus, outside = tmp_path / "corpus", tmp_path / "elsewhere"
    corpus.mkdir()
    outside.mkdir()
    (corpus / "a.txt").write_text("Officials in Kessel said the levee held on Sunday.")
    (outside / "b.txt").write_text("Mayor Ilse Varga said the dam at Orsk would hold.")
    (corpus / "link.txt").symlink_to(outside / "b.txt")
    ws = str(tmp_path / "w.db")
    refused = runner.invoke(app, ["ingest", str(corpus), "--workspace", ws])
    assert refused.exit_code == 1
    assert (
        "outside the input folder" in refused.output and "--follow-outside-links" in refused.output
    )
    allowed = runner.invoke(
        app, ["ingest", str(corpus), "--workspace", ws, "--follow-outside-links"]
    )
    assert allowed.exit_code == 0, allowed.output
    assert "2 documents" in allowed.output


def test_report_all_quotes_sets_the_display_threshold_to_zero(tmp_path):
    root = _corpus(tmp_path)
    ws = tmp_path / "ws.db"
    res = runner.invoke(app, ["analyze", str(root), "--out", str(tmp_path / "out"), "-w", str(ws)])
    assert res.exit_code == 0, res.output
    shown = json.loads((tmp_path / "out" / "dossier.json").read_text())
    assert shown["display"]["quote_min_confidence"] == Settings().quote_display_threshold
    res = runner.invoke(
        app, ["report", "-w", str(ws), "--out", str(tmp_path / "all"), "--all-quotes"]
    )
    assert res.exit_code == 0, res.output
    every = json.loads((tmp_path / "all" / "dossier.json").read_text())
    assert every["display"]["quote_min_confidence"] == 0.0
