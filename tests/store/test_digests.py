"""Digests kept in the workspace: made once, remade when stale, one bad row costs one.

Texts are written for these tests (the ferry and dam stories of
tests/fuse/test_partition.py).
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

import storyline.store.digests as store_digests
from storyline.fuse.partition import DIGEST_VERSION, digest_of
from storyline.model import DocumentAnalysis, Evidence, Metadata, RawDocument
from storyline.settings import Settings
from storyline.store import Workspace
from storyline.store.digests import digests
from storyline.store.migrations import MIGRATIONS
from storyline.store.packed import pack_for_store

TEXTS = [
    "Ferry crews in Oskaren walked off the job on Monday after pay talks collapsed, and union "
    "secretary Pella Ronquist said the ferries to Brindle Island would stay in port.",
    "The Varnholt dam in the Selmira valley cracked overnight and engineers opened the "
    "spillways while governor Teodor Kask ordered the villages below it evacuated.",
    "A mediator met Pella Ronquist in Oskaren city hall on Wednesday while the ferries to "
    "Brindle Island stayed idle and the island shops reported empty streets.",
]


def put_without_digest(ws: Workspace, analysis: DocumentAnalysis) -> None:
    """Store ``analysis`` as ingest did before it stored digests (an older
    workspace, or a digest that could not be made): ``digests`` makes it."""
    ws.put_packed([replace(pack_for_store(analysis), digest=None)])


def add(ws: Workspace, doc_id: str, text: str, version: str = "v1") -> None:
    raw = RawDocument(id=doc_id, source=f"{doc_id}.txt", text=text, raw=text.encode(), format="txt")
    ws.add_document(raw)
    meta = Metadata(published=Evidence("2031-03-10", "test"))
    put_without_digest(ws, DocumentAnalysis(doc_id, version, text, f"{doc_id}.txt", "txt", meta))


def story_folder(tmp_path: Path) -> Path:
    """The test's stories as text files in one folder (an ingest's input)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for k, text in enumerate(TEXTS):
        (folder / f"story{k}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Ids of the documents whose digest was made (not read back)."""
    made: list[str] = []

    def counting(a: DocumentAnalysis) -> object:
        made.append(a.doc_id)
        return digest_of(a)

    monkeypatch.setattr(store_digests, "digest_of", counting)
    return made


def test_digests_in_ingest_order_made_once_then_read_back(
    tmp_path: Path, counted: list[str]
) -> None:
    with Workspace(tmp_path / "w.db") as ws:
        assert ws.schema_version == len(MIGRATIONS)
        for k, t in enumerate(TEXTS):
            add(ws, f"d{k}", t)
        ws.add_document(RawDocument(id="u", source="u.txt", text="x", raw=b"x", format="txt"))
        first = list(digests(ws))
        assert [d.doc_id for d in first] == ["d0", "d1", "d2"] and counted == ["d0", "d1", "d2"]
        again = list(digests(ws))
        assert counted == ["d0", "d1", "d2"]  # nothing made the second time
        assert again == first and all(d.version == DIGEST_VERSION for d in again)
        assert [d.doc_id for d in digests(ws, ["d2", "d0", "nope"])] == ["d2", "d0"]


def test_a_second_run_digests_only_new_documents(tmp_path: Path, counted: list[str]) -> None:
    with Workspace(tmp_path / "w.db") as ws:
        add(ws, "d0", TEXTS[0])
        add(ws, "d1", TEXTS[1])
        list(digests(ws))
        add(ws, "d2", TEXTS[2])
        counted.clear()
        assert [d.doc_id for d in digests(ws)] == ["d0", "d1", "d2"]
        assert counted == ["d2"]


def test_a_reanalysed_document_or_a_new_digest_version_gets_a_new_digest(
    tmp_path: Path, counted: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with Workspace(tmp_path / "w.db") as ws:
        add(ws, "d0", TEXTS[0])
        add(ws, "d1", TEXTS[1])
        old = {d.doc_id: d for d in digests(ws)}
        # d1 analysed again by a newer pipeline, which now finds a title
        meta = Metadata(title=Evidence("Dam cracks", "test"))
        put_without_digest(ws, DocumentAnalysis("d1", "v2", TEXTS[1], "d1.txt", "txt", meta))
        counted.clear()
        new = {d.doc_id: d for d in digests(ws)}
        assert counted == ["d1"]
        assert new["d0"] == old["d0"] and new["d1"].title == "Dam cracks" != old["d1"].title
        monkeypatch.setattr(store_digests, "DIGEST_VERSION", "digest/test")
        counted.clear()
        list(digests(ws))
        assert counted == ["d0", "d1"]


def test_an_undecodable_analysis_costs_only_its_document(tmp_path: Path) -> None:
    with Workspace(tmp_path / "w.db") as ws:
        for k, t in enumerate(TEXTS):
            add(ws, f"d{k}", t)
        with ws.lock.transaction() as db:
            db.execute("UPDATE analyses SET data = ? WHERE doc_id = 'd1'", (b"not zlib",))
        errors: list[str] = []
        assert [d.doc_id for d in digests(ws, errors=errors)] == ["d0", "d2"]
        assert len(errors) == 1 and errors[0].startswith("d1: ")
        assert ws.db.execute("SELECT COUNT(*) FROM digests").fetchone()[0] == 2


def test_an_unreadable_stored_digest_is_made_again(tmp_path: Path, counted: list[str]) -> None:
    with Workspace(tmp_path / "w.db") as ws:
        add(ws, "d0", TEXTS[0])
        list(digests(ws))
        with ws.lock.transaction() as db:
            db.execute("UPDATE digests SET data = '{broken'")
        counted.clear()
        assert [d.doc_id for d in digests(ws)] == ["d0"] and counted == ["d0"]


def test_an_older_workspace_gains_the_digest_table(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Workspace(path) as ws:
        add(ws, "d0", TEXTS[0])
        with ws.lock.transaction() as db:
            db.execute("DROP TABLE digests")
            db.execute(f"PRAGMA user_version = {len(MIGRATIONS) - 1}")
    with Workspace(path) as ws:
        assert ws.schema_version == len(MIGRATIONS)
        assert [d.doc_id for d in digests(ws)] == ["d0"]
    con = sqlite3.connect(path)
    assert con.execute("SELECT COUNT(*) FROM digests").fetchone()[0] == 1
    con.close()


def test_the_plan_reads_digests_as_they_stream_from_the_workspace(tmp_path: Path) -> None:
    from storyline.fuse.partition import plan_partitions

    with Workspace(tmp_path / "w.db") as ws:
        for k, t in enumerate(TEXTS):
            add(ws, f"d{k}", t)
        parts = plan_partitions(digests(ws), max_docs=2)
    assert sorted(p.doc_ids for p in parts) == [["d0", "d2"], ["d1"]]  # ferry, dam


def test_stored_analyses_carry_their_current_digest(tmp_path: Path, counted: list[str]) -> None:
    meta = Metadata(published=Evidence("2031-03-10", "test"))
    analyses = [
        DocumentAnalysis(f"d{k}", "v1", t, f"d{k}.txt", "txt", meta) for k, t in enumerate(TEXTS)
    ]
    with Workspace(tmp_path / "w.db") as ws:
        for a in analyses:
            ws.add_document(RawDocument(a.doc_id, a.source, a.text, a.text.encode(), "txt"))
        ws.put_analyses(analyses)
        assert list(digests(ws)) == [digest_of(a) for a in analyses]
        assert counted == []  # every one read back, none made
        # analysed again, its digest could not be made: the older one goes, made anew
        put_without_digest(ws, replace(analyses[1], pipeline_version="v2"))
        assert [d.doc_id for d in digests(ws)] == ["d0", "d1", "d2"] and counted == ["d1"]


def test_a_digest_that_fails_at_ingest_costs_only_the_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storyline.fuse.partition as partition

    def broken(a: DocumentAnalysis) -> object:
        raise ValueError("no digest today")

    first = DocumentAnalysis("d0", "v1", TEXTS[0], "d0.txt", "txt", Metadata())
    with Workspace(tmp_path / "w.db") as ws:
        ws.add_document(RawDocument("d0", "d0.txt", TEXTS[0], TEXTS[0].encode(), "txt"))
        ws.put_analyses([first])
        assert ws.db.execute("SELECT pipeline_version FROM digests").fetchall() == [("v1",)]
        monkeypatch.setattr(partition, "digest_of", broken)
        ws.put_analyses([replace(first, pipeline_version="v2")])  # analysed again
        assert ws.status()["pipeline_versions"] == {"v2": 1}  # the analysis is stored
        assert ws.db.execute("SELECT COUNT(*) FROM digests").fetchone()[0] == 0  # no stale one


def test_after_ingest_every_analysed_document_has_a_current_digest(
    tmp_path: Path, counted: list[str]
) -> None:
    from storyline import api

    folder = story_folder(tmp_path)
    settings = Settings(workspace=tmp_path / "w.db")
    result = api.ingest([str(folder)], settings)
    assert result.analysed == len(TEXTS)
    with Workspace(settings.workspace) as ws:
        rows = ws.db.execute(
            "SELECT a.doc_id, g.version = ? AND g.pipeline_version = a.pipeline_version"
            " FROM analyses a LEFT JOIN digests g ON g.doc_id = a.doc_id",
            (DIGEST_VERSION,),
        ).fetchall()
        assert sorted(r[0] for r in rows) == sorted(result.doc_ids)
        assert all(current == 1 for _, current in rows)
        assert sorted(d.doc_id for d in digests(ws)) == sorted(result.doc_ids)
    assert counted == []  # digests() made none: ingest had made them all


def test_analyze_into_one_file_skips_digests_and_a_paged_report_makes_them(
    tmp_path: Path,
) -> None:
    from storyline import api

    folder = story_folder(tmp_path)
    settings = Settings(workspace=tmp_path / "w.db")
    result = api.analyze([str(folder)], tmp_path / "out", settings)  # layout "single"
    assert result.layout == "single"
    with Workspace(settings.workspace) as ws:
        assert ws.db.execute("SELECT COUNT(*) FROM digests").fetchone()[0] == 0
    # ingest for a paged dossier makes them at analysis time
    paged = Settings(workspace=tmp_path / "p.db")
    api.ingest([str(folder)], paged, layout="paged")
    with Workspace(paged.workspace) as ws:
        assert ws.db.execute("SELECT COUNT(*) FROM digests").fetchone()[0] == len(TEXTS)
    # a paged report of the first workspace makes the missing ones from the analyses
    paths = api.report(tmp_path / "paged", settings, layout="paged")
    assert paths
    with Workspace(settings.workspace) as ws:
        assert sorted(d.doc_id for d in digests(ws)) == sorted(result.ingest.doc_ids)
        assert ws.db.execute("SELECT COUNT(*) FROM digests").fetchone()[0] == len(TEXTS)
