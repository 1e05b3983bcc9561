"""Attribution precision on news-shaped text (``extract/quotes/vetting.py``).

Each test is a small invented text of the shape of an error seen on real
news: narration taken for speech, places, numbers and fragments as
speakers, coordinated subjects merged, a channel inside the content, one
statement listed twice.
"""

from __future__ import annotations

from tests.extract.conftest import run_quotes

from storyline.extract.quotes import vet_rules as V

run = run_quotes


def speakers(quotes) -> list[str]:
    return [(q.speaker or {}).get("text", "") for q in quotes]


def test_a_standalone_quote_takes_no_narration_verb_as_cue(nlp):
    text = (
        "\u201cPrices will rise this winter,\u201d Oskar Lind said. "
        "\u201cFarmers can adapt with fewer trucks and smaller loads.\u201d "
        "The regional council could impose new limits on grain exports."
    )
    quotes = run(nlp, text)
    farmers = [q for q in quotes if "Farmers can adapt" in q.text]
    assert farmers, quotes
    for q in farmers:
        assert (q.cue or {}).get("lemma") != "impose"
        assert "council" not in (q.speaker or {}).get("text", "")


def test_a_later_sentence_of_narration_is_not_the_quotes_cue(nlp):
    text = (
        "\u201cThe old bridge should stay closed,\u201d Mara Ilves said. "
        "\u201cWe measured the cracks last spring and they keep growing.\u201d "
        "The mayor and the governor also publicly disagreed about the repairs."
    )
    for q in run(nlp, text):
        if "We measured" in q.text:
            assert (q.cue or {}).get("lemma") != "disagree"
            assert "mayor" not in (q.speaker or {}).get("text", "")


def test_told_the_truth_is_no_channel_and_narration_before_it_no_speech(nlp):
    text = (
        "Last week the governor sat down with a radio host and did something "
        "unusual: she told the truth."
    )
    quotes = run(nlp, text)
    assert not [q for q in quotes if "sat down" in q.text], [q.text for q in quotes]
    assert all("truth" not in (q.channel or {}).get("text", "") for q in quotes)


def test_the_outlet_told_is_a_channel_not_content(nlp):
    text = "Pavel Drozd, a retired colonel, told Al Jazeera Russia may send more troops soon."
    (q,) = run(nlp, text)
    assert not q.text.startswith("Al Jazeera")
    assert q.text.startswith("Russia may")
    assert q.channel is not None and "Al Jazeera" in q.channel["text"]


def test_an_audience_noun_after_told_stays_a_channel(nlp):
    text = "Olek Marsh told reporters the bridge would reopen in May."
    (q,) = run(nlp, text)
    assert q.channel is not None and q.channel["text"] == "told reporters"


def test_a_number_phrase_is_no_speaker(nlp):
    text = "Only 13 percent of farmers expressed support for the new plan."
    assert all("percent" not in s for s in speakers(run(nlp, text)))


def test_a_place_doing_something_is_no_speaker_but_may_say(nlp):
    acting = run(nlp, "Warsaw has not thrown its full support behind the plan.")
    assert "Warsaw" not in speakers(acting)
    saying = run(nlp, "Warsaw said the plan would cost too much.")
    assert "Warsaw" in speakers(saying)


def test_a_bare_plural_of_things_is_no_speaker(nlp):
    text = "Explanations were circulating on social media about how to avoid the draft."
    assert "Explanations" not in speakers(run(nlp, text))


def test_a_bare_plural_of_people_with_a_verb_of_saying_is_a_speaker(nlp):
    text = "Critics say the new dam will flood three villages."
    assert "Critics" in speakers(run(nlp, text))


def test_a_possessive_fragment_is_no_speaker(nlp):
    text = (
        "Ivanovs fears grow as troops mass near the border\n\n"
        "President Boris Ivanov said on Monday the troops would stay."
    )
    assert "Ivanovs" not in speakers(run(nlp, text))


def test_coordinated_speakers_are_named_as_a_coordination(nlp):
    text = "Mayor Anna Berg and Governor Tomas Lind said the dam would hold through spring."
    (q,) = run(nlp, text)
    assert q.speaker["kind"] == V.COORDINATION_KIND
    assert q.speaker["text"] == "Mayor Anna Berg and Governor Tomas Lind"
    assert q.speaker["antecedent"] is None


def test_the_same_statement_once_per_article(nlp):
    line = "\u201cThe levee will hold through the spring floods,\u201d the agency said.\n\n"
    text = line + "Officials met on Friday to plan the repairs.\n\n" + line
    quotes = [q for q in run(nlp, text) if "levee" in q.text]
    assert len(quotes) == 1


def test_a_relative_pronoun_speaker_is_resolved_to_the_noun_it_stands_for(nlp):
    text = "The ferry is run by Olek Marsh, who said the pier would close in May."
    (q,) = [q for q in run(nlp, text) if "pier" in q.text]
    assert q.speaker["text"] == "who"
    assert q.speaker["antecedent"]["text"] == "Olek Marsh"


def test_an_inverted_cue_before_a_quotation_takes_the_name_beside_it(nlp):
    # The parser gives "Said" no subject here: the name beside the cue speaks.
    text = (
        "Analysts say the plans would make the rules more complicated. "
        "Said Frost: \u201cI don\u2019t get the sense she\u2019s the least bit interested "
        "in reform.\u201d"
    )
    (q,) = [q for q in run(nlp, text) if "reform" in q.text]
    assert q.speaker is not None and q.speaker["text"] == "Frost"


def test_a_cue_with_its_own_clause_is_not_the_cue_of_the_quote_before_it(nlp):
    text = (
        "\u201cThe harbour is silting up fast,\u201d said Olek Marsh, a retired pilot. "
        "\u201cShips will have to wait for the tide.\u201d "
        "Port director Anna Berg on Monday said dredging would start in June."
    )
    for q in run(nlp, text):
        if "wait for the tide" in q.text:
            assert "Berg" not in (q.speaker or {}).get("text", ""), q.speaker


def test_an_action_is_marked_not_reporting_and_words_are(nlp):
    text = (
        "The governor signed the new water law on Friday. "
        "The mayor criticized the law as too costly, and the council said the law would "
        "raise prices. The farmers criticized the law."
    )
    cues = {}
    for q in run(nlp, text):
        if q.cue:
            cues.setdefault(q.cue["lemma"], []).append(q.cue["reporting"])
    assert cues.get("say") == [True]
    assert cues["sign"] == [False]
    # A speech act with a claim ("as too costly") reports words; with a bare
    # noun phrase it names a target, no statement (speech_events.topic).
    assert cues["criticize"] == [True, False]


def test_another_user_is_not_the_user_quoted_before(nlp):
    text = (
        "\u201cStudents need more sleep, not more rules,\u201d wrote one user from a northern "
        "province. \u201cChildren get home at 9 p.m., so when would they even use the apps?\u201d "
        "wrote another user from the capital."
    )
    (q,) = [q for q in run(nlp, text) if "Children" in q.text]
    assert q.speaker["text"] == "another user"
    assert q.speaker["antecedent"] is None


def test_they_resolves_to_a_plural_subject_with_names_in_it(nlp):
    text = (
        "Harbour prosecutors charged the port director in May. "
        "Meanwhile, three members of the city council \u2014 Anna Berg, Tomas Lind and Olek "
        "Marsh \u2014 led a group of residents in calling on the mayor to reopen the ferry. "
        "\u201cWe are deeply concerned about the closure of the only ferry to the islands,\u201d "
        "they wrote."
    )
    (q,) = [q for q in run(nlp, text) if "deeply concerned" in q.text]
    assert q.speaker["text"] == "they"
    assert q.speaker["antecedent"]["text"].startswith("three members of the city council")
