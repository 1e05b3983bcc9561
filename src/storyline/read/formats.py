"""Which reader handles a file: by extension first, by content otherwise.

The extension table is data so adding a format is one line. Content
sniffing only runs when the extension says nothing (stdin, ``article``,
``story.dat``) and looks at the first bytes the way ``file(1)`` would.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib

from . import decode

TXT, MD, HTML, JSON, JSONL, FEED, WARC = "txt", "md", "html", "json", "jsonl", "feed", "warc"

# Formats whose RawDocument.text is exactly the text given (offsets of gold
# annotations line up); the others carry extracted article text.
EXACT_TEXT_FORMATS = frozenset({TXT, MD, JSON, JSONL})

EXTENSIONS: dict[str, str] = {
    ".txt": TXT,
    ".text": TXT,
    ".md": MD,
    ".markdown": MD,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".json": JSON,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
    ".jsonl.gz": JSONL,
    ".ndjson.gz": JSONL,
    ".xml": FEED,
    ".rss": FEED,
    ".atom": FEED,
    ".rdf": FEED,
    ".warc": WARC,
    ".warc.gz": WARC,
    ".arc": WARC,
    ".arc.gz": WARC,
}

# Content types a web server (or a WARC record) states, mapped the same way.
CONTENT_TYPES: dict[str, str] = {
    "text/html": HTML,
    "application/xhtml+xml": HTML,
    "application/json": JSON,
    "application/x-ndjson": JSONL,
    "application/jsonl": JSONL,
    "application/rss+xml": FEED,
    "application/atom+xml": FEED,
    "application/rdf+xml": FEED,
    "application/xml": FEED,
    "text/xml": FEED,
    "text/plain": TXT,
    "text/markdown": MD,
}

_FEED_ROOT = re.compile(rb"<(?:[\w-]+:)?(?:rss|feed|RDF)[\s>/]", re.IGNORECASE)
_HTML_START = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article)[\s>/]", re.IGNORECASE
)
_LEADING_JUNK = re.compile(rb"^(?:\s|<\?xml[^>]*>|<!--.*?-->)*", re.DOTALL)


def by_extension(name: str) -> str | None:
    """The format a file name announces (``.warc.gz``, ``.jsonl.gz`` count as one suffix)."""
    lower = name.lower()
    for ext in sorted(EXTENSIONS, key=len, reverse=True):
        if lower.endswith(ext):
            return EXTENSIONS[ext]
    return None


def by_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    return CONTENT_TYPES.get(content_type.split(";")[0].strip().lower())


def charset_of(content_type: str | None) -> str | None:
    """The ``charset=`` parameter of a Content-Type header, if any."""
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def sniff(data: bytes) -> str:
    """Guess the format of ``data`` from its first bytes; plain text when nothing matches."""
    if data.startswith(b"\x1f\x8b"):
        plain = _gunzip_head(data)
        if plain.startswith((b"WARC/", b"filedesc://")):
            return WARC
        return JSONL if _json_or_jsonl(plain) == JSONL else "gzip"
    if data.startswith(b"WARC/"):
        return WARC
    head = _ascii_head(data)
    body = _LEADING_JUNK.sub(b"", head, count=1)
    if body.startswith((b"{", b"[")):
        return _json_or_jsonl(data)
    if body.startswith(b"<"):
        if _FEED_ROOT.match(body):
            return FEED
        if head.lstrip().startswith(b"<?xml") and not _HTML_START.search(body[:1024]):
            return FEED  # some other XML: the feed reader says what is wrong with it
        return HTML
    return TXT


def _ascii_head(data: bytes, size: int = 4096) -> bytes:
    """The start of ``data`` with UTF-16/32 re-encoded, so byte patterns match."""
    encoding = decode.bom_encoding(data[:4])
    head = data[: size * 4 if encoding in ("utf-16", "utf-32") else size]
    if encoding:
        try:
            return head.decode(encoding, "ignore").encode("utf-8", "ignore")
        except LookupError:  # pragma: no cover - all BOM codecs exist
            return head
    return head


def _gunzip_head(data: bytes, size: int = 1 << 16) -> bytes:
    """The first ``size`` decompressed bytes (enough to tell WARC from JSON Lines)."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[: 1 << 16], size)
    except (zlib.error, gzip.BadGzipFile):
        return b""


def _json_or_jsonl(data: bytes) -> str:
    """JSON Lines when the first two non-blank lines are each a complete JSON value."""
    lines = [line for line in _ascii_head(data, 1 << 16).splitlines() if line.strip()][:2]
    if len(lines) < 2:
        return JSON
    try:
        for line in lines:
            json.loads(line)
    except (ValueError, RecursionError):  # a sniff must not raise: the reader reports it
        return JSON
    return JSONL
