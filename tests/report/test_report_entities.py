"""Entity profiles in the dossier, HTML and Markdown (invented texts)."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError

from storyline.fuse import fuse
from storyline.model import DocumentAnalysis, Mention, Metadata, Quote, Role
from storyline.report import build_dossier
from storyline.report.render.html import render_html
from storyline.report.render.markdown import render_markdown
from storyline.report.schema import validate_dossier

TEXT = 'Mayor <b>Lopez</b> Ana said: "The bridge opens in July," on Monday.'


def analysis() -> DocumentAnalysis:
    ps = TEXT.index("<b>Lopez</b> Ana")
    pe = ps + len("<b>Lopez</b> Ana")
    qs = TEXT.index("The bridge")
    qe = TEXT.index(",", qs)
    return DocumentAnalysis(
        doc_id="d1", pipeline_version="t", text=TEXT, source="a.txt", format="txt",
        metadata=Metadata(),
        mentions=[Mention(ps, pe, TEXT[ps:pe], "PERSON")],
        quotes=[Quote(id="q1", start=qs, end=qe, text=TEXT[qs:qe], kind="direct",
                      speaker={"text": TEXT[ps:pe], "start": ps, "end": pe})],
        roles=[Role(person={"text": TEXT[ps:pe], "start": ps, "end": pe},
                    title={"text": "Mayor", "start": 0, "end": 5}, pattern="test")],
    )  # fmt: skip


@pytest.fixture
def dossier():
    a = analysis()
    return build_dossier([a], fuse([a]))


def test_profile_keys_and_validation(dossier):
    validate_dossier(dossier)
    (e,) = dossier["entities"]
    assert e["documents"] == {"d1": 1}
    assert e["quotes"] == [q["id"] for q in dossier["quotes"]] and e["quotes"]
    (role,) = [r for r in e["roles"] if r.get("relation") == "role"]
    assert role["title"] == "Mayor" and role["text"].startswith("Mayor")
    assert e["kb"] is None


def test_validation_rejects_a_role_off_its_span(dossier):
    role = next(r for r in dossier["entities"][0]["roles"] if r.get("relation") == "role")
    role["text"] = "Governor"
    with pytest.raises(ValidationError, match="roles"):
        validate_dossier(dossier)


def test_validation_rejects_unknown_quote(dossier):
    dossier["entities"][0]["quotes"] = ["d1:nope"]
    with pytest.raises(ValidationError, match="unknown quote id"):
        validate_dossier(dossier)


def test_html_profile_shows_roles_and_quotes_escaped(dossier):
    html = render_html(dossier)
    assert 'id="ent-' in html and "Profile" in html and "Mayor" in html
    assert "The bridge opens in July" in html
    assert "<b>Lopez</b>" not in html and "&lt;b&gt;Lopez&lt;/b&gt;" in html


def test_markdown_profile(dossier):
    md = render_markdown(dossier)
    assert "undated · Mayor" in md and "quoted: d1:q1" in md
