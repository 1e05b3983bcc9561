"""A very long unannotated stretch of text gets break opportunities, not new text."""

from __future__ import annotations

import re

from storyline.report.render.html.layers import WBR_EVERY, Layer, segment_html


def test_long_stretch_gets_wbr_and_keeps_its_text():
    text = "<b>" + "x" * (2 * WBR_EVERY + 7)
    html = str(segment_html(text, [Layer(0, 3, 3, "span", {"class": "span"})]))
    assert html.count("<wbr>") == 2
    without = html.replace("<wbr>", "")
    assert without == '<span class="span">&lt;b&gt;</span>' + "x" * (2 * WBR_EVERY + 7)


def test_ordinary_text_has_no_wbr():
    text = "A short article. " * 100
    html = str(segment_html(text, []))
    assert "<wbr>" not in html
    assert re.sub(r"<[^>]+>", "", html) == text
