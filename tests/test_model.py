from storyline.model import (
    DocumentAnalysis,
    Evidence,
    Mention,
    Metadata,
    RawDocument,
    Sentence,
    Span,
    content_id,
)


def test_content_id_is_stable_and_content_based():
    assert content_id(b"abc") == content_id(b"abc")
    assert content_id(b"abc") != content_id(b"abd")
    raw = RawDocument.create("a.txt", "abc", b"abc", "txt")
    assert raw.id == content_id(b"abc")


def test_analysis_round_trips_through_json_dict():
    a = DocumentAnalysis(
        doc_id="d1",
        pipeline_version="1",
        text="Hello Minsk.\nJUST IN: x",
        source="a.txt",
        format="txt",
        metadata=Metadata(
            title=Evidence("Hello Minsk.", "first-line", 0, 12),
            published=Evidence("2022-03-11", "dateline", 1, 5, inferred=False),
        ),
        spans=[Span(13, 23, "boilerplate", rule="just_in", attrs={"category": "link"})],
        sentences=[Sentence(0, 12)],
        mentions=[Mention(6, 11, "Minsk", "GPE", 0)],
        n_tokens=3,
    )
    d = a.to_dict()
    assert d["spans"][0] == {
        "start": 13,
        "end": 23,
        "kind": "boilerplate",
        "rule": "just_in",
        "category": "link",
    }
    assert DocumentAnalysis.from_dict(d).to_dict() == d
