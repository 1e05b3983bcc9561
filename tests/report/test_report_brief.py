"""The story brief in the dossier: built by fusion, valid storyline/1, checked
offsets, and shown first in dossier.md (texts written for these tests)."""

from __future__ import annotations

import re

from storyline.fuse import fuse
from storyline.model import DocumentAnalysis, Evidence, Mention, Metadata, Sentence
from storyline.report import build_dossier
from storyline.report.render.markdown import render_markdown
from storyline.report.schema import dossier_problems, validate_dossier

FIRST = (
    "Ferry service to Osk suspended after storm\n"
    "The ferry company Nordlink suspended all crossings to the island of Osk on Monday "
    "after a storm damaged the harbour wall.\n"
    "Harbour master Petra Lind said repairs to the wall would take at least a week.\n"
    "Residents of Osk were told that a supply boat would bring food and medicine on Wednesday.\n"
)
SECOND = (
    "Supply boat reaches Osk\n"
    "A supply boat carrying food and medicine reached the island of Osk on Wednesday, "
    "two days after Nordlink suspended its ferry crossings.\n"
    "Petra Lind said divers had found the damage to the harbour wall worse than feared.\n"
)


def _analysis(doc_id: str, text: str, day: str) -> DocumentAnalysis:
    title = text.split("\n", 1)[0]
    md = Metadata(
        title=Evidence(title, "first-line", 0, len(title)), published=Evidence(day, "json")
    )
    names = [("Osk", "GPE"), ("Nordlink", "ORG"), ("Petra Lind", "PERSON")]
    mentions = [
        Mention(m.start(), m.end(), name, label)
        for name, label in names
        for m in re.finditer(name, text)
    ]
    sentences = [Sentence(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    return DocumentAnalysis(
        doc_id, "t", text, f"{doc_id}.txt", "txt", md, sentences=sentences, mentions=mentions
    )


def _dossier() -> dict:
    docs = [_analysis("d1", FIRST, "2031-01-06"), _analysis("d2", SECOND, "2031-01-08")]
    return build_dossier(docs, fuse(docs))


def test_dossier_stories_carry_a_valid_brief() -> None:
    dossier = _dossier()
    validate_dossier(dossier)
    (story,) = dossier["stories"]
    texts = {d["id"]: d["text"] for d in dossier["documents"]}
    assert 3 <= len(story["summary"]) <= 4
    for s in story["summary"]:
        assert texts[s["doc_id"]][s["start"] : s["end"]] == s["text"]
        assert s["published"] in ("2031-01-06", "2031-01-08")
    brief = story["brief"]
    assert brief["sources"]["in_words"] == "2 independent sources (2 articles; no copies found)"
    assert brief["headline"]["text"] in (FIRST.split("\n")[0], SECOND.split("\n")[0])
    actors = [i["text"] for i in brief["state_of_play"] if i["kind"] == "actor"]
    assert any(a.startswith("Petra Lind: named in 2 of 2 articles") for a in actors)


def test_a_brief_reference_that_misquotes_its_document_is_reported() -> None:
    dossier = _dossier()
    item = dossier["stories"][0]["brief"]["state_of_play"][0]
    item["refs"][0]["text"] = "not in the text"
    problems = dossier_problems(dossier)
    assert any(path[:4] == ["stories", 0, "brief", "state_of_play"] for path, _ in problems)


def test_markdown_shows_the_brief_before_the_sources() -> None:
    md = render_markdown(_dossier())
    assert md.index("## Stories") < md.index("## Sources")
    assert "**Sources:** 2 independent sources (2 articles; no copies found)." in md
    assert "**Summary**" in md and "**State of play:**" in md
    assert "(d1:" in md or "· d1:" in md  # every summary sentence names where it is quoted from


def test_dossier_developing_stories_are_valid_and_cover_every_story() -> None:
    dossier = _dossier()
    validate_dossier(dossier, thorough=True)
    (dev,) = dossier["developing_stories"]
    (story,) = dossier["stories"]
    assert dev["stories"] == [story["id"]] and story["developing"] == dev["id"]
    assert dev["documents"] == story["documents"]
    assert dev["brief"] == story["brief"]  # one event story: its brief is the developing one's


def test_a_developing_story_naming_an_unknown_story_is_reported() -> None:
    dossier = _dossier()
    dossier["developing_stories"][0]["stories"].append("story-99")
    dossier["developing_stories"][0]["brief_stories"] = ["story-98"]
    dossier["developing_stories"][0]["summary"][0]["text"] = "not in the text"
    problems = dossier_problems(dossier)
    assert any(p[:3] == ["developing_stories", 0, "stories"] for p, _ in problems)
    assert any(p[:3] == ["developing_stories", 0, "summary"] for p, _ in problems)
    assert any(p[:3] == ["developing_stories", 0, "brief_stories"] for p, _ in problems)
