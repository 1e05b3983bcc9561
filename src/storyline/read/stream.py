"""Byte streams for collections: one record at a time, never the whole file.

A collection (JSON Lines, a WARC archive, gzip-compressed or not) may be
gigabytes: a newsroom export or a day of a news crawl. Its readers take a
file handle, not bytes, and pull from it through the pieces here:

- ``Bounded`` counts the (decompressed) bytes that pass and refuses more
  than the collection limit (``Settings.max_collection_bytes``): a few MB of
  gzip can declare terabytes, so the file size alone bounds nothing.
- ``peek`` reads the first bytes (to sniff the format, find a byte-order
  mark, refuse a binary file) and gives back a stream that still starts at
  the beginning, also for a pipe that cannot seek.
- ``lines`` yields one line at a time with the record limit
  (``Settings.max_bytes``) applied per line: an over-long line is counted
  and skipped in chunks, so it costs no more memory than the limit.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from typing import BinaryIO, TextIO

#: Bytes read at the start of a collection to sniff it (the JSONL sniff looks
#: at 64 KB, UTF-16/32 text at four times that).
HEAD = 256 * 1024
#: Read size of the buffered layers, and of the pieces an over-long line is skipped in.
CHUNK = 64 * 1024
GZIP_MAGIC = b"\x1f\x8b"


class Truncated(Exception):
    """The gzip data ended before its end-of-stream marker.

    Not an EOFError: warcio reads EOFError as "no more records".
    """


class OverLimit(Exception):
    """More (decompressed) bytes than the collection limit allows."""


class Bounded(io.RawIOBase):
    """A read-only stream that counts what passes and refuses more than ``limit`` (None: no limit).

    Reads with ``read1`` where the inner stream has it: at most one
    underlying read, so the data of a complete gzip member is passed on
    before a damaged next member raises.
    """

    def __init__(self, inner: BinaryIO, limit: int | None) -> None:
        super().__init__()
        self._inner = inner
        self._limit = limit
        self._read = getattr(inner, "read1", inner.read)
        self.count = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            return self.readall()
        if size == 0:
            return b""
        want = size
        if self._limit is not None:
            want = min(want, self._limit + 1 - self.count)
        try:
            chunk = self._read(max(want, 1))
        except EOFError as exc:  # gzip's "ended before the end-of-stream marker"
            raise Truncated(str(exc)) from exc
        self.count += len(chunk)
        if self._limit is not None and self.count > self._limit:
            raise OverLimit
        return chunk

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        chunk = self.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


class Prefixed(io.RawIOBase):
    """``head`` (bytes already read) followed by the rest of ``inner``.

    ``failure``: what reading ``inner`` raised right after ``head``; raised
    again once ``head`` is used up, so the records in ``head`` are read first.
    """

    def __init__(self, head: bytes, inner: BinaryIO, failure: Exception | None = None) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._inner = inner
        self._failure = failure
        self._read = getattr(inner, "read1", inner.read)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        if self._failure is not None:
            raise self._failure
        chunk = self._read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def peek(handle: BinaryIO, size: int = HEAD) -> tuple[bytes, BinaryIO]:
    """The first ``size`` bytes of ``handle`` and a stream that starts at the beginning again.

    A seekable file is sought back; a pipe (standard input) or a
    decompressing stream is replayed from the bytes read.
    """
    head = handle.read(size) or b""
    seekable = False
    try:
        seekable = handle.seekable() and not isinstance(handle, gzip.GzipFile)
    except (AttributeError, OSError, ValueError):
        seekable = False
    if seekable:
        handle.seek(-len(head), io.SEEK_CUR)
        return head, handle
    return head, io.BufferedReader(Prefixed(head, handle), CHUNK)


def decompressed(handle: BinaryIO, limit: int | None) -> tuple[bytes, io.BufferedReader]:
    """The plain bytes of ``handle`` (gunzipped when it starts with gzip's magic
    bytes, all members), counted against ``limit``: (first ``HEAD`` bytes,
    stream from the start).

    May raise ``Truncated``, ``OverLimit``, ``gzip.BadGzipFile`` or
    ``zlib.error`` while reading; the callers say what each means.
    """
    magic, handle = peek(handle, 2)
    inner: BinaryIO = gzip.GzipFile(fileobj=handle, mode="rb") if magic == GZIP_MAGIC else handle
    bounded = Bounded(inner, limit)
    chunks: list[bytes] = []
    size = 0
    failure: Exception | None = None
    while size < HEAD:
        try:
            chunk = bounded.read(HEAD - size)
        except Exception as exc:  # noqa: BLE001 - raised again after the lines before it
            failure = exc
            break
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if failure is not None and not chunks:
        raise failure
    head = b"".join(chunks)
    return head, io.BufferedReader(Prefixed(head, bounded, failure), CHUNK)


def lines(stream: BinaryIO | TextIO, limit: int) -> Iterator[tuple[int, bytes | str | int]]:
    """(line number, line) for every line of ``stream``; an over-long line is (number, size).

    ``limit`` is the most bytes (characters, for a text stream) a line may
    have without its newline. A longer line is read on in ``CHUNK`` pieces
    and dropped, so memory stays at the limit whatever the line's length.
    Lines end at ``\\n`` only, as ``str.split("\\n")`` splits them.
    """
    n = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        n += 1
        newline = "\n" if isinstance(line, str) else b"\n"
        if len(line) <= limit or line.endswith(newline):
            yield n, line
            continue
        size = len(line)
        while True:
            more = stream.readline(CHUNK)
            if not more:
                break
            if more.endswith(newline):
                size += len(more) - 1
                break
            size += len(more)
        yield n, size
