"""The current pipeline version, known without importing the pipeline.

``pipeline_version`` hashes every registered extractor's name and version, so
it imports every extractor, and they import spaCy: about 2 s, which made
``storyline status`` slow to say anything. The version only changes when the
code of ``storyline.extract`` or ``storyline.pipeline`` (or the extractor
options) does, so a hash of those source files keys a cache of it in the
workspace (``workspace_meta``): written when an ingest computes it, read by
``status``. On a miss the version is computed the slow way and cached.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from pathlib import Path

import storyline
from storyline.store import Workspace, WorkspaceError

_ROOT = Path(storyline.__file__).resolve().parent
#: The sources the pipeline version is derived from.
_SOURCES = ("extract", "pipeline.py")


def code_fingerprint(options: dict[str, str] | None = None) -> str | None:
    """A hash of the extractor and pipeline sources and the extractor options;
    None when the sources are not there to hash (then nothing is cached)."""
    h = hashlib.sha256(json.dumps(options or {}, sort_keys=True).encode())
    n = 0
    for name in _SOURCES:
        path = _ROOT / name
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for f in files:
            if not f.is_file():
                continue
            h.update(str(f.relative_to(_ROOT)).encode() + b"\0")
            h.update(f.read_bytes())
            n += 1
    return h.hexdigest()[:16] if n else None


def _key(options: dict[str, str] | None) -> str | None:
    fingerprint = code_fingerprint(options)
    return None if fingerprint is None else f"pipeline_version:{fingerprint}"


def remember_version(ws: Workspace, options: dict[str, str] | None, version: str) -> None:
    """Cache ``version`` for this code and these options (best effort: a
    read-only workspace just stays uncached)."""
    key = _key(options)
    if key is None or ws.get_meta(key) == version:
        return
    with contextlib.suppress(sqlite3.Error, WorkspaceError):
        ws.set_meta(key, version)


def current_version(ws: Workspace, options: dict[str, str] | None) -> str:
    """The version this code's pipeline gives analyses: cached, or computed and cached."""
    key = _key(options)
    cached = None if key is None else ws.get_meta(key)
    if cached is not None:
        return cached
    from storyline.pipeline import pipeline_version  # imports every extractor (and spaCy)

    version = pipeline_version(options=options)
    remember_version(ws, options, version)
    return version
