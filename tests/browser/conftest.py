"""Real-browser fixtures: Debian's Chromium under Playwright, launched once per session.

Every test here skips with the reason when Playwright or ``/usr/bin/chromium``
is absent (``.ci/run`` installs Chromium on CI). A page opened through
``open_page`` is watched: any dialog (``alert``), any request that is not a
``file:`` or ``data:`` URL, and any Content-Security-Policy violation is
recorded on the returned ``Watched`` and the request is aborted, so a test can
assert that a page ran nothing and sent nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tools import browser as chromium

LOCAL_SCHEMES = ("file:", "data:", "about:")

# Recorded before any script of the page runs: CSP violations (a blocked
# inline script or handler means markup got through the escaping).
CSP_SPY = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || e.sample || ''));
});
"""


@dataclass
class Watched:
    """A page and everything it tried to do that a static dossier never should."""

    page: Any
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def csp_violations(self) -> list[str]:
        return list(self.page.evaluate("() => window.__cspViolations || []"))


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Any]:
    """One headless Chromium for the whole session (starting it costs ~1-2 s)."""
    reason = chromium.missing_reason()
    if reason:
        pytest.skip(f"no real browser: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = chromium.launch(pw)
        yield b
        b.close()


@pytest.fixture
def open_page(chromium_browser: Any) -> Iterator[Callable[..., Watched]]:
    """``open_page(url, width=1400, scripts=True, bypass_csp=False, allow=None)``
    -> ``Watched``: a fresh context per call (no state shared between tests),
    closed at teardown. Requests to URLs starting with ``allow`` (a served
    app's own origin, ``http://127.0.0.1:PORT/``) are let through."""
    contexts: list[Any] = []

    def _open(
        url: str,
        width: int = 1400,
        scripts: bool = True,
        bypass_csp: bool = False,
        allow: str | None = None,
    ) -> Watched:
        ctx = chromium_browser.new_context(
            viewport={"width": width, "height": 900},
            java_script_enabled=scripts,
            bypass_csp=bypass_csp,
            service_workers="block",
        )
        contexts.append(ctx)
        watched = Watched(ctx.new_page())

        local = (*LOCAL_SCHEMES, allow) if allow else LOCAL_SCHEMES

        def route(r: Any) -> None:
            if r.request.url.startswith(local):
                r.continue_()
            else:
                _note_request(watched, r.request.url, local)
                r.abort()

        ctx.route("**/*", route)
        ctx.on("request", lambda req: _note_request(watched, req.url, local))
        watched.page.on("dialog", lambda d: (watched.dialogs.append(d.message), d.dismiss()))
        watched.page.on("pageerror", lambda e: watched.errors.append(str(e)))
        watched.page.on("websocket", lambda ws: watched.requests.append(ws.url))
        ctx.add_init_script(CSP_SPY)
        watched.page.goto(url, wait_until="load", timeout=120_000)
        return watched

    yield _open
    for ctx in contexts:
        ctx.close()


def _note_request(watched: Watched, url: str, local: tuple[str, ...]) -> None:
    if not url.startswith(local) and url not in watched.requests:
        watched.requests.append(url)


@pytest.fixture(scope="session")
def dossier_url(examples_out: Path) -> str:
    """The sample corpus's dossier.html (analysed once per session by the root conftest)."""
    return (examples_out / "dossier.html").resolve().as_uri()


@pytest.fixture
def asgi_server() -> Iterator[Callable[[Any], str]]:
    """``asgi_server(app)`` -> base URL (``http://127.0.0.1:PORT``) of ``app`` run
    by uvicorn in a thread on a free loopback port; every server started is
    stopped at teardown. For the web app's browser tests::

        def test_story_page(asgi_server, open_page, tmp_path):
            url = asgi_server(storyline.web.create_app(workspace))
            watched = open_page(url + "/")

    (``open_page`` aborts requests that are not ``file:``; a test of a served
    page passes ``allow=url`` to let its own origin through.) Skips when
    uvicorn is not installed."""
    pytest.importorskip("uvicorn", reason="uvicorn is not installed (the web app's dependency)")
    from contextlib import ExitStack

    with ExitStack() as stack:
        yield lambda app: stack.enter_context(chromium.serve_asgi(app))
