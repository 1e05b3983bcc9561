"""One part of a paged dossier: build it, or reuse what an earlier run wrote.

A part lives in ``OUT/parts/<partition id>/``: the single-file layout's files
(``dossier.json`` / ``.md`` / ``.html`` and, above the split threshold, its
article pages, published as one set by ``report.fileset``), ``entities.jsonl``
(one row per entity of the part, what the corpus-wide entity index is merged
from, so a reused part is never reloaded) and last ``part.json``, the
manifest, written atomically. A part counts as complete only when its
manifest is there, names the same key and every file it lists exists: a run
killed mid-part leaves no manifest, so the next run rebuilds that part.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import storyline
from storyline import __version__
from storyline.model import Partition
from storyline.report.fileset import write_file
from storyline.settings import Settings
from storyline.store import Workspace

#: Schema name of a part's manifest (``part.json``).
PART_SCHEMA = "storyline-paged-part/1"
MANIFEST = "part.json"
ENTITY_ROWS = "entities.jsonl"
#: The files a complete part has (besides the manifest).
PART_FILES = {
    "json": "dossier.json",
    "markdown": "dossier.md",
    "html": "dossier.html",
    "entities": ENTITY_ROWS,
}
#: Sources whose change changes what a part's files say: fusion, the report
#: (builder, renderers, templates, schema) and the records they read.
CODE_SOURCES = ("fuse", "report", "model")
CODE_SUFFIXES = {".py", ".j2", ".json", ".tsv", ".npz", ".css"}


def code_version() -> str:
    """``<storyline version>+<hash of the fusion, report and model sources>``: a part
    built by other code is rebuilt even when the package version was not bumped."""
    root = Path(storyline.__file__).resolve().parent
    h = hashlib.sha256()
    for name in CODE_SOURCES:
        for f in sorted((root / name).rglob("*")):
            if f.is_file() and f.suffix in CODE_SUFFIXES:
                h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes())
    return f"{__version__}+{h.hexdigest()[:12]}"


def settings_key(settings: Settings) -> dict[str, Any]:
    """The settings that change a part's dossier (not where it is written)."""
    kb = Path(settings.kb) if settings.kb else None
    kb_stamp = None
    if kb is not None and kb.exists():
        st = kb.stat()
        kb_stamp = [str(kb.resolve()), st.st_size, st.st_mtime_ns]
    return {"kb": kb_stamp, "quote_display": settings.quote_display_threshold}


def part_key(ws: Workspace, part: Partition, code: str, settings: Settings) -> str:
    """A hash of what the part's files depend on: its documents and their
    analyses' pipeline versions, the code and the settings. Read from the
    ``analyses`` table alone (no analysis is unpacked)."""
    h = hashlib.sha256(json.dumps([code, settings_key(settings)], sort_keys=True).encode())
    for k in range(0, len(part.doc_ids), 500):
        chunk = part.doc_ids[k : k + 500]
        marks = ",".join("?" * len(chunk))
        rows = dict(
            ws.db.execute(
                f"SELECT doc_id, pipeline_version FROM analyses WHERE doc_id IN ({marks})",  # noqa: S608
                chunk,
            ).fetchall()
        )
        for doc_id in chunk:
            h.update(f"{doc_id}\0{rows.get(doc_id)}\n".encode())
    return h.hexdigest()[:24]


def read_manifest(folder: Path, key: str) -> dict[str, Any] | None:
    """The part's manifest if the part is complete and current (same key, every
    listed file there), else None."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("key") != key:
        return None
    files = manifest.get("files") or {}
    if set(files) != set(PART_FILES) or not all((folder / f).is_file() for f in files.values()):
        return None
    return manifest


def entity_rows(dossier: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One row per entity of a part's dossier: normalised name, type, the name
    shown, its id in the part, mentions and documents."""
    from storyline.fuse.entity_names import normalise

    for e in dossier.get("entities") or []:
        name = str(e.get("name") or "")
        key = normalise(name) or name.casefold()
        if not key:
            continue
        mentions = e.get("mentions") or []
        yield {
            "key": key,
            "type": str(e.get("type") or ""),
            "name": name,
            "id": str(e.get("id") or ""),
            "mentions": len(mentions),
            "documents": len({m.get("doc") for m in mentions}),
        }


def _write_rows(fh: Any, rows: Sequence[dict[str, Any]]) -> None:
    for row in rows:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def build_part(
    settings: Settings,
    folder: Path,
    part: Partition,
    key: str,
) -> dict[str, Any]:
    """Read the part's analyses, fuse them, build, validate and write its dossier
    with the single-file writers, then its entity rows and last its manifest.
    Only the manifest is returned; ``runner`` calls this in a child process,
    so everything else built is gone with it."""
    from storyline.api import build

    t0 = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MANIFEST).unlink(missing_ok=True)  # incomplete from here until rewritten
    dossier = build(settings, part.doc_ids)
    dossier["part"] = {
        "id": part.id,
        "label": part.label,
        "index_html": "../../index.html",
        "index_md": "../../index.md",
    }
    from storyline.report import write_dossier

    write_dossier(dossier, folder, settings.processes, items_checked=True)
    rows = list(entity_rows(dossier))
    write_file(folder / ENTITY_ROWS, lambda fh: _write_rows(fh, rows))
    manifest = {
        "schema": PART_SCHEMA,
        "id": part.id,
        "key": key,
        "label": part.label,
        "first": part.first,
        "last": part.last,
        "documents": len(dossier.get("documents") or []),
        "stats": dossier.get("stats") or {},
        "errors": dossier.get("errors") or [],
        "files": dict(PART_FILES),
        "seconds": round(time.perf_counter() - t0, 2),
    }
    write_file(folder / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    return manifest


def merge_stats(manifests: Sequence[dict[str, Any]]) -> dict[str, int]:
    """Corpus-wide sums of the parts' counts (an entity in two parts counts twice:
    the entity index gives the merged number)."""
    total: Counter[str] = Counter()
    for m in manifests:
        for k, v in (m.get("stats") or {}).items():
            if isinstance(v, int):
                total[k] += v
    return dict(sorted(total.items()))
