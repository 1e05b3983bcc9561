import sqlite3

import pytest

from storyline.model import DocumentAnalysis, Metadata, RawDocument
from storyline.store import Workspace, WorkspaceError
from storyline.store.migrate import split_sql
from storyline.store.migrations import MIGRATIONS


def _raw(text: str, source: str = "a.txt") -> RawDocument:
    return RawDocument.create(source, text, text.encode(), "txt", title="T")


def _analysis(raw: RawDocument, version: str = "1") -> DocumentAnalysis:
    return DocumentAnalysis(raw.id, version, raw.text, raw.source, "txt", Metadata())


def test_fresh_workspace_is_migrated_and_wal(tmp_path):
    with Workspace(tmp_path / "w.db") as ws:
        assert ws.schema_version == len(MIGRATIONS)
        assert ws.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_adding_the_same_content_twice_stores_it_once_with_both_sources(tmp_path):
    with Workspace(tmp_path / "w.db") as ws:
        assert ws.add_document(_raw("same words", "a.txt")) is True
        assert ws.add_document(_raw("same words", "a.txt")) is False
        assert ws.add_document(_raw("same words", "copy/a.txt")) is False
        assert ws.status()["documents"] == 1
        assert ws.sources(_raw("same words").id) == ["a.txt", "copy/a.txt"]
        assert ws.get_document(_raw("same words").id).raw == b"same words"


def test_analysis_is_current_only_for_the_same_pipeline_version(tmp_path):
    raw = _raw("text")
    with Workspace(tmp_path / "w.db") as ws:
        ws.add_document(raw)
        assert ws.needs_analysis(raw.id, "1")
        ws.put_analyses([_analysis(raw, "1")])
        assert not ws.needs_analysis(raw.id, "1")
        assert ws.needs_analysis(raw.id, "2")
        ws.put_analyses([_analysis(raw, "2")])  # replaces, never duplicates
        assert ws.status()["analysed"] == 1
        assert [a.pipeline_version for a in ws.analyses()] == ["2"]


def test_full_text_search(tmp_path):
    with Workspace(tmp_path / "w.db") as ws:
        ws.add_document(_raw("The levee at Orsk held overnight."))
        ws.add_document(_raw("Nothing to see."))
        hits = ws.search("levee")
        assert len(hits) == 1
        ((start, end),) = hits[0]["highlights"]
        assert hits[0]["snippet"][start:end] == "levee"
        with pytest.raises(WorkspaceError, match="bad search query"):
            ws.search('fts:"unterminated')


def test_reopening_keeps_data_and_newer_schema_is_refused(tmp_path):
    path = tmp_path / "w.db"
    with Workspace(path) as ws:
        ws.add_document(_raw("kept"))
    with Workspace(path) as ws:
        assert ws.status()["documents"] == 1
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    con.close()
    with pytest.raises(WorkspaceError, match="newer"):
        Workspace(path)


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(WorkspaceError, match="not a Storyline workspace"):
        Workspace(path)


def test_migration_split_keeps_trigger_bodies_whole():
    statements = split_sql(MIGRATIONS[0])
    triggers = [s for s in statements if s.lstrip().startswith("CREATE TRIGGER")]
    assert len(triggers) == 3
    assert all(t.rstrip().endswith("END;") for t in triggers)
    assert all(sqlite3.complete_statement(s) for s in statements)
