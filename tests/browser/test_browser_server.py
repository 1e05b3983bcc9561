"""The served-app fixture: an ASGI app under uvicorn on a loopback port, opened in Chromium."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

HOSTILE = "<script>alert(1)</script>"


async def tiny_app(scope, receive, send):
    """A bare ASGI app (no framework): one page that escapes its query string."""
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    query = unquote(scope["query_string"].decode())
    body = f"<!doctype html><title>tiny</title><h1>{scope['path']}</h1><p id=q></p>"
    body += "<p>" + query.replace("&", "&amp;").replace("<", "&lt;") + "</p>"
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"text/html; charset=utf-8")],
        }
    )
    await send({"type": "http.response.body", "body": body.encode()})


def test_serves_an_asgi_app_to_the_browser(asgi_server, open_page):
    url = asgi_server(tiny_app)
    assert url.startswith("http://127.0.0.1:")
    watched = open_page(f"{url}/stories?{HOSTILE}", allow=url + "/")
    assert watched.page.inner_text("h1") == "/stories"
    assert HOSTILE in watched.page.inner_text("body")
    assert watched.dialogs == [] and watched.requests == []


def test_serves_a_starlette_app(asgi_server, open_page):
    pytest.importorskip("starlette", reason="starlette is not installed")
    from starlette.applications import Starlette
    from starlette.responses import HTMLResponse
    from starlette.routing import Route

    async def home(request):
        return HTMLResponse("<h1>Storyline</h1><img src='http://127.0.0.2:9/x.png'>")

    url = asgi_server(Starlette(routes=[Route("/", home)]))
    watched = open_page(url + "/", allow=url + "/")
    assert watched.page.inner_text("h1") == "Storyline"
    # the page's own origin is allowed; anything else is still caught
    assert watched.requests == ["http://127.0.0.2:9/x.png"]
