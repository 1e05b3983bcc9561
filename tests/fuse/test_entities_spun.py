"""An entity named in a machine-spun document's swapped words is named by its
repaired reading (and so meets the same entity elsewhere); each mention still
points at the printed words."""

from __future__ import annotations

from storyline.fuse.entities import resolve_entities
from storyline.model import DocumentAnalysis, Mention, Metadata, Span


def test_a_spun_entity_name_reads_repaired_and_keeps_the_printed_mention() -> None:
    spun_text = "Shares fell on Wall Avenue as the Portvale Harbour Board met."
    s = spun_text.index("Avenue")
    w = spun_text.index("Wall Avenue")
    spun = DocumentAnalysis(
        "s", "1", spun_text, "s", "txt", Metadata(),
        spans=[Span(s, s + 6, "spun", "synonym", {"original": "Street"})],
        integrity={"spun": {"flagged": True, "n_spun": 1}},
        mentions=[Mention(w, w + 11, "Wall Avenue", "LOC")],
    )  # fmt: skip
    clean_text = "Traders on Wall Street were calm."
    c = clean_text.index("Wall Street")
    clean = DocumentAnalysis(
        "c", "1", clean_text, "c", "txt", Metadata(),
        mentions=[Mention(c, c + 11, "Wall Street", "LOC")],
    )  # fmt: skip
    (ent,) = resolve_entities([spun, clean])
    assert ent.name == "Wall Street"
    by_doc = {m.doc: m for m in ent.mentions}
    assert by_doc["s"].text == "Wall Avenue" == spun_text[by_doc["s"].start : by_doc["s"].end]
    assert by_doc["c"].text == "Wall Street"


def test_an_unflagged_document_keeps_its_words() -> None:
    text = "Shares fell on Wall Avenue."
    w = text.index("Wall Avenue")
    a = DocumentAnalysis(
        "a", "1", text, "a", "txt", Metadata(),
        spans=[Span(w + 5, w + 11, "spun", "synonym", {"original": "Street"})],
        mentions=[Mention(w, w + 11, "Wall Avenue", "LOC")],
    )  # fmt: skip
    (ent,) = resolve_entities([a])
    assert ent.name == "Wall Avenue"
