"""Applying the schema migrations of ``store/migrations.py`` to a workspace file.

Kept apart from ``Workspace`` so the class is about documents and analyses,
and from ``migrations.py`` so that file stays pure data.
"""

from __future__ import annotations

import sqlite3

from storyline.store.migrations import MIGRATIONS


def apply_migrations(db: sqlite3.Connection, current: int) -> None:
    """Apply ``MIGRATIONS[current:]`` and record the count in ``user_version``.

    Runs inside the caller's transaction (``Workspace`` opens it with
    ``BEGIN IMMEDIATE`` and reads ``current`` under that lock), so two
    processes opening a new workspace at once cannot both create its tables,
    and an interrupted upgrade leaves the schema as it was.
    """
    for version, script in enumerate(MIGRATIONS[current:], start=current + 1):
        for statement in split_sql(script):
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {version}")


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
