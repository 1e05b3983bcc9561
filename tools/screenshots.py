"""Screenshots of a corpus's dossier at desktop and phone width, from a real Chromium.

Analyses a corpus folder in a fresh temporary workspace (or takes an existing
``dossier.html`` with ``--dossier``), opens the page in Debian's Chromium
(``tools/browser.py``) and saves one viewport-sized PNG per view and width::

    python tools/screenshots.py examples/corpus --out docs/screenshots
    python tools/screenshots.py ../shared/corpus/voa --out /tmp/voa-shots
    python tools/screenshots.py --dossier out/demo/dossier.html --out /tmp/shots
    python tools/screenshots.py --app http://127.0.0.1:8000 --out docs/screenshots

Files are ``<width>-<view>.png`` (``desktop-first-screen.png``,
``phone-who-said-what.png``, ...). A view whose anchor the page does not have
is skipped. ``layout.json`` beside them records, per width, what a reader
would notice without looking: whether the page scrolls sideways, its height
in screens, short labels broken inside a word, and the first words cut
inside in table cells (where paths may wrap, but ids and dates should not).
With ``--app URL`` (a running ``storyline serve``) the pages of the web app
are shot instead: home, the first developing story (when one holds several
event stories), the first story, an entity and a document linked from it
(found by following the home page's links, as a reader would), and a
search; files are ``app-<width>-<page>.png`` and ``app-layout.json``.
``--app-workspace FILE`` serves that workspace's app on a loopback port for
the shots (``make screenshots`` does, over the analysed sample corpus).
Commit only screenshots of text the project may publish (``examples/``),
never of third-party articles.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools import browser as chromium  # noqa: E402

WIDTHS = {"desktop": chromium.DESKTOP, "phone": chromium.PHONE}

# view name -> CSS selectors tried in order (the first one present is shown
# at the top of the screen); None is the top of the page.
VIEWS: dict[str, tuple[str, ...] | None] = {
    "first-screen": None,
    "brief": ("#brief", ".brief"),
    "sources": ("#sources",),
    "who-said-what": ("#quotes", "#who-said-what"),
    "disagreements": ("#conflicts", "#disagreements"),
    "forecasts": ("#forecasts",),
    "timeline": ("#timeline",),
    "document": ("article.doc", "#documents"),
}

# Scroll to an element, opening the <details> around it, and say whether it
# was found.
SHOW_JS = """(selectors) => {
  for (const s of selectors) {
    const el = document.querySelector(s);
    if (!el) continue;
    for (let d = el.closest('details'); d; d = d.parentElement.closest('details')) d.open = true;
    if (el.tagName === 'DETAILS') el.open = true;
    el.scrollIntoView({block: 'start'});
    return true;
  }
  return false;
}"""


def analyse(corpus: Path, tmp: Path) -> Path:
    """Analyse ``corpus`` in a fresh workspace under ``tmp``; the dossier.html path."""
    from storyline.api import analyze
    from storyline.settings import Settings

    result = analyze([str(corpus)], tmp / "out", Settings(workspace=tmp / "ws.db"))
    return Path(result.paths["html"])


def layout(page: Any) -> dict[str, Any]:
    """What the page's layout shows a reader at the current width."""
    scroll_width, inner_width = page.evaluate(chromium.WIDTH_JS)
    height = page.evaluate("() => document.scrollingElement.scrollHeight")
    return {
        "scroll_width": scroll_width,
        "inner_width": inner_width,
        "scrolls_sideways": scroll_width > inner_width,
        "height_px": height,
        "screens": round(height / page.viewport_size["height"], 1),
        "broken_labels": page.evaluate(chromium.BROKEN_WORDS_JS, chromium.LABELS),
        # table cells and definitions may wrap anywhere (paths, URLs); the
        # first words cut inside show where that hurts reading (ids, dates)
        "broken_in_cells": page.evaluate(chromium.BROKEN_WORDS_JS, "td, dd"),
    }


def shoot(
    html: Path, out: Path, views: list[str], widths: list[str], browser: Any
) -> dict[str, Any]:
    """Save the screenshots of ``html`` into ``out``; the layout findings per width."""
    out.mkdir(parents=True, exist_ok=True)
    findings: dict[str, Any] = {"dossier_bytes": html.resolve().stat().st_size}
    for width in widths:
        page = browser.new_page(viewport=WIDTHS[width])
        page.goto(html.resolve().as_uri(), wait_until="load", timeout=300_000)
        findings[width] = layout(page)
        findings[width]["views"] = []
        for view in views:
            selectors = VIEWS[view]
            if selectors is None:
                page.evaluate("() => window.scrollTo(0, 0)")
            elif not page.evaluate(SHOW_JS, list(selectors)):
                continue
            page.screenshot(path=str(out / f"{width}-{view}.png"))
            findings[width]["views"].append(view)
        page.close()
    (out / "layout.json").write_text(json.dumps(findings, indent=1) + "\n", encoding="utf-8")
    return findings


# The web app's pages: name -> CSS selector of the home page's link to follow
# (None: the URL itself; search is built from --search).
APP_PAGES: dict[str, str | None] = {
    "home": None,
    "developing": "ul.stories li.developing h3 a[href^='/developing/']",
    "story": "ul.stories a[href^='/stories/']",
    "entity": "ul.stories a[href^='/entities/']",
    "document": "ul.stories a[href^='/documents/']",
    "search": None,
}


def app_urls(base: str, search: str, browser: Any) -> dict[str, str]:
    """The URL of each of ``APP_PAGES`` that the running app at ``base`` has."""
    from urllib.parse import urlencode

    page = browser.new_page()
    page.goto(base + "/", wait_until="load", timeout=60_000)
    urls = {"home": base + "/"}
    for name, selector in APP_PAGES.items():
        if selector and page.locator(selector).count():
            urls[name] = base + str(page.locator(selector).first.get_attribute("href"))
    page.close()
    urls["search"] = base + "/search?" + urlencode({"q": search})
    return urls


def shoot_app(base: str, search: str, out: Path, widths: list[str], browser: Any) -> dict[str, Any]:
    """Save one first-screen PNG per page of the app and width; the layout findings."""
    out.mkdir(parents=True, exist_ok=True)
    urls = app_urls(base.rstrip("/"), search, browser)
    findings: dict[str, Any] = {"pages": {n: u.removeprefix(base) for n, u in urls.items()}}
    for width in widths:
        findings[width] = {}
        page = browser.new_page(viewport=WIDTHS[width])
        for name, url in urls.items():
            page.goto(url, wait_until="load", timeout=60_000)
            findings[width][name] = layout(page)
            page.screenshot(path=str(out / f"app-{width}-{name}.png"))
        page.close()
    (out / "app-layout.json").write_text(json.dumps(findings, indent=1) + "\n", encoding="utf-8")
    return findings


def shoot_workspace(
    workspace: Path, search: str, out: Path, widths: list[str], browser: Any
) -> dict[str, Any]:
    """``shoot_app`` over the app of ``workspace``, served on a loopback port meanwhile."""
    from storyline.web import create_app

    with chromium.serve_asgi(create_app(workspace)) as url:
        return shoot_app(url, search, out, widths, browser)


def main_app(args: argparse.Namespace) -> int:
    """``--app``: screenshots of a running web app's pages."""
    with chromium.browser() as browser:
        findings = shoot_app(args.app, args.search, args.out, args.widths, browser)
    return report_app(findings, args)


def report_app(findings: dict[str, Any], args: argparse.Namespace) -> int:
    """Print what the app's screenshots found, one line per width."""
    for width in args.widths:
        sideways = [n for n, f in findings[width].items() if f["scrolls_sideways"]]
        print(
            f"{width}: {len(findings[width])} pages, "
            + (f"SCROLLS SIDEWAYS: {', '.join(sideways)}" if sideways else "no sideways scroll")
        )
    print(f"written to {args.out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, help="folder of articles to analyse")
    ap.add_argument("--dossier", type=Path, help="an existing dossier.html instead of a corpus")
    ap.add_argument("--app", help="base URL of a running storyline serve (shoot its pages)")
    ap.add_argument(
        "--app-workspace",
        type=Path,
        help="a workspace file: serve its app here (loopback) and shoot its pages",
    )
    ap.add_argument("--search", default="said", help="the query of the app's search page")
    ap.add_argument("--out", type=Path, required=True, help="folder for the PNGs")
    ap.add_argument("--views", nargs="+", choices=list(VIEWS), default=list(VIEWS))
    ap.add_argument("--widths", nargs="+", choices=list(WIDTHS), default=list(WIDTHS))
    args = ap.parse_args(argv)
    if [args.corpus, args.dossier, args.app, args.app_workspace].count(None) != 3:
        ap.error("give one of: a corpus folder, --dossier, --app, --app-workspace")
    reason = chromium.missing_reason()
    if reason:
        print(f"cannot take screenshots: {reason}", file=sys.stderr)
        return 2
    if args.app:
        return main_app(args)
    if args.app_workspace:
        with chromium.browser() as browser:
            findings = shoot_workspace(
                args.app_workspace, args.search, args.out, args.widths, browser
            )
        return report_app(findings, args)
    with tempfile.TemporaryDirectory(prefix="storyline-shots-") as tmp:
        html = args.dossier or analyse(args.corpus, Path(tmp))
        with chromium.browser() as browser:
            findings = shoot(html, args.out, args.views, args.widths, browser)
    for width in args.widths:
        f = findings[width]
        sideways = (
            f"SCROLLS SIDEWAYS ({f['scroll_width']} px wide)"
            if f["scrolls_sideways"]
            else "no sideways scroll"
        )
        print(
            f"{width}: {len(f['views'])} screenshots, {f['screens']} screens tall, {sideways}, "
            f"{len(f['broken_labels'])} labels broken inside a word"
        )
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
