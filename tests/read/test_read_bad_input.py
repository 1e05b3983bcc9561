"""A corpus of bad inputs built at test time: each gives one clear error, the rest is read."""

from __future__ import annotations

import builtins
import io
import os
from pathlib import Path

import pytest

from storyline.read import sources
from storyline.settings import Settings

GOOD_TEXT = "Officials said on Friday that the bridge would reopen next week.\n"
LATIN1_TEXT = (
    "Le maire a déclaré mardi que la façade du théâtre serait rénovée "
    "l'année prochaine, a-t-il précisé à la presse.\n"
)
UTF16_TEXT = "Der Bürgermeister sagte am Dienstag, die Straße werde geöffnet.\n"

# file name -> (bytes, expected reason substring); None means: must be read.
BAD: dict[str, tuple[bytes, str]] = {
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file (NUL bytes)"),
    "image.bin": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", "binary file (NUL bytes)"),
    "zero.txt": (b"", "empty file (0 bytes)"),
    "blank.txt": (b" \n\t\r\n   \n", "empty file (only whitespace)"),
    "invalid-utf8.txt": (
        b"Some text \xc3\x28 bad \xa0\xa1 \x81\x8d\x8f",
        "not valid UTF-8 and no confident encoding detected (try converting it to UTF-8",
    ),
    "broken.json": (b'{"id": "x" "text": "y"}', "malformed JSON: Expecting ',' delimiter"),
    "list-empty.json": (b"[]", "JSON list is empty"),
    "no-text.json": (b'{"id": "x", "body": "y"}', "no 'text' field"),
    "empty-text.json": (b'{"id": "x", "text": "  "}', "JSON record has empty text"),
    "broken.rss": (b"<rss><channel><item><title>oops</titl", "malformed feed"),
    "not-a-feed.xml": (b'<?xml version="1.0"?><catalog><book/></catalog>', "not an RSS"),
    "nothing.html": (b"<html><head><title>x</title></head><body></body></html>", "no extractable"),
    "fake.warc": (b"this is not a WARC file at all\n", "malformed WARC"),
}

GOOD: dict[str, bytes] = {
    "good.txt": GOOD_TEXT.encode(),
    "latin1.txt": LATIN1_TEXT.encode("latin-1"),
    "utf16.txt": UTF16_TEXT.encode("utf-16"),  # with BOM
    "utf16-be.txt": b"\xfe\xff" + UTF16_TEXT.encode("utf-16-be"),
    "truncated.html": (
        b"<html><head><title>Bridge reopens</title></head><body><article><p>Officials said "
        b"on Friday that the bridge would reopen next week after repairs.<p>Traffic will "
        b"resume on both lanes, the ministry said in a statement</art"
    ),
    "mixed.jsonl": (
        b'{"id": "1", "text": "First good line."}\n'
        b'{"id": "2", "text": "Second good line."}\n'
        b'{"id": "3", "text": broken}\n'
        b'{"id": "4", "title": "no text here"}\n'
        b'["not", "an", "object"]\n'
        b'{"id": "6", "text": "Last good line."}\n'
    ),
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    for name, (data, _) in BAD.items():
        (root / name).write_bytes(data)
    for name, data in GOOD.items():
        (root / name).write_bytes(data)
    (root / "dangling.txt").symlink_to(root / "gone.txt")
    return root


def _by_file(results) -> dict[str, list]:
    out: dict[str, list] = {}
    for r in results:
        out.setdefault(Path(r.source.split("#")[0]).name, []).append(r)
    return out


def test_bad_corpus(corpus: Path, read) -> None:
    results = read(corpus)
    by_file = _by_file(results)
    for name, (_, reason) in BAD.items():
        got = by_file.get(name, [])
        assert len(got) == 1, (name, got)
        assert got[0].__class__.__name__ == "ReadError", (name, got)
        assert name in got[0].source
        assert reason in got[0].reason, (name, got[0].reason)

    (dangling,) = by_file["dangling.txt"]
    assert dangling.reason == "dangling symlink (target missing)"

    (good,) = by_file["good.txt"]
    assert good.text == GOOD_TEXT
    (latin1,) = by_file["latin1.txt"]
    assert latin1.text == LATIN1_TEXT
    (utf16,) = by_file["utf16.txt"]
    assert utf16.text == UTF16_TEXT
    (utf16be,) = by_file["utf16-be.txt"]
    assert utf16be.text == UTF16_TEXT
    (truncated,) = by_file["truncated.html"]
    assert "bridge would reopen" in truncated.text

    mixed = by_file["mixed.jsonl"]
    assert [d.text for d in mixed if not hasattr(d, "reason")] == [
        "First good line.",
        "Second good line.",
        "Last good line.",
    ]
    bad_lines = [(e.source.rsplit("#", 1)[1], e.reason) for e in mixed if hasattr(e, "reason")]
    assert [where for where, _ in bad_lines] == ["L3", "L4", "L5"]
    assert bad_lines[0][1].startswith("JSONL line 3: malformed JSON")
    assert bad_lines[1][1].startswith("JSONL line 4: no 'text' field")
    assert "expected a JSON object" in bad_lines[2][1]


def test_dangling_symlink_named_directly(corpus: Path, read) -> None:
    (err,) = read(corpus / "dangling.txt")
    assert err.reason == "dangling symlink (target missing)"


def test_50_mb_file_refused_by_size_without_reading(
    tmp_path: Path, read, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.txt"
    line = b"The same short line, over and over.\n"
    with big.open("wb") as out:
        out.write(line * (50 * 1024 * 1024 // len(line) + 1))
    (tmp_path / "small.txt").write_text(GOOD_TEXT, encoding="utf-8")
    opened: list[str] = []
    real_open = builtins.open

    def spy(file, *args, **kwargs):
        opened.append(os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(sources, "open", spy, raising=False)
    results = read(tmp_path)  # default settings: 20 MB limit
    (err,) = results.errors
    assert err.source == str(big)
    assert err.reason == "file is 50.0 MB, over the 20.0 MB limit (raise --max-bytes)"
    assert [d.text for d in results.docs] == [GOOD_TEXT]
    assert str(big) not in opened and str(tmp_path / "small.txt") in opened


def test_size_limit_from_settings(tmp_path: Path, read) -> None:
    path = tmp_path / "story.txt"
    path.write_text(GOOD_TEXT * 100, encoding="utf-8")
    (err,) = read(path, settings=Settings(max_bytes=1024))
    assert err.reason == "file is 0.0 MB, over the 0.0 MB limit (raise --max-bytes)"
    (doc,) = read(path)
    assert doc.text == GOOD_TEXT * 100


def test_unreadable_file(tmp_path: Path, read, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD_TEXT, encoding="utf-8")
    (tmp_path / "open.txt").write_text(GOOD_TEXT, encoding="utf-8")
    locked.chmod(0)
    try:
        if os.geteuid() == 0:  # root reads anything: simulate the refusal instead
            real_open = builtins.open

            def refuse(file, *args, **kwargs):
                if os.fspath(file) == str(locked):
                    raise PermissionError(13, "Permission denied", str(locked))
                return real_open(file, *args, **kwargs)

            monkeypatch.setattr(sources, "open", refuse, raising=False)
        results = read(tmp_path)
    finally:
        locked.chmod(0o644)
    (err,) = results.errors
    assert err.source == str(locked)
    assert err.reason == "permission denied (cannot read file)"
    assert [d.source for d in results.docs] == [str(tmp_path / "open.txt")]


def test_one_bad_file_never_stops_the_others(tmp_path: Path, read) -> None:
    (tmp_path / "a.json").write_bytes(b"{oops")
    (tmp_path / "b.txt").write_text(GOOD_TEXT, encoding="utf-8")
    inputs = (tmp_path / "a.json", tmp_path / "missing.txt", "-", tmp_path / "b.txt")
    results = read(*inputs, stdin=io.BytesIO(b""))
    kinds = [type(r).__name__ for r in results]
    assert kinds == ["ReadError", "ReadError", "ReadError", "RawDocument"]
    assert [e.reason.split(":")[0] for e in results.errors] == [
        "malformed JSON",
        "no such file or directory",
        "empty file (0 bytes)",
    ]


def test_reader_crash_becomes_an_error(tmp_path: Path, read, monkeypatch) -> None:
    from storyline.read import dispatch

    def boom(source, data, format):
        raise RuntimeError("parser exploded")
        yield  # pragma: no cover

    monkeypatch.setitem(dispatch.READERS, "txt", boom)
    (tmp_path / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (tmp_path / "b.md").write_text(GOOD_TEXT, encoding="utf-8")
    err, doc = read(tmp_path)
    assert "parser exploded" in err.reason and "unexpected error" in err.reason
    assert doc.text == GOOD_TEXT
