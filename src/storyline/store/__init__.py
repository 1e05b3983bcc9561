"""The SQLite workspace: documents by content hash, their analyses, search.

One file (default ``./storyline.db``) in WAL mode, so a reader (the web app)
can read while an ingest writes. Ingest is idempotent: a document is keyed by
the hash of its bytes, so the same input twice stores it once. Writers from
several processes take turns: every write is a short ``BEGIN IMMEDIATE``
transaction that waits for the other's (``store/connection.py``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from storyline.model import DocumentAnalysis, RawDocument
from storyline.store.connection import DEFAULT_BUSY_TIMEOUT, Notify, WriteLock, connect, tell_stderr
from storyline.store.derived import backfill, store_derived_rows
from storyline.store.errors import SearchError, WorkspaceError
from storyline.store.migrate import apply_migrations
from storyline.store.migrations import MIGRATIONS
from storyline.store.packed import PackedAnalysis, pack_for_store, store_digests
from storyline.store.rows import (
    ANALYSIS_UPSERT,
    DOCUMENT_INSERT,
    DOCUMENT_SELECT,
    document_content,
    document_row,
    raw_document,
    unpack_analysis,
)
from storyline.store.search import (
    DEFAULT_TIME_LIMIT,
    MAX_PREFIX_TERMS,
    MAX_QUERY_CHARS,
    check_search,
    find,
)

__all__ = ["DEFAULT_BUSY_TIMEOUT", "SearchError", "Workspace", "WorkspaceError"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Workspace:
    """A Storyline workspace file. Use as a context manager or call ``close()``.

    ``busy_timeout``: seconds a write waits for another process's; ``notify``
    is told once when a write has to wait (default: a line on stderr).
    """

    def __init__(
        self,
        path: str | Path,
        *,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
        notify: Notify = tell_stderr,
    ) -> None:
        self.path = Path(path)
        if self.path.parent and not self.path.parent.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = connect(self.path, busy_timeout)
        except sqlite3.DatabaseError as exc:
            raise WorkspaceError(
                f"{self.path}: not a Storyline workspace ({exc}); "
                "choose another file with --workspace"
            ) from exc
        self.lock = WriteLock(self.db, self.path, busy_timeout, notify)
        self._migrate()

    # ------------------------------------------------------------ schema

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        """Create or upgrade the schema under the write lock, reading its version there.

        An up-to-date workspace takes no lock, so opening one to read never
        waits for a writer.
        """
        if self._check_version() == len(MIGRATIONS):
            return
        with self.lock.transaction():
            current = self._check_version()  # another process may have migrated meanwhile
            apply_migrations(self.db, current)
            backfill(self.db, current)

    def _check_version(self) -> int:
        current = self.schema_version
        if current > len(MIGRATIONS):
            raise WorkspaceError(
                f"{self.path}: workspace schema {current} is newer than this Storyline "
                f"({len(MIGRATIONS)}); upgrade Storyline"
            )
        return current

    # --------------------------------------------------------- documents

    def add_document(self, raw: RawDocument) -> bool:
        """Store a document if its content is new; always record its source. True if new."""
        now = _now()
        with self.lock.transaction() as db:
            new = db.execute(DOCUMENT_INSERT, document_row(raw, now)).rowcount == 1
            db.execute(
                "INSERT OR IGNORE INTO document_sources (doc_id, source, first_seen)"
                " VALUES (?,?,?)",
                (raw.id, raw.source, now),
            )
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

    def document_content(self, doc_id: str) -> tuple[str, bytes] | None:
        """A stored document's text and original bytes alone (None if not stored)."""
        return document_content(self.db, doc_id)

    def document_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM documents ORDER BY rowid")]

    def sources(self, doc_id: str) -> list[str]:
        sql = "SELECT source FROM document_sources WHERE doc_id = ? ORDER BY source"
        return [r[0] for r in self.db.execute(sql, (doc_id,))]

    def needs_analysis(self, doc_id: str, pipeline_version: str) -> bool:
        row = self.db.execute(
            "SELECT pipeline_version FROM analyses WHERE doc_id = ?", (doc_id,)
        ).fetchone()
        return row is None or row[0] != pipeline_version

    # ---------------------------------------------------------- analyses

    def put_analyses(self, analyses: Iterable[DocumentAnalysis]) -> int:
        """Store analyses (replacing older ones) in one transaction; returns how many.

        Packed before the transaction opens, so the write lock is held only
        for the inserts.
        """
        return self.put_packed([pack_for_store(a) for a in analyses])

    def put_packed(self, packed: Iterable[PackedAnalysis]) -> int:
        """Store analyses already packed (in a pool worker) in one transaction."""
        now = _now()
        packed = list(packed)
        if not packed:
            return 0
        rows = [(p.doc_id, p.pipeline_version, p.data, now) for p in packed]
        with self.lock.transaction() as db:
            db.executemany(ANALYSIS_UPSERT, rows)
            store_derived_rows(db, [(p.label, p.repaired, p.doc_id) for p in packed])
            store_digests(db, packed)
        return len(rows)

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

    def search(
        self,
        query: str,
        limit: int = 20,
        *,
        time_limit: float = DEFAULT_TIME_LIMIT,
        max_chars: int = MAX_QUERY_CHARS,
        max_prefix_terms: int = MAX_PREFIX_TERMS,
        advanced: bool = False,
    ) -> list[dict[str, Any]]:
        """Full-text search over titles, texts and repaired readings, cost bounded.

        Plain words and quoted phrases search as text; ``advanced`` (or a
        leading ``fts:``) takes SQLite FTS5 syntax. Raises ``SearchError`` (a
        ``WorkspaceError``) with one line for a limit out of range, a query
        too long or too expensive, or bad advanced syntax (with a hint).
        """
        check_search(query, limit, max_chars=max_chars, max_prefix_terms=max_prefix_terms)
        return find(self.db, query, limit, time_limit, advanced)

    def get_meta(self, key: str) -> str | None:
        """A fact recorded about the workspace (``workspace_meta``), or None."""
        row = self.db.execute("SELECT value FROM workspace_meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def set_meta(self, key: str, value: str) -> None:
        with self.lock.transaction() as db:
            db.execute(
                "INSERT INTO workspace_meta (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

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
