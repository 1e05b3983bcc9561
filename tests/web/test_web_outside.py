"""A document page names the documents its integrity words give by bare id."""

from __future__ import annotations

from pathlib import Path

from storyline.store import Workspace
from storyline.store.dossier import put_dossier
from storyline.web.views import name_outside


def _dossier() -> dict:
    doc = {"spans": [], "integrity": {}, "source": "x.txt"}
    return {
        "schema": "storyline/1",
        "documents": [
            {
                **doc,
                "id": "dorig01",
                "title": "<b>Dam</b> holds",
                "outlet": "Veyra Post",
                "published": "2023-03-03",
                "text": "The dam held.",
            },
            {**doc, "id": "dcopy02", "title": "Dam holds again", "text": "The dam held again."},
        ],
        "stats": {"documents": 2},
    }


def test_bare_ids_become_labelled_links_and_other_words_stay(tmp_path: Path) -> None:
    with Workspace(tmp_path / "ws.db") as ws:
        put_dossier(ws, _dossier())
        html = (
            'copy of “dorig01” (rewritten); copied by <span title="dcopy02">dcopy02</span>;'
            ' he said “nothing” and <span title="dnope99">dnope99</span>'
        )
        out = name_outside(html, ws.db)
    assert (
        'copy of “<a href="/documents/dorig01" title="dorig01">'
        "Veyra Post · 3 Mar 2023 · &lt;b&gt;Dam&lt;/b&gt; holds</a>” (rewritten)"
    ) in out
    assert '<a href="/documents/dcopy02" title="dcopy02">Dam holds again</a>' in out
    assert "“nothing”" in out and '<span title="dnope99">dnope99</span>' in out
