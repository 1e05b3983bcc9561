"""The bundled sample corpus against its gold file (examples/gold.json).

The skeleton checks the per-document facts (dates, outlets, titles,
boilerplate lines, language, container metadata). The richer keys of the
gold file (copies, quotes, numbers, forecasts, ...) are for later stages.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline import api
from storyline.report import validate_dossier
from storyline.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

GOLD = json.loads((EXAMPLES / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dossier(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("examples")
    result = api.analyze([str(EXAMPLES / "corpus")], tmp / "out", Settings(workspace=tmp / "ws.db"))
    assert result.ingest.errors == []
    validate_dossier(result.dossier)
    return result.dossier


def _key(source: str) -> str:
    path, _, frag = source.partition("#")
    return Path(path).name + (f"#{frag}" if frag else "")


def _line_numbers(text: str, spans: list[dict]) -> set[int]:
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    lines = set()
    for s in spans:
        if s["kind"] == "boilerplate":
            lines.add(sum(1 for st in starts if st <= s["start"]))
    return lines


def _docs(dossier: dict) -> dict[str, dict]:
    return {_key(d["source"]): d for d in dossier["documents"]}


def test_every_gold_document_is_read(dossier):
    assert set(_docs(dossier)) == set(GOLD["documents"])


@pytest.mark.parametrize("name", sorted(GOLD["documents"]))
def test_document_metadata_matches_gold(dossier, name):
    gold = GOLD["documents"][name]
    doc = _docs(dossier)[name]
    if gold["published"] is None:
        assert doc["published"] is None
    else:
        assert doc["published"] is not None and doc["published"].startswith(gold["published"])
    assert doc["outlet"] == gold["outlet"]
    assert doc["title"] == gold["title"]
    assert doc["language"] == gold["language"]
    for key in ("external_id", "url"):
        if key in gold:
            assert doc[key] == gold[key]
    if "boilerplate_lines" in gold:
        assert _line_numbers(doc["text"], doc["spans"]) == set(gold["boilerplate_lines"])
        assert doc["text"] == (EXAMPLES / "corpus" / name).read_text(encoding="utf-8")
    for snippet in gold.get("text_must_contain", []):
        assert snippet in doc["text"]
    for snippet in gold.get("text_must_not_contain", []):
        assert snippet not in doc["text"]
