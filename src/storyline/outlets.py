"""Known news outlets: names, web domains and other name forms, as one table.

The table is ``outlets.tsv`` beside this module (canonical name, domains,
aliases, literal English renderings of a non-English name). It lets every
stage agree that "VOA", "Voice of America" and a story on voanews.com are one
outlet, so a story on its own outlet's site is not a copy of that outlet, and
it is shared by the integrity extractor (``extract/integrity/outlet.py``),
copy lineages (``fuse/copies/lineage.py``) and the renderers.

Matching is exact (case-insensitive, a leading "the" and a trailing
possessive dropped); there is no fuzzy matching, so "Israel Hayom" never
becomes its neighbour "Israel Today". A *translated* form ("Israel Today" for
Israel Hayom) is only a different outlet's name in a machine-translated
text; callers decide when that applies (``translated_outlet``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

TABLE = Path(__file__).with_name("outlets.tsv")


@dataclass(frozen=True)
class Outlet:
    """One row of the table."""

    name: str
    domains: tuple[str, ...]
    aliases: tuple[str, ...]
    translated: tuple[str, ...]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in cell.split("|") if x.strip())


@cache
def outlets() -> tuple[Outlet, ...]:
    """Every row of ``outlets.tsv`` (read once per process)."""
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = (line.split("\t") + ["", "", ""])[:4]
        name, domains, aliases, translated = cells
        rows.append(Outlet(name.strip(), _split(domains), _split(aliases), _split(translated)))
    return tuple(rows)


def name_key(name: str) -> str:
    """Case-folded name without a leading 'the', a trailing possessive or punctuation."""
    s = re.sub(r"\s+", " ", name).strip().casefold()
    s = re.sub(r"(?:['’]s|[.,;:’'\"”])+$", "", s).strip()
    return re.sub(r"^the ", "", s)


@cache
def _name_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for row in outlets():
        for form in (row.name, *row.aliases):
            index.setdefault(name_key(form), row.name)
    return index


@cache
def _translated_index() -> dict[str, str]:
    return {name_key(form): row.name for row in outlets() for form in row.translated}


@cache
def _domain_index() -> dict[str, str]:
    return {d.casefold(): row.name for row in outlets() for d in row.domains}


def canonical_outlet(name: str) -> str | None:
    """The table's name for an outlet name or alias ('VOA' -> 'Voice of America'), else None."""
    return _name_index().get(name_key(name))


def translated_outlet(name: str) -> str | None:
    """The outlet whose name this is a literal English rendering of ('Israel Today' ->
    'Israel Hayom'); only meaningful in a machine-translated text."""
    return _translated_index().get(name_key(name))


def domain_of(value: str) -> str | None:
    """The host of a URL or bare domain, without 'www.' ('https://www.x.com/a' -> 'x.com')."""
    value = value.strip()
    if not value or " " in value:
        return None
    try:
        host = urlsplit(value if "//" in value else "//" + value).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host[4:] if host.startswith("www.") else host


def outlet_of_domain(value: str) -> str | None:
    """The outlet a URL or domain belongs to; subdomains count ('learning.voanews.com')."""
    host = domain_of(value)
    if host is None:
        return None
    index = _domain_index()
    parts = host.casefold().split(".")
    for i in range(len(parts) - 1):
        hit = index.get(".".join(parts[i:]))
        if hit:
            return hit
    return None


def outlet_identity(value: str | None) -> str:
    """A comparison key for a name, alias, domain or URL: the table's name when known,
    else the name key ('' for nothing)."""
    if not value:
        return ""
    known = canonical_outlet(value) or outlet_of_domain(value)
    return name_key(known or value)


def same_outlet(a: str | None, b: str | None) -> bool:
    """Do two names, aliases, domains or URLs stand for one outlet ('VOA', 'voanews.com')?"""
    ka, kb = outlet_identity(a), outlet_identity(b)
    return ka == kb != ""
