"""Cost of ``storyline serve --paged`` over an existing paged dossier (issue 17).

    python benchmarks/serve_paged.py OUT [--cache DIR] [--parts N]

Opens the app in this process (FastAPI's test client, no network), then
times: start-up (reading the index head and, on a first run, merging the
parts' entity rows into the cached index), the home page, the first request
for each of the first N parts (its ``dossier.json`` stored into the cache
by a child process), a second request for the same part, an entity page and
an article page in it, and an entity-index search. Memory is this process's
resident set after each step (``/proc/self/status``) and the children's
peak (``RUSAGE_CHILDREN``). Results are appended to
``benchmarks/results/serve_paged.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for _p in (ROOT / "src", ROOT):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

from benchmarks.growth_measure import machine  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "serve_paged.json"


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def timed(client: Any, url: str) -> tuple[float, Any]:
    t = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return round(time.perf_counter() - t, 3), response


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--parts", type=int, default=2)
    args = ap.parse_args()
    from fastapi.testclient import TestClient

    from storyline.web.paged import create_paged_app

    result: dict[str, Any] = {"out": str(args.out), "machine": machine(), "rss_mb_start": rss_mb()}
    t = time.perf_counter()
    app = create_paged_app(args.out, cache_dir=args.cache)
    result["startup_s"] = round(time.perf_counter() - t, 2)
    result["rss_mb_after_startup"] = rss_mb()
    client = TestClient(app)
    result["home_s"], _ = timed(client, "/")
    result["entity_search_s"], _ = timed(client, "/entities?q=minister")
    parts = client.get("/api/parts", params={"limit": args.parts}).json()["items"]
    rows = []
    for p in parts:
        row: dict[str, Any] = {"id": p["id"], "documents": p["documents"]}
        json_bytes = (args.out / p["paths"]["json"]).stat().st_size
        row["dossier_json_mb"] = round(json_bytes / 1e6, 1)
        row["first_request_s"], page = timed(client, f"/parts/{p['id']}/")
        row["second_request_s"], _ = timed(client, f"/parts/{p['id']}/")
        ent = re.search(r'href="(/parts/[^"]+/entities/[^"#]+)"', page.text)
        if ent:
            row["entity_page_s"], ent_page = timed(client, ent.group(1))
            doc = re.search(r'href="(/parts/[^"]+/documents/[^"#]+)', ent_page.text)
            if doc:
                row["article_page_s"], _ = timed(client, doc.group(1))
        row["rss_mb_after"] = rss_mb()
        rows.append(row)
    result["parts"] = rows
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result["children_peak_rss_mb"] = round(child / 1024, 1)
    result["self_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    result["lru_open"] = app.state.parts.loaded()
    print(json.dumps(result, indent=1))
    old = json.loads(RESULTS.read_text()) if RESULTS.exists() else []
    RESULTS.write_text(json.dumps([*old, result], indent=1) + "\n")


if __name__ == "__main__":
    main()
