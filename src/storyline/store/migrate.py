"""Applying the schema migrations of ``store/migrations.py`` to a workspace file.

Kept apart from ``Workspace`` so the class is about documents and analyses,
and from ``migrations.py`` so that file stays pure data.
"""

from __future__ import annotations

import sqlite3

from storyline.store.migrations import MIGRATIONS


def apply_migrations(db: sqlite3.Connection, current: int) -> None:
    """Apply ``MIGRATIONS[current:]``, one transaction each, recording each in ``user_version``.

    One transaction per migration so an interrupted upgrade leaves a
    consistent schema that the next open resumes from.
    """
    for version, script in enumerate(MIGRATIONS[current:], start=current + 1):
        db.execute("BEGIN")
        try:
            for statement in split_sql(script):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {version}")
            db.execute("COMMIT")
        except Exception:
            db.execute("ROLLBACK")
            raise


def split_sql(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole.

    ``sqlite3`` runs one statement per ``execute`` inside our own transaction
    (``executescript`` would commit first), hence the split.
    """
    statements: list[str] = []
    buf: list[str] = []
    for line in script.splitlines():
        stripped = line.split("--", 1)[0].rstrip()
        if not stripped.strip():
            continue
        buf.append(stripped)
        candidate = "\n".join(buf)
        if stripped.endswith(";") and sqlite3.complete_statement(candidate):
            statements.append(candidate)
            buf = []
    if buf and "\n".join(buf).strip():
        statements.append("\n".join(buf))
    return statements
