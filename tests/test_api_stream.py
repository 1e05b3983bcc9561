"""``storyline report`` with packed document records (the large-corpus path) writes
the same files and stores the same dossier as the in-memory path."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline import api
from storyline.settings import Settings
from storyline.store import Workspace

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "belarus-2022"


def _files(out: Path) -> dict[str, bytes]:
    root = (out / ".dossier-current").resolve()  # the published set, not older ones
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return {str(p.relative_to(root)): p.read_bytes() for p in files}


def _stored(settings: Settings) -> list[list[tuple]]:
    with Workspace(settings.workspace) as ws:
        return [
            ws.db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()  # noqa: S608
            for t in ("dossier_meta", "dossier_documents", "dossier_items", "dossier_item_docs")
        ]


@pytest.mark.parametrize("corpus", [EXAMPLES, SHARED], ids=["examples", "belarus"])
def test_packed_documents_give_the_same_dossier_files_and_store(corpus, tmp_path, monkeypatch):
    if not corpus.exists():
        pytest.skip(f"{corpus} is absent (the shared corpus is not in this checkout)")
    settings = Settings(workspace=tmp_path / "ws.db")
    assert api.ingest([str(corpus)], settings).errors == []
    outs, stored = {}, {}
    for name, above in (("memory", 10**9), ("packed", 0)):
        monkeypatch.setattr(api, "SPILL_ABOVE", above)
        api.report(tmp_path / name, settings)
        outs[name], stored[name] = _files(tmp_path / name), _stored(settings)
    assert outs["memory"] == outs["packed"]
    assert stored["memory"] == stored["packed"]
    assert len(outs["memory"]["dossier.json"]) > 10_000
