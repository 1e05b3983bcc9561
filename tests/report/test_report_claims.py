"""Claims in the dossier: schema, offset checks, Markdown and HTML views."""

from __future__ import annotations

import copy
import re

import pytest
from test_report_render import EVIL

from storyline.fuse.claims import build_claims
from storyline.model import (
    DocumentAnalysis,
    Entity,
    EntityMention,
    Event,
    Evidence,
    Fused,
    Metadata,
    Sentence,
)
from storyline.report import build_dossier, render_html, render_markdown
from storyline.report.render.html.script import strip_own_script
from storyline.report.schema import dossier_problems, validate_dossier


def _analysis(doc_id: str, text: str, trigger: str, lemma: str, modality: str) -> DocumentAnalysis:
    t, a = text.index(trigger), text.index("Velmark")
    ev = Event(
        "e1",
        "ASSAULT",
        0,
        len(text),
        text,
        {"start": t, "end": t + len(trigger), "text": trigger, "lemma": lemma},
        actors=[{"start": a, "end": a + 7, "text": "Velmark"}],
        modality=modality,
        confidence=0.8 if modality == "asserted" else 0.3,
    )
    md = Metadata(
        published=Evidence("2023-05-03", "json"), outlet=Evidence(f"The {doc_id}", "json")
    )
    return DocumentAnalysis(doc_id, "1", text, doc_id, "json", md,
                            sentences=[Sentence(0, len(text))], events=[ev])  # fmt: skip


@pytest.fixture
def dossier() -> dict:
    analyses = [
        _analysis("a", f"Velmark shelled the port {EVIL}.", "shelled", "shell", "asserted"),
        _analysis("b", "Velmark did not shell the port.", "shell", "shell", "negated"),
    ]
    ent = Entity(
        "g1",
        "Velmark",
        "GPE",
        mentions=[EntityMention(a.doc_id, 0, 7, "Velmark") for a in analyses],
    )
    fused = Fused(entities=[ent])
    fused.sections["claims"] = build_claims(analyses, fused)
    return build_dossier(analyses, fused)


def test_claims_are_valid_storyline_1(dossier):
    validate_dossier(dossier)
    (c,) = dossier["claims"]
    assert c["label"] == "Velmark — shelled" and (c["sources"], c["sources_negating"]) == (1, 1)


def test_a_statement_that_misquotes_its_document_is_caught(dossier):
    bad = copy.deepcopy(dossier)
    bad["claims"][0]["statements"][0]["text"] += " (edited)"
    assert ["claims", 0, "statements", 0, "text"] in [p for p, _ in dossier_problems(bad)]
    bad = copy.deepcopy(dossier)
    bad["claims"][0]["polarity"] = "maybe"
    assert dossier_problems(bad)


def test_markdown_shows_the_subject_sources_in_words_and_the_denial(dossier):
    md = render_markdown(dossier)
    section = md[md.index("## Claims") : md.index("## Disagreements")]
    assert "### Velmark" in section
    assert "**shelled** — one source; denied by one source: The a" in section
    assert "denies: “Velmark did not shell the port.” (The b, 3 May 2023 0–31)" in section


def test_html_links_each_statement_to_its_span_and_escapes(dossier):
    html = strip_own_script(render_html(dossier))
    section = html[html.index('<section id="claims">') :]
    section = section[: section.index("</section>")]
    ids = set(re.findall(r'id="([^"]+)"', html))
    hrefs = re.findall(r'href="#([^"]+)"', section)
    assert hrefs and all(h in ids for h in hrefs)
    assert 'href="#claims"' in html and "<script>" not in html
