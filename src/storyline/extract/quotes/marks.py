"""Quotation marks: where the quoted passages of a text are.

Per paragraph, double marks (curly, straight, guillemets) are paired into
quotations, a quotation that runs on over several paragraphs (an opening mark
on each, a closing mark only at the end) is one quotation, and single marks
give nested or headline quotes. Works on the text alone, before any parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from storyline.extract.quotes import rules as R


@dataclass
class Group:
    """One quotation: its fragments (marks included), in doc-text offsets."""

    frags: list[tuple[int, int]]
    single: bool = False
    cue: Any = None  # spaCy token
    kind: str = "direct"
    content: list[tuple[int, int]] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.frags[0][0]

    @property
    def end(self) -> int:
        return self.frags[-1][1]

    def n_words(self, text: str) -> int:
        return sum(len(text[s:e].split()) for s, e in self.frags)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end) with surrounding whitespace trimmed."""
    out = []
    pos = 0
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        stripped = line.strip()
        if not stripped:
            continue
        s += len(line) - len(line.lstrip())
        e -= len(line) - len(line.rstrip())
        out.append((s, e))
    return out


def is_opening(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return (prev.isspace() or prev in "([{:\u2014\u2013-/") and not nxt.isspace()


def double_mark(text: str, i: int) -> int:
    """Length of an ambiguous double mark at ``i``: ``"`` or NYT-style ``''`` (0: none)."""
    c = text[i]
    if c in R.AMBIGUOUS_DOUBLE:
        return 1
    if c == "'" and text[i + 1 : i + 2] == "'" and text[i - 1 : i] != "'":
        return 2
    return 0


def _char_class(chars: frozenset[str] | str) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


# The scans below jump from mark to mark: every other character is skipped
# by the per-character tests anyway, and a Python loop over each character
# of a long text is slow.
_DOUBLE_MARKS = _char_class(R.OPEN_DOUBLE | R.CLOSE_DOUBLE | R.AMBIGUOUS_DOUBLE | {"'"})
_SINGLE_OPEN = _char_class(R.OPEN_SINGLE | R.AMBIGUOUS_SINGLE)
_SINGLE_CLOSE = _char_class(R.CLOSE_SINGLE | R.AMBIGUOUS_SINGLE)


def scan_double(text: str, s: int, e: int) -> tuple[list[tuple[int, int]], int | None]:
    """Closed double-quoted segments in text[s:e] and an unclosed opening, if any."""
    segs: list[tuple[int, int]] = []
    open_at: int | None = None
    i = s
    for m in _DOUBLE_MARKS.finditer(text, s, e):
        if m.start() < i:
            continue  # the second mark of a ''
        i = m.start()
        c = text[i]
        if c in R.OPEN_DOUBLE:
            if open_at is None:
                open_at = i
        elif c in R.CLOSE_DOUBLE:
            if open_at is not None:
                segs.append((open_at, i + 1))
                open_at = None
        else:
            n = double_mark(text, i)
            if n:
                if open_at is None:
                    prev = text[i - 1] if i > 0 else " "
                    nxt = text[i + n] if i + n < len(text) else " "
                    opening = (prev.isspace() or prev in "([{:\u2014\u2013-/") and not nxt.isspace()
                    if opening or i == s:
                        open_at = i
                else:
                    segs.append((open_at, i + n))
                    open_at = None
                i += n
    return segs, open_at


def scan_single(text: str, s: int, e: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """'...' / ‘...’ segments outside double quotes (headlines, British style)."""

    def free(i: int) -> bool:
        return not any(a <= i < b for a, b in taken)

    segs = []
    i = s
    while True:
        m = _SINGLE_OPEN.search(text, i, e)
        if m is None:
            break
        i = m.start()
        if free(i) and is_opening(text, i):
            j = i + 1
            while True:
                c = _SINGLE_CLOSE.search(text, j, e)
                if c is None:
                    j = e
                    break
                j = c.start()
                after = text[j + 1] if j + 1 < len(text) else " "
                if not text[j - 1].isspace() and not after.isalnum():
                    break
                j += 1
            if j < e and free(j):
                segs.append((i, j + 1))
                i = j + 1
                continue
        i += 1
    return segs


def find_groups(text: str, paras: list[tuple[int, int]]) -> list[Group]:
    groups: list[Group] = []
    pending: Group | None = None  # a quote still open at the end of a paragraph
    for k, (s, e) in enumerate(paras):
        segs, open_at = scan_double(text, s, e)
        if pending is not None:
            first = text[s] if s < e else ""
            if first in R.OPEN_DOUBLE or (s < e and double_mark(text, s)):
                # Continuation paragraph: it opens again; close at its first closing mark.
                if segs and segs[0][0] == s:
                    pending.frags.append(segs[0])
                    groups.append(pending)
                    pending = None
                    segs = segs[1:]
                elif not segs and open_at == s:
                    pending.frags.append((s, e))
                    open_at = None
                    if not continues(text, paras, k):
                        groups.append(pending)
                        pending = None
                    else:
                        continue
                else:
                    groups.append(pending)
                    pending = None
            else:
                groups.append(pending)
                pending = None
        for seg in segs:
            groups.append(Group([seg]))
        if open_at is not None:
            g = Group([(open_at, e)])
            if continues(text, paras, k):
                pending = g
            else:
                groups.append(g)
        taken = [f for g in groups for f in g.frags] + ([] if pending is None else pending.frags)
        for seg in scan_single(text, s, e, taken):
            groups.append(Group([seg], single=True))
    if pending is not None:
        groups.append(pending)
    groups.sort(key=lambda g: g.start)
    return groups


def continues(text: str, paras: list[tuple[int, int]], k: int) -> bool:
    if k + 1 >= len(paras):
        return False
    c = text[paras[k + 1][0]]
    return c in R.OPEN_DOUBLE or bool(double_mark(text, paras[k + 1][0]))
