"""Source climbing from a cue to its speaker (``extract/quotes/syntax.py``)."""

from __future__ import annotations

import pytest

from storyline.extract.quotes import rules as R
from storyline.extract.quotes import syntax as S
from storyline.nlp import load_nlp
from storyline.settings import Settings


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(Settings().model)


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # An adjective cue's speaker is the subject of its copula.
        ("Many residents are afraid that the dam will fail.", "afraid", "residents"),
        # The node reached by the last allowed climb is asked for its subject
        # too: criticizing -acl-> posts -pobj-> of -prep-> series -dobj-> unleashed.
        ("The mayor unleashed a series of posts criticizing the council.", "criticizing", "mayor"),
        ("Olsen sent the board a letter opposing the plan.", "opposing", "Olsen"),
    ],
)
def test_source_climbs_to_the_subject(nlp, text, cue, source) -> None:
    doc = nlp(text)
    tok = next(t for t in doc if t.text == cue)
    found = S.source_token(tok, R.SOURCE_CLIMB_DEPS, R.SOURCE_CLIMB)
    assert found is not None and found.text == source


def test_climbing_stops_after_the_allowed_steps(nlp) -> None:
    doc = nlp("The mayor unleashed a series of posts criticizing the council.")
    tok = next(t for t in doc if t.text == "criticizing")
    assert S.source_token(tok, R.SOURCE_CLIMB_DEPS, 3) is None
