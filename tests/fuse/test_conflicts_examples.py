"""Disagreements on the sample corpus (examples/) against gold.json's ``conflicts``,
and on the real Belarus corpus in ../shared (skipped where it is absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import shared_path

from storyline import api
from storyline.report import validate_dossier
from storyline.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
GOLD = json.loads((EXAMPLES / "gold.json").read_text(encoding="utf-8"))["conflicts"]


def _run(inputs: Path, tmp: Path) -> dict:
    result = api.analyze([str(inputs)], tmp / "out", Settings(workspace=tmp / "ws.db"))
    validate_dossier(result.dossier)
    return result.dossier


@pytest.fixture(scope="module")
def dossier(tmp_path_factory) -> dict:
    return _run(EXAMPLES / "corpus", tmp_path_factory.mktemp("conflicts"))


def _file_of(dossier: dict) -> dict[str, str]:
    """doc id -> gold file key ("03_daily-lantern.txt", "08_feeds.jsonl#L1")."""
    out = {}
    for d in dossier["documents"]:
        path, _, frag = d["source"].partition("#")
        out[d["id"]] = Path(path).name + (f"#{frag}" if frag else "")
    return out


def _sides(dossier: dict, c: dict) -> set[tuple[str, str]]:
    files = _file_of(dossier)
    return {(files[s["doc"]], s["text"]) for s in c["sides"]}


def test_planted_status_disagreement_found(dossier):
    gold = next(g for g in GOLD["planted"] if g["kind"] == "status")
    files = _file_of(dossier)
    found = [
        c
        for c in dossier["conflicts"]
        if c["kind"] == "status"
        and files[c["sides"][0]["doc"]] == gold["reported_left"]["file"]
        and gold["reported_left"]["snippet"] in c["sides"][0]["text"]
    ]
    assert len(found) == 1, dossier["conflicts"]
    c = found[0]
    assert gold["entity"].split()[-1] in c["about"] and not c["low_confidence"]
    later = {files[s["doc"]] for s in c["sides"][1:]}
    assert set(gold["in_office_later"]) <= later
    assert "resign" in c["explanation"]


def test_planted_number_disagreement_found_with_its_confidence(dossier):
    for gold in (g for g in GOLD["planted"] if g["kind"] == "numbers"):
        want = {(s["file"], s["text"]) for s in gold["sides"]}
        found = [c for c in dossier["conflicts"] if c["kind"] == "numbers"]
        match = [c for c in found if _sides(dossier, c) == want]
        assert len(match) == 1, found
        assert match[0]["low_confidence"] is gold["low_confidence"]


@pytest.mark.parametrize("pair", GOLD["compatible"], ids=lambda p: p["why"][:30])
def test_compatible_pair_not_flagged(dossier, pair):
    want = set(zip(pair["files"], pair["texts"], strict=True))
    for c in dossier["conflicts"]:
        assert not want <= _sides(dossier, c), (pair["why"], c["explanation"])


def test_no_conflict_beyond_the_planted_ones(dossier):
    planted_kinds = sorted(g["kind"] for g in GOLD["planted"])
    assert sorted(c["kind"] for c in dossier["conflicts"]) == planted_kinds


def test_every_side_is_its_documents_text_and_sides_are_independent(dossier):
    texts = {d["id"]: d["text"] for d in dossier["documents"]}
    for c in dossier["conflicts"]:
        for s in c["sides"]:
            assert texts[s["doc"]][s["start"] : s["end"]] == s["text"]
        assert len({s["lineage"] for s in c["sides"]}) >= 2


def test_dossier_views_show_disagreements(tmp_path):
    out = tmp_path / "out"
    api.analyze([str(EXAMPLES / "corpus")], out, Settings(workspace=tmp_path / "ws.db"))
    md = (out / "dossier.md").read_text(encoding="utf-8")
    html = (out / "dossier.html").read_text(encoding="utf-8")
    assert "## Disagreements" in md and "*low confidence*" in md
    assert 'href="#conflicts"' in html and "disagreement: " in html


def test_belarus_gulevich_disagreement(tmp_path):
    dossier = _run(shared_path("corpus", "belarus-2022"), tmp_path)
    status = [c for c in dossier["conflicts"] if c["kind"] == "status"]
    assert any("Gulevich" in c["about"] and "resigned" in c["sides"][0]["text"] for c in status)
    assert not any(c["low_confidence"] for c in status if "Gulevich" in c["about"])
