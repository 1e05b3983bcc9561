"""The paged app names things as the rest of the app does: counts through the
``plural`` filter ("1 document in 1 part", never "1 parts"), and a search hit
without a title by the first line of its text (``report.text.doc_label``), not
by its file name or id."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from storyline.web.paged.routes import render
from storyline.web.paged.search import CorpusSearch

ONE_PLURAL = re.compile(r"(?<![\d,.])1 (documents|parts|entities|quotes|errors|mentions)\b")


class OnePart:
    """Stands in for ``CorpusIndex``: every document is in part ``p1``."""

    def part_of(self, doc_id: str) -> str:
        return "p1"

    def part(self, part_id: str) -> dict[str, Any]:
        return {"id": part_id, "label": "Harbor reports"}


def test_paged_home_counts_read_in_the_singular() -> None:
    head = {
        "documents": 1,
        "n_parts": 1,
        "max_docs": 1,
        "n_entities": 1,
        "stats": {"quotes": 1},
        "errors": [{"source": "a.txt", "reason": "unreadable"}],
    }
    html = render(
        "paged_home.html.j2",
        head=head,
        page={"offset": 0, "limit": 50, "total": 0},
        parts=[],
        entities=[],
        types=[],
    ).body.decode()
    text = re.sub(r"<[^>]+>", " ", html)
    assert not ONE_PLURAL.search(text), ONE_PLURAL.search(text)
    assert "1 document in 1 part of at most 1" in text
    assert "1 entity across parts · 1 quote · 1 error" in text
    many = render(
        "paged_home.html.j2",
        head={**head, "documents": 12400, "n_parts": 3, "n_entities": 2, "errors": []},
        page={"offset": 0, "limit": 50, "total": 0},
        parts=[],
        entities=[],
        types=[],
    ).body.decode()
    assert "12,400 documents in 3 parts" in many and "2 entities across parts" in many


def test_an_untitled_search_hit_is_named_by_its_first_line(workspace: Path, tmp_path: Path) -> None:
    ws = tmp_path / "ws.db"
    shutil.copy(workspace, ws)
    with sqlite3.connect(ws) as db:
        (doc_id,) = db.execute(
            "SELECT id FROM documents WHERE text LIKE 'Floodwall holds%'"
        ).fetchone()
        db.execute("UPDATE documents SET title = NULL WHERE id = ?", (doc_id,))
        db.execute("UPDATE analyses SET title = NULL WHERE doc_id = ?", (doc_id,))
    found = CorpusSearch(ws).search(OnePart(), "Kovar")  # type: ignore[arg-type]
    hits = {h["id"]: h for h in found["hits"]}
    assert hits[doc_id]["title"] is None  # the hit itself is untitled
    label = hits[doc_id]["label"]
    assert "Floodwall holds in Port Veyra" in label, label
    assert doc_id not in label and ".txt" not in label
    others = [h for h in found["hits"] if h["id"] != doc_id]
    assert others
    for h in others:  # by title, or (the hostile report, untitled) by its first line too
        assert (h["title"] or "Harbor notes") in h["label"] and h["id"] not in h["label"]
