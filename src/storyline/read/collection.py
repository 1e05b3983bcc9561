"""One file or standard input: read as a stream when it is a collection, whole otherwise.

A collection (JSON Lines or WARC, gzip-compressed or not: ``dispatch.STREAMED``)
holds many records, so the per-file limit (``Settings.max_bytes``) applies to
each record and the collection has its own, much larger bound
(``Settings.max_collection_bytes``, checked with ``stat`` before anything is
read and again on the decompressed bytes as they stream). Any other file is
one document (or a small container: a feed, a JSON list) and is read whole
under ``max_bytes`` as before.

The format comes from the extension; when the name says nothing, from the
first ``stream.HEAD`` bytes, which are then replayed, so a pipe is read once.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..model import RawDocument, ReadError
from ..settings import Settings
from . import formats, reasons, sidecar
from .dispatch import STREAMED, read_bytes, read_stream
from .jsonl import numbered_lines
from .sources import file_info, open_error, read_file, stream_too_big, too_big
from .stream import HEAD, Prefixed


def read_file_input(path: Path, settings: Settings) -> Iterator[RawDocument | ReadError]:
    """One file: a collection by stream, anything else whole (format from the name or content)."""
    fmt = formats.by_extension(path.name)
    source = str(path)
    if fmt is not None and fmt not in STREAMED:
        data = read_file(path, settings.max_bytes)
        if isinstance(data, ReadError):
            yield data
            return
        yield from read_bytes(source, data, fmt, max_bytes=settings.max_bytes)
        return
    info = file_info(path)
    if isinstance(info, ReadError):
        yield info
        return
    whole = settings.max_collection_bytes
    if fmt is not None and whole and info.st_size > whole:
        yield ReadError(source, collection_too_big(info.st_size, whole))
        return
    try:
        with open(path, "rb") as handle:
            if fmt is None:
                head = handle.read(HEAD)
                handle.seek(0)
                fmt = formats.sniff(head) if head else None
                if fmt not in STREAMED:
                    yield from _read_whole(source, handle, info.st_size, settings)
                    return
                if whole and info.st_size > whole:
                    yield ReadError(source, collection_too_big(info.st_size, whole))
                    return
            yield from read_stream(
                source,
                handle,
                fmt,
                max_bytes=settings.max_bytes,
                max_collection_bytes=whole,
            )
    except OSError as exc:
        yield open_error(path, exc)


def read_stdin_input(
    stream: BinaryIO, source: str, settings: Settings
) -> Iterator[RawDocument | ReadError]:
    """Standard input: sniffed from its first bytes; a collection streams, the rest is
    read up to ``max_bytes`` (its real size is unknown until it ends)."""
    try:
        head = stream.read(HEAD) or b""
        fmt = formats.sniff(head) if head else None
        if fmt in STREAMED:
            replay = io.BufferedReader(Prefixed(head, stream))
            yield from read_stream(
                source,
                replay,
                fmt,
                max_bytes=settings.max_bytes,
                max_collection_bytes=settings.max_collection_bytes,
            )
            return
        need = settings.max_bytes + 1 - len(head)
        data = head + ((stream.read(need) or b"") if need > 0 else b"")
    except OSError as exc:
        yield ReadError(source, reasons.OS_ERROR.format(error=exc))
        return
    if len(data) > settings.max_bytes:  # only the limit was read: the real size is unknown
        yield ReadError(source, stream_too_big("standard input", settings.max_bytes))
        return
    yield from read_bytes(source, data, max_bytes=settings.max_bytes)


def jsonl_pointers(path: Path, settings: Settings) -> list[sidecar.Pointer]:
    """The index records of a JSONL file, read line by line like its records.

    Bad lines are passed over: reading the file reports them.
    """
    info = file_info(path)
    whole = settings.max_collection_bytes
    if isinstance(info, ReadError) or (whole and info.st_size > whole):
        return []
    try:
        with open(path, "rb") as handle:
            good = (
                (n, item[1])
                for n, item in numbered_lines(
                    str(path), handle, max_bytes=settings.max_bytes, max_collection_bytes=whole
                )
                if not isinstance(item, ReadError)
            )
            return sidecar.pointers_in_lines(path, good)
    except OSError:
        return []


def collection_too_big(size: int, limit: int) -> str:
    return reasons.COLLECTION_TOO_BIG.format(
        size=reasons.human_size(size), limit=reasons.human_size(limit)
    )


def _read_whole(
    source: str, handle: BinaryIO, size: int, settings: Settings
) -> Iterator[RawDocument | ReadError]:
    """A file that is not a collection, read whole under ``max_bytes`` (format sniffed again)."""
    if size > settings.max_bytes:
        yield ReadError(source, too_big(size, settings.max_bytes))
        return
    data = handle.read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:  # grew since stat: only the limit was read
        yield ReadError(source, stream_too_big("file", settings.max_bytes))
        return
    yield from read_bytes(source, data, max_bytes=settings.max_bytes)
