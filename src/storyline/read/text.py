"""Plain text and Markdown: the text is exactly what the file says.

Gold annotations and user offsets index into these files, so nothing is
stripped, re-wrapped or newline-normalised; only a leading BOM goes.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import RawDocument, ReadError
from .decode import DecodeError, decode_document


def read_text(source: str, data: bytes, format: str) -> Iterator[RawDocument | ReadError]:
    try:
        text = decode_document(data)
    except DecodeError as exc:
        yield ReadError(source, str(exc))
        return
    yield RawDocument.create(source, text, data, format)
