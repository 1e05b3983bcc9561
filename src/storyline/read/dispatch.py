"""One container's bytes to documents: the checks every format shares, then its reader.

Checks that do not depend on the format (empty, binary) run once here, so
every reader gets bytes worth trying and every format words these problems
the same way. Each reader is guarded: a bug or a parser crash on one file
becomes a ReadError for that file, never an exception that stops the run.

Collections (``STREAMED``: JSON Lines and WARC, gzip-compressed or not) are
read from a file handle (``read_stream``); bytes already in memory go
through the same stream readers, so both paths give the same records.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import BinaryIO

from ..model import RawDocument, ReadError
from . import formats, reasons
from .decode import has_nul
from .feeds import read_feed
from .html import read_html
from .jsonl import read_jsonl_stream
from .records import read_json
from .text import read_text
from .warc import read_warc_stream

Reader = Callable[[str, bytes, str], Iterator[RawDocument | ReadError]]

READERS: dict[str, Reader] = {
    formats.TXT: read_text,
    formats.MD: read_text,
    formats.HTML: read_html,
    formats.JSON: read_json,
    formats.FEED: read_feed,
}

StreamReader = Callable[..., Iterator[RawDocument | ReadError]]

#: Formats read record by record from a handle: collections of any size.
STREAMED: dict[str, StreamReader] = {
    formats.JSONL: read_jsonl_stream,
    formats.WARC: read_warc_stream,
}


def read_bytes(
    source: str,
    data: bytes,
    format: str | None = None,
    *,
    url: str | None = None,
    charset: str | None = None,
    max_bytes: int | None = None,
    max_collection_bytes: int | None = None,
) -> Iterator[RawDocument | ReadError]:
    """Read ``data`` as ``format`` (sniffed from content when None).

    ``url`` and ``charset`` are what a transport (HTTP, WARC) says about the
    bytes; only HTML uses them. ``max_bytes`` bounds each record of a
    collection (and what a WARC payload may decompress to),
    ``max_collection_bytes`` what the whole collection may decompress to.
    """
    if not data:
        yield ReadError(source, reasons.EMPTY)
        return
    if format is None:
        format = formats.sniff(data)
        if format == "gzip":
            yield ReadError(source, reasons.GZIP_NOT_WARC)
            return
    if format in STREAMED:  # they check their own (decompressed) bytes
        yield from read_stream(
            source,
            io.BytesIO(data),
            format,
            max_bytes=max_bytes,
            max_collection_bytes=max_collection_bytes,
        )
        return
    if has_nul(data):
        yield ReadError(source, reasons.BINARY)
        return
    try:
        if format == formats.HTML:
            yield from read_html(source, data, format, url=url, charset=charset)
        else:
            yield from READERS[format](source, data, format)
    except Exception as exc:  # the contract: never raise for one file
        yield ReadError(source, reasons.UNEXPECTED.format(error=f"{type(exc).__name__}: {exc}"))


def read_stream(
    source: str,
    handle: BinaryIO,
    format: str,
    *,
    max_bytes: int | None = None,
    max_collection_bytes: int | None = None,
) -> Iterator[RawDocument | ReadError]:
    """A collection (``format`` in ``STREAMED``) read record by record from ``handle``.

    Records read before a crash are kept; the crash is one error for the file.
    """
    try:
        yield from STREAMED[format](
            source,
            handle,
            format,
            max_bytes=max_bytes,
            max_collection_bytes=max_collection_bytes,
        )
    except Exception as exc:  # the contract: never raise for one file
        yield ReadError(source, reasons.UNEXPECTED.format(error=f"{type(exc).__name__}: {exc}"))
