"""Folders, globs, order, hidden files and duplicates."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from storyline.settings import Settings


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """root/{b.txt, a.md, sub/c.txt, sub/deeper/d.txt, a-b/e.txt, .hidden.txt, .git/x.txt}."""
    files = {
        "b.txt": "B text.",
        "a.md": "A text.",
        "sub/c.txt": "C text.",
        "sub/deeper/d.html": "<html><body><article><p>D text, a page of news.</p></article>"
        "</body></html>",
        "a-b/e.txt": "E text.",
        ".hidden.txt": "hidden",
        ".git/config.txt": "hidden dir",
        "sub/.cache/f.txt": "hidden nested",
    }
    for name, text in files.items():
        path = tmp_path / "root" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path / "root"


def names(results, root: Path) -> list[str]:
    return [Path(r.source.split("#")[0]).relative_to(root).as_posix() for r in results]


def test_folder_recursive_sorted_hidden_skipped(tree: Path, read) -> None:
    results = read(tree)
    assert results.errors == []
    assert names(results, tree) == ["a-b/e.txt", "a.md", "b.txt", "sub/c.txt", "sub/deeper/d.html"]
    assert [r.source for r in results] == [r.source for r in read(tree)]  # deterministic


def test_explicit_hidden_file_is_read(tree: Path, read) -> None:
    (doc,) = read(tree / ".hidden.txt")
    assert doc.text == "hidden"


def test_globs(tree: Path, read, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    assert [d.source for d in read("*.txt")] == ["b.txt"]
    assert [d.source for d in read("**/*.txt")] == ["a-b/e.txt", "b.txt", "sub/c.txt"]
    assert [d.source for d in read("**/*.html")] == ["sub/deeper/d.html"]
    (err,) = read("*.pdf")
    assert err.source == "*.pdf" and err.reason == "glob matched no files"


def test_inputs_keep_given_order_and_duplicates_are_read_once(tree: Path, read) -> None:
    results = read(tree / "sub" / "c.txt", tree / "b.txt", tree, tree / "b.txt")
    assert names(results, tree) == [
        "sub/c.txt",
        "b.txt",
        "a-b/e.txt",
        "a.md",
        "sub/deeper/d.html",
    ]


def test_empty_directory_is_reported(tmp_path: Path, read) -> None:
    empty = tmp_path / "empty"
    (empty / ".git").mkdir(parents=True)
    (err,) = read(empty)
    assert err.source == str(empty) and "directory contains no readable files" in err.reason


def test_missing_path(tmp_path: Path, read) -> None:
    (err,) = read(tmp_path / "nope.txt")
    assert err.source.endswith("nope.txt") and err.reason == "no such file or directory"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks on this platform")
def test_symlinked_files_are_followed_but_read_once(tree: Path, read) -> None:
    outside = tree.parent / "outside.txt"
    outside.write_text("Outside text.", encoding="utf-8")
    (tree / "link-out.txt").symlink_to(outside)
    (tree / "link-b.txt").symlink_to(tree / "b.txt")  # same file as b.txt: read once
    inside = ["a-b/e.txt", "a.md", "b.txt", "sub/c.txt", "sub/deeper/d.html"]

    results = read(tree)  # a link out of the walked folder is refused by default
    (err,) = results.errors
    assert err.source == str(tree / "link-out.txt")
    assert err.reason.startswith(f"symlink to '{outside}', outside the input folder")
    assert names(results.docs, tree) == inside

    allowed = read(tree, settings=Settings(follow_outside_links=True))
    assert allowed.errors == []
    assert names(allowed, tree) == sorted([*inside, "link-out.txt"])
    assert [d.text for d in read(tree / "link-out.txt").docs] == ["Outside text."]  # named


def test_an_overlong_article_text_is_one_clear_error(tmp_path):
    from storyline.read import read_inputs
    from storyline.settings import Settings

    (tmp_path / "huge.txt").write_text("The levee held.\n" * 200)
    (tmp_path / "ok.txt").write_text("The levee held.\n")
    out = list(read_inputs([str(tmp_path)], settings=Settings(max_chars=1000)))
    errors = [o for o in out if not hasattr(o, "text")]
    docs = [o for o in out if hasattr(o, "text")]
    assert [d.source.endswith("ok.txt") for d in docs] == [True]
    assert len(errors) == 1 and errors[0].source.endswith("huge.txt")
    assert "3,200 characters, over the 1,000 limit" in errors[0].reason
    assert "--max-chars" in errors[0].reason


def test_folder_walk_skips_the_folders_own_readme_and_licence(tmp_path: Path, read) -> None:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    for name in ("README.md", "LICENSE", "sub/readme.txt", "Licence.txt"):
        (root / name).write_text("About this corpus.", encoding="utf-8")
    (root / "story.txt").write_text("The bridge opened.", encoding="utf-8")
    (root / "readme-notes-from-mayor.txt").write_text("An article after all.", encoding="utf-8")
    results = read(root)
    assert results.errors == []
    assert names(results, root) == ["readme-notes-from-mayor.txt", "story.txt"]
    named = read(root / "README.md")  # named explicitly: the user asked for it
    assert [d.text for d in named.docs] == ["About this corpus."]
