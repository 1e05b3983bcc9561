"""Within-document nominal coreference (sentences invented for these tests)."""

from __future__ import annotations

from functools import cache

from storyline.extract.mentions import extract_mentions
from storyline.extract.nominals import extract_nominals
from storyline.extract.roles import extract_roles
from storyline.fuse import fuse
from storyline.model import Metadata, ParsedDocument, RawDocument
from storyline.nlp import load_nlp
from storyline.pipeline import Pipeline
from storyline.settings import Settings


@cache
def _nlp():
    s = Settings()
    return load_nlp(s.model, s.ner)


def links(text: str) -> dict[str, tuple[str, str]]:
    """Description text -> (antecedent text, basis); offsets checked on the way."""
    raw = RawDocument.create("t.txt", text, text.encode(), "txt")
    parsed = ParsedDocument(raw=raw, spans=[], metadata=Metadata(), doc=_nlp()(text))
    parsed.results["mentions"] = extract_mentions(parsed)
    parsed.results["roles"] = extract_roles(parsed)
    out = {}
    for n in extract_nominals(parsed):
        assert text[n.start : n.end] == n.text
        a = n.antecedent
        assert text[a["start"] : a["end"]] == a["text"]
        assert 0 < n.confidence < 1
        out[n.text] = (a["text"], n.basis)
    return out


def test_an_age_refers_to_the_only_person_just_named():
    got = links(
        "Actress Maria Kowalski, who won the award on Sunday, thanked her family. "
        "The 67-year-old said she was moved."
    )
    assert got == {"The 67-year-old": ("Maria Kowalski", "only_person")}


def test_an_age_with_an_occupation_is_one_description():
    got = links(
        "Maria Kowalski said on Sunday she would retire. The 67-year-old actress thanked fans."
    )
    assert got == {"The 67-year-old actress": ("Maria Kowalski", "only_person")}


def test_two_people_named_give_no_link():
    got = links("John Miller met Peter Smith in Boston. The 45-year-old said little.")
    assert got == {}


def test_an_office_needs_the_title_as_evidence():
    got = links(
        "Foreign Minister Anna Korvet met Pavel Drum in Vienna. The minister said talks went on."
    )
    assert got == {"The minister": ("Anna Korvet", "role")}
    # no one was called minister: "the minister" may be anyone
    assert links("Pavel Drum arrived in Vienna. The minister said talks went on.") == {}


def test_two_people_with_the_title_give_no_link():
    got = links(
        "President Ilya Sorn met President Tomas Vark on Monday. The president said nothing."
    )
    assert got == {}


def test_a_title_before_a_name_is_no_reference():
    got = links("Pavel Drum arrived. The minister Anna Korvet greeted him.")
    assert "The minister" not in got


def test_references_reach_the_cross_document_entity():
    texts = [
        "Actress Maria Kowalski thanked her family on Sunday. The 67-year-old said she was moved.",
        "Maria Kowalski will retire next year, her agent said.",
    ]
    pipe = Pipeline(Settings())
    analyses = [
        pipe.analyze(RawDocument.create(f"{i}.txt", t, t.encode(), "txt"))
        for i, t in enumerate(texts)
    ]
    entities = fuse(analyses).entities
    kowalski = [e for e in entities if e.name == "Maria Kowalski"]
    assert len(kowalski) == 1
    refs = kowalski[0].references
    assert [r["text"] for r in refs] == ["The 67-year-old"]
    assert {m.doc for m in kowalski[0].mentions} == {a.doc_id for a in analyses}
    # descriptions never become names or aliases
    assert all("year-old" not in a["text"] for a in kowalski[0].aliases)
