"""Labels for documents outside a page that the page's records cite."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from storyline.store import queries as q


def test_context_labels_names_cited_documents_outside_the_page(
    workspace: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "ws.db"
    shutil.copy(workspace, copy)
    db = sqlite3.connect(copy)
    ids = [r[0] for r in db.execute("SELECT doc_id FROM dossier_documents ORDER BY doc_id")]
    assert len(ids) >= 3
    a, b, c = ids[:3]
    seq = 1 + (db.execute("SELECT COALESCE(MAX(seq), 0) FROM dossier_item_docs").fetchone()[0])
    # a timeline record citing a and b; an entity record citing a and c
    db.executemany(
        "INSERT INTO dossier_item_docs (section, seq, doc_id) VALUES (?,?,?)",
        [("timeline", seq, a), ("timeline", seq, b), ("entities", seq, a), ("entities", seq, c)],
    )
    labels = q.context_labels(db, [a])
    assert b in labels and labels[b]["id"] == b
    assert a not in labels  # the page's own documents are not "outside"
    assert c not in labels or any(  # only through a non-entity record
        r[0] not in ("entities", "stories")
        for r in db.execute(
            "SELECT l.section FROM dossier_item_docs l JOIN dossier_item_docs o"
            " ON o.section = l.section AND o.seq = l.seq WHERE l.doc_id = ? AND o.doc_id = ?",
            (a, c),
        )
    )
    db.close()


def test_story_page_shows_no_bare_document_ids(examples_out: Path) -> None:
    """The sample corpus's stories cite each other's reports (a timeline entry, a
    disagreement): those documents appear by label, never as a bare hash id."""
    import re

    from fastapi.testclient import TestClient

    from storyline.web import create_app

    workspace = examples_out.parent / "ws.db"
    db = sqlite3.connect(workspace)
    ids = [r[0] for r in db.execute("SELECT doc_id FROM dossier_documents")]
    stories = [r[0] for r in db.execute("SELECT id FROM dossier_items WHERE section = 'stories'")]
    db.close()
    assert stories
    with TestClient(create_app(workspace)) as client:
        for story in stories:
            page = client.get(f"/stories/{story}").text
            page = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", page, flags=re.S)
            visible = re.sub(r"<[^>]+>", " ", page)
            for doc_id in ids:
                assert doc_id not in visible, (story, doc_id)
