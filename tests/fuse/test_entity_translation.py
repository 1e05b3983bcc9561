"""A common-word rendering of a name in machine-translated text is flagged
against the sound-alike name other sources use; never renamed."""

from __future__ import annotations

from storyline.fuse.entities import resolve_entities
from storyline.fuse.entity_translation import skeleton
from storyline.model import DocumentAnalysis, Mention, Metadata


def _doc(doc_id: str, text: str, names: list[tuple[str, str]], translated: bool = False):
    ms = []
    for name, label in names:
        start = text.index(name)
        ms.append(Mention(start, start + len(name), name, label))
    integrity = {"machine_translated": {"flagged": translated, "score": 0.9 if translated else 0}}
    return DocumentAnalysis(
        doc_id, "1", text, doc_id, "txt", Metadata(), mentions=ms, integrity=integrity
    )


def test_skeletons_of_sound_alikes_are_one_edit_apart():
    assert skeleton("Carmelite") == "krmlt"
    assert skeleton("Kremlin") == "krmln"
    assert skeleton("Philips") == skeleton("Filips")


def test_a_rendering_only_in_translated_text_is_flagged_with_its_evidence():
    mt = _doc("mt", "Analysts blamed the Carmelite propaganda again.", [("Carmelite", "ORG")], True)
    a = _doc("a", "The Kremlin denied it.", [("Kremlin", "GPE")])
    b = _doc("b", "A Kremlin spokesman spoke.", [("Kremlin", "ORG")])
    ents = {e.name: e for e in resolve_entities([mt, a, b])}
    (flag,) = ents["Carmelite"].flags
    assert flag["kind"] == "possible_mistranslation" and flag["of"] == "Kremlin"
    assert mt.text[flag["start"] : flag["end"]] == flag["text"] == "Carmelite"
    assert ents["Carmelite"].name == "Carmelite"  # flagged, never rewritten
    assert "flags" in ents["Carmelite"].to_dict() and "flags" not in ents["Kremlin"].to_dict()


def test_no_flag_without_translation_or_when_the_name_is_used_elsewhere():
    plain = _doc("p", "Analysts blamed the Carmelite order.", [("Carmelite", "ORG")])
    a = _doc("a", "The Kremlin denied it.", [("Kremlin", "GPE")])
    assert not any(e.flags for e in resolve_entities([plain, a]))
    mt = _doc("mt", "The Carmelite friars met.", [("Carmelite", "ORG")], True)
    other = _doc(
        "o", "A Carmelite convent and the Kremlin.", [("Carmelite", "ORG"), ("Kremlin", "GPE")]
    )
    assert not any(e.flags for e in resolve_entities([mt, other]))
    # a rare word is a name in its own right, not a dictionary rendering
    mt = _doc("mt", "Officials in Krmalta agreed.", [("Krmalta", "GPE")], True)
    assert not any(e.flags for e in resolve_entities([mt, a]))


def test_a_name_introduced_as_a_place_is_one_place_however_tagged():
    docs = [
        _doc("a", "Crews reached the town of Orvenna at dawn.", [("Orvenna", "GPE")]),
        _doc("b", "Water rose in the river town of Orvenna overnight.", [("Orvenna", "GPE")]),
        _doc("c", "The Orvenna levee held.", [("Orvenna", "ORG")]),
        _doc("d", "Officials visited Orvenna on Tuesday.", [("Orvenna", "PERSON")]),
        _doc("e", "Orvenna is sleeping again.", [("Orvenna", "PERSON")]),
        _doc("f", "Orvenna rebuilt its quay.", [("Orvenna", "ORG")]),
    ]
    (ent,) = resolve_entities(docs)
    assert ent.type == "GPE" and len(ent.mentions) == 6
