"""The web app's read connections to the workspace: one per worker thread.

SQLite connections belong to the thread that made them, and FastAPI runs
plain route functions in a thread pool, so each thread opens its own once.
The workspace is in WAL mode, so reads go on while an ingest writes; a read
that needs two statements to agree (a page and its total) runs them in one
read transaction (``snapshot``).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from storyline.store import Workspace

#: Seconds a read waits for a lock (only a schema migration holds one that long).
READ_TIMEOUT = 30.0


class Reader:
    """Per-thread read connections to one workspace file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        with Workspace(self.path):  # creates or migrates the schema once, under the write lock
            pass
        self._local = threading.local()

    def connection(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=READ_TIMEOUT, isolation_level=None)
            db.execute("PRAGMA query_only = ON")
            self._local.db = db
        return db

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """A connection inside one read transaction: every query sees the same dossier."""
        db = self.connection()
        db.execute("BEGIN")
        try:
            yield db
        finally:
            db.execute("COMMIT")
