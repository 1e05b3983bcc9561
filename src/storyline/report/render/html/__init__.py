"""Render a ``storyline/1`` dossier as one self-contained HTML file.

Everything that comes from an article (text, titles, names, sources, error
reasons) is untrusted. The templates have autoescaping on, and the only markup
built in Python is the annotated document text (``layers``), where every piece
of text and every attribute value goes through ``markupsafe.escape``. The page
loads nothing from anywhere (inline CSS, no scripts) and says so in its
Content-Security-Policy; the "show repaired text" toggle of spun documents
is a CSS-only checkbox. NUL, other control characters and bidi overrides
from the text are shown, not obeyed (``storyline.report.render.controls``).

``view`` (with ``view_integrity``) turns the dossier dict into what the
templates show; ``anchors`` names the element ids every part links to.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from storyline.report.render.controls import visible_controls
from storyline.report.render.html.view import page_view


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("storyline.report.render.html", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(dossier: dict[str, Any]) -> str:
    """The dossier as one self-contained HTML page (no external resources)."""
    template = _environment().get_template("dossier.html.j2")
    # control and bidi characters shown, not obeyed (``render.controls``)
    return visible_controls(template.render(**page_view(dossier)))
