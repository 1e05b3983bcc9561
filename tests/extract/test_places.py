"""Places: geoparsing and geocoding (sentences invented for these tests)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from storyline import nlp as nlp_stage
from storyline.extract.places import extract_places
from storyline.extract.places.gazetteer import Gazetteer, add_dump, load_gazetteer, name_key
from storyline.extract.places.resolve import UNRESOLVED, Context, resolve
from storyline.extract.places.rules import FUZZY_CUTOFF, LOW_CONFIDENCE
from storyline.model import Metadata, ParsedDocument, Place, RawDocument
from storyline.settings import Settings


@cache
def _nlp():
    s = Settings()
    return nlp_stage.load_nlp(s.model, s.ner)


def places(text: str) -> list[Place]:
    raw = RawDocument.create("t.txt", text, text.encode(), "txt")
    parsed = ParsedDocument(raw=raw, spans=[], metadata=Metadata(), doc=_nlp()(text))
    out = extract_places(parsed)
    for p in out:  # every record points at exactly its text
        assert text[p.start : p.end] == p.text
    return out


def by_text(text: str) -> dict[str, Place]:
    return {p.text: p for p in places(text)}


def test_city_with_coordinates_and_event_role() -> None:
    found = by_text("Troops massed near Gomel, Belarus, on Friday.")
    gomel = found["Gomel"]
    assert (gomel.feature, gomel.country, gomel.geonameid) == ("city", "BY", 627907)
    assert gomel.lat == pytest.approx(52.43, abs=0.1) and gomel.lon == pytest.approx(30.98, abs=0.1)
    assert gomel.role == "event" and gomel.pattern == "prep-verb"
    assert gomel.confidence > LOW_CONFIDENCE
    belarus = found["Belarus"]
    assert (belarus.feature, belarus.country, belarus.role) == ("country", "BY", "event")


def test_mentioned_places() -> None:
    found = by_text("Belarus said the decision was final, a spokesman told reporters in Minsk.")
    assert found["Belarus"].role == "mentioned"
    assert found["Minsk"].role == "mentioned"  # where it was said, not where it happened
    assert found["Minsk"].pattern == "reporting-verb"


def test_alternate_spellings() -> None:
    gaz = load_gazetteer()
    kiev = resolve(gaz, "Kiev", False, None)
    assert kiev.record is not None and (kiev.record.name, kiev.record.country) == ("Kyiv", "UA")
    assert kiev.match == "alias"
    homel = resolve(gaz, "Homel", False, None)
    assert homel.record is not None and homel.record.geonameid == 627907  # Gomel
    lvov = resolve(gaz, "Lvov", False, None)
    assert lvov.record is not None and lvov.record.name == "Lviv"


def test_typo_tolerant_match_is_low_confidence() -> None:
    gaz = load_gazetteer()
    ukraine = Context(countries={"UA"})
    res = resolve(gaz, "Leviv", False, ukraine)
    assert res.record is not None and res.record.name == "Lviv"
    assert res.match == "fuzzy" and res.confidence <= LOW_CONFIDENCE
    # Without a document naming the country, a near-spelling is no evidence.
    assert resolve(gaz, "Leviv", False, None) is UNRESOLVED
    found = by_text("Ukraine said shelling continued in Leviv overnight.")
    assert found["Leviv"].name == "Lviv" and found["Leviv"].match == "fuzzy"
    # Short names never go through the fuzzy match, however close.
    assert fuzz.ratio("gmel", "gomel") >= FUZZY_CUTOFF
    assert resolve(gaz, "Gmel", False, None) is UNRESOLVED


def test_context_disambiguates() -> None:
    gaz = load_gazetteer()
    alone = resolve(gaz, "Paris", False, None)
    assert alone.record is not None and alone.record.country == "FR"
    assert alone.candidates > 1 and alone.confidence < 0.95
    texas = Context(countries={"US"}, regions={("US", "TX")})
    there = resolve(gaz, "Paris", False, texas)
    assert there.record is not None and (there.record.country, there.record.admin1) == ("US", "TX")
    # A large city is not pulled abroad by a country named in passing.
    moscow = resolve(gaz, "Moscow", False, Context(countries={"US"}))
    assert moscow.record is not None and moscow.record.country == "RU"


def test_document_context_in_the_extractor() -> None:
    found = by_text("The rodeo in Paris, Texas, drew a crowd on Saturday.")
    assert found["Paris"].country == "US"
    assert found["Texas"].feature == "region"


def test_countries_outrank_same_named_places_and_regions_resolve() -> None:
    gaz = load_gazetteer()
    georgia = resolve(gaz, "Georgia", False, None)
    assert georgia.record is not None and georgia.record.feature == "country"
    crimea = resolve(gaz, "Crimea", False, None)
    assert crimea.record is not None and (crimea.record.feature, crimea.record.country) == (
        "region",
        "UA",
    )
    region = resolve(gaz, "Donetsk", True, None)  # "the Donetsk region"
    city = resolve(gaz, "Donetsk", False, None)
    assert region.record is not None and region.record.feature == "region"
    assert city.record is not None and city.record.feature == "city"
    us = resolve(gaz, "U.S.", False, None)
    assert us.record is not None and us.record.country == "US"


def test_city_regions_are_the_city() -> None:
    kyiv = resolve(load_gazetteer(), "Kyiv", False, None)
    assert kyiv.record is not None and kyiv.record.feature == "city"


def test_unknown_names_are_kept_unresolved() -> None:
    assert resolve(load_gazetteer(), "Zblorkavichy", False, None) is UNRESOLVED
    for p in places("Refugees walked from Zblorkavichy to Qwertopolis and Brest."):
        if p.geonameid is None:
            assert p.name is None and p.confidence == 0.0 and p.match == "none"


def test_demonyms_are_not_places() -> None:
    found = by_text("The Belarusian army held exercises in Brest.")
    assert "Belarusian" not in found


def test_continents() -> None:
    europe = resolve(load_gazetteer(), "Europe", False, None)
    assert europe.record is not None and europe.record.feature == "continent"
    assert europe.record.country == ""  # the record says None


def test_main_name_beats_an_old_alternate_name() -> None:
    res = resolve(load_gazetteer(), "ISLAMABAD", False, None)
    assert res.record is not None and res.record.country == "PK"


def test_name_key() -> None:
    assert name_key("U.S.") == "us"
    assert name_key("the  Kyiv") == "kyiv"
    assert name_key("L\u2019viv") == "lviv"
    assert name_key("Homyel\u2019") == name_key("Homyel")


def test_geonames_dump_adds_villages(tmp_path: Path) -> None:
    dump = tmp_path / "cities500.txt"
    row = [
        "9990001", "Zblorkavichy", "Zblorkavichy", "Zblorkavitchy", "52.1", "27.2",
        "P", "PPL", "BY", "", "02", "", "", "", "612", "", "150", "Europe/Minsk", "2024-01-01",
    ]  # fmt: skip
    dump.write_text("\t".join(row) + "\n", encoding="utf-8")
    gaz = Gazetteer()
    add_dump(gaz, dump)
    res = resolve(gaz, "Zblorkavichy", False, None)
    assert res.record is not None
    assert (res.record.country, res.record.lat, res.record.population) == ("BY", 52.1, 612)
    # Alternate names of places this small are not indexed (mostly noise).
    assert resolve(gaz, "Zblorkavitchy", False, None) is UNRESOLVED


def test_geonames_option_reaches_the_extractor_and_keys_the_version(tmp_path: Path) -> None:
    from storyline.pipeline import Pipeline

    dump = tmp_path / "cities500.txt"
    row = [
        "9990002", "Vrelkovo", "Vrelkovo", "", "53.5", "28.1",
        "P", "PPL", "BY", "", "02", "", "", "", "480", "", "150", "Europe/Minsk", "2024-01-01",
    ]  # fmt: skip
    bad = "not a geonames line\n" + "x\tBad\tBad\t\t1\t2\tP\tPPL\tBY\t\t\t\t\t\t9\n"
    dump.write_text(bad + "\t".join(row) + "\n", encoding="utf-8")
    text = "Soldiers were seen in Vrelkovo, Belarus, on Friday."
    raw = RawDocument.create("t.txt", text, text.encode(), "txt")
    plain = Pipeline(Settings())
    with_dump = Pipeline(Settings(geonames=dump))
    assert plain.version != with_dump.version
    found = {p.text: p for p in with_dump.analyze(raw).places}
    assert found["Vrelkovo"].geonameid == 9990002 and found["Vrelkovo"].country == "BY"
    assert {p.text: p for p in plain.analyze(raw).places}["Vrelkovo"].geonameid is None
