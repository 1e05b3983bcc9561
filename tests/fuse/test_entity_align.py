from storyline.fuse.entities import resolve_entities
from storyline.fuse.entity_align import RULE, align_entities, similar
from storyline.model import (
    CopyLink,
    DocumentAnalysis,
    Lineage,
    Mention,
    Metadata,
    SharedPassage,
)


def _doc(doc_id: str, text: str, mentions: list[tuple[str, str]]) -> DocumentAnalysis:
    ms = []
    for name, label in mentions:
        start = text.index(name)
        ms.append(Mention(start, start + len(name), name, label))
    return DocumentAnalysis(doc_id, "1", text, doc_id, "txt", Metadata(), mentions=ms)


def _lineage(copy: DocumentAnalysis, orig: DocumentAnalysis, pairs, kind="translated"):
    """pairs: (copy sentence, original sentence) aligned passages."""
    passages = []
    for sc, so in pairs:
        a, b = copy.text.index(sc), orig.text.index(so)
        passages.append(SharedPassage(a, a + len(sc), b, b + len(so)))
    link = CopyLink(copy.doc_id, orig.doc_id, kind, 0.8, passages)
    return [Lineage("l1", orig.doc_id, [orig.doc_id, copy.doc_id], [link])]


def _run(docs, lineages):
    return align_entities(resolve_entities(docs), docs, lineages)


def _entity_of(entities, alias):
    found = [e for e in entities if alias in {a["text"] for a in e.aliases}]
    assert len(found) == 1, alias
    return found[0]


def test_mangled_name_in_a_translated_copy_joins_the_original():
    orig = _doc(
        "orig",
        "Mayor Orla Kestrin said residents should wait. The Tavren Hydro Authority agreed.",
        [("Orla Kestrin", "PERSON"), ("Tavren Hydro Authority", "ORG")],
    )
    copy = _doc(
        "copy",
        "The mayoress Orla Chestrin said that residents should wait. "
        "The Tavrenska Hydroenergetic Authority agreed.",
        [("Orla Chestrin", "PERSON"), ("Tavrenska Hydroenergetic Authority", "ORG")],
    )
    lineages = _lineage(
        copy,
        orig,
        [("The mayoress Orla Chestrin said that residents should wait.",
          "Mayor Orla Kestrin said residents should wait.")],
    )  # fmt: skip
    entities, merges = _run([orig, copy], lineages)
    person = _entity_of(entities, "Orla Kestrin")
    assert person is _entity_of(entities, "Orla Chestrin")
    assert {m.doc for m in person.mentions} == {"orig", "copy"}
    # the second sentences are not aligned, but lie between no two aligned passages
    assert _entity_of(entities, "Tavren Hydro Authority") is not _entity_of(
        entities, "Tavrenska Hydroenergetic Authority"
    )
    assert [m["rule"] for m in merges] == [RULE]
    assert len({e.id for e in entities}) == len(entities)


def test_unaligned_stretch_between_two_aligned_passages_is_a_context():
    orig = _doc(
        "orig",
        "The levee held on Friday. The Tavren Hydro Authority said so. Rain eased.",
        [("Tavren Hydro Authority", "ORG")],
    )
    copy = _doc(
        "copy",
        "The embankment has held on Friday. So informed the Tavrenska Hydroenergetic "
        "Authority. The rain weakened.",
        [("Tavrenska Hydroenergetic Authority", "ORG")],
    )
    lineages = _lineage(
        copy,
        orig,
        [("The embankment has held on Friday.", "The levee held on Friday."),
         ("The rain weakened.", "Rain eased.")],
    )  # fmt: skip
    entities, merges = _run([orig, copy], lineages)
    assert len(entities) == 1
    assert merges[0]["type"] == "ORG"


def test_different_people_with_dissimilar_names_are_not_merged():
    orig = _doc("orig", "Mayor Orla Kestrin said it held.", [("Orla Kestrin", "PERSON")])
    copy = _doc("copy", "Bram Tollenaar said that it has held.", [("Bram Tollenaar", "PERSON")])
    lineages = _lineage(
        copy, orig, [("Bram Tollenaar said that it has held.", "Mayor Orla Kestrin said it held.")]
    )
    entities, merges = _run([orig, copy], lineages)
    assert len(entities) == 2
    assert merges == []


def test_type_groups_never_mix():
    orig = _doc("orig", "The Tavren River crested.", [("Tavren River", "LOC")])
    copy = _doc("copy", "The river Tavrena has crested.", [("Tavrena", "PERSON")])
    lineages = _lineage(
        copy, orig, [("The river Tavrena has crested.", "The Tavren River crested.")]
    )
    entities, merges = _run([orig, copy], lineages)
    assert len(entities) == 2 and merges == []


def test_two_names_in_one_document_are_two_actors():
    orig = _doc("orig", "Mayor Ilse Vantoren said no.", [("Ilse Vantoren", "PERSON")])
    copy = _doc(
        "copy",
        "The mayoress Ilza Wantoren said no. Later Ilse Vantoren arrived.",
        [("Ilza Wantoren", "PERSON"), ("Ilse Vantoren", "PERSON")],
    )
    lineages = _lineage(
        copy, orig, [("The mayoress Ilza Wantoren said no.", "Mayor Ilse Vantoren said no.")]
    )
    entities, merges = _run([orig, copy], lineages)
    assert _entity_of(entities, "Ilza Wantoren") is not _entity_of(entities, "Ilse Vantoren")
    assert not [m for m in merges if m["rule"] == RULE]


def test_copy_kinds_without_aligned_sentences_are_ignored():
    orig = _doc("orig", "Mayor Orla Kestrin said it held.", [("Orla Kestrin", "PERSON")])
    copy = _doc("copy", "Orla Chestrin said it held.", [("Orla Chestrin", "PERSON")])
    lineages = _lineage(
        copy, orig, [("Orla Chestrin said it held.", "Mayor Orla Kestrin said it held.")], "excerpt"
    )
    assert _run([orig, copy], lineages)[1] == []


def test_similarity():
    assert similar("ilza wantoren", "ilse vantoren") >= 0.6
    assert (
        similar(
            "hydrometeorological institute of the republic marvessa",
            "marvessan hydrometeorological service",
        )
        >= 0.6
    )
    assert similar("ilse vantoren", "teodor halvik") == 0.0
    assert similar("jan kowal", "jiri kralik") == 0.6  # same initials, same length
