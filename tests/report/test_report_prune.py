"""One bad item costs that item, never the dossier (issue 11: one bad item kills a dossier)."""

from __future__ import annotations

import copy
import json

import pytest
from jsonschema import ValidationError
from report_data import make_analysis_a, make_analysis_b, make_fused
from report_quotes_data import make_quote_analyses, make_quote_fused

from storyline.report import build_dossier, validate_dossier, write_dossier
from storyline.report.prune import prune_invalid_items


def _ids(items):
    return [x["id"] for x in items]


def test_bad_quote_speaker_costs_only_that_quote(tmp_path):
    analyses = make_quote_analyses()
    good = build_dossier(make_quote_analyses(), make_quote_fused(make_quote_analyses()))
    bad = analyses[0].quotes[0]
    bad.speaker["start"] = bad.speaker["end"] + 1  # the shape of "start 61 is after end 60"
    dossier = build_dossier(analyses, make_quote_fused(analyses))

    validate_dossier(dossier)
    dropped = f"{analyses[0].doc_id}:q1"
    assert _ids(dossier["quotes"]) == [q for q in _ids(good["quotes"]) if q != dropped]
    [line] = dossier["errors"]
    assert line["source"] == f"examples/{analyses[0].doc_id}.txt (document {analyses[0].doc_id})"
    assert f"dropped dossier.quotes[0] (id {dropped})" in line["reason"]
    assert "speaker: start" in line["reason"] and "is after end" in line["reason"]
    assert dossier["stats"]["errors"] == 1 and dossier["stats"]["items_dropped"] == 1
    assert dossier["stats"]["quotes"] == good["stats"]["quotes"] - 1
    # no dangling reference to the dropped quote
    for g in dossier["quote_groups"]:
        assert dropped not in g["quotes"]
    for e in dossier["entities"]:
        assert dropped not in e["quotes"]
    assert "items_dropped" not in good["stats"]
    paths = write_dossier(dossier, tmp_path / "out")
    assert json.loads(paths["json"].read_text("utf-8")) == dossier
    assert not (tmp_path / "out" / "dossier.invalid.json").exists()


@pytest.mark.parametrize(
    ("breakage", "where", "stat"),
    [
        (lambda a, f: setattr(a[0].spans[0], "end", 10_000), "documents[0].spans[0]", "spans"),
        (lambda a, f: setattr(a[0].mentions[0], "text", "Ana L."), "mentions[0]", "mentions"),
        (lambda a, f: None, None, None),
        (
            lambda a, f: setattr(a[0].sentences[0], "end", 10_000),
            "documents[0].sentences[0]",
            "sentences",
        ),
        (
            lambda a, f: setattr(f.entities[0].mentions[0], "end", 10_000),
            "entities[0].mentions[0]",
            "mentions",
        ),
    ],
)
def test_any_bad_item_is_dropped_with_a_line(breakage, where, stat):
    analyses = [make_analysis_a(), make_analysis_b()]
    fused = make_fused(analyses)
    good = build_dossier([make_analysis_a(), make_analysis_b()], fused)
    breakage(analyses, fused)
    dossier = build_dossier(analyses, fused)
    validate_dossier(dossier)
    if where is None:  # nothing broken: nothing dropped
        assert dossier == good
        return
    [line] = dossier["errors"]
    assert where in line["reason"]
    assert line["source"].startswith("examples/a.txt (document ")
    if stat in ("spans", "sentences"):
        assert dossier["stats"][stat] == good["stats"][stat] - 1
    if stat == "mentions" and where.startswith("entities"):
        assert len(dossier["entities"][0]["mentions"]) == len(good["entities"][0]["mentions"]) - 1
        # the profile counts only what is left
        assert sum(dossier["entities"][0]["documents"].values()) == len(
            dossier["entities"][0]["mentions"]
        )


def test_a_group_left_without_quotes_goes_and_its_quotes_forget_it():
    dossier = build_dossier(make_quote_analyses(), make_quote_fused(make_quote_analyses()))
    group = next(g for g in dossier["quote_groups"] if len(g["quotes"]) > 1)
    members = set(group["quotes"])
    for q in dossier["quotes"]:
        if q["id"] in members:
            q["cue"]["start"] = q["cue"]["end"] + 1
    lines = prune_invalid_items(dossier)
    assert len(lines) == len(members)
    assert group["id"] not in _ids(dossier["quote_groups"])
    assert not members & {q["id"] for q in dossier["quotes"]}
    assert all(q["group"] != group["id"] for q in dossier["quotes"])
    validate_dossier(dossier)


def test_a_dropped_entity_leaves_no_speaker_link():
    dossier = build_dossier(make_quote_analyses(), make_quote_fused(make_quote_analyses()))
    spoken = {q["speaker"]["entity"] for q in dossier["quotes"] if q["speaker"]["entity"]}
    assert spoken
    ent = next(e for e in dossier["entities"] if e["id"] in spoken)
    ent["type"] = 42  # not a string: the entity itself is the bad item
    prune_invalid_items(dossier)
    assert ent["id"] not in _ids(dossier["entities"])
    assert all(q["speaker"]["entity"] != ent["id"] for q in dossier["quotes"])
    validate_dossier(dossier)


@pytest.mark.parametrize("key", ["documents", "errors", "entities"])
def test_a_structurally_broken_dossier_still_fails(key):
    analyses = [make_analysis_a(), make_analysis_b()]
    dossier = build_dossier(analyses, make_fused(analyses))
    broken = copy.deepcopy(dossier)
    del broken[key]
    with pytest.raises(ValidationError, match="required property"):
        prune_invalid_items(broken)


def test_a_bad_document_text_is_not_an_item():
    analyses = [make_analysis_a(), make_analysis_b()]
    dossier = build_dossier(analyses, make_fused(analyses))
    dossier["documents"][1]["id"] = dossier["documents"][0]["id"]
    with pytest.raises(ValidationError, match="duplicate document id"):
        prune_invalid_items(dossier)
