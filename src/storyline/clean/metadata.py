"""Title, outlet and URL, each with the evidence it comes from.

Values stated by the text itself come first (headline line, masthead,
"Source:" line), then what the container states (``RawDocument`` fields),
then weaker inferences (the URL's domain, or the outlet it belongs to in the
shared table ``storyline/outlets.tsv``, flagged ``inferred=True``).
Unknown stays ``None``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from storyline.clean.boilerplate import Line, split_lines
from storyline.clean.dates import container_method
from storyline.clean.rules import (
    BYLINE_MAX_WORDS,
    BYLINE_PATTERN,
    BYLINE_PLACEHOLDERS,
    HEAD_LINES,
)
from storyline.model import Evidence, RawDocument, Span
from storyline.outlets import outlet_of_domain

TITLE_MAX_WORDS = 25
TITLE_MAX_CHARS = 200

#: What follows "Source:" but is not an outlet name.
NOT_OUTLETS = frozenset(
    {"read full article", "read the full article", "news", "link", "here", "original",
     "original article", "read full story", "read the full story"}
)  # fmt: skip


def looks_like_headline(line: str) -> bool:
    """Short, at least two words, and not ending like a sentence (a '?' or '!' is fine)."""
    s = line.strip()
    words = s.split()
    if not 2 <= len(words) <= TITLE_MAX_WORDS or len(s) > TITLE_MAX_CHARS:
        return False
    if re.search(r"[.:;,…][\"”’')\]]*$", s) and not s.endswith("..."):
        return False
    if s[0] in "“\"‘'(-–—•*" or s.startswith("http"):
        return False
    return s[0].isupper() or s[0].isdigit()


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().lower()


def _content_lines(text: str, spans: list[Span]) -> list[Line]:
    marked = [(s.start, s.end) for s in spans if s.kind == "boilerplate"]
    out = []
    for ln in split_lines(text):
        if ln.blank:
            continue
        if any(start < ln.end and ln.start < end for start, end in marked):
            continue
        out.append(ln)
    return out


def _line_span(ln: Line) -> tuple[int, int]:
    lead = len(ln.text) - len(ln.text.lstrip())
    return ln.start + lead, ln.start + len(ln.text.rstrip())


def find_title_span(text: str, spans: list[Span], raw: RawDocument | None = None) -> Span | None:
    """The headline line of the text, as a ``Span(kind="title")``, or None."""
    content = _content_lines(text, spans)
    if not content:
        return None
    if raw is not None and raw.title:
        # the container's title printed in the head of the text
        want = _norm(raw.title)
        for ln in content[:HEAD_LINES]:
            if want and _norm(ln.text) == want:
                start, end = _line_span(ln)
                return Span(start, end, kind="title", rule="container-title-line")
    first = content[0]
    if len(content) > 1 and looks_like_headline(first.text):
        start, end = _line_span(first)
        return Span(start, end, kind="title", rule="first-line-headline")
    return None


def find_title(
    text: str, spans: list[Span], raw: RawDocument, title_span: Span | None = None
) -> Evidence | None:
    if title_span is None:
        title_span = find_title_span(text, spans, raw)
    if title_span is not None:
        return Evidence(
            value=text[title_span.start : title_span.end],
            method="headline-line" if title_span.rule == "first-line-headline" else "title-line",
            start=title_span.start,
            end=title_span.end,
        )
    if raw.title and raw.title.strip():
        return Evidence(value=raw.title.strip(), method=container_method(raw))
    return None


_BYLINE = re.compile(BYLINE_PATTERN)


def after_byline(text: str, start: int) -> bool:
    """Is the line at ``start`` right after a byline ("By Jane Roe")? Then an outlet name
    there is the author's agency credit, not the site's masthead."""
    before = text[:start].rstrip()
    line = before[before.rfind("\n") + 1 :]
    return len(line.split()) <= BYLINE_MAX_WORDS and _BYLINE.search(line) is not None


_PLACEHOLDER_TRIM = re.compile(r"^(?:by|the|our|from)\s+|[\s.,;:|/\-–—]+$", re.I)


def is_placeholder_credit(name: str) -> bool:
    """A byline placeholder ("By Staff Reporter", "Our Correspondent", "News Desk"):
    it names no outlet, so it is never taken as one."""
    key = " ".join(name.split()).strip(" .,;:|")
    for _ in range(3):  # "By Our Staff Reporter"
        key = _PLACEHOLDER_TRIM.sub("", key)
    return key.lower() in BYLINE_PLACEHOLDERS


def find_outlet(text: str, spans: list[Span], raw: RawDocument) -> Evidence | None:
    """Masthead line, then a "Source: X" line, then the container, then the URL's domain."""
    for span in spans:
        if span.kind == "boilerplate" and span.attrs.get("category") == "masthead":
            if after_byline(text, span.start):
                continue  # "By JANE ROE / Associated Press": an agency credit
            line = text[span.start : span.end]
            if _BYLINE.match(line.strip()) or is_placeholder_credit(line):
                continue  # "By Staff Reporter": a byline, not a masthead
            return Evidence(
                value=text[span.start : span.end], method="masthead", start=span.start, end=span.end
            )
    for span in spans:
        if span.kind == "boilerplate" and span.rule == "source-line":
            line = text[span.start : span.end]
            m = re.match(r"\s*source\s*:\s*(.+?)\s*$", line, re.I)
            name = m.group(1) if m else ""
            if is_placeholder_credit(name):
                continue  # "Source: Staff Reporter" names no outlet
            if m and name.lower().rstrip(".") not in NOT_OUTLETS:
                start = span.start + m.start(1)
                return Evidence(
                    value=m.group(1), method="source-line", start=start, end=start + len(m.group(1))
                )
    if raw.outlet and raw.outlet.strip():
        return Evidence(value=raw.outlet.strip(), method=container_method(raw))
    domain = url_domain(raw.url)
    if domain:
        # a known outlet's domain gives its name (voanews.com -> Voice of America)
        return Evidence(value=outlet_of_domain(domain) or domain, method="url", inferred=True)
    return None


def url_domain(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host[4:] if host.startswith("www.") else host
