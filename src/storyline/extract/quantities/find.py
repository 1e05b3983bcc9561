"""Find number phrases in a parse: the core figure, its qualifier, range, unit and counted noun.

One left-to-right pass over the tokens (each token is looked at a bounded
number of times), tables from ``rules.py``. Offsets here are offsets into
the parsed text; the extractor maps them to the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from storyline.extract.quantities.rules import (
    FRACTIONS,
    SCALES,
    SMALL_NUMBERS,
    VAGUE_MULTIPLIERS,
    VAGUE_WORDS,
)

DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
NUMBER_WORDS = frozenset(SMALL_NUMBERS) | frozenset(SCALES) | frozenset(VAGUE_WORDS)
CONNECTORS = frozenset({"-", "and", "of", "a", "an"})
VAGUE_LEAD = {k[-1]: (k, v) for k, v in VAGUE_MULTIPLIERS.items()}


@dataclass
class Core:
    """A run of number tokens [i, j) and what it parses to."""

    i: int
    j: int
    value: float
    words: bool  # written (partly) in words
    vague_rule: str | None = None
    has_scale: float | None = None  # the last scale word >= 1000 ("million")
    digit_tokens: int = 0


@dataclass
class Found:
    """One quantity, in token indices and parse offsets, before it becomes a record."""

    start: int
    end: int
    first: int  # first token of the phrase
    last: int  # last token of the phrase (inclusive)
    value: float | None
    low: float | None
    high: float | None
    qualifier: str | None
    unit: str | None
    kind: str
    vague_rule: str | None
    pattern: str
    words: bool
    counts: tuple[int, int] | None = None  # token range [a, b) of the counted phrase
    per: tuple[int, int] | None = None
    anchor: int | None = None  # the token the phrase hangs on: counted noun, else the number
    extra: dict[str, Any] = field(default_factory=dict)


def lower(tok: Any) -> str:
    return tok.lower_


def starts_number(toks: list[Any], k: int) -> bool:
    """Whether a number core can begin at token k."""
    w = toks[k].lower_
    if DIGITS.match(w) or w in SMALL_NUMBERS or w in VAGUE_WORDS:
        return w not in ("tens", "scores") or (k + 1 < len(toks) and toks[k + 1].lower_ == "of")
    if w in ("a", "an") and k + 1 < len(toks):
        return (
            toks[k + 1].lower_ in SCALES
            or toks[k + 1].lower_ in FRACTIONS
            and _of_after(toks, k + 2)
        )
    if w in FRACTIONS:
        return _of_after(toks, k + 1)
    return w in SCALES and w not in ("bn", "mn", "mln")


def _of_after(toks: list[Any], k: int) -> bool:
    return k < len(toks) and toks[k].lower_ in ("of", "a", "an")


def read_core(toks: list[Any], i: int) -> Core | None:
    """The longest number run starting at i ("two and a half million", "tens of thousands")."""
    j = i
    n = len(toks)
    while j < n:
        w = toks[j].lower_
        if DIGITS.match(w) or w in NUMBER_WORDS or (w in FRACTIONS and j > i):
            j += 1
            continue
        if j == i and w in ("a", "an") or (w in FRACTIONS and j == i):
            j += 1
            continue
        if joins(toks, i, j):
            j += 1
        else:
            break
    while j > i and toks[j - 1].lower_ in CONNECTORS:
        j -= 1
    if j == i:
        return None
    return parse_core(toks, i, j)


def joins(toks: list[Any], i: int, j: int) -> bool:
    """Whether token j joins number words inside one figure ("twenty-five",
    "three hundred and fifty", "two and a half", "half a million", "tens of thousands")."""
    n = len(toks)
    w = toks[j].lower_
    nxt = toks[j + 1].lower_ if j + 1 < n else ""
    prev = toks[j - 1].lower_ if j > i else ""
    if w == "-":
        return prev in SMALL_NUMBERS and (nxt in SMALL_NUMBERS or nxt in FRACTIONS)
    if w == "and":
        if prev in SCALES and nxt in SMALL_NUMBERS:
            return True
        return nxt in ("a", "an") and j + 2 < n and toks[j + 2].lower_ in FRACTIONS
    if w in ("a", "an"):
        return (prev in FRACTIONS and nxt in SCALES) or (prev == "and" and nxt in FRACTIONS)
    return w == "of" and prev in VAGUE_WORDS and nxt in VAGUE_WORDS


def parse_core(toks: list[Any], i: int, j: int) -> Core | None:
    """The value of tokens [i, j); None when they are not one number (two digit runs)."""
    total = 0.0
    current: float | None = None
    vague: list[str] = []
    vague_value = 1.0
    words = False
    add_fraction = False
    last_scale: float | None = None
    digit_tokens = 0
    prev_digit = False
    for k in range(i, j):
        w = toks[k].lower_
        if DIGITS.match(w):
            if prev_digit:
                return None  # "29 123 45": an identifier or phone number
            digit_tokens += 1
            current = (current or 0.0) + float(w.replace(",", ""))
            prev_digit = True
            continue
        prev_digit = False
        if w in ("-", "of"):
            continue
        if w == "and":
            add_fraction = True
            continue
        words = True
        if w in ("a", "an"):
            if current is None:
                current = 1.0
            continue
        if w in SMALL_NUMBERS:
            current = (current or 0.0) + SMALL_NUMBERS[w]
        elif w in FRACTIONS:
            f = FRACTIONS[w]
            if add_fraction and current is not None:
                current += f  # "two and a half"
            else:
                current = (current if current is not None else 1.0) * f  # "two-thirds"
        elif w in SCALES:
            scale = SCALES[w]
            current = (current if current is not None else 1.0) * scale
            if scale >= 1000:
                total += current
                current = None
                last_scale = scale
        elif w in VAGUE_WORDS:
            vague.append(VAGUE_WORDS[w].rule)
            vague_value *= VAGUE_WORDS[w].value
        add_fraction = False
    value = total + (current or 0.0)
    rule = None
    if vague:
        value = vague_value * (value or 1.0)
        rule = vague[0]
        if len(vague) > 1:  # "tens of thousands"
            phrase = " ".join(toks[k].lower_ for k in range(i, j))
            rule = f"ACLED convention (smallest amount): {phrase} = {value:,.0f}"
    return Core(i, j, value, words, rule, last_scale, digit_tokens)


def match_before(
    toks: list[Any], k: int, table: dict[tuple[str, ...], Any], longest: int
) -> tuple[int, Any] | None:
    """The longest table phrase ending just before token k: (its first token, row)."""
    for size in range(min(longest, k), 0, -1):
        key = tuple(toks[m].lower_ for m in range(k - size, k))
        if key in table:
            return k - size, table[key]
    return None


def match_after(
    toks: list[Any], k: int, table: dict[tuple[str, ...], Any], longest: int
) -> tuple[int, Any] | None:
    """The longest table phrase starting at token k: (one past its last token, row)."""
    for size in range(min(longest, len(toks) - k), 0, -1):
        key = tuple(toks[m].lower_ for m in range(k, k + size))
        if key in table:
            return k + size, table[key]
    return None
