"""``storyline serve --paged`` clicked through in a real Chromium, at phone and desktop width.

The sample corpus (``examples/corpus``, analysed once per session by the root
conftest) is written as a paged dossier of at most four documents per part.
A reader goes home → part → entity → article, and home → entity index entry →
the entity in one part; links are clicked, never built from ids. No page runs
a script, loads anything from elsewhere or scrolls sideways.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.browser.test_browser_web import clean, click

from storyline.settings import Settings

PART_LINK = "#parts td.card-title a[href^='/parts/']"
ENTITY_LINK = "a[href*='/entities/']"
SIDEWAYS_JS = "() => [document.documentElement.scrollWidth, window.innerWidth]"


@pytest.fixture(scope="module")
def paged_out(examples_workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from storyline.report.paged import write_paged

    root = tmp_path_factory.mktemp("paged-browser")
    shutil.copy(examples_workspace, root / "ws.db")  # the planner stores digests in it
    write_paged(Settings(workspace=root / "ws.db"), root / "out", max_docs=4)
    return root / "out"


@pytest.fixture
def app_url(paged_out: Path, asgi_server: Callable[[Any], str]) -> str:
    from storyline.web.paged import create_paged_app

    return asgi_server(create_paged_app(paged_out))


def no_sideways(page: Any) -> None:
    scroll, inner = page.evaluate(SIDEWAYS_JS)
    assert scroll <= inner, f"{page.url} scrolls sideways at {inner}px"


@pytest.mark.parametrize("width", [400, 1400])
def test_home_to_part_to_entity_to_article(app_url, open_page, width):
    w = open_page(app_url + "/", width=width, allow=app_url + "/")
    page = w.page
    assert page.locator(PART_LINK).count() >= 2
    no_sideways(page)
    click(page, PART_LINK)
    part = re.search(r"/parts/([^/]+)/$", page.url)
    assert part, page.url
    base = f"/parts/{part.group(1)}"
    assert page.locator("nav.part-nav").count() == 1
    no_sideways(page)
    click(page, f"ul.stories {ENTITY_LINK}")
    assert page.url.startswith(app_url + base + "/entities/")
    name = page.locator("h1").first.inner_text()
    no_sideways(page)
    click(page, f"a[href^='{base}/documents/'][href*='#']")  # a quote or mention in its article
    assert page.url.startswith(app_url + base + "/documents/")
    fragment = page.url.partition("#")[2]
    target = page.locator(f"[id='{fragment}']")
    assert target.count() == 1  # the span the entity page pointed at is on the article page
    box = target.bounding_box()
    assert box is not None and -2 <= box["y"] < page.viewport_size["height"]
    assert page.locator("nav.part-nav").count() == 1  # still inside the part
    assert name.split()[0] in page.locator("body").inner_text()
    no_sideways(page)
    clean(w)


@pytest.mark.parametrize("width", [400, 1400])
def test_entity_index_leads_to_each_part(app_url, open_page, width):
    w = open_page(app_url + "/entities", width=width, allow=app_url + "/")
    page = w.page
    no_sideways(page)
    page.fill("#entity-q", "halvik")
    with page.expect_navigation(wait_until="load"):
        page.locator("form.search button").click()
    assert "q=halvik" in page.url
    rows = page.locator("table.cards tbody tr")
    assert rows.count() >= 1
    click(page, "table.cards td.card-title a[href^='/entities/x']")
    assert re.search(r"/entities/x[0-9a-f]+$", page.url)
    heading = page.locator("h1").inner_text()
    links = page.locator("table.cards a[href^='/parts/']")
    assert links.count() >= 1
    no_sideways(page)
    click(page, "table.cards a[href^='/parts/']")
    assert "/entities/" in page.url and page.url.startswith(app_url + "/parts/")
    assert heading.split()[0] in page.locator("h1").inner_text()
    no_sideways(page)
    clean(w)
