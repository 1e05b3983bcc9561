"""Eighth round of issue 14 item 2: direct-quote speakers, record
segmentation and interview transcripts. Small invented texts; none is taken
from an article."""

from __future__ import annotations

from tests.extract.conftest import run_quotes

run = run_quotes


def _speaker(q) -> str | None:
    return (q.speaker or {}).get("text") or (q.source or {}).get("text")


def test_a_participle_cue_takes_the_subject_before_its_quotation(nlp):
    text = (
        "At the hearing, the senator declared, “The bridge will be finished by May,” "
        "adding, “Nobody in this county will wait another winter.”"
    )
    quotes = [q for q in run(nlp, text) if "Nobody" in q.text]
    assert len(quotes) == 1, [(q.text, q.cue) for q in run(nlp, text)]
    assert _speaker(quotes[0]) == "the senator"


def test_the_object_after_a_participle_cue_is_no_speaker(nlp):
    from tests.extract.test_quote_sixth_round import context

    from storyline.extract.quotes.proposals.cue_source import speaker_beside

    ctx = context(
        nlp,
        "The mayor shot back: “If they close the port, they will lose,” "
        "referencing the three shipping firms in the harbour.",
    )
    cue = next(t for t in ctx.doc if t.text == "referencing")
    rng = speaker_beside(ctx, cue)
    # The subject before the quotation, or nothing; never the participle's object.
    assert rng is None or ctx.doc[rng[0] : rng[1]].text == "The mayor", rng
    assert rng is None or "firms" not in ctx.doc[rng[0] : rng[1]].text


def test_a_verb_with_its_own_object_in_the_next_sentence_is_not_the_cue(nlp):
    text = (
        "“We will not close the clinic,” she said. “The town needs it more than ever.” "
        "She noted a planned fundraiser on Friday in the old library."
    )
    quotes = run(nlp, text)
    inner = [q for q in quotes if "town needs" in q.text]
    assert inner, [(q.text, q.cue) for q in quotes]
    # The second quotation goes on from "she said", not from "noted".
    assert all((q.cue or {}).get("lemma") != "note" for q in inner), [q.cue for q in inner]


def test_an_addressed_object_keeps_its_verb_as_the_cue(nlp):
    from storyline.extract.quotes.proposals import direct as D

    # "asked X" names the person asked: "Did you ...?" Obama asked the crowd.
    assert "ask" in D.R.ADDRESSED_OBJECT_VERBS
    doc = nlp("Why are you still here? The coach asked the players. They laughed.")
    asked = next(t for t in doc if t.text == "asked")
    group = type("G", (), {"start": 0, "end": 0})()
    assert not D.object_elsewhere(asked, group)


def test_a_cueless_quotation_paragraph_continues_the_quotation_before(nlp):
    text = (
        "The council met on Monday.\n\n"
        "“We cannot keep the pool open all winter,” said Mara Lind, the council treasurer.\n\n"
        "“The heating alone would cost more than the whole sports budget.”\n\n"
        "The vote is on Friday."
    )
    quotes = [q for q in run(nlp, text) if q.kind == "direct"]
    both = [q for q in quotes if "pool" in q.text and "heating" in q.text]
    # One record, two fragments (the attribution between them is no content).
    assert len(both) == 1, [(q.text, q.fragments) for q in quotes]
    q = both[0]
    assert len(q.fragments) == 2
    assert all("said" not in text[f["start"] : f["end"]] for f in q.fragments)
    assert "Lind" in _speaker(q)


def test_a_quotation_paragraph_after_a_cue_before_its_quotation_stays_apart(nlp):
    text = (
        "Mara Lind, the council treasurer, said: “We cannot keep the pool open all winter.”\n\n"
        "“The heating alone would cost more than the whole sports budget.”"
    )
    quotes = [q for q in run(nlp, text) if q.kind == "direct"]
    assert not any("pool" in q.text and "heating" in q.text for q in quotes), [
        q.text for q in quotes
    ]


def test_a_quotation_two_paragraphs_on_is_not_joined(nlp):
    text = (
        "“We cannot keep the pool open all winter,” said Mara Lind, the council treasurer.\n\n"
        "The council has argued about the pool for years.\n\n"
        "“The heating alone would cost more than the whole sports budget.”"
    )
    quotes = run(nlp, text)
    assert not any("pool open" in q.text and "heating" in q.text for q in quotes)


_INTERVIEW = [
    "Former envoy says the islands need patience",
    "Former envoy Dan Harlow spoke with {outlet} about the islands and the talks.",
    "{asker}: Do you think the talks will resume this year?",
    "Harlow: I think they will, but slowly. Both sides need time to trust each other again.",
    "{asker}: The fleet has grown. What should Washington do about it?",
    "Harlow: Keep the channels open and listen to the neighbours first.",
]


def _interview(sep: str, outlet: str = "VOA", asker: str = "VOA") -> str:
    lines = [x.format(outlet=outlet, asker=asker) for x in _INTERVIEW]
    return lines[0] + "\n\n" + sep.join(lines[1:])


def test_an_interviewers_questions_are_no_statements_and_answers_are_the_interviewees(nlp):
    for sep in ("\n\n", " "):  # lines of their own, or run into one paragraph
        text = _interview(sep)
        quotes = run(nlp, text)
        said = [(_speaker(q), q.text) for q in quotes]
        assert not any("talks will resume" in t or "What should" in t for _, t in said), said
        assert not any(s == "VOA" for s, _ in said), said
        answers = [q for q in quotes if _speaker(q) == "Harlow"]
        assert any(q.text.startswith("I think they will") for q in answers), said
        assert any(q.text.startswith("Keep the channels open") for q in answers), said
        assert all((q.cue or {}).get("text") == ":" for q in answers)


def test_any_label_whose_turns_are_all_questions_is_the_asking_side(nlp):
    # Not a known outlet: "Rivera" asks every time, so "Rivera" is the interviewer.
    text = _interview("\n\n", outlet="our reporter", asker="Rivera")
    said = [(_speaker(q), q.text) for q in run(nlp, text)]
    assert not any(s == "Rivera" for s, _ in said), said
    assert any(s == "Harlow" and t.startswith("Keep the channels") for s, t in said), said


def test_labelled_lines_without_questions_are_no_interview(nlp):
    from tests.extract.test_quote_sixth_round import context

    from storyline.extract.quotes.proposals.interviews import askers, turns

    ctx = context(
        nlp, "Schedule\n\nMonday: The hall opens at nine.\n\nTuesday: The hall is closed."
    )
    assert askers(ctx.text, turns(ctx)) == set()


def _after_cue(nlp, text: str, cue_word: str):
    """The quote context and an attribution of everything after ``cue_word``."""
    from tests.extract.test_quote_sixth_round import context

    from storyline.extract.quotes.attribution import Attribution

    ctx = context(nlp, text)
    cue = next(t for t in ctx.doc if t.text == cue_word)
    s, e = cue.idx + len(cue.text) + 1, len(text.rstrip("."))
    return ctx, Attribution(s, e, "indirect", [(s, e)], cue=cue, source=(0, 2))


def test_an_aside_after_the_last_noun_is_cut_off_the_content(nlp):
    from storyline.extract.quotes.tails import trim_tail

    text = "The bishop praised Pope Francis, who preaches a message of mercy in every country."
    ctx, a = _after_cue(nlp, text, "praised")
    trim_tail(ctx, a)
    assert text[a.start : a.end] == "Pope Francis"
    assert a.frags == [(a.start, a.end)]


def test_a_restrictive_clause_and_a_quotation_stay_in_the_content(nlp):
    from storyline.extract.quotes.tails import trim_tail

    text = "The mayor backed the plan that the council drafted in the spring."
    ctx, a = _after_cue(nlp, text, "backed")
    before = (a.start, a.end)
    trim_tail(ctx, a)
    assert (a.start, a.end) == before  # no comma: the clause says which plan
    text = "The mayor said: “We backed Pope Francis, who preaches mercy in every land.”"
    ctx, a = _after_cue(nlp, text, "said")
    a.kind = "direct"
    before = (a.start, a.end)
    trim_tail(ctx, a)
    assert (a.start, a.end) == before
