"""The ``report`` stage: build, validate and render the ``storyline/1`` dossier.

Two halves: ``build/`` assembles the JSON contract from per-document analyses
and fusion results (``build_dossier``); ``render/`` turns that dict, and only
that dict, into readable files (``render_markdown``, ``render_html``).
``validate_dossier`` checks the dict against the shipped JSON Schema (plus
offset checks); ``write_dossier`` writes all three.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from storyline.report.build.dossier import build_dossier, document_record
from storyline.report.render.html import render_html
from storyline.report.render.markdown import render_markdown
from storyline.report.schema import load_schema, validate_dossier

__all__ = [
    "build_dossier",
    "document_record",
    "load_schema",
    "render_html",
    "render_markdown",
    "validate_dossier",
    "write_dossier",
]


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        # mkstemp makes the file private (0600); give it the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_dossier(dossier: dict[str, Any], out_dir: Path) -> dict[str, Path]:
    """Validate ``dossier`` and write ``dossier.json``, ``dossier.md`` and ``dossier.html``.

    Returns ``{"json": path, "markdown": path, "html": path}``. If validation
    fails (a bug upstream), only ``dossier.invalid.json`` is written, for a bug
    report; each file is replaced atomically.
    """
    out_dir = Path(out_dir)
    try:
        validate_dossier(dossier)
    except Exception:
        # A bug upstream, not bad input: keep what was built so it can be reported.
        out_dir.mkdir(parents=True, exist_ok=True)
        _write_atomic(
            out_dir / "dossier.invalid.json", json.dumps(dossier, ensure_ascii=False) + "\n"
        )
        raise
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs = {
        "json": (
            out_dir / "dossier.json",
            json.dumps(dossier, ensure_ascii=False, indent=2) + "\n",
        ),
        "markdown": (out_dir / "dossier.md", render_markdown(dossier)),
        "html": (out_dir / "dossier.html", render_html(dossier)),
    }
    for path, text in outputs.values():
        _write_atomic(path, text)
    return {key: path for key, (path, _) in outputs.items()}
