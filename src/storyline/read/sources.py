"""From what the user typed to the files to read, in a stable order.

Inputs are paths, folders (walked recursively), glob patterns and ``-`` for
standard input. Order is deterministic (sorted by path components) so two
runs over the same folder produce the same dossier. Hidden files and
folders (``.git``, ``.DS_Store``) are skipped during walks and globs, and a
folder's README / LICENSE files during walks, but a file named explicitly
is read: the user asked for it.

File reading lives here too because the size limit must be checked with
``stat`` *before* reading: a 5 GB log dropped in the folder by mistake must
cost nothing.
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from ..model import ReadError
from . import reasons

GLOB_CHARS = frozenset("*?[")

#: Files a folder walk passes over, by lower-case name without extension: a
#: corpus folder's own documentation is not an article (named explicitly or
#: matched by a glob, such a file is read).
NOT_ARTICLES = frozenset({"readme", "license", "licence", "copying", "changelog", "notice"})


def is_article_name(name: str) -> bool:
    """False for hidden files and a folder's README / LICENSE and the like."""
    return not name.startswith(".") and name.lower().split(".")[0] not in NOT_ARTICLES


def is_glob(item: str) -> bool:
    return any(c in GLOB_CHARS for c in item)


def expand(item: str) -> Iterator[Path | ReadError]:
    """The files one input names, in order, or one ReadError saying why there are none."""
    try:
        yield from _expand(item)
    except OSError as exc:  # e.g. a name too long for the file system
        yield ReadError(item, reasons.OS_ERROR.format(error=exc.strerror or exc))


def _expand(item: str) -> Iterator[Path | ReadError]:
    path = Path(item)
    if path.is_symlink() and not path.exists():
        yield ReadError(item, reasons.DANGLING)
    elif path.is_dir():
        yield from walk(path)
    elif path.exists():
        yield path
    elif is_glob(item):
        matches = sorted(glob.glob(item, recursive=True), key=_sort_key)
        if not matches:
            yield ReadError(item, reasons.GLOB_EMPTY)
        for match in matches:
            match_path = Path(match)
            if match_path.is_dir():
                yield from walk(match_path, quiet=True)
            else:
                yield match_path
    else:
        yield ReadError(item, reasons.NOT_FOUND)


def walk(top: Path, *, quiet: bool = False) -> Iterator[Path | ReadError]:
    """Every non-hidden file under ``top``, sorted; symlinked folders are not followed.

    ``quiet`` drops the "no readable files" error (for folders a glob matched
    alongside files, where an empty one is not worth a complaint).
    """
    found: list[Path] = []
    errors: list[ReadError] = []

    def onerror(exc: OSError) -> None:
        name = exc.filename or str(top)
        reason = (
            reasons.PERMISSION_DIR
            if isinstance(exc, PermissionError)
            else reasons.OS_ERROR.format(error=exc.strerror or exc)
        )
        errors.append(ReadError(str(name), reason))

    for dirpath, dirnames, filenames in os.walk(top, onerror=onerror):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        base = Path(dirpath)
        found.extend(base / f for f in filenames if is_article_name(f))
    found.sort(key=lambda p: _sort_key(str(p)))
    yield from errors
    yield from found
    if not found and not errors and not quiet:
        yield ReadError(str(top), reasons.DIR_EMPTY)


def read_file(path: Path, max_bytes: int) -> bytes | ReadError:
    """The file's bytes, or why they cannot be had; never reads more than ``max_bytes``."""
    source = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        return ReadError(source, reasons.DANGLING if path.is_symlink() else reasons.NOT_FOUND)
    except PermissionError:
        return ReadError(source, reasons.PERMISSION)
    except OSError as exc:
        return ReadError(source, reasons.OS_ERROR.format(error=exc.strerror or exc))
    if not stat.S_ISREG(info.st_mode):
        return ReadError(source, reasons.NOT_A_FILE)
    if info.st_size > max_bytes:
        return ReadError(source, too_big(info.st_size, max_bytes))
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        return ReadError(source, reasons.PERMISSION)
    except OSError as exc:
        return ReadError(source, reasons.OS_ERROR.format(error=exc.strerror or exc))
    if len(data) > max_bytes:  # grew since stat
        return ReadError(source, too_big(len(data), max_bytes))
    return data


def too_big(size: int, limit: int) -> str:
    return reasons.TOO_BIG.format(size=reasons.human_size(size), limit=reasons.human_size(limit))


def _sort_key(path: str) -> tuple[str, ...]:
    """Sort by components, so ``a/z.txt`` comes before ``a-b/x.txt`` on every OS."""
    return Path(path).parts
