"""JSON Lines (also gzip-compressed): one record per line, read as a stream.

A JSONL file is a collection: a newsroom export or a crawl of a day may be
gigabytes, so the file is never read whole. Lines come one at a time from
the handle (``stream.lines``), each bounded by the record limit
(``max_bytes``), the whole (decompressed) file by the collection limit
(``max_collection_bytes``). Every problem costs only its line, except damage
to the stream itself (gzip cut short, the collection limit): reading stops
there with one error, and the records before it are kept.

Each line is decoded on its own: strict UTF-8 (what RFC 8259 asks of JSON
exchanged between systems), else the legacy encoding a confident guess
finds, which later lines of the same file try first. A record's raw bytes
(so its content id) are its own line, exactly as in the file.
"""

from __future__ import annotations

import codecs
import gzip
import io
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from ..model import RawDocument, ReadError
from ..settings import Settings
from . import reasons
from .decode import DecodeError, bom_encoding, decode, has_nul
from .formats import JSONL
from .records import JSONTooDeep, json_error, load_json, record
from .stream import OverLimit, Truncated, decompressed, lines

#: Bytes per character assumed for the record limit of UTF-16/32 files
#: (their lines are read as text, so the limit counts characters).
WIDE_UNITS: dict[str, int] = {"utf-16": 2, "utf-32": 4}

Line = tuple[bytes, str]  # (the line's raw bytes, its text)


def read_jsonl(
    source: str,
    data: bytes,
    format: str = JSONL,
    *,
    max_bytes: int | None = None,
    max_collection_bytes: int | None = None,
) -> Iterator[RawDocument | ReadError]:
    """JSONL already in memory (standard input's head, a fetched body, a Spark
    blob): the stream reader over it, so both paths read alike."""
    yield from read_jsonl_stream(
        source,
        io.BytesIO(data),
        format,
        max_bytes=max_bytes,
        max_collection_bytes=max_collection_bytes,
    )


def read_jsonl_stream(
    source: str,
    handle: BinaryIO,
    format: str = JSONL,
    *,
    max_bytes: int | None = None,
    max_collection_bytes: int | None = None,
) -> Iterator[RawDocument | ReadError]:
    """One document per line (``source#L3``); blank lines are skipped.

    ``max_bytes`` bounds each line (default ``Settings().max_bytes``),
    ``max_collection_bytes`` the decompressed file (default
    ``Settings().max_collection_bytes``; 0: no bound).
    """
    for n, item in numbered_lines(
        source, handle, max_bytes=max_bytes, max_collection_bytes=max_collection_bytes
    ):
        if isinstance(item, ReadError):
            yield item
            continue
        raw, text = item
        where = f"JSONL line {n}: "
        try:
            value = load_json(text)
        except JSONTooDeep as exc:
            yield ReadError(f"{source}#L{n}", json_error(exc, where))
            continue
        except ValueError as exc:
            yield ReadError(
                f"{source}#L{n}", reasons.JSONL_MALFORMED.format(line=n, error=json_error(exc))
            )
            continue
        try:
            yield record(f"{source}#L{n}", value, raw, format, where=where)
        except Exception as exc:  # noqa: BLE001 - one record, one error
            error = f"{type(exc).__name__}: {exc}"
            yield ReadError(f"{source}#L{n}", reasons.UNEXPECTED.format(error=error))


def numbered_lines(
    source: str,
    handle: BinaryIO,
    *,
    max_bytes: int | None = None,
    max_collection_bytes: int | None = None,
) -> Iterator[tuple[int, Line | ReadError]]:
    """(line number, (raw bytes, text)) per non-blank line, or (number, why not).

    Problems with the whole file come as line 0. Also used by the index
    pass (``read.sidecar``), which reads a JSONL index the same way.
    """
    limit = Settings().max_bytes if max_bytes is None else max_bytes
    whole = (
        Settings().max_collection_bytes if max_collection_bytes is None else max_collection_bytes
    )
    n = 0
    try:
        head, stream = decompressed(handle, whole or None)
    except Exception as exc:  # noqa: BLE001 - damaged gzip header, unreadable file, ...
        yield 0, ReadError(source, _stream_error(exc, 1, whole))
        return
    if not head:
        yield 0, ReadError(source, reasons.EMPTY)
        return
    encoding = bom_encoding(head[:4])
    units = WIDE_UNITS.get(encoding or "")
    if units is None and has_nul(head):
        yield 0, ReadError(source, reasons.BINARY)
        return
    source_lines = (
        lines(io.TextIOWrapper(stream, encoding=encoding, newline="\n"), max(1, limit // units))
        if units and encoding
        else lines(stream, limit)
    )
    found = False
    legacy: list[str] = []  # the legacy encoding found for an earlier line, if any
    try:
        for n, line in source_lines:
            if isinstance(line, int):
                found = True
                size, cap = reasons.human_size(line * (units or 1)), reasons.human_size(limit)
                why = reasons.JSONL_TOO_BIG.format(line=n, size=size, limit=cap)
                yield n, ReadError(f"{source}#L{n}", why)
                continue
            item = _line(n, line, legacy)
            if isinstance(item, str):
                found = True
                yield n, ReadError(f"{source}#L{n}", item)
            elif item[1].strip():
                found = True
                yield n, item
    except UnicodeDecodeError as exc:  # a UTF-16/32 file damaged after line n
        error = reasons.TEXT_UNDECODABLE.format(line=n + 1, encoding=encoding, error=exc.reason)
        yield n + 1, ReadError(source, error)
        return
    except Exception as exc:  # noqa: BLE001 - the stream itself is damaged: stop, keep the rest
        yield n + 1, ReadError(source, _stream_error(exc, n + 1, whole))
        return
    if not found:
        yield 0, ReadError(source, reasons.BLANK)


def _line(n: int, line: bytes | str, legacy: list[str]) -> Line | str:
    """One line's raw bytes and text, or why it cannot be decoded.

    The raw bytes are the line without its ``\\n`` and trailing ``\\r``
    (and, on line 1, a UTF-8 byte-order mark), as the file has them; a line
    read as text (UTF-16/32) is stored as UTF-8.
    """
    if isinstance(line, str):
        text = line.removesuffix("\n").rstrip("\r")
        return text.encode("utf-8", "surrogatepass"), text
    raw = line.removesuffix(b"\n").rstrip(b"\r")
    if n == 1:
        raw = raw.removeprefix(codecs.BOM_UTF8)
    if b"\x00" in raw:  # binary junk inside the file (the head was checked as a whole)
        return reasons.JSONL_BINARY.format(line=n)
    try:
        return raw, raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if legacy:
        try:
            return raw, raw.decode(legacy[0])
        except UnicodeDecodeError:
            pass
    try:
        found = decode(raw)
    except DecodeError as exc:
        return reasons.JSONL_UNDECODABLE.format(line=n, error=exc)
    legacy[:] = [found.encoding]
    return raw, found.text


def _stream_error(exc: Exception, line: int, collection_limit: int | None) -> str:
    """What a failure of the stream itself (not of one line) means to the user."""
    if isinstance(exc, OverLimit):
        limit = reasons.human_size(collection_limit or 0)
        return reasons.COLLECTION_OVER_LIMIT.format(limit=limit, line=line)
    if isinstance(exc, Truncated):
        return reasons.GZIP_TRUNCATED.format(line=line, error=exc or "gzip data ended early")
    if isinstance(exc, (gzip.BadGzipFile, zlib.error)):
        return reasons.GZIP_CORRUPT.format(line=line, error=exc)
    if isinstance(exc, OSError):
        return reasons.OS_ERROR.format(error=exc.strerror or exc)
    return reasons.UNEXPECTED.format(error=f"{type(exc).__name__}: {exc}")
