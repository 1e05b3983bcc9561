from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator, ValidationError
from report_data import fails_readably

from storyline.model import Fused
from storyline.report import build_dossier, document_record, load_schema, validate_dossier
from storyline.report.build.sections import RESERVED_SECTIONS

TOP_KEYS = {
    "schema",
    "generated_by",
    "documents",
    "entities",
    "quotes",
    "quote_groups",
    *RESERVED_SECTIONS,
    "errors",
    "stats",
}


@pytest.fixture
def dossier(analyses, fused, read_errors):
    return build_dossier(analyses, fused, errors=read_errors, generated_by="storyline test")


def test_schema_file_is_valid_draft_2020_12():
    Draft202012Validator.check_schema(load_schema())


def test_build_has_contract_keys(dossier):
    assert TOP_KEYS.issubset(dossier)
    assert dossier["schema"] == "storyline/1"
    assert dossier["generated_by"] == "storyline test"
    for key in ("quotes", "quote_groups", *RESERVED_SECTIONS):
        assert dossier[key] == []
        assert dossier["stats"][key] == 0
    assert dossier["stats"]["speakers"] == 0
    assert dossier["errors"] == [
        {"source": "broken.html", "reason": "not valid UTF-8 | and no charset given"}
    ]
    assert dossier["stats"]["documents"] == 2
    assert dossier["stats"]["entities"] == 2
    assert dossier["stats"]["mentions"] == 7
    assert dossier["stats"]["errors"] == 1
    assert dossier["stats"]["spans_boilerplate"] == 1
    json.dumps(dossier)  # plain JSON data


def test_document_record_traces_metadata(analyses):
    a = analyses[0]
    rec = document_record(a)
    assert rec["id"] == a.doc_id
    assert rec["text"] == a.text
    assert rec["title"] == "Bridge vote delayed again"
    assert rec["outlet"] == "Rivertown Gazette"
    assert rec["published"] == "2024-06-03"
    assert rec["language"] == "en"
    assert rec["integrity"] == {"copy_of": None, "lineage": None, "copies": []}
    ev = rec["metadata"]["published"]
    assert ev["method"] == "dateline" and ev["inferred"] is True
    assert rec["text"][ev["start"] : ev["end"]] == "June 3"
    assert {"start", "end", "kind", "rule"} <= set(rec["spans"][0])
    assert rec["mentions"][0] == {
        "start": a.mentions[0].start,
        "end": a.mentions[0].end,
        "text": "Ana Lopez",
        "label": "PERSON",
        "source": "ner",
    }
    b = document_record(analyses[1])
    assert b["metadata"]["outlet"] is None and b["outlet"] is None
    assert b["url"] == "https://news.example.org/b"
    assert b["external_id"] == "b-1"


def test_duplicate_documents_kept_once(analyses, fused):
    d = build_dossier([*analyses, analyses[0]], fused)
    assert [x["id"] for x in d["documents"]] == [a.doc_id for a in analyses]


def test_built_dossier_validates(dossier):
    validate_dossier(dossier)


def test_empty_dossier_validates():
    validate_dossier(build_dossier([], Fused()))


def test_later_sections_accept_objects(dossier):
    dossier["stories"] = [{"id": "story-1", "title": "T", "documents": ["d00000000000000a1"]}]
    validate_dossier(dossier)
    dossier["timeline"] = ["not an object"]
    with pytest.raises(ValidationError, match=r"dossier\.timeline\[0\]"):
        validate_dossier(dossier)


def test_a_story_names_known_documents_and_quotes_its_title(dossier):
    doc = dossier["documents"][0]
    span = {"doc": doc["id"], "start": 0, "end": 3, "text": doc["text"][:3]}
    dossier["stories"] = [{"id": "story-1", "title": "T", "documents": [doc["id"]],
                           "title_span": span}]  # fmt: skip
    validate_dossier(dossier)
    dossier["stories"][0]["title_span"] = {**span, "text": "not the text"}
    with pytest.raises(ValidationError, match=r"dossier\.stories\[0\]\.title_span"):
        validate_dossier(dossier)
    dossier["stories"] = [{"id": "story-1", "title": "T", "documents": ["dunknown"]}]
    with pytest.raises(ValidationError, match=r"dossier\.stories\[0\]\.documents\[0\]"):
        validate_dossier(dossier)


def test_extra_keys_are_allowed(dossier):
    dossier["documents"][0]["integrity"] = {"spun": {"score": 0.1}}
    dossier["summary"] = []
    validate_dossier(dossier)


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        (
            lambda d: d["documents"][0]["spans"][1].__setitem__("start", -1),
            "dossier.documents[0].spans[1].start: -1 is less than the minimum of 0",
        ),
        (
            lambda d: d["documents"][1]["mentions"][0].__setitem__("end", "12"),
            "dossier.documents[1].mentions[0].end: '12' is not of type 'integer'",
        ),
        (
            lambda d: d["documents"][0].pop("title"),
            "dossier.documents[0]: 'title' is a required property",
        ),
        (lambda d: d.__setitem__("schema", "storyline/2"), "dossier.schema:"),
        (lambda d: d.pop("stats"), "'stats' is a required property"),
        (
            lambda d: d["documents"][0]["spans"][0].__setitem__("end", 10_000),
            "dossier.documents[0].spans[0]: end 10000 is past the end of the document text",
        ),
        (
            lambda d: d["documents"][0]["sentences"][0].update(start=5, end=2),
            "dossier.documents[0].sentences[0]: start 5 is after end 2",
        ),
        (
            lambda d: d["entities"][0]["mentions"][0].__setitem__("doc", "nope"),
            "dossier.entities[0].mentions[0].doc: unknown document id 'nope'",
        ),
        (
            lambda d: d["documents"][0]["mentions"][0].__setitem__("text", "Ann Lopez"),
            "dossier.documents[0].mentions[0].text: 'Ann Lopez' differs from the text",
        ),
        (
            lambda d: d["documents"][0]["metadata"]["published"].__setitem__("start", -3),
            "dossier.documents[0].metadata.published",
        ),
    ],
)
def test_broken_dossier_fails_with_readable_message(dossier, breakage, expected):
    assert expected in fails_readably(dossier, breakage)


def test_long_instance_is_shortened(dossier):
    dossier["documents"][0]["text"] = 12345
    dossier["documents"][0]["title"] = ["x" * 5000]
    with pytest.raises(ValidationError) as info:
        validate_dossier(dossier)
    assert len(str(info.value)) < 400
    assert "more problem" in str(info.value)
