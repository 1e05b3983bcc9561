"""The dossier is written as a stream: one record per line, the data of the in-memory dossier."""

from __future__ import annotations

import io
import json

from storyline.report import build_dossier, write_dossier, write_json
from storyline.report.fileset import publish


def test_streamed_json_is_the_in_memory_json(tmp_path, analyses, fused):
    # Non-Latin-1 letters of the same length, so every offset still holds.
    analyses[0].text = analyses[0].text.replace("Rivertown Gazette", "Rivertöwn Gazetteл")
    dossier = build_dossier(analyses, fused)
    paths = write_dossier(dossier, tmp_path / "out")
    text = paths["json"].read_text("utf-8")
    assert json.loads(text) == dossier
    assert "Rivertöwn Gazetteл" in text  # not escaped
    lines = text.splitlines()
    # Every top-level key opens a line; every document is one line of its own.
    keys = [ln.split('"')[1] for ln in lines if ln.startswith('  "')]
    assert keys == list(dossier)
    docs = [json.loads(ln.strip().rstrip(",")) for ln in lines if ln.startswith('    {"id": "d')]
    assert docs == dossier["documents"]
    compact = io.StringIO()
    write_json(dossier, compact, lines=False)
    assert compact.getvalue() == json.dumps(dossier, ensure_ascii=False) + "\n"


def test_lines_layout_handles_empty_lists_scalars_and_nesting():
    data = {"schema": "s", "empty": [], "items": [{"a": [1, 2]}, "x"], "stats": {"n": 1}}
    out = io.StringIO()
    write_json(data, out)
    assert out.getvalue() == (
        '{\n  "schema": "s",\n  "empty": [],\n  "items": [\n    {"a": [1, 2]},\n    "x"\n  ],'
        '\n  "stats": {"n": 1}\n}\n'
    )
    assert json.loads(out.getvalue()) == data


def test_content_given_as_a_function_is_produced_while_its_file_is_open(tmp_path):
    order: list[str] = []

    def writer(name: str):
        def write(fh) -> None:
            order.append(f"open {name}")
            fh.write(f"{name} body\n")

        return write

    paths = publish(tmp_path, {"a.txt": writer("a"), "b.txt": "plain text\n", "c.txt": writer("c")})
    assert order == ["open a", "open c"]
    assert paths["a.txt"].read_text("utf-8") == "a body\n"
    assert paths["b.txt"].read_text("utf-8") == "plain text\n"
    assert paths["c.txt"].read_text("utf-8") == "c body\n"
