"""The Belarus dossier (five real articles in ../shared, skipped where absent)
fits a phone and a desktop screen in Chromium and sends nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import shared_path

from storyline import api
from storyline.settings import Settings
from tools import browser as chromium


@pytest.fixture(scope="session")
def belarus_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    corpus = shared_path("corpus", "belarus-2022")
    tmp = tmp_path_factory.mktemp("belarus-browser")
    result = api.analyze([str(corpus)], tmp / "out", Settings(workspace=tmp / "ws.db"))
    return Path(result.paths["html"]).resolve().as_uri()


@pytest.mark.parametrize("width", [chromium.PHONE["width"], chromium.DESKTOP["width"]])
def test_belarus_dossier_fits_the_screen(open_page, belarus_url, width):
    watched = open_page(belarus_url, width=width)
    scroll_width, inner_width = watched.page.evaluate(chromium.WIDTH_JS)
    assert scroll_width <= inner_width, f"scrolls sideways at {width} px ({scroll_width} px)"
    broken = watched.page.evaluate(chromium.BROKEN_WORDS_JS, chromium.LABELS)
    assert not broken, f"labels cut inside a word at {width} px: {broken}"
    assert watched.requests == [] and watched.dialogs == [] and watched.errors == []
