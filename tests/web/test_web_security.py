"""Safety: hostile article text is escaped, nothing external loads, the token is
required when set, static files cannot be escaped from, uploads are limited."""

from __future__ import annotations

import io
import re

import pytest
from fastapi.testclient import TestClient

from storyline.web import create_app
from storyline.web.security import exposure_warning, is_loopback, static_file
from storyline.web.upload import MAX_UPLOAD_BYTES, refusal, safe_name

HOSTILE = ("<script>alert", "<img src=x onerror", "<svg onload", 'href="javascript:')


def _hostile_doc(client) -> str:
    docs = client.get("/api/documents", params={"limit": 10}).json()["items"]
    return next(d["id"] for d in docs if "hostile" in d["source"])


@pytest.mark.parametrize("page", ["document", "search", "story", "documents"])
def test_hostile_text_is_shown_escaped(client, page: str) -> None:
    doc_id = _hostile_doc(client)
    story = client.get("/api/stories", params={"doc": doc_id}).json()["items"]
    url = {
        "document": f"/documents/{doc_id}",
        "search": "/search?q=reader+wrote",
        "story": f"/stories/{story[0]['id']}" if story else "/",
        "documents": "/documents",
    }[page]
    r = client.get(url)
    assert r.status_code == 200
    for payload in HOSTILE:
        assert payload not in r.text, payload
    if page in ("document", "search"):
        assert "&lt;script&gt;" in r.text or "&lt;" in r.text
    assert "<script" not in r.text.lower()


def test_pages_load_nothing_from_outside(client) -> None:
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert not re.search(r'(src|href)="(https?:)?//', r.text)


def test_token_is_required_when_configured(workspace) -> None:
    with TestClient(create_app(workspace, token="s3cret")) as c:
        assert c.get("/").status_code == 401
        assert c.get("/api/documents").status_code == 401
        assert c.get("/", headers={"X-Storyline-Token": "wrong"}).status_code == 401
        assert c.get("/", headers={"X-Storyline-Token": "s3cret"}).status_code == 200
        assert c.get("/api/documents", headers={"Authorization": "Bearer s3cret"}).json()["total"]
        r = c.get("/search?q=harbor&token=s3cret", follow_redirects=False)
        assert r.status_code == 303 and "token" not in r.headers["location"]
        assert r.headers["location"] == "/search?q=harbor"
        assert c.get("/").status_code == 200  # the link set a cookie


def test_non_loopback_needs_a_token_and_says_so() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and not is_loopback("0.0.0.0")
    warning = exposure_warning("0.0.0.0", 8000, "abc")
    assert "warning" in warning and "token=abc" in warning


@pytest.mark.parametrize(
    "url", ["/static/..%2F__init__.py", "/static/../app.py", "/static/.hidden", "/static/%2e%2e"]
)
def test_path_traversal_is_refused(client, url: str) -> None:
    assert client.get(url).status_code == 404


def test_static_files_only_from_the_package() -> None:
    assert static_file("robots.txt") is not None
    for name in ("../app.py", "..", "/etc/passwd", "a\\..\\b", ".", ""):
        assert static_file(name) is None, name


def test_upload_refuses_wrong_type_and_too_big(client) -> None:
    r = client.post("/api/uploads", files=[("files", ("tool.exe", b"MZ", "application/x"))])
    assert r.status_code == 400 and "tool.exe: file type not accepted" in r.json()["detail"]
    big = io.BytesIO(b"a" * (MAX_UPLOAD_BYTES + 1))
    r = client.post("/api/uploads", files=[("files", ("big.txt", big, "text/plain"))])
    assert r.status_code == 400 and "big.txt: too large" in r.json()["detail"]
    r = client.post("/upload", files=[("files", ("x.pdf", b"%PDF", "application/pdf"))])
    assert r.status_code == 400 and "x.pdf: file type not accepted" in r.text


def test_upload_names_are_made_safe() -> None:
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("..\\x\\evil.txt") == "evil.txt"
    assert safe_name(".bashrc") == "bashrc"
    assert refusal("notes.TXT") is None and refusal("a.warc.gz") is None
    assert refusal("a.txt", MAX_UPLOAD_BYTES + 1) is not None


def test_tokenless_app_answers_only_to_loopback_names(client) -> None:
    assert client.get("/", headers={"Host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/", headers={"Host": "localhost"}).status_code == 200
    assert client.get("/", headers={"Host": "evil.example:8000"}).status_code == 421


def test_uploads_from_another_site_are_refused(client) -> None:
    files = [("files", ("a.txt", b"text", "text/plain"))]
    r = client.post("/upload", files=files, headers={"Origin": "https://evil.example"})
    assert r.status_code == 403
    r = client.post("/api/uploads", files=files, headers={"Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403


def test_null_origin_posts_pass_only_when_the_browser_says_same_origin(client) -> None:
    # under Referrer-Policy: no-referrer a browser's own form post says "Origin: null"
    files = [("files", ("a.docx", b"PK", "application/octet-stream"))]
    null = {"Origin": "null"}
    r = client.post("/upload", files=files, headers={**null, "Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403
    assert client.post("/upload", files=files, headers=null).status_code == 403
    r = client.post("/upload", files=files, headers={**null, "Sec-Fetch-Site": "same-origin"})
    assert r.status_code == 400 and "file type not accepted" in r.text
