"""Name kinds: facility and organisation names by their last word, one-word
companies, events and products by their context, one sense per document for
places.

Every text here is the team's own, with invented names, written in the shape
of an error seen on real news (never the corpus sentence). Each rule is
checked on spans built by hand in the wrong shape, so the check holds whatever
the model predicts; the guards that keep real people are checked the same way.
"""

from __future__ import annotations

from tests.nlp.conftest import entity_span as span

from storyline.nlp.ner_corrections import DEFAULT_STEPS, correct_entities, person_cue
from storyline.nlp.ner_names import brands, heads, senses


def labelled(ents) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in ents]


def test_the_name_steps_run_by_default_before_consistency():
    for step in ("heads", "brands", "senses"):
        assert step in DEFAULT_STEPS
    assert DEFAULT_STEPS.index("brands") < DEFAULT_STEPS.index("places")
    assert DEFAULT_STEPS.index("senses") < DEFAULT_STEPS.index("consistency")


def test_a_facility_head_makes_a_facility(nlp):
    doc = nlp(
        "Engineers inspected the Orvel Gorge Dam. Flights left Tarsk Airport while the "
        "Velmo Nuclear Power Plant lost power. Robert Plant sang at the Brisa Stadium."
    )
    ents = [
        span(doc, "Orvel Gorge Dam", "PERSON"),
        span(doc, "Tarsk Airport", "GPE"),
        span(doc, "Velmo Nuclear Power Plant", "PERSON"),
        span(doc, "Robert Plant", "PERSON"),
        span(doc, "Brisa Stadium", "EVENT"),
    ]
    assert labelled(heads(doc, ents)) == [
        ("Orvel Gorge Dam", "FAC"),
        ("Tarsk Airport", "FAC"),
        ("Velmo Nuclear Power Plant", "FAC"),  # "Power" is a common noun
        ("Robert Plant", "PERSON"),  # a given name before "Plant": a person
        ("Brisa Stadium", "FAC"),
    ]


def test_an_organisation_head_makes_an_organisation_a_title_keeps_a_person(nlp):
    doc = nlp(
        "The Kessa Relief Society told reporters that President Lena Bridge had left. "
        "Tarsk Airport said flights resumed."
    )
    ents = [
        span(doc, "Kessa Relief Society", "PERSON"),
        span(doc, "Lena Bridge", "PERSON"),
        span(doc, "Tarsk Airport", "ORG"),
    ]
    assert labelled(heads(doc, ents)) == [
        ("Kessa Relief Society", "ORG"),
        ("Lena Bridge", "PERSON"),  # "President" before it
        ("Tarsk Airport", "ORG"),  # the operator, as the model said
    ]
    # consistency does not make the society a person because it "told" something
    doc.ents = [span(doc, "Kessa Relief Society", "ORG")]
    assert ("Kessa Relief Society", "ORG") in labelled(correct_entities(doc))


def test_company_cues_make_a_one_word_person_a_company(nlp):
    doc = nlp(
        "Quendra's revenue doubled last year. Shares of Quendra rose 4 percent. "
        "Tolvek, a Danish utility, said prices would rise."
    )
    ents = [
        span(doc, "Quendra", "PERSON"),
        span(doc, "Quendra", "NORP", nth=1),
        span(doc, "Tolvek", "PERSON"),
    ]
    assert labelled(brands(doc, ents)) == [
        ("Quendra", "ORG"),
        ("Quendra", "ORG"),
        ("Tolvek", "ORG"),
    ]


def test_an_org_reading_elsewhere_in_the_document_wins_over_a_bare_person(nlp):
    doc = nlp("Marvix hired staff. Later Marvix opened an office in Lund.")
    ents = [span(doc, "Marvix", "PERSON"), span(doc, "Marvix", "ORG", nth=1)]
    assert labelled(brands(doc, ents)) == [("Marvix", "ORG"), ("Marvix", "ORG")]
    # not when a mention of the name is a place: the ORG may be its team
    doc = nlp("Marvix hired staff. Later Marvix opened an office in Marvix.")
    ents = [
        span(doc, "Marvix", "PERSON"),
        span(doc, "Marvix", "ORG", nth=1),
        span(doc, "Marvix", "GPE", nth=2),
    ]
    assert labelled(brands(doc, ents))[0] == ("Marvix", "PERSON")


def test_surnames_stay_people(nlp):
    doc = nlp(
        "Tomas Verbeke sold his stake last year. Verbeke's shares fell. "
        "Mr. Dallo spoke first. Shares of Dallo's firm rose. Dallo said he was glad."
    )
    ents = [
        span(doc, "Tomas Verbeke", "PERSON"),
        span(doc, "Verbeke", "PERSON", nth=1),
        span(doc, "Dallo", "PERSON"),
        span(doc, "Dallo", "PERSON", nth=1),
        span(doc, "Dallo", "PERSON", nth=2),
    ]
    assert {label for _, label in labelled(brands(doc, ents))} == {"PERSON"}


def test_event_blends_and_modified_nouns(nlp):
    doc = nlp(
        "After Polexit, trade fell. The chief Polexit negotiator quit. The army bought "
        "Varnok missiles. Fighting spread in the Sorrel region. Exit polls closed."
    )
    ents = [
        span(doc, "Polexit", "PERSON"),
        span(doc, "Polexit", "GPE", nth=1),
        span(doc, "Varnok", "PERSON"),
        span(doc, "Sorrel", "PERSON"),
        span(doc, "Exit", "PERSON"),
    ]
    assert labelled(brands(doc, ents)) == [
        ("Polexit", "EVENT"),
        ("Polexit", "EVENT"),
        ("Varnok", "PRODUCT"),
        ("Sorrel", "GPE"),
        ("Exit", "PERSON"),  # too short to be a blend
    ]


def test_a_title_before_a_name_that_modifies_a_noun_is_no_person_cue(nlp):
    doc = nlp("The chief Tarvex negotiator left. Chief Tarvex said he would stay.")
    assert not person_cue(doc, span(doc, "Tarvex", "GPE"))
    assert person_cue(doc, span(doc, "Tarvex", "GPE", nth=1))


def test_one_sense_per_document_for_a_place(nlp):
    doc = nlp(
        "Protesters gathered in the town of Keldrin on Friday. Keldrin has 20,000 "
        "residents. Officials in Keldrin said calm had returned."
    )
    ents = [
        span(doc, "Keldrin", "GPE"),
        span(doc, "Keldrin", "PERSON", nth=1),
        span(doc, "Keldrin", "PERSON", nth=2),
    ]
    assert {label for _, label in labelled(senses(doc, ents))} == {"GPE"}
    # the whole chain: consistency keeps it a place ("officials in Keldrin said")
    doc.ents = ents
    assert {e.label_ for e in correct_entities(doc) if e.text == "Keldrin"} == {"GPE"}


def test_place_lists_and_appositives_are_strong_place_cues(nlp):
    doc = nlp(
        "Rebels attacked villages between the towns of Arvo and Bessin. Bessin was quiet. "
        "She returned to Mirsa, her hometown, in May. Mirsa is poor."
    )
    ents = [
        span(doc, "Arvo", "PERSON"),
        span(doc, "Bessin", "PERSON"),
        span(doc, "Bessin", "PERSON", nth=1),
        span(doc, "Mirsa", "PERSON"),
        span(doc, "Mirsa", "PERSON", nth=1),
    ]
    assert {label for _, label in labelled(senses(doc, ents))} == {"GPE"}


def test_a_place_sense_yields_to_a_person_in_the_document(nlp):
    doc = nlp(
        "Crowds filled the town of Welby. Mr. Welby thanked them. "
        "In the city of Orsk, Anna Orsk met voters. Orsk left."
    )
    ents = [
        span(doc, "Welby", "GPE"),
        span(doc, "Welby", "PERSON", nth=1),
        span(doc, "Orsk", "GPE"),
        span(doc, "Anna Orsk", "PERSON"),
        span(doc, "Orsk", "PERSON", nth=2),
    ]
    assert labelled(senses(doc, ents)) == labelled(ents)


def test_a_refugee_camp_is_a_place_a_candidates_camp_is_not(nlp):
    doc = nlp(
        "Aid reached the Ombrel refugee camp on Monday. Later the Ombrel and Sadu camps "
        "got water. The Varga camp said the poll was wrong."
    )
    ents = [
        span(doc, "Ombrel", "PERSON"),
        span(doc, "Ombrel", "PERSON", nth=1),
        span(doc, "Varga", "PERSON"),
    ]
    assert labelled(brands(doc, ents)) == [
        ("Ombrel", "GPE"),
        ("Ombrel", "GPE"),  # every mention of the name follows
        ("Varga", "PERSON"),  # a candidate's camp: supporters, no place
    ]


def test_a_name_beside_another_of_a_company_noun_is_a_company(nlp):
    doc = nlp(
        "Campaigners accused the Danish utility, along with another, Tolvek, of lobbying. "
        "The mayor met one official, Ilse, and another, Marta, on Monday."
    )
    ents = [span(doc, "Tolvek", "PERSON"), span(doc, "Marta", "PERSON")]
    assert labelled(brands(doc, ents)) == [("Tolvek", "ORG"), ("Marta", "PERSON")]
    doc = nlp("Groups accused the Danish firm\u2014along with another, Tolvek\u2014of lobbying.")
    assert labelled(brands(doc, [span(doc, "Tolvek", "PERSON")])) == [("Tolvek", "ORG")]


def test_a_refugee_camp_tagged_a_place_makes_its_bare_mentions_places(nlp):
    doc = nlp(
        "Officials plan to close the Ombrel camps. Schools in the Ombrel refugee camp "
        "reopened. Residents of Ombrel say they have nowhere to go."
    )
    ents = [
        span(doc, "Ombrel", "PERSON"),
        span(doc, "Ombrel", "GPE", nth=1),
        span(doc, "Ombrel", "PERSON", nth=2),
    ]
    assert {label for _, label in labelled(senses(doc, ents))} == {"GPE"}


def test_token_types_follow_the_corrected_entities(nlp):
    """``ent_type`` (what the events extractor reads) agrees with the mentions
    the dossier shows, not with the model's raw labels."""
    from storyline.nlp import corrected_entities, ent_type

    doc = nlp(
        "Engineers said the Orvel Gorge Dam gave way on Monday. Shares of Quastro fell "
        "after Quastro's revenue dropped, Mira Tolend said in Tarsk."
    )
    want = [""] * len(doc)
    for ent in corrected_entities(doc):
        for i in range(ent.start, ent.end):
            want[i] = ent.label_
    assert [ent_type(t) for t in doc] == want
    dam = doc.text.index("Dam")
    assert ent_type(next(t for t in doc if t.idx == dam)) == "FAC"
