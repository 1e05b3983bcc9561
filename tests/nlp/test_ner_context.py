"""Documents as context (``ner_context``) and the surname rules of ``consistency``.

Texts are the team's own, with invented names, in the shape of errors seen on
CoNLL-2003 train folds (never a corpus sentence). Spans are built by hand in
the wrong shape, so each check holds whatever the model predicts; each rule
has a guard that keeps the reading it must not change.
"""

from __future__ import annotations

from tests.nlp.conftest import entity_span as span

from storyline.nlp.ner_context import acronyms, fixtures, known_names, short_forms
from storyline.nlp.ner_corrections import DEFAULT_STEPS, consistency


def labelled(ents) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in ents]


def test_the_steps_run_by_default_after_consistency():
    at = DEFAULT_STEPS.index("consistency")
    for step in ("known_names", "short_forms", "fixtures", "acronyms"):
        assert DEFAULT_STEPS.index(step) > at


# ------------------------------------------------------------ known_names


def test_a_part_of_a_name_tagged_in_full_elsewhere_becomes_the_full_name(nlp):
    doc = nlp("Dravo Keldan 2 Tarsk United 1\nStandings: Dravo Keldan 12 points")
    ents = [
        span(doc, "Dravo Keldan", "ORG"),
        span(doc, "Tarsk United", "ORG"),
        span(doc, "Keldan", "ORG", nth=1),  # the model found only the second word
    ]
    assert labelled(known_names(doc, ents)) == [
        ("Dravo Keldan", "ORG"),
        ("Tarsk United", "ORG"),
        ("Dravo Keldan", "ORG"),
    ]


def test_a_part_grows_only_with_the_same_label_and_casing(nlp):
    doc = nlp(
        "Varnian Farm Commissioner Oleg Drass spoke first. Later Varnian farm ministers met, "
        "and the Varnian Farm delegation left."
    )
    ents = [
        span(doc, "Varnian Farm", "ORG"),
        span(doc, "Varnian", "NORP", nth=1),  # "farm ministers": lower case, no name
        span(doc, "Varnian", "NORP", nth=2),  # same words, but a NORP is no part of the ORG
    ]
    assert labelled(known_names(doc, ents)) == [
        ("Varnian Farm", "ORG"),
        ("Varnian", "NORP"),
        ("Varnian", "NORP"),
    ]


def test_a_name_never_grows_across_a_line_break(nlp):
    doc = nlp("Dravo Keldan won.\nDravo\nKeldan lost.")
    ents = [span(doc, "Dravo Keldan", "ORG"), span(doc, "Dravo", "ORG", nth=1)]
    assert labelled(known_names(doc, ents)) == [("Dravo Keldan", "ORG"), ("Dravo", "ORG")]


# ------------------------------------------------------------ short_forms


def test_a_company_without_its_legal_form_is_the_company(nlp):
    doc = nlp(
        "Tarvex Holdings Plc reported a loss. Analysts said Tarvex would recover, "
        "and Tarvex Holdings kept its dividend. RAO Severgaz raised prices; Severgaz shares fell."
    )
    ents = [
        span(doc, "Tarvex Holdings Plc", "ORG"),
        span(doc, "Tarvex", "PERSON", nth=1),
        span(doc, "Tarvex Holdings", "PERSON", nth=1),
        span(doc, "RAO Severgaz", "ORG"),
        span(doc, "Severgaz", "GPE", nth=1),
    ]
    assert labelled(short_forms(doc, ents)) == [
        ("Tarvex Holdings Plc", "ORG"),
        ("Tarvex", "ORG"),
        ("Tarvex Holdings", "ORG"),
        ("RAO Severgaz", "ORG"),
        ("Severgaz", "ORG"),
    ]


def test_a_country_or_a_person_in_a_company_name_keeps_its_label(nlp):
    doc = nlp(
        "Ukraine International Airlines Ltd resumed flights to Ukraine. "
        "Kessler Motor Co hired Anna Kessler, and Kessler spoke first."
    )
    ents = [
        span(doc, "Ukraine International Airlines Ltd", "ORG"),
        span(doc, "Ukraine", "GPE", nth=1),
        span(doc, "Kessler Motor Co", "ORG"),
        span(doc, "Anna Kessler", "PERSON"),
        span(doc, "Kessler", "PERSON", nth=2),
    ]
    got = labelled(short_forms(doc, ents))
    assert ("Ukraine", "GPE") in got
    assert got[-1] == ("Kessler", "PERSON")


# --------------------------------------------------------------- fixtures


def test_the_sides_of_fixtures_take_their_clear_majority_label(nlp):
    doc = nlp("Fixtures: Dunmore v Barlow, Kestrel v Pellham, Ashby v Tarrow.")
    ents = [
        span(doc, "Dunmore", "ORG"),
        span(doc, "Barlow", "ORG"),
        span(doc, "Kestrel", "ORG"),
        span(doc, "Pellham", "GPE"),  # a team by its town's name
        span(doc, "Ashby", "ORG"),
        span(doc, "Tarrow", "ORG"),
    ]
    assert all(label == "ORG" for _, label in labelled(fixtures(doc, ents)))


def test_fixtures_with_a_split_vote_or_too_few_sides_are_left_alone(nlp):
    doc = nlp("Draw: Dunmore v Barlow, Kestrel v Pellham.")
    ents = [
        span(doc, "Dunmore", "PERSON"),
        span(doc, "Barlow", "PERSON"),
        span(doc, "Kestrel", "ORG"),
        span(doc, "Pellham", "GPE"),
    ]
    assert labelled(fixtures(doc, ents)) == labelled(ents)
    doc = nlp("Dunmore v Barlow and Kestrel v Pellham, then Ashby v Tarrow.")
    ents = [
        span(doc, name, label)
        for name, label in (
            ("Dunmore", "ORG"),
            ("Barlow", "ORG"),
            ("Kestrel", "ORG"),
            ("Pellham", "PERSON"),
            ("Ashby", "PERSON"),
            ("Tarrow", "PERSON"),
        )
    ]
    assert labelled(fixtures(doc, ents)) == labelled(ents)  # 3 against 3


# --------------------------------------------------------------- acronyms


def test_an_acronym_defined_after_an_organisation_is_that_organisation(nlp):
    doc = nlp(
        "The Varnian Revenue Agency (VRA) opened an inquiry. VRA officials declined "
        "to comment, and the VRA said nothing more."
    )
    ents = [
        span(doc, "Varnian Revenue Agency", "ORG"),
        span(doc, "VRA", "PERSON", nth=1),  # the second use; the others are untagged
    ]
    got = labelled(acronyms(doc, ents))
    assert got == [("Varnian Revenue Agency", "ORG")] + [("VRA", "ORG")] * 3


def test_an_acronym_that_does_not_fit_or_a_non_organisation_is_left_alone(nlp):
    doc = nlp("The Varnian Revenue Agency (KTX) met. KTX won.")
    ents = [span(doc, "Varnian Revenue Agency", "ORG"), span(doc, "KTX", "PERSON", nth=1)]
    assert labelled(acronyms(doc, ents)) == labelled(ents)
    doc = nlp("Bovine Tarsk Encephalitis (BTE) spread. BTE cases rose.")
    ents = [span(doc, "Bovine Tarsk Encephalitis", "PERSON")]
    assert labelled(acronyms(doc, ents)) == labelled(ents)


# ------------------------------------------------------------ consistency


def test_a_surname_in_a_standings_table_is_the_person_despite_the_score(nlp):
    doc = nlp("1. Joel Kessmar ( Varnia ) 2:01.3\nStandings:\n1. Kessmar 290\n2. Dorn 270")
    ents = [
        span(doc, "Joel Kessmar", "PERSON"),
        span(doc, "Varnia", "GPE"),
        span(doc, "Kessmar", "ORG", nth=1),  # a score after it reads as a team
    ]
    got = labelled(consistency(doc, ents))
    assert ("Kessmar", "PERSON") in got and ("Kessmar", "ORG") not in got


def test_a_two_word_name_outvoted_as_an_organisation_is_no_person(nlp):
    doc = nlp(
        "Brell Tanwick makes valves. Workers of Brell Tanwick struck, Brell Tanwick "
        "shares fell and Brell Tanwick closed a plant."
    )
    ents = [span(doc, "Brell Tanwick", "PERSON")] + [
        span(doc, "Brell Tanwick", "ORG", nth=k) for k in (1, 2, 3)
    ]
    got = labelled(consistency(doc, ents))
    assert got.count(("Brell Tanwick", "ORG")) >= 3


def test_a_hyphenated_surname_stays_the_persons_when_outvoted(nlp):
    doc = nlp(
        "Lawyer Marta Oslen-Vik took the case. Oslen-Vik filed it; Oslen-Vik won; "
        "Oslen-Vik appealed; Oslen-Vik retired."
    )
    ents = [span(doc, "Marta Oslen-Vik", "PERSON")] + [
        span(doc, "Oslen-Vik", label, nth=k)
        for k, label in ((1, "ORG"), (2, "PERSON"), (3, "ORG"), (4, "ORG"))
    ]
    got = labelled(consistency(doc, ents))
    assert ("Oslen-Vik", "ORG") not in got
