"""The ``read`` stage: inputs of any supported kind to ``RawDocument`` records.

Reads ``.txt``/``.md`` (text kept exactly), HTML (article text extracted),
JSON/JSONL records, RSS/Atom/RDF feeds, WARC archives, standard input and
URLs named with ``fetch``. Every problem with a file or record is yielded as
a ``ReadError`` carrying a reason a user can act on, and never stops the
other inputs: bad input must not lose good input.

Modules, one concern each: ``sources`` (what to read, in what order),
``formats`` (which reader), ``decode`` (bytes to text), ``dispatch`` (shared
checks), one reader per format (``text``, ``html``, ``records``, ``feeds``,
``warc``), ``fetch`` (the network) and ``reasons`` (every message, as data).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from ..model import RawDocument, ReadError
from ..settings import Settings
from . import formats, reasons
from .dispatch import read_bytes
from .fetch import fetch_url
from .sources import expand, read_file, too_big

__all__ = ["read_inputs", "read_path", "read_bytes", "read_stdin", "RawDocument", "ReadError"]

STDIN = "-"
STDIN_SOURCE = "<stdin>"


def read_inputs(
    inputs: Iterable[str],
    *,
    settings: Settings,
    fetch: Sequence[str] = (),
    stdin: BinaryIO | None = None,
) -> Iterator[RawDocument | ReadError]:
    """Documents and errors from every input, in the order the inputs were given.

    A file named twice (directly and through its folder, say) is read once.
    URLs in ``fetch`` are read after the local inputs.
    """
    for item in _read_all(inputs, settings=settings, fetch=fetch, stdin=stdin):
        if isinstance(item, RawDocument) and len(item.text) > settings.max_chars:
            yield ReadError(
                item.source,
                reasons.TEXT_TOO_LONG.format(
                    chars=f"{len(item.text):,}", limit=f"{settings.max_chars:,}"
                ),
            )
            continue
        yield item


def _read_all(
    inputs: Iterable[str],
    *,
    settings: Settings,
    fetch: Sequence[str],
    stdin: BinaryIO | None,
) -> Iterator[RawDocument | ReadError]:
    seen: set[Path] = set()
    stdin_read = False
    for item in inputs:
        if item == STDIN:
            if not stdin_read:
                stdin_read = True
                yield from read_stdin(stdin, settings=settings)
            continue
        for found in expand(item):
            if isinstance(found, ReadError):
                yield found
                continue
            key = _identity(found)
            if key in seen:
                continue
            seen.add(key)
            yield from read_path(found, settings=settings)
    for url in fetch:
        yield from fetch_url(url, settings, read_bytes)


def read_path(path: Path, *, settings: Settings) -> Iterator[RawDocument | ReadError]:
    """One file: format from its extension, or from its content when that says nothing."""
    data = read_file(path, settings.max_bytes)
    if isinstance(data, ReadError):
        yield data
        return
    yield from read_bytes(str(path), data, formats.by_extension(path.name))


def read_stdin(
    stdin: BinaryIO | None = None, *, settings: Settings
) -> Iterator[RawDocument | ReadError]:
    """Standard input, format sniffed from content (there is no file name to go by)."""
    stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
    if stream is None:
        yield ReadError(STDIN_SOURCE, reasons.NO_STDIN)
        return
    try:
        data = stream.read(settings.max_bytes + 1)
    except OSError as exc:
        yield ReadError(STDIN_SOURCE, reasons.OS_ERROR.format(error=exc))
        return
    if len(data) > settings.max_bytes:
        yield ReadError(STDIN_SOURCE, too_big(len(data), settings.max_bytes))
        return
    yield from read_bytes(STDIN_SOURCE, data)


def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()
