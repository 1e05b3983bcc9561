"""The paged dossier (``storyline.report.paged``): a corpus written part by part.

A small workspace (the project's own sample corpus) with ``max_docs`` small
enough to force several parts stands in for a large one."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from storyline import api
from storyline.fuse.entity_names import normalise
from storyline.report import validate_dossier
from storyline.report.paged import PAGED_SCHEMA, plan, write_paged
from storyline.report.paged import parts as part_files
from storyline.report.paged.entities import EntityIndex
from storyline.report.paged.render import render_index_html, render_index_markdown
from storyline.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"
MAX_DOCS = 4  # the sample corpus has 10 documents: three parts or so

NEW_TEXT = """Volunteers reopen the Orlen footbridge

The Orlen footbridge reopened to walkers after volunteers from the Millbrook
rowing club cleared the fallen branches that had blocked it.
"We wanted the children to walk to school again," said Petra Ansel, who
leads the club. The council thanked the volunteers.
"""


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The sample corpus ingested once; tests copy it before changing it."""
    settings = Settings(workspace=tmp_path_factory.mktemp("paged") / "ws.db")
    assert api.ingest([str(EXAMPLES)], settings).errors == []
    return settings


def _copy(settings: Settings, tmp: Path) -> Settings:
    ws = tmp / "ws.db"
    shutil.copy(settings.workspace, ws)
    return Settings(workspace=ws)


def _index(out: Path) -> dict:
    return json.loads((out / "index.json").read_text(encoding="utf-8"))


def _published(out: Path, part_id: str) -> str:
    """The folder a part's files were published in (a rebuild publishes a new one)."""
    return os.readlink(out / "parts" / part_id / ".dossier-current")


def _statuses(index: dict) -> dict[str, str]:
    return {p["id"]: p["status"] for p in index["parts"]}


def test_every_document_in_one_valid_part_and_the_index_lists_them(workspace, tmp_path):
    out = tmp_path / "out"
    paths = write_paged(workspace, out, max_docs=MAX_DOCS)
    assert paths["json"] == out / "index.json" and paths["parts"] == out / "parts"
    index = _index(out)
    assert index["schema"] == PAGED_SCHEMA
    assert len(index["parts"]) >= 2
    listed = [d for p in index["parts"] for d in p["doc_ids"]]
    assert len(listed) == len(set(listed)) == index["documents"] == 10
    seen = []
    for p in index["parts"]:
        assert p["status"] == "built" and 0 < p["documents"] <= MAX_DOCS
        dossier = json.loads((out / p["paths"]["json"]).read_text(encoding="utf-8"))
        validate_dossier(dossier, thorough=True)
        assert [d["id"] for d in dossier["documents"]] == p["doc_ids"]
        assert dossier["part"]["id"] == p["id"]
        html = (out / p["paths"]["html"]).read_text(encoding="utf-8")
        assert 'href="../../index.html"' in html  # each part links back to the index
        assert "](../../index.md)" in (out / p["paths"]["markdown"]).read_text(encoding="utf-8")
        seen += [d["id"] for d in dossier["documents"]]
    assert sorted(seen) == sorted(listed)
    html = (out / "index.html").read_text(encoding="utf-8")
    for p in index["parts"]:
        assert f'href="parts/{p["id"]}/dossier.html"' in html


def test_entity_index_merges_one_name_across_parts(workspace, tmp_path):
    out = tmp_path / "out"
    write_paged(workspace, out, max_docs=MAX_DOCS)
    index = _index(out)
    mentions: dict[tuple[str, str], dict[str, int]] = {}
    for p in index["parts"]:
        dossier = json.loads((out / p["paths"]["json"]).read_text(encoding="utf-8"))
        for e in dossier["entities"]:
            key = (normalise(e["name"]), e["type"])
            per_part = mentions.setdefault(key, {})
            per_part[p["id"]] = per_part.get(p["id"], 0) + len(e["mentions"])
    across = {k: v for k, v in mentions.items() if len(v) >= 2}
    assert across, "the sample corpus names some entity in more than one part"
    merged = {(e["key"], e["type"]): e for e in index["entities"]}
    assert len(merged) == index["n_entities"] == len(mentions)
    for key, per_part in across.items():
        entry = merged[key]
        assert entry["n_parts"] == len(per_part)
        assert {p["part"] for p in entry["parts"]} == set(per_part)
        assert entry["mentions"] == sum(per_part.values())
    ranked = [e["mentions"] for e in index["entities"]]
    assert ranked == sorted(ranked, reverse=True)


def test_second_run_reuses_parts_and_a_killed_part_is_rebuilt(workspace, tmp_path):
    out = tmp_path / "out"
    write_paged(workspace, out, max_docs=MAX_DOCS)
    first = _index(out)
    links = {p["id"]: _published(out, p["id"]) for p in first["parts"]}
    write_paged(workspace, out, max_docs=MAX_DOCS)
    second = _index(out)
    assert set(_statuses(second).values()) == {"reused"}
    assert {p["id"]: _published(out, p["id"]) for p in second["parts"]} == links
    # A run killed inside a part leaves it without its manifest: rebuilt next time.
    killed = first["parts"][1]["id"]
    (out / "parts" / killed / part_files.MANIFEST).unlink()
    write_paged(workspace, out, max_docs=MAX_DOCS)
    third = _statuses(_index(out))
    assert third.pop(killed) == "built"
    assert set(third.values()) == {"reused"}
    assert _published(out, killed) != links[killed]
    # Another code version (or settings) makes every part stale.
    key = part_files.code_version()
    try:
        part_files.code_version = lambda: key + "-changed"  # type: ignore[assignment]
        write_paged(workspace, out, max_docs=MAX_DOCS)
    finally:
        part_files.code_version = lambda: key  # type: ignore[assignment]
    assert set(_statuses(_index(out)).values()) == {"built"}


def test_a_new_document_rebuilds_only_the_parts_it_changes(workspace, tmp_path):
    settings = _copy(workspace, tmp_path)
    out = tmp_path / "out"
    write_paged(settings, out, max_docs=MAX_DOCS)
    before = _index(out)
    links = {p["id"]: _published(out, p["id"]) for p in before["parts"]}
    new = tmp_path / "new" / "footbridge.txt"
    new.parent.mkdir()
    new.write_text(NEW_TEXT, encoding="utf-8")
    added = api.ingest([str(new)], settings)
    assert added.new == 1
    write_paged(settings, out, max_docs=MAX_DOCS)
    after = _index(out)
    assert after["documents"] == 11
    assert added.doc_ids[0] in {d for p in after["parts"] for d in p["doc_ids"]}
    for p in after["parts"]:
        if p["id"] in links:  # same documents: reused, its files untouched
            assert p["status"] == "reused" and _published(out, p["id"]) == links[p["id"]]
        else:
            assert p["status"] == "built"
    assert any(p["status"] == "reused" for p in after["parts"])
    # Parts no longer in the plan are gone, those in it are there.
    on_disk = {e.name for e in (out / "parts").iterdir()}
    assert on_disk == {p["id"] for p in after["parts"]}


def test_a_failing_part_costs_only_that_part(workspace, tmp_path, monkeypatch):
    out = tmp_path / "out"
    real = part_files.build_part
    target = plan(workspace, None, MAX_DOCS)[1].id

    def flaky(settings, folder, part, key):
        if part.id == target:
            raise RuntimeError("boom")
        return real(settings, folder, part, key)

    monkeypatch.setattr(part_files, "build_part", flaky)
    write_paged(workspace, out, max_docs=MAX_DOCS)
    index = _index(out)
    statuses = _statuses(index)
    assert statuses.pop(target) == "failed"
    assert set(statuses.values()) == {"built"}
    assert any(e.get("part") == target and "boom" in e["reason"] for e in index["errors"])
    assert not (out / "parts" / target / part_files.MANIFEST).exists()
    monkeypatch.setattr(part_files, "build_part", real)
    write_paged(workspace, out, max_docs=MAX_DOCS)  # retried next run, the rest reused
    again = _statuses(_index(out))
    assert again.pop(target) == "built" and set(again.values()) == {"reused"}


def test_parts_side_by_side_and_inline_give_the_same_files(workspace, tmp_path):
    outs = {}
    for name, processes, isolate in (("one", 1, True), ("two", 2, True), ("inline", 1, False)):
        settings = replace(workspace, processes=processes)
        write_paged(settings, tmp_path / name, max_docs=MAX_DOCS, isolate=isolate)
        index = _index(tmp_path / name)
        outs[name] = {
            p["id"]: (tmp_path / name / p["paths"]["json"]).read_text(encoding="utf-8")
            for p in index["parts"]
        }
    assert outs["one"] == outs["two"] == outs["inline"]


def test_index_escapes_untrusted_titles_and_names(tmp_path):
    evil = "<script>alert(1)</script>"
    rows = tmp_path / "rows.jsonl"
    row = {"key": "x", "type": "PERSON", "name": evil, "id": "e1", "mentions": 3, "documents": 1}
    rows.write_text(json.dumps(row) + "\n" + "not json\n", encoding="utf-8")
    index = EntityIndex()
    assert index.add_part("p1", rows) == 1
    part = {
        "id": "p1",
        "label": evil,
        "first": None,
        "last": None,
        "documents": 1,
        "doc_ids": ["d1"],
        "status": "built",
        "stats": {},
        "errors": 0,
        "paths": {"html": "parts/p1/dossier.html"},
    }
    head = {
        "schema": PAGED_SCHEMA,
        "generated_by": "test",
        "max_docs": 5,
        "documents": 1,
        "stats": {"documents": 1},
        "n_parts": 1,
        "n_entities": 1,
        "parts": [part],
        "errors": [{"source": evil, "reason": evil, "part": "p1"}],
    }
    html = render_index_html(head, index)
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "script-src 'none'" in html
    md = render_index_markdown(head, index)
    assert "<script>" not in md
    index.close()


def test_api_layouts(workspace, tmp_path, monkeypatch):
    assert api.choose_layout("auto", api.PAGED_ABOVE) == "single"
    assert api.choose_layout("auto", api.PAGED_ABOVE + 1) == "paged"
    with pytest.raises(ValueError):
        api.choose_layout("giant", 1)
    monkeypatch.setattr(api, "PAGED_PART_DOCS", MAX_DOCS)
    monkeypatch.setattr(api, "PAGED_ABOVE", 5)
    paths = api.report(tmp_path / "auto", workspace, layout="auto")
    assert paths["json"].name == "index.json" and len(_index(tmp_path / "auto")["parts"]) >= 2
    paths = api.report(tmp_path / "single", workspace, layout="single")
    assert paths["json"].name == "dossier.json"


def test_analyze_paged_lists_the_index(workspace, tmp_path):
    settings = _copy(workspace, tmp_path)
    new = tmp_path / "in" / "footbridge.txt"
    new.parent.mkdir()
    new.write_text(NEW_TEXT, encoding="utf-8")
    result = api.analyze([str(new)], tmp_path / "out", settings, layout="paged")
    assert result.layout == "paged" and result.dossier == {}
    outputs = result.to_dict()["outputs"]
    assert Path(outputs["json"]).name == "index.json" and Path(outputs["parts"]).is_dir()
    index = _index(tmp_path / "out")
    assert [d for p in index["parts"] for d in p["doc_ids"]] == result.ingest.doc_ids


def test_cli_layout_option(workspace, tmp_path):
    from typer.testing import CliRunner

    from storyline.cli import app

    runner = CliRunner()
    out = tmp_path / "out"
    args = ["report", "-w", str(workspace.workspace), "--out", str(out)]
    res = runner.invoke(app, [*args, "--layout", "paged", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["layout"] == "paged" and Path(data["json"]) == out / "index.json"
    assert Path(data["parts"]).is_dir() and (out / "index.html").exists()
    assert f"storyline serve --paged {out}" in res.stderr
    res = runner.invoke(app, [*args, "--layout", "giant"])
    assert res.exit_code == 2 and "choose one of auto, single, paged" in res.output


def test_planning_runs_in_a_child_and_its_error_is_one_line(workspace, monkeypatch):
    """The digests' memory stays in the planning child; an error there is reported."""
    from storyline.report.paged.runner import PartFailed, can_fork, run_isolated

    if not can_fork():
        pytest.skip("no fork on this platform: planning runs inline")
    assert run_isolated(os.getpid) != os.getpid()
    assert run_isolated(os.getpid, isolate=False) == os.getpid()

    def boom() -> None:
        raise ValueError("bad digest")

    with pytest.raises(PartFailed, match="ValueError: bad digest"):
        run_isolated(boom)
