"""The stored dossier: items with their links, replaced all at once, never half
written (an error or ``kill -9`` mid-write leaves the previous dossier)."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyline.store import Workspace
from storyline.store import queries as q
from storyline.store.dossier import dossier_rows, named_ids, put_dossier, write_rows

TEXT_A = "Mayor Ilse Kovar said the floodwall held."
TEXT_B = "Residents returned to the lower town."


def small_dossier(n_quotes: int = 2) -> dict:
    """A hand-made storyline/1-shaped dossier: two documents, an entity, quotes, a story."""
    docs = [
        {
            "id": "dA",
            "title": "Wall holds",
            "outlet": "Veyra Post",
            "published": "2023-03-03",
            "source": "a.txt",
            "text": TEXT_A,
            "spans": [],
            "integrity": {},
        },
        {
            "id": "dB",
            "title": "Return",
            "outlet": "Ostra News",
            "published": "2023-03-05",
            "source": "b.txt",
            "text": TEXT_B,
            "spans": [],
            "integrity": {"spun": {"flagged": True, "score": 0.9}},
        },
    ]
    kovar = {
        "id": "e1",
        "name": "Ilse Kovar",
        "type": "PERSON",
        "aliases": [],
        "mentions": [{"doc": "dA", "start": 6, "end": 16, "text": "Ilse Kovar"}],
    }
    quotes = [
        {
            "id": f"dA:q{i}",
            "doc": "dA",
            "start": 0,
            "end": 5,
            "text": "Mayor",
            "speaker": {"entity": "e1", "text": "Ilse Kovar"},
        }
        for i in range(n_quotes)
    ]
    return {
        "schema": "storyline/1",
        "documents": docs,
        "entities": [kovar],
        "quotes": quotes,
        "stories": [{"id": "story-1", "title": "Wall", "documents": ["dA", "dB"]}],
        "stats": {"documents": 2, "quotes": n_quotes},
    }


def test_items_are_linked_to_documents_and_entities(tmp_path: Path) -> None:
    with Workspace(tmp_path / "ws.db") as ws:
        put_dossier(ws, small_dossier())
        db = ws.db
        assert q.section_counts(db) == {"entities": 1, "quotes": 2, "stories": 1, "documents": 2}
        assert q.list_items(db, "quotes", q.Filters(entity="e1"))["total"] == 2
        assert q.list_items(db, "quotes", q.Filters(doc="dB"))["total"] == 0
        assert q.list_items(db, "quotes", q.Filters(outlet="Veyra Post"))["total"] == 2
        assert q.list_documents(db, q.Filters(flag="spun"))["items"][0]["id"] == "dB"
        assert q.list_documents(db, q.Filters(story="story-1"))["total"] == 2
        assert q.list_documents(db, q.Filters(entity="e1"))["total"] == 1
        assert q.list_documents(db, q.Filters(date_to="2023-03-03"))["total"] == 1
        entity = q.get_item(db, "entities", "e1")
        assert entity["mentions"] == small_dossier()["entities"][0]["mentions"]
        sub = q.sub_dossier(db, ["dB"])
        assert [d["id"] for d in sub["documents"]] == ["dB"]
        assert "quotes" not in sub and [s["id"] for s in sub["stories"]] == ["story-1"]


def test_named_ids_reads_known_strings_off_the_json() -> None:
    # an escaped quote inside a text must not shift which quotes pair up after it
    item = {"text": 'he said "so", "dC"', "doc": "dA", "parts": [{"doc": "dB"}], "n": 3}
    text = json.dumps(item)
    assert named_ids(text, frozenset({"dA", "dB", "dC"})) == {"dA", "dB"}
    # backslashes before a closing quote, escapes of every kind, empty strings
    item = {"a": "x\\", "b": "dC", "c": '\u00e9\n\t"dB"', "d": "", "e": "dA"}
    for ensure_ascii in (True, False):
        text = json.dumps(item, ensure_ascii=ensure_ascii)
        assert named_ids(text, frozenset({"dA", "dB", "dC"})) == {"dA", "dC"}


def test_a_failed_write_leaves_the_previous_dossier(tmp_path: Path) -> None:
    with Workspace(tmp_path / "ws.db") as ws:
        put_dossier(ws, small_dossier(2))
        reader = sqlite3.connect(tmp_path / "ws.db")
        rows = dossier_rows(small_dossier(7))
        with pytest.raises(RuntimeError), ws.lock.transaction() as db:
            write_rows(db, rows)
            # mid-write, another connection still reads the old dossier whole
            assert q.list_items(reader, "quotes", q.Filters())["total"] == 2
            raise RuntimeError("interrupted")
        assert q.list_items(ws.db, "quotes", q.Filters())["total"] == 2
        put_dossier(ws, small_dossier(7))
        assert q.list_items(reader, "quotes", q.Filters())["total"] == 7
        reader.close()


WRITER = """
import sys
sys.path[:0] = {paths!r}
from storyline.store import Workspace
from storyline.store.dossier import put_dossier
sys.path.insert(0, {tests!r})
from test_dossier_store import small_dossier
ws = Workspace({ws!r})
print("ready", flush=True)
while True:
    for n in (3, 20000):
        put_dossier(ws, small_dossier(n))
"""


@pytest.mark.parametrize("delay", [0.3, 0.9, 1.7])
def test_kill_during_a_write_never_leaves_half_a_dossier(tmp_path: Path, delay: float) -> None:
    ws_path = tmp_path / "ws.db"
    with Workspace(ws_path) as ws:
        put_dossier(ws, small_dossier(3))
    script = WRITER.format(paths=sys.path, tests=str(Path(__file__).parent), ws=str(ws_path))
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    with Workspace(ws_path) as ws:
        assert ws.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        total = q.list_items(ws.db, "quotes", q.Filters())["total"]
        linked = ws.db.execute("SELECT COUNT(*) FROM dossier_item_docs").fetchone()[0]
    assert total in (3, 20000)
    assert linked == total + 3  # each quote its document, the story its two, the entity one


def test_a_slice_counts_its_own_documents_not_the_whole_dossiers(tmp_path: Path) -> None:
    dossier = small_dossier()
    dossier["stats"] |= {"characters": 999, "documents_spun": 1, "independent_sources": 2}
    dossier["stats"] |= {"spans_boilerplate": 5}
    with Workspace(tmp_path / "ws.db") as ws:
        put_dossier(ws, dossier)
        stats = q.sub_dossier(ws.db, ["dA"])["stats"]
    assert stats["documents"] == 1 and stats["characters"] == len(TEXT_A)
    assert stats["documents_spun"] == 0  # only dB is spun
    assert stats["independent_sources"] == 1
    assert stats["spans_boilerplate"] == 0


def test_an_untitled_document_is_labelled_by_its_first_line(tmp_path: Path) -> None:
    dossier = small_dossier()
    dossier["documents"][0]["title"] = None
    dossier["documents"][0]["text"] = "Menu\n\n" + TEXT_A
    dossier["documents"][0]["spans"] = [{"kind": "boilerplate", "start": 0, "end": 4}]
    with Workspace(tmp_path / "ws.db") as ws:
        put_dossier(ws, dossier)
        labels = q.document_labels(ws.db, ["dA", "dB"])
    assert labels["dA"]["text"].endswith(TEXT_A)
    assert "text" not in labels["dB"]  # a titled document's text is not read
    from storyline.web.views import doc_label

    assert doc_label(labels["dA"]) == f"Veyra Post · 3 Mar 2023 · {TEXT_A}"
