"""Render a ``storyline/1`` dossier as HTML: one self-contained file, or for
large corpora that file plus one page per document in a folder beside it.

Everything that comes from an article (text, titles, names, sources, error
reasons) is untrusted. The templates have autoescaping on, and the only markup
built in Python is the annotated document text (``layers``), where every piece
of text and every attribute value goes through ``markupsafe.escape``. The page
loads nothing from anywhere (inline CSS, one inline script of our own allowed
by its SHA-256 in the Content-Security-Policy, ``script``); it reads fully
with scripts off, and the "show repaired text" toggle of spun documents is a
CSS-only checkbox. NUL, other control characters and bidi overrides from the
text are shown, not obeyed (``storyline.report.render.controls``).

``view`` (with ``view_integrity`` and ``view_front``, the first screen) turns
the dossier dict into what the templates show; ``anchors`` names the element
ids every part links to; ``split`` moves the article views into their own
pages when there are more than ``SPLIT_THRESHOLD`` documents, so the main
file stays small enough to open quickly.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment

from storyline.report.render.controls import visible_controls
from storyline.report.render.html import split
from storyline.report.render.html.environment import template_environment
from storyline.report.render.html.script import script_hash, script_markup
from storyline.report.render.html.split import DOCS_FOLDER, SPLIT_THRESHOLD, relink
from storyline.report.render.html.view import page_view

__all__ = ["DOCS_FOLDER", "SPLIT_THRESHOLD", "render_html", "render_html_files"]


@cache
def _environment() -> Environment:
    return template_environment(("storyline.report.render.html", "templates"))


def _page_context(dossier: dict[str, Any], large: bool = False) -> dict[str, Any]:
    view = page_view(dossier, large)
    story = view["front"]["story"]
    view["page_title"] = story["headline"] if story else "Storyline dossier"
    view["script"] = script_markup()
    view["script_hash"] = script_hash()
    view.setdefault("split", None)
    view["part"] = dossier.get("part")  # one part of a paged dossier: links to its index
    # one document's page (the web app): headed by the document, not its story
    view["page_document"] = dossier.get("page_document")
    if view["page_document"]:
        view["page_title"] = str(view["page_document"].get("title") or view["page_title"])
    return view


def render_html(dossier: dict[str, Any]) -> str:
    """The dossier as one self-contained HTML page (no external resources)."""
    template = _environment().get_template("dossier.html.j2")
    # control and bidi characters shown, not obeyed (``render.controls``)
    return visible_controls(template.render(**_page_context(dossier)))


def render_html_files(dossier: dict[str, Any], threshold: int | None = None) -> dict[str, str]:
    """``{relative file name: HTML}``: ``dossier.html`` alone for up to
    ``threshold`` documents; above it, the article views go to
    ``DOCS_FOLDER/<document anchor>.html`` and every link is pointed at the
    file that holds its target. ``threshold`` defaults to ``split.SPLIT_THRESHOLD``."""
    threshold = split.SPLIT_THRESHOLD if threshold is None else threshold
    env = _environment()
    view = _page_context(dossier, len(dossier.get("documents") or []) > threshold)
    if len(view["documents"]) <= threshold:
        return {
            "dossier.html": visible_controls(env.get_template("dossier.html.j2").render(**view))
        }
    view["split"] = DOCS_FOLDER
    page = env.get_template("document_page.html.j2")
    pages = {
        f"{DOCS_FOLDER}/{d['anchor']}.html": visible_controls(
            page.render(d=d, script=view["script"], script_hash=view["script_hash"])
        )
        for d in view["documents"]
    }
    main = visible_controls(env.get_template("dossier.html.j2").render(**view))
    return relink({"dossier.html": main, **pages})
