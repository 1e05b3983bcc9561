"""Fetching named URLs: a mock transport, or a server on 127.0.0.1 run by the test.

These tests never touch the network beyond loopback.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

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
    if request.url.path in TYPED:
        kind = TYPED[request.url.path]
        return httpx.Response(200, content=b"%PDF-1.4 1 0 obj", headers=kind, request=request)
    if request.url.path.startswith("/to/"):  # /to/<address>: a redirect there
        target = request.url.path.removeprefix("/to/")
        return httpx.Response(302, headers={"Location": f"http://{target}/a"}, request=request)
    if request.url.path == "/loop":
        return httpx.Response(302, headers={"Location": "/loop"}, request=request)
    return httpx.Response(
        200, content=PAGE, headers={"Content-Type": "text/html; charset=utf-8"}, request=request
    )


TYPED = {
    "/report.pdf": {"Content-Type": "application/pdf"},
    "/blob": {"Content-Type": "application/octet-stream"},
    "/photo": {"Content-Type": "image/jpeg"},
}


@pytest.fixture(autouse=True)
def mock_network(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets the mock transport, except those that run a loopback server."""
    if "server" in request.fixturenames:
        return

    def client() -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=False)

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


def test_real_client_is_bounded_and_leaves_redirects_to_fetch_url() -> None:
    with REAL_MAKE_CLIENT() as client:  # built, never used: no request is made
        assert client.follow_redirects is False  # fetch_url follows them, checking each hop
        assert client.timeout.read == fetch.TIMEOUT == 20.0


@pytest.mark.parametrize(
    ("path", "media"),
    [
        ("/report.pdf", "application/pdf"),
        ("/blob", "application/octet-stream"),
        ("/photo", "image/jpeg"),
    ],
)
def test_fetch_refuses_non_text_types(read, path: str, media: str) -> None:
    (err,) = read(fetch=[f"https://news.example.org{path}"])
    assert err.reason.startswith(f"content type '{media}' is not text: refused")


@pytest.mark.parametrize("url", ["http://[::1", "http://[::1]:99999/", "https://[not-ip]/"])
def test_fetch_malformed_url_is_one_line(read, url: str) -> None:
    (err,) = read(fetch=[url, "https://news.example.org/a"])[:1]
    assert err.source == url and err.reason.startswith("malformed URL: ")


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("169.254.169.254", "link-local"),
        ("[::1]", "loopback"),
        ("[::ffff:192.168.0.1]", "private"),
        ("240.0.0.1", "reserved"),
    ],
)
def test_fetch_refuses_redirect_to_non_public_address(read, address: str, kind: str) -> None:
    (err,) = read(fetch=[f"https://news.example.org/to/{address}"])
    assert err.reason.startswith(f"redirected to http://{address}/a, a {kind} address (")
    assert "fetch_private_redirects" in err.reason


def test_fetch_private_redirect_allowed_by_setting(read) -> None:
    allow = Settings(fetch_private_redirects=True)
    (doc,) = read(fetch=["https://news.example.org/to/10.1.2.3"], settings=allow)
    assert doc.url == "http://10.1.2.3/a" and "bridge would reopen" in doc.text


def test_fetch_redirect_loop_ends(read) -> None:
    (err,) = read(fetch=["https://news.example.org/loop"])
    assert err.reason == "more than 20 redirects: gave up"


# --- a real server on 127.0.0.1 ---------------------------------------------------------


class Handler(BaseHTTPRequestHandler):
    """Routes of the loopback server; ``server.stop`` ends any slow response early."""

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:  # noqa: N802 -- http.server's naming
        port = self.server.server_address[1]
        if self.path == "/page":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif self.path == "/hop":
            self._redirect("/page")
        elif self.path == "/to-localhost":
            self._redirect(f"http://localhost:{port}/page")
        elif self.path == "/drip-body":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "10000")
            self.end_headers()
            self._drip(b"<p>" + b"x" * 9997)
        elif self.path == "/drip-headers":
            self.wfile.write(b"HTTP/1.0 200 OK\r\n")
            self._drip(b"X-Slow: " + b"y" * 5000)
        elif self.path == "/stream":  # no Content-Length: only streaming can bound it
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(64):
                self.wfile.write(b"z" * 1024)
        elif self.path == "/pdf":
            self._send(200, b"%PDF-1.4 1 0 obj", "application/pdf")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _drip(self, data: bytes) -> None:
        """One byte every 0.2 s until the client gives up or the test ends."""
        stop: threading.Event = self.server.stop  # type: ignore[attr-defined]
        for i in range(len(data)):
            if stop.wait(0.2):
                return
            try:
                self.wfile.write(data[i : i + 1])
                self.wfile.flush()
            except OSError:  # the client hung up: what the deadline is for
                return


@pytest.fixture
def server() -> Iterator[str]:
    """Base URL of a server on 127.0.0.1, shut down (with every slow response) after the test."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.stop = threading.Event()  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.stop.set()  # type: ignore[attr-defined]
        httpd.shutdown()
        httpd.server_close()
        thread.join(10)


def test_loopback_url_typed_by_the_user_is_read(read, server: str) -> None:
    (doc,) = read(fetch=[f"{server}/hop"])  # same-origin redirect: followed
    assert doc.url == f"{server}/page" and "bridge would reopen" in doc.text


def test_redirect_to_another_loopback_origin_is_refused(read, server: str) -> None:
    (err,) = read(fetch=[f"{server}/to-localhost"])
    assert err.reason.startswith("redirected to http://localhost:")
    assert "a loopback address" in err.reason
    allow = Settings(fetch_private_redirects=True)
    (doc,) = read(fetch=[f"{server}/to-localhost"], settings=allow)
    assert "bridge would reopen" in doc.text


@pytest.mark.parametrize("path", ["/drip-body", "/drip-headers"])
def test_dripping_server_hits_the_deadline(read, server: str, path: str) -> None:
    started = time.monotonic()
    (err,) = read(fetch=[f"{server}{path}"], settings=Settings(fetch_deadline=1.0))
    assert err.reason.startswith("no complete response within 1 s: gave up")
    assert time.monotonic() - started < 30  # safety net only: without the deadline, ~1000 s


def test_streamed_body_is_capped_without_content_length(read, server: str) -> None:
    (err,) = read(fetch=[f"{server}/stream"], settings=Settings(max_bytes=8 * 1024))
    assert err.reason.startswith("file is over ")  # counted while streaming: no size declared
    assert err.reason.endswith("over the 0.0 MB limit (raise --max-bytes)")


def test_loopback_pdf_is_refused_before_reading(read, server: str) -> None:
    (err,) = read(fetch=[f"{server}/pdf"])
    assert err.reason.startswith("content type 'application/pdf' is not text")
