"""The clean stage on the real articles in ../shared/corpus/belarus-2022/.

The articles are read at test time (never copied into the project); the
expectations are line numbers (1-based) determined by reading them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from storyline.clean import clean
from storyline.model import RawDocument
from storyline.settings import Settings

CORPUS = (
    Path(os.environ.get("STORYLINE_SHARED", Path(__file__).resolve().parents[3] / "shared"))
    / "corpus"
    / "belarus-2022"
)

pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"real corpus not available at {CORPUS}"
)

# file -> 1-based numbers of the lines that are boilerplate (incl. masthead/dateline)
BOILERPLATE_LINES: dict[str, set[int]] = {
    "000_7d14eb9c07a46bcf.txt": {8},
    "001_a83c688eb481b20a.txt": {1, 5, 25, 43, 59, 62},
    "002_cd1c3d7e895dde9d.txt": {3, 5, 39, 40, 41, 53},
    "003_6684f030dff52ae1.txt": {1, 3, 9, 11, 35},
    "004_35385104a2a9b4df.txt": {3, 13, 15, 35, 87},
}

# file -> (category, line number) pairs that must be present
CATEGORIES: dict[str, set[tuple[str, int]]] = {
    "000_7d14eb9c07a46bcf.txt": {("link", 8)},
    "001_a83c688eb481b20a.txt": {
        ("masthead", 1), ("dateline", 5), ("link", 25), ("photo", 43),
        ("error-report", 59), ("error-report", 62),
    },
    "002_cd1c3d7e895dde9d.txt": {
        ("link", 3), ("consent", 5), ("link", 39), ("link", 40), ("link", 41), ("source", 53),
    },
    "003_6684f030dff52ae1.txt": {
        ("navigation", 1), ("navigation", 3), ("dateline", 9), ("dateline", 11),
        ("navigation", 35),
    },
    "004_35385104a2a9b4df.txt": {
        ("aggregator", 3), ("embed", 13), ("embed", 15), ("photo", 35), ("source", 87),
    },
}  # fmt: skip

TITLE_LINES: dict[str, int | None] = {
    "000_7d14eb9c07a46bcf.txt": None,
    "001_a83c688eb481b20a.txt": 3,
    "002_cd1c3d7e895dde9d.txt": 1,
    "003_6684f030dff52ae1.txt": 5,
    "004_35385104a2a9b4df.txt": 1,
}

PUBLISHED: dict[str, str | None] = {
    "000_7d14eb9c07a46bcf.txt": None,
    "001_a83c688eb481b20a.txt": "2022-03-19T21:44:29",
    "002_cd1c3d7e895dde9d.txt": None,
    "003_6684f030dff52ae1.txt": "2022-03-11T14:34:00",
    "004_35385104a2a9b4df.txt": "2022-03-19",  # from the embedded post, inferred
}


def _run(name: str):
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"{path} is missing")
    data = path.read_bytes()
    text = data.decode("utf-8")
    raw = RawDocument.create(str(path), text, data, "txt")
    spans, metadata = clean(raw, Settings())
    assert raw.text == text  # never modified
    return text, spans, metadata


def _line_no(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _line_bounds(text: str, number: int) -> tuple[int, int]:
    start = 0
    for _ in range(number - 1):
        start = text.index("\n", start) + 1
    end = text.find("\n", start)
    return start, len(text) if end < 0 else end


@pytest.mark.parametrize("name", sorted(BOILERPLATE_LINES))
def test_boilerplate_lines(name: str) -> None:
    text, spans, _ = _run(name)
    boiler = [s for s in spans if s.kind == "boilerplate"]
    assert {_line_no(text, s.start) for s in boiler} == BOILERPLATE_LINES[name]
    assert {(s.attrs["category"], _line_no(text, s.start)) for s in boiler} == CATEGORIES[name]
    for s in boiler:  # each span is exactly one whole line, without its newline
        start, end = _line_bounds(text, _line_no(text, s.start))
        assert (s.start, s.end) == (start, end)
        assert s.rule


@pytest.mark.parametrize("name", sorted(TITLE_LINES))
def test_title(name: str) -> None:
    text, spans, metadata = _run(name)
    titles = [s for s in spans if s.kind == "title"]
    expected = TITLE_LINES[name]
    if expected is None:
        assert titles == []
        assert metadata.title is None
        return
    assert len(titles) == 1
    assert (titles[0].start, titles[0].end) == _line_bounds(text, expected)
    assert metadata.title is not None
    assert metadata.title.value == text[titles[0].start : titles[0].end]
    assert (metadata.title.start, metadata.title.end) == (titles[0].start, titles[0].end)


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_published(name: str) -> None:
    text, _, metadata = _run(name)
    expected = PUBLISHED[name]
    if expected is None:
        assert metadata.published is None
        return
    ev = metadata.published
    assert ev is not None and ev.value == expected
    if ev.inferred:  # the embedded post's date line: publication at or after it
        assert ev.method == "embedded-post (publication at or after)"
        assert text[ev.start : ev.end].endswith(", 2022") and ev.confidence is not None
        return
    assert ev.method.startswith("dateline")
    assert parse_ok(text[ev.start : ev.end])


def parse_ok(line: str) -> bool:
    from storyline.clean.dates import parse_dateline

    return parse_dateline(line) is not None


def test_outlet_and_language() -> None:
    _, _, md = _run("001_a83c688eb481b20a.txt")
    assert md.outlet is not None
    assert (md.outlet.value, md.outlet.method, md.outlet.start) == (
        "The Limited Times",
        "masthead",
        0,
    )
    for name in sorted(PUBLISHED):
        _, _, md = _run(name)
        assert md.language is not None and md.language.value == "en"
        assert md.language.method.startswith("lingua")
        if name != "001_a83c688eb481b20a.txt":
            assert md.outlet is None  # nothing in the text or container names it
