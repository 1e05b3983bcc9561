"""Events, second pass: PLOVER type conventions and recipients, on sentences
invented for these tests (offsets checked by ``test_events.events``)."""

from __future__ import annotations

import pytest
from tests.extract.test_events import events, one

from storyline.nlp import load_nlp
from storyline.settings import Settings


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(Settings().model)


def texts(spans):
    return [s["text"] for s in spans]


@pytest.mark.parametrize(
    ("text", "typ", "mode"),
    [
        ("Settlers burned the offices of a local charity.", "COERCE", "destroy"),
        ("The defence minister resigned on Friday.", "RETREAT", None),
        ("The army lifted the curfew in the capital.", "CONCEDE", None),
        ("The alliance withdrew its observers from the region.", "SANCTION", "expel"),
        ("The rebels withdrew their fighters from the town.", "RETREAT", "withdraw"),
        ("The opposition protested that the vote was rigged.", "ACCUSE", "disapprove"),
        ("Students protested outside the parliament in Sofia.", "PROTEST", "demo"),
        ("The army prepared to attack the city.", "MOBILIZE", None),
    ],
)
def test_codebook_types(nlp, text, typ, mode):
    """Type conventions of the PLOVER manual the gold was coded with."""
    assert one(nlp, text, typ).mode == mode


def test_future_cooperation_reported_by_another_is_agree(nlp):
    e = one(nlp, "The ministry said the agency will provide food aid to the refugees.", "AGREE")
    assert e.reported_by["text"] == "ministry"
    assert texts(e.targets) == ["refugees"]


def test_forecast_of_cooperation_stays_predicted(nlp):
    found = events(nlp, "Analysts expect the agency will provide food aid to the refugees.")
    assert not any(e.type == "AGREE" for e in found)


def test_recipient_is_the_possessor_of_a_thing_object(nlp):
    e = one(nlp, "Chile rejected Peru's proposal on Monday.", "REJECT")
    assert texts(e.actors) == ["Chile"] and texts(e.targets) == ["Peru"]


def test_recipient_is_the_named_modifier_of_a_thing_object(nlp):
    e = one(nlp, "Chile rejected a Bolivian request for talks.", "REJECT")
    assert texts(e.targets) == ["Bolivian"]


def test_recipient_of_a_ditransitive_is_the_to_party(nlp):
    e = one(nlp, "Norway provided medical supplies to the Kenyan government.", "AID")
    assert texts(e.targets) == ["Kenyan government"]


def test_withdrawal_recipient_is_where_from(nlp):
    e = one(nlp, "Syria withdrew its troops from Lebanon.", "RETREAT")
    assert texts(e.targets) == ["Lebanon"]


def test_hostile_event_place_is_its_target_when_no_party(nlp):
    e = one(nlp, "The army imposed a curfew in Hebron.", "COERCE")
    assert texts(e.targets) == ["Hebron"] and e.place["text"] == "Hebron"


def test_addressee_of_an_appeal(nlp):
    e = one(nlp, "The president urged the rebels to lay down their arms.", "REQUEST")
    assert texts(e.targets) == ["rebels"]


def test_nominal_trigger_possessor_acts_on_the_prep_object(nlp):
    e = one(nlp, "Israel's attack on Gaza drew criticism.", "ASSAULT")
    assert texts(e.actors) == ["Israel"] and texts(e.targets) == ["Gaza"]


def test_protest_target_from_purpose_clause(nlp):
    e = one(
        nlp, "Farmers began a hunger strike to protest against Spain's new water law.", "PROTEST"
    )
    assert texts(e.targets) == ["Spain"]


def test_dateline_is_never_the_actor(nlp):
    text = "Tartu, Estonia – When Latvia recalled its ambassador on Monday, talks stalled."
    e = one(nlp, text, "SANCTION")
    assert all(a["text"] not in ("Tartu", "Estonia") for a in e.actors)
    assert all(t["text"] not in ("Tartu", "Estonia") for t in e.targets)


def test_moved_troops_are_no_recipient(nlp):
    e = one(nlp, "Georgian troops were deployed near the border.", "MOBILIZE")
    assert not any("troops" in t or "Georgian" in t for t in texts(e.targets))
