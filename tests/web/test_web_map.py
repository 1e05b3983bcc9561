"""The story map: projection, fitting, escaping, and the SVG on a real story
page analysed from short reports written for these tests."""

from __future__ import annotations

import math
import re

import pytest
from tests.conftest import analyzed_workspace

from storyline.web.pages import environment
from storyline.web.worldmap import (
    View,
    dot_radius,
    fit_view,
    map_view,
    outlines,
    project,
)

TEXTS = {
    "storm-1.txt": (
        "Storm floods coastal towns\n\n"
        "LISBON, February 2, 2024 - Heavy rain flooded streets in Lisbon on Friday, "
        "officials in Portugal said. Firefighters in Porto rescued 40 people. "
        "Spain sent pumps to Lisbon, the interior ministry said.\n"
    ),
    "storm-2.txt": (
        "Portugal counts storm damage\n\n"
        "PORTO, February 3, 2024 - Residents of Porto cleared mud on Saturday. "
        "The mayor of Lisbon said repairs would take weeks. Madrid offered help.\n"
    ),
}


def test_projection_maps_known_points_to_expected_pixels() -> None:
    view = View(lon0=0.0, lat0=40.0, lon1=20.0, lat1=60.0, kx=0.5, scale=10.0)
    assert project(view, 0.0, 60.0) == (0.0, 0.0)  # top left corner
    assert project(view, 20.0, 40.0) == (100.0, 200.0)  # bottom right
    assert project(view, 10.0, 50.0) == (50.0, 100.0)
    assert (view.width, view.height) == (100.0, 200.0)


def test_fit_view_contains_the_points_with_a_margin_and_sane_shape() -> None:
    points = [(-9.14, 38.72), (-8.61, 41.15)]  # two cities close together
    view = fit_view(points)
    assert view.kx == pytest.approx(math.cos(math.radians(39.935)), abs=1e-6)
    for lon, lat in points:
        x, y = project(view, lon, lat)
        assert 0.05 * view.width < x < 0.95 * view.width
        assert 0.05 * view.height < y < 0.95 * view.height
    assert view.lon1 - view.lon0 >= 8.0  # a minimum span, not a zoom onto a street
    assert 1.5 - 1e-3 <= view.width / view.height <= 2.4 + 1e-3  # heights are rounded


def test_fit_view_stays_inside_the_world() -> None:
    view = fit_view([(-179.0, -50.0), (179.0, 80.0)])
    assert -180.0 <= view.lon0 < view.lon1 <= 180.0
    assert -60.0 <= view.lat0 < view.lat1 <= 84.0


def test_bundled_outlines_know_common_countries() -> None:
    by_code = {o.iso2: o for o in outlines()}
    assert len(by_code) > 150
    pt = by_code["PT"].bbox  # Portugal lies west of Spain, both in Iberia
    assert -10.0 < pt[0] < pt[2] < -6.0 < by_code["ES"].bbox[2]
    assert by_code["BR"].bbox[1] < 0 < by_code["RU"].bbox[1]


def test_dots_grow_with_mentions_but_are_capped() -> None:
    assert dot_radius(1) < dot_radius(4) < dot_radius(20) <= dot_radius(10_000) == 14.0


def _row(name: str, **kw: object) -> dict:
    base = {"name": name, "country": None, "feature": "city", "lat": None, "lon": None}
    return {**base, "mentions": 1, "events": 0, "anchor": "place-1", **kw}


def test_place_names_are_escaped_in_the_svg_titles() -> None:
    rows = [
        _row('<script>x</script> & "Q"', country="PT", lat=38.7, lon=-9.1, events=1),
        _row("Spain", feature="country", country="ES", anchor="place-2"),
    ]
    m = map_view(rows)
    assert m is not None and len(m["dots"]) == 1
    html = environment().get_template("worldmap.html.j2").render(map=m)
    assert "<script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt; &amp; &#34;Q&#34; (PT): 1 mention, 1 as event" in html
    assert re.search(r'<a href="#place-1"><circle class="dot event"', html)
    assert re.search(r'<a href="#place-2"><path class="land shaded"', html)


def test_no_map_without_anything_to_place() -> None:
    assert map_view([_row("Nowhere"), _row("Atlantis", feature="country", country="ZZ")]) is None


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    from fastapi.testclient import TestClient

    from storyline.web import create_app

    workspace = analyzed_workspace(tmp_path_factory.mktemp("map"), TEXTS)
    with TestClient(create_app(workspace)) as c:
        yield c


def test_story_page_draws_the_map_above_the_places_table(client) -> None:
    stories = client.get("/api/stories", params={"limit": 5}).json()["items"]
    pages = [client.get(f"/stories/{s['id']}").text for s in stories]
    page = next((p for p in pages if "Lisbon" in p and "<svg" in p), None)
    assert page is not None, "no story page with a map"
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert "<script" not in svg
    assert re.search(r"<circle [^>]*><title>Lisbon \(PT\): \d+ mentions?", svg)
    assert re.search(r'<path class="land shaded[^"]*" d="M[-\d.,LMZ]+"><title>Portugal', svg)
    assert page.index("<svg") < page.index('<table class="cards">', page.index('id="places"'))
    for anchor in re.findall(r'<a href="#(place-\d+)">', svg):
        assert f'<tr id="{anchor}">' in page
