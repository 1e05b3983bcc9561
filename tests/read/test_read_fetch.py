"""Fetching named URLs, with a mock transport: these tests never touch the network."""

from __future__ import annotations

import httpx
import pytest

from storyline.read import fetch
from storyline.settings import Settings

REAL_MAKE_CLIENT = fetch.make_client

PAGE = b"""<html><head><title>Bridge reopens</title>
<meta property="og:site_name" content="Example News"></head><body><article>
<p>Officials said on Friday that the bridge would reopen next week after long repairs.</p>
<p>Traffic will resume on both lanes, the ministry said in a statement on its website.</p>
</article></body></html>"""


def handler(request: httpx.Request) -> httpx.Response:
    if request.url.host == "unroutable.invalid":
        raise httpx.ConnectError("Name or service not known", request=request)
    if request.url.path == "/missing":
        return httpx.Response(404, request=request)
    if request.url.path == "/old":
        return httpx.Response(301, headers={"Location": "/article"}, request=request)
    if request.url.path == "/huge":
        return httpx.Response(200, content=b"x" * 4096, request=request)
    return httpx.Response(
        200, content=PAGE, headers={"Content-Type": "text/html; charset=utf-8"}, request=request
    )


@pytest.fixture(autouse=True)
def mock_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def client() -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=True)

    monkeypatch.setattr(fetch, "make_client", client)


def test_fetch_network_error(read) -> None:
    url = "https://unroutable.invalid/story"
    (err,) = read(fetch=[url])
    assert err.source == url
    assert err.reason.startswith("network error:") and "Name or service not known" in err.reason


def test_fetch_http_status(read) -> None:
    (err,) = read(fetch=["https://news.example.org/missing"])
    assert err.reason == "HTTP status 404 Not Found"


def test_fetch_not_http(read) -> None:
    results = read(fetch=["ftp://news.example.org/x", "not a url"])
    assert [(e.source, e.reason) for e in results] == [
        ("ftp://news.example.org/x", "not an http(s) URL"),
        ("not a url", "not an http(s) URL"),
    ]


def test_fetch_follows_redirect_and_reads_html(read) -> None:
    (doc,) = read(fetch=["https://news.example.org/old"])
    assert doc.source == "https://news.example.org/old"
    assert doc.url == "https://news.example.org/article"
    assert doc.title == "Bridge reopens" and doc.outlet == "Example News"
    assert "bridge would reopen" in doc.text


def test_fetch_size_limit(read) -> None:
    (err,) = read(fetch=["https://news.example.org/huge"], settings=Settings(max_bytes=1024))
    assert "over the 0.0 MB limit (raise --max-bytes)" in err.reason


def test_fetch_comes_after_files_and_bad_url_does_not_stop_others(read, tmp_path) -> None:
    (tmp_path / "a.txt").write_text("Local text.", encoding="utf-8")
    results = read(
        tmp_path / "a.txt", fetch=["https://unroutable.invalid/", "https://news.example.org/a"]
    )
    assert [type(r).__name__ for r in results] == ["RawDocument", "ReadError", "RawDocument"]


def test_real_client_is_bounded_and_follows_redirects() -> None:
    with REAL_MAKE_CLIENT() as client:  # built, never used: no request is made
        assert client.follow_redirects is True
        assert client.timeout.read == fetch.TIMEOUT == 20.0
