"""Entity kinds: hyphenated adjectives, known outlets and groups, organisations
by context, sentence-opening common nouns.

Every text here is the team's own, written in the shape of an error seen on
real news (never the corpus sentence). Each rule is checked on spans built by
hand in the wrong shape, so the check holds whatever the model predicts, and
the guards that keep real names are checked the same way.
"""

from __future__ import annotations

from tests.nlp.conftest import entity_span as span

from storyline.nlp.ner_corrections import DEFAULT_STEPS
from storyline.nlp.ner_kinds import compounds, contexts, kinds, openers


def labelled(ents) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in ents}


def test_the_kind_steps_run_by_default():
    for step in ("kinds", "contexts", "openers"):
        assert step in DEFAULT_STEPS
    assert DEFAULT_STEPS.index("openers") < DEFAULT_STEPS.index("consistency")


def test_a_hyphenated_adjective_is_no_name_its_place_is(nlp):
    doc = nlp("The Lisbon-based charity and a Hamas-led council met the Orvel-backed group.")
    ents = [
        span(doc, "Lisbon-based", "EVENT"),
        span(doc, "Hamas-led", "ORG"),
        span(doc, "Orvel-backed", "NORP"),
    ]
    assert labelled(compounds(doc, ents)) == {("Lisbon", "GPE"), ("Hamas", "ORG")}


def test_known_outlets_are_organisations_and_a_pair_is_split(nlp):
    doc = nlp("Reports by The Financial Times and The Wall Street Journal named the ship.")
    assert labelled(kinds(doc, [span(doc, "The Financial Times", "EVENT")])) == {
        ("The Financial Times", "ORG")
    }
    pair = span(doc, "Financial Times and The Wall Street Journal", "EVENT")
    assert labelled(kinds(doc, [pair])) == {
        ("Financial Times", "ORG"),
        ("The Wall Street Journal", "ORG"),
    }
    # a one-word outlet name is a common word or a place too: left alone
    doc = nlp("Residents of the Atlantic resort left.")
    assert labelled(kinds(doc, [span(doc, "Atlantic", "GPE")])) == {("Atlantic", "GPE")}


def test_ethnic_and_religious_groups_are_norp(nlp):
    doc = nlp(
        "The Kurds and Yazidis fled. Tamils, Sikhs and others stayed. The Uyghurs Orvelia held."
    )
    ents = [
        span(doc, "Kurds", "ORG"),
        span(doc, "Yazidis", "PERSON"),
        span(doc, "Tamils, Sikhs", "ORG"),
        span(doc, "Uyghurs Orvelia", "GPE"),
    ]
    got = labelled(kinds(doc, ents))
    assert {("Kurds", "NORP"), ("Yazidis", "NORP"), ("Tamils", "NORP"), ("Sikhs", "NORP")} <= got
    # a made-up country is in no gazetteer: the pair is left alone then
    assert ("Uyghurs Orvelia", "GPE") in got
    doc = nlp("The Uyghurs Japan held were freed.")
    assert labelled(kinds(doc, [span(doc, "Uyghurs Japan", "GPE")])) == {
        ("Uyghurs", "NORP"),
        ("Japan", "GPE"),
    }


def test_a_person_by_context_is_a_group_or_company(nlp):
    doc = nlp(
        "The Vossk Jaran conflict has lasted years. Mining firm Tellurex cut jobs. "
        "Tellurex later hired more. Ambrel chief Ona Viik spoke, and Ambrel shares fell."
    )
    ents = [
        span(doc, "Vossk Jaran", "PERSON"),
        span(doc, "Tellurex", "PERSON"),
        span(doc, "Tellurex", "PERSON", nth=1),
        span(doc, "Ambrel", "PERSON"),
        span(doc, "Ona Viik", "PERSON"),
    ]
    got = [(e.text, e.label_) for e in contexts(doc, ents)]
    assert got == [
        ("Vossk Jaran", "ORG"),
        ("Tellurex", "ORG"),
        ("Tellurex", "ORG"),  # every mention of the name follows
        ("Ambrel", "ORG"),
        ("Ona Viik", "PERSON"),
    ]


def test_a_role_at_an_organisation_and_an_enumeration_of_them(nlp):
    doc = nlp(
        "said Ilse Marr, policy director for Wildwings Orvel. Armed groups, including "
        "Red Dawn and the Hill Front, attacked. Apps like Quibly, Zoomr and other social "
        "platforms grew."
    )
    ents = [
        span(doc, "Wildwings Orvel", "PERSON"),
        span(doc, "Red Dawn", "PERSON"),
        span(doc, "Zoomr", "PERSON"),
        span(doc, "Ilse Marr", "PERSON"),
    ]
    got = labelled(contexts(doc, ents))
    assert got == {
        ("Wildwings Orvel", "ORG"),
        ("Red Dawn", "ORG"),
        ("Zoomr", "ORG"),
        ("Ilse Marr", "PERSON"),
    }


def test_a_launched_name_is_a_product(nlp):
    doc = nlp("Tellgo, which has launched Vessa Bot, said the gap widened.")
    ents = [span(doc, "Tellgo", "ORG"), span(doc, "Vessa Bot", "PERSON")]
    assert labelled(contexts(doc, ents)) == {("Tellgo", "ORG"), ("Vessa Bot", "PRODUCT")}


def test_guards_keep_people(nlp):
    doc = nlp(
        "Trump chief of staff Mara Quill spoke. Mara Quill said no. "
        "Campaign manager for Tomas Reed, Ana Bell, left. The lawyer for Ivo Kask agreed."
    )
    ents = [
        span(doc, "Trump", "PERSON"),
        span(doc, "Mara Quill", "PERSON"),
        span(doc, "Tomas Reed", "PERSON"),
        span(doc, "Ivo Kask", "PERSON"),
    ]
    assert all(e.label_ == "PERSON" for e in contexts(doc, ents))
    doc = nlp("Reed supporters rallied. Kask loyalists stayed home.")
    ents = [span(doc, "Reed", "PERSON"), span(doc, "Kask", "PERSON")]
    assert all(e.label_ == "PERSON" for e in contexts(doc, ents))
    # a place before a group noun is the place
    doc = nlp("Gaza fighters fired rockets.")
    assert labelled(contexts(doc, [span(doc, "Gaza", "PERSON")])) == {("Gaza", "GPE")}


def test_a_sentence_opening_common_noun_is_no_name(nlp):
    doc = nlp(
        "The plane came down near the coast. Wreckage was found on the beach. "
        "Debris and Wreckage & cargo lay there."
    )
    # "Wreckage" also capitalised mid-sentence: it may be a name there, kept
    kept = openers(doc, [span(doc, "Wreckage", "ORG")])
    assert labelled(kept) == {("Wreckage", "ORG")}
    doc = nlp("The plane came down near the coast. Wreckage & debris lay on the beach for days.")
    assert openers(doc, [span(doc, "Wreckage", "ORG")]) == []


def test_a_name_opening_a_sentence_stays(nlp):
    doc = nlp("Reuters reported the vote. Brown has resigned. Smith said it was over.")
    ents = [span(doc, "Reuters", "ORG"), span(doc, "Brown", "PERSON"), span(doc, "Smith", "PERSON")]
    assert labelled(openers(doc, ents)) == labelled(ents)


def test_the_mention_extractor_leaves_hyphenated_adjectives_out(nlp):
    from storyline.extract.mentions import extract_mentions
    from storyline.model import Metadata, ParsedDocument, RawDocument

    text = "The Lisbon-based group and the Oslo-based fund met in Lisbon on Monday."
    raw = RawDocument.create("t.txt", text, text.encode(), "txt")
    parsed = ParsedDocument(raw=raw, spans=[], metadata=Metadata(), doc=nlp(text))
    names = [m.text for m in extract_mentions(parsed)]
    assert not any(n.endswith("-based") for n in names)
    for m in extract_mentions(parsed):
        assert text[m.start : m.end] == m.text
