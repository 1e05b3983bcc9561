"""The dossier is written as a stream, with exactly the text the in-memory way gives."""

from __future__ import annotations

import io
import json

from storyline.report import build_dossier, write_dossier, write_json
from storyline.report.fileset import publish


def test_streamed_json_is_the_in_memory_json(tmp_path, analyses, fused):
    # Non-Latin-1 letters of the same length, so every offset still holds.
    analyses[0].text = analyses[0].text.replace("Rivertown Gazette", "Rivertöwn Gazetteл")
    dossier = build_dossier(analyses, fused)
    expected = json.dumps(dossier, ensure_ascii=False, indent=2) + "\n"
    paths = write_dossier(dossier, tmp_path / "out")
    assert paths["json"].read_bytes() == expected.encode("utf-8")
    compact = io.StringIO()
    write_json(dossier, compact, None)
    assert compact.getvalue() == json.dumps(dossier, ensure_ascii=False) + "\n"


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
