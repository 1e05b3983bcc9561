"""The static dossier in a real browser: it fits a phone and a desktop screen,
its short labels never break inside a word, and it reads with scripts off.

The page is the sample corpus's dossier (``examples/corpus``, written by the
team), analysed once per session by the root conftest.
"""

from __future__ import annotations

import pytest

from tools import browser as chromium

WIDTHS = (chromium.PHONE["width"], chromium.DESKTOP["width"])


@pytest.mark.parametrize("width", WIDTHS)
def test_no_horizontal_scroll(open_page, dossier_url, width):
    watched = open_page(dossier_url, width=width)
    scroll_width, inner_width = watched.page.evaluate(chromium.WIDTH_JS)
    assert scroll_width <= inner_width, (
        f"the page scrolls sideways at {width} px: {scroll_width} px wide content"
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_labels_never_break_inside_a_word(open_page, dossier_url, width):
    watched = open_page(dossier_url, width=width)
    broken = watched.page.evaluate(chromium.BROKEN_WORDS_JS, chromium.LABELS)
    assert not broken, f"words cut across lines at {width} px: {broken}"


def test_width_check_can_fail(open_page, tmp_path):
    """The check itself: content wider than a phone is reported."""
    page = tmp_path / "wide.html"
    page.write_text("<!doctype html><table><tr><td>" + "x" * 200 + "</td></tr></table>")
    scroll_width, inner_width = open_page(page.as_uri(), width=400).page.evaluate(chromium.WIDTH_JS)
    assert scroll_width > inner_width == 400


def test_broken_word_check_can_fail(open_page, tmp_path):
    """The check itself: a heading narrower than its word is reported."""
    page = tmp_path / "narrow.html"
    page.write_text(
        "<!doctype html><h2 style='width:3em;overflow-wrap:anywhere'>Disagreements</h2>"
        "<h2>Fine words here</h2>",
        encoding="utf-8",
    )
    watched = open_page(page.as_uri(), width=400)
    broken = watched.page.evaluate(chromium.BROKEN_WORDS_JS, chromium.LABELS)
    assert broken == ["h2.: Disagreements"]


def _visible_headings(page) -> list[str]:
    return page.eval_on_selector_all(
        "h1, h2",
        "els => els.filter(e => e.getClientRects().length && e.offsetHeight > 0)"
        ".map(e => e.textContent.trim())",
    )


def test_reads_with_scripts_off_as_with_scripts_on(open_page, dossier_url):
    """Every section heading shows and the articles' text is reachable without
    JavaScript: a script may add filters, never be needed to read."""
    on = open_page(dossier_url, width=1400)
    off = open_page(dossier_url, width=1400, scripts=False)
    headings_on, headings_off = _visible_headings(on.page), _visible_headings(off.page)
    assert len(headings_off) >= 5
    assert headings_off == headings_on
    body_off = off.page.evaluate("() => document.body.textContent.length")
    body_on = on.page.evaluate("() => document.body.textContent.length")
    assert body_off >= 0.9 * body_on
    assert off.page.locator("article, section").count() > 0


def test_dossier_sends_nothing_and_runs_cleanly(open_page, dossier_url):
    watched = open_page(dossier_url, width=400)
    assert watched.requests == []
    assert watched.dialogs == []
    assert watched.errors == []
    assert watched.csp_violations() == []
