"""From what the user typed to the files to read, in a stable order.

Inputs are paths, folders (walked recursively), glob patterns and ``-`` for
standard input. Order is deterministic (sorted by path components) so two
runs over the same folder produce the same dossier. Hidden files and
folders (``.git``, ``.DS_Store``) are skipped during walks and globs, and a
folder's README / LICENSE files during walks, but a file named explicitly
is read: the user asked for it.

A walk stays inside the folder it was given (``Scope``): a symlink whose
target lies outside it is refused (a link to ``/etc/passwd`` dropped in a
corpus must not end up in a dossier), a symlink loop is named as one, and
Storyline's own files (the workspace in use, the output folder) are never
read as articles, however the folder is named.

File reading lives here too because the size limit must be checked with
``stat`` *before* reading: a 5 GB log dropped in the folder by mistake must
cost nothing.
"""

from __future__ import annotations

import errno
import glob
import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..model import ReadError
from . import reasons

GLOB_CHARS = frozenset("*?[")

#: Files a folder walk passes over, by lower-case name without extension: a
#: corpus folder's own documentation is not an article (named explicitly or
#: matched by a glob, such a file is read).
NOT_ARTICLES = frozenset({"readme", "license", "licence", "copying", "changelog", "notice"})


#: Files SQLite keeps beside a workspace while it is open.
WORKSPACE_SUFFIXES: tuple[str, ...] = ("", "-wal", "-shm", "-journal")


@dataclass(frozen=True)
class Scope:
    """What a walk must not read, besides hidden files.

    ``own`` maps the real path of each of Storyline's own files and folders
    to what it is ("workspace file", "output folder"): a walk passes over
    them silently, a name given explicitly gets an error saying why.
    ``follow_outside_links`` lets a walk read symlinks that lead out of the
    folder being walked (off by default: a corpus folder is a boundary).
    """

    own: Mapping[Path, str] = field(default_factory=dict)
    follow_outside_links: bool = False

    @classmethod
    def of(
        cls,
        workspace: Path | None = None,
        exclude: Iterable[Path] = (),
        *,
        follow_outside_links: bool = False,
    ) -> Scope:
        """The scope of a run: its workspace's files and ``exclude`` (the output folder)."""
        own: dict[Path, str] = {}
        if workspace is not None:
            for suffix in WORKSPACE_SUFFIXES:
                name = Path(f"{workspace}{suffix}")
                own[real_path(name)] = own[name.absolute()] = "workspace file"
        for path in exclude:
            own.setdefault(real_path(Path(path)), "output folder")
        return cls(own, follow_outside_links)

    def own_kind(self, path: Path) -> str | None:
        """What ``path`` is if it is one of Storyline's own files or folders."""
        return self.own.get(real_path(path)) if self.own else None


def real_path(path: Path) -> Path:
    """``path`` with every symlink resolved; never raises (a loop stays as it is)."""
    return Path(os.path.realpath(path))


def link_problem(path: Path, root: Path | None, follow_outside_links: bool) -> str | None:
    """Why a symlink met in a walk of ``root`` is not read (None: read it, or not a link).

    Checks ``lstat`` first so plain files cost one system call.
    """
    if not path.is_symlink():
        return None
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return reasons.SYMLINK_LOOP
        if isinstance(exc, FileNotFoundError):
            return reasons.DANGLING
        return None  # read_file says what is wrong
    target = real_path(path)
    if root is not None and not follow_outside_links and not target.is_relative_to(root):
        return reasons.LINK_OUTSIDE.format(target=target, folder=root)
    return None


def is_article_name(name: str) -> bool:
    """False for hidden files and a folder's README / LICENSE and the like."""
    return not name.startswith(".") and name.lower().split(".")[0] not in NOT_ARTICLES


def is_glob(item: str) -> bool:
    return any(c in GLOB_CHARS for c in item)


def expand(item: str, scope: Scope | None = None) -> Iterator[Path | ReadError]:
    """The files one input names, in order, or one ReadError saying why there are none."""
    try:
        yield from _expand(item, scope or Scope())
    except OSError as exc:  # e.g. a name too long for the file system
        yield ReadError(item, reasons.OS_ERROR.format(error=exc.strerror or exc))


def _expand(item: str, scope: Scope) -> Iterator[Path | ReadError]:
    path = Path(item)
    # Named explicitly, a link is the user's choice wherever it leads; only a
    # broken one is refused (root None: no folder to stay inside).
    problem = link_problem(path, None, True)
    own = scope.own_kind(path)
    if problem:
        yield ReadError(item, problem)
    elif own:
        yield ReadError(item, reasons.OWN_FILE.format(what=own))
    elif path.is_dir():
        yield from walk(path, scope=scope)
    elif path.exists():
        yield path
    elif is_glob(item):
        matches = sorted(glob.glob(item, recursive=True), key=_sort_key)
        if not matches:
            yield ReadError(item, reasons.GLOB_EMPTY)
        for match in matches:
            match_path = Path(match)
            if scope.own_kind(match_path):
                continue
            if match_path.is_dir():
                yield from walk(match_path, quiet=True, scope=scope)
            else:
                yield match_path
    else:
        yield ReadError(item, reasons.NOT_FOUND)


def walk(
    top: Path, *, quiet: bool = False, scope: Scope | None = None
) -> Iterator[Path | ReadError]:
    """Every non-hidden file under ``top``, sorted; symlinked folders are not followed.

    A symlinked file is read only if it stays inside ``top`` (unless the
    scope allows more); a loop or a dangling link is one error in its place.
    ``quiet`` drops the "no readable files" error (for folders a glob matched
    alongside files, where an empty one is not worth a complaint).
    """
    scope = scope or Scope()
    root = real_path(top)
    found: list[Path | ReadError] = []
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
        base = Path(dirpath)
        real_dir = real_path(base)  # once per folder, not per file
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and real_dir / d not in scope.own
        )
        for name in filenames:
            path = base / name
            if not is_article_name(name) or real_dir / name in scope.own:
                continue
            problem = link_problem(path, root, scope.follow_outside_links)
            found.append(ReadError(str(path), problem) if problem else path)
    found.sort(key=lambda p: _sort_key(p.source if isinstance(p, ReadError) else str(p)))
    yield from errors
    yield from found
    if not found and not errors and not quiet:
        yield ReadError(str(top), reasons.DIR_EMPTY)


def file_info(path: Path) -> os.stat_result | ReadError:
    """``stat`` of a regular file, or why it is not one that can be read."""
    source = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        return ReadError(source, reasons.DANGLING if path.is_symlink() else reasons.NOT_FOUND)
    except PermissionError:
        return ReadError(source, reasons.PERMISSION)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return ReadError(source, reasons.SYMLINK_LOOP)
        return ReadError(source, reasons.OS_ERROR.format(error=exc.strerror or exc))
    if stat.S_ISDIR(info.st_mode):
        return ReadError(source, reasons.IS_DIR)
    if not stat.S_ISREG(info.st_mode):
        return ReadError(source, reasons.NOT_A_FILE)
    return info


def open_error(path: Path, exc: OSError) -> ReadError:
    """Why opening or reading ``path`` failed, in the words of the other file errors."""
    if isinstance(exc, PermissionError):
        return ReadError(str(path), reasons.PERMISSION)
    return ReadError(str(path), reasons.OS_ERROR.format(error=exc.strerror or exc))


def read_file(path: Path, max_bytes: int) -> bytes | ReadError:
    """The file's bytes, or why they cannot be had; never reads more than ``max_bytes``."""
    info = file_info(path)
    if isinstance(info, ReadError):
        return info
    if info.st_size > max_bytes:
        return ReadError(str(path), too_big(info.st_size, max_bytes))
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return open_error(path, exc)
    if len(data) > max_bytes:  # grew since stat: only the limit was read
        return ReadError(str(path), stream_too_big("file", max_bytes))
    return data


def too_big(size: int, limit: int) -> str:
    return reasons.TOO_BIG.format(size=reasons.human_size(size), limit=reasons.human_size(limit))


def stream_too_big(what: str, limit: int) -> str:
    """Over the limit when only ``limit + 1`` bytes were read: the real size is unknown."""
    return reasons.STREAM_TOO_BIG.format(what=what, limit=reasons.human_size(limit))


def _sort_key(path: str) -> tuple[str, ...]:
    """Sort by components, so ``a/z.txt`` comes before ``a-b/x.txt`` on every OS."""
    return Path(path).parts
