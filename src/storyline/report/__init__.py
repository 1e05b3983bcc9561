"""The ``report`` stage: build, validate and render the ``storyline/1`` dossier.

Two halves: ``build/`` assembles the JSON contract from per-document analyses
and fusion results (``build_dossier``); ``render/`` turns that dict, and only
that dict, into readable files (``render_markdown``, ``render_html``).
``validate_dossier`` checks the dict against the shipped JSON Schema (plus
offset checks); ``write_dossier`` writes all three.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from storyline.report.build.dossier import build_dossier, document_record
from storyline.report.fileset import publish, write_file
from storyline.report.render.html import render_html, render_html_files
from storyline.report.render.markdown import render_markdown
from storyline.report.schema import load_schema, validate_dossier

__all__ = [
    "build_dossier",
    "document_record",
    "load_schema",
    "render_html",
    "render_html_files",
    "render_markdown",
    "validate_dossier",
    "write_dossier",
]


def write_dossier(dossier: dict[str, Any], out_dir: Path) -> dict[str, Path]:
    """Validate ``dossier`` and write ``dossier.json``, ``dossier.md`` and ``dossier.html``.

    Returns ``{"json": path, "markdown": path, "html": path}``. A dossier of
    more than ``render.html.SPLIT_THRESHOLD`` documents also gets the folder
    ``dossier_files/`` of per-document pages beside ``dossier.html``. The files are
    published as one set (``storyline.report.fileset``): a reader never sees
    files of two runs side by side, and a killed run leaves the previous set
    whole. If validation fails (a bug upstream: ``build_dossier`` has already
    dropped invalid items), only ``dossier.invalid.json`` is written, for a
    bug report, and the previous set stays.
    """
    out_dir = Path(out_dir)
    try:
        validate_dossier(dossier)
    except Exception:
        # A bug upstream, not bad input: keep what was built so it can be reported.
        out_dir.mkdir(parents=True, exist_ok=True)
        write_file(out_dir / "dossier.invalid.json", json.dumps(dossier, ensure_ascii=False) + "\n")
        raise
    names = {"json": "dossier.json", "markdown": "dossier.md", "html": "dossier.html"}
    html_files = render_html_files(dossier)
    texts = {
        "json": json.dumps(dossier, ensure_ascii=False, indent=2) + "\n",
        "markdown": render_markdown(dossier),
        "html": html_files.pop(names["html"]),
    }
    files = {names[key]: text for key, text in texts.items()}
    paths = publish(out_dir, {**files, **html_files})
    return {key: paths[name] for key, name in names.items()}
