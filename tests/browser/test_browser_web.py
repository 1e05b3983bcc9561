"""``storyline serve`` in a real Chromium: a reader clicking through the app.

One workspace per module, analysed from short reports written here (one
story about a bridge in the invented town of Marrow Vale, its mayor quoted in
each, from two outlets) and one hostile report whose text, title and file
name carry markup. The app runs under uvicorn on a loopback port
(``asgi_server``); every page is opened through ``open_page``, which records
dialogs, requests leaving the app's origin, CSP violations and script errors.
The tests click links and submit forms as a reader would, never building URLs
out of ids, so a broken link fails here.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import analyzed_workspace

from tools import browser as chromium

# (outlet, date, title, text): one story, the mayor quoted in every report.
REPORTS = (
    (
        "Vale Courier",
        "2023-05-02",
        "Marrow Vale bridge closed after crack found",
        "MARROW VALE, May 2, 2023 - The old stone bridge over the Lenn river in Marrow "
        "Vale was closed on Tuesday after engineers found a crack in its central arch, "
        'Mayor Oskar Brandt said. "Nobody will cross it until it is safe," Brandt told '
        "reporters. About 4,000 cars used the bridge every day.\n",
    ),
    (
        "Lenn Valley Post",
        "2023-05-04",
        "Engineers inspect Marrow Vale bridge",
        "MARROW VALE, May 4, 2023 - Engineers began a full inspection of the closed "
        "stone bridge in Marrow Vale on Thursday. Mayor Oskar Brandt said the work "
        'would take two weeks. "We expect a report by May 18," Brandt said. Drivers '
        "now take a detour of 12 kilometres.\n",
    ),
    (
        "Vale Courier",
        "2023-05-19",
        "Marrow Vale bridge needs repairs, report says",
        "MARROW VALE, May 19, 2023 - The stone bridge over the Lenn river in Marrow Vale "
        "needs repairs costing about 2 million euros, an engineering report said on "
        'Friday. "The bridge will reopen before winter," Mayor Oskar Brandt said.\n',
    ),
)

HOSTILE_TITLE = "<script>alert('title')</script> Bridge notes"
PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<a href="javascript:alert(3)">the page</a>',
    "<svg onload=alert(4)><circle r=1></circle></svg>",
)
HOSTILE = (
    f"{HOSTILE_TITLE}\n\n"
    "MARROW VALE, May 5, 2023 - Readers of the council website about the closed "
    f"stone bridge in Marrow Vale found {PAYLOADS[0]} and {PAYLOADS[1]} in a comment, "
    f"and a link to {PAYLOADS[2]} beside {PAYLOADS[3]}. "
    '"The bridge stays closed," Mayor Oskar Brandt said on Friday.\n'
)

FILE_NAME = "<img src=x onerror=alert(5)>.txt"

UPLOADED = (
    "Ferry replaces Marrow Vale bridge\n\n"
    "MARROW VALE, May 8, 2023 - A ferry began carrying cyclists across the Lenn "
    'river on Monday. "It is a stopgap," said harbour master Ida Krol.\n'
)

# Elements carrying an event handler or a javascript: URL (markup let through).
HANDLERS_JS = """() => [...document.querySelectorAll('*')].filter(el => [...el.attributes]
  .some(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value)))
  .map(el => el.outerHTML.slice(0, 80))"""

# The home page's link to the bridge story (its title is the first report's).
STORY_LINK = "ul.stories h3 a:has-text('bridge')"

PAGES = ("home", "story", "entity", "document", "search")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workspace after ``analyze`` of the reports above (dossier stored)."""
    records = [
        {"id": f"r{i}", "outlet": o, "published": d, "title": t, "text": x}
        for i, (o, d, t, x) in enumerate(REPORTS)
    ]
    reports = "".join(json.dumps(r) + "\n" for r in records)
    files = {"reports.jsonl": reports, FILE_NAME: HOSTILE}
    return analyzed_workspace(tmp_path_factory.mktemp("webbrowser"), files)


@pytest.fixture
def app_url(workspace: Path, asgi_server: Callable[[Any], str]) -> str:
    from storyline.web import create_app

    return asgi_server(create_app(workspace))


def clean(watched: Any) -> None:
    """Nothing ran, nothing left the app's origin, nothing was blocked."""
    assert watched.dialogs == []
    assert watched.requests == []
    assert watched.csp_violations() == []
    assert watched.errors == []


def click(page: Any, selector: str) -> None:
    """Click the first match of ``selector`` and wait for the page it opens."""
    with page.expect_navigation(wait_until="load"):
        page.locator(selector).first.click()


def test_click_from_story_to_entity_to_quote_in_its_document(app_url, open_page):
    w = open_page(app_url + "/", allow=app_url + "/")
    page = w.page
    assert page.locator("ul.stories > li").count() >= 1
    click(page, STORY_LINK)
    assert re.search(r"/stories/[^/]+$", page.url)
    click(page, "header p.note a[href^='/entities/']:has-text('Brandt')")
    assert "/entities/" in page.url
    assert "Brandt" in page.inner_text("h1")
    quotes = page.locator("#quotes-by li.statement")
    assert quotes.count() >= 3
    quote = quotes.first.locator("blockquote").inner_text().strip("“”")
    click(page, "#quotes-by li.statement a[href^='/documents/']")
    path, _, fragment = page.url.partition("#")
    assert "/documents/" in path and fragment.startswith("q-")
    assert page.evaluate("() => location.hash.slice(1)") == fragment
    target = page.locator(f"[id='{fragment}']")
    assert target.count() == 1
    assert quote in target.inner_text() or target.inner_text() in quote
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]
    clean(w)


def test_search_then_narrow_by_an_outlet_facet(app_url, open_page):
    w = open_page(app_url + "/search", allow=app_url + "/")
    page = w.page
    page.fill("form.search input[type=search]", "bridge")
    with page.expect_navigation(wait_until="load"):
        page.press("form.search input[type=search]", "Enter")
    hits = page.locator("ol.hits > li")
    n_all = hits.count()
    assert n_all >= 3
    labels = [hits.nth(i).locator("a").first.inner_text() for i in range(n_all)]
    assert any("Vale Courier · 2 May 2023 · Marrow Vale bridge" in s for s in labels)
    assert hits.locator("span.snippet mark").count() >= n_all
    assert page.locator("span.snippet mark").first.inner_text().lower() == "bridge"
    click(page, ".facets a:has-text('Lenn Valley Post')")
    assert "outlet=Lenn+Valley+Post" in page.url
    assert page.locator(".facets a.on").inner_text() == "Lenn Valley Post"
    narrowed = [hits.nth(i).locator("a").first.inner_text() for i in range(hits.count())]
    assert narrowed == ["Lenn Valley Post · 4 May 2023 · Engineers inspect Marrow Vale bridge"]
    assert page.locator("form.search input[type=search]").input_value() == "bridge"
    clean(w)


def test_upload_follows_progress_until_the_document_is_listed(tmp_path, asgi_server, open_page):
    from storyline.web import create_app

    url = asgi_server(create_app(tmp_path / "ws.db"))
    w = open_page(url + "/upload", allow=url + "/")
    page = w.page
    upload = tmp_path / "ferry.txt"
    upload.write_text(UPLOADED, encoding="utf-8")
    page.set_input_files("input[type=file]", str(upload))
    click(page, "form button[type=submit]")
    assert re.search(r"/upload/[^/]+$", page.url), page.inner_text("body")
    deadline = time.monotonic() + 120
    while "Upload: done" not in page.inner_text("h1"):
        assert "failed" not in page.inner_text("h1"), page.inner_text("body")
        assert time.monotonic() < deadline, "the upload did not finish in 120 s"
        # the page refreshes itself every 2 s; wait for the next load
        page.wait_for_event("load", timeout=10_000)
    assert "1 document ingested" in page.inner_text("body")
    click(page, "nav.app a[href='/documents']")
    assert page.locator("a:has-text('Ferry replaces Marrow Vale bridge')").count() == 1
    click(page, "a:has-text('Ferry replaces Marrow Vale bridge')")
    assert "It is a stopgap" in page.inner_text("body")
    clean(w)


def test_hostile_report_shows_as_text_and_runs_nothing(app_url, open_page):
    allow = app_url + "/"
    search = open_page(app_url + "/search?q=comment", allow=allow)
    # untitled: labelled by its first line (markup shown as text), not its file name
    hit = search.page.locator("ol.hits > li").filter(has_text=HOSTILE_TITLE)
    assert hit.count() == 1, search.page.inner_text("body")
    assert "onerror=alert(2)>" in hit.locator("span.snippet").inner_text()
    stories = hit.locator("a[href^='/stories/']")
    assert stories.count() >= 1, "the hostile report joined no story"
    doc = open_page(app_url + hit.locator("a").first.get_attribute("href"), allow=allow)
    story = open_page(app_url + stories.first.get_attribute("href"), allow=allow)
    body = doc.page.text_content("body")  # the text may sit in a closed <details>
    for payload in PAYLOADS:
        assert payload in body
    assert "<script>alert('title')</script>" in body
    assert HOSTILE_TITLE in story.page.inner_text("body")
    assert FILE_NAME in body  # the document page still names its source file
    for w in (search, doc, story):
        handlers = w.page.evaluate(HANDLERS_JS)
        assert handlers == []
        assert w.page.locator("body script, svg circle, img[src=x]").count() == 0
        clean(w)


def pages_of(app_url: str, open_page: Callable[..., Any], width: int) -> dict[str, Any]:
    """Each of the app's page kinds at ``width``, reached by clicking from home."""
    home = open_page(app_url + "/", width=width, allow=app_url + "/")
    hrefs = {
        "story": home.page.locator(STORY_LINK).first.get_attribute("href"),
        "entity": home.page.locator("ul.stories a[href^='/entities/']").first.get_attribute("href"),
        "document": home.page.locator("ul.stories a[href^='/documents/']").first.get_attribute(
            "href"
        ),
        "search": "/search?q=bridge",
    }
    opened = {"home": home}
    for name, href in hrefs.items():
        assert href, name
        opened[name] = open_page(app_url + href, width=width, allow=app_url + "/")
    return opened


@pytest.mark.parametrize("width", [chromium.PHONE["width"], chromium.DESKTOP["width"]])
def test_no_sideways_scroll(app_url, open_page, width):
    opened = pages_of(app_url, open_page, width)
    assert set(opened) == set(PAGES)
    for name, w in opened.items():
        scroll_width, inner_width = w.page.evaluate(chromium.WIDTH_JS)
        assert scroll_width <= inner_width, f"{name} at {width}px scrolls sideways"
        clean(w)


def test_screenshot_script_shoots_the_app_pages(app_url, chromium_browser, tmp_path):
    from tools import screenshots

    findings = screenshots.shoot_app(app_url, "bridge", tmp_path, ["phone"], chromium_browser)
    assert sorted(p.name for p in tmp_path.glob("*.png")) == sorted(
        f"app-phone-{name}.png" for name in PAGES
    )
    assert findings["pages"]["story"].startswith("/stories/")
    assert findings["pages"]["search"] == "/search?q=bridge"
    layout = json.loads((tmp_path / "app-layout.json").read_text(encoding="utf-8"))
    assert layout["phone"]["home"]["inner_width"] == chromium.PHONE["width"]
