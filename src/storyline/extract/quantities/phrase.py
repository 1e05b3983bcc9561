"""Grow a number core into a quantity phrase: exclusions, qualifier, range, unit, counted noun."""

from __future__ import annotations

from typing import Any

from storyline.extract.quantities.find import (
    YEAR,
    Core,
    Found,
    match_after,
    match_before,
    read_core,
    starts_number,
)
from storyline.extract.quantities.rules import (
    AGE_BEFORE,
    CURRENCY_BEFORE,
    IDENTIFIER_BEFORE,
    NAME_LABELS,
    ONE_NOT_AMOUNT_AFTER,
    PER_WORDS,
    QUALIFIER_MAX_TOKENS,
    QUALIFIERS_AFTER,
    QUALIFIERS_BEFORE,
    RANGE_JOINERS,
    RATE_BASES,
    TIME_AFTER,
    UNIT_MAX_TOKENS,
    UNITS_AFTER,
    VAGUE_MULTIPLIERS,
)

NOUNS = frozenset({"NOUN", "PROPN"})
COUNTED_MODIFIERS = frozenset({"amod", "compound", "nmod", "advmod", "punct", "npadvmod"})


def scan(toks: list[Any]) -> list[Found]:
    """Every quantity phrase of a token list, left to right, not overlapping."""
    out: list[Found] = []
    k = 0
    n = len(toks)
    while k < n:
        if toks[k].is_space or not starts_number(toks, k):
            k += 1
            continue
        core = read_core(toks, k)
        if core is None:
            k += 1
            continue
        found = grow(toks, core)
        if found is None:
            k = core.j
            continue
        if out and found.first <= out[-1].last:
            found.first = out[-1].last + 1  # never overlap the previous phrase
        out.append(found)
        k = max(found.last + 1, core.j)
    return out


def excluded(toks: list[Any], core: Core) -> bool:
    """Years, ages, clock times, identifiers, list numbers and "one" as a pronoun."""
    i, j = core.i, core.j
    first, last = toks[i], toks[j - 1]
    prev = toks[i - 1].lower_ if i > 0 else ""
    after = "".join(t.lower_ for t in toks[j : j + 4])
    prev2 = toks[i - 2].lower_ if i > 1 else ""
    if prev in AGE_BEFORE or after.startswith(("-year-old", "year-old", "yearsold", "-years-old")):
        return True
    if prev == "of" and prev2 in AGE_BEFORE:  # "under the age of five"
        return True
    if after.startswith(tuple(TIME_AFTER)) and j < len(toks) and toks[j].lower_ in TIME_AFTER:
        return True
    if prev in IDENTIFIER_BEFORE or (i > 0 and toks[i - 1].pos_ == "PROPN" and core.digit_tokens):
        return True
    if first.is_sent_start and j < len(toks) and toks[j].text in (".", ")", ":"):
        return True  # list numbering "1." / "2)"
    if core.words and j - i == 1 and first.lower_ == "one":
        nxt = toks[j].lower_ if j < len(toks) else ""
        if first.dep_ != "nummod" or nxt in ONE_NOT_AMOUNT_AFTER:
            return True  # "one of them", "one such battalion", "one more time"
    if in_name(toks, core):
        return True
    return bool(j - i == 1 and core.digit_tokens and YEAR.match(last.text))


def in_name(toks: list[Any], core: Core) -> bool:
    """A number that is part of a name ("Cargo 200", "Apollo 11", "Boeing 737",
    "Group of Seven"): it hangs on a proper noun before it, a named entity starts
    with a word before it, or it is a capitalised number word inside a sentence."""
    tok = toks[core.i]
    capitalised = core.words and tok.is_title and not tok.is_sent_start
    if capitalised and core.i > 0 and toks[core.i - 1].is_alpha:  # "the Group of Seven"
        return True
    head = tok.head
    # right after it: "LSD = 7.01" or "p < 0.01" states a value of a name
    if head.i == tok.i - 1 and head.pos_ == "PROPN" and tok.dep_ in ("nummod", "compound", "appos"):
        return True
    if tok.ent_type_ in NAME_LABELS and tok.ent_iob_ == "I":
        k = tok.i - 1
        while k >= 0 and toks[k].ent_iob_ == "I":
            k -= 1
        return k >= 0 and any(toks[m].is_alpha for m in range(k, tok.i))
    return False


def names_someone(toks: list[Any], found: Found) -> bool:
    """A lone "one" that introduces a named individual ("one Reddit user Aspos",
    "one resident, Anna, said"): a reference to a person, not an amount."""
    if found.counts is None or found.value != 1 or found.qualifier or found.unit:
        return False
    head = toks[phrase_head(toks, found.counts)]
    if head.head.i > head.i and head.head.pos_ == "PROPN" and head.dep_ in ("compound", "nmod"):
        return True
    return any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in head.children)


def grow(toks: list[Any], core: Core) -> Found | None:
    """The quantity phrase around ``core``, or None when it is not an amount."""
    if excluded(toks, core):
        return None
    first = core.i
    qual: Any = None
    hit = match_before(toks, first, QUALIFIERS_BEFORE, QUALIFIER_MAX_TOKENS)
    currency = None
    if hit is None and first > 0 and toks[first - 1].lower_ in CURRENCY_BEFORE:
        currency = CURRENCY_BEFORE[toks[first - 1].lower_]
        first -= 1
        hit = match_before(toks, first, QUALIFIERS_BEFORE, QUALIFIER_MAX_TOKENS)
    lead = (
        match_before(toks, core.i, VAGUE_MULTIPLIERS, 2)
        if core.has_scale or _hundred(toks, core)
        else None
    )
    if lead is not None:  # "several hundred"
        first = lead[0]
        core.value *= lead[1].value
        core.vague_rule = lead[1].rule
        core.words = True
        hit = match_before(toks, first, QUALIFIERS_BEFORE, QUALIFIER_MAX_TOKENS)
    if hit is not None:
        qfirst, qual = hit
    # A range "10 to 15", "between 10 and 15", "two or three".
    core2 = _range_end(toks, core, qual)
    low = high = None
    value: float | None = core.value
    end_tok = core.j
    pattern = "vague" if core.vague_rule else ("words" if core.words else "digits")
    if core2 is not None:
        v1 = core.value
        if core2.has_scale and not core.has_scale and v1 < core2.has_scale:
            v1 *= core2.has_scale  # "10 to 15 million"
        if v1 >= core2.value:
            return None  # "3-1": a score or an identifier, not a range
        low, high, value, end_tok = v1, core2.value, None, core2.j
        pattern = "range"
        if qual is None or qual.bound != "range":
            qual = None
    elif qual is not None and qual.bound == "range":
        qual = None  # "from 500": no range follows
    if qual is not None:
        first = min(first, qfirst)
        if qual.bound == "low":
            low = value
        elif qual.bound == "high":
            high = value
    after = match_after(toks, end_tok, QUALIFIERS_AFTER, 2)
    if after is not None and qual is None:
        end_tok, qual = after
        low = value if qual.bound == "low" else low
    u = match_after(
        toks,
        end_tok + (1 if end_tok < len(toks) and toks[end_tok].text == "-" else 0),
        UNITS_AFTER,
        UNIT_MAX_TOKENS,
    )
    kind = "count"
    unit_name = currency
    if u is not None and not (u[1].name == "lb" and currency):
        end_tok, row = u
        unit_name, kind = row.name, row.kind
    elif currency is not None:
        kind = "money"
    elif value is not None and value < 1 and core.words:
        kind = "fraction"
    last = end_tok - 1
    found = Found(
        start=toks[first].idx,
        end=toks[last].idx + len(toks[last].text),
        first=first,
        last=last,
        value=value,
        low=low,
        high=high,
        qualifier=qual.norm if qual is not None else None,
        unit=unit_name,
        kind=kind,
        vague_rule=core.vague_rule,
        pattern=pattern if currency is None else pattern + "+currency",
        words=core.words,
    )
    number = _number_token(toks, core, core2, end_tok)
    found.anchor = number
    if kind in ("count", "fraction", "percent"):  # "13 percent of Belarusians"
        found.counts = counted(toks, number, end_tok)
        if found.counts is not None:
            found.anchor = phrase_head(toks, found.counts)
        if core.words and names_someone(toks, found):
            return None
    found.per = per_base(toks, found)
    return found


def _number_token(toks: list[Any], core: Core, core2: Core | None, end_tok: int) -> int:
    """The token of the figure that the parse attaches to the counted noun: the
    rightmost one whose head lies after the phrase (ranges attach either end)."""
    tokens = list(range(core.i, core.j)) + (list(range(core2.i, core2.j)) if core2 else [])
    for k in reversed(tokens):
        if toks[k].head.i >= end_tok and toks[k].head.pos_ in NOUNS:
            return k
    return tokens[-1]


def _hundred(toks: list[Any], core: Core) -> bool:
    return toks[core.i].lower_ in ("hundred", "dozen")


def _range_end(toks: list[Any], core: Core, qual: Any) -> Core | None:
    j = core.j
    if j + 1 >= len(toks):
        return None
    w = toks[j].lower_
    if w not in RANGE_JOINERS or (w == "and" and (qual is None or qual.norm != "between")):
        return None
    if w == "to" and qual is not None and qual.norm == "up to":
        return None
    if not starts_number(toks, j + 1):
        return None
    core2 = read_core(toks, j + 1)
    if core2 is None or core2.vague_rule:
        return None
    return core2


def counted(toks: list[Any], num: int, end_tok: int) -> tuple[int, int] | None:
    """Token range of the noun phrase the number counts ("tactical battalions",
    "acts of sabotage"), from the parse: the noun the number modifies, or the
    object of "of" after it ("dozens of people", "500 of the soldiers")."""
    tok = toks[num]
    head = None
    if tok.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and tok.head.i >= end_tok:
        head = tok.head
        while (
            head.dep_ in ("nummod", "quantmod", "compound")
            and head.head.i > head.i
            and head.pos_ not in NOUNS
        ):
            head = head.head
    if head is None or head.pos_ not in NOUNS:
        if end_tok < len(toks) and toks[end_tok].lower_ == "of":
            objs = [c for c in toks[end_tok].children if c.dep_ == "pobj"]
            if objs and objs[0].pos_ in NOUNS:
                head = objs[0]
        if head is None or head.pos_ not in NOUNS:
            return None
    a = head.i
    while a - 1 >= end_tok and _modifies(toks[a - 1], head):
        a -= 1
    while a < head.i and (toks[a].dep_ in ("det", "poss", "case") or toks[a].lower_ == "of"):
        a += 1
    b = head.i + 1
    of = [c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of" and c.i == head.i + 1]
    if of:
        objs = [c for c in of[0].children if c.dep_ == "pobj"]
        if objs and objs[0].pos_ in NOUNS and not _determined(objs[0]):
            b = objs[0].i + 1  # "acts of sabotage"
    return a, b


def phrase_head(toks: list[Any], rng: tuple[int, int]) -> int:
    """The token of ``[a, b)`` whose head lies outside it (the phrase's head)."""
    for k in range(rng[0], rng[1]):
        h = toks[k].head.i
        if h < rng[0] or h >= rng[1] or h == k:
            return k
    return rng[1] - 1


def _modifies(tok: Any, head: Any) -> bool:
    """Whether ``tok`` is a left modifier inside the counted phrase of ``head``."""
    if tok.dep_ not in COUNTED_MODIFIERS or tok.like_num:
        return False
    node = tok
    for _ in range(3):
        if node.head.i == head.i:
            return True
        node = node.head
    return False


def _determined(tok: Any) -> bool:
    """A noun with a determiner, possessive or number of its own ("of the city", "of 800 men")."""
    return any(c.dep_ in ("det", "poss", "nummod") for c in tok.lefts) or tok.pos_ == "PRON"


def per_base(toks: list[Any], found: Found) -> tuple[int, int] | None:
    """What the figure is per: "a day" / "per soldier" after it, or, with "each",
    the noun whose "of" phrase holds it ("battalions of up to 800 men each")."""
    k = found.counts[1] if found.counts else found.last + 1
    if k >= len(toks):
        return None
    w = toks[k].lower_
    if w not in PER_WORDS:
        return None
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if (
        nxt is not None
        and nxt.pos_ == "NOUN"
        and (w not in ("a", "an") or nxt.lemma_.lower() in RATE_BASES)
    ):
        return nxt.i, nxt.i + 1
    if w == "each" and found.counts:
        head = toks[found.counts[1] - 1]
        while head.dep_ != "pobj" and head.head.i != head.i and head.i >= found.counts[0]:
            head = head.head
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ in NOUNS:
            outer = head.head.head
            return outer.i, outer.i + 1
    return None
