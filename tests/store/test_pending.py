"""Documents waiting for analysis: stubs in memory, text and bytes from the workspace."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.model import RawDocument
from storyline.store import Workspace
from storyline.store.pending import PendingDocuments


def _raw(n: int, **meta: str) -> RawDocument:
    text = f"Report {n}: the mayor of Keldara said the bridge would reopen."
    return RawDocument.create(f"feed.jsonl#L{n}", text, text.encode(), "jsonl", **meta)


def test_items_come_back_whole_and_stubs_hold_no_text(tmp_path: Path) -> None:
    raws = [_raw(1, title="One"), _raw(2, outlet="The Keldara Star"), _raw(3)]
    with Workspace(tmp_path / "w.db") as ws:
        pending = PendingDocuments(ws)
        for raw in raws:
            ws.add_document(raw)
            pending.append(raw)
        assert all(s.text == "" and s.raw == b"" for s in pending.stubs)
        assert len(pending) == 3
        assert list(pending) == raws
        assert pending[1] == raws[1]
        assert pending[0:2] == raws[0:2]


def test_this_readings_source_and_metadata_are_kept(tmp_path: Path) -> None:
    first = _raw(1, title="Stored first")
    again = RawDocument(**{**first.__dict__, "source": "other/path.jsonl#L9", "title": "Now"})
    with Workspace(tmp_path / "w.db") as ws:
        ws.add_document(first)
        ws.add_document(again)  # same content: stored once, under its first metadata
        pending = PendingDocuments(ws)
        pending.append(again)
        assert pending[0] == again


def test_document_content_is_the_stored_text_and_bytes(tmp_path: Path) -> None:
    raw = _raw(4, title="Four")
    with Workspace(tmp_path / "w.db") as ws:
        assert ws.document_content(raw.id) is None
        ws.add_document(raw)
        assert ws.document_content(raw.id) == (raw.text, raw.raw)


def test_a_stub_never_stored_is_a_key_error(tmp_path: Path) -> None:
    with Workspace(tmp_path / "w.db") as ws:
        pending = PendingDocuments(ws)
        pending.append(_raw(5))
        with pytest.raises(KeyError, match="not in the workspace"):
            pending[0]
