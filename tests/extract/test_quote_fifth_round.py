"""Fifth round of issue 14 item 2: a poll that frames a share's statement
("In a poll, 31% said ..."), datelines kept out of speakers, brackets of a
speaker's party label closed. Small invented texts of the shapes the
PolNeAR guideline describes; none is taken from an article."""

from __future__ import annotations

from tests.extract.conftest import run_quotes

from storyline.extract.quotes import sources as SRC

run = run_quotes


def only(quotes, word: str):
    hits = [q for q in quotes if word in q.text]
    assert len(hits) == 1, [(q.text, q.cue) for q in quotes]
    return hits[0]


def test_a_poll_that_frames_the_share_is_its_source(nlp):
    text = (
        "In a statewide Harbor Institute poll released Monday, 41 percent of voters said "
        "the new ferry tax was unfair."
    )
    q = only(run(nlp, text), "ferry tax")
    assert q.cue is not None and q.cue["text"] == "In"
    assert q.source is not None and "poll" in q.source["text"]
    assert q.speaker is None  # a poll is no speaker to show
    assert q.text.startswith("41 percent")  # the share is part of what the poll says


def test_a_poll_inside_the_share_leaves_the_share_as_source(nlp):
    text = "Some 30 percent of people in a recent Harbor Institute poll said the tax was unfair."
    q = only(run(nlp, text), "tax was unfair")
    assert q.cue is not None and q.cue["text"] == "said"
    assert q.source is not None and q.source["text"].startswith("Some 30 percent")


def test_a_dateline_is_cut_off_the_speaker(nlp):
    text = "RIVERTON, Ore. (AP) — Governor Ann Lee said Tuesday the bridge will reopen in May."
    q = only(run(nlp, text), "bridge")
    assert q.speaker is not None and q.speaker["text"] == "Governor Ann Lee"


def test_a_source_that_is_only_the_dateline_becomes_the_words_after_it(nlp):
    doc = nlp("LONDON (Reuters) — Mayor Tom Briggs pledged to reopen the bridge.")
    cue = next(t for t in doc if t.text == "pledged")
    assert SRC.past_dateline(doc, (0, 4), cue) == (5, 8)


def test_a_dash_after_a_name_is_no_dateline(nlp):
    doc = nlp("Jason Hill — a teacher from Salem — says he will vote for the levy.")
    cue = next(t for t in doc if t.text == "says")
    assert SRC.past_dateline(doc, (0, 2), cue) == (0, 2)
    doc = nlp("Sen. Ann Lee (D-Ore.) said the bill would pass.")
    cue = next(t for t in doc if t.text == "said")
    assert SRC.past_dateline(doc, (0, 3), cue) == (0, 3)


def test_a_speakers_party_label_keeps_its_closing_bracket(nlp):
    text = "After the vote, Gov. Mary Walsh (R-Ore.), said, “We are going to keep going.”"
    q = only(run(nlp, text), "keep going")
    assert q.speaker is not None and q.speaker["text"].endswith(")")
    assert q.speaker["text"].count("(") == q.speaker["text"].count(")")


def test_a_poll_that_frames_a_finding_is_its_source(nlp):
    text = "In a Harbor Institute poll released Monday, Mayor Lee led her rival by 12 points."
    q = only(run(nlp, text), "led her rival")
    assert q.cue is not None and q.cue["text"] == "In"
    assert q.source is not None and q.source["text"].startswith("a Harbor Institute poll")
    assert q.speaker is None
    assert "poll" not in q.text  # the poll phrase is the source, not the content


def test_a_poll_after_its_verb_frames_nothing(nlp):
    # "mired in single digits in polls": the phrase only says where, measured
    # on PolNeAR train as an attribution one time in three.
    text = "The former governor has been stuck in single digits in recent polls."
    assert not [q for q in run(nlp, text) if q.cue and q.cue["text"] == "in"]


def test_according_to_before_a_quotation_gives_its_speaker(nlp):
    # Without the rule the quotation went to the next sentence's verb.
    text = (
        "The council met on Monday.  According to the Harbour Gazette, “The council has "
        "ignored the ferry problem for years and residents are tired of waiting.”  "
        "The mayor did not reply."
    )
    q = only(run(nlp, text), "ferry problem")
    assert q.speaker is not None and q.speaker["text"] == "the Harbour Gazette"
    assert q.cue is not None and q.cue["text"] == "According to"


def test_an_answer_word_is_the_content_of_a_verb_of_saying(nlp):
    text = "Asked whether the ferry tax was fair, 46 percent of riders said yes."
    q = only(run(nlp, text), "yes")
    assert q.text == "yes" and q.cue is not None and q.cue["text"] == "said"


def test_said_no_to_something_is_no_answer(nlp):
    text = "The council said no to the new ferry tax."
    assert not [q for q in run(nlp, text) if q.text == "no"]
