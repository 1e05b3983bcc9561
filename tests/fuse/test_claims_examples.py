"""Claims on the sample corpus (examples/) against gold.json's ``claims``,
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
GOLD = json.loads((EXAMPLES / "gold.json").read_text(encoding="utf-8"))["claims"]


def _run(inputs: Path, tmp: Path) -> dict:
    result = api.analyze([str(inputs)], tmp / "out", Settings(workspace=tmp / "ws.db"))
    validate_dossier(result.dossier)
    return result.dossier


@pytest.fixture(scope="module")
def dossier(tmp_path_factory) -> dict:
    return _run(EXAMPLES / "corpus", tmp_path_factory.mktemp("claims"))


def _files(dossier: dict) -> dict[str, str]:
    """doc id -> gold file key ("03_daily-lantern.txt", "08_feeds.jsonl#L1")."""
    out = {}
    for d in dossier["documents"]:
        path, _, frag = d["source"].partition("#")
        out[d["id"]] = Path(path).name + (f"#{frag}" if frag else "")
    return out


def _states(dossier: dict, claim: dict, where: dict, polarity: str | None = None) -> bool:
    files = _files(dossier)
    return any(
        files[s["doc"]] == where["file"]
        and where["snippet"] in s["text"]
        and (polarity is None or s["polarity"] == polarity)
        for s in claim["statements"]
    )


def test_resignation_claim_with_its_denial(dossier):
    gold = GOLD["grouped"][0]
    found = [
        c
        for c in dossier["claims"]
        if c["predicate"] == gold["predicate"] and gold["subject"] in c["subject"]["name"]
    ]
    assert len(found) == 1, [c["label"] for c in dossier["claims"]]
    c = found[0]
    assert all(_states(dossier, c, w, "affirmed") for w in gold["affirmed_in"])
    assert all(_states(dossier, c, w, "negated") for w in gold["negated_in"])
    assert c["sources"] == gold["sources"]
    assert c["sources_negating"] == gold["sources_negating"]


def test_a_figure_and_its_translated_copy_are_one_claim_of_one_source(dossier):
    gold = GOLD["grouped"][1]
    found = [
        c
        for c in dossier["claims"]
        if c["kind"] == "number" and all(_states(dossier, c, w) for w in gold["in"])
    ]
    assert len(found) == 1
    c = found[0]
    assert c["value"]["value"] == gold["value"] and c["value"]["qualifier"] == gold["qualifier"]
    assert c["sources"] == gold["sources"]


def test_a_title_several_outlets_give_is_one_role_claim(dossier):
    gold = GOLD["grouped"][2]
    found = [
        c
        for c in dossier["claims"]
        if c["predicate"] == gold["predicate"]
        and gold["subject"] in c["subject"]["name"]
        and gold["title"] in (c["object"] or {}).get("name", "").lower()
    ]
    assert found and max(c["sources"] for c in found) >= gold["min_sources"]


@pytest.mark.parametrize("pair", GOLD["apart"])
def test_figures_compatible_in_words_only_stay_apart(dossier, pair):
    assert not [
        c
        for c in dossier["claims"]
        if _states(dossier, c, pair["a"]) and _states(dossier, c, pair["b"])
    ]


def test_every_claim_statement_quotes_its_document(dossier):
    texts = {d["id"]: d["text"] for d in dossier["documents"]}
    for c in dossier["claims"]:
        assert c["statements"] and c["sources"] + c["sources_negating"] >= 1
        for s in c["statements"]:
            assert texts[s["doc"]][s["start"] : s["end"]] == s["text"]


def test_belarus_resignation_is_a_claim_with_its_reporter(tmp_path):
    d = _run(shared_path("corpus", "belarus-2022"), tmp_path)
    found = [
        c
        for c in d["claims"]
        if c["predicate"] == "RETREAT:resign" and "Gulevich" in c["subject"]["name"]
    ]
    assert len(found) == 1
    (st,) = [s for s in found[0]["statements"] if s["polarity"] == "affirmed"]
    assert "resigned" in st["text"] and st["asserter"]["kind"] in ("speaker", "source")
