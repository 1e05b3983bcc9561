"""The paged dossier's corpus-wide index for the web app: parts, documents, entities.

``index.json`` (``storyline-paged/1``) ends with the merged entity index,
which at 100,000 documents is hundreds of megabytes; the app never loads it.
It reads only the head of ``index.json`` (everything before ``"entities"``)
and merges the parts' ``entities.jsonl`` once into a cached SQLite file
(``index.db`` in the cache folder, rebuilt when ``index.json`` changes), with
which document is in which part. Pages and the API then read one page of
parts or entities at a time.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

#: Where the writer starts the entity list (``report.paged._write_json``).
ENTITIES_MARK = ',\n "entities": ['
#: Bytes read at a time while looking for ``ENTITIES_MARK``.
_CHUNK = 1 << 20
#: Bumped when the cached index's tables change, so an old cache is rebuilt.
INDEX_VERSION = "1"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE parts (seq INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, row TEXT NOT NULL);
CREATE TABLE part_docs (doc_id TEXT PRIMARY KEY, part TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE entities (
  rank INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, key TEXT NOT NULL, type TEXT NOT NULL,
  name TEXT NOT NULL, mentions INTEGER NOT NULL, documents INTEGER NOT NULL,
  n_parts INTEGER NOT NULL, parts TEXT NOT NULL
);
CREATE TABLE entity_parts (part TEXT NOT NULL, id TEXT NOT NULL, rank INTEGER NOT NULL,
  PRIMARY KEY (part, id)) WITHOUT ROWID;
"""


class PagedError(Exception):
    """The folder is not a readable paged dossier (one line for the user)."""


def read_head(index_json: Path) -> dict[str, Any]:
    """``index.json`` without its ``entities`` list, read without loading that list.

    The writer puts ``entities`` last after a fixed separator; a file written
    otherwise (a tool that re-saved it) is read whole, and its entities dropped.
    """
    try:
        with open(index_json, "rb") as fh:
            buf = b""
            mark = ENTITIES_MARK.encode()
            while chunk := fh.read(_CHUNK):
                start = max(0, len(buf) - len(mark))
                buf += chunk
                at = buf.find(mark, start)
                if at >= 0:
                    head = json.loads(buf[:at].decode("utf-8") + "}")
                    break
            else:
                head = json.loads(buf.decode("utf-8"))
    except (OSError, ValueError) as exc:
        raise PagedError(f"{index_json}: not a readable paged index ({exc})") from exc
    if not isinstance(head, dict) or not str(head.get("schema", "")).startswith("storyline-paged/"):
        raise PagedError(f"{index_json}: not a storyline-paged index")
    head.pop("entities", None)
    return head


def entity_id(key: str, etype: str) -> str:
    """A stable id of a merged entity (its normalised name and type): ``x`` + 16 hex."""
    return "x" + hashlib.sha1(f"{etype}\0{key}".encode()).hexdigest()[:16]  # noqa: S324


def _stamp(path: Path) -> str:
    st = path.stat()
    return f"{INDEX_VERSION}:{st.st_size}:{st.st_mtime_ns}"


class CorpusIndex:
    """The parts and merged entities of one paged dossier, from a cached SQLite file."""

    def __init__(self, out_dir: Path, cache_dir: Path) -> None:
        self.out_dir = out_dir
        self.index_json = out_dir / "index.json"
        if not self.index_json.is_file():
            raise PagedError(f"{out_dir}: no index.json (not a paged dossier)")
        self.head = read_head(self.index_json)
        self.path = cache_dir / "index.db"
        self._local = threading.local()
        stamp = _stamp(self.index_json)
        if self._cached_stamp() != stamp:
            self._build(stamp)

    # ------------------------------------------------------------ building

    def _cached_stamp(self) -> str | None:
        if not self.path.is_file():
            return None
        try:
            db = sqlite3.connect(self.path)
            try:
                row = db.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
            finally:
                db.close()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    def _build(self, stamp: str) -> None:
        """Write the index into a new file, then put it in place (readers never see half)."""
        from storyline.report.paged.entities import EntityIndex

        tmp = self.path.with_name(f"index.{os.getpid()}.tmp")
        tmp.unlink(missing_ok=True)
        db = sqlite3.connect(tmp)
        merged = EntityIndex()
        try:
            db.executescript(_SCHEMA)
            for seq, row in enumerate(self.head.get("parts") or []):
                pid = str(row.get("id"))
                db.execute("INSERT INTO parts VALUES (?,?,?)", (seq, pid, json.dumps(row)))
                docs = [(str(d), pid) for d in row.get("doc_ids") or []]
                db.executemany("INSERT OR IGNORE INTO part_docs VALUES (?,?)", docs)
                rows_file = self.out_dir / str((row.get("paths") or {}).get("entities") or "")
                if row.get("status") != "failed" and rows_file.is_file():
                    merged.add_part(pid, rows_file)
            self._store_entities(db, merged)
            db.execute("INSERT INTO meta VALUES ('stamp', ?)", (stamp,))
            db.commit()
        finally:
            merged.close()
            db.close()
        os.replace(tmp, self.path)

    @staticmethod
    def _store_entities(db: sqlite3.Connection, merged: Any) -> None:
        batch, links = [], []
        for rank, e in enumerate(merged.merged()):
            xid = entity_id(e["key"], e["type"])
            parts = json.dumps(e["parts"], ensure_ascii=False)
            batch.append(
                (rank, xid, e["key"], e["type"], e["name"], e["mentions"], e["documents"])
                + (e["n_parts"], parts)
            )
            links += [(p["part"], p["id"], rank) for p in e["parts"]]
            if len(batch) >= 2000:
                db.executemany("INSERT INTO entities VALUES (?,?,?,?,?,?,?,?,?)", batch)
                db.executemany("INSERT OR IGNORE INTO entity_parts VALUES (?,?,?)", links)
                batch, links = [], []
        db.executemany("INSERT INTO entities VALUES (?,?,?,?,?,?,?,?,?)", batch)
        db.executemany("INSERT OR IGNORE INTO entity_parts VALUES (?,?,?)", links)

    # ------------------------------------------------------------ reading

    def db(self) -> sqlite3.Connection:
        """This thread's read-only connection to the cached index."""
        con = getattr(self._local, "db", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            self._local.db = con
        return con

    def summary(self) -> dict[str, Any]:
        """The index head without the per-part rows (what the home page's header says)."""
        return {k: v for k, v in self.head.items() if k != "parts"}

    def parts(self, limit: int, offset: int) -> dict[str, Any]:
        """A page of part rows in plan order, without their (long) ``doc_ids``."""
        rows = self.db().execute(
            "SELECT row FROM parts ORDER BY seq LIMIT ? OFFSET ?", (limit, offset)
        )
        items = []
        for (text,) in rows:
            row = json.loads(text)
            row.pop("doc_ids", None)
            items.append(row)
        total = self.db().execute("SELECT COUNT(*) FROM parts").fetchone()[0]
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    def part(self, part_id: str) -> dict[str, Any] | None:
        """One part's index row (``doc_ids`` included), or None."""
        row = self.db().execute("SELECT row FROM parts WHERE id = ?", (part_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def part_of(self, doc_id: str) -> str | None:
        """The part holding ``doc_id``, or None."""
        row = self.db().execute("SELECT part FROM part_docs WHERE doc_id = ?", (doc_id,))
        found = row.fetchone()
        return found[0] if found else None

    def entities(
        self, query: str = "", etype: str = "", limit: int = 50, offset: int = 0
    ) -> dict[str, Any]:
        """A page of merged entities, most mentioned first; ``query`` matches a
        part of the name or of its normalised form, ``etype`` the type exactly."""
        where, args = self._filters(query, etype)
        db = self.db()
        total = db.execute(f"SELECT COUNT(*) FROM entities{where}", args).fetchone()[0]  # noqa: S608
        rows = db.execute(
            f"SELECT * FROM entities{where} ORDER BY rank LIMIT ? OFFSET ?",  # noqa: S608
            [*args, limit, offset],
        )
        items = [self._entity(r) for r in rows]
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @staticmethod
    def _filters(query: str, etype: str) -> tuple[str, list[Any]]:
        from storyline.fuse.entity_names import normalise

        clauses, args = [], []
        query = query.strip()
        if query:
            like = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            key = normalise(query) or query.casefold()
            key_like = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            clauses.append("(name LIKE ? ESCAPE '\\' OR key LIKE ? ESCAPE '\\')")
            args += [like, key_like]
        if etype:
            clauses.append("type = ?")
            args.append(etype)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), args

    def entity(self, xid: str) -> dict[str, Any] | None:
        """One merged entity by its id, or None."""
        row = self.db().execute("SELECT * FROM entities WHERE id = ?", (xid,)).fetchone()
        return self._entity(row) if row else None

    def entity_in_part(self, part_id: str, ent_id: str) -> str | None:
        """The merged entity id of a part's entity, or None."""
        row = (
            self.db()
            .execute(
                "SELECT e.id FROM entity_parts l JOIN entities e ON e.rank = l.rank"
                " WHERE l.part = ? AND l.id = ?",
                (part_id, ent_id),
            )
            .fetchone()
        )
        return row[0] if row else None

    def types(self) -> list[tuple[str, int]]:
        """Entity types with how many merged entities have each, most first."""
        rows = self.db().execute(
            "SELECT type, COUNT(*) FROM entities GROUP BY type ORDER BY COUNT(*) DESC, type"
        )
        return [(t, n) for t, n in rows if t]

    @staticmethod
    def _entity(row: tuple[Any, ...]) -> dict[str, Any]:
        _, xid, key, etype, name, mentions, documents, n_parts, parts = row
        return {
            "id": xid,
            "name": name,
            "type": etype,
            "key": key,
            "mentions": mentions,
            "documents": documents,
            "n_parts": n_parts,
            "parts": json.loads(parts),
        }
