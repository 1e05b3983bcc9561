"""The current pipeline version, known without importing the pipeline.

``pipeline_version`` hashes every registered extractor's name and version, so
it imports every extractor, and they import spaCy: about 2 s, which made
``storyline status`` slow to say anything. The version only changes when the
analysis code (``storyline.fingerprint``) or the extractor options do, so a
hash of those files keys a cache of it in the
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
from storyline import fingerprint
from storyline.store import Workspace, WorkspaceError


def code_fingerprint(options: dict[str, str] | None = None) -> str | None:
    """A hash of the analysis code (``storyline.fingerprint``) and the extractor
    options; None when the sources are not there to hash (then nothing is cached)."""
    root = Path(storyline.__file__).resolve().parent
    if not fingerprint.files(root):
        return None
    h = hashlib.sha256(json.dumps(options or {}, sort_keys=True).encode())
    h.update(fingerprint.code_fingerprint(root).encode())
    return h.hexdigest()[:16]


def _key(options: dict[str, str] | None) -> str | None:
    key = code_fingerprint(options)
    return None if key is None else f"pipeline_version:{key}"


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
