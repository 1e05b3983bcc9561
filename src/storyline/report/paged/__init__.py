"""The paged dossier: a large corpus fused, built and written part by part.

``api.build`` holds every analysis of the corpus in memory (about 110 KB
each) and fuses them all: 2.8 GB at 3,000 documents. Here the corpus is
planned into partitions (``fuse.partition.plan_partitions`` over the stored
digests, ``store.digests``) of at most ``max_docs`` documents, and each is
read, fused and written on its own into ``OUT/parts/<partition id>/`` with
the single-file layout's writers (``parts.build_part``); everything of one
part is dropped before the next, so the peak is the largest part plus the
digests. A part whose documents, analyses, code and settings did not change
is reused (``parts.read_manifest``). ``OUT/index.json`` (schema
``storyline-paged/1``, documented in docs/usage.md), ``index.md`` and
``index.html`` list the parts, the errors and a corpus-wide entity index
merged across parts (``entities.EntityIndex``). Parts no longer in the plan
are removed only after the new index is published.

What is lost across parts: fusion links only documents of one part, so a
copy, a shared story or a disagreement between two documents that the
planner put in different parts is not found.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from storyline import __version__
from storyline.model import Partition, ReadError
from storyline.progress import Progress, no_progress
from storyline.report.fileset import locked, write_file
from storyline.report.paged import parts as part_files
from storyline.report.paged.entities import EntityIndex
from storyline.report.paged.render import render_index_html, render_index_markdown
from storyline.report.paged.runner import Job, PartFailed, run_isolated, run_parts
from storyline.settings import Settings
from storyline.store import Workspace, WorkspaceError

__all__ = ["PAGED_SCHEMA", "write_paged"]

#: Schema name of ``OUT/index.json``.
PAGED_SCHEMA = "storyline-paged/1"
PARTS = "parts"
LOCK = ".paged.lock"


def plan(
    settings: Settings,
    doc_ids: Sequence[str] | None,
    max_docs: int,
    max_tokens: int | None = None,
) -> list[Partition]:
    """The partitions of the workspace's (or the given) documents."""
    from storyline.fuse.partition import plan_partitions
    from storyline.store.digests import digests

    if not Path(settings.workspace).exists():
        raise WorkspaceError(f"no workspace at {settings.workspace}")
    with Workspace(settings.workspace, busy_timeout=settings.busy_timeout) as ws:
        return plan_partitions(digests(ws, doc_ids), max_docs=max_docs, max_tokens=max_tokens)


def write_paged(
    settings: Settings,
    out_dir: str | Path,
    doc_ids: Sequence[str] | None = None,
    *,
    max_docs: int = 2000,
    max_tokens: int | None = None,
    progress: Progress = no_progress,
    errors: Sequence[ReadError] = (),
    isolate: bool = True,
) -> dict[str, Path]:
    """Write the paged dossier of the workspace (or ``doc_ids``) into ``out_dir``.

    ``max_tokens`` caps the text of a part too (``api`` passes
    ``PAGED_TOKENS_PER_DOC`` per document allowed). Returns ``{"json":
    index.json, "markdown": index.md, "html": index.html, "parts": OUT/parts}``.
    Each part is built in a forked child
    (``runner``; ``isolate=False`` builds inline), so its memory is returned
    before the next; with ``settings.processes`` > 1 and several parts to
    build, that many are built side by side. A part that fails (a bug
    upstream) is listed among the index's errors and left without a
    manifest, so the next run retries it; the other parts are written.
    """
    if not Path(settings.workspace).exists():
        raise WorkspaceError(f"no workspace at {settings.workspace}")
    out_dir = Path(out_dir)
    parts_dir = out_dir / PARTS
    parts_dir.mkdir(parents=True, exist_ok=True)
    with locked(out_dir, LOCK):
        # planned in a child: the digests' memory never stays in this process
        partitions = run_isolated(lambda: plan(settings, doc_ids, max_docs, max_tokens), isolate)
        code = part_files.code_version()
        manifests: dict[int, dict[str, Any] | PartFailed] = {}
        with Workspace(settings.workspace, busy_timeout=settings.busy_timeout) as ws:
            keys = [part_files.part_key(ws, part, code, settings) for part in partitions]
        for n, part in enumerate(partitions):
            manifest = part_files.read_manifest(parts_dir / part.id, keys[n])
            if manifest is not None:
                manifests[n] = {**manifest, "status": "reused"}
        todo = [n for n in range(len(partitions)) if n not in manifests]
        workers = max(1, settings.processes) if len(todo) > 1 else 1
        if workers > 1:  # parts side by side, each in one process
            settings = replace(settings, processes=1)
        jobs: list[Job] = [(n, _job(settings, parts_dir, partitions[n], keys[n])) for n in todo]
        if jobs and isolate:
            from storyline.api import prepare_dossier_phase

            prepare_dossier_phase()  # imports and tables once, shared by every child
        progress("parts", len(manifests), len(partitions))
        for n, result in run_parts(jobs, workers, isolate):
            built = result if isinstance(result, PartFailed) else {**result, "status": "built"}
            manifests[n] = built
            progress("parts", len(manifests), len(partitions))
        rows: list[dict[str, Any]] = []
        all_errors: list[dict[str, Any]] = [e.to_dict() for e in errors]
        index = EntityIndex()
        try:
            for n, part in enumerate(partitions):
                row, errs = _row(part, manifests[n])
                rows.append(row)
                all_errors += errs
                if row["status"] != "failed":
                    index.add_part(part.id, parts_dir / part.id / part_files.ENTITY_ROWS)
            head = _head(rows, all_errors, max_docs, code, index.count())
            paths = _write_index(out_dir, head, index)
        finally:
            index.close()
        _remove_old_parts(parts_dir, {p.id for p in partitions})
    return {**paths, "parts": parts_dir}


def _job(settings: Settings, parts_dir: Path, part: Partition, key: str) -> Callable[[], Any]:
    """The call that builds one part (looked up at call time, so tests can patch it)."""
    return lambda: part_files.build_part(settings, parts_dir / part.id, part, key)


def _row(
    part: Partition, manifest: dict[str, Any] | PartFailed
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One part's index row and the errors it adds to the index."""
    errs: list[dict[str, Any]] = []
    if isinstance(manifest, PartFailed):
        reason = f"part not written: {manifest}"
        errs.append({"source": f"{PARTS}/{part.id}", "reason": reason, "part": part.id})
        manifest = {"status": "failed", "stats": {}, "errors": []}
    errs += [{**e, "part": part.id} for e in manifest.get("errors") or []]
    files = {k: f"{PARTS}/{part.id}/{v}" for k, v in part_files.PART_FILES.items()}
    row = {
        "id": part.id,
        "label": part.label,
        "first": part.first,
        "last": part.last,
        "documents": len(part.doc_ids),
        "doc_ids": list(part.doc_ids),
        "groups": part.groups,
        "split": part.split,
        "status": manifest["status"],
        "stats": manifest.get("stats") or {},
        "errors": len(manifest.get("errors") or []),
        "paths": {} if manifest["status"] == "failed" else files,
    }
    return row, errs


def _head(
    rows: list[dict[str, Any]],
    errors: list[dict[str, Any]],
    max_docs: int,
    code: str,
    n_entities: int,
) -> dict[str, Any]:
    return {
        "schema": PAGED_SCHEMA,
        "generated_by": f"storyline {__version__}",
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "code_version": code,
        "max_docs": max_docs,
        "documents": sum(r["documents"] for r in rows),
        # Summed over parts, except entities: the merged count of the entity index.
        # (and errors: the index's own list, read errors and failed parts included)
        "stats": {**part_files.merge_stats(rows), "entities": n_entities, "errors": len(errors)},
        "n_parts": len(rows),
        "n_entities": n_entities,
        "parts": rows,
        "errors": errors,
    }


def _write_json(fh: TextIO, head: dict[str, Any], index: EntityIndex) -> None:
    """``head`` then ``"entities"``, streamed one entity at a time from the index."""
    text = json.dumps(head, ensure_ascii=False, indent=1)
    fh.write(text[:-2] + ',\n "entities": [')
    for k, ent in enumerate(index.merged()):
        fh.write(("\n  " if k == 0 else ",\n  ") + json.dumps(ent, ensure_ascii=False))
    fh.write("\n ]\n}\n")


def _write_index(out_dir: Path, head: dict[str, Any], index: EntityIndex) -> dict[str, Path]:
    """index.json, index.md and index.html, each written whole or not at all."""
    paths = {
        "json": out_dir / "index.json",
        "markdown": out_dir / "index.md",
        "html": out_dir / "index.html",
    }
    write_file(paths["json"], lambda fh: _write_json(fh, head, index))
    write_file(paths["markdown"], render_index_markdown(head, index))
    write_file(paths["html"], render_index_html(head, index))
    return paths


def _remove_old_parts(parts_dir: Path, keep: set[str]) -> None:
    """Remove part folders the new index no longer names (it is published by now)."""
    for entry in parts_dir.iterdir():
        if entry.is_dir() and not entry.is_symlink() and entry.name not in keep:
            shutil.rmtree(entry, ignore_errors=True)
