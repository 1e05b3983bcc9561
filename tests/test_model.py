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


def test_as_dict_is_asdict_and_shares_nothing_mutable():
    import dataclasses
    from collections import namedtuple
    from dataclasses import dataclass, field

    from storyline.model.base import as_dict

    Pair = namedtuple("Pair", "a b")

    @dataclass
    class Inner:
        n: int
        tags: set[str] = field(default_factory=set)

    @dataclass
    class Outer:
        name: str
        inner: Inner
        items: list[Inner]
        pair: Pair
        span: tuple[int, float]
        extra: dict[str, list[int]]
        missing: None = None

    obj = Outer(
        "x", Inner(1, {"a"}), [Inner(2), Inner(3, {"b"})], Pair(Inner(4), [5]), (1, 2.5), {"k": [1]}
    )
    got = as_dict(obj)
    assert got == dataclasses.asdict(obj)
    assert list(got) == list(dataclasses.asdict(obj))
    assert type(got["pair"]) is Pair and type(got["span"]) is tuple
    got["extra"]["k"].append(2)
    got["inner"]["tags"].add("z")
    assert obj.extra == {"k": [1]} and obj.inner.tags == {"a"}
