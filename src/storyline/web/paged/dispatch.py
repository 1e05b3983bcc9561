"""Route ``/parts/<part>/...`` and ``/api/parts/<part>/...`` to that part's app.

Each part is served by the single layout's own pages and API
(``parts.PartApps``), unchanged: the request's path loses its
``/parts/<part>`` prefix on the way in, and on the way out the links of an
HTML page that point at the app's own pages get it back (``part_links``), and
the page's navigation bar becomes the paged one (all parts, this part). Links
are rewritten only in attributes the templates wrote: article text is
escaped before it reaches the page, so it holds no ``href="/`` of its own.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from markupsafe import escape

from storyline.web.paged.corpus import CorpusIndex
from storyline.web.paged.parts import PartApps, PartUnavailable

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: ``/parts/<id>/rest`` or ``/api/parts/<id>/rest`` (a part id is a hash: letters, digits, -_).
_PART_PATH = re.compile(r"^(/api)?/parts/([A-Za-z0-9_-]{1,80})(/.*)$")
#: Links and form targets of the single layout's pages that stay inside one part.
_OWN_LINK = re.compile(
    r'((?:href|action)=")/((?:documents|entities|stories|developing|search)\b[^"]*|)(?=")'
)
#: Links to the single layout's API records (``/api`` alone is the API's index page).
_OWN_API = re.compile(r'((?:href|action)=")/api/(?!parts/)([^"]*)(?=")')
_ENTITY_PAGE = re.compile(r"^/entities/([A-Za-z0-9_-]{1,100})$")
_NAV = re.compile(r'<nav class="app">.*?</nav>', re.S)
#: Paths of a part app that a paged dossier does not offer (it is rebuilt by ``report``).
_REFUSED = ("/upload", "/api/uploads", "/openapi.json", "/static/", "/robots.txt")


def part_nav(part_id: str, label: str) -> str:
    """The navigation of a part's pages: the corpus's bar, then this part's (its
    label wraps anywhere, so a long title never makes a phone scroll sideways)."""
    base = f"/parts/{part_id}"
    return (
        '<nav class="app"><strong><a href="/">Storyline</a></strong>'
        '<a href="/">All parts</a><a href="/entities">Entity index</a><a href="/search">Search</a>'
        '<a href="/api">API</a></nav>'
        '<nav class="app part-nav" style="border-bottom:0;margin-bottom:0">'
        '<span style="overflow-wrap:anywhere;min-width:0">Part: '
        f'<a href="{base}/" title="{escape(part_id)}" style="white-space:normal;display:inline">'
        f"<strong>{escape(label)}</strong></a></span>"
        f'<a href="{base}/">Stories</a><a href="{base}/documents">Documents</a>'
        f'<a href="{base}/search">Search this part</a></nav>'
    )


def part_links(html: str, part_id: str, label: str, note: str = "") -> str:
    """A part app's page with its own links under ``/parts/<part>`` and the paged nav
    (``note``: markup shown under the nav, made here, never from the request)."""
    base = f"/parts/{part_id}"
    html = _OWN_LINK.sub(lambda m: f"{m.group(1)}{base}/{m.group(2)}", html)
    html = _OWN_API.sub(lambda m: f"{m.group(1)}/api/parts/{part_id}/{m.group(2)}", html)
    return _NAV.sub(lambda _m: part_nav(part_id, label) + note, html, count=1)


class PartDispatch:
    """ASGI middleware: part paths go to the part's app, the rest to the paged app."""

    def __init__(self, app: ASGIApp, corpus: CorpusIndex, parts: PartApps) -> None:
        self.app = app
        self.corpus = corpus
        self.parts = parts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        m = _PART_PATH.match(scope.get("path", "")) if scope["type"] == "http" else None
        if m is None:
            await self.app(scope, receive, send)
            return
        api, pid, rest = m.group(1) or "", m.group(2), m.group(3)
        path = api + rest
        row = self.corpus.part(pid)
        if row is None or path == "/api" or any(path.startswith(r) for r in _REFUSED):
            await self._refuse(
                scope, receive, send, api, 404, f"There is no {path!r} in part {pid!r}."
            )
            return
        from anyio import to_thread

        try:  # the first request for a part converts it: off the event loop
            target = await to_thread.run_sync(self.parts.get, row)
        except PartUnavailable as exc:
            await self._refuse(scope, receive, send, api, 503, str(exc))
            return
        inner = dict(scope)
        inner["path"] = path
        inner["raw_path"] = path.encode()
        label = str(row.get("label") or pid)
        note = "" if api else self._entity_note(pid, rest)
        host = dict(scope.get("headers") or []).get(b"host", b"")
        await target(inner, receive, _rewriting(send, pid, label, note, api, host))

    def _entity_note(self, pid: str, rest: str) -> str:
        """On a part's entity page: the link to that entity in the corpus-wide index."""
        m = _ENTITY_PAGE.match(rest)
        xid = self.corpus.entity_in_part(pid, m.group(1)) if m else None
        if xid is None:
            return ""
        ent = self.corpus.entity(xid) or {}
        n = int(ent.get("n_parts") or 1)
        where = "this part only" if n == 1 else f"{n} parts"
        return (
            f'<p class="note part-of">Across the corpus: <a href="/entities/{xid}">'
            f"{escape(ent.get('name') or '')} in the entity index</a> ({where}).</p>"
        )

    async def _refuse(
        self, scope: Scope, receive: Receive, send: Send, api: str, status: int, why: str
    ) -> None:
        from starlette.responses import JSONResponse

        from storyline.web.paged.routes import render

        response = (
            JSONResponse({"detail": why}, status_code=status)
            if api
            else render("message.html.j2", status, heading="Not available", message=why)
        )
        await response(scope, receive, send)


def _rewriting(
    send: Send, part_id: str, label: str, note: str = "", api: str = "", host: bytes = b""
) -> Send:
    """A ``send`` that rewrites an HTML response's body with ``part_links``
    (buffered: the app's pages are single bodies), puts a redirect's target
    back under the part, and passes anything else on."""
    state: dict[str, Any] = {"start": None, "body": []}
    prefix = f"{api}/parts/{part_id}".encode()

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = [
                (k, _relocated(v, api, prefix, host) if k.lower() == b"location" else v)
                for k, v in message.get("headers") or []
            ]
            headers = dict(message["headers"])
            if not headers.get(b"content-type", b"").startswith(b"text/html"):
                await send(message)
                return
            state["start"] = message
            return
        if message["type"] != "http.response.body" or state["start"] is None:
            await send(message)
            return
        state["body"].append(message.get("body", b""))
        if message.get("more_body"):
            return
        body = part_links(b"".join(state["body"]).decode("utf-8"), part_id, label, note).encode()
        start = state["start"]
        start["headers"] = [
            (k, v) for k, v in start.get("headers") or [] if k.lower() != b"content-length"
        ] + [(b"content-length", str(len(body)).encode())]
        await send(start)
        await send({"type": "http.response.body", "body": body})

    return wrapped


def _relocated(location: bytes, api: str, prefix: bytes, host: bytes) -> bytes:
    """A part app's redirect target put back under the part when it is one of the
    part app's own paths (``/documents``, or ``http://<this host>/documents``
    as Starlette's trailing-slash redirect writes it); any other target as is."""
    path = location
    for scheme in (b"http://", b"https://"):
        if location.startswith(scheme):
            netloc, _, rest = location[len(scheme) :].partition(b"/")
            if not host or netloc != host:
                return location
            path = b"/" + rest
    if not path.startswith(api.encode() + b"/") or path.startswith(b"//"):
        return location
    return prefix + path[len(api) :]
