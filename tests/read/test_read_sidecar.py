"""Index files beside the articles: metadata records that point to text files."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from storyline.model import RawDocument
from storyline.read import sidecar


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def index(*records: dict) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write(
        tmp_path / "scrape",
        {
            "index.jsonl": index(
                {"id": "17", "file": "a.txt", "title": "Dam holds", "published": "2031-04-02"},
                {"id": "18", "file": "b.txt", "title": "Dam breaks", "url": "https://x.test/b"},
            ),
            "a.txt": "The dam held through the night, engineers said.",
            "b.txt": "By morning the dam had failed, officials said.",
            "c.txt": "A story with no index record.",
        },
    )


def test_folder_with_index_gives_articles_their_metadata(folder: Path, read) -> None:
    results = read(folder)
    assert results.errors == []
    by_name = {Path(d.source).name: d for d in results.docs}
    assert sorted(by_name) == ["a.txt", "b.txt", "c.txt"]  # the index is no article
    a, b, c = by_name["a.txt"], by_name["b.txt"], by_name["c.txt"]
    assert (a.title, a.published, a.external_id) == ("Dam holds", "2031-04-02", "17")
    assert (b.title, b.url, b.published) == ("Dam breaks", "https://x.test/b", None)
    assert a.text == (folder / "a.txt").read_text(encoding="utf-8")  # text untouched
    assert (c.title, c.external_id) == (None, None)


def test_order_of_inputs_does_not_matter(folder: Path, read) -> None:
    results = read(folder / "a.txt", folder / "index.jsonl")
    assert results.errors == []
    assert [Path(d.source).name for d in results.docs] == ["a.txt", "b.txt"]
    assert results.docs[0].title == "Dam holds"


def test_index_named_alone_reads_the_files_it_points_to(folder: Path, read) -> None:
    results = read(folder / "index.jsonl")
    assert results.errors == []
    assert [(Path(d.source).name, d.title) for d in results.docs] == [
        ("a.txt", "Dam holds"),
        ("b.txt", "Dam breaks"),
    ]


def test_pointers_outside_the_folder_or_missing_are_one_line_errors(tmp_path: Path, read) -> None:
    write(tmp_path, {"secret.txt": "Not for the dossier."})
    root = write(
        tmp_path / "scrape",
        {
            "index.jsonl": index(
                {"file": "../secret.txt", "title": "escape"},
                {"file": "/etc/hostname", "title": "absolute"},
                {"file": "gone.txt", "title": "missing"},
                {"id": "9", "text": "An article given inline stays an article."},
            ),
        },
    )
    results = read(root)
    assert [d.text for d in results.docs] == ["An article given inline stays an article."]
    errors = [str(e) for e in results.errors]
    assert len(errors) == 3 and all("\n" not in e for e in errors)
    assert "index.jsonl#L1" in errors[0] and "outside the index's folder" in errors[0]
    assert "index.jsonl#L2" in errors[1] and "outside" in errors[1]
    assert "index.jsonl#L3" in errors[2] and "'gone.txt', which does not exist" in errors[2]


def test_index_on_stdin_says_how_to_read_it(read) -> None:
    data = index({"file": "a.txt", "title": "x"}).encode()
    results = read("-", stdin=io.BytesIO(data))
    assert results.docs == []
    assert len(results.errors) == 1 and "index record for 'a.txt'" in results.errors[0].reason


def test_index_metadata_fills_only_what_the_container_did_not_say() -> None:
    doc = RawDocument.create("p.html", "Text.", b"<html>", "html", title="Own title")
    out = sidecar.with_meta(doc, {"title": "Index title", "url": "https://x.test/p"})
    assert (out.title, out.url, out.text) == ("Own title", "https://x.test/p", "Text.")


def test_date_from_an_index_is_labelled_as_such(folder: Path, read) -> None:
    from storyline.clean.dates import container_method

    doc = next(d for d in read(folder).docs if d.published)
    assert container_method(doc) == "index"


def test_a_pointer_whose_metadata_mentions_text_is_still_a_pointer(tmp_path: Path, read) -> None:
    root = write(
        tmp_path / "scrape",
        {
            "index.jsonl": index({"file": "a.txt", "title": 'The "text" of the treaty'}),
            "a.txt": "The treaty was signed.",
        },
    )
    results = read(root)
    assert results.errors == []
    assert [d.title for d in results.docs] == ['The "text" of the treaty']


def test_index_bigger_than_the_file_limit_is_read_as_a_stream(tmp_path: Path, read) -> None:
    """A JSONL index is a collection: past --max-bytes it still lends its metadata,
    read line by line like any collection."""
    from storyline.settings import Settings

    pad = {"id": "pad", "text": "A record with text of its own. " * 2000}
    folder = write(
        tmp_path / "scrape",
        {
            "a.txt": "The dam held through the night, engineers said.",
            "index.jsonl": index(*[dict(pad, id=f"pad{i}") for i in range(20)])
            + index({"id": "17", "file": "a.txt", "title": "Dam holds"}),
        },
    )
    assert (folder / "index.jsonl").stat().st_size > 1024 * 1024
    results = read(folder, settings=Settings(max_bytes=512 * 1024))
    assert results.errors == []
    by_name = {Path(d.source.split("#")[0]).name: d for d in results.docs if "#" not in d.source}
    assert by_name["a.txt"].title == "Dam holds" and by_name["a.txt"].external_id == "17"
    assert sum("#L" in d.source for d in results.docs) == 20
