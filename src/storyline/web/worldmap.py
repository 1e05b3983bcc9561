"""The story page's map: an inline SVG drawn on the server from bundled
country outlines (Natural Earth 1:110m, public domain; data/world_110m.json,
derived by tools/world_outlines.py). No tile server and no script, which the
app's CSP forbids anyway.

Equirectangular projection with longitudes shrunk by the cosine of the
view's middle latitude, so shapes near the view look right; zoomed to the
story's places with a margin. Places with coordinates (cities) are dots sized
by mention count; countries (GeoNames gives them no point) are shaded.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

WIDTH = 640.0
MIN_SPAN = 8.0  # degrees: a single city still shows its surroundings
MARGIN = 0.15  # of the span, on each side
ASPECT = (1.5, 2.4)  # width / height limits; the view is widened to fit
LAT_LIMIT = (-60.0, 84.0)  # nothing to show beyond (Antarctica is not news)
NO_EXTENT = frozenset({"continent"})  # too big to zoom to; still drawn


@dataclass(frozen=True)
class Outline:
    """One country's rings as flat lon,lat tuples, with their bounding box."""

    iso2: str
    name: str
    rings: tuple[tuple[float, ...], ...]
    bbox: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat
    main: tuple[float, float, float, float]  # bbox of the largest ring


@dataclass(frozen=True)
class View:
    """The shown window in degrees and the scale that maps it to pixels."""

    lon0: float
    lat0: float
    lon1: float
    lat1: float
    kx: float  # cos(middle latitude)
    scale: float  # pixels per (shrunk) degree

    @property
    def width(self) -> float:
        """Pixel width of the view."""
        return round((self.lon1 - self.lon0) * self.kx * self.scale, 1)

    @property
    def height(self) -> float:
        """Pixel height of the view."""
        return round((self.lat1 - self.lat0) * self.scale, 1)


def ring_bbox(ring: tuple[float, ...]) -> tuple[float, float, float, float]:
    """Bounding box of a flat lon,lat ring."""
    lons, lats = ring[0::2], ring[1::2]
    return (min(lons), min(lats), max(lons), max(lats))


@lru_cache(maxsize=1)
def outlines() -> tuple[Outline, ...]:
    """The bundled outlines, loaded once per process."""
    raw = resources.files("storyline.web").joinpath("data/world_110m.json").read_text("utf-8")
    out = []
    for c in json.loads(raw)["countries"]:
        rings = tuple(tuple(r) for r in c["rings"] if len(r) >= 6)
        if not rings:
            continue
        boxes = [ring_bbox(r) for r in rings]
        bbox = (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )
        main = boxes[max(range(len(rings)), key=lambda i: len(rings[i]))]
        out.append(Outline(c.get("iso2") or "", c.get("name") or "", rings, bbox, main))
    return tuple(out)


def fit_view(points: list[tuple[float, float]]) -> View:
    """A view around ``points`` (lon, lat): margin, minimum span, and an
    aspect ratio within ASPECT, clamped to the world."""
    lons = [p[0] for p in points] or [-180.0, 180.0]
    lats = [p[1] for p in points] or list(LAT_LIMIT)
    lon0, lon1, lat0, lat1 = min(lons), max(lons), min(lats), max(lats)
    dlon, dlat = max(lon1 - lon0, MIN_SPAN), max(lat1 - lat0, MIN_SPAN)
    clon, clat = (lon0 + lon1) / 2, (lat0 + lat1) / 2
    dlon, dlat = dlon * (1 + 2 * MARGIN), dlat * (1 + 2 * MARGIN)
    kx = max(math.cos(math.radians(max(min(clat, 70.0), -70.0))), 0.3)
    ratio = dlon * kx / dlat
    if ratio < ASPECT[0]:
        dlon = ASPECT[0] * dlat / kx
    elif ratio > ASPECT[1]:
        dlat = dlon * kx / ASPECT[1]
    dlon, dlat = min(dlon, 360.0), min(dlat, LAT_LIMIT[1] - LAT_LIMIT[0])
    lon0 = min(max(clon - dlon / 2, -180.0), 180.0 - dlon)
    lat0 = min(max(clat - dlat / 2, LAT_LIMIT[0]), LAT_LIMIT[1] - dlat)
    return View(lon0, lat0, lon0 + dlon, lat0 + dlat, kx, WIDTH / (dlon * kx))


def project(view: View, lon: float, lat: float) -> tuple[float, float]:
    """Pixel x, y of a lon/lat in ``view`` (y grows downwards, as in SVG)."""
    x = (lon - view.lon0) * view.kx * view.scale
    y = (view.lat1 - lat) * view.scale
    return (round(x, 1), round(y, 1))


def overlaps(box: tuple[float, float, float, float], view: View) -> bool:
    """Whether a lon/lat box touches the view."""
    return not (
        box[2] < view.lon0 or box[0] > view.lon1 or box[3] < view.lat0 or box[1] > view.lat1
    )


def ring_path(view: View, ring: tuple[float, ...]) -> str:
    """SVG path data of one closed ring, on a half-pixel grid without repeated
    points: a world view then carries fewer points (a smaller page)."""
    k, lon0, lat1 = view.kx * view.scale, view.lon0, view.lat1
    out: list[str] = []
    last = ""
    for i in range(0, len(ring) - 1, 2):
        x, y = round((ring[i] - lon0) * k * 2) / 2, round((lat1 - ring[i + 1]) * view.scale * 2) / 2
        pt = f"{x:g},{y:g}"
        if pt != last:
            out.append(pt)
            last = pt
    return "M" + "L".join(out) + "Z"


def has_point(p: dict[str, Any]) -> bool:
    """Whether a places row has usable coordinates."""
    lat, lon = p.get("lat"), p.get("lon")
    return (
        isinstance(lat, (int, float))
        and isinstance(lon, (int, float))
        and -90 <= lat <= 90
        and -180 <= lon <= 180
    )


def dot_radius(mentions: int) -> float:
    """Dot size grows with the square root of the mentions (area ~ count)."""
    return round(min(4.0 + 2.0 * math.sqrt(max(mentions, 1) - 1), 14.0), 1)


def place_title(p: dict[str, Any]) -> str:
    """Tooltip text for one place (escaped by the template)."""
    n, ev = int(p.get("mentions") or 0), int(p.get("events") or 0)
    where = f" ({p['country']})" if p.get("country") else ""
    return f"{p['name']}{where}: {n} mention{'' if n == 1 else 's'}, {ev} as event place"


def map_view(places: list[dict[str, Any]]) -> dict[str, Any] | None:
    """SVG-ready shapes for the story's places rows (from views.places_view,
    each with an ``anchor``), or None when nothing can be placed."""
    dots = [p for p in places if has_point(p)]
    countries = {
        str(p["country"]): p
        for p in places
        if p.get("feature") == "country" and not has_point(p) and p.get("country")
    }
    shapes = outlines()
    extent = [(p["lon"], p["lat"]) for p in dots if p.get("feature") not in NO_EXTENT]
    # a country widens the view only when it has no city on the map and is
    # named at least as often as the most-named city (or nothing else can be
    # placed): a story set in Minsk that names Russia and, once, North Korea
    # stays zoomed on Belarus
    with_city = {str(p.get("country")) for p in dots}
    top = max((int(p.get("mentions") or 0) for p in dots), default=0)
    framing = {
        c for c, p in countries.items() if c not in with_city and int(p.get("mentions") or 0) >= top
    }
    for o in shapes:
        if o.iso2 in framing:
            extent += [(o.main[0], o.main[1]), (o.main[2], o.main[3])]
    if not extent:
        return None
    view = fit_view(extent)
    drawn = []
    for o in shapes:
        if not overlaps(o.bbox, view):
            continue
        d = "".join(ring_path(view, r) for r in o.rings if overlaps(ring_bbox(r), view))
        row = countries.get(o.iso2) if o.iso2 else None
        drawn.append(
            {
                "d": d,
                "name": o.name,
                "shaded": row is not None,
                "event": bool(row and row.get("events")),
                "title": place_title(row) if row else o.name,
                "href": "#" + row["anchor"] if row else None,
            }
        )
    marks = []
    for p in sorted(dots, key=lambda p: -int(p.get("mentions") or 0)):  # small on top
        x, y = project(view, p["lon"], p["lat"])
        if not (0 <= x <= view.width and 0 <= y <= view.height):
            continue
        marks.append(
            {
                "x": x,
                "y": y,
                "r": dot_radius(int(p.get("mentions") or 1)),
                "event": bool(p.get("events")),
                "title": place_title(p),
                "href": "#" + p["anchor"],
            }
        )
    return {
        "width": view.width,
        "height": view.height,
        "countries": drawn,
        "dots": marks,
        "n_outside": len(dots) - len(marks),
    }
