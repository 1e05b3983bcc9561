"""The outline derivation reads shapefiles itself (no GIS library): checked on
a tiny shapefile and dBASE table built here by the format's specification."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest

from tools.world_outlines import BASE, derive, flat_ring, read_dbf, read_polygons

SQUARE = [(10.0, 50.0), (11.0, 50.0), (11.0, 51.0), (10.0, 51.0), (10.0, 50.0)]
HOLE = [(10.25, 50.25), (10.75, 50.25), (10.5, 50.75), (10.25, 50.25)]


def shp_bytes(rings: list[list[tuple[float, float]]]) -> bytes:
    """A .shp file holding one polygon record (type 5) with ``rings``."""
    pts = [p for r in rings for p in r]
    parts, at = [], 0
    for r in rings:
        parts.append(at)
        at += len(r)
    body = struct.pack("<i4d2i", 5, 0, 0, 0, 0, len(rings), len(pts))
    body += struct.pack(f"<{len(parts)}i", *parts)
    body += struct.pack(f"<{2 * len(pts)}d", *[c for p in pts for c in p])
    record = struct.pack(">2i", 1, len(body) // 2) + body
    header = struct.pack(">7i", 9994, 0, 0, 0, 0, 0, (100 + len(record)) // 2)
    header += struct.pack("<2i4d4d", 1000, 5, 0, 0, 0, 0, 0, 0, 0, 0)
    return header + record


def dbf_bytes(rows: list[dict[str, str]], widths: dict[str, int]) -> bytes:
    """A dBASE III table of character fields."""
    rec_len = 1 + sum(widths.values())
    header_len = 32 + 32 * len(widths) + 1
    out = struct.pack("<4BIHH20x", 3, 124, 1, 1, len(rows), header_len, rec_len)
    for name, width in widths.items():
        out += name.encode().ljust(11, b"\0") + b"C" + b"\0" * 4 + bytes([width]) + b"\0" * 15
    out += b"\x0d"
    for row in rows:
        out += b" " + b"".join(row[n].encode().ljust(w) for n, w in widths.items())
    return out + b"\x1a"


def test_polygon_rings_and_attributes_are_read_back() -> None:
    assert read_polygons(shp_bytes([SQUARE, HOLE])) == [[SQUARE, HOLE]]
    rows = read_dbf(dbf_bytes([{"name": "Squareland", "iso_a3": "DEU"}], {"name": 20, "iso_a3": 3}))
    assert rows == [{"name": "Squareland", "iso_a3": "DEU"}]


def test_rings_are_rounded_without_repeated_points() -> None:
    ring = [(1.001, 2.004), (1.002, 2.001), (3.0, 4.0)]
    assert flat_ring(ring) == [1.0, 2.0, 3.0, 4.0]


def test_only_the_pinned_wheel_is_accepted(tmp_path: Path) -> None:
    wheel = tmp_path / "geopandas-0.14.4-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr(BASE + ".shp", shp_bytes([SQUARE]))
        z.writestr(
            BASE + ".dbf", dbf_bytes([{"name": "X", "iso_a3": "DEU"}], {"name": 4, "iso_a3": 3})
        )
    with pytest.raises(SystemExit, match="not the pinned"):
        derive(wheel)
