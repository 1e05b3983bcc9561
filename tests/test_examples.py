"""The bundled sample corpus against its gold file (examples/gold.json).

The skeleton checks the per-document facts (dates, outlets, titles,
boilerplate lines, language, container metadata) and every gold quote with
its speaker. The other keys of the
gold file (copies, numbers, forecasts, ...) are for later stages.
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
    if gold["published"] is None:  # no publication date: at most an inferred lower bound
        ev = doc["metadata"]["published"]
        assert ev is None or (ev["inferred"] and ev["method"].endswith("at or after)"))
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


def test_every_gold_quote_found_with_its_speaker(dossier):
    """Each quote of the gold file (direct, multi-paragraph, interrupted,
    headline, reported) is found, and its speaker mention, antecedent or
    linked entity names the gold speaker (surname, or the office for
    "X (office)")."""
    entities = {e["id"]: e for e in dossier["entities"]}
    by_key = {}
    for d in dossier["documents"]:
        by_key.setdefault(_key(d["source"]), []).append(d["id"])
    problems = []
    for gold in GOLD["quotes"]:
        docs = set(by_key.get(gold["file"], []))
        snippet = gold["text_start_snippet"][:40]
        found = [q for q in dossier["quotes"] if q["doc"] in docs and snippet in q["text"]]
        if not found:
            problems.append(f"{gold['file']}: no quote with {snippet!r}")
            continue
        sp = found[0]["speaker"] or {}
        names = [sp.get("text", ""), (sp.get("antecedent") or {}).get("text", "")]
        ent = entities.get(sp.get("entity"))
        if ent:
            names += [ent["name"], *ent.get("aliases", [])]
        want = gold["speaker"].replace(" (office)", "").split()[-1]
        if not any(want in n for n in names):
            problems.append(f"{gold['file']}: {snippet!r} speaker {names[:2]} lacks {want!r}")
    assert not problems, problems
