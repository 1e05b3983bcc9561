"""Benchmark ``storyline serve``: page and API latency on a workspace of N documents.

The workspace is synthetic, built by writing items directly (fusing 10,000
documents takes minutes and is benchmarked by ``benchmarks/fusion.py``):

1. The sources — the bundled sample corpus (``examples/corpus``) and, when
   present, the real articles of ``../shared/corpus/belarus-2022`` — are
   analysed once with ``storyline.api.analyze`` (cached in ``--cache``).
2. Round ``r`` clones that dossier whole: every document gets a new id
   (every reference rewritten), every record id and story id a suffix ``-r<r>``,
   and the publication date moves ``r`` days on; entity ids are shared by
   ``--entity-group`` consecutive rounds (so an entity is named in up to
   that many rounds' documents, as a recurring actor is), their mentions
   merged. Rounds are added until there are N documents.
3. The documents go into the workspace (so full-text search has them) and the
   dossier through ``store.dossier.put_dossier``, as ``analyze`` stores it.

Then the app (``storyline.web.create_app``) is driven in process with
FastAPI's TestClient, ``--requests`` times per route, each time with a
randomly chosen story, document or entity, and p50/p95/max per route are
written to ``benchmarks/results/web.json``::

    python benchmarks/web.py --docs 1000 10000
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline import api  # noqa: E402
from storyline.model import RawDocument  # noqa: E402
from storyline.settings import Settings  # noqa: E402
from storyline.store import Workspace  # noqa: E402
from storyline.store.dossier import put_dossier  # noqa: E402
from storyline.store.rows import DOCUMENT_INSERT, document_row  # noqa: E402

SOURCES = [ROOT / "examples" / "corpus", ROOT.parent / "shared" / "corpus" / "belarus-2022"]
_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})")


def template(cache: Path) -> dict[str, Any]:
    """The dossier of the source corpora, analysed once and cached."""
    path = cache / "template.json"
    if path.exists():
        return json.loads(path.read_text())
    inputs = [str(p) for p in SOURCES if p.exists()]
    result = api.analyze(inputs, cache / "out", Settings(workspace=cache / "template.db"))
    path.write_text(json.dumps(result.dossier))
    return result.dossier


def _shift(text: str, days: int) -> str:
    def move(m: re.Match[str]) -> str:
        try:
            return (date.fromisoformat(m.group(1)) + timedelta(days=days)).isoformat()
        except ValueError:
            return m.group(1)

    return _DATE.sub(move, text)


def synthetic(base: dict[str, Any], n_docs: int, entity_group: int) -> dict[str, Any]:
    """A dossier of ``n_docs`` documents cloned from ``base`` round by round."""
    doc_ids = [d["id"] for d in base["documents"]]
    ent_ids = [e["id"] for e in base.get("entities") or []]
    sections = [k for k, v in base.items() if isinstance(v, list) and k != "documents"]
    out: dict[str, Any] = {k: v for k, v in base.items() if not isinstance(v, list)}
    out.update({k: [] for k in sections})
    out["documents"] = []
    entities: dict[str, dict[str, Any]] = {}
    ids = re.compile("|".join(re.escape(i) for i in sorted(doc_ids + ent_ids, key=len)[::-1]))
    r = 0
    while len(out["documents"]) < n_docs:
        group = r // entity_group

        def rename(m: re.Match[str], r: int = r, group: int = group) -> str:
            old = m.group(0)
            return f"{old}x{r}" if old in doc_ids else f"{old}g{group}"

        clone = json.loads(_shift(ids.sub(rename, json.dumps(base)), r))
        for d in clone["documents"][: n_docs - len(out["documents"])]:
            out["documents"].append(d)
        for section in sections:
            for item in clone.get(section) or []:
                if not isinstance(item, dict):
                    continue
                if section == "entities":
                    kept = entities.setdefault(item["id"], {**item, "mentions": []})
                    kept["mentions"] += item.get("mentions") or []
                    continue
                if isinstance(item.get("id"), str):
                    item["id"] = f"{item['id']}-r{r}"
                out[section].append(item)
        r += 1
    out["entities"] = list(entities.values())
    return out


def build_workspace(path: Path, dossier: dict[str, Any]) -> float:
    """Write the documents and the dossier; returns the seconds ``put_dossier`` took."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with Workspace(path) as ws:
        rows = []
        for d in dossier["documents"]:
            raw = RawDocument(
                id=d["id"],
                source=d.get("source") or d["id"],
                text=d["text"],
                raw=d["text"].encode(),
                format="txt",
                title=d.get("title"),
                outlet=d.get("outlet"),
                published=d.get("published"),
            )
            rows.append(document_row(raw, now))
        with ws.lock.transaction() as db:
            db.executemany(DOCUMENT_INSERT, rows)
        start = time.perf_counter()
        put_dossier(ws, dossier)
        return time.perf_counter() - start


def routes(dossier: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """Route name → a function giving the next URL to request."""
    stories = [s["id"] for s in dossier.get("stories") or []]
    docs = [d["id"] for d in dossier["documents"]]
    entities = sorted(dossier["entities"], key=lambda e: -len(e.get("mentions") or []))
    top = [e["id"] for e in entities[:20]]
    any_entity = [e["id"] for e in entities]
    outlets = sorted({d.get("outlet") for d in dossier["documents"] if d.get("outlet")})
    words = ["Lukashenko", "battalion", "floodwall", "minister said", "border", "evacuated"]
    n = len(docs)

    def pick(xs: list[str]) -> str:
        return rng.choice(xs) if xs else "none"

    return {
        "page /": lambda: "/",
        "page /stories/{id}": lambda: f"/stories/{pick(stories)}",
        "page /entities/{id} (top 20)": lambda: f"/entities/{pick(top)}",
        "page /entities/{id}": lambda: f"/entities/{pick(any_entity)}",
        "page /documents/{id}": lambda: f"/documents/{pick(docs)}",
        "page /documents?offset": lambda: f"/documents?offset={rng.randrange(0, n, 100)}",
        "page /search": lambda: f"/search?q={pick(words)}",
        "page /search + outlet facet": lambda: f"/search?q={pick(words)}&outlet={pick(outlets)}",
        "api /api/documents": lambda: f"/api/documents?limit=50&offset={rng.randrange(0, n)}",
        "api /api/documents/{id}": lambda: f"/api/documents/{pick(docs)}",
        "api /api/quotes?entity": lambda: f"/api/quotes?entity={pick(top)}",
        "api /api/claims?story": lambda: f"/api/claims?story={pick(stories)}",
        "api /api/events?outlet": lambda: f"/api/events?outlet={pick(outlets)}",
        "api /api/stories/{id}": lambda: f"/api/stories/{pick(stories)}",
        "api /api/entities": lambda: f"/api/entities?offset={rng.randrange(0, len(entities))}",
        "api /api/search": lambda: f"/api/search?q={pick(words)}",
    }


def measure(ws: Path, dossier: dict[str, Any], requests: int, seed: int) -> dict[str, Any]:
    from fastapi.testclient import TestClient

    from storyline.web import create_app

    rng = random.Random(seed)
    out = {}
    with TestClient(create_app(ws)) as client:
        for name, url in routes(dossier, rng).items():
            client.get(url())  # warm-up (template compile, page cache)
            times = []
            for _ in range(requests):
                target = url()
                start = time.perf_counter()
                r = client.get(target)
                times.append((time.perf_counter() - start) * 1000)
                if r.status_code >= 500:
                    raise SystemExit(f"{target}: {r.status_code}")
            times.sort()
            out[name] = {
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
                "max_ms": round(times[-1], 1),
            }
            print(
                f"  {name:34s} p50 {out[name]['p50_ms']:7.1f} ms  p95 {out[name]['p95_ms']:7.1f} ms"
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--entity-group", type=int, default=20)
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "storyline-web-bench"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "web.json")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    base = template(args.cache)
    results: dict[str, Any] = {
        "machine": f"{platform.machine()} {platform.python_version()}",
        "sources": len(base["documents"]),
        "requests_per_route": args.requests,
        "sizes": {},
    }
    for n in args.docs:
        dossier = synthetic(base, n, args.entity_group)
        ws = args.cache / f"web-{n}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{ws}{suffix}").unlink(missing_ok=True)
        store_s = build_workspace(ws, dossier)
        counts = {k: len(v) for k, v in dossier.items() if isinstance(v, list)}
        print(f"{n} documents: dossier stored in {store_s:.1f} s; {counts}")
        results["sizes"][str(n)] = {
            "store_seconds": round(store_s, 1),
            "counts": counts,
            "workspace_mb": round(ws.stat().st_size / 1e6, 1),
            "routes": measure(ws, dossier, args.requests, args.seed),
        }
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
