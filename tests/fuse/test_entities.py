from storyline.fuse.entities import normalise, resolve_entities
from storyline.model import DocumentAnalysis, Mention, Metadata


def _doc(doc_id: str, text: str, mentions: list[tuple[str, str]]) -> DocumentAnalysis:
    ms = []
    for name, label in mentions:
        start = text.index(name)
        ms.append(Mention(start, start + len(name), name, label))
    return DocumentAnalysis(doc_id, "1", text, doc_id, "txt", Metadata(), mentions=ms)


def test_normalise_meets_case_accents_and_articles():
    assert normalise("NEXTA") == normalise("Nexta")
    assert normalise("Viačorka") == normalise("Viacorka")
    assert normalise("the Kremlin") == normalise("Kremlin")
    assert normalise("Putin\u2019s") == "putin"
    assert normalise("Mr Lukashenko") == "lukashenko"
    assert normalise("DR. SMITH") == normalise("Dr Smith") == "smith"


def test_an_initialism_in_capitals_is_no_honorific():
    """ "DR Congo" is the Democratic Republic, never "Congo" (another country)."""
    assert normalise("DR Congo") == "dr congo"
    assert normalise("DR Congo") != normalise("Congo")


def test_surname_joins_the_full_name_and_keeps_aliases():
    a = _doc(
        "a", "Mayor Ilse Varga spoke. Varga left.", [("Ilse Varga", "PERSON"), ("Varga", "PERSON")]
    )
    b = _doc("b", "Varga denied it.", [("Varga", "PERSON")])
    (ent,) = resolve_entities([a, b])
    assert ent.name == "Ilse Varga"
    assert {m.doc for m in ent.mentions} == {"a", "b"}
    assert {al["text"] for al in ent.aliases} == {"Ilse Varga", "Varga"}


def test_a_surname_shared_by_two_people_is_not_guessed():
    a = _doc(
        "a",
        "Ilse Varga and Tomas Varga met. Varga spoke.",
        [("Ilse Varga", "PERSON"), ("Tomas Varga", "PERSON"), ("Varga", "PERSON")],
    )
    names = sorted(e.name for e in resolve_entities([a]))
    assert names == ["Ilse Varga", "Tomas Varga", "Varga"]


def test_majority_label_and_mentions_carry_offsets():
    text = "Orsk is flooded. Orsk said no. Orsk again."
    a = DocumentAnalysis(
        "a",
        "1",
        text,
        "a",
        "txt",
        Metadata(),
        mentions=[
            Mention(0, 4, "Orsk", "GPE"),
            Mention(17, 21, "Orsk", "ORG"),
            Mention(31, 35, "Orsk", "GPE"),
        ],
    )
    ents = resolve_entities([a])
    # corpus-level label consistency: tagged GPE twice and ORG once, it is one place
    place = [e for e in ents if e.type == "GPE"]
    assert len(ents) == 1 and len(place) == 1 and len(place[0].mentions) == 3
    for e in ents:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text


def test_no_majority_no_relabel_and_nationalities_stay():
    text = "Orsk said. Orsk grew. Orsk people. Orskian farmers."
    a = DocumentAnalysis(
        "a", "1", text, "a", "txt", Metadata(),
        mentions=[
            Mention(0, 4, "Orsk", "GPE"),
            Mention(11, 15, "Orsk", "ORG"),
            Mention(22, 26, "Orsk", "NORP"),
            Mention(36, 43, "Orskian", "NORP"),
        ],
    )  # fmt: skip
    types = sorted(e.type for e in resolve_entities([a]))
    assert types == ["GPE", "NORP", "NORP", "ORG"]


def test_entity_ids_are_unique_even_for_the_same_name():
    from storyline.fuse.entities import unique_ids
    from storyline.model import Entity, EntityMention

    a = Entity("e1", "Varga", "PERSON", mentions=[EntityMention("a", 0, 5, "Varga")])
    b = Entity("e1", "Varga", "PERSON", mentions=[EntityMention("b", 3, 8, "Varga")])
    unique_ids([a, b])
    assert a.id == "e1" and b.id != "e1"
    c = Entity("e1", "Varga", "PERSON", mentions=[EntityMention("b", 3, 8, "Varga")])
    unique_ids([Entity("e1", "Varga", "PERSON", mentions=a.mentions), c])
    assert c.id == b.id  # stable for the same input


def test_a_hyphenated_surname_written_alone_joins_the_full_name_in_its_document():
    a = _doc(
        "a",
        "Lawyer Linda Varga-Holm spoke. Varga-Holm said no. al-Rami agreed, Ana al-Rami said.",
        [("Linda Varga-Holm", "PERSON"), ("Varga-Holm", "PERSON"),
         ("Ana al-Rami", "PERSON"), ("al-Rami", "PERSON")],
    )  # fmt: skip
    names = sorted(e.name for e in resolve_entities([a]))
    assert names == ["Ana al-Rami", "Linda Varga-Holm"]
    # two full names ending in it: left alone
    b = _doc(
        "b",
        "Linda Varga-Holm and Tom Varga-Holm met. Varga-Holm spoke.",
        [("Linda Varga-Holm", "PERSON"), ("Tom Varga-Holm", "PERSON"), ("Varga-Holm", "PERSON")],
    )
    assert len(resolve_entities([b])) == 3
