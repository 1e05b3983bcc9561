"""Disagreement finders over small hand-written analyses (invented texts)."""

from __future__ import annotations

import math

import pytest

from storyline.fuse.conflicts import find_conflicts
from storyline.fuse.conflicts_context import doc_infos
from storyline.fuse.conflicts_numbers import intervals, judge, number_conflicts
from storyline.model import (
    DocumentAnalysis,
    Entity,
    EntityMention,
    Evidence,
    Fused,
    Lineage,
    Metadata,
    Quantity,
    Sentence,
)


def _q(text: str, value, qualifier=None, low=None, high=None, vague=False, counts="people"):
    return Quantity(
        0, len(text), text, value, low, high, qualifier, counts={"text": counts}, vague=vague
    )


def _doc(
    doc_id: str, published: str | None, text: str, figures: list[str] = ()
) -> DocumentAnalysis:
    """One sentence per line; each figure in ``figures`` is found in the text
    and read by a tiny parser of the forms the tests use."""
    sentences, pos = [], 0
    for line in text.split("\n"):
        sentences.append(Sentence(pos, pos + len(line)))
        pos += len(line) + 1
    quantities = []
    for fig in figures:
        start = text.index(fig)
        words = fig.replace(",", "").split()
        value = float(words[-1])
        qual = " ".join(words[:-1]) or None
        low = value if qual in ("at least", "more than", "upwards of") else None
        high = value if qual in ("up to", "nearly") else None
        quantities.append(
            Quantity(start, start + len(fig), fig, value, low, high, qual, counts=None)
        )
    md = Metadata(
        published=Evidence(published, "json") if published else None,
        outlet=Evidence(f"Outlet {doc_id.upper()}", "json"),
    )
    return DocumentAnalysis(
        doc_id, "1", text, doc_id, "json", md, sentences=sentences, quantities=quantities
    )


def _conflicts(docs, lineages=()):
    return number_conflicts(docs, doc_infos(docs, list(lineages)))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (_q("up to 20,000", 20000, "up to", high=20000), _q("20,000", 20000)),
        (_q("several hundred", 300, vague=True), _q("upwards of 500", 500, "upwards of", low=500)),
        (_q("about 2,400", 2400, "about"), _q("2,350", 2350)),
        (_q("between 10 and 15", None, "between", 10, 15), _q("12", 12)),
    ],
)
def test_compatible_figures_overlap(a, b):
    sa, ra = intervals(a)
    sb, rb = intervals(b)
    assert sa[0] <= sb[1] and sb[0] <= sa[1]
    assert ra[0] <= rb[1] and rb[0] <= ra[1]


def test_interval_readings():
    assert intervals(_q("at least 1,200", 1200, "at least", low=1200))[0] == (1200, math.inf)
    assert intervals(_q("up to 800", 800, "up to", high=800))[0] == (0.0, 800)
    assert intervals(_q("odd 5", 5, "give or take")) is None  # unknown qualifier: no guess


def test_same_day_figures_that_cannot_both_be_true():
    a = _doc("a", "2024-05-02", "Officials said 40 people were killed in the blast.", ["40"])
    b = _doc(
        "b",
        "2024-05-02",
        "At least 90 people were killed in the blast, police said.",
        ["At least 90"],
    )
    (c,) = _conflicts([a, b])
    assert c.kind == "numbers" and "killed" in c.about and not c.low_confidence
    assert {s.text for s in c.sides} == {"40", "At least 90"}


def test_later_larger_cumulative_count_is_an_update():
    a = _doc("a", "2024-05-02", "At least 40 people were killed in the blast.", ["At least 40"])
    b = _doc("b", "2024-05-06", "The blast killed 90 people, officials said.", ["90"])
    assert _conflicts([a, b]) == []


def test_later_smaller_cumulative_count_is_a_disagreement():
    a = _doc("a", "2024-05-02", "Officials said 90 people were killed in the blast.", ["90"])
    b = _doc("b", "2024-05-06", "The blast killed 40 people, officials said.", ["40"])
    (c,) = _conflicts([a, b])
    assert "only grow" in c.explanation


def test_snapshot_measure_on_other_days_is_a_change_not_a_conflict():
    a = _doc("a", "2024-05-02", "About 900 people are in emergency shelters.", ["About 900"])
    b = _doc("b", "2024-05-09", "Fewer than 100 people remain in shelters.", ["Fewer than 100"])
    assert _conflicts([a, b]) == []


def test_copies_of_one_original_never_disagree():
    a = _doc("a", "2024-05-02", "Officials said 40 people were killed in the blast.", ["40"])
    b = _doc("b", "2024-05-02", "At least 90 people were killed in the blast.", ["At least 90"])
    lineage = Lineage("l1", "a", ["a", "b"])
    assert _conflicts([a, b], [lineage]) == []


def test_different_measures_are_not_compared():
    a = _doc("a", "2024-05-02", "Officials said 40 people were injured in the blast.", ["40"])
    b = _doc("b", "2024-05-02", "At least 90 people were killed in the blast.", ["At least 90"])
    assert _conflicts([a, b]) == []


def test_judge_is_symmetric_in_its_verdict():
    a = _doc("a", "2024-05-02", "Officials said 40 people were killed.", ["40"])
    b = _doc("b", "2024-05-02", "At least 90 people were killed.", ["At least 90"])
    from storyline.fuse.conflicts_numbers import figures

    infos = doc_infos([a, b], [])
    fa, fb = figures([a, b], infos)
    assert (judge(fa, fb) is None) == (judge(fb, fa) is None) is False


def _person(docs: list[DocumentAnalysis], name: str, roles: list[dict]) -> Entity:
    mentions = []
    for d in docs:
        i = d.text.find(name)
        while i >= 0:
            mentions.append(EntityMention(d.doc_id, i, i + len(name), name))
            i = d.text.find(name, i + 1)
    return Entity("p1", name, "PERSON", mentions=mentions, roles=roles)


def _role(doc: DocumentAnalysis, phrase: str, title: str) -> dict:
    s = doc.text.index(phrase)
    return {
        "relation": "role",
        "title": title,
        "doc": doc.doc_id,
        "start": s,
        "end": s + len(phrase),
        "text": phrase,
    }


def test_reported_resigned_then_titled_in_office_later():
    a = _doc("a", "2024-03-01", "Port director Mara Quell resigned on Monday, two aides said.")
    b = _doc("b", "2024-03-04", "Mara Quell, director of the port, opened the new quay.")
    ent = _person([a, b], "Mara Quell", [_role(b, "Mara Quell, director", "director")])
    (c,) = [x for x in find_conflicts([a, b], Fused(entities=[ent])) if x.kind == "status"]
    assert c.sides[0].doc == "a" and c.sides[1].doc == "b"
    assert "resigned" in c.explanation and not c.low_confidence


@pytest.mark.parametrize(
    "sentence",
    [
        "Port director Mara Quell denied reports that she had resigned.",
        "Asked about rumours that she resigned, Mara Quell laughed.",
        "Claims that Mara Quell resigned are untrue, the port said.",
        "Mara Quell would resign if the quay failed, she said.",
    ],
)
def test_denials_and_conditionals_are_not_reports_of_leaving(sentence):
    a = _doc("a", "2024-03-01", sentence)
    b = _doc("b", "2024-03-04", "Mara Quell, director of the port, opened the new quay.")
    ent = _person([a, b], "Mara Quell", [_role(b, "Mara Quell, director", "director")])
    assert [x for x in find_conflicts([a, b], Fused(entities=[ent])) if x.kind == "status"] == []


def test_in_office_before_the_report_is_no_contradiction():
    a = _doc("a", "2024-03-01", "Mara Quell, director of the port, opened the new quay.")
    b = _doc("b", "2024-03-04", "Port director Mara Quell resigned on Monday, two aides said.")
    ent = _person([a, b], "Mara Quell", [_role(a, "Mara Quell, director", "director")])
    assert [x for x in find_conflicts([a, b], Fused(entities=[ent])) if x.kind == "status"] == []


def test_conflict_ids_are_numbered_and_sides_quote_the_text():
    a = _doc("a", "2024-05-02", "Officials said 40 people were killed in the blast.", ["40"])
    b = _doc("b", "2024-05-02", "At least 90 people were killed in the blast.", ["At least 90"])
    out = find_conflicts([a, b], Fused())
    assert [c.id for c in out] == ["cf1"]
    texts = {"a": a.text, "b": b.text}
    for s in out[0].sides:
        assert texts[s.doc][s.start : s.end] == s.text


def test_a_capacity_is_not_a_count():
    a = _doc("a", "2024-05-02", "The camp can hold 550 people who were detained.", ["550"])
    b = _doc("b", "2024-05-02", "Police detained 5 people at the camp.", ["5"])
    assert _conflicts([a, b]) == []


def test_figures_of_two_unrelated_stories_are_not_compared():
    a = _doc("a", "2024-05-02", "Officials in Orvik said 40 people were killed.", ["40"])
    b = _doc("b", "2024-05-02", "In Brannholt, at least 90 people were killed.", ["at least 90"])
    ents = [
        Entity("o", "Orvik", "GPE", mentions=[EntityMention("a", 13, 18, "Orvik")]),
        Entity("b", "Brannholt", "GPE", mentions=[EntityMention("b", 3, 12, "Brannholt")]),
    ]
    assert find_conflicts([a, b], Fused(entities=ents)) == []
    ents[0].mentions.append(EntityMention("b", 3, 12, "Orvik"))  # b also names Orvik: one story
    assert [c.kind for c in find_conflicts([a, b], Fused(entities=ents))] == ["numbers"]


def test_a_bound_publication_date_is_named_as_a_bound_not_a_day() -> None:
    """A date read from a quoted post only bounds publication: the explanation
    must say "on or after", never present it as the day of publication."""
    bound = _doc("b", "2025-04-03", "The bridge was closed on Sunday.")
    bound.metadata.published = Evidence("2025-04-03", "embedded-post (publication at or after)")
    plain = _doc("p", "2025-04-03", "The bridge was closed on Sunday.")
    infos = doc_infos([bound, plain], [])
    assert infos["b"].named().endswith("(on or after 3 April 2025)")
    assert infos["p"].named().endswith("(3 April 2025)")
    assert "on or" not in infos["p"].named()
