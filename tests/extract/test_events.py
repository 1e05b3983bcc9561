"""Political events (PLOVER): sentences invented for these tests, a fixed
document date (Sunday 13 March 2022), and offsets that always point at the text."""

from __future__ import annotations

import pytest

from storyline.extract.events import extract_events
from storyline.extract.events.lexicon import NOUNS, PHRASES, TYPES, VERBS, inflections
from storyline.extract.timexes import extract_timexes
from storyline.model import MODALITIES, Metadata, ParsedDocument, RawDocument
from storyline.nlp import load_nlp
from storyline.settings import Settings

DCT = "2022-03-13"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(Settings().model)


def check_offsets(text: str, event) -> None:
    """Every span of an event is exactly the text at its offsets."""
    assert text[event.start : event.end] == event.text
    parts = [event.trigger, *event.actors, *event.targets, event.place, event.time]
    parts.append(event.reported_by)
    for part in parts:
        if part is not None:
            assert text[part["start"] : part["end"]] == part["text"]


def events(nlp, text: str):
    raw = RawDocument.create("t.txt", text, text.encode(), "txt", dct=DCT)
    parsed = ParsedDocument(raw=raw, spans=[], metadata=Metadata(), doc=nlp(text))
    parsed.results["timexes"] = extract_timexes(parsed)
    out = extract_events(parsed)
    for e in out:
        check_offsets(text, e)
        assert e.type in TYPES
        assert e.modality in MODALITIES
        assert 0.0 <= e.confidence <= 1.0
    return out


def one(nlp, text: str, typ: str):
    found = [e for e in events(nlp, text) if e.type == typ]
    assert found, f"no {typ} event in {text!r}: {events(nlp, text)}"
    return found[0]


def test_assault_with_actor_target_and_time(nlp):
    e = one(nlp, "Russian forces shelled Kharkiv on Monday.", "ASSAULT")
    assert e.trigger["text"] == "shelled"
    assert [a["text"] for a in e.actors] == ["Russian forces"]
    assert [t["text"] for t in e.targets] == ["Kharkiv"]
    assert e.time["text"] == "Monday" and e.time["value"] == "2022-03-07"
    assert e.modality == "asserted" and e.reported_by is None
    assert e.confidence >= 0.5  # calibrated: a full event is not uncertain


def test_hedged_event(nlp):
    e = one(nlp, "Belarus may be drawn into the war.", "ASSAULT")
    assert e.modality == "hedged"


def test_denied_event_is_negated_and_attributed(nlp):
    e = one(nlp, "Lukashenko denied sending troops to the border.", "MOBILIZE")
    assert e.modality == "negated"
    assert [a["text"] for a in e.actors] == ["Lukashenko"]


def test_reported_event(nlp):
    e = one(nlp, "The ministry said troops had been sent to the border.", "MOBILIZE")
    assert e.reported_by is not None and e.reported_by["text"] == "ministry"
    assert e.modality == "asserted"


def test_according_to_is_the_source(nlp):
    e = one(nlp, "According to the navy, enemy ships shelled the port of Odesa.", "ASSAULT")
    assert e.reported_by is not None and "navy" in e.reported_by["text"]


def test_protest_with_place(nlp):
    e = one(nlp, "Thousands protested in Minsk.", "PROTEST")
    assert e.place is not None and e.place["text"] == "Minsk"


def test_sentence_without_events(nlp):
    assert events(nlp, "The weather was mild and the children played in the garden.") == []


def test_phrases_and_light_verbs(nlp):
    e = one(nlp, "The council imposed sanctions on Narnia on Friday.", "SANCTION")
    assert e.trigger["text"] == "imposed sanctions"
    assert [t["text"] for t in e.targets] == ["Narnia"]
    e = one(nlp, "Rebels opened fire on a police convoy.", "ASSAULT")
    assert e.mode == "firearms"
    e = one(nlp, "Students staged a rally outside the parliament.", "PROTEST")
    assert e.pattern.startswith("light:")


def test_controllers_make_one_event(nlp):
    found = events(nlp, "Freedonia and Sylvania agreed to cooperate on border security.")
    assert [e.type for e in found] == ["AGREE"]
    assert [a["text"] for a in found[0].actors] == ["Freedonia", "Sylvania"]
    e = one(nlp, "The United Nations urged Freedonia to stop the offensive.", "REQUEST")
    assert [t["text"] for t in e.targets] == ["Freedonia"]
    assert one(nlp, "Sylvania refused to release the prisoners.", "REJECT")


def test_negation_and_prediction(nlp):
    assert one(nlp, "The army did not attack the city.", "ASSAULT").modality == "negated"
    e = one(nlp, "Analysts expect that Freedonia will attack the border towns.", "ASSAULT")
    assert e.modality == "predicted" and e.reported_by["text"] == "Analysts"


def test_stated_intent_is_coded_as_plover_does(nlp):
    # A stated intent to do something cooperative is AGREE, hostile THREATEN.
    e = one(nlp, "Freedonia will send humanitarian aid to the refugees.", "AGREE")
    assert e.pattern.startswith("intent:AID")
    assert one(nlp, "The rebels said they would blockade the capital.", "THREATEN")


def test_nominal_trigger_with_actor(nlp):
    e = one(nlp, "Russian airstrikes on the harbour continued overnight.", "ASSAULT")
    assert e.trigger["text"] == "airstrikes"
    assert [a["text"] for a in e.actors] == ["Russian"]


def test_lemmatizer_slip_found_by_form():
    assert "staged" in inflections("stage")
    assert "protesting" in inflections("protest")


def test_lexicon_rows_use_the_label_set():
    senses = [*VERBS.values(), *NOUNS.values(), *PHRASES.values()]
    assert {s.type for s in senses} <= set(TYPES)
    assert len({s.type for s in senses}) == len(TYPES)  # every type has a trigger


def test_a_time_is_never_an_actor_or_a_recipient(nlp) -> None:
    found = events(nlp, "At least 1,200 people had been evacuated by midnight, officials said.")
    assert found  # the evacuation is found, without "midnight" as its agent
    for ev in found:
        assert all(span["text"] != "midnight" for span in ev.actors + ev.targets)


def test_a_finite_conjunct_does_not_inherit_the_first_verbs_negation(nlp):
    """'did not X, criticised Y and ...': only X is denied."""
    text = (
        "The league did not recognise the results, criticised the mayor for a harsh "
        "crackdown on protests and imposed heavy fines that made the club more "
        "dependent on its owners."
    )
    by_lemma = {e.trigger["lemma"]: e.modality for e in events(nlp, text)}
    assert by_lemma["recognise"] == "negated"
    assert by_lemma["criticise"] == "asserted"


def test_a_structure_giving_way_is_no_concession(nlp):
    # a fronted "in which" is no particle of "give in"; "give way" of a dam is a collapse
    text = "Engineers said there is no case in which the Orvel Dam gives way."
    assert not [e for e in events(nlp, text) if e.type == "CONCEDE"]
    text = "The old Orvel Dam gave way in the night after heavy rain."
    assert not [e for e in events(nlp, text) if e.type == "CONCEDE"]


def test_a_particle_after_its_verb_still_makes_the_phrase(nlp):
    one(nlp, "After weeks of strikes, the Tarsk government gave in to the miners.", "CONCEDE")


def test_a_fronted_preposition_is_no_particle(nlp):
    text = "This is the hall in which the Tarsk minister gave a long speech."
    assert not [e for e in events(nlp, text) if e.type == "CONCEDE"]


def test_a_fronted_preposition_still_blocks_a_non_event(nlp):
    # a parse (built by hand) where "In the statement" hangs on "released":
    # "release" + "statement" is no event, wherever "statement" stands
    from spacy.tokens import Doc

    from storyline.extract.events.triggers import verbal_sense

    doc = Doc(
        nlp.vocab,
        words=["In", "the", "statement", "released", "later", "."],
        heads=[3, 2, 0, 3, 3, 3],
        deps=["prep", "det", "pobj", "ROOT", "advmod", "punct"],
        lemmas=["in", "the", "statement", "release", "later", "."],
        pos=["ADP", "DET", "NOUN", "VERB", "ADV", "PUNCT"],
    )
    assert verbal_sense(doc[3]) is None
    doc[2].lemma_ = "prisoner"  # anything else: "released" is an event again
    assert verbal_sense(doc[3]) is not None
