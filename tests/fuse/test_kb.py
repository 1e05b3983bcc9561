"""Offline knowledge-base linking (an invented KB, never a network call)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.fuse.kb import link_entities, load_kb
from storyline.model import Entity

KB_ROWS = [
    {"id": "K1", "label": "Ana Lopez", "aliases": ["Ana López"], "type": "PERSON",
     "description": "invented mayor"},
    {"id": "K2", "label": "Harbor Works", "type": "organization", "description": "invented firm"},
    {"id": "K3", "label": "Rivertown", "type": "city"},
    {"id": "K4", "label": "Tom Reyes", "aliases": ["Reyes"], "type": "PERSON"},
    {"id": "K5", "label": "Tina Reyes", "aliases": ["Reyes"], "type": "PERSON"},
    {"id": "K6", "label": "Mercury", "type": "PERSON"},
]  # fmt: skip


@pytest.fixture
def kb(tmp_path: Path):
    path = tmp_path / "kb.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in KB_ROWS) + "\n", encoding="utf-8")
    return load_kb(path)


def ent(name: str, etype: str, *aliases: str) -> Entity:
    return Entity(
        id="e" + name, name=name, type=etype,
        aliases=[{"text": a, "count": 1, "docs": ["d"]} for a in (name, *aliases)],
    )  # fmt: skip


def test_match_by_label_alias_and_accents(kb):
    links = link_entities(
        [ent("ANA LOPEZ", "PERSON"), ent("the Harbor Works", "ORG"), ent("Rivertown", "GPE")], kb
    )
    assert links["eANA LOPEZ"]["id"] == "K1"
    assert links["eANA LOPEZ"]["description"] == "invented mayor"
    assert links["ethe Harbor Works"]["id"] == "K2"
    assert links["eRivertown"]["id"] == "K3"


def test_ambiguous_gives_no_link(kb):
    assert link_entities([ent("Reyes", "PERSON")], kb) == {}
    # a full name that is unique wins over the ambiguous surname alias
    assert link_entities([ent("Tom Reyes", "PERSON", "Reyes")], kb)["eTom Reyes"]["id"] == "K4"


def test_type_mismatch_gives_no_link(kb):
    assert link_entities([ent("Ana Lopez", "ORG"), ent("Mercury", "GPE")], kb) == {}


def test_alias_only_match_scores_lower(kb):
    link = link_entities([ent("A. Lopez", "PERSON", "Ana López")], kb)["eA. Lopez"]
    assert link["id"] == "K1" and link["score"] < 1.0


def test_bad_lines_and_missing_file(tmp_path: Path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "K1", "label": "A"}\nnot json\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.jsonl:2"):
        load_kb(bad)
    with pytest.raises(ValueError, match="not found"):
        load_kb(tmp_path / "missing.jsonl")
