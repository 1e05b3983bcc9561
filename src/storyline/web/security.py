"""What keeps the local web app safe: loopback by default, a token elsewhere,
strict response headers, no cross-site writes, and static files only from the package.

Article text is untrusted and shown in pages, so the pages load nothing from
anywhere and run no scripts (``CSP``); templates autoescape. Bound to any
address other than loopback, the app is reachable by others on the network,
so every request must then carry the access token: an ``Authorization:
Bearer`` or ``X-Storyline-Token`` header, or the cookie a ``?token=`` link sets.
Without a token the app answers only to loopback host names (a web page
cannot reach it by rebinding its own domain to 127.0.0.1), and an upload
posted by a page of another site is refused (its ``Origin`` differs).
"""

from __future__ import annotations

import hmac
import secrets
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response

#: Served with every response: nothing from outside, no scripts, no framing.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
}
COOKIE = "storyline_token"
HEADER = "x-storyline-token"
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
#: Host names a token-less app answers to: loopback, and TestClient's default. A
#: page elsewhere that rebinds its own domain name to 127.0.0.1 sends its own name.
TOKENLESS_HOSTS = LOOPBACK | {"testserver"}
STATIC_DIR = Path(__file__).with_name("static")


def new_token() -> str:
    """A fresh access token (URL-safe, 32 random bytes)."""
    return secrets.token_urlsafe(32)


def is_loopback(host: str) -> bool:
    return host in LOOPBACK or host.startswith("127.")


def exposure_warning(host: str, port: int, token: str) -> str:
    """What ``serve`` prints when bound to an address others can reach."""
    return (
        f"warning: serving on {host}:{port}, reachable from other machines; every request "
        f"needs the access token. Open http://{host}:{port}/?token={token} "
        "(the link sets a cookie), or send the header X-Storyline-Token."
    )


def _given_token(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get(HEADER) or request.cookies.get(COOKIE)


def token_ok(given: str | None, token: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


class SecurityMiddleware(BaseHTTPMiddleware):
    """Adds ``HEADERS`` to every response; with a token, refuses requests without it."""

    def __init__(self, app: object, token: str | None = None) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.token = token

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = self._check(request) or await call_next(request)
        for key, value in HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    def _check(self, request: Request) -> Response | None:
        if request.method not in ("GET", "HEAD", "OPTIONS") and not same_origin(request):
            return PlainTextResponse("cross-site request refused", status_code=403)
        if self.token is None:
            if _host_name(request.headers.get("host", "")) not in TOKENLESS_HOSTS:
                return PlainTextResponse(
                    "unknown host name; without a token the app answers only to "
                    "localhost / 127.0.0.1",
                    status_code=421,
                )
            return None
        link_token = request.query_params.get("token")
        if link_token is not None and token_ok(link_token, self.token):
            # a ?token= link: remember it in a cookie and drop it from the address
            rest = [(k, v) for k, v in parse_qsl(request.url.query) if k != "token"]
            target = request.url.path + ("?" + urlencode(rest) if rest else "")
            response = RedirectResponse(target, status_code=303)
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="strict")
            return response
        if token_ok(_given_token(request), self.token):
            return None
        message = "access token required: open the ?token= link that storyline serve printed"
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": message}, status_code=401)
        return PlainTextResponse(message, status_code=401)


def _host_name(host: str) -> str:
    """``host`` of a Host header value ``host[:port]`` (``[v6]:port`` too)."""
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def same_origin(request: Request) -> bool:
    """False for a state-changing request a page on another site made: its
    ``Origin`` (browsers send it on every cross-site POST) names another host."""
    origin = request.headers.get("origin")
    if origin == "null":
        # the pages' Referrer-Policy: no-referrer makes a browser send
        # "Origin: null" even on the app's own form posts; Sec-Fetch-Site tells
        return request.headers.get("sec-fetch-site") == "same-origin"
    if origin is None:
        return request.headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")
    host = request.headers.get("host", "")
    return origin.split("://", 1)[-1].rstrip("/") == host


def static_file(name: str) -> Path | None:
    """The package's static file ``name``, or None for anything else (no traversal).

    Only a plain file name directly in ``static/`` is served: no separators,
    no dot-names, and the resolved path must still be inside the folder.
    """
    if not name or "/" in name or "\\" in name or name.startswith(".") or "\x00" in name:
        return None
    path = (STATIC_DIR / name).resolve()
    if path.parent != STATIC_DIR.resolve() or not path.is_file():
        return None
    return path
