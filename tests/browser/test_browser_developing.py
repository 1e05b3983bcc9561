"""Developing stories in ``storyline serve``, clicked through in a real Chromium.

The workspace is the team's sample corpus (``examples/corpus``, analysed once
per session by the root conftest), whose ten reports form one developing
story over two event-level stories. A reader goes home → developing story →
event story → article, and from a developing story's brief to the article it
cites: the cited characters are there, highlighted and scrolled into view.
Links are clicked as a reader would, never built from ids.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.browser.test_browser_web import clean, click

from tools import browser as chromium

DEVELOPING_LINK = "ul.stories li.developing h3 a[href^='/developing/']"
LINKED = r"\b(in the brief|loosely linked: not in the brief)\b"
# The computed background of a highlighted span (not transparent)
BACKGROUND_JS = "el => getComputedStyle(el).backgroundColor"
OUTLINE_JS = "el => getComputedStyle(el).outlineStyle"


@pytest.fixture
def app_url(examples_workspace: Path, asgi_server: Callable[[Any], str]) -> str:
    from storyline.web import create_app

    return asgi_server(create_app(examples_workspace))


def cited_span(page: Any) -> Any:
    """The element the URL's fragment names, checked to be a highlighted span in view."""
    fragment = page.url.partition("#")[2]
    assert fragment.startswith("tl-"), page.url
    target = page.locator(f"[id='{fragment}']")
    assert target.count() == 1
    assert "tl-sentence" in (target.get_attribute("class") or "")
    assert target.evaluate(BACKGROUND_JS) not in ("rgba(0, 0, 0, 0)", "transparent")
    assert target.evaluate(OUTLINE_JS) == "solid"  # the cited one stands out of the rest
    box = target.bounding_box()
    assert box is not None  # scrolled into view (its top may sit a subpixel above 0)
    assert -2 <= box["y"] < page.viewport_size["height"]
    return target


def same_words(a: str, b: str) -> bool:
    """One text holds the other, spaces and quotation marks aside."""
    a, b = (re.sub(r"[\s“”\"]+", " ", x).strip() for x in (a, b))
    return a in b or b in a


def test_home_to_developing_story_to_event_story_to_article(app_url, open_page):
    w = open_page(app_url + "/", allow=app_url + "/")
    page = w.page
    assert page.locator(DEVELOPING_LINK).count() >= 1
    click(page, DEVELOPING_LINK)
    assert re.search(r"/developing/[^/]+$", page.url)
    events = page.locator("#events ol.events > li")
    assert events.count() >= 2
    for i in range(events.count()):  # linked firmly or loosely, said in words
        assert re.search(
            r"\b(in the brief|loosely linked: not in the brief)\b", events.nth(i).inner_text()
        )
    days = [events.nth(i).inner_text() for i in range(events.count())]
    dated = [m.group(0) for d in days if (m := re.search(r"\d{4}-\d\d-\d\d", d))]
    assert dated == sorted(dated)  # first day first
    assert page.locator("#sources li a[href^='/documents/']").count() >= 2
    click(page, "#events ol.events a[href^='/stories/']")
    assert re.search(r"/stories/[^/]+$", page.url)
    assert page.locator("p.part-of a[href^='/developing/']").count() == 1
    brief = page.locator("#brief li").first
    sentence = brief.inner_text()
    click(page, "#brief li a[href^='/documents/']")
    assert "/documents/" in page.url
    assert same_words(cited_span(page).inner_text(), sentence)
    clean(w)


def test_developing_brief_cites_the_article_at_its_offsets(app_url, open_page):
    w = open_page(app_url + "/", allow=app_url + "/")
    page = w.page
    click(page, DEVELOPING_LINK)
    cites = page.locator("#brief ol.summary > li")
    assert cites.count() >= 1
    sentence = cites.first.inner_text()
    click(page, "#brief ol.summary > li a.cite")
    assert "/documents/" in page.url
    assert same_words(cited_span(page).inner_text(), sentence)
    clean(w)


@pytest.mark.parametrize("width", [chromium.PHONE["width"], chromium.DESKTOP["width"]])
def test_developing_pages_have_no_sideways_scroll(app_url, open_page, width):
    allow = app_url + "/"
    home = open_page(app_url + "/", width=width, allow=allow)
    href = home.page.locator(DEVELOPING_LINK).first.get_attribute("href")
    developing = open_page(app_url + str(href), width=width, allow=allow)
    story = developing.page.locator("#events ol.events a[href^='/stories/']").first
    event = open_page(app_url + str(story.get_attribute("href")), width=width, allow=allow)
    for name, w in (("home", home), ("developing", developing), ("event story", event)):
        scroll_width, inner_width = w.page.evaluate(chromium.WIDTH_JS)
        assert scroll_width <= inner_width, f"{name} at {width}px scrolls sideways"
        clean(w)


def test_screenshot_script_serves_a_workspace_and_shoots_its_developing_story(
    examples_workspace, chromium_browser, tmp_path
):
    import json

    from tools import screenshots

    screenshots.shoot_workspace(examples_workspace, "bridge", tmp_path, ["phone"], chromium_browser)
    assert (tmp_path / "app-phone-developing.png").stat().st_size > 10_000
    layout = json.loads((tmp_path / "app-layout.json").read_text(encoding="utf-8"))
    assert layout["pages"]["developing"].startswith("/developing/")
    assert not any(page["scrolls_sideways"] for page in layout["phone"].values())
