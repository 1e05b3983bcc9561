"""Cross-document variants, cannot-links and links, on invented names."""

from pathlib import Path

import pytest
from mention_docs import doc_with_mentions

from storyline.fuse.entities import resolve_entities, resolve_entities_traced
from storyline.fuse.entity_data import PLACE_VARIANTS
from storyline.fuse.entity_names import (
    acronym,
    first_names_compatible,
    fold,
    gender_variants,
    place_canonical,
    skeleton,
    surname_match,
)
from storyline.model import DocumentAnalysis, Mention, Metadata


def _doc(doc_id: str, mentions: list[tuple[str, str]]) -> DocumentAnalysis:
    return doc_with_mentions(doc_id, mentions)


def _groups(ents):
    return sorted(sorted({a["text"] for a in e.aliases}) for e in ents)


def test_transliteration_folding_meets_spellings():
    assert fold("kalinouski") == fold("kalinovsky") == "kalinovski"
    assert skeleton("klinovsky") == skeleton("kalinouski")
    assert surname_match("varenko", "varenka") == "same"
    assert surname_match("clinton", "clifton") != "same"
    assert surname_match("borsk", "dorsk") is None


def test_first_names_across_transliterations_and_cannot_links():
    assert first_names_compatible("alexander", "alyaksandr")
    assert first_names_compatible("alexander", "aleksandr")
    assert first_names_compatible("ihor", "igor")
    assert first_names_compatible("t", "tomas")
    assert not first_names_compatible("ilse", "tomas")
    assert not first_names_compatible("alexander", "alexandra")
    assert gender_variants("petrovin", "petrovina")
    assert gender_variants("zaborsky", "zaborskaya")


def test_place_table_is_data_with_canonicals():
    assert place_canonical("kiev") == "kyiv" and place_canonical("kyiv") == "kyiv"
    assert place_canonical("leviv") == "lviv"
    for variant, canonical in PLACE_VARIANTS.items():
        assert variant != canonical and canonical not in PLACE_VARIANTS


def test_spelling_variants_of_one_person_merge():
    a = _doc("a", [("Aleksandr Zubarevich", "PERSON"), ("Zubarevich", "PERSON")])
    b = _doc("b", [("Alyaksandr Zubarevych", "PERSON")])
    c = _doc("c", [("Mr Zubarevich", "PERSON")])
    ents, merges = resolve_entities_traced([a, b, c])
    assert _groups(ents) == [["Aleksandr Zubarevich", "Alyaksandr Zubarevych", "Mr Zubarevich",
                              "Zubarevich"]]  # fmt: skip
    assert ents[0].name in {"Aleksandr Zubarevich", "Alyaksandr Zubarevych"}
    assert any(m["rule"] == "name variant" for m in merges)


def test_two_people_sharing_a_surname_never_merge():
    a = _doc("a", [("Ilse Kovarenko", "PERSON")])
    b = _doc("b", [("Tomas Kovarenko", "PERSON")])
    c = _doc("c", [("Kovarenko", "PERSON")])
    assert _groups(resolve_entities([a, b, c])) == [
        ["Ilse Kovarenko"],
        ["Kovarenko"],
        ["Tomas Kovarenko"],
    ]


def test_masculine_and_feminine_surnames_stay_apart():
    a = _doc("a", [("Oleg Zaborsky", "PERSON")])
    b = _doc("b", [("Olga Zaborskaya", "PERSON"), ("Zaborskaya", "PERSON")])
    assert len(resolve_entities([a, b])) == 2


def test_case_variants_acronyms_and_types():
    a = _doc("a", [("NEXTO", "ORG"), ("the Volgrad Harbour Authority", "ORG")])
    b = _doc("b", [("Nexto", "ORG"), ("VHA", "ORG")])
    c = _doc("c", [("Volgradian", "NORP"), ("Volgradian", "PERSON")])
    groups = _groups(resolve_entities([a, b, c]))
    assert ["NEXTO", "Nexto"] in groups
    assert ["VHA", "the Volgrad Harbour Authority"] in groups
    assert ["Volgradian"] in groups and len([g for g in groups if g == ["Volgradian"]]) == 2
    assert acronym("volgrad harbour authority") == "vha"


def test_places_meet_through_the_table_even_when_ner_says_person():
    a = _doc("a", [("Kiev", "GPE"), ("Leviv", "GPE")])
    b = _doc("b", [("Kyiv", "PERSON"), ("Lviv", "GPE")])
    ents = resolve_entities([a, b])
    names = {e.name: e for e in ents}
    assert set(names) == {"Kyiv", "Lviv"}
    assert names["Kyiv"].type == "GPE" and len(names["Kyiv"].mentions) == 2


def test_near_spelling_needs_context():
    a = _doc("a", [("Pavel Dorobanko", "PERSON"), ("Zelmarsk", "GPE")])
    b = _doc("b", [("Pavel Dorobatko", "PERSON"), ("Zelmarsk", "GPE")])
    assert ["Pavel Dorobanko", "Pavel Dorobatko"] in _groups(resolve_entities([a, b]))
    a = _doc("a", [("Pavel Dorobanko", "PERSON"), ("Zelmarsk", "GPE")])
    b = _doc("b", [("Pavel Dorobatko", "PERSON"), ("Orvenia", "GPE")])
    groups = _groups(resolve_entities([a, b]))
    assert ["Pavel Dorobanko"] in groups and ["Pavel Dorobatko"] in groups


def test_unit_named_after_a_person_is_linked_not_merged():
    a = _doc("a", [("the Ostap Varenko Regiment", "ORG")])
    b = _doc("b", [("Ostap Varenka", "PERSON")])
    ents, merges = resolve_entities_traced([a, b])
    assert len(ents) == 2
    unit = next(e for e in ents if e.type == "ORG")
    person = next(e for e in ents if e.type == "PERSON")
    assert unit.roles[0]["relation"] == "named_after" and unit.roles[0]["entity"] == person.id
    assert any(m["rule"].startswith("named_after") for m in merges)


def test_named_after_phrase_links():
    text = "The Free Volunteer Battalion named after Ostap Varenko will come."
    ms = [
        Mention(0, 28, "The Free Volunteer Battalion", "ORG"),
        Mention(text.index("Ostap"), text.index(" will"), "Ostap Varenko", "PERSON"),
    ]
    a = DocumentAnalysis("a", "1", text, "a", "txt", Metadata(), mentions=ms)
    ents = resolve_entities([a])
    unit = next(e for e in ents if e.type == "ORG")
    assert unit.roles and unit.roles[0]["name"] == "Ostap Varenko"


CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "belarus-2022"


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus absent")
def test_real_corpus_merges():
    """Names only: the articles are read from the shared folder, never copied."""
    from storyline.model import RawDocument
    from storyline.pipeline import Pipeline
    from storyline.settings import Settings

    raws = []
    for f in sorted(CORPUS.glob("*.txt")):
        data = f.read_bytes()
        raws.append(RawDocument.create(str(f), data.decode("utf-8"), data, "txt"))
    analyses = list(Pipeline(Settings()).analyze_many(raws))
    ents, merges = resolve_entities_traced(analyses)

    def bare(name: str) -> str:
        return name[4:] if name.lower().startswith("the ") else name

    def entity_of(alias: str, etype: str):
        found = [
            e
            for e in ents
            if e.type == etype and bare(alias) in {bare(a["text"]) for a in e.aliases}
        ]
        assert len(found) == 1, alias
        return found[0]

    luk = entity_of("Alexander Lukashenko", "PERSON")
    assert {"Alyaksandra Lukashenko", "Lukashenko"} <= {a["text"] for a in luk.aliases}
    assert entity_of("Ihor Romanenko", "PERSON") is entity_of("Romanenko", "PERSON")
    assert len(entity_of("Viktor Gulevich", "PERSON").aliases[0]["docs"]) == 3
    assert entity_of("Kyiv", "GPE") is entity_of("Kiev", "GPE")
    assert entity_of("Lviv", "GPE") is entity_of("Leviv", "GPE")
    kal = entity_of("Kastus Kalinovsky", "PERSON")
    kal_alias = next(a for e in ents for a in (x["text"] for x in e.aliases) if "Kalinouski" in a)
    assert kal is entity_of(kal_alias, "PERSON")
    regiment = entity_of("the Kastus Klinovsky Regiment", "ORG")
    assert regiment is not kal and regiment.roles[0]["entity"] == kal.id
    # one battalion under its spellings; its namesake is a separate, linked person
    assert regiment is entity_of("Belarusian Volunteer Battalion", "ORG")
    # no wrong merge: every merged pair is one of these
    allowed = {
        "Lukashenko", "Putin", "Romanenko", "Kalinouski", "Kastus Kalinouski", "Kiev", "Leviv",
        "Alyaksandra Lukashenko", "Republic of Belarus", "Viačorka", "Sokol",
        "Belarusian Volunteer Battalion", "Kastus Klinovsky Regiment",
    }  # fmt: skip
    for m in merges:
        assert bare(m["a"]) in allowed or bare(m["b"]) in allowed, m


def test_units_named_after_the_same_person_are_one_unit():
    text_a = "The Free Volunteer Battalion named after Ostap Varenko will come."
    a = DocumentAnalysis(
        "a", "1", text_a, "a", "txt", Metadata(),
        mentions=[
            Mention(4, 28, "Free Volunteer Battalion", "ORG"),
            Mention(text_a.index("Ostap"), text_a.index(" will"), "Ostap Varenko", "PERSON"),
        ],
    )  # fmt: skip
    text_b = "The Ostap Varenka Regiment was set up. Dmytro Holub Brigade too."
    b = DocumentAnalysis(
        "b", "1", text_b, "b", "txt", Metadata(),
        mentions=[
            Mention(4, 26, "Ostap Varenka Regiment", "ORG"),
            Mention(text_b.index("Dmytro"), text_b.index(" too"), "Dmytro Holub Brigade", "ORG"),
        ],
    )  # fmt: skip
    ents, merges = resolve_entities_traced([a, b])
    units = [e for e in ents if e.type == "ORG"]
    merged = [e for e in units if len(e.aliases) == 2]
    assert len(merged) == 1
    assert {al["text"] for al in merged[0].aliases} == {
        "Free Volunteer Battalion",
        "Ostap Varenka Regiment",
    }
    assert any(m["rule"] == "same namesake unit" for m in merges)
    # a unit named after someone else stays apart
    assert any(e.name == "Dmytro Holub Brigade" for e in units)
    # the namesake person is not merged into the unit
    assert any(e.type == "PERSON" and e.name == "Ostap Varenko" for e in ents)
