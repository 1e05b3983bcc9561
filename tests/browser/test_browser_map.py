"""The story map in a real Chromium under the app's CSP: drawn at a usable
size, nothing fetched, no violation, and a dot leads to its places row."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import analyzed_workspace

TEXTS = {
    "rain-1.txt": (
        "Rains cut roads in Kenya\n\n"
        "NAIROBI, April 8, 2024 - Floods cut the main road between Nairobi and Mombasa "
        "on Monday, officials in Kenya said. Rescue teams in Mombasa moved 300 families.\n"
    ),
    "rain-2.txt": (
        "Kenya floods: roads reopen\n\n"
        "MOMBASA, April 10, 2024 - The road to Nairobi reopened on Wednesday, "
        "the Kenya National Highways Authority said. Nairobi schools stayed closed.\n"
    ),
}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return analyzed_workspace(tmp_path, TEXTS)


def test_story_map_renders_under_the_csp_and_links_to_the_table(asgi_server, open_page, workspace):
    pytest.importorskip("fastapi", reason="fastapi is not installed (the web app)")
    from storyline.web import create_app

    url = asgi_server(create_app(workspace))
    watched = open_page(url + "/", allow=url + "/")
    story = watched.page.locator('a[href^="/stories/"]').first.get_attribute("href")
    watched = open_page(url + story, allow=url + "/")
    page = watched.page
    box = page.locator("figure.map svg").bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100
    dots = page.locator("figure.map circle")
    assert dots.count() >= 2  # Nairobi and Mombasa
    title = dots.first.locator("title").text_content() or ""
    assert "mention" in title
    dots.first.click()
    anchor = page.url.rsplit("#", 1)[-1]
    assert anchor.startswith("place-")
    row = page.locator(f"tr#{anchor}")
    assert row.count() == 1 and title.split(" (")[0] in row.inner_text()
    assert watched.csp_violations() == [] and watched.errors == []
    assert watched.requests == [] and watched.dialogs == []
