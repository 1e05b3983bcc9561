"""RSS, Atom and RDF feeds: one document per entry.

feedparser is lenient, which is what real feeds need; an entry is read as
long as it has a body, and a feed broken beyond use is reported once. Each
entry's ``raw`` is the entry element's own bytes (found with lxml), so its
id does not change when other entries are added to the feed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

import feedparser
from feedparser.exceptions import (
    CharacterEncodingOverride,
    CharacterEncodingUnknown,
    NonXMLContentType,
    UndeclaredNamespace,
)

from ..model import RawDocument, ReadError
from . import reasons
from .html import html_to_text

# feedparser flags these as "bozo" but still parses the feed fully.
HARMLESS_BOZO = (
    CharacterEncodingOverride,
    CharacterEncodingUnknown,
    NonXMLContentType,
    UndeclaredNamespace,
)

ENTRY_TAGS = ("item", "entry")  # RSS/RDF, Atom (any namespace)
_SAX_WHERE = re.compile(r"^<[^>]*>:(\d+):(\d+):\s*")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_feed(source: str, data: bytes, format: str = "feed") -> Iterator[RawDocument | ReadError]:
    if not data.strip():
        yield ReadError(source, reasons.BLANK)
        return
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    fatal = parsed.get("bozo") and not isinstance(parsed.get("bozo_exception"), HARMLESS_BOZO)
    if fatal and not parsed.entries:
        yield ReadError(source, reasons.FEED_MALFORMED.format(error=_describe(parsed)))
        return
    if not parsed.entries:
        reason = reasons.FEED_NO_ENTRIES if parsed.get("version") else reasons.FEED_NOT_A_FEED
        yield ReadError(source, reason)
        return
    outlet = parsed.feed.get("title") or None
    feed_language = parsed.feed.get("language") or None
    raws = _entry_bytes(data)
    if len(raws) != len(parsed.entries):
        raws = [_canonical(entry) for entry in parsed.entries]
    read = 0
    for n, (entry, raw) in enumerate(zip(parsed.entries, raws, strict=True), 1):
        entry_source = f"{source}#entry{n}"
        text = _entry_text(entry)
        if not text:
            if not fatal:  # in a broken feed, the one error below covers broken entries
                yield ReadError(entry_source, reasons.FEED_ENTRY_NO_TEXT.format(n=n))
            continue
        read += 1
        yield RawDocument.create(
            entry_source,
            text,
            raw,
            format,
            title=entry.get("title") or None,
            url=entry.get("link") or None,
            outlet=outlet,
            published=_date(entry),
            external_id=entry.get("id") or None,
            language=_language(entry) or feed_language,
        )
    if fatal:
        note = f" ({read} entries before the error were read)" if read else ""
        yield ReadError(source, reasons.FEED_MALFORMED.format(error=_describe(parsed)) + note)


def _entry_text(entry: Any) -> str:
    """The fullest body the entry has: content first, then summary."""
    candidates = [*entry.get("content", []), entry.get("summary_detail")]
    for detail in candidates:
        if not detail or not (detail.get("value") or "").strip():
            continue
        value = detail["value"]
        if detail.get("type", "text/html") in HTML_TYPES:
            value = html_to_text(value)
        if value.strip():
            return value.strip()
    return ""


def _date(entry: Any) -> str | None:
    """ISO 8601 in UTC when feedparser could parse the date, else the date as written."""
    for key in ("published", "updated", "created"):
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            stamp = dt.datetime.fromtimestamp(calendar.timegm(parsed), tz=dt.UTC)
            return stamp.isoformat()
        if entry.get(key):
            return str(entry[key])
    return None


def _language(entry: Any) -> str | None:
    for detail in (*entry.get("content", []), entry.get("summary_detail")):
        if detail and detail.get("language"):
            return str(detail["language"])
    return None


def _entry_bytes(data: bytes) -> list[bytes]:
    """Each entry element serialised on its own, in document order ([] if unparsable)."""
    from lxml import etree

    try:
        parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
        root = etree.fromstring(data, parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return []
    if root is None:
        return []
    return [
        etree.tostring(el)
        for el in root.iter()
        if isinstance(el.tag, str) and etree.QName(el).localname in ENTRY_TAGS
    ]


def _canonical(entry: Any) -> bytes:
    keys = ("id", "link", "title", "published", "updated", "summary", "content")
    return json.dumps(
        {k: entry.get(k) for k in keys}, ensure_ascii=False, sort_keys=True, default=str
    ).encode("utf-8")


def _describe(parsed: Any) -> str:
    exc = parsed.get("bozo_exception")
    text = _SAX_WHERE.sub(r"line \1, column \2: ", str(exc)) if exc else "unknown error"
    return f"{text} (is it really an RSS/Atom feed?)" if not parsed.entries else text
