"""The parts of a paged dossier, each served by the single layout's app, on demand.

A part is written as ``dossier.json`` (about 17 MB at 1,000 documents); the
web app's pages and API read a dossier stored in SQLite tables
(``store/dossier.py``, ``store/queries.py``). So the first request for a
part stores its ``dossier.json`` into a SQLite file of its own in the cache
folder (named by the part's manifest key, so a rebuilt part gets a new file)
and every later request, in this run or the next, reads that file. Only a
small LRU of part apps (their read connections) is kept open; the data stays
on disk. One part is converted at a time, so memory holds at most one part's
dossier while converting, then none.
"""

from __future__ import annotations

import json
import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

#: Part apps kept open at once (each is a few read connections; data stays on disk).
LRU_PARTS = 4
#: Where a part page's "All parts" link goes (the paged app's home).
INDEX_LINK = "/parts"


class PartUnavailable(Exception):
    """The part exists in the index but has no readable dossier (failed or removed)."""


def part_db_name(part_id: str, key: str) -> str:
    """The cached file of one part's stored dossier (``<part>.<manifest key>.db``)."""
    safe_key = "".join(c for c in key if c.isalnum())[:32] or "nokey"
    return f"part-{part_id}.{safe_key}.db"


def store_part(dossier_json: Path, db_path: Path) -> None:
    """Store a part's ``dossier.json`` as a workspace file's dossier tables, its
    documents' titles and texts in the search index; written beside, then put in
    place, so a reader never opens half a file (nothing left behind on failure)."""
    dossier = json.loads(dossier_json.read_text(encoding="utf-8"))
    if not isinstance(dossier, dict):
        raise ValueError(f"{dossier_json}: not a dossier (a JSON object)")
    part = dossier.get("part") if isinstance(dossier.get("part"), dict) else {}
    dossier["part"] = {**part, "index_html": INDEX_LINK, "index_md": INDEX_LINK}
    tmp = db_path.with_name(db_path.name + f".{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        _store(tmp, dossier)
    except BaseException:
        remove_db(tmp)
        raise
    os.replace(tmp, db_path)


def _store(tmp: Path, dossier: dict[str, Any]) -> None:
    from storyline.store import Workspace
    from storyline.store.dossier import put_dossier

    with Workspace(tmp) as ws:
        put_dossier(ws, dossier)
        rows = [
            (
                str(d.get("id")),
                str(d.get("text") or ""),
                d.get("title"),
                d.get("outlet"),
                d.get("published"),
                d.get("url"),
            )
            for d in dossier.get("documents") or []
            if isinstance(d, dict) and d.get("id")
        ]
        dossier.clear()  # the texts are in ``rows`` now; free the rest before inserting
        with ws.lock.transaction() as db:
            db.executemany(
                "INSERT OR IGNORE INTO documents (id, text, raw, format, title, outlet,"
                " published, url, added_at) VALUES (?, ?, x'', 'dossier', ?, ?, ?, ?, '')",
                [(i, t, ti, o, p, u) for i, t, ti, o, p, u in rows],
            )
        ws.db.execute("PRAGMA journal_mode = DELETE")  # one file to move, no WAL beside it


def remove_db(path: Path) -> None:
    """Remove a cached SQLite file and the journal files beside it."""
    for f in (path, *(Path(f"{path}{end}") for end in ("-wal", "-shm", "-journal"))):
        f.unlink(missing_ok=True)


def store_part_apart(dossier_json: Path, db_path: Path) -> None:
    """``store_part`` in a child Python process: loading a part's ``dossier.json``
    takes several times its size in memory (664 MB peak for a 118 MB part),
    which CPython would keep after it is freed; a child returns it when it
    ends. A new process, not a fork: the server runs threads, and a fork
    copies whatever lock another thread holds."""
    import subprocess
    import sys

    cmd = [sys.executable, "-m", "storyline.web.paged.parts", str(dossier_json), str(db_path)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0 or not db_path.is_file():
        lines = (done.stderr or "").strip().splitlines() or [f"exit code {done.returncode}"]
        raise ValueError(lines[-1])


class PartApps:
    """The part apps: made on first use from the cached part file, an LRU of them open."""

    def __init__(
        self, out_dir: Path, cache_dir: Path, size: int = LRU_PARTS, isolate: bool = True
    ) -> None:
        self.out_dir = out_dir
        self.isolate = isolate
        self.cache_dir = cache_dir
        self.size = max(1, size)
        self._apps: OrderedDict[str, FastAPI] = OrderedDict()
        self._lock = threading.Lock()  # the LRU
        self._convert = threading.Lock()  # one part converted at a time
        self.converted = 0  # parts stored into a cache file by this process (tests read it)

    def loaded(self) -> list[str]:
        """The ids of the part apps open now, least recently used first."""
        with self._lock:
            return list(self._apps)

    def get(self, row: dict[str, Any]) -> FastAPI:
        """The app of the part ``row`` (its ``index.json`` row); raises ``PartUnavailable``."""
        pid = str(row["id"])
        with self._lock:
            app = self._apps.get(pid)
            if app is not None:
                self._apps.move_to_end(pid)
                return app
        db_path = self._db_for(row)
        app = self._make_app(db_path)
        with self._lock:
            self._apps[pid] = app
            self._apps.move_to_end(pid)
            while len(self._apps) > self.size:
                self._apps.popitem(last=False)
        return app

    def is_stored(self, row: dict[str, Any]) -> bool:
        """Whether the part is in the cache already (its first request will be quick)."""
        paths = row.get("paths") or {}
        if not paths.get("json"):
            return False
        folder = (self.out_dir / str(paths["json"])).parent
        try:
            manifest = json.loads((folder / "part.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        name = part_db_name(str(row["id"]), str(manifest.get("key") or ""))
        return (self.cache_dir / name).is_file()

    def _db_for(self, row: dict[str, Any]) -> Path:
        pid = str(row["id"])
        paths = row.get("paths") or {}
        if row.get("status") == "failed" or not paths.get("json"):
            raise PartUnavailable(f"part {pid} failed when the dossier was written; see its errors")
        folder = (self.out_dir / str(paths["json"])).parent
        try:
            manifest = json.loads((folder / "part.json").read_text(encoding="utf-8"))
            key = str(manifest.get("key") or "")
        except (OSError, ValueError) as exc:
            raise PartUnavailable(f"part {pid} has no readable manifest ({exc})") from exc
        db_path = self.cache_dir / part_db_name(pid, key)
        if db_path.is_file():
            return db_path
        with self._convert:
            if not db_path.is_file():
                source = self.out_dir / str(paths["json"])
                try:
                    if self.isolate:
                        store_part_apart(source, db_path)
                    else:
                        store_part(source, db_path)
                except Exception as exc:  # noqa: BLE001 - one bad part costs that part only
                    why = f"part {pid}: its dossier cannot be read ({exc})"
                    raise PartUnavailable(why) from exc
                self.converted += 1
                self._drop_stale(pid, db_path)
        return db_path

    def _drop_stale(self, pid: str, keep: Path) -> None:
        """Remove older cache files of the same part (its key changed: it was rebuilt)."""
        for old in self.cache_dir.glob(f"part-{pid}.*.db"):
            if old != keep:
                remove_db(old)

    def sweep(self, part_ids: set[str]) -> int:
        """Remove the cache files of parts the index no longer has (the corpus was
        planned again); returns how many. Run at start-up, before any part opens."""
        n = 0
        for f in self.cache_dir.glob("part-*.db"):
            if f.name[len("part-") :].split(".", 1)[0] not in part_ids:
                remove_db(f)
                n += 1
        return n

    @staticmethod
    def _make_app(db_path: Path) -> FastAPI:
        """The single layout's pages and API over one part's stored dossier (no uploads:
        a paged dossier is rebuilt with ``storyline report``)."""
        from fastapi import FastAPI

        from storyline.web.api_routes import api_router
        from storyline.web.pages import page_router
        from storyline.web.reader import Reader

        app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
        app.state.reader = Reader(db_path)
        app.state.uploads = None
        app.include_router(api_router())
        app.include_router(page_router())
        return app


if __name__ == "__main__":  # ``store_part_apart``'s child: DOSSIER_JSON DB_PATH
    import sys

    store_part(Path(sys.argv[1]), Path(sys.argv[2]))
