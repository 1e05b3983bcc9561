"""Which time rules can match a text at all, read off each rule's regex.

Every rule's pattern is scanned over the whole text, and the scan costs the
same whether the text has a month name or not: 48 rules were the extractor's
largest cost. For each pattern this module finds a set of literal strings
such that every match contains one of them (``needed``: "january", "jan", …
for a month rule); a rule none of whose strings occurs in the text is not
scanned. The answer is the same as scanning: a match would contain one of the
strings, so without them there is no match.

The set is read from the parsed pattern (``re._parser``, CPython's own
parser): a literal run is needed; a group needs what its sequence needs; an
alternation needs one of what each branch needs (nothing, if one branch
needs nothing); a repeat at least once needs what its body needs; anything
else (classes, optional parts, look-arounds) needs nothing. Of a sequence's
needs the one with the longest shortest string is kept (the most selective).
When the parser is not there, every rule is scanned.
"""

from __future__ import annotations

from typing import Any

try:  # CPython 3.11+: the parser ``re`` itself uses
    from re import _constants as C
    from re import _parser as P
except ImportError:  # pragma: no cover - another Python: no prefilter
    C = P = None  # type: ignore[assignment]

Needs = frozenset[str] | None


def needed(pattern: str) -> Needs:
    """Strings one of which every match of ``pattern`` contains (None: no such set known)."""
    if P is None:
        return None
    try:
        tree = P.parse(pattern)
    except Exception:  # noqa: BLE001 - an unreadable pattern simply gets no prefilter
        return None
    return _sequence(list(tree))


def can_match(needs: Needs, text: str) -> bool:
    """False only when none of ``needs`` occurs in ``text`` (so the rule cannot match)."""
    return needs is None or any(s in text for s in needs)


def _sequence(items: list[tuple[Any, Any]]) -> Needs:
    best: Needs = None
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        if run:
            best = _better(best, frozenset({"".join(run)}))
            run = []
        if op is not None:
            best = _better(best, _node(op, av))
    return best


def _node(op: Any, av: Any) -> Needs:
    if op is C.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is C.ATOMIC_GROUP:
        return _sequence(list(av))
    if op is C.BRANCH:
        branches = [_sequence(list(b)) for b in av[1]]
        if not branches or any(b is None for b in branches):
            return None
        return frozenset().union(*branches)  # type: ignore[arg-type]
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _, body = av
        return _sequence(list(body)) if low >= 1 else None
    return None


def _better(a: Needs, b: Needs) -> Needs:
    """The more selective of two needs: longer shortest string, then fewer strings."""
    if not b:
        return a
    if not a:
        return b
    key_a = (min(map(len, a)), -len(a))
    key_b = (min(map(len, b)), -len(b))
    return b if key_b > key_a else a
