"""Roles fusion: a per-entity roles timeline across sources (invented texts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.fuse import fuse
from storyline.fuse.roles import role_timeline
from storyline.model import DocumentAnalysis, Evidence, Mention, Metadata, Role


def _analysis(doc_id: str, text: str, name: str, title: str, date: str | None) -> DocumentAnalysis:
    ps = text.index(name)
    ts = text.index(title)
    return DocumentAnalysis(
        doc_id=doc_id,
        pipeline_version="t",
        text=text,
        source=f"{doc_id}.txt",
        format="txt",
        metadata=Metadata(published=Evidence(date, "json") if date else None),
        mentions=[Mention(ps, ps + len(name), name, "PERSON")],
        roles=[
            Role(
                person={"text": name, "start": ps, "end": ps + len(name)},
                title={"text": title, "start": ts, "end": ts + len(title)},
                pattern="test",
            )
        ],
    )


def test_roles_form_a_dated_timeline_across_sources():
    a = _analysis("d2", "Army chief Pavel Dorn spoke.", "Pavel Dorn", "Army chief", "2022-05-02")
    b = _analysis(
        "d1", "Deputy Minister Pavel Dorn said no.", "Pavel Dorn", "Deputy Minister", "2022-03-01"
    )
    c = _analysis("d3", "Envoy Pavel Dorn left.", "Pavel Dorn", "Envoy", None)
    fused = fuse([a, b, c])
    (dorn,) = [e for e in fused.entities if e.name == "Pavel Dorn"]
    timeline = role_timeline(dorn)
    assert [r["title"] for r in timeline] == ["Deputy Minister", "Army chief", "Envoy"]
    assert [r["date"] for r in timeline] == ["2022-03-01", "2022-05-02", None]
    for r in timeline:
        text = {"d1": b.text, "d2": a.text, "d3": c.text}[r["doc"]]
        assert text[r["start"] : r["end"]] == r["text"]
        assert text[r["title_start"] : r["title_end"]] == r["title"]
        assert r["relation"] == "role" and r["org"] is None


def test_named_after_links_are_kept_before_the_timeline():
    text = "Envoy Pavel Dorn visited the Pavel Dorn Regiment."
    a = _analysis("d1", text, "Pavel Dorn", "Envoy", None)
    s = text.index("the Pavel Dorn Regiment")
    a.mentions.append(Mention(s, s + 23, "the Pavel Dorn Regiment", "ORG"))
    fused = fuse([a])
    unit = next(e for e in fused.entities if "Regiment" in e.name)
    assert unit.roles and unit.roles[0]["relation"] == "named_after"
    person = next(e for e in fused.entities if e.name == "Pavel Dorn")
    assert [r["title"] for r in role_timeline(person)] == ["Envoy"]


def test_a_role_without_an_entity_is_dropped():
    a = _analysis("d1", "Envoy Pavel Dorn left.", "Pavel Dorn", "Envoy", None)
    a.mentions = []
    assert all(not e.roles for e in fuse([a]).entities)


def test_kb_path_links_in_fuse(tmp_path: Path):
    kb = tmp_path / "kb.jsonl"
    kb.write_text(
        '{"id": "X1", "label": "Pavel Dorn", "type": "PERSON", "description": "invented"}\n',
        encoding="utf-8",
    )
    a = _analysis("d1", "Envoy Pavel Dorn left.", "Pavel Dorn", "Envoy", None)
    (ent,) = fuse([a], kb_path=kb).entities
    assert ent.roles[0] == {
        "relation": "kb", "id": "X1", "label": "Pavel Dorn", "description": "invented", "score": 1.0
    }  # fmt: skip
    assert fuse([a]).entities[0].roles[0]["relation"] == "role"


def test_real_corpus_roles(belarus: Path):
    """Names and titles only (no article text is copied into the project)."""
    from storyline.pipeline import Pipeline
    from storyline.read import read_inputs
    from storyline.settings import Settings

    raws = list(read_inputs([str(p) for p in sorted(belarus.glob("*.txt"))], settings=Settings()))
    analyses = list(Pipeline(Settings()).analyze_many(raws))
    found = {(r.person["text"], r.title["text"]) for a in analyses for r in a.roles}
    for pair in [
        ("Vadym Boychenko", "mayor"),
        ("Alexei Leonchik", "founder"),
        ("Viktor Gulevich", "Deputy Defence Minister"),
        ("Viktor Gulevich", "Belarusian chief"),
        ("Alexander Lukashenko", "Belarusian President"),
        ("Vladimir Putin", "Russian President"),
        ("Franak Viačorka", "adviser"),
        ("Ihor Romanenko", "retired lieutenant-general"),
    ]:
        assert pair in found, pair
    fused = fuse(analyses)
    gulevich = [e for e in fused.entities if e.name.endswith("Gulevich")]
    assert gulevich
    titles = {r["title"] for e in gulevich for r in role_timeline(e)}
    assert len(titles) >= 3  # a different title per source


@pytest.mark.parametrize("kb_path", [None])
def test_fuse_positional_signature_unchanged(kb_path):
    assert fuse([], kb_path).entities == []


def test_a_role_in_a_document_dated_by_a_bound_says_so():
    from storyline.report.text import role_date

    a = _analysis("d1", "Envoy Pavel Dorn left.", "Pavel Dorn", "Envoy", "2022-03-19")
    a.metadata.published = Evidence("2022-03-19", "embedded-post (publication at or after)")
    b = _analysis("d2", "Army chief Pavel Dorn spoke.", "Pavel Dorn", "Army chief", "2022-05-02")
    fused = fuse([a, b])
    (dorn,) = [e for e in fused.entities if e.name == "Pavel Dorn"]
    by_doc = {r["doc"]: r for r in role_timeline(dorn)}
    assert by_doc["d1"]["date_bound"] == "on or after"
    assert by_doc["d2"]["date_bound"] is None
    assert role_date(by_doc["d1"]) == "on or after 19 Mar 2022"
    assert role_date(by_doc["d2"]) == "2 May 2022"
    assert role_date({"date": None, "date_bound": "on or after"}) == "undated"
