"""Packed document records (``report/build/spill.py``): the same dossier, files and
stored rows as the in-memory build, one document decoded at a time."""

from __future__ import annotations

import copy
import io
import json
import pickle

import pytest

from storyline.report import build_dossier, write_dossier, write_json
from storyline.report.build.spill import SpilledList
from storyline.report.render.html import split
from storyline.store import Workspace
from storyline.store.dossier import dossier_rows, put_dossier

RECORDS = [{"id": "a", "spans": [{"start": 0, "end": 1}]}, {"id": "b", "spans": []}, {"id": "c"}]


def test_a_spilled_list_reads_like_the_list_it_packs():
    docs = SpilledList(RECORDS)
    assert isinstance(docs, list) and len(docs) == 3 and bool(docs)
    assert list(docs) == RECORDS and docs == RECORDS and list(docs) == RECORDS
    assert docs[0] == RECORDS[0] and docs[-1] == RECORDS[-1] and docs[1:] == RECORDS[1:]
    assert [d["id"] for d in docs] == ["a", "b", "c"]
    assert not SpilledList() and SpilledList() == []
    with pytest.raises(IndexError):
        docs[3]
    assert pickle.loads(pickle.dumps(docs)) == RECORDS
    assert copy.deepcopy(docs) == RECORDS
    assert docs != RECORDS[:2]


def test_every_list_method_reads_and_writes_records():
    docs = SpilledList(RECORDS)
    assert RECORDS[1] in docs and {"id": "x"} not in docs
    assert list(reversed(docs)) == RECORDS[::-1] and docs.copy() == RECORDS
    assert docs.index(RECORDS[2]) == 2 and docs.count(RECORDS[0]) == 1
    assert docs + [{"id": "d"}] == [*RECORDS, {"id": "d"}] and docs * 2 == RECORDS * 2
    docs.extend([{"id": "d"}])
    docs += [{"id": "e"}]
    docs.insert(0, {"id": "0"})
    assert docs.pop() == {"id": "e"} and docs.pop(0) == {"id": "0"}
    docs.remove({"id": "d"})
    assert docs == RECORDS
    docs.sort(key=lambda r: r["id"], reverse=True)
    assert [d["id"] for d in docs] == ["c", "b", "a"] and isinstance(docs, SpilledList)
    with pytest.raises(ValueError):
        docs.index({"id": "x"})


def test_edits_through_an_index_are_kept():
    docs = SpilledList(copy.deepcopy(RECORDS))
    del docs[0]["spans"][0]
    docs[1]["spans"].append({"start": 2, "end": 3})
    docs.settle()
    assert docs[0]["spans"] == [] and docs[1]["spans"] == [{"start": 2, "end": 3}]
    docs[0]["spans"].append({"start": 9, "end": 9})  # settled: a copy, not kept
    assert docs[0]["spans"] == []
    docs[2] = {"id": "z"}
    docs.append({"id": "d"})
    assert [d["id"] for d in docs] == ["a", "b", "z", "d"]
    del docs[0]
    assert [d["id"] for d in docs] == ["b", "z", "d"]


def test_json_writes_the_records_not_the_packed_bytes():
    docs = SpilledList(RECORDS)
    out = io.StringIO()
    json.dump({"documents": docs}, out, indent=2)
    assert out.getvalue() == json.dumps({"documents": RECORDS}, indent=2)
    assert json.dumps({"documents": docs}) == json.dumps({"documents": RECORDS})


def _files(out) -> dict[str, bytes]:
    root = out.resolve() / ".dossier-current"
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return {str(p.relative_to(root)): p.read_bytes() for p in files}


@pytest.mark.parametrize(("processes", "split_threshold"), [(1, 1000), (2, 1000), (1, 1), (2, 1)])
def test_a_spilled_dossier_writes_the_same_files(
    tmp_path, monkeypatch, analyses, fused, processes, split_threshold
):
    monkeypatch.setattr(split, "SPLIT_THRESHOLD", split_threshold)
    plain = build_dossier(analyses, fused)
    spilled = build_dossier(analyses, fused, spill=True)
    assert isinstance(spilled["documents"], SpilledList)
    assert spilled == plain
    write_dossier(plain, tmp_path / "plain", processes)
    write_dossier(spilled, tmp_path / "spilled", processes)
    files = _files(tmp_path / "plain")
    assert files == _files(tmp_path / "spilled")
    assert any("dossier_files" in name for name in files) == (split_threshold == 1)
    compact = io.StringIO()
    write_json(spilled, compact, lines=False)
    assert compact.getvalue() == json.dumps(plain, ensure_ascii=False) + "\n"


def test_a_bad_document_item_is_dropped_with_an_error_when_spilled(analyses, fused):
    analyses[0].spans[0].start = len(analyses[0].text) + 5  # a defect upstream
    plain = build_dossier(analyses, fused)
    spilled = build_dossier(analyses, fused, spill=True)
    assert plain["stats"]["items_dropped"] == 1
    assert any("spans" in e["reason"] for e in spilled["errors"])
    assert spilled == plain
    assert len(spilled["documents"][0]["spans"]) == len(analyses[0].spans) - 1


def test_a_spilled_dossier_is_stored_row_for_row(tmp_path, analyses, fused):
    plain = build_dossier(analyses, fused)
    spilled = build_dossier(analyses, fused, spill=True)
    assert dossier_rows(spilled) == dossier_rows(plain)
    tables = {}
    for name, dossier in (("plain", plain), ("spilled", spilled)):
        with Workspace(tmp_path / f"{name}.db") as ws:
            put_dossier(ws, dossier)
            tables[name] = [
                ws.db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()  # noqa: S608
                for t in ("dossier_meta", "dossier_documents", "dossier_items")
            ]
    assert tables["plain"] == tables["spilled"]
