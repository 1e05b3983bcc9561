"""HTML pages: the article text and what the page's own markup says about it.

trafilatura finds the article body (precision over recall: a missing
paragraph costs less than a cookie banner analysed as news) and reads the
title, canonical URL and site name from meta tags; htmldate finds the
original publication date from the markup only (``extensive_search=False``
keeps it from guessing from arbitrary dates in the text). Nothing is ever
fetched: links in the page are metadata, not instructions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import htmldate
import trafilatura
from trafilatura.utils import load_html

from ..model import RawDocument, ReadError
from . import reasons
from .decode import DecodeError, decode_document, html_charset

DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}

_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.IGNORECASE)


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode a page: BOM, then the HTTP charset, then ``<meta charset>``, then sniffing."""
    return decode_document(data, declared or html_charset(data))


def extract(html: str, url: str | None = None) -> dict[str, str | None] | None:
    """Article text and metadata of one page, or None when there is no article text.

    Returns plain fields ready for ``RawDocument.create``; ``url`` is a
    fallback for pages that do not state their canonical URL.
    """
    for precision in (True, False):  # balanced settings rescue short, clean pages
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            favor_precision=precision,
            with_metadata=True,
            date_extraction_params=DATE_PARAMS,
        )
        text = getattr(doc, "text", None) if doc is not None else None
        if text and text.strip():
            break
    else:
        return None
    published = _find_date(html, url) or getattr(doc, "date", None)
    stamp = _meta_timestamp(html)
    if stamp and (published is None or stamp.startswith(published)):
        published = stamp  # same day, but with the time the page states
    lang = _HTML_LANG.search(html[:4096])
    return {
        "text": text,
        "title": getattr(doc, "title", None) or None,
        "url": getattr(doc, "url", None) or url,
        "outlet": getattr(doc, "sitename", None) or None,
        "published": published,
        "language": lang.group(1).lower() if lang else None,
    }


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry body), one line per block element.

    trafilatura is built for whole pages and drops short fragments, so a
    plain lxml walk is used here instead.
    """
    import lxml.html

    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several types on junk; plain text is the honest fallback
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"):
        block.tail = "\n" + (block.tail or "")
    text = root.text_content()
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def read_html(
    source: str,
    data: bytes,
    format: str = "html",
    *,
    url: str | None = None,
    charset: str | None = None,
) -> Iterator[RawDocument | ReadError]:
    try:
        html = decode_html(data, charset)
    except DecodeError as exc:
        yield ReadError(source, str(exc))
        return
    fields = extract(html, url)
    if fields is None:
        yield ReadError(source, reasons.HTML_NO_TEXT)
        return
    text = fields.pop("text") or ""
    yield RawDocument.create(source, text, data, format, **fields)


# Where pages state a full publication timestamp (htmldate keeps the day only).
TIMESTAMP_XPATHS: tuple[str, ...] = (
    '//meta[@property="article:published_time"]/@content',
    '//meta[@property="og:published_time"]/@content',
    '//meta[@itemprop="datePublished"]/@content',
    '//meta[@name="pubdate"]/@content',
    "//time[@pubdate]/@datetime",
    '//time[@itemprop="datePublished"]/@datetime',
)
_ISO_STAMP = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?$"
)


def _meta_timestamp(html: str) -> str | None:
    """The first ISO timestamp with a time of day stated in the page's metadata."""
    try:
        tree = load_html(html)
    except Exception:  # metadata is best-effort
        return None
    if tree is None:
        return None
    for xpath in TIMESTAMP_XPATHS:
        for value in tree.xpath(xpath):
            value = str(value).strip()
            if _ISO_STAMP.match(value):
                return value
    return None


def _find_date(html: str, url: str | None) -> str | None:
    # htmldate downloads when handed a string that looks like a URL, so it
    # only ever gets a parsed tree.
    try:
        tree = load_html(html)
        return htmldate.find_date(tree, url=url, **DATE_PARAMS) if tree is not None else None
    except Exception:  # htmldate is best-effort metadata; a failure must not lose the text
        return None
