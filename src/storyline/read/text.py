"""Plain text and Markdown: the text is exactly what the file says.

Gold annotations and user offsets index into these files, so nothing is
stripped, re-wrapped or newline-normalised; only a leading BOM goes.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import RawDocument, ReadError
from . import reasons
from .decode import DecodeError, decode


def read_text(source: str, data: bytes, format: str) -> Iterator[RawDocument | ReadError]:
    try:
        text = decode(data).text
    except DecodeError as exc:
        yield ReadError(source, str(exc))
        return
    if not text.strip():
        yield ReadError(source, reasons.BLANK)
        return
    yield RawDocument.create(source, text, data, format)
