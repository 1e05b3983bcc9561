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
3. Each round's documents go into the workspace (so full-text search has
   them) and its dossier rows (``store.dossier.dossier_rows``, the rows
   ``put_dossier`` writes) with sequence numbers moved past the earlier
   rounds', one transaction per round so memory stays that of one round;
   the merged entities and the dossier header last.

Then the app (``storyline.web.create_app``) is driven in process with
FastAPI's TestClient, ``--requests`` times per route, each time with a
randomly chosen story, document or entity, and p50/p95/max per route are
written to ``benchmarks/results/web.json``::

    python benchmarks/web.py --docs 1000 10000
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import re
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline import api  # noqa: E402
from storyline.model import RawDocument  # noqa: E402
from storyline.settings import Settings  # noqa: E402
from storyline.store import Workspace  # noqa: E402
from storyline.store.dossier import (  # noqa: E402
    COUNTS_KEY,
    DOSSIER_KEY,
    INSERTS,
    create_indexes,
    dossier_rows,
    drop_indexes,
    write_rows,
)
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


def clone(base: dict[str, Any], r: int, entity_group: int) -> dict[str, Any]:
    """Round ``r``'s copy of ``base``: new document, record and story ids, dates
    moved ``r`` days on, entity ids shared by ``entity_group`` rounds."""
    doc_ids = {d["id"] for d in base["documents"]}
    ent_ids = [e["id"] for e in base.get("entities") or []]
    ids = re.compile("|".join(re.escape(i) for i in sorted([*doc_ids, *ent_ids], key=len)[::-1]))
    group = r // entity_group

    def rename(m: re.Match[str]) -> str:
        old = m.group(0)
        return f"{old}x{r}" if old in doc_ids else f"{old}g{group}"

    out = json.loads(_shift(ids.sub(rename, json.dumps(base)), r))
    for section, value in out.items():
        if section in ("documents", "entities") or not isinstance(value, list):
            continue
        for item in value:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                item["id"] = f"{item['id']}-r{r}"
    # a developing story and its event stories name each other: renamed alike
    for dev in out.get("developing_stories") or []:
        for key in ("stories", "brief_stories"):
            if isinstance(dev.get(key), list):
                dev[key] = [f"{s}-r{r}" for s in dev[key]]
    for story in out.get("stories") or []:
        if isinstance(story.get("developing"), str):
            story["developing"] = f"{story['developing']}-r{r}"
    return out


class Picks:
    """What the timed requests choose from (ids, outlets), gathered while writing."""

    def __init__(self) -> None:
        self.stories: list[str] = []
        self.developing: list[str] = []
        self.docs: list[str] = []
        self.entity_mentions: dict[str, int] = {}
        self.outlets: set[str] = set()


def build_workspace(
    path: Path, base: dict[str, Any], n_docs: int, entity_group: int
) -> tuple[float, dict[str, int], Picks]:
    """Write ``n_docs`` cloned documents and their dossier rows, round by round
    (one transaction each, so memory stays that of one round); entities, merged
    across the rounds of a group, last. Returns (seconds, counts, picks)."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    offsets: dict[str, int] = defaultdict(int)
    entities: dict[str, dict[str, Any]] = {}
    picks = Picks()
    start = time.perf_counter()
    with Workspace(path) as ws:
        # rounds add entity mentions all over the (entity, document) key range
        ws.db.execute("PRAGMA cache_size = -131072")  # 128 MB
        with ws.lock.transaction() as db:
            write_rows(db, {})
            indexes = drop_indexes(db)  # built once at the end, as write_rows does
        r = 0
        while offsets["documents"] < n_docs:
            dossier = clone(base, r, entity_group)
            dossier["documents"] = dossier["documents"][: n_docs - offsets["documents"]]
            rows = dossier_rows(dossier)
            shifted = _shift_rows(rows, offsets, entities)
            docs = [document_row(_raw(d), now) for d in dossier["documents"]]
            with ws.lock.transaction() as db:
                db.executemany(DOCUMENT_INSERT, docs)
                for kind, sql in INSERTS.items():
                    if kind != "meta" and shifted.get(kind):
                        db.executemany(sql, shifted[kind])
            picks.docs += [d["id"] for d in dossier["documents"]]
            picks.stories += [s["id"] for s in dossier.get("stories") or []]
            picks.developing += [s["id"] for s in dossier.get("developing_stories") or []]
            picks.outlets |= {d["outlet"] for d in dossier["documents"] if d.get("outlet")}
            for sec, value in dossier.items():
                if isinstance(value, list) and sec not in ("documents", "entities"):
                    offsets[sec] += len(value)
            offsets["documents"] += len(dossier["documents"])
            r += 1
        ent_rows = _entity_rows(entities, picks)
        offsets["entities"] = len(entities)
        counts = dict(offsets)
        meta = {k: v for k, v in base.items() if not isinstance(v, list)}
        with ws.lock.transaction() as db:
            for kind, batch in ent_rows.items():
                db.executemany(INSERTS[kind], batch)
            db.executemany(
                INSERTS["meta"], [(DOSSIER_KEY, json.dumps(meta)), (COUNTS_KEY, json.dumps(counts))]
            )
            create_indexes(db, indexes)
    return time.perf_counter() - start, counts, picks


def picks_of(path: Path) -> tuple[dict[str, int], Picks]:
    """The counts and picks of a workspace written before (``--reuse``)."""
    picks = Picks()
    with Workspace(path) as ws:
        db = ws.db
        picks.docs = [r[0] for r in db.execute("SELECT doc_id FROM dossier_documents")]
        picks.stories = [
            r[0] for r in db.execute("SELECT id FROM dossier_items WHERE section = 'stories'")
        ]
        picks.developing = [
            r[0]
            for r in db.execute("SELECT id FROM dossier_items WHERE section = 'developing_stories'")
        ]
        picks.outlets = {
            r[0] for r in db.execute("SELECT DISTINCT outlet FROM dossier_documents") if r[0]
        }
        picks.entity_mentions = dict(
            db.execute("SELECT entity_id, COUNT(*) FROM dossier_entity_mentions GROUP BY 1")
        )
        counts = json.loads(
            db.execute("SELECT value FROM dossier_meta WHERE key = ?", (COUNTS_KEY,)).fetchone()[0]
        )
    return counts, picks


def _raw(d: dict[str, Any]) -> RawDocument:
    return RawDocument(
        id=d["id"],
        source=d.get("source") or d["id"],
        text=d["text"],
        raw=d["text"].encode(),
        format="txt",
        title=d.get("title"),
        outlet=d.get("outlet"),
        published=d.get("published"),
    )


def _shift_rows(
    rows: dict[str, list[tuple[Any, ...]]],
    offsets: dict[str, int],
    entities: dict[str, dict[str, Any]],
) -> dict[str, list[tuple[Any, ...]]]:
    """One round's rows with section sequence numbers moved past earlier rounds';
    entity records are kept aside in ``entities`` (merged), their mentions kept."""
    entity_seqs = {seq for sec, seq, _id, _data in rows["items"] if sec == "entities"}
    out: dict[str, list[tuple[Any, ...]]] = {"mentions": rows["mentions"]}
    out["documents"] = [(d[0], d[1] + offsets["documents"], *d[2:]) for d in rows["documents"]]
    out["items"] = []
    for sec, seq, rid, data in rows["items"]:
        if sec == "entities":
            item = json.loads(data)
            kept = entities.setdefault(rid, {**item, "mention_docs": {}})
            kept["mention_docs"].update(item.get("mention_docs") or {})
            continue
        out["items"].append((sec, seq + offsets[sec], rid, data))
    for kind in ("item_docs", "item_entities"):
        out[kind] = [
            (sec, seq + offsets[sec], other)
            for sec, seq, other in rows[kind]
            if not (sec == "entities" and seq in entity_seqs)
        ]
    return out


def _entity_rows(
    entities: dict[str, dict[str, Any]], picks: Picks
) -> dict[str, list[tuple[Any, ...]]]:
    """The merged entity records and their links to documents and to themselves."""
    rows: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for seq, (eid, item) in enumerate(entities.items()):
        rows["items"].append(("entities", seq, eid, json.dumps(item)))
        rows["item_entities"].append(("entities", seq, eid))
        for doc_id in item["mention_docs"]:
            rows["item_docs"].append(("entities", seq, doc_id))
        picks.entity_mentions[eid] = sum(item["mention_docs"].values())
    return rows


def routes(picks: Picks, rng: random.Random) -> dict[str, Any]:
    """Route name → a function giving the next URL to request."""
    stories, docs, developing = picks.stories, picks.docs, picks.developing
    entities = sorted(picks.entity_mentions, key=lambda e: -picks.entity_mentions[e])
    top = entities[:20]
    any_entity = entities
    outlets = sorted(picks.outlets)
    words = ["Lukashenko", "battalion", "floodwall", "minister said", "border", "evacuated"]
    n = len(docs)

    def pick(xs: list[str]) -> str:
        return rng.choice(xs) if xs else "none"

    return {
        "page /": lambda: "/",
        "page /developing/{id}": lambda: f"/developing/{pick(developing)}",
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
        "api /api/developing_stories/{id}/stories": lambda: (
            f"/api/developing_stories/{pick(developing)}/stories"
        ),
        "api /api/entities": lambda: f"/api/entities?offset={rng.randrange(0, len(entities))}",
        "api /api/search": lambda: f"/api/search?q={pick(words)}",
    }


def measure(ws: Path, picks: Picks, requests: int, seed: int) -> dict[str, Any]:
    from fastapi.testclient import TestClient

    from storyline.web import create_app

    rng = random.Random(seed)
    out = {}
    with TestClient(create_app(ws)) as client:
        for name, url in routes(picks, rng).items():
            client.get(url())  # warm-up (template compile, page cache)
            times, cpu = [], []
            for _ in range(requests):
                target = url()
                start, start_cpu = time.perf_counter(), time.process_time()
                r = client.get(target)
                times.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - start_cpu) * 1000)
                if r.status_code >= 400:  # a 404 would time the error page
                    raise SystemExit(f"{target}: {r.status_code}")
            out[name] = {**_percentiles(times, ""), **_percentiles(cpu, "cpu_")}
            row = out[name]
            print(
                f"  {name:34s} p50 {row['p50_ms']:7.1f} ms  p95 {row['p95_ms']:7.1f} ms"
                f"  (CPU p50 {row['cpu_p50_ms']:6.1f}, p95 {row['cpu_p95_ms']:6.1f})"
            )
    return out


def _percentiles(values: list[float], prefix: str) -> dict[str, float]:
    values = sorted(values)
    return {
        f"{prefix}p50_ms": round(statistics.median(values), 1),
        f"{prefix}p95_ms": round(values[max(0, math.ceil(len(values) * 0.95) - 1)], 1),
        f"{prefix}max_ms": round(values[-1], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--entity-group", type=int, default=20)
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "storyline-web-bench"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--reuse", action="store_true", help="measure the workspaces of an earlier run again"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "web.json")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    base = template(args.cache)
    results: dict[str, Any] = {
        "machine": f"{platform.machine()} {platform.python_version()}",
        "sources": len(base["documents"]),
        "requests_per_route": args.requests,
        "note": "wall and process-CPU milliseconds per request through FastAPI's TestClient; "
        "the machine is shared, so see load_average",
        "sizes": {},
    }
    for n in args.docs:
        ws = args.cache / f"web-{n}.db"
        if args.reuse and ws.exists():
            store_s = None
            counts, picks = picks_of(ws)
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{ws}{suffix}").unlink(missing_ok=True)
            store_s, counts, picks = build_workspace(ws, base, n, args.entity_group)
            print(f"{n} documents: workspace written in {store_s:.1f} s")
        print(f"{n} documents: {counts}")
        results["sizes"][str(n)] = {
            "write_seconds": None if store_s is None else round(store_s, 1),
            "counts": counts,
            "workspace_mb": round(ws.stat().st_size / 1e6, 1),
            "routes": measure(ws, picks, args.requests, args.seed),
            "load_average": [round(x, 1) for x in os.getloadavg()],
        }
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
