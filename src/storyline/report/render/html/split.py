"""Large dossiers as a set of pages: the main file plus one page per document.

A 1,000-article dossier as one file is tens of megabytes of annotated text
and takes a browser many seconds to open. Above ``SPLIT_THRESHOLD``
documents the article views are written to ``DOCS_FOLDER`` beside
``dossier.html``, which keeps the brief, the indexes and the sections. Views
keep linking by fragment (``#m-…``); ``relink`` then points each link at the
page that holds its target. Ids are ``anchors.css_name``-safe and article
text is escaped, so the one pattern below cannot match inside text.
"""

from __future__ import annotations

import re

SPLIT_THRESHOLD = 50  # documents; above this the article views get their own pages
DOCS_FOLDER = "dossier_files"
MAIN = "dossier.html"

_ID = re.compile(r' id="([A-Za-z0-9_-]+)"')
_HREF = re.compile(r'href="#([A-Za-z0-9_-]+)"')


def _relative(src: str, dst: str) -> str:
    """The relative address of page ``dst`` seen from page ``src`` (one folder deep)."""
    src_dir = src.rpartition("/")[0]
    dst_dir, _, dst_name = dst.rpartition("/")
    if src_dir == dst_dir:
        return dst_name
    return ("../" if src_dir else "") + dst


def relink(pages: dict[str, str]) -> dict[str, str]:
    """Point every ``href="#id"`` at the page that defines ``id`` (the same page
    keeps its plain fragment; a target no page defines is left as it is).

    Rewrites ``pages`` in place, one page at a time, and returns it: a new dict
    held a second copy of every page (tens of MB for 1,000 documents)."""
    where: dict[str, str] = {}
    for name, html in pages.items():
        for anchor in _ID.findall(html):
            where.setdefault(anchor, name)
    for name in list(pages):

        def repl(m: re.Match[str], name: str = name) -> str:
            target = where.get(m.group(1))
            if target is None or target == name:
                return m.group(0)
            return f'href="{_relative(name, target)}#{m.group(1)}"'

        pages[name] = _HREF.sub(repl, pages[name])
    return pages
