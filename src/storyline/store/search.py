"""Full-text search over the workspace, with every cost a user controls bounded.

An FTS5 query is user input that SQLite runs as given: ``'a* '*300`` expands
each short prefix to thousands of terms and merged ANDs of them ran for
minutes. So the query is refused before it runs when it is too long or has
too many prefix terms, and a running query is stopped (SQLite progress
handler) when it passes a time limit; each refusal is one line saying what to
change. ``limit`` is validated too: SQLite takes a 64-bit integer and reads a
negative one as "no limit".
"""

from __future__ import annotations

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
#: SQLite virtual-machine steps between two looks at the clock.
_CHECK_EVERY = 1_000

SEARCH_SQL = (
    "SELECT d.id, d.title, snippet(documents_fts, 1, '[', ']', '…', 12)"
    " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
    " WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?"
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


def run_search(
    db: sqlite3.Connection, query: str, limit: int, time_limit: float = DEFAULT_TIME_LIMIT
) -> list[dict[str, Any]]:
    """Run a checked query, stopping it after ``time_limit`` seconds.

    Raises ``SearchError`` for a stopped query and ``sqlite3.OperationalError``
    for bad FTS5 syntax (the caller words that one).
    """
    if not time_limit >= 0:
        raise SearchError(f"the time limit must be 0 seconds or more, not {time_limit!r}")
    deadline = time.monotonic() + time_limit
    db.set_progress_handler(lambda: time.monotonic() > deadline, _CHECK_EVERY)
    try:
        rows = db.execute(SEARCH_SQL, (query, limit)).fetchall()
    except sqlite3.OperationalError as exc:
        if "interrupted" not in str(exc):
            raise
        raise SearchError(
            f"query too expensive: stopped after {time_limit:g} s; "
            "use fewer prefix terms, longer prefixes (evacuat*, not e*) or more exact words"
        ) from exc
    finally:
        db.set_progress_handler(None, 0)
    return [{"id": r[0], "title": r[1], "snippet": r[2]} for r in rows]
