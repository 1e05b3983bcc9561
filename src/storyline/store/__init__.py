"""The SQLite workspace: documents by content hash, their analyses, search.

One file (default ``./storyline.db``) in WAL mode, so a reader (the web app)
can read while an ingest writes. Ingest is idempotent: a document is keyed by
the hash of its bytes, so the same input twice stores it once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from storyline.model import DocumentAnalysis, RawDocument
from storyline.store.migrate import apply_migrations
from storyline.store.migrations import MIGRATIONS
from storyline.store.rows import (
    DOCUMENT_INSERT,
    DOCUMENT_SELECT,
    document_row,
    pack_analysis,
    raw_document,
    unpack_analysis,
)


class WorkspaceError(RuntimeError):
    pass


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Workspace:
    """A Storyline workspace file. Use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if self.path.parent and not self.path.parent.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
        except sqlite3.DatabaseError as exc:
            raise WorkspaceError(
                f"{self.path}: not a Storyline workspace ({exc}); "
                "choose another file with --workspace"
            ) from exc
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self._migrate()

    # ------------------------------------------------------------ schema

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        current = self.schema_version
        if current > len(MIGRATIONS):
            raise WorkspaceError(
                f"{self.path}: workspace schema {current} is newer than this Storyline "
                f"({len(MIGRATIONS)}); upgrade Storyline"
            )
        apply_migrations(self.db, current)

    # --------------------------------------------------------- documents

    def add_document(self, raw: RawDocument) -> bool:
        """Store a document if its content is new; always record its source. True if new."""
        now = _now()
        self.db.execute("BEGIN")
        try:
            cur = self.db.execute(DOCUMENT_INSERT, document_row(raw, now))
            new = cur.rowcount == 1
            self.db.execute(
                "INSERT OR IGNORE INTO document_sources (doc_id, source, first_seen)"
                " VALUES (?,?,?)",
                (raw.id, raw.source, now),
            )
            self.db.execute("COMMIT")
        except Exception:
            self.db.execute("ROLLBACK")
            raise
        return new

    def get_document(self, doc_id: str) -> RawDocument | None:
        row = self.db.execute(DOCUMENT_SELECT, (doc_id,)).fetchone()
        if row is None:
            return None
        source = self.db.execute(
            "SELECT source FROM document_sources WHERE doc_id = ? ORDER BY first_seen, source"
            " LIMIT 1",
            (doc_id,),
        ).fetchone()
        return raw_document(row, source[0] if source else "")

    def document_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM documents ORDER BY rowid")]

    def sources(self, doc_id: str) -> list[str]:
        return [
            r[0]
            for r in self.db.execute(
                "SELECT source FROM document_sources WHERE doc_id = ? ORDER BY source", (doc_id,)
            )
        ]

    def needs_analysis(self, doc_id: str, pipeline_version: str) -> bool:
        row = self.db.execute(
            "SELECT pipeline_version FROM analyses WHERE doc_id = ?", (doc_id,)
        ).fetchone()
        return row is None or row[0] != pipeline_version

    # ---------------------------------------------------------- analyses

    def put_analyses(self, analyses: Iterable[DocumentAnalysis]) -> int:
        """Store analyses (replacing older ones) in one transaction; returns how many."""
        n = 0
        now = _now()
        self.db.execute("BEGIN")
        try:
            for a in analyses:
                data = pack_analysis(a)
                self.db.execute(
                    "INSERT INTO analyses (doc_id, pipeline_version, data, analysed_at)"
                    " VALUES (?,?,?,?) ON CONFLICT(doc_id) DO UPDATE SET"
                    " pipeline_version=excluded.pipeline_version, data=excluded.data,"
                    " analysed_at=excluded.analysed_at",
                    (a.doc_id, a.pipeline_version, data, now),
                )
                n += 1
            self.db.execute("COMMIT")
        except Exception:
            self.db.execute("ROLLBACK")
            raise
        return n

    def analyses(self, doc_ids: Iterable[str] | None = None) -> Iterator[DocumentAnalysis]:
        """Stored analyses, in ingest order (or in the order of ``doc_ids``)."""
        if doc_ids is None:
            rows: Iterable[Any] = self.db.execute(
                "SELECT a.data FROM analyses a JOIN documents d ON d.id = a.doc_id ORDER BY d.rowid"
            )
            for (data,) in rows:
                yield unpack_analysis(data)
            return
        for doc_id in doc_ids:
            row = self.db.execute(
                "SELECT data FROM analyses WHERE doc_id = ?", (doc_id,)
            ).fetchone()
            if row is not None:
                yield unpack_analysis(row[0])

    # ------------------------------------------------------------ search

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search (SQLite FTS5 syntax) over titles and texts."""
        try:
            rows = self.db.execute(
                "SELECT d.id, d.title, snippet(documents_fts, 1, '[', ']', '…', 12)"
                " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
                " WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
                (query, limit),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise WorkspaceError(f"bad search query {query!r}: {exc}") from exc
        return [{"id": r[0], "title": r[1], "snippet": r[2]} for r in rows]

    def status(self) -> dict[str, Any]:
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        versions = dict(
            self.db.execute(
                "SELECT pipeline_version, COUNT(*) FROM analyses GROUP BY pipeline_version"
            ).fetchall()
        )
        return {
            "workspace": str(self.path),
            "schema_version": self.schema_version,
            "documents": one("SELECT COUNT(*) FROM documents"),
            "sources": one("SELECT COUNT(*) FROM document_sources"),
            "analysed": one("SELECT COUNT(*) FROM analyses"),
            "pipeline_versions": versions,
        }

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
