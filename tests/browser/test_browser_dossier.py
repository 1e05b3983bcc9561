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


def _headings(page, visible: bool) -> list[str]:
    keep = "e.getClientRects().length && e.offsetHeight > 0" if visible else "true"
    return page.eval_on_selector_all(
        "h1, h2", f"els => els.filter(e => {keep}).map(e => e.textContent.trim())"
    )


def needs_scripts(on, off) -> list[str]:
    """What a reader misses with scripts off (``on``/``off``: the same page
    opened with and without JavaScript): headings of the page's own markup
    that show only with scripts, and text that only a script brings."""
    problems: list[str] = []
    shown_off = _headings(off, visible=True)
    static = set(_headings(off, visible=False))
    problems += [
        f"hidden until a script runs: {h}"
        for h in _headings(on, visible=True)
        if h in static and h not in shown_off
    ]
    text_off = off.evaluate("() => document.body.textContent.length")
    text_on = on.evaluate("() => document.body.textContent.length")
    if text_off < 0.9 * text_on:
        problems.append(f"scripts bring {text_on - text_off} of {text_on} characters")
    return problems


def test_reads_with_scripts_off_as_with_scripts_on(open_page, dossier_url):
    """Every section heading shows and the articles' text is in the markup:
    a script may add filters, never be needed to read."""
    on = open_page(dossier_url, width=1400)
    off = open_page(dossier_url, width=1400, scripts=False)
    assert len(_headings(off.page, visible=True)) >= 5
    assert off.page.locator("article, section").count() > 0
    assert needs_scripts(on.page, off.page) == []


def test_scripts_off_check_can_fail(open_page, tmp_path):
    page = tmp_path / "js.html"
    page.write_text(
        "<!doctype html><h2 id=a style='display:none'>Sources</h2><p id=p></p>"
        "<script>a.style.display='block'; p.textContent='x'.repeat(500)</script>",
        encoding="utf-8",
    )
    on = open_page(page.as_uri())
    off = open_page(page.as_uri(), scripts=False)
    problems = needs_scripts(on.page, off.page)
    assert problems[0] == "hidden until a script runs: Sources"
    assert problems[1].startswith("scripts bring 500 of")


def test_dossier_sends_nothing_and_runs_cleanly(open_page, dossier_url):
    watched = open_page(dossier_url, width=400)
    assert watched.requests == []
    assert watched.dialogs == []
    assert watched.errors == []
    assert watched.csp_violations() == []
