"""Opening a workspace file and taking its write lock, safely with other processes.

SQLite lets one process write at a time. Two ingests into one workspace used
to fail (``table documents already exists`` when both created it,
``database is locked`` when a deferred ``BEGIN`` found the other writer's
commit when it tried to write). Here every write transaction starts with
``BEGIN IMMEDIATE``, which takes the write lock first and waits for it up to
the busy timeout, so a second writer waits instead of failing; a wait longer
than ``NOTICE_AFTER`` seconds is said once, so a user knows why nothing moves.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from storyline.store.errors import WorkspaceError

#: Seconds a writer waits for another process's write lock before giving up.
DEFAULT_BUSY_TIMEOUT = 60.0
#: Seconds of waiting after which the wait is said (once per workspace opened).
NOTICE_AFTER = 2.0

Notify = Callable[[str], None]


def tell_stderr(message: str) -> None:
    """The default way to say a writer waits: one line on stderr."""
    sys.stderr.write(f"note: {message}\n")
    sys.stderr.flush()


def _busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc)
    return "locked" in text or "busy" in text


def connect(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, foreign keys on."""
    db = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)
    # Switching a new file to WAL needs a moment of exclusive access; another
    # process creating the same file at once can make that busy without
    # SQLite's busy handler waiting, so retry it until the timeout.
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError as exc:
            if not _busy(exc) or time.monotonic() > deadline:
                db.close()
                raise
            time.sleep(0.05)
        except sqlite3.DatabaseError:
            db.close()
            raise
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA synchronous=NORMAL")
    return db


class WriteLock:
    """Short ``BEGIN IMMEDIATE`` transactions on one connection, waiting for other writers."""

    def __init__(self, db: sqlite3.Connection, path: Path, busy_timeout: float, notify: Notify):
        self.db = db
        self.path = path
        self.busy_timeout = busy_timeout
        self.notify = notify
        self.waited = False  # the wait has been said already

    def _begin(self) -> None:
        first = min(NOTICE_AFTER, self.busy_timeout)
        self.db.execute(f"PRAGMA busy_timeout = {int(first * 1000)}")
        try:
            self.db.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not _busy(exc):
                raise
        finally:
            self.db.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
        if not self.waited:
            self.waited = True
            self.notify(
                f"{self.path}: another Storyline process is writing to this workspace; "
                f"waiting for it (up to {self.busy_timeout:g} s)"
            )
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if not _busy(exc):
                raise
            raise WorkspaceError(
                f"{self.path}: another process kept the workspace locked for over "
                f"{self.busy_timeout:g} s; run again when it has finished, or raise the "
                "wait with STORYLINE_BUSY_TIMEOUT (seconds)"
            ) from exc

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Everything in the block commits together or not at all."""
        self._begin()
        try:
            yield self.db
        except BaseException:
            # If the connection is gone, SQLite rolls back on its own.
            with suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
