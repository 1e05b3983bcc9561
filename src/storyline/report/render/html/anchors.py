"""Element ids of the HTML page, so every view links to the same place.

Ids are built from dossier values (document ids, quote ids), which are
untrusted: ``css_name`` keeps only ASCII letters, digits, ``_`` and ``-``.
"""

from __future__ import annotations

import re
from typing import Any

_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_-]")


def css_name(value: Any) -> str:
    """A string safe to use in a class name or id (ASCII letters, digits, ``_``, ``-``)."""
    return _UNSAFE_NAME.sub("_", str(value)) or "_"


def doc_anchor(doc_id: str) -> str:
    """Anchor of a document's article: ``doc-<id>``."""
    return f"doc-{css_name(doc_id)}"


def mention_anchor(doc_id: str, start: int, end: int) -> str:
    """Anchor of an entity mention in its document's text."""
    return f"m-{css_name(doc_id)}-{start}-{end}"


def quote_anchor(doc_id: Any, quote_id: Any) -> str:
    """Anchor of a quote in its document's text: ``q-<doc>-<quote id in the doc>``."""
    return f"q-{css_name(doc_id)}-{css_name(quote_id)}"


def spun_anchor(doc_id: str, start: int, end: int) -> str:
    """Anchor of a spun word in its document's text."""
    return f"spun-{css_name(doc_id)}-{start}-{end}"


def evidence_anchor(prefix: str, doc_id: str, start: int, end: int) -> str:
    """Anchor of an integrity evidence span (``mt``, ``oo``) in its document's text."""
    return f"{prefix}-{css_name(doc_id)}-{start}-{end}"


def passage_anchor(lineage: int, link: int, passage: int, side: str) -> str:
    """Anchor of one side (``a`` = copy, ``b`` = original) of a shared passage."""
    return f"p-{lineage}-{link}-{passage}-{side}"


def timeline_anchor(doc_id: Any, start: int, end: int) -> str:
    """Anchor of a timeline sentence in its document's text."""
    return f"tl-{css_name(doc_id)}-{start}-{end}"
