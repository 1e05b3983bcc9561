"""The corpus-wide entity index of a paged dossier, merged across parts.

Each part leaves one row per entity in its ``entities.jsonl``; here the rows
of every part go into a temporary on-disk SQLite table, one part at a time,
and are aggregated by normalised name and type at the end. Memory stays that
of one row, never of the parts' dossiers. Merging by name and type is
coarser than fusion (two people of one name meet, two spellings of one person
do not): the index says where to look, each part's dossier says who is who.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE rows (
  key TEXT NOT NULL, type TEXT NOT NULL, part TEXT NOT NULL,
  name TEXT NOT NULL, id TEXT NOT NULL, mentions INTEGER NOT NULL, documents INTEGER NOT NULL
)
"""

# One group per (key, type): the name shown is the one with the most mentions
# (SQLite takes bare columns from the row that MAX() picked); parts in order.
_MERGED = """
SELECT key, type, name, MAX(mentions), SUM(mentions), SUM(documents), COUNT(DISTINCT part),
       json_group_array(json_array(part, id, mentions, documents, name))
FROM rows GROUP BY key, type
ORDER BY SUM(mentions) DESC, key, type
"""


class EntityIndex:
    """Entity rows of every part in a temporary SQLite file, merged on demand."""

    def __init__(self) -> None:
        # "" is SQLite's private temporary database: on disk, deleted on close.
        self.db = sqlite3.connect("")
        self.db.execute(_SCHEMA)
        self.parts = 0

    def add_part(self, part_id: str, rows_file: Path) -> int:
        """Load one part's ``entities.jsonl``; returns the rows read (bad lines skipped)."""
        n = 0
        with open(rows_file, encoding="utf-8") as fh, self.db:
            batch: list[tuple[Any, ...]] = []
            for line in fh:
                try:
                    r = json.loads(line)
                    batch.append(
                        (
                            str(r["key"]),
                            str(r["type"]),
                            part_id,
                            str(r["name"]),
                            str(r["id"]),
                            int(r["mentions"]),
                            int(r["documents"]),
                        )
                    )
                except (ValueError, KeyError, TypeError):
                    continue
                if len(batch) >= 1000:
                    n += self._insert(batch)
            n += self._insert(batch)
        self.parts += 1
        return n

    def _insert(self, batch: list[tuple[Any, ...]]) -> int:
        self.db.executemany("INSERT INTO rows VALUES (?,?,?,?,?,?,?)", batch)
        n = len(batch)
        batch.clear()
        return n

    def merged(self, limit: int | None = None) -> Iterator[dict[str, Any]]:
        """Entities merged across parts, most mentioned first, streamed."""
        sql = _MERGED if limit is None else _MERGED + f" LIMIT {int(limit)}"
        for key, etype, name, _, mentions, documents, n_parts, parts in self.db.execute(sql):
            yield {
                "name": name,
                "type": etype,
                "key": key,
                "mentions": mentions,
                "documents": documents,
                "n_parts": n_parts,
                "parts": [
                    {"part": p, "id": i, "mentions": m, "documents": d, "name": nm}
                    for p, i, m, d, nm in json.loads(parts)
                ],
            }

    def count(self) -> int:
        """How many merged entities there are."""
        row = self.db.execute("SELECT COUNT(*) FROM (SELECT 1 FROM rows GROUP BY key, type)")
        return int(row.fetchone()[0])

    def close(self) -> None:
        self.db.close()
