"""Events: who acts when the subject is a quantity ("the vast majority of
whom", "most", "half of the members"), on sentences invented for these tests
(offsets checked by ``test_events.events``)."""

from __future__ import annotations

import pytest
from tests.extract.test_events import one

from storyline.nlp import load_nlp
from storyline.settings import Settings


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(Settings().model)


def actors(event) -> list[str]:
    return [a["text"] for a in event.actors]


@pytest.mark.parametrize(
    ("text", "typ", "actor"),
    [
        # a relative pronoun in the "of" phrase: the clause's antecedent acts
        (
            "The floods also hurt the villagers, the vast majority of whom oppose the dam.",
            "REJECT",
            ["villagers"],
        ),
        (
            "The delegates, many of whom criticised the government, voted for the plan.",
            "ACCUSE",
            ["delegates"],
        ),
        # a quantity with a named group: the group acts, as before
        ("Half of the members rejected the proposal on Monday.", "REJECT", ["members"]),
        ("Dozens of protesters attacked the police station.", "ASSAULT", ["protesters"]),
        # a bare quantity names nobody: no actor rather than a fragment
        ("The vast majority rejected the deal.", "REJECT", []),
        ("Most of them rejected the new tax.", "REJECT", []),
    ],
)
def test_quantity_subjects(nlp, text, typ, actor):
    event = one(nlp, text, typ)
    assert actors(event) == actor
    assert not any(a.split()[-1] in {"whom", "which", "majority"} for a in actors(event))
