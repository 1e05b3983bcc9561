"""Place mentions: a geoparsed, geocoded place name in one document."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.model.base import Record, output_record


@output_record("places")
@dataclass
class Place(Record):
    """A place name in one document, resolved to a GeoNames record when one fits.

    ``geonameid`` is None (and so are ``name``, ``feature``, ``country``,
    coordinates) when no GeoNames record matches: the mention is kept, never
    guessed. ``lat``/``lon`` are None for countries and regions too (the
    shipped data has coordinates for populated places only). ``role`` is
    ``"event"`` when the place is where something happened in its clause
    ("troops massed near Gomel"), else ``"mentioned"`` ("Belarus said").
    """

    start: int
    end: int
    text: str  # exactly text[start:end]
    label: str  # the entity label it came from: GPE | LOC | FAC
    name: str | None  # GeoNames' name ("Kyiv" for "Kiev")
    geonameid: int | None
    feature: str | None  # "continent" | "country" | "region" | "city"
    country: str | None  # ISO 3166 alpha-2
    lat: float | None = None
    lon: float | None = None
    population: int | None = None
    confidence: float = 0.0  # of the resolution: 0 when unresolved
    match: str = "none"  # "name" | "alias" | "fuzzy" | "none"
    candidates: int = 0  # GeoNames records with that name
    role: str = "mentioned"  # "event" | "mentioned"
    pattern: str = ""  # which rule set the role ("prep-verb", "appos", ...)
