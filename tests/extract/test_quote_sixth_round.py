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


def context(nlp, text: str):
    """The quote context of a written text, as the extractor builds it."""
    from storyline.extract.quotes.context import QuoteContext
    from storyline.model import Metadata, ParsedDocument, RawDocument

    raw = RawDocument.create("t.txt", text, text.encode(), "txt")
    return QuoteContext(ParsedDocument(raw=raw, spans=[], metadata=Metadata(), doc=nlp(text)))


def frame(ctx, cue_word: str, source: tuple[int, int]):
    """An attribution of the rest of the sentence after ``cue_word`` to ``source``."""
    from storyline.extract.quotes.attribution import Attribution

    cue = next(t for t in ctx.doc if t.text == cue_word)
    s, e = cue.idx + len(cue.text) + 1, len(ctx.text) - 1
    return Attribution(s, e, "indirect", [(s, e)], cue=cue, source=source)


def test_a_place_refused_as_speaker_stays_the_annotation_source(nlp):
    from storyline.extract.quotes import vetting as V

    # "Norway" with a cue that is no verb of saying: never a displayed
    # speaker, but the guideline's source of the attribution.
    ctx = context(nlp, "Norway regards the whole fjord as its own water.")
    assert ctx.doc[0].ent_type_ == "GPE"
    (a,) = V.vet(ctx, [frame(ctx, "regards", (0, 1))])
    assert a.source is None
    assert a.counted_source == (0, 1)


def test_a_possessive_fragment_is_no_annotation_source(nlp):
    from storyline.extract.quotes import vetting as V

    ctx = context(nlp, "Karel Dvorsky spoke first. Dvorskys ally welcomed the plan.")
    k = next(t.i for t in ctx.doc if t.text == "Dvorskys")
    assert V.annotation_source(ctx, frame(ctx, "welcomed", (k, k + 1))) is None
    assert V.annotation_source(ctx, frame(ctx, "welcomed", (0, 2))) == (0, 2)


def test_a_dateline_before_a_clause_gives_the_subject_after_its_dash(nlp):
    from storyline.extract.quotes import sources as SRC

    doc = nlp("Paris (AFP) – Mayor Ann Roux has taken a swipe at the plan, saying it costs a lot.")
    cue = next(t for t in doc if t.text == "saying")
    dash = next(t.i for t in doc if t.text == "–")
    got = SRC.past_dateline(doc, (0, dash), cue)
    assert got is not None and doc[got[0] : got[1]].text == "Mayor Ann Roux"
    doc = nlp("OSLO (AP) – Rallying hundreds of workers, Mayor Ann Roux promised a raise.")
    cue = next(t for t in doc if t.text == "promised")
    dash = next(t.i for t in doc if t.text == "–")
    assert SRC.past_dateline(doc, (0, dash), cue) is None  # opens with a verb


def test_an_adjective_after_a_noun_gives_that_noun_as_source(nlp):
    from storyline.extract.quotes import sources as SRC

    doc = nlp("But Governor Ann Roux, eager all evening to attack her rivals, spoke about taxes.")
    cue = next(t for t in doc if t.text == "eager")
    assert (cue.dep_, cue.head.text) == ("amod", "Roux")  # the shape under test
    rng = SRC.own_source(cue, set())
    assert rng is not None and doc[rng[0] : rng[1]].text == "Governor Ann Roux"


def test_one_cue_one_attribution_keeps_the_quotation():
    from storyline.extract.quotes.attribution import Attribution
    from storyline.extract.quotes.records import one_cue_one_attribution

    class Tok:  # the two fields the step reads of a cue token
        def __init__(self, i: int) -> None:
            self.i, self.idx = i, i * 5

    said, told = Tok(3), Tok(9)
    frame = Attribution(20, 40, "indirect", [(20, 40)], cue=said)
    quote = Attribution(42, 80, "direct", [(42, 80)], cue=said)
    other = Attribution(90, 99, "indirect", [(90, 99)], cue=told)
    assert one_cue_one_attribution([frame, quote, other]) == [quote, other]
    assert one_cue_one_attribution([frame, other]) == [frame, other]


def test_a_noun_cue_from_phrase_names_the_holder(nlp):
    from storyline.extract.quotes import sources as SRC

    doc = nlp("The mayor has faced sharp criticism from local farmers that the plan costs a lot.")
    cue = next(t for t in doc if t.text == "criticism")
    assert (cue.dep_, cue.head.text) == ("dobj", "faced")  # the shape under test
    content = {t.i for t in doc if t.i > next(u.i for u in doc if u.text == "farmers")}
    rng = SRC.own_source(cue, content)
    assert rng is not None and doc[rng[0] : rng[1]].text == "local farmers"


def test_the_topic_after_an_addressee_is_the_content(nlp):
    from storyline.extract.quotes.proposals.reported import past_addressee

    def topic(text: str) -> str | None:
        doc = nlp(text)
        cue = next(t for t in doc if t.dep_ == "ROOT")
        obj = next(c for c in cue.children if c.dep_ == "dobj")
        tok = past_addressee(cue, obj)
        return None if tok is None else doc[tok.left_edge.i : tok.right_edge.i + 1].text

    assert topic("The senator asked Mayor Ann Roux about the new harbour tax.") == (
        "the new harbour tax"
    )
    assert topic("She asked them if they would vote for the levy.") == (
        "if they would vote for the levy"
    )
    # An object that is no addressee is the content itself.
    assert topic("The senator cited problems with the new harbour tax.") is None
