"""Skip a regular expression over a text it cannot match, with a substring test.

The cue tables (translation calques, outlet attributions) are regexes that
mostly start with ``\\b`` or a character class, so ``re`` tries them at every
position of every document, and most documents contain none of them.
``required_literals`` reads a compiled pattern's parse tree and returns sets
of literal strings such that every match contains one string of each set;
``str.__contains__`` finds (or rules out) those far faster than the regex
engine scans. The
result of a scan never changes: a text without any of the literals has no
match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

#: Literals shorter than this filter too little to be worth a look-up.
MIN_LITERAL = 3

#: Literals of which a match contains at least one.
Needles = tuple[str, ...]


def _strength(needles: Needles) -> tuple[int, int]:
    return (min(len(n) for n in needles), -len(needles))


def _required(items: Any) -> list[Needles]:
    """Sets of literals (any one of which suffices) that a match of the
    parsed sequence ``items`` must contain."""
    out: list[Needles] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.append(("".join(run),))
            run.clear()

    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        flush()  # anything else ends a run of adjacent literal characters
        if op is sre.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            if not add_flags & re.IGNORECASE:
                out.extend(_required(sub))
        elif op is sre.BRANCH:
            alternatives: list[str] = []
            for branch in av[1]:
                found = _required(branch)
                if not found:  # a branch without literals: nothing is required
                    alternatives = []
                    break
                alternatives.extend(max(found, key=_strength))
            if alternatives:
                out.append(tuple(dict.fromkeys(alternatives)))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, _high, sub = av
            if low >= 1:
                out.extend(_required(sub))
        # AT, IN, ANY, CATEGORY, lookarounds, group references: no literal required
    flush()
    return out


@lru_cache(maxsize=1024)
def required_literals(pattern: re.Pattern[str]) -> tuple[Needles, ...]:
    """Sets of literals such that every text ``pattern`` matches contains one
    literal of each set, strongest first; empty when none can be read off
    (case-insensitive patterns, bytes, literals under ``MIN_LITERAL``)."""
    if not isinstance(pattern.pattern, str) or pattern.flags & re.IGNORECASE:
        return ()
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    if parsed.state.flags & re.IGNORECASE:  # an inline (?i)
        return ()
    found = [n for n in _required(parsed) if min(len(x) for x in n) >= MIN_LITERAL]
    return tuple(sorted(dict.fromkeys(found), key=_strength, reverse=True))


def may_match(pattern: re.Pattern[str], text: str) -> bool:
    """False only when ``pattern`` cannot match anywhere in ``text``."""
    return all(any(n in text for n in needles) for needles in required_literals(pattern))


def finditer(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, without the scan when it cannot match."""
    return pattern.finditer(text) if may_match(pattern, text) else iter(())
