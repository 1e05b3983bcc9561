"""Publish the three dossier files as one set.

Replacing ``dossier.json``, ``.md`` and ``.html`` one by one let a kill
between the writes leave a 300-document JSON beside a 10-document HTML, and
every kill left a ``.dossier.*.tmp`` behind. Here a run writes the three files
into a fresh hidden folder ``OUT/.dossier-<random>/`` (each file and the
folder fsynced), then swaps one symlink, ``OUT/.dossier-current``, to it with
a single ``rename`` (atomic on POSIX). The names a reader opens,
``OUT/dossier.json`` / ``.md`` / ``.html``, are fixed symlinks through
``.dossier-current``, so at every instant, kill or no kill, all three name the
same run's files. A reader that opens the three files one after the other
while another run publishes may still catch the swap between two opens; to
read a consistent set then, resolve ``OUT/.dossier-current`` once and read
the files in that folder: a published folder is never changed, only removed
by a later run (a reader then gets "no such file", never a mix).

A name with a folder (``dossier_files/doc-1.html``, the per-document pages of
a large dossier) is written inside the version folder like the others, and
its top folder gets one fixed link (``OUT/dossier_files``) through
``.dossier-current`` like the files; a link of an earlier run's folder that
this set does not have is removed, so no page of an older run stays in reach.

Writers take an exclusive ``flock`` on ``OUT/.dossier.lock`` (a second run
into the same folder waits), and each run first removes what killed runs left
(unpublished ``.dossier-*`` folders, ``.tmp`` files and links). Where symlinks
are not available (some Windows setups) the files are replaced one by one as
before, each atomically, without the set guarantee.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TextIO

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

#: A file's content: its text, or a function that writes it to an open file
#: (the dossier's JSON is streamed, never held as one string).
Content = str | Callable[[TextIO], None]

#: A lone surrogate (a file name read with surrogateescape, a broken JSON
#: escape) cannot be UTF-8: it is written as its escape ``\udc00``, which in
#: dossier.json is the JSON escape of the same character, instead of failing
#: the whole write.
ERRORS = "backslashreplace"

CURRENT = ".dossier-current"
LOCK = ".dossier.lock"
VERSION_PREFIX = ".dossier-"


def _mode(default: int) -> int:
    umask = os.umask(0)
    os.umask(umask)
    return default & ~umask


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a folder be fsynced
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write(fh: TextIO, content: Content) -> None:
    if isinstance(content, str):
        fh.write(content)
    else:
        content(fh)


def write_file(path: Path, text: Content) -> None:
    """Write ``path`` whole or not at all (temporary file, fsync, rename); ordinary mode."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors=ERRORS, newline="\n") as fh:
            _write(fh, text)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600); give it the usual permissions.
        os.chmod(tmp, _mode(0o666))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def locked(out_dir: Path, name: str = LOCK) -> Iterator[None]:
    """One writer at a time per output folder and lock ``name`` (released by
    the kernel if the run dies)."""
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    with open(out_dir / name, "a") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _current(out_dir: Path) -> str | None:
    try:
        return os.readlink(out_dir / CURRENT)
    except OSError:
        return None


def remove_leftovers(out_dir: Path) -> list[str]:
    """Remove what killed runs left in ``out_dir``; return the names removed.

    Unpublished or replaced ``.dossier-*`` folders, and every ``.tmp`` file or
    link of a dossier write (including the ``.dossier.json.*.tmp`` of older
    versions). Call with the lock held: a folder being written is not yet
    published and would look like a leftover.
    """
    keep = _current(out_dir)
    removed = []
    for entry in sorted(out_dir.iterdir()):
        name = entry.name
        if name in (CURRENT, LOCK) or name == keep:
            continue
        if name.startswith(".dossier") and name.endswith(".tmp"):
            entry.unlink(missing_ok=True)
        elif name.startswith(VERSION_PREFIX) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            continue
        removed.append(name)
    return removed


def swap_link(out_dir: Path, name: str, target: str) -> None:
    """Point ``out_dir/name`` at ``target`` with one rename (no moment without it)."""
    path = out_dir / name
    if path.is_symlink() and os.readlink(path) == target:
        return
    tmp = out_dir / f".dossier-link.{name.lstrip('.')}.{os.urandom(4).hex()}.tmp"
    os.symlink(target, tmp)
    os.replace(tmp, path)


def _top_names(files: Mapping[str, Content]) -> list[str]:
    """The names linked in ``out_dir``: each file, or the top folder of a nested one."""
    return list(dict.fromkeys(name.split("/", 1)[0] for name in files))


def _unlink_stale(out_dir: Path, keep: list[str]) -> None:
    """Remove links into ``.dossier-current`` that this set does not have."""
    for entry in out_dir.iterdir():
        if entry.name in keep or not entry.is_symlink():
            continue
        with contextlib.suppress(OSError):
            if os.readlink(entry).startswith(CURRENT + "/"):
                entry.unlink()


def _publish_each(out_dir: Path, files: Mapping[str, Content]) -> None:
    for name, text in files.items():
        path = out_dir / name
        if path.is_symlink():
            path.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
        write_file(path, text)


#: A set with more files than this is flushed to disk by one ``sync()`` after
#: they are all written, not one ``fsync`` per file (a 1,000-article dossier
#: has a page per document: 1,000 waits for the disk, 3.6 s).
FSYNC_EACH_UP_TO = 8


def _write_set(version: Path, files: Mapping[str, Content]) -> None:
    """Write every file of ``files`` into ``version``, all on disk on return."""
    each = len(files) <= FSYNC_EACH_UP_TO or not hasattr(os, "sync")
    for name, text in files.items():
        if "/" in name:
            (version / name).parent.mkdir(parents=True, exist_ok=True)
        with open(version / name, "w", encoding="utf-8", errors=ERRORS, newline="\n") as fh:
            _write(fh, text)
            fh.flush()
            if each:
                os.fsync(fh.fileno())
        os.chmod(version / name, _mode(0o666))
    if not each:
        os.sync()  # on Linux returns once written: before the set is published


def publish(
    out_dir: Path,
    files: Mapping[str, Content],
    later: Callable[[], Mapping[str, Content]] | None = None,
) -> dict[str, Path]:
    """Write ``{file name: content}`` into ``out_dir`` as one set; return ``{name: path}``.

    Files are written one after the other: content given as a function is
    produced only while its own file is open, so a run holds one rendering
    at a time. ``later`` gives more files, asked for only once ``files`` are
    written (the views a forked child renders while the JSON is streamed)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with locked(out_dir):
        remove_leftovers(out_dir)
        version = Path(tempfile.mkdtemp(dir=out_dir, prefix=VERSION_PREFIX))
        try:
            _write_set(version, files)
            if later is not None:
                extra = later()
                _write_set(version, extra)
                files = {**files, **extra}
            for sub in {(version / n).parent for n in files if "/" in n}:
                os.chmod(sub, _mode(0o777))
                _fsync_dir(sub)
            os.chmod(version, _mode(0o777))  # mkdtemp makes it private
            _fsync_dir(version)
            try:
                swap_link(out_dir, CURRENT, version.name)
            except (OSError, NotImplementedError):  # no symlinks here
                shutil.rmtree(version, ignore_errors=True)
                _publish_each(out_dir, files)
                return {name: out_dir / name for name in files}
        except BaseException:
            shutil.rmtree(version, ignore_errors=True)
            raise
        top = _top_names(files)
        for name in top:
            if (out_dir / name).is_dir() and not (out_dir / name).is_symlink():
                shutil.rmtree(out_dir / name)  # a folder the non-symlink fallback wrote
            swap_link(out_dir, name, f"{CURRENT}/{name}")
        _unlink_stale(out_dir, top)
        _fsync_dir(out_dir)
        remove_leftovers(out_dir)  # the set this one replaced
    return {name: out_dir / name for name in files}
