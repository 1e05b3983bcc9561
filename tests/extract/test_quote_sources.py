"""The source a cue's own syntax gives, and credit / colon / block-quote lines
(``extract/quotes/sources.py``, ``proposals/credits.py``, third round of
issue 14 item 2). Small invented texts of the shapes the PolNeAR guideline
describes; none is taken from an article."""

from __future__ import annotations

import pytest

from storyline.extract.quotes import extract_quotes
from storyline.extract.quotes import sources as SRC
from storyline.extract.quotes import syntax as S
from storyline.extract.quotes.context import QuoteContext
from storyline.extract.quotes.vetting import member, person_word
from storyline.model import Metadata, ParsedDocument, RawDocument
from storyline.nlp import load_nlp
from storyline.settings import Settings


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(Settings().model)


def parsed(nlp, text: str) -> ParsedDocument:
    raw = RawDocument.create("t.txt", text, text.encode(), "txt")
    return ParsedDocument(raw=raw, spans=[], metadata=Metadata(), doc=nlp(text))


def run(nlp, text: str):
    quotes = extract_quotes(parsed(nlp, text))
    for q in quotes:
        assert text[q.start : q.end] == q.text
    return quotes


def own(nlp, text: str, cue: str) -> str | None:
    doc = nlp(text)
    tok = next(t for t in doc if t.text == cue)
    rng = SRC.own_source(tok, set())
    return doc[rng[0] : rng[1]].text if rng else None


def test_a_passive_cue_takes_its_by_agent(nlp):
    assert own(nlp, "The plan was first reported by the Harbour Gazette.", "reported") == (
        "the Harbour Gazette"
    )


def test_a_noun_cue_takes_its_possessor(nlp):
    assert own(nlp, "Her criticism of the tariff plan surprised nobody.", "criticism") == "Her"


def test_a_light_verbs_noun_takes_the_verbs_subject_not_the_possessor(nlp):
    # "X is keeping up his criticism of ...": X (the climbed subject), not "his".
    text = "The senator is keeping up his criticism of the new budget."
    assert own(nlp, text, "criticism") is None


def test_a_participle_takes_the_noun_it_modifies(nlp):
    text = "Farmers gave money to a group backing the new governor."
    assert own(nlp, text, "backing") == "a group"


def test_the_object_of_a_verb_with_a_subject_is_an_instrument(nlp):
    # "The mayor issued a statement saying ...": the mayor, not the statement.
    text = "The mayor issued a statement saying the bridge would close."
    assert own(nlp, text, "saying") is None


def test_an_infinitive_takes_no_light_noun_as_source(nlp):
    # "has a rare chance to show": the chance is nobody's source.
    assert own(nlp, "The senator has a rare chance to show her plan.", "show") is None


def test_a_credit_line_under_a_quotation_names_its_speaker(nlp):
    text = (
        "Fact check of the week.\n\n"
        '"Taxes on diesel went down twice this year."\n\n'
        "- Oskar Lind.\n\n"
        "The tax went down once, in March."
    )
    quotes = [q for q in run(nlp, text) if "Taxes on diesel" in q.text]
    assert quotes and quotes[0].speaker is not None
    assert quotes[0].speaker["text"] == "Oskar Lind"


def test_a_lead_in_line_gives_a_quoted_paragraph_its_speaker(nlp):
    text = (
        "Mara Ilves spoke first at the harbour meeting.\n\n"
        "Mara Ilves continued:\n\n"
        "\u201cWe will rebuild the pier before winter, and the ferry will run until then.\u201d\n\n"
        "Jonas Berg said the pier was safe."
    )
    quotes = [q for q in run(nlp, text) if "rebuild the pier" in q.text]
    assert quotes and quotes[0].speaker is not None
    assert "Ilves" in quotes[0].speaker["text"]
    assert quotes[0].cue is not None and quotes[0].cue["lemma"] == "continue"


def test_a_verbs_clause_after_it_wins_over_one_before_it(nlp):
    doc = nlp("The union polled its members last week: most teachers said they wanted a raise.")
    said = next(t for t in doc if t.text == "said")
    clause = S.clause_child(said)
    assert clause is not None and clause.i > said.i


def test_a_subjectless_clause_after_the_cues_object_starts_at_the_object(nlp):
    text = "Many farmers said life in the valley would be harder without the railway."
    quotes = [q for q in run(nlp, text) if "harder" in q.text]
    assert quotes and quotes[0].text.startswith("life in the valley")


def test_one_of_a_group_is_a_person_not_a_number(nlp):
    doc = nlp("One of the advisers said the port would stay open.")
    assert member(doc[0])
    assert not member(nlp("One said the port would stay open.")[0])


def test_a_surname_is_a_person_word_of_the_document(nlp):
    ctx = QuoteContext(parsed(nlp, "Anna Sanders met the board. Later Sanders wrote a letter."))
    sanders = [t for t in ctx.doc if t.text == "Sanders"]
    assert all(person_word(ctx, t) for t in sanders)
    assert not person_word(ctx, next(t for t in ctx.doc if t.text == "board"))


def test_a_name_before_a_colon_that_opens_a_quotation_is_its_source(nlp):
    text = (
        "The late swing did not surprise the pollster Dana Whitfield: "
        "\u201cLate deciders broke for the challenger, as they usually do in this county.\u201d"
    )
    quotes = [q for q in run(nlp, text) if "Late deciders" in q.text]
    assert quotes and quotes[0].speaker is not None
    assert "Whitfield" in quotes[0].speaker["text"]


def test_a_name_after_a_verb_of_saying_before_a_colon_is_the_audience(nlp):
    text = (
        "Jonas Berg told the Harbour Gazette: "
        "\u201cThe ferry will keep running through the whole winter season.\u201d"
    )
    quotes = [q for q in run(nlp, text) if "ferry will keep" in q.text]
    assert quotes and quotes[0].speaker is not None
    assert "Berg" in quotes[0].speaker["text"]


def test_a_quotation_paragraph_goes_on_from_the_name_not_its_relative_pronoun(nlp):
    text = (
        "The recount ended on Friday.\n\n"
        "\u201cThe vote was fair and the count was careful,\u201d said Ana Kovac, "
        "who thinks often about the recount.\n\n"
        "\u201cWe counted every ballot twice and found the same result each time.\u201d\n\n"
        "The board certified the result."
    )
    quotes = [q for q in run(nlp, text) if "counted every ballot" in q.text]
    assert quotes and quotes[0].speaker is not None
    assert quotes[0].speaker["text"].lower() != "who"
    assert "Kovac" in quotes[0].speaker["text"]


# --- fourth round: poll shares as annotation-style sources (issue 14) ---


@pytest.mark.parametrize(
    ("text", "share"),
    [
        # (A poll phrase that frames the clause, "In the new survey, 52 percent
        # said", makes the poll the source: test_quote_fifth_round.py.)
        ("Of the likely voters reached this week, 52 percent said the economy was the main worry.",
         "52 percent"),
        ("Nearly two-thirds of the respondents say the governor should resign before summer.",
         "Nearly two-thirds of the respondents"),
    ],
)  # fmt: skip
def test_a_poll_share_is_the_source_but_never_the_speaker(nlp, text, share):
    (q,) = [q for q in run(nlp, text) if q.cue and q.cue["text"] in ("said", "say")]
    assert q.speaker is None
    assert q.source is not None and q.source["text"] == share
    assert text[q.source["start"] : q.source["end"]] == share


def test_an_aged_description_stays_the_speaker_without_a_separate_source(nlp):
    (q,) = run(nlp, "The 71-year-old said the mill would close in March.")
    assert q.speaker["text"] == "The 71-year-old" and q.source is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Senator Maria Holt said it was too early to count the votes but added, "
         "\u201cWe expect a long night.\u201d", "Senator Maria Holt"),
        ("The retired judge said he welcomed the ruling and added, "
         "\u201cIt is a good day for the county.\u201d", "The retired judge"),
    ],
)  # fmt: skip
def test_a_verb_of_saying_conjoined_inside_a_reported_clause_is_the_outer_speakers(
    nlp, text, speaker
):
    (q,) = [q for q in run(nlp, text) if q.kind == "direct"]
    assert q.cue["text"] == "added" and q.speaker["text"] == speaker


def test_a_quotation_cue_without_subject_takes_the_nearest_subject_before_it(nlp):
    text = (
        "At the town hall on Friday, the governor only hinted at the plan by mentioning "
        "the budget and adding, \u201cWe will see what the council does.\u201d"
    )
    (q,) = [q for q in run(nlp, text) if q.kind == "direct"]
    assert q.speaker["text"] == "the governor"
