"""The ``read`` stage: inputs of any supported kind to ``RawDocument`` records.

Reads ``.txt``/``.md`` (text kept exactly), HTML (article text extracted),
JSON/JSONL records, RSS/Atom/RDF feeds, WARC archives, standard input and
URLs named with ``fetch``. Collections (JSONL and WARC, also gzip-compressed)
are read as a stream, record by record, never whole (``collection``). Every
problem with a file or record is yielded as a ``ReadError`` carrying a reason
a user can act on, and never stops the other inputs: bad input must not lose
good input.

Modules, one concern each: ``sources`` (what to read, in what order),
``formats`` (which reader), ``decode`` (bytes to text), ``dispatch`` (shared
checks), ``collection`` and ``stream`` (collections from a file handle), one
reader per format (``text``, ``html``, ``records``, ``jsonl``, ``feeds``,
``warc``), ``fetch`` (the network), ``scrub`` (lone surrogates, the only
change ever made to input text) and ``reasons`` (every message, as data, and
``storyline.terminal.error_line`` to print one safely).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from ..model import RawDocument, ReadError
from ..settings import Settings
from . import formats, reasons, sidecar
from .collection import jsonl_pointers, read_file_input, read_stdin_input
from .dispatch import read_bytes
from .fetch import fetch_url
from .scrub import storable
from .sources import Scope, expand, read_file, real_path

__all__ = ["read_inputs", "read_path", "read_bytes", "read_stdin", "RawDocument", "ReadError"]

STDIN = "-"
STDIN_SOURCE = "<stdin>"


def read_inputs(
    inputs: Iterable[str],
    *,
    settings: Settings,
    fetch: Sequence[str] = (),
    stdin: BinaryIO | None = None,
    exclude: Iterable[Path] = (),
) -> Iterator[RawDocument | ReadError]:
    """Documents and errors from every input, in the order the inputs were given.

    A file named twice (directly and through its folder, say) is read once.
    URLs in ``fetch`` are read after the local inputs. Storyline's own files
    are never read: the workspace in use (``settings.workspace`` and its
    ``-wal`` / ``-shm`` / ``-journal`` files) and every path in ``exclude``
    (the output folder): a walk passes over them, a name given explicitly is
    an error. Symlinks that lead out of a walked folder are refused unless
    ``settings.follow_outside_links``. Every document is ``scrub.storable``.
    """
    scope = Scope.of(
        settings.workspace,
        exclude,
        follow_outside_links=settings.follow_outside_links,
    )
    for item in _read_all(inputs, settings=settings, fetch=fetch, stdin=stdin, scope=scope):
        if isinstance(item, RawDocument) and len(item.text) > settings.max_chars:
            yield ReadError(
                item.source,
                reasons.TEXT_TOO_LONG.format(
                    chars=f"{len(item.text):,}", limit=f"{settings.max_chars:,}"
                ),
            )
            continue
        yield storable(item) if isinstance(item, RawDocument) else item


def _read_all(
    inputs: Iterable[str],
    *,
    settings: Settings,
    fetch: Sequence[str],
    stdin: BinaryIO | None,
    scope: Scope,
) -> Iterator[RawDocument | ReadError]:
    # Every input is expanded first, so an index file anywhere among them
    # lends its metadata to the files it points to, whatever the order.
    plan: list[str | list[Path | ReadError]] = [
        item if item == STDIN else list(expand(item, scope)) for item in inputs
    ]
    paths = [p for part in plan if not isinstance(part, str) for p in part if isinstance(p, Path)]
    planned = {_identity(p) for p in paths}
    index = _index(paths, settings)
    meta_of: dict[Path, dict[str, str]] = {}
    for ptr in index.values():
        if ptr.target is not None:
            meta_of.setdefault(_identity(ptr.target), ptr.meta)
    seen: set[Path] = set()
    stdin_read = False
    for part in plan:
        if isinstance(part, str):
            if not stdin_read:
                stdin_read = True
                yield from read_stdin(stdin, settings=settings)
            continue
        for found in part:
            if isinstance(found, ReadError):
                yield found
                continue
            key = _identity(found)
            if key in seen:
                continue
            seen.add(key)
            for item in read_path(found, settings=settings):
                ptr = index.get(item.source) if isinstance(item, ReadError) else None
                if ptr is None:
                    yield (
                        sidecar.with_meta(item, meta_of[key])
                        if (isinstance(item, RawDocument) and key in meta_of)
                        else item
                    )
                    continue
                if ptr.target is None:
                    yield ReadError(item.source, ptr.error or item.reason)
                    continue
                target = _identity(ptr.target)
                if target in planned or target in seen:
                    continue  # read with the other inputs, with this metadata
                seen.add(target)
                for doc in read_path(ptr.target, settings=settings):
                    yield sidecar.with_meta(doc, ptr.meta) if isinstance(doc, RawDocument) else doc
    for url in fetch:
        yield from fetch_url(url, settings, read_bytes)


def _index(paths: list[Path], settings: Settings) -> dict[str, sidecar.Pointer]:
    """Pointer records of the JSON / JSONL files among the inputs, by record source."""
    out: dict[str, sidecar.Pointer] = {}
    for path in paths:
        fmt = formats.by_extension(path.name)
        if fmt not in sidecar.INDEX_FORMATS:
            continue
        try:
            if fmt == formats.JSONL:  # a collection, maybe gigabytes: line by line
                pointers = jsonl_pointers(path, settings)
            else:
                data = read_file(path, settings.max_bytes)
                if not isinstance(data, bytes):
                    continue
                pointers = sidecar.pointers_in(path, data)
        except Exception:  # noqa: BLE001 - never fatal: the file's reader reports what is wrong
            continue
        for ptr in pointers:
            out[ptr.source] = ptr
    return out


def read_path(path: Path, *, settings: Settings) -> Iterator[RawDocument | ReadError]:
    """One file: format from its extension, or from its content when that says nothing.

    A collection (JSONL, WARC; gzip-compressed or not) is read as a stream,
    record by record: ``max_bytes`` bounds each record,
    ``max_collection_bytes`` the file (``read.collection``).
    """
    yield from read_file_input(path, settings)


def read_stdin(
    stdin: BinaryIO | None = None, *, settings: Settings
) -> Iterator[RawDocument | ReadError]:
    """Standard input, format sniffed from content (there is no file name to go by)."""
    stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
    if stream is None:
        yield ReadError(STDIN_SOURCE, reasons.NO_STDIN)
        return
    yield from read_stdin_input(stream, STDIN_SOURCE, settings)


def _identity(path: Path) -> Path:
    """The real path a file is known by (``realpath`` never raises, even on a loop)."""
    return real_path(path)
