"""WARC web archives: every archived HTML response is one page to read.

Only ``response`` records with an HTML content type are articles; requests,
metadata, images and scripts in the same archive are skipped without
comment. The page URL comes from ``WARC-Target-URI`` and the charset from
the archived HTTP headers, exactly as a browser replaying it would see them.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator

from ..model import RawDocument, ReadError
from . import formats, reasons
from .html import read_html

RECORD_TYPES = ("response",)
MAGIC = (b"\x1f\x8b", b"WARC/", b"filedesc://")  # gzip, WARC, old ARC
NOT_WARC = "does not start with a WARC header or gzip data (is it really a WARC file?)"


def read_warc(source: str, data: bytes, format: str = "warc") -> Iterator[RawDocument | ReadError]:
    if not data.startswith(MAGIC):
        yield ReadError(source, reasons.WARC_MALFORMED.format(error=NOT_WARC))
        return
    found = 0
    for item in _html_responses(data):
        if isinstance(item, str):
            yield ReadError(source, reasons.WARC_MALFORMED.format(error=item))
            return
        found += 1
        n, payload, url, charset = item
        yield from read_html(f"{source}#record{n}", payload, format, url=url, charset=charset)
    if not found:
        yield ReadError(source, reasons.WARC_NO_HTML)


def _html_responses(data: bytes) -> Iterator[tuple[int, bytes, str | None, str | None] | str]:
    """(record number, payload, target URI, charset) per HTML response; a str on failure.

    warcio fails on junk in many ways (its own errors, but also
    AttributeError on a truncated header), so any error while *parsing the
    archive* is reported as malformed; errors while reading a page are not
    caught here.
    """
    n = 0
    records = iter(ArchiveIterator(io.BytesIO(data)))
    while True:
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
            payload = record.content_stream().read()
            url = record.rec_headers.get_header("WARC-Target-URI")
        except Exception as exc:  # warcio raises many types on corrupt input
            where = f" (at record {n})" if n else ""
            yield f"{type(exc).__name__}: {exc}{where}"
            return
        yield n, payload, url, formats.charset_of(content_type)
