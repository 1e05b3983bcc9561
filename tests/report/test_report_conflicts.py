"""Disagreements in the dossier: schema, offset checks, Markdown and HTML views."""

from __future__ import annotations

import copy

import pytest
from test_report_render import EVIL

from storyline.fuse.conflicts import find_conflicts
from storyline.model import DocumentAnalysis, Evidence, Fused, Metadata, Quantity, Sentence
from storyline.report import build_dossier, render_html, render_markdown
from storyline.report.render.html.script import strip_own_script
from storyline.report.schema import dossier_problems, validate_dossier


def _analysis(doc_id: str, published: str, text: str, figure: str) -> DocumentAnalysis:
    start = text.index(figure)
    words = figure.split()
    q = Quantity(start, start + len(figure), figure, float(words[-1]),
                 qualifier=" ".join(words[:-1]) or None)  # fmt: skip
    md = Metadata(published=Evidence(published, "json"), outlet=Evidence(f"The {doc_id}", "json"))
    return DocumentAnalysis(doc_id, "1", text, doc_id, "json", md,
                            sentences=[Sentence(0, len(text))], quantities=[q])  # fmt: skip


@pytest.fixture
def dossier() -> dict:
    analyses = [
        _analysis("a", "2023-05-03", f"Police: 40 people were killed in the storm {EVIL}.", "40"),
        _analysis("b", "2023-05-03", "About 95 people were killed in the storm.", "About 95"),
        _analysis("c", "2023-05-03", "More than 40 people were killed in it.", "More than 40"),
    ]  # fmt: skip
    return build_dossier(analyses, Fused(sections={"conflicts": find_conflicts(analyses, Fused())}))


def test_conflicts_are_valid_storyline_1(dossier):
    validate_dossier(dossier)
    kinds = sorted(c["kind"] for c in dossier["conflicts"])
    assert kinds == ["numbers", "numbers"]  # a-b and b-c; a "40" and c "more than 40" agree
    assert {c["low_confidence"] for c in dossier["conflicts"]} == {True, False}


def test_a_side_that_misquotes_its_document_is_caught(dossier):
    bad = copy.deepcopy(dossier)
    bad["conflicts"][0]["sides"][0]["text"] += " (edited)"
    assert ["conflicts", 0, "sides", 0, "text"] in [p for p, _ in dossier_problems(bad)]
    bad = copy.deepcopy(dossier)
    bad["conflicts"][0]["sides"][1]["doc"] = "nowhere"
    assert dossier_problems(bad)
    bad = copy.deepcopy(dossier)
    bad["conflicts"][0]["sides"][1]["lineage"] = bad["conflicts"][0]["sides"][0]["lineage"]
    assert ["conflicts", 0, "sides"] in [p for p, _ in dossier_problems(bad)]
    bad = copy.deepcopy(dossier)
    bad["conflicts"][0]["kind"] = "vibes"
    assert dossier_problems(bad)


def test_markdown_lists_each_side_and_marks_low_confidence(dossier):
    md = render_markdown(dossier)
    section = md[md.index("## Disagreements") :]
    assert "killed" in section and "*low confidence*" in section
    assert section.index("*low confidence*") > section.index("confidence 0.75")
    assert "a 8–10" in section  # the side's document and offsets


def test_html_links_each_side_to_its_span_and_escapes(dossier):
    html = strip_own_script(render_html(dossier))
    assert 'href="#conflicts"' in html and "low confidence" in html
    assert 'title="disagreement: people killed"' in html
    assert "<script>" not in html
