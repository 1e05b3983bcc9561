"""WARC web archives: every archived HTML response is one page to read.

Only ``response`` records with an HTML content type are articles; requests,
metadata, images and scripts in the same archive are skipped without
comment. The page URL comes from ``WARC-Target-URI`` and the charset from
the archived HTTP headers, exactly as a browser replaying it would see them.

Two kinds of damage are caught here rather than passed on as text:

- **Size.** An archive is a collection, read from its file handle record
  by record (``read_warc_stream``), never whole. A few MB of gzip can
  declare gigabytes, so everything is decompressed by streaming and counted:
  the whole archive (``max_collection_bytes`` decompressed, the collection
  limit) and each record's payload after its HTTP ``Content-Encoding``
  (``max_bytes``, the limit one file or record has). Past the archive limit
  reading stops; a record past its own limit is refused (its bytes are
  skipped by streaming) and the next one is read.
- **Truncation.** A record whose payload is shorter than its
  ``Content-Length``, or whose gzip member ends before its end-of-stream
  marker, is refused as truncated instead of stored as half an article.
  Complete records before it are kept.

We decompress gzip ourselves (``gzip`` reads concatenated members) and hand
warcio the plain stream, because warcio treats a gzip stream that ends early
as the clean end of the archive.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

from ..model import RawDocument, ReadError
from ..settings import Settings
from . import formats, reasons
from .html import read_html
from .stream import Bounded, OverLimit, Truncated, peek

RECORD_TYPES = ("response",)
MAGIC = (b"\x1f\x8b", b"WARC/", b"filedesc://")  # gzip, WARC, old ARC
NOT_WARC = "does not start with a WARC header or gzip data (is it really a WARC file?)"
CHUNK = 64 * 1024  # payloads are read in pieces this size, so a limit stops early


def read_warc(
    source: str,
    data: bytes,
    format: str = "warc",
    *,
    max_bytes: int | None = None,
    max_collection_bytes: int | None = None,
) -> Iterator[RawDocument | ReadError]:
    """An archive already in memory (a fetched body, a Spark blob): the stream reader over it."""
    yield from read_warc_stream(
        source,
        io.BytesIO(data),
        format,
        max_bytes=max_bytes,
        max_collection_bytes=max_collection_bytes,
    )


def read_warc_stream(
    source: str,
    handle: BinaryIO,
    format: str = "warc",
    *,
    max_bytes: int | None = None,
    max_collection_bytes: int | None = None,
) -> Iterator[RawDocument | ReadError]:
    """Documents from every HTML response in the archive, then any error that stopped it.

    ``max_bytes`` bounds each decompressed payload (default:
    ``Settings().max_bytes``), ``max_collection_bytes`` the decompressed
    archive (default: ``Settings().max_collection_bytes``; 0: no bound).
    """
    head, handle = peek(handle, 16)
    if not head:
        yield ReadError(source, reasons.EMPTY)
        return
    if not head.startswith(MAGIC):
        yield ReadError(source, reasons.WARC_MALFORMED.format(error=NOT_WARC))
        return
    limit = Settings().max_bytes if max_bytes is None else max_bytes
    whole = max_collection_bytes
    if whole is None:
        whole = Settings().max_collection_bytes
    found = 0
    for item in _html_responses(_open(handle, head, whole or None), limit, whole):
        if isinstance(item, _Failure):
            yield ReadError(f"{source}#record{item.record}" if item.record else source, item.reason)
            if item.stop:
                return
            found += 1  # an HTML record was there: "no HTML records" would mislead
            continue
        found += 1
        n, payload, url, charset = item
        yield from read_html(f"{source}#record{n}", payload, format, url=url, charset=charset)
    if not found:
        yield ReadError(source, reasons.WARC_NO_HTML)


@dataclass(frozen=True)
class _Failure:
    """Why record ``record`` (0: the archive) could not be read.

    ``stop``: nothing after it can be read either.
    """

    reason: str
    record: int = 0
    stop: bool = True


def _open(handle: BinaryIO, head: bytes, limit: int | None) -> Bounded:
    inner: BinaryIO = handle
    if head.startswith(b"\x1f\x8b"):
        inner = gzip.GzipFile(fileobj=handle, mode="rb")  # type: ignore[assignment]
    return Bounded(inner, limit)


def _html_responses(
    stream: Bounded, limit: int, whole: int
) -> Iterator[tuple[int, bytes, str | None, str | None] | _Failure]:
    """(record number, payload, target URI, charset) per HTML response; a _Failure on damage.

    warcio fails on junk in many ways (its own errors, but also
    AttributeError on a truncated header), so any error while *parsing the
    archive* is reported as malformed; errors while reading a page are not
    caught here.
    """
    n = 0
    record = None
    records = iter(ArchiveIterator(stream))
    while True:
        reading = False  # True while inside record n's payload
        try:
            record = next(records, None)
            if record is None:
                return
            n += 1
            if record.rec_type not in RECORD_TYPES or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type")
            if formats.by_content_type(content_type) != formats.HTML:
                continue
            reading = True
            payload = _read_payload(record, limit)
            url = record.rec_headers.get_header("WARC-Target-URI")
        except OverLimit:
            human = reasons.human_size(whole)
            yield _Failure(reasons.WARC_TOO_BIG.format(limit=human, record=n))
            return
        except Truncated as exc:
            yield _truncated(record, n, reading, str(exc))
            return
        except Exception as exc:  # warcio raises many types on corrupt input
            where = f" (at record {n})" if n else ""
            error = f"{type(exc).__name__}: {exc}{where}"
            yield _Failure(reasons.WARC_MALFORMED.format(error=error))
            return
        if isinstance(payload, _Failure):
            yield _Failure(payload.reason, n, stop=False)
            continue
        yield n, payload, url, formats.charset_of(content_type)


def _read_payload(record: object, limit: int) -> bytes | _Failure:
    """The record's decoded payload, read in chunks: at most ``limit`` bytes are held.

    A payload longer than ``limit`` (once its Content-Encoding is undone) or
    shorter than the record's ``Content-Length`` is a _Failure.
    """
    content = record.content_stream()  # type: ignore[attr-defined]
    chunks: list[bytes] = []
    size = 0
    while chunk := content.read(CHUNK):
        size += len(chunk)
        if size > limit:
            return _Failure(reasons.WARC_RECORD_TOO_BIG.format(limit=reasons.human_size(limit)))
        chunks.append(chunk)
    short = _missing(record)
    if short is not None:
        return _Failure(reasons.WARC_TRUNCATED.format(got=f"{short[0]:,}", of=f"{short[1]:,}"))
    return b"".join(chunks)


def _missing(record: object | None) -> tuple[int, int] | None:
    """(bytes read, bytes declared) when ``record`` got less than its Content-Length."""
    left = getattr(getattr(record, "raw_stream", None), "limit", None)
    declared = getattr(record, "length", None)
    if isinstance(left, int) and isinstance(declared, int) and left > 0:
        return declared - left, declared
    return None


def _truncated(record: object | None, n: int, reading: bool, detail: str) -> _Failure:
    """The gzip data ended inside record ``n`` (its payload or the rest of it) or the next header.

    warcio finishes the previous record before parsing the next header, so
    when the gzip stream ends outside a payload we are reading, the record
    short of its length is the previous one; otherwise the next header was cut.
    """
    short = _missing(record)
    if short is not None:
        return _Failure(reasons.WARC_TRUNCATED.format(got=f"{short[0]:,}", of=f"{short[1]:,}"), n)
    where = n if reading else n + 1
    return _Failure(
        reasons.WARC_GZIP_TRUNCATED.format(error=detail or "gzip data ended early"), where
    )
