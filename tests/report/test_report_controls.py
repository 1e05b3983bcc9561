"""Control and bidi characters in titles, names and quotes are shown, not obeyed (issue 11)."""

from __future__ import annotations

import json

from report_quotes_data import STATEMENT, make_quote_analyses, make_quote_fused

from storyline.report import build_dossier, render_html, render_markdown, write_dossier
from storyline.report.render.controls import visible_controls

HOSTILE = "\x00\x1b]0;owned\x07\u202e\u2066\x7f"


def _hostile_dossier():
    analyses = make_quote_analyses()
    a = analyses[0]
    # same length replacements, so every offset still holds
    a.text = a.text.replace("Flood", "Fl\x00od", 1).replace("week", "we\u202ek", 1)
    a.text = a.text.replace("Monday", "Mo\u2066day", 1)
    for q in a.quotes:
        q.text = a.text[q.start : q.end]
        for part in ("speaker", "cue", "when"):
            d = getattr(q, part, None)
            if isinstance(d, dict) and "text" in d:
                d["text"] = a.text[d["start"] : d["end"]]
    a.metadata.title.value = "Fl\x00od" + HOSTILE
    a.source = "examples/\u202etxt.exe"
    return build_dossier(analyses, make_quote_fused(analyses))


def test_visible_controls_maps_each_one():
    assert visible_controls("a\x00b\x1bc\x7f") == "a\u2400b\u241bc\u2421"
    assert visible_controls("x\u202ey\u2069") == "x\u2039U+202E\u203ay\u2039U+2069\u203a"
    plain = "tab\tnew\nline\r\u200f\u061c Ünïcode «» \u05d0"
    assert visible_controls(plain) == plain


def test_hostile_text_is_shown_not_obeyed_in_both_pages(tmp_path):
    dossier = _hostile_dossier()
    paths = write_dossier(dossier, tmp_path / "out")
    for key in ("html", "markdown"):
        page = paths[key].read_text("utf-8")
        for ch in (c for c in HOSTILE if not c.isprintable()):
            assert ch not in page, (key, hex(ord(ch)))
        assert "\u2400" in page and "\u2039U+202E\u203a" in page
    html = paths["html"].read_text("utf-8")
    assert "Fl\u2400od" in html  # in the annotated text too
    assert "Mo\u2039U+2066\u203aday" in html


def test_the_json_keeps_the_exact_text(tmp_path):
    dossier = _hostile_dossier()
    paths = write_dossier(dossier, tmp_path / "out")
    loaded = json.loads(paths["json"].read_text("utf-8"))
    doc = loaded["documents"][0]
    assert doc["title"].endswith(HOSTILE)
    assert "Fl\x00od" in doc["text"] and "we\u202ek" in doc["text"]
    q = loaded["quotes"][0]
    assert doc["text"][q["start"] : q["end"]] == q["text"]
    assert loaded["errors"] == []  # offsets all hold


def test_pages_without_controls_are_unchanged():
    analyses = make_quote_analyses()
    dossier = build_dossier(analyses, make_quote_fused(analyses))
    assert STATEMENT in render_html(dossier)
    assert visible_controls(render_html(dossier)) == render_html(dossier)
    assert visible_controls(render_markdown(dossier)) == render_markdown(dossier)
