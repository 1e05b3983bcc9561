"""Search across every part of a paged dossier, through the workspace it was written from.

A part's own search (``/parts/<part>/search``) covers that part's titles and
texts only. The workspace's full-text index covers every document with its
repaired reading, so when ``serve --paged`` is given the workspace
(``--workspace``), ``/search`` and ``/api/search`` run the same forgiving,
cost-bounded search as ``storyline search`` there and send each hit to its
document's page in its part. Hits for documents that are in no part (the
workspace holds more than this dossier) are left out and counted.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import zlib
from pathlib import Path
from typing import Any

from storyline.web.paged.corpus import CorpusIndex

#: Hits fetched for one search (the page shows those in a part).
SEARCH_HITS = 100
#: Characters of an untitled document's text read to name it by its first line.
OPENING_CHARS = 4000


def openings(db: sqlite3.Connection, doc_ids: list[str]) -> dict[str, dict[str, Any]]:
    """id → {text: the opening of the text, spans: its boilerplate spans}:
    what ``report.text.doc_label`` needs to name an untitled document by its first
    line, as every other page does. Read only for the untitled hits (few); the
    boilerplate spans come from the stored analysis, skipped when it is missing
    or unreadable (the first line is then taken as it is)."""
    out: dict[str, dict[str, Any]] = {}
    for doc_id in doc_ids:
        row = db.execute(
            f"SELECT substr(d.text, 1, {OPENING_CHARS}), a.data FROM documents d"
            " LEFT JOIN analyses a ON a.doc_id = d.id WHERE d.id = ?",
            (doc_id,),
        ).fetchone()
        if row is None:
            continue
        out[doc_id] = {"text": row[0] or "", "spans": _boilerplate(row[1])}
    return out


def _boilerplate(data: bytes | None) -> list[dict[str, Any]]:
    """The boilerplate spans of a stored (compressed JSON) analysis; [] when unreadable."""
    if not data:
        return []
    try:
        spans = json.loads(zlib.decompress(data)).get("spans") or []
    except (zlib.error, ValueError, AttributeError):
        return []
    return [s for s in spans if isinstance(s, dict) and s.get("kind") == "boilerplate"]


class CorpusSearch:
    """Read-only, per-thread connections to the workspace's search index."""

    def __init__(self, workspace: Path) -> None:
        self.path = workspace
        self._local = threading.local()

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=30.0)
            self._local.db = db
        return db

    def search(
        self, corpus: CorpusIndex, query: str, limit: int = SEARCH_HITS, advanced: bool = False
    ) -> dict[str, Any]:
        """``{"hits", "n_hits", "outside", "capped"}``; each hit with its ``part``,
        ``part_label`` and ``href``. Raises ``SearchError`` (one line) for a
        query that cannot run, as ``storyline search`` does."""
        from storyline.store.search import DEFAULT_TIME_LIMIT, check_search, find
        from storyline.web.views import doc_label, marked

        check_search(query, limit)
        found = find(self._db(), query, limit, DEFAULT_TIME_LIMIT, advanced)
        untitled = openings(self._db(), [str(h["id"]) for h in found if not h.get("title")])
        hits, outside, labels = [], 0, {}
        for h in found:
            part = corpus.part_of(str(h["id"]))
            if part is None:
                outside += 1
                continue
            if part not in labels:
                labels[part] = str((corpus.part(part) or {}).get("label") or part)
            hits.append(
                {
                    **h,
                    "part": part,
                    "part_label": labels[part],
                    "label": doc_label(
                        {"source": h.get("file"), **h, **untitled.get(str(h["id"]), {})},
                        str(h["id"]),
                    ),
                    "pieces": marked(h.get("snippet") or "", h.get("highlights") or []),
                    "href": f"/parts/{part}/documents/{h['id']}",
                }
            )
        return {
            "hits": hits,
            "n_hits": len(hits),
            "outside": outside,
            "capped": len(found) == limit,
        }
