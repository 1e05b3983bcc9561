"""One-word names by their spelling and the document's other uses of the word:
acronyms, brand capitals, lower-case twins and conjuncts (``ner_words``).

Texts are the team's own, with invented names, in the shape of errors seen on
real news (never the corpus sentence). Spans are built by hand in the wrong
shape, so each check holds whatever the model predicts; each rule has a guard
that keeps a real person.
"""

from __future__ import annotations

from tests.nlp.conftest import entity_span as span

from storyline.nlp.ner_corrections import DEFAULT_STEPS
from storyline.nlp.ner_words import words


def labelled(ents) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in ents]


def test_the_step_runs_by_default_after_senses():
    assert DEFAULT_STEPS.index("senses") < DEFAULT_STEPS.index("words")
    assert DEFAULT_STEPS.index("words") < DEFAULT_STEPS.index("consistency")


def test_a_long_acronym_in_running_text_is_an_organisation(nlp):
    doc = nlp(
        "Troops of the Joint Relief Mission in Varnia, or JORMVA, were sent to guard "
        "the roads. Officials said JFK met them."
    )
    ents = [span(doc, "JORMVA", "PERSON"), span(doc, "JFK", "PERSON")]
    assert labelled(words(doc, ents)) == [("JORMVA", "ORG"), ("JFK", "PERSON")]  # initials


def test_capitals_in_a_capitals_line_are_no_evidence(nlp):
    doc = nlp("SOCCER - HALVERSON SCORES TWICE AS TARSK WIN\nHalverson scored twice on Sunday.")
    ents = [span(doc, "HALVERSON", "PERSON")]
    assert labelled(words(doc, ents)) == [("HALVERSON", "PERSON")]


def test_an_acronym_with_a_verb_of_saying_stays_a_person(nlp):
    doc = nlp("Prosecutors in the case of Nadia ORVELLE quoted her. ORVELLE said she was innocent.")
    ents = [span(doc, "ORVELLE", "PERSON", nth=1)]
    assert labelled(words(doc, ents)) == [("ORVELLE", "PERSON")]


def test_an_inner_capital_makes_a_brand_a_name_prefix_does_not(nlp):
    doc = nlp(
        "Investors cheered after TrelloNet released its model. McAllister and DeVane "
        "bought shares, and VanderBeek sold."
    )
    ents = [
        span(doc, "TrelloNet", "PERSON"),
        span(doc, "McAllister", "PERSON"),
        span(doc, "DeVane", "PERSON"),
        span(doc, "VanderBeek", "PERSON"),
    ]
    assert labelled(words(doc, ents)) == [
        ("TrelloNet", "ORG"),
        ("McAllister", "PERSON"),
        ("DeVane", "PERSON"),
        ("VanderBeek", "PERSON"),
    ]


def test_a_word_written_in_lower_case_elsewhere_is_no_name(nlp):
    doc = nlp(
        "Health officials reported new glorfitis cases on Friday. Glorfitis is a rare "
        "viral disease that spreads through contact."
    )
    ents = [span(doc, "Glorfitis", "PERSON")]
    assert words(doc, ents) == []


def test_a_lower_case_twin_keeps_a_name_capitalised_mid_sentence(nlp):
    doc = nlp(
        "Farmers sold their rice early. Rice is expected in Tarsk on Monday, where "
        "Mayor Anna Rice will meet them."
    )
    ents = [span(doc, "Rice", "PERSON"), span(doc, "Anna Rice", "PERSON")]
    assert labelled(words(doc, ents)) == [("Rice", "PERSON"), ("Anna Rice", "PERSON")]


def test_a_conjunct_of_an_organisation_is_an_organisation_unless_a_person_is_listed(nlp):
    doc = nlp(
        "Analysts say Korvell Labs and Zentrix lead the market. Zentrix and Pella Moru "
        "met the nine-year-old Quill and Harbor Works."
    )
    ents = [
        span(doc, "Korvell Labs", "ORG"),
        span(doc, "Zentrix", "PERSON"),
        span(doc, "Zentrix", "PERSON", nth=1),
        span(doc, "Pella Moru", "PERSON"),
        span(doc, "Quill", "PERSON"),
        span(doc, "Harbor Works", "ORG"),
    ]
    assert labelled(words(doc, ents)) == [
        ("Korvell Labs", "ORG"),
        ("Zentrix", "ORG"),  # every mention of the word follows
        ("Zentrix", "ORG"),
        ("Pella Moru", "PERSON"),
        ("Quill", "PERSON"),  # an age before the name: a living being
        ("Harbor Works", "ORG"),
    ]


def test_a_title_case_headline_is_no_evidence_of_a_name(nlp):
    doc = nlp(
        "More Glorf Power Needed to Meet Climate Goals\n"
        "Turbines that turn glorf into power are spreading. “Glorf power should grow "
        "fast,” the report says."
    )
    ents = [span(doc, "Glorf", "PERSON", nth=1)]
    assert words(doc, ents) == []


def test_the_possessor_of_a_persons_name_is_a_company_or_a_place(nlp):
    doc = nlp(
        "Analysts say Zentrix's Quorra leads the market, while Varnia's Ilko sold well. "
        "Mara Lind's Tessa said nothing."
    )
    ents = [
        span(doc, "Zentrix", "PERSON"),
        span(doc, "Quorra", "PERSON"),
        span(doc, "Varnia", "PERSON"),
        span(doc, "Ilko", "PERSON"),
        span(doc, "Mara Lind", "PERSON"),
        span(doc, "Tessa", "PERSON"),
    ]
    assert labelled(words(doc, ents)) == [
        ("Zentrix", "ORG"),
        ("Quorra", "PRODUCT"),  # a company's one-word name no full name of the text holds
        ("Varnia", "ORG"),  # not in the gazetteer
        ("Ilko", "PRODUCT"),  # no full name holds "Ilko", no verb of saying
        ("Mara Lind", "PERSON"),  # two words: a person may own a name ("Lind's Tessa", a horse)
        ("Tessa", "PERSON"),
    ]
    doc = nlp("Observers said Germany's Falk won.")
    ents = [span(doc, "Germany", "PERSON"), span(doc, "Falk", "PERSON")]
    assert labelled(words(doc, ents)) == [("Germany", "GPE"), ("Falk", "PERSON")]


def test_a_name_modifying_a_disease_noun_is_no_person(nlp):
    doc = nlp("Clinics in Tarsk braced for the Velox outbreak as Velox spread.")
    ents = [span(doc, "Velox", "PERSON"), span(doc, "Velox", "PERSON", nth=1)]
    assert words(doc, ents) == []


def test_a_companys_person_named_in_full_stays_a_person(nlp):
    doc = nlp("Harbor Works hired Dana Quill in May. Harbor Works's Quill will run the plant.")
    ents = [
        span(doc, "Harbor Works", "ORG"),
        span(doc, "Dana Quill", "PERSON"),
        span(doc, "Harbor Works", "ORG", nth=1),
        span(doc, "Quill", "PERSON", nth=1),
    ]
    assert labelled(words(doc, ents))[-1] == ("Quill", "PERSON")
    doc = nlp("Observers said Germany's Falk won, and Tarsk Motors's Velo sold well.")
    ents = [
        span(doc, "Germany", "GPE"),
        span(doc, "Falk", "PERSON"),
        span(doc, "Tarsk Motors", "ORG"),
        span(doc, "Velo", "PERSON"),
    ]
    assert labelled(words(doc, ents)) == [
        ("Germany", "GPE"),
        ("Falk", "PERSON"),  # a country's person: left alone
        ("Tarsk Motors", "ORG"),
        ("Velo", "PRODUCT"),
    ]
