"""Full-text search over the workspace: forgiving by default, bounded in cost.

Plain queries search words as text: each word or ``"quoted phrase"`` becomes
an FTS5 phrase of its own (so ``Lukashenko's``, ``de-blockade`` and
``20,000`` are text, not syntax), joined by AND; a trailing ``*`` asks for a
prefix. The FTS5 syntax itself (``NEAR(a b, 10)``, ``OR``, ``NOT``, column
filters) is used only when asked for (``advanced=True`` or a leading
``fts:``), and its syntax errors become a one-line hint, never SQLite's text.

An FTS5 query is user input that SQLite runs as given: ``'a* '*300`` expands
each short prefix to thousands of terms and merged ANDs of them ran for
minutes. So the query is refused before it runs when it is too long or has
too many prefix terms, and a running query is stopped (SQLite progress
handler) when it passes a time limit; each refusal is one line saying what to
change. ``limit`` is validated too: SQLite takes a 64-bit integer and reads a
negative one as "no limit".
"""

from __future__ import annotations

import re
import sqlite3
import time
from typing import Any

from storyline.store.errors import SearchError

#: Most hits one search returns (``--limit``).
MAX_LIMIT = 10_000
#: Longest query, in characters.
MAX_QUERY_CHARS = 1_000
#: Most prefix terms (``word*``) in one query; each expands to every indexed word it begins.
MAX_PREFIX_TERMS = 8
#: Seconds a query may run before it is stopped.
DEFAULT_TIME_LIMIT = 10.0
#: A query starting with this is FTS5 syntax, as with ``advanced=True``.
ADVANCED_PREFIX = "fts:"
#: SQLite virtual-machine steps between two looks at the clock.
_CHECK_EVERY = 1_000
#: Where SQLite's snippet marks a match (characters no article text should hold).
_OPEN, _CLOSE = "\ue000", "\ue001"

_SNIPPET = "snippet(documents_fts, {col}, '\ue000', '\ue001', '…', 16)"
SEARCH_SQL = (
    "SELECT d.id, COALESCE(a.title, d.title), COALESCE(a.outlet, d.outlet),"
    " COALESCE(a.published, d.published),"
    " (SELECT s.source FROM document_sources s WHERE s.doc_id = d.id"
    "  ORDER BY s.first_seen, s.source LIMIT 1),"
    f" {_SNIPPET.format(col=1)}, {_SNIPPET.format(col=2)}"
    " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
    " LEFT JOIN analyses a ON a.doc_id = d.id"
    " WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?"
)

#: A quoted phrase (closing quote optional) or a run of other non-space characters.
_TOKEN = re.compile(r'"([^"]*)"?|([^\s"]+)')
#: An English possessive ending: ``Lukashenko's`` searches ``Lukashenko``
#: (which also matches ``Lukashenko's``: the tokenizer splits off the ``s``).
_POSSESSIVE = re.compile(r"(?<=\w)['\u2019][sS]?$")
_WORDISH = re.compile(r"\w")
#: Words that are operators in advanced syntax but plain words here.
OPERATOR_WORDS = frozenset({"AND", "OR", "NOT", "NEAR"})


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def plain_match(query: str) -> str:
    """The FTS5 MATCH expression for a plain query: every word or quoted phrase
    a phrase of its own, all required. Raises ``SearchError`` if nothing in the
    query is a word."""
    parts: list[str] = []
    for m in _TOKEN.finditer(query):
        phrase, word = m.group(1), m.group(2)
        if phrase is not None:
            if _WORDISH.search(phrase):
                parts.append(_phrase(phrase))
            continue
        prefix = word.endswith("*")
        word = _POSSESSIVE.sub("", word.rstrip("*"))
        if not _WORDISH.search(word):
            continue
        parts.append(_phrase(word) + ("*" if prefix else ""))
    if not parts:
        raise SearchError(f"nothing to search in {query!r}; give at least one word or number")
    return " ".join(parts)


def operators_in(query: str) -> list[str]:
    """Advanced-syntax operators a plain query holds (searched as words there)."""
    words = re.findall(r"NEAR(?=\()|\b[A-Z]+\b", query)
    return sorted({w for w in words if w in OPERATOR_WORDS})


def match_expression(query: str, advanced: bool = False) -> tuple[str, bool]:
    """(MATCH expression, advanced?) for a user's query."""
    stripped = query.strip()
    if stripped.lower().startswith(ADVANCED_PREFIX):
        return stripped[len(ADVANCED_PREFIX) :].strip(), True
    if advanced:
        return stripped, True
    return plain_match(stripped), False


def syntax_hint(message: str, match: str = "") -> str:
    """One line saying how to fix an advanced query SQLite refused (``message``
    is SQLite's, which is never shown as such; ``match`` the query it ran)."""
    if match.count("(") != match.count(")"):
        return "brackets do not pair up; write NEAR(word word, 10) with both brackets"
    if "unterminated string" in message:
        return 'a double quote is not closed; every " needs its partner'
    if "no such column" in message:
        return (
            "a word before ':' or after '-' reads as a column name; put the word in double "
            'quotes ("de-blockade"); the columns are title, text and repaired'
        )
    return (
        'quote words with punctuation ("Lukashenko\'s", "20,000"); operators are AND, OR, '
        "NOT in capitals, NEAR(word word, 10), word* for a prefix; or search plain text "
        "without --advanced / fts:"
    )


def check_search(
    query: str,
    limit: int,
    *,
    max_chars: int = MAX_QUERY_CHARS,
    max_prefix_terms: int = MAX_PREFIX_TERMS,
) -> None:
    """Refuse a limit or query whose cost is unbounded, before SQLite sees it."""
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise SearchError(f"--limit must be a whole number from 1 to {MAX_LIMIT:,}, not {limit!r}")
    if not query.strip():
        raise SearchError("empty search query; give at least one word")
    if len(query) > max_chars:
        raise SearchError(
            f"search query too long: {len(query):,} characters, at most {max_chars:,}"
        )
    prefixes = query.count("*")
    if prefixes > max_prefix_terms:
        raise SearchError(
            f"query too expensive: {prefixes} prefix terms (word*), at most {max_prefix_terms}; "
            "use fewer prefix terms or whole words"
        )


def find(
    db: sqlite3.Connection, query: str, limit: int, time_limit: float, advanced: bool
) -> list[dict[str, Any]]:
    """Run a checked user query (plain, or advanced FTS5 syntax); bad advanced
    syntax raises ``SearchError`` with a one-line hint."""
    match, is_advanced = match_expression(query, advanced)
    if not match:
        raise SearchError("empty search query; give at least one word")
    try:
        return run_search(db, match, limit, time_limit)
    except sqlite3.OperationalError as exc:
        if not is_advanced:  # a plain query is built to be valid; say so if not
            raise SearchError(f"search failed for {query!r}; please report this") from exc
        hint = syntax_hint(str(exc), match)
        raise SearchError(f"bad search query {query!r}: {hint}") from exc


def run_search(
    db: sqlite3.Connection, match: str, limit: int, time_limit: float = DEFAULT_TIME_LIMIT
) -> list[dict[str, Any]]:
    """Run a checked MATCH expression, stopping it after ``time_limit`` seconds.

    Raises ``SearchError`` for a stopped query and ``sqlite3.OperationalError``
    for bad FTS5 syntax (the caller words that one).
    """
    if not time_limit >= 0:
        raise SearchError(f"the time limit must be 0 seconds or more, not {time_limit!r}")
    deadline = time.monotonic() + time_limit
    db.set_progress_handler(lambda: time.monotonic() > deadline, _CHECK_EVERY)
    try:
        rows = db.execute(SEARCH_SQL, (match, limit)).fetchall()
    except sqlite3.OperationalError as exc:
        if "interrupted" not in str(exc):
            raise
        raise SearchError(
            f"query too expensive: stopped after {time_limit:g} s; "
            "use fewer prefix terms, longer prefixes (evacuat*, not e*) or more exact words"
        ) from exc
    finally:
        db.set_progress_handler(None, 0)
    return [_hit(r) for r in rows]


def _hit(row: tuple[Any, ...]) -> dict[str, Any]:
    """A hit as the API gives it: the snippet from the original text where it
    matched, else from the repaired reading, else (a title match) the text's start."""
    doc_id, title, outlet, published, source, text_snip, repaired_snip = row
    if _OPEN in (text_snip or ""):
        snip, matched = text_snip, "text"
    elif _OPEN in (repaired_snip or ""):
        snip, matched = repaired_snip, "repaired"
    else:
        snip, matched = text_snip or "", "title"
    snippet, highlights = split_marks(snip)
    return {
        "id": doc_id,
        "title": title,
        "outlet": outlet,
        "published": published,
        "file": source,
        "matched": matched,
        "snippet": snippet,
        "highlights": highlights,
    }


def split_marks(marked: str) -> tuple[str, list[list[int]]]:
    """(text without the match marks, [start, end] of each marked match in it)."""
    out: list[str] = []
    spans: list[list[int]] = []
    pos = 0
    start: int | None = None
    for ch in marked:
        if ch == _OPEN:
            start = pos
        elif ch == _CLOSE and start is not None:
            spans.append([start, pos])
            start = None
        else:
            out.append(ch)
            pos += 1
    return "".join(out), spans
