"""Hostile input (issue 11): each case is one clear error, or is read; nothing crashes.

Every input is made inside the test. Each test here fails without the fix it
names (a traceback, a "please report this as a bug", or a file read that
must not be).
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from storyline.model import RawDocument, ReadError
from storyline.read import reasons, records
from storyline.settings import Settings
from storyline.store import Workspace
from storyline.terminal import error_line
from storyline.terminal import escape as display

GOOD = "Officials said on Friday that the bridge would reopen next week.\n"
DEEP = records.MAX_JSON_DEPTH

needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")

# A valid UTF-8 page whose <meta charset> names a Python codec that is no charset.
PAGE = (
    "<html><head><meta charset='{charset}'><title>Bridge</title></head><body><article>"
    "<p>Officials said on Friday that the bridge would reopen next week after repairs.</p>"
    "<p>Café owners on the quay welcomed the news, the mayor told reporters.</p>"
    "</article></body></html>"
)


def nested(depth: int, inner: str = "1") -> str:
    return "[" * depth + inner + "]" * depth


# ----------------------------------------------------------- JSON depth


def test_deeply_nested_index_record_is_one_error(tmp_path: Path, read) -> None:
    """Was a RecursionError out of read/sidecar.py: the whole run died."""
    (tmp_path / "a.txt").write_text(GOOD)
    deep = tmp_path / "deep.json"
    deep.write_text('{"file": "a.txt", "x": ' + nested(100_000) + "}")
    results = read(tmp_path)
    (err,) = results.errors
    assert err.source == str(deep)
    assert err.reason.startswith(f"JSON nested more than {DEEP} levels deep")
    assert [d.text for d in results.docs] == [GOOD]


@pytest.mark.parametrize("depth", [DEEP + 1, 100_000])
def test_deep_json_without_pointer_is_refused_not_a_bug(tmp_path: Path, read, depth) -> None:
    """Was "unexpected error ... please report this as a bug"."""
    path = tmp_path / "deep.json"
    path.write_text('{"text": "x", "more": ' + nested(depth - 1) + "}")
    (err,) = read(path)
    assert err.reason.startswith(f"JSON nested more than {DEEP} levels deep")
    assert "bug" not in err.reason


def test_json_at_the_depth_bound_is_read(tmp_path: Path, read) -> None:
    path = tmp_path / "ok.json"
    path.write_text('{"text": "Nested but fine.", "more": ' + nested(DEEP - 1) + "}")
    (doc,) = read(path)
    assert doc.text == "Nested but fine."


def test_deep_jsonl_line_and_deep_stdin(tmp_path: Path, read) -> None:
    path = tmp_path / "lines.jsonl"
    path.write_text('{"text": "First."}\n' + nested(100_000) + '\n{"text": "Third."}\n')
    results = read(path)
    assert [d.text for d in results.docs] == ["First.", "Third."]
    (err,) = results.errors
    assert err.source == f"{path}#L2" and f"more than {DEEP} levels" in err.reason
    # stdin: the format sniffer parses the first lines too, outside any guard
    data = (nested(100_000) + "\n" + nested(100_000) + "\n").encode()
    (err,) = read("-", stdin=io.BytesIO(data))
    assert err.source == "<stdin>" and "bug" not in err.reason


# ----------------------------------------------------------- lone surrogates


def test_lone_surrogate_in_text_and_title_becomes_replacement_char(tmp_path: Path, read) -> None:
    """Was a UnicodeEncodeError in store.add_document that stopped the whole run."""
    (tmp_path / "one.json").write_text('{"text": "Hello \\udc00 world", "title": "T\\ud800"}')
    (tmp_path / "list.json").write_text('[{"text": "A \\udc00 b", "outlet": "\\udfff"}]')
    (tmp_path / "lines.jsonl").write_text('{"text": "C \\udc00 d", "id": "\\udc00"}\n')
    one, item, line = read(tmp_path / "one.json", tmp_path / "list.json", tmp_path / "lines.jsonl")
    assert (one.text, one.title) == ("Hello \ufffd world", "T\ufffd")
    assert len(one.text) == len("Hello \udc00 world")  # offsets hold
    assert (item.text, item.outlet) == ("A \ufffd b", "\ufffd")
    assert (line.text, line.external_id) == ("C \ufffd d", "\ufffd")
    with Workspace(tmp_path / "ws.db") as ws:  # storable now
        for doc in (one, item, line):
            assert ws.add_document(doc)
        assert ws.get_document(one.id).title == "T\ufffd"


def test_file_name_that_is_not_utf8_is_storable(tmp_path: Path, read) -> None:
    name = os.fsdecode(b"caf\xe9.txt")
    try:
        (tmp_path / name).write_text(GOOD)
    except (OSError, UnicodeEncodeError):
        pytest.skip("file system refuses non-UTF-8 names")
    (doc,) = read(tmp_path)
    assert doc.source == str(tmp_path / "caf\\xe9.txt")
    with Workspace(tmp_path / "ws.db") as ws:
        assert ws.add_document(doc)


# ----------------------------------------------------------- links


@needs_symlinks
def test_symlink_loop_is_reported_as_a_loop(tmp_path: Path, read) -> None:
    """Was a RuntimeError from read._identity (in a folder) or "dangling" (named)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD)
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    (corpus / "ping.txt").symlink_to(corpus / "pong.txt")
    (corpus / "pong.txt").symlink_to(corpus / "ping.txt")
    results = read(corpus)
    assert [d.text for d in results.docs] == [GOOD]
    assert [(Path(e.source).name, e.reason) for e in results.errors] == [
        ("loop.txt", reasons.SYMLINK_LOOP),
        ("ping.txt", reasons.SYMLINK_LOOP),
        ("pong.txt", reasons.SYMLINK_LOOP),
    ]
    (err,) = read(corpus / "loop.txt")
    assert err.reason == reasons.SYMLINK_LOOP


@needs_symlinks
def test_index_pointer_through_a_symlink_loop(tmp_path: Path, read) -> None:
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "index.json").write_text('{"file": "loop.txt", "title": "T"}')
    (err,) = read(tmp_path / "index.json")
    assert err.reason == reasons.SYMLINK_LOOP


@needs_symlinks
def test_symlink_out_of_the_folder_is_refused(tmp_path: Path, read) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    (corpus / "passwd.txt").symlink_to(secret)
    (corpus / "good.txt").write_text(GOOD)
    results = read(corpus)
    assert [d.text for d in results.docs] == [GOOD]
    (err,) = results.errors
    assert err.source == str(corpus / "passwd.txt")
    assert "outside the input folder" in err.reason and "--follow-outside-links" in err.reason
    allowed = read(corpus, settings=Settings(follow_outside_links=True))
    assert allowed.errors == [] and len(allowed.docs) == 2


# ----------------------------------------------------------- own files


def test_own_workspace_and_output_folder_are_never_read(tmp_path: Path, read) -> None:
    """``analyze . --out out`` read ws.db-wal (and would read out/dossier.json)."""
    (tmp_path / "story.txt").write_text(GOOD)
    ws = tmp_path / "ws.db"
    for name in ("ws.db", "ws.db-wal", "ws.db-shm", "ws.db-journal"):
        (tmp_path / name).write_text("Not an article, but text all the same.\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "dossier.md").write_text("# A dossier, written by an earlier run\n")
    (out / "dossier.json").write_text('{"text": "a dossier"}')
    settings = Settings(workspace=ws)
    results = read(tmp_path, settings=settings, exclude=[out])
    assert results.errors == []
    assert [Path(d.source).name for d in results.docs] == ["story.txt"]
    # the same through a glob, and through a relative path
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        rel = read(".", settings=Settings(workspace=Path("ws.db")), exclude=[Path("out")])
        glob = read("*", settings=settings, exclude=[out])
    finally:
        os.chdir(cwd)
    assert [Path(d.source).name for d in rel.docs] == ["story.txt"] and rel.errors == []
    assert [Path(d.source).name for d in glob.docs] == ["story.txt"] and glob.errors == []
    # named explicitly: an error that says why, not a binary-file complaint
    (err,) = read(tmp_path / "ws.db-wal", settings=settings)
    assert err.reason == reasons.OWN_FILE.format(what="workspace file")
    (err,) = read(out, settings=settings, exclude=[out])
    assert err.reason == reasons.OWN_FILE.format(what="output folder")


# ----------------------------------------------------------- readable input


@pytest.mark.parametrize("charset", ["hex", "undefined", "base64", "punycode", "utf-7"])
def test_page_declaring_a_non_charset_is_read_as_utf8(tmp_path: Path, read, charset) -> None:
    """Was "unexpected error (LookupError / UnicodeError) ... please report this as a bug"."""
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.format(charset=charset).encode("utf-8"))
    (doc,) = read(path)
    assert "Café owners" in doc.text and doc.title == "Bridge"


def test_huge_numeric_id_is_kept_as_its_digits(tmp_path: Path, read) -> None:
    """Python refuses int() of 4,300+ digits: was "please report this as a bug"."""
    digits = "9" * 5000
    (tmp_path / "one.json").write_text(f'{{"id": {digits}, "text": "One."}}')
    (tmp_path / "list.json").write_text(f'[{{"id": -{digits}, "text": "Two."}}]')
    (tmp_path / "lines.jsonl").write_text(f'{{"id": {digits}, "text": "Three."}}\n')
    (tmp_path / "index.json").write_text(f'{{"id": {digits}, "file": "four.txt"}}')
    (tmp_path / "four.txt").write_text("Four.")
    results = read(tmp_path)
    assert results.errors == []
    ids = {d.text: d.external_id for d in results.docs}
    assert ids == {"Four.": digits, "One.": digits, "Two.": "-" + digits, "Three.": digits}
    assert ids["One."] == json.dumps(int("9" * 40)).replace("9" * 40, digits)


def test_directory_is_not_called_a_device(tmp_path: Path, read) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(GOOD)
    (tmp_path / "index.json").write_text('{"file": "sub", "title": "T"}')
    (err,) = read(tmp_path / "index.json")
    assert err.reason == reasons.POINTER_DIR.format(target="sub")
    assert "device" not in err.reason
    from storyline.read.sources import read_file

    err = read_file(tmp_path / "sub", 1000)
    assert isinstance(err, ReadError) and err.reason == reasons.IS_DIR


def test_oversize_stdin_does_not_claim_a_size(read) -> None:
    (err,) = read("-", stdin=io.BytesIO(b"x" * 3000), settings=Settings(max_bytes=1024))
    assert err.source == "<stdin>"
    assert err.reason.startswith("standard input is larger than the ")
    assert "over the" not in err.reason


# ----------------------------------------------------------- names on a terminal


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("red\x1b[31m.txt", "red\\x1b[31m.txt"),
        ("two\nlines.txt", "two\\nlines.txt"),
        ("[bold]x.txt", "[bold]x.txt"),  # printable: left for a markup-free printer
        ("[/x].txt", "[/x].txt"),
        ("back\\slash.txt", "back\\\\slash.txt"),
        ("flip\u202etxt.exe", "flip\\u202etxt.exe"),
        ("bell\x07.txt", "bell\\x07.txt"),
        ("nel\x85.txt", "nel\\u0085.txt"),
    ],
)
def test_display_escapes_control_characters(name: str, shown: str) -> None:
    assert display(name) == shown
    assert display(name).isprintable()


def test_error_names_carry_the_real_name_and_display_safely(tmp_path: Path, read) -> None:
    names = ["red\x1b[31m.txt", "two\nlines.txt", "[bold]x.txt", "[/x].json"]
    for name in names:  # "[/x].json" is the file "x].json" in the folder "["
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"")
    errors = read(tmp_path).errors
    real = sorted(Path(e.source).relative_to(tmp_path).as_posix() for e in errors)
    assert real == sorted(names)  # the real names
    for err in errors:
        line = error_line(err.source, err.reason)
        assert line.isprintable() and "\x1b" not in line
        assert line.endswith(": " + reasons.EMPTY)
    assert any(
        error_line(e.source, e.reason).startswith(str(tmp_path / "[bold]x.txt")) for e in errors
    )


# ----------------------------------------------------------- all at once


@needs_symlinks
def test_hostile_folder(tmp_path: Path, read) -> None:
    """Every case above in one folder, plus two good files: one error per bad
    input, both good documents, no exception."""
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "empty-dir").mkdir()
    outside = tmp_path / "passwd"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n")
    (root / "good.txt").write_text(GOOD)
    (root / "sub" / "good.md").write_text("The mayor said the quay would reopen.\n")
    bad = {
        "deep-pointer.json": '{"file": "good.txt", "x": ' + nested(100_000) + "}",
        "deep.json": nested(100_000),
        "deep.jsonl": nested(100_000) + "\n",
        "red\x1b[31m.txt": "",
        "two\nlines.txt": "",
        "[bold]x.txt": " \n",
        "dir-pointer.json": '{"file": "empty-dir"}',
    }
    for name, text in bad.items():
        (root / name).write_text(text)
    (root / "loop.txt").symlink_to(root / "loop.txt")
    (root / "passwd.txt").symlink_to(outside)
    (root / "dangling.txt").symlink_to(root / "gone.txt")
    (root / "ws.db").write_bytes(b"SQLite format 3\x00")
    (root / "ws.db-wal").write_bytes(b"\x37\x7f\x06\x82")
    (root / "out").mkdir()
    (root / "out" / "dossier.json").write_text("{}")
    readable = {
        "surrogate.json": ('{"text": "Hello \\udc00 world", "title": "T\\udc00"}', "Hello"),
        "big-id.json": ('{"id": ' + "7" * 5000 + ', "text": "Big id."}', "Big id."),
        "hex.html": (PAGE.format(charset="hex"), "Café owners"),
        "undefined.html": (PAGE.format(charset="undefined"), "Café owners"),
    }
    for name, (text, _) in readable.items():
        (root / name).write_text(text, encoding="utf-8")

    settings = Settings(workspace=root / "ws.db")
    results = read(
        root, "-", settings=settings, exclude=[root / "out"], stdin=io.BytesIO(b"x" * 99)
    )
    settings_small = Settings(workspace=root / "ws.db", max_bytes=10)
    (stdin_err,) = read("-", settings=settings_small, stdin=io.BytesIO(b"x" * 99))

    errors = {Path(e.source).name: e.reason for e in results.errors}
    expected_errors = {*bad, "loop.txt", "passwd.txt", "dangling.txt", "deep.jsonl#L1"} - {
        "deep.jsonl"
    }
    assert set(errors) == expected_errors, errors
    assert len(results.errors) == len(expected_errors)
    assert all("bug" not in reason for reason in errors.values())
    assert errors["loop.txt"] == reasons.SYMLINK_LOOP
    assert "outside the input folder" in errors["passwd.txt"]
    texts = {Path(d.source).name: d.text for d in results.docs}
    assert texts["good.txt"] == GOOD and "good.md" in texts
    for name, (_, snippet) in readable.items():
        assert snippet in texts[name], name
    assert "<stdin>" in texts  # the good stdin input
    assert len(results.docs) == 2 + len(readable) + 1
    assert "larger than" in stdin_err.reason
    for item in results:
        if isinstance(item, RawDocument):
            item.text.encode("utf-8")  # storable
        else:
            assert error_line(item.source, item.reason).isprintable()
