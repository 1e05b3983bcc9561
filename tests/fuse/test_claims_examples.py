"""Claims on the sample corpus (examples/) against gold.json's ``claims``,
and on the real Belarus corpus in ../shared (skipped where it is absent)."""

from __future__ import annotations

import json

import pytest
from tests.conftest import EXAMPLES, analyze_dossier, gold_file_keys, shared_path

GOLD = json.loads((EXAMPLES / "gold.json").read_text(encoding="utf-8"))["claims"]


@pytest.fixture(scope="module")
def dossier(examples_dossier: dict) -> dict:
    return examples_dossier


def _states(dossier: dict, claim: dict, where: dict, polarity: str | None = None) -> bool:
    files = gold_file_keys(dossier)
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
    d = analyze_dossier(shared_path("corpus", "belarus-2022"), tmp_path)
    found = [
        c
        for c in d["claims"]
        if c["predicate"] == "RETREAT:resign" and "Gulevich" in c["subject"]["name"]
    ]
    assert len(found) == 1
    (st,) = [s for s in found[0]["statements"] if s["polarity"] == "affirmed"]
    assert "resigned" in st["text"] and st["asserter"]["kind"] in ("speaker", "source")
