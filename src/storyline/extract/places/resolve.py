"""Choose the GeoNames record a place name means, with an honest confidence.

Candidates come from the exact name index, else a typo-tolerant match of a
large place. They are ranked by population, feature class (a country before
a city of the same name) and the document's context: the countries and
first-level regions it names ("Paris" in a text that names Texas).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import NamedTuple

from storyline.extract.places import rules
from storyline.extract.places.gazetteer import Gazetteer, GeoRecord, Hit


class Resolution(NamedTuple):
    record: GeoRecord | None
    match: str  # "name" | "alias" | "fuzzy" | "none"
    candidates: int
    confidence: float


UNRESOLVED = Resolution(None, "none", 0, 0.0)


@dataclass
class Context:
    """What the document names: countries and (country, admin-1) regions."""

    countries: set[str] = field(default_factory=set)
    regions: set[tuple[str, str]] = field(default_factory=set)

    def note(self, res: Resolution) -> None:
        """Let a confident resolution of a country or region be context."""
        rec = res.record
        if rec is None or res.confidence < rules.CONF_BY_MARGIN[1][1]:
            return
        if rec.feature in ("country", "region"):
            self.countries.add(rec.country)
        if rec.feature == "region":
            self.regions.add((rec.country, rec.admin1))


def split_region_word(name: str) -> tuple[str, bool]:
    """ "Gomel oblast" -> ("Gomel", True); "Gomel" -> ("Gomel", False)."""
    words = name.split()
    if len(words) > 1 and words[-1].casefold() in rules.REGION_WORDS:
        return " ".join(words[:-1]), True
    return name, False


def candidates(gaz: Gazetteer, name: str, region_word: bool) -> tuple[list[Hit], str]:
    """Records the name may mean and how they were found ("exact" or "fuzzy")."""
    hits = gaz.lookup(name)
    base, has_word = split_region_word(name)
    region_word = region_word or has_word
    if region_word:
        seen = {h.record.geonameid for h in hits}
        extra = gaz.lookup(base)
        for word in sorted(rules.REGION_WORDS):
            extra += gaz.lookup(f"{base} {word}")
        # The region a same-named city lies in ("Gomel region" -> its oblast).
        extra += [
            Hit(region, True)
            for h in list(extra)
            if h.record.feature == "city"
            and (region := gaz.region_of(h.record.country, h.record.admin1)) is not None
        ]
        for h in extra:
            if h.record.geonameid not in seen:
                seen.add(h.record.geonameid)
                hits.append(h)
    if hits:
        return _without_city_regions(hits, region_word), "exact"
    found = gaz.fuzzy(base)
    if found is None:
        return [], "none"
    return found[0], "fuzzy"


def _without_city_regions(hits: list[Hit], region_word: bool) -> list[Hit]:
    """Drop a region that is the same-named city itself (Kyiv, Minsk, Moscow
    are cities with the status of a region): one place, not two candidates."""
    if region_word:
        return hits
    cities = {(h.record.country, h.record.admin1) for h in hits if h.record.feature == "city"}
    return [
        h
        for h in hits
        if h.record.feature != "region"
        or h.alias
        or (h.record.country, h.record.admin1) not in cities
    ]


def score(hit: Hit, ctx: Context | None, region_word: bool) -> float:
    """Higher is likelier: log population, feature class, document context."""
    rec = hit.record
    s = math.log10(rec.population) if rec.population else rules.DEFAULT_LOG_POPULATION
    s += rules.FEATURE_BONUS.get(rec.feature, 0.0)
    if rec.feature == "region":
        if region_word:
            s += rules.REGION_WORD_BONUS
        elif hit.alias:
            s -= rules.ALIAS_REGION_PENALTY
    elif rec.feature == "city" and hit.alias:
        s -= rules.ALIAS_CITY_PENALTY
    if ctx is not None and rec.feature not in ("country", "continent"):
        if rec.country in ctx.countries:
            s += rules.COUNTRY_CONTEXT_BONUS
        if rec.feature == "city" and (rec.country, rec.admin1) in ctx.regions:
            s += rules.REGION_CONTEXT_BONUS
    return s


def resolve(gaz: Gazetteer, name: str, region_word: bool, ctx: Context | None) -> Resolution:
    """The best record for ``name`` (None when no record has that name)."""
    hits, how = candidates(gaz, name, region_word)
    if not hits:
        return UNRESOLVED
    region_word = region_word or split_region_word(name)[1]
    ranked = sorted(
        ((score(h, ctx, region_word), h) for h in hits),
        key=lambda sh: (sh[0], sh[1].record.population or 0),
        reverse=True,
    )
    best_score, best = ranked[0]
    if len(ranked) == 1:
        confidence = rules.CONF_UNIQUE
    else:
        margin = best_score - ranked[1][0]
        confidence = next(c for m, c in rules.CONF_BY_MARGIN if margin >= m)
    if how == "fuzzy":
        in_context = ctx is not None and best.record.country in ctx.countries
        if rules.FUZZY_NEEDS_CONTEXT and best.record.feature != "country" and not in_context:
            return UNRESOLVED
        return Resolution(best.record, "fuzzy", len(hits), min(confidence, rules.CONF_FUZZY))
    return Resolution(best.record, "alias" if best.alias else "name", len(hits), confidence)
