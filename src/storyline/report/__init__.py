"""The ``report`` stage: build, validate and render the ``storyline/1`` dossier.

Two halves: ``build/`` assembles the JSON contract from per-document analyses
and fusion results (``build_dossier``); ``render/`` turns that dict, and only
that dict, into readable files (``render_markdown``, ``render_html``).
``validate_dossier`` checks the dict against the shipped JSON Schema (plus
offset checks); ``write_dossier`` writes all three.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from storyline.forked import Forked, can_fork
from storyline.report.build.dossier import build_dossier, document_record
from storyline.report.fileset import Content, publish, write_file
from storyline.report.render.html import render_html, render_html_files
from storyline.report.render.markdown import render_markdown
from storyline.report.schema import load_schema, validate_dossier, validate_outline

__all__ = [
    "build_dossier",
    "document_record",
    "load_schema",
    "render_html",
    "render_html_files",
    "render_markdown",
    "validate_dossier",
    "write_dossier",
    "write_json",
]


def render_views(dossier: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """dossier.md's text and the HTML files (``render_html_files``) of ``dossier``."""
    return render_markdown(dossier), render_html_files(dossier)


def write_dossier(
    dossier: dict[str, Any], out_dir: Path, processes: int = 1, *, items_checked: bool = False
) -> dict[str, Path]:
    """Validate ``dossier`` and write ``dossier.json``, ``dossier.md`` and ``dossier.html``.

    Returns ``{"json": path, "markdown": path, "html": path}``. A dossier of
    more than ``render.html.SPLIT_THRESHOLD`` documents also gets the folder
    ``dossier_files/`` of per-document pages beside ``dossier.html``. The files are
    published as one set (``storyline.report.fileset``): a reader never sees
    files of two runs side by side, and a killed run leaves the previous set
    whole. If validation fails (a bug upstream: ``build_dossier`` has already
    dropped invalid items), only ``dossier.invalid.json`` is written, for a
    bug report, and the previous set stays.

    With ``processes`` > 1 the Markdown and HTML are rendered in a forked
    child (``storyline.forked``) while this process validates and streams
    the JSON; the files are the same. ``items_checked``: the dossier comes
    from ``build_dossier``, which checked every item, so only the rest is
    checked here (``validate_outline``).
    """
    out_dir = Path(out_dir)
    views = Forked(render_views, dossier, enabled=can_fork(processes))
    try:
        (validate_outline if items_checked else validate_dossier)(dossier)
    except Exception:
        views.cancel()
        # A bug upstream, not bad input: keep what was built so it can be reported.
        out_dir.mkdir(parents=True, exist_ok=True)
        write_file(out_dir / "dossier.invalid.json", lambda fh: write_json(dossier, fh))
        raise
    names = {"json": "dossier.json", "markdown": "dossier.md", "html": "dossier.html"}

    # Each file is produced while it is written, one at a time: the JSON is
    # streamed (never one string). The HTML comes as one page, or above the
    # split threshold a main page plus one page per document. Forked, the
    # views are collected after the JSON is written; inline, they are rendered
    # when the set is assembled (the JSON is written first either way).
    def rendered() -> dict[str, Content]:
        markdown, html_files = views.result()
        return {
            names["markdown"]: markdown,
            names["html"]: html_files.pop("dossier.html"),
            **html_files,
        }

    json_file: dict[str, Content] = {names["json"]: lambda fh: write_json(dossier, fh)}
    paths = publish(out_dir, json_file, later=rendered)
    return {key: paths[name] for key, name in names.items()}


def write_json(dossier: Mapping[str, Any], fh: TextIO, lines: bool = True) -> None:
    """Stream ``dossier`` as JSON to ``fh``, one top-level key or list item at a time.

    ``lines`` (the default) puts every top-level key on its own line and
    every item of a top-level list on its own line, each item compact: a
    file one can page, grep and diff record by record, written by the C
    encoder (``json.dump`` with ``indent`` runs the pure-Python one: 4 s of
    a 1,000-article run). Without ``lines`` the text is exactly
    ``json.dumps(dossier, ensure_ascii=False)``. Either way a newline ends
    the file, and the whole text is never held at once.
    """
    dumps = functools.partial(json.dumps, ensure_ascii=False)
    key_sep, item_sep = (",\n  ", ",\n    ") if lines else (", ", ", ")
    fh.write("{\n  " if lines else "{")
    for k, (key, value) in enumerate(dossier.items()):
        if k:
            fh.write(key_sep)
        fh.write(f"{dumps(key)}: ")
        if isinstance(value, list) and value:
            fh.write("[\n    " if lines else "[")
            for i, item in enumerate(value):
                if i:
                    fh.write(item_sep)
                fh.write(dumps(item))
            fh.write("\n  ]" if lines else "]")
        else:
            fh.write(dumps(value))
    fh.write("\n}\n" if lines else "}\n")
