"""Sixth round of issue 14 item 2: how content spans are cut and joined.
Small invented texts of the shapes the PolNeAR guideline describes; none
is taken from an article."""

from __future__ import annotations

from tests.extract.conftest import run_quotes

run = run_quotes


def test_an_object_content_takes_its_partial_quote_whole(nlp):
    text = (
        "The mayor called the harbour plan “a costly mistake for every family.” "
        "Then she left the hall."
    )
    quotes = [q for q in run(nlp, text) if "costly" in q.text]
    # One attribution for the cue "called", its object with the quotation it
    # opens (closing mark included), not a second record of the quotation alone.
    assert len(quotes) == 1, [(q.text, q.cue) for q in quotes]
    q = quotes[0]
    assert q.text.startswith("the harbour plan")
    assert q.text.rstrip(".").endswith("family.”") or q.text.endswith("”")
    assert q.kind == "mixed"
