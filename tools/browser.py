"""Debian's Chromium under Playwright, shared by the browser tests, the screenshot
script and the dossier-opening benchmark.

Why not ``playwright install``: it downloads a browser build of its own, which
these machines (and users behind a proxy) cannot fetch. The distribution's
``chromium`` package is driven instead through ``executable_path``; ``.ci/run``
installs it with apt when it is missing. Everything here runs offline: the
launch flags turn off every request the browser would make by itself
(component updates, sync, safe-browsing lists, QUIC probes).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# STORYLINE_CHROMIUM overrides the path (another distribution's binary name).
CHROMIUM = os.environ.get("STORYLINE_CHROMIUM", "/usr/bin/chromium")

# --no-sandbox: Chromium refuses to start its sandbox as root (CI runs as root);
# the pages opened are the project's own files. The rest keep the browser quiet
# and offline, so a test that forbids network requests sees only the page's own.
LAUNCH_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)

DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 400, "height": 860}


def missing_reason() -> str | None:
    """Why a real browser cannot be driven here, or None when it can (a test skips with it)."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[dev]')"
    path = Path(CHROMIUM)
    if not (path.exists() or shutil.which(CHROMIUM)):
        return f"{CHROMIUM} not found (apt-get install chromium; .ci/run does it on CI)"
    return None


def launch(playwright: Any) -> Any:
    """A headless Chromium browser from the distribution's binary."""
    return playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=list(LAUNCH_ARGS)
    )


@contextmanager
def browser() -> Iterator[Any]:
    """Start Playwright and the browser; close both on exit (for scripts; tests
    use the session fixture in ``tests/browser/conftest.py``)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = launch(pw)
        try:
            yield b
        finally:
            b.close()


# What the page reports about its own layout: the page may scroll sideways
# when the scrolling element is wider than the viewport.
WIDTH_JS = "() => [document.scrollingElement.scrollWidth, window.innerWidth]"

# Words broken inside: a whitespace-separated word (cut after a hyphen or
# slash, where a break is a normal one) that the layout spreads over more than
# one line box gives more than one client rect per line. Returns the first few
# offenders as "selector: word". Cheap: only the elements matched, which are
# short (headings, badges, navigation, table heads).
BROKEN_WORDS_JS = """(selector) => {
  const out = [];
  const split = /\\s+|(?<=[-\\/\\u2010\\u2013\\u2014])/u;
  for (const el of document.querySelectorAll(selector)) {
    if (!el.getClientRects().length) continue;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.data;
      let pos = 0;
      for (const word of text.split(split)) {
        const at = text.indexOf(word, pos);
        pos = at + word.length;
        if (word.length < 2) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + word.length);
        const tops = new Set([...range.getClientRects()]
          .filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) out.push(el.tagName.toLowerCase() + "." + el.className + ": " + word);
        if (out.length >= 10) return out;
      }
    }
  }
  return out;
}"""

# Headings, badges, navigation links and table heads: short labels that must
# never be cut inside a word (long body text and file paths may wrap anywhere).
LABELS = "h1, h2, h3, h4, h5, h6, nav a, th, .type, .flag, .tl-badge, [class*=badge]"


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


@contextmanager
def serve_asgi(app: Any, host: str = "127.0.0.1", timeout: float = 10.0) -> Iterator[str]:
    """Run an ASGI app under uvicorn in a thread on a free loopback port and
    yield its base URL (``http://127.0.0.1:PORT``); stop it on exit.

    For the web app's browser tests: ``with serve_asgi(create_app(ws)) as url:
    page.goto(url + "/stories")``. Needs uvicorn (the web app's dependency).
    """
    import uvicorn

    port = free_port(host)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="auto")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"uvicorn did not start on {host}:{port} within {timeout} s")
        time.sleep(0.02)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout)
