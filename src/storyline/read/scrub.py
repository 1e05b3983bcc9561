"""The one change ever made to input text: lone surrogates become U+FFFD.

JSON may spell a character UTF-8 cannot hold (``"\\udc00"``, half of a
UTF-16 pair), and a file name that is not UTF-8 comes to Python as
surrogate escapes. Such a string cannot be stored (SQLite wants UTF-8) or
written to a dossier, and failing at store time lost whole runs. So the read
stage decides: every lone surrogate in a document's text and metadata is
replaced by U+FFFD, one code point for one, so every offset still holds. A
document's ``source`` (its file name) instead shows an undecodable byte as
``\\xe9``, so the name stays recognisable.
"""

from __future__ import annotations

import dataclasses
import re

from ..model import RawDocument

REPLACEMENT = "\ufffd"

_SURROGATE = re.compile("[\ud800-\udfff]")

#: RawDocument fields holding text from the input (``source`` is handled apart).
TEXT_FIELDS: tuple[str, ...] = (
    "text",
    "title",
    "url",
    "outlet",
    "published",
    "dct",
    "language",
    "external_id",
)


def storable(doc: RawDocument) -> RawDocument:
    """``doc`` with every string field encodable as UTF-8 (the same object if it was)."""
    changes: dict[str, str] = {}
    for name in TEXT_FIELDS:
        value = getattr(doc, name)
        if isinstance(value, str) and not value.isascii() and _SURROGATE.search(value):
            changes[name] = _SURROGATE.sub(REPLACEMENT, value)
    if not doc.source.isascii() and _SURROGATE.search(doc.source):
        changes["source"] = source_name(doc.source)
    return dataclasses.replace(doc, **changes) if changes else doc


def source_name(name: str) -> str:
    """A file name as storable text: undecodable bytes as ``\\xe9``, other lone
    surrogates (from JSON) as ``\\udc00``."""
    return name.encode(
        "utf-8", "surrogateescape" if _only_escapes(name) else "backslashreplace"
    ).decode("utf-8", "backslashreplace")


def _only_escapes(name: str) -> bool:
    return all(0xDC80 <= ord(m.group()) <= 0xDCFF for m in _SURROGATE.finditer(name))
