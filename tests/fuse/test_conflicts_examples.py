"""Disagreements on the sample corpus (examples/) against gold.json's ``conflicts``,
and on the real Belarus corpus in ../shared (skipped where it is absent)."""

from __future__ import annotations

import json

import pytest
from tests.conftest import EXAMPLES, analyze_dossier, gold_file_keys, shared_path

GOLD = json.loads((EXAMPLES / "gold.json").read_text(encoding="utf-8"))["conflicts"]


@pytest.fixture(scope="module")
def dossier(examples_dossier: dict) -> dict:
    return examples_dossier


def _sides(dossier: dict, c: dict) -> set[tuple[str, str]]:
    files = gold_file_keys(dossier)
    return {(files[s["doc"]], s["text"]) for s in c["sides"]}


def test_planted_status_disagreement_found(dossier):
    gold = next(g for g in GOLD["planted"] if g["kind"] == "status")
    files = gold_file_keys(dossier)
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


def test_dossier_views_show_disagreements(examples_out):
    out = examples_out
    md = (out / "dossier.md").read_text(encoding="utf-8")
    html = (out / "dossier.html").read_text(encoding="utf-8")
    assert "## Disagreements" in md and "*low confidence*" in md
    assert 'href="#conflicts"' in html and "disagreement: " in html


def test_belarus_gulevich_disagreement(tmp_path):
    dossier = analyze_dossier(shared_path("corpus", "belarus-2022"), tmp_path)
    status = [c for c in dossier["conflicts"] if c["kind"] == "status"]
    assert any("Gulevich" in c["about"] and "resigned" in c["sides"][0]["text"] for c in status)
    assert not any(c["low_confidence"] for c in status if "Gulevich" in c["about"])
