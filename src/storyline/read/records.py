"""JSON records other tools hand to Storyline (JSON Lines: ``read.jsonl``, by line).

The ``text`` field is kept exactly (gold offsets index into it) and ``id``
becomes ``external_id`` so results can be joined back to the caller's own
records. One bad record is reported on its own and never stops the rest.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ..model import RawDocument, ReadError
from . import reasons
from .decode import DecodeError, decode_document
from .formats import JSONL, sniff

# JSON field -> RawDocument field. ``id`` is the caller's id, not ours: ours
# is the content hash.
FIELDS: dict[str, str] = {
    "id": "external_id",
    "title": "title",
    "url": "url",
    "outlet": "outlet",
    "published": "published",
    "dct": "dct",
    "language": "language",
}

#: Fields of a record without ``text`` that name the file holding its text
#: (an index beside the articles: ``read/sidecar.py``), in order.
POINTER_FIELDS: tuple[str, ...] = ("file", "path", "filename")

#: Deepest nesting a JSON record may have. News records are two or three
#: levels deep; the bound keeps a hostile file (100,000 nested lists) from
#: exhausting the parser's recursion. Not a setting: no real record is near it.
MAX_JSON_DEPTH = 200

#: Python refuses to turn longer digit strings into ``int`` (a CPU bound,
#: ``sys.get_int_max_str_digits``); such a number is kept as a ``Decimal``.
_INT_DIGITS = 4000


class JSONTooDeep(ValueError):
    """A JSON value nested deeper than ``MAX_JSON_DEPTH``."""


def load_json(text: str) -> Any:
    """``json.loads`` for untrusted input: depth bounded, any integer accepted.

    Raises ``json.JSONDecodeError`` (malformed) or ``JSONTooDeep``; both are
    ``ValueError``. A number too long for ``int`` (a 5,000-digit ``id``) is a
    ``Decimal`` whose string is its exact digits. The fast path is plain
    ``json.loads``; the rest costs only when needed.
    """
    try:
        value = json.loads(text)
    except RecursionError:
        raise JSONTooDeep from None
    except json.JSONDecodeError:
        raise
    except ValueError:  # "Exceeds the limit (4300 digits) for integer string conversion"
        try:
            value = json.loads(text, parse_int=_big_int)
        except RecursionError:
            raise JSONTooDeep from None
    if isinstance(value, (dict, list)) and _too_deep(value):
        raise JSONTooDeep
    return value


def _big_int(digits: str) -> int | Decimal:
    return int(digits) if len(digits.lstrip("-")) <= _INT_DIGITS else Decimal(digits)


def _too_deep(value: dict[str, Any] | list[Any]) -> bool:
    """True if ``value`` nests deeper than ``MAX_JSON_DEPTH`` (iterative: no recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            return True
        children = node.values() if isinstance(node, dict) else node
        stack.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))
    return False


def json_error(exc: ValueError, where: str = "") -> str:
    """The user's reason for a JSON value ``load_json`` refused (also for JSONL lines)."""
    if isinstance(exc, JSONTooDeep):
        return reasons.JSON_TOO_DEEP.format(where=where, limit=MAX_JSON_DEPTH)
    if isinstance(exc, json.JSONDecodeError):
        return _where(exc)
    return str(exc)


def read_json(source: str, data: bytes, format: str = "json") -> Iterator[RawDocument | ReadError]:
    """One object, or a list of objects (each read as ``source#itemN``)."""
    try:
        text = decode_document(data)
    except DecodeError as exc:
        yield ReadError(source, str(exc))
        return
    try:
        value = load_json(text)
    except JSONTooDeep as exc:
        yield ReadError(source, json_error(exc))
        return
    except ValueError as exc:
        error = json_error(exc)
        if (
            isinstance(exc, json.JSONDecodeError)
            and exc.msg == "Extra data"
            and sniff(data) == JSONL
        ):
            error += " (one object per line is JSON Lines: name the file .jsonl)"
        yield ReadError(source, reasons.JSON_MALFORMED.format(error=error))
        return
    if isinstance(value, list):
        if not value:
            yield ReadError(source, reasons.JSON_EMPTY_LIST)
        for n, item in enumerate(value, 1):
            raw = _item_bytes(item)
            yield record(f"{source}#item{n}", item, raw, format, where=f"JSON item {n}: ")
    else:
        yield record(source, value, data, format)


def record(
    source: str, value: Any, raw: bytes, format: str, *, where: str = ""
) -> RawDocument | ReadError:
    """A RawDocument from one decoded JSON record, or the reason it is not one."""
    if not isinstance(value, dict):
        return ReadError(
            source, reasons.JSON_NOT_RECORD.format(where=where, kind=reasons.json_kind(value))
        )
    target = pointer_target(value)
    if target is not None:
        return ReadError(source, reasons.JSON_POINTER.format(where=where, target=target))
    if "text" not in value:
        keys = ", ".join(sorted(map(str, value))[:8]) or "none"
        present = f" (fields present: {keys})"
        return ReadError(source, reasons.JSON_NO_TEXT.format(where=where, present=present))
    text = value["text"]
    if not isinstance(text, str):
        return ReadError(
            source, reasons.JSON_TEXT_NOT_STRING.format(where=where, kind=reasons.json_kind(text))
        )
    if not text.strip():
        return ReadError(source, reasons.JSON_EMPTY_TEXT.format(where=where))
    return RawDocument.create(source, text, raw, format, **metadata(value))


def metadata(record: dict[str, Any]) -> dict[str, str]:
    """A record's metadata fields (``FIELDS``) as document fields."""
    return {
        target: _scalar(record[key])
        for key, target in FIELDS.items()
        if record.get(key) not in (None, "")
    }


def pointer_target(record: dict[str, Any]) -> str | None:
    """The file a record without text points to, if it names one."""
    if "text" in record:
        return None
    for key in POINTER_FIELDS:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _where(exc: json.JSONDecodeError) -> str:
    """``Expecting ',' delimiter at line 1 column 12`` (no char offset: users count lines)."""
    return f"{exc.msg} at line {exc.lineno} column {exc.colno}"


def _scalar(value: Any) -> str:
    """Metadata as a string: ids may be numbers, and nested values stay readable."""
    if isinstance(value, str):
        return value
    if isinstance(value, Decimal):  # a number too long for int: its exact digits
        return str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _item_bytes(item: Any) -> bytes:
    """One list item's own bytes (its content id), re-serialised.

    A lone surrogate (``"\\udc00"`` in the file) cannot be UTF-8: such an
    item is serialised with ASCII escapes instead, as the file wrote it.
    """
    try:
        return json.dumps(item, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(item, sort_keys=True, default=str).encode("ascii")
