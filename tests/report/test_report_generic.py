"""The generic section: top-level record lists that no dedicated view renders."""

from __future__ import annotations

import copy
import html as htmllib
import re

import pytest
from test_report_render import EVIL, parse

from storyline.report import build_dossier, render_html, render_markdown
from storyline.report.render.generic import generic_sections, section_title
from storyline.report.render.html.anchors import doc_anchor
from storyline.report.render.html.script import strip_own_script
from storyline.report.text import doc_label


@pytest.fixture
def dossier(analyses, fused):
    return build_dossier(analyses, fused)


@pytest.fixture
def widgets(dossier):
    """The dossier plus an invented ``widgets`` list, one record of hostile text."""
    d = copy.deepcopy(dossier)
    doc = d["documents"][0]
    d["widgets"] = [
        {"doc": doc["id"], "start": 0, "end": 5, "value": 3, "ok": True},
        {"doc": "nowhere", "start": 0, "end": 5, "label": f"{EVIL} a|b", "nested": {"k": [1]}},
        {"value": 0.5},
    ]
    return d


def test_section_title():
    assert section_title("quantities") == "Quantities"
    assert section_title("key_events") == "Key events"


def test_today_no_generic_section(dossier):
    # Every reserved key is an empty list today: nothing extra is rendered.
    assert generic_sections(dossier) == []
    assert "## Quantities" not in render_markdown(dossier)
    assert 'class="generic"' not in render_html(dossier)


def test_sections_rows_and_columns(widgets):
    (sec,) = generic_sections(widgets)
    text = widgets["documents"][0]["text"]
    assert (sec.key, sec.title) == ("widgets", "Widgets")
    assert sec.columns == ["value", "ok", "label", "nested"]
    assert sec.has_doc and sec.has_text
    first, second, third = sec.rows
    assert first.doc == widgets["documents"][0]["id"]
    assert first.text == " ".join(text[0:5].split())
    assert first.cells == ["3", "true", "", ""]
    assert second.text is None  # unknown document: no text to quote
    assert second.cells == ["", "", f"{EVIL} a|b", '{"k":[1]}']
    assert third.doc is None and third.cells == ["0.5", "", "", ""]


def test_lists_of_non_objects_and_empty_lists_are_skipped(dossier):
    d = copy.deepcopy(dossier)
    d["tags"] = ["a", "b"]
    d["quantities"] = []
    assert generic_sections(d) == []


def test_markdown_generic_section_is_escaped(widgets):
    md = render_markdown(widgets)
    assert "## Widgets" in md
    section = md[md.index("## Widgets") :]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    assert lines[0] == "| Document | Text | value | ok | label | nested |"
    assert len(lines) == 2 + 3  # header, rule, one row per record
    # Every row has the header's number of cells: the "|" in the text is escaped.
    n_cells = lines[0].count(" | ")
    for line in lines[2:]:
        assert line.replace("\\|", "").count(" | ") == n_cells
    assert "<script>" not in section
    assert "\\<script\\>" in section
    assert "a\\|b" in section


def test_html_generic_section_links_and_escapes(widgets):
    page = strip_own_script(render_html(widgets))
    parse(page)
    assert '<section id="section-widgets" class="generic">' in page
    assert '<a href="#section-widgets">Widgets</a>' in page  # in the navigation
    doc_id = widgets["documents"][0]["id"]
    label = doc_label(widgets["documents"][0])
    assert f'<a href="#{doc_anchor(doc_id)}" title="{doc_id}">{label}</a>' in page
    assert "<script>" not in page
    assert htmllib.escape(f"{EVIL} a|b", quote=True) in page
    assert re.search(r'<td data-label="[^"<>]*">true</td>', page)  # labelled for phone cards
    assert re.search(r'<td data-label="[^"<>]*">\{&#34;k&#34;:\[1\]\}</td>', page)


def test_span_cells_show_their_text() -> None:
    from storyline.report.render.generic import cell_text

    assert cell_text({"start": 3, "end": 9, "text": "Friday", "value": "2025-04-04"}) == (
        "Friday (2025-04-04)"
    )
    assert cell_text([{"text": "the mayor"}, {"text": "the governor"}]) == (
        "the mayor; the governor"
    )
    assert cell_text(None) == ""
    assert cell_text({"a": 1}) == '{"a":1}'
    assert cell_text(0.5) == "0.5"


def test_html_generic_table_leaves_out_columns_empty_in_every_row(widgets):
    d = copy.deepcopy(widgets)
    for rec in d["widgets"]:
        rec["unused"] = None  # a field no record fills
    page = strip_own_script(render_html(d))
    section = page[page.index('<section id="section-widgets"') :]
    section = section[: section.index("</section>")]
    heads = re.findall(r"<th>([^<]*)</th>", section)
    assert heads == ["Document", "Text", "value", "ok", "label", "nested"]
    assert '<div class="table-scroll">' in section  # a wide table scrolls in its own box
    assert "| unused |" in render_markdown(d)  # the Markdown keeps every field
