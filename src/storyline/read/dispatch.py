"""One container's bytes to documents: the checks every format shares, then its reader.

Checks that do not depend on the format (empty, binary) run once here, so
every reader gets bytes worth trying and every format words these problems
the same way. Each reader is guarded: a bug or a parser crash on one file
becomes a ReadError for that file, never an exception that stops the run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..model import RawDocument, ReadError
from . import formats, reasons
from .decode import has_nul
from .feeds import read_feed
from .html import read_html
from .records import read_json, read_jsonl
from .text import read_text
from .warc import read_warc

Reader = Callable[[str, bytes, str], Iterator[RawDocument | ReadError]]

READERS: dict[str, Reader] = {
    formats.TXT: read_text,
    formats.MD: read_text,
    formats.HTML: read_html,
    formats.JSON: read_json,
    formats.JSONL: read_jsonl,
    formats.FEED: read_feed,
    formats.WARC: read_warc,
}

# Containers that are binary by design; the NUL-byte test does not apply.
BINARY_FORMATS = frozenset({formats.WARC})


def read_bytes(
    source: str,
    data: bytes,
    format: str | None = None,
    *,
    url: str | None = None,
    charset: str | None = None,
    max_bytes: int | None = None,
) -> Iterator[RawDocument | ReadError]:
    """Read ``data`` as ``format`` (sniffed from content when None).

    ``url`` and ``charset`` are what a transport (HTTP, WARC) says about the
    bytes; only HTML uses them. ``max_bytes`` bounds what a compressed
    container (WARC) may decompress to: the file limit (``Settings.max_bytes``).
    """
    if not data:
        yield ReadError(source, reasons.EMPTY)
        return
    if format is None:
        format = formats.sniff(data)
        if format == "gzip":
            yield ReadError(source, reasons.GZIP_NOT_WARC)
            return
    if format not in BINARY_FORMATS and has_nul(data):
        yield ReadError(source, reasons.BINARY)
        return
    try:
        if format == formats.HTML:
            yield from read_html(source, data, format, url=url, charset=charset)
        elif format == formats.WARC:
            yield from read_warc(source, data, format, max_bytes=max_bytes)
        else:
            yield from READERS[format](source, data, format)
    except Exception as exc:  # the contract: never raise for one file
        yield ReadError(source, reasons.UNEXPECTED.format(error=f"{type(exc).__name__}: {exc}"))
