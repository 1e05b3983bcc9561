"""``storyline serve --paged``: the web app over a paged dossier (``storyline.web.paged``).

The paged output is written by the test from the three short reports of
``tests/web/conftest.py`` (one of them hostile) with two documents per part,
so there are several parts; the app is then read through its pages and API.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from storyline.settings import Settings
from storyline.web.paged import CACHE_NAME, create_paged_app
from storyline.web.paged.corpus import ENTITIES_MARK, PagedError, read_head
from storyline.web.paged.dispatch import part_links

MAX_DOCS = 2
#: Links of the single layout's pages that must carry a part prefix on a part page.
BARE = re.compile(r'(?:href|action)="/(documents|entities|stories|developing|search)\b')


@pytest.fixture(scope="module")
def paged_out(workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The paged dossier of the test workspace (copied: the planner stores digests)."""
    from storyline.report.paged import write_paged

    root = tmp_path_factory.mktemp("paged-web")
    shutil.copy(workspace, root / "ws.db")
    write_paged(Settings(workspace=root / "ws.db"), root / "out", max_docs=MAX_DOCS)
    return root / "out"


@pytest.fixture
def out(paged_out: Path, tmp_path: Path) -> Path:
    """A fresh copy of the paged output (no cache folder yet)."""
    copy = tmp_path / "out"
    shutil.copytree(paged_out, copy, symlinks=True)
    return copy


@pytest.fixture
def client(out: Path):
    with TestClient(create_paged_app(out, isolate=False)) as c:
        yield c


def _index(out: Path) -> dict:
    return json.loads((out / "index.json").read_text(encoding="utf-8"))


def _bare(html: str) -> re.Match[str] | None:
    """A link of the single layout left without the part prefix, outside the
    navigation bars (whose corpus links, ``/entities`` among them, are meant)."""
    return BARE.search(re.sub(r"<nav class=\"app[^>]*>.*?</nav>", "", html, flags=re.S))


def _hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def test_start_up_reads_no_part(out: Path) -> None:
    app = create_paged_app(out, lru_parts=2)
    assert app.state.parts.loaded() == [] and app.state.parts.converted == 0
    assert not list((out / CACHE_NAME).glob("part-*.db"))


def test_home_lists_every_part_and_the_entity_index(client, out: Path) -> None:
    index = _index(out)
    assert len(index["parts"]) >= 2
    html = client.get("/").text
    for p in index["parts"]:
        assert f'href="/parts/{p["id"]}/"' in html
        assert f"{p['documents']:,}" in html and p["status"] in html
    assert f"{index['documents']:,} documents in {len(index['parts'])} parts" in html
    top = index["entities"][0]
    assert top["name"] in html
    assert any(h.startswith("/entities/x") for h in _hrefs(html))


def test_part_pages_keep_their_links_inside_the_part(client, out: Path) -> None:
    pid = _index(out)["parts"][0]["id"]
    home = client.get(f"/parts/{pid}/")
    assert home.status_code == 200
    assert not _bare(home.text)
    assert 'href="/">All parts' in home.text
    docs = client.get(f"/parts/{pid}/documents")
    assert docs.status_code == 200 and not _bare(docs.text)
    doc_links = [h for h in _hrefs(docs.text) if h.startswith(f"/parts/{pid}/documents/")]
    assert doc_links
    page = client.get(doc_links[0])
    assert page.status_code == 200 and not _bare(page.text)
    assert 'class="m ' in page.text or "class='m " in page.text or "<mark" in page.text


def test_an_entity_across_parts_links_to_each_part(client, out: Path) -> None:
    index = _index(out)
    shared = next(e for e in index["entities"] if e["n_parts"] >= 2)
    found = client.get("/api/entities", params={"q": shared["name"]}).json()
    merged = next(e for e in found["items"] if e["key"] == shared["key"])
    html = client.get(f"/entities/{merged['id']}").text
    for p in shared["parts"]:
        link = f"/parts/{p['part']}/entities/{p['id']}"
        assert link in html
        page = client.get(link)
        assert page.status_code == 200 and shared["name"] in page.text
        assert f'href="/entities/{merged["id"]}"' in page.text  # back to the index entry


def test_entity_index_is_searchable_typed_and_paged(client, out: Path) -> None:
    every = client.get("/api/entities", params={"limit": 500}).json()
    assert every["total"] == _index(out)["n_entities"] == len(every["items"])
    first = client.get("/api/entities", params={"limit": 2}).json()
    second = client.get("/api/entities", params={"limit": 2, "offset": 2}).json()
    assert [e["id"] for e in first["items"] + second["items"]] == [
        e["id"] for e in every["items"][:4]
    ]
    hits = client.get("/api/entities", params={"q": "kova"}).json()["items"]
    assert hits and all("kova" in (e["name"] + e["key"]).casefold() for e in hits)
    people = client.get("/api/entities", params={"type": "PERSON"}).json()["items"]
    assert people and {e["type"] for e in people} == {"PERSON"}
    page = client.get("/entities", params={"q": "kova"})
    assert page.status_code == 200 and hits[0]["name"] in page.text
    assert client.get("/api/entities", params={"limit": 0}).status_code == 422


def test_api_lists_parts_and_scopes_the_single_layout_api_to_a_part(client, out: Path) -> None:
    index = _index(out)
    parts = client.get("/api/parts", params={"limit": 1, "offset": 1}).json()
    assert parts["total"] == len(index["parts"]) and len(parts["items"]) == 1
    assert parts["items"][0]["id"] == index["parts"][1]["id"]
    assert "doc_ids" not in parts["items"][0]
    row = index["parts"][0]
    assert client.get(f"/api/parts/{row['id']}").json()["doc_ids"] == row["doc_ids"]
    docs = client.get(f"/api/parts/{row['id']}/documents").json()
    assert docs["total"] == row["documents"]
    assert {d["id"] for d in docs["items"]} == set(row["doc_ids"])
    ents = client.get(f"/api/parts/{row['id']}/entities", params={"limit": 1}).json()["items"]
    mention = client.get(f"/api/parts/{row['id']}/entities/{ents[0]['id']}").json()["mentions"][0]
    doc = client.get(f"/api/parts/{row['id']}/documents/{mention['doc']}").json()
    assert doc["text"][mention["start"] : mention["end"]] == mention["text"]  # offsets hold
    moved = client.get(f"/api/documents/{row['doc_ids'][0]}", follow_redirects=False)
    assert moved.status_code == 307
    assert moved.headers["location"] == f"/api/parts/{row['id']}/documents/{row['doc_ids'][0]}"
    head = client.get("/api/paged").json()
    assert head["documents"] == index["documents"] and "parts" not in head
    assert client.get("/api/parts/pnone/documents").status_code == 404
    assert client.get(f"/api/parts/{row['id']}/uploads/x").status_code == 404
    assert client.get(f"/parts/{row['id']}/upload").status_code == 404
    assert client.get(f"/parts/{row['id']}/api").status_code == 404  # the API page is /api
    for slash in (f"/parts/{row['id']}/documents/", f"/api/parts/{row['id']}/documents/"):
        moved = client.get(slash, follow_redirects=False)  # Starlette drops the slash
        assert moved.status_code == 307 and moved.headers["location"] == slash.rstrip("/")


def test_hostile_text_is_escaped_on_part_pages(client, out: Path) -> None:
    index = _index(out)
    hostile = None
    for p in index["parts"]:
        for d in client.get(f"/api/parts/{p['id']}/documents").json()["items"]:
            if "hostile" in (d.get("source") or ""):
                hostile = (p["id"], d["id"])
    assert hostile is not None
    pages = [f"/parts/{hostile[0]}/documents/{hostile[1]}", f"/parts/{hostile[0]}/", "/"]
    for url in pages:
        html = client.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "<svg onload" not in html
    assert "&lt;script&gt;" in client.get(pages[0]).text


def test_parts_are_kept_in_a_small_lru_and_cached_on_disk(out: Path) -> None:
    ids = [p["id"] for p in _index(out)["parts"]]
    app = create_paged_app(out, lru_parts=1, isolate=False)
    with TestClient(app) as c:
        assert c.get(f"/parts/{ids[0]}/").status_code == 200
        assert c.get(f"/parts/{ids[1]}/").status_code == 200
        assert app.state.parts.loaded() == [ids[1]]
        assert c.get(f"/parts/{ids[0]}/documents").status_code == 200
        assert app.state.parts.loaded() == [ids[0]]
        assert app.state.parts.converted == 2  # the first part reopened from its file
        assert c.get("/").text.count(", ready") == 2  # the two parts opened
    again = create_paged_app(out, isolate=False)
    with TestClient(again) as c:
        assert c.get(f"/parts/{ids[0]}/").status_code == 200
    assert again.state.parts.converted == 0


def test_a_rebuilt_part_is_stored_again(out: Path) -> None:
    pid = _index(out)["parts"][0]["id"]
    app = create_paged_app(out, isolate=False)
    with TestClient(app) as c:
        c.get(f"/parts/{pid}/")
    manifest_path = Path(out / "parts" / pid / "part.json")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["key"] = "0" * 24
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    app2 = create_paged_app(out)  # stored again in a child process
    with TestClient(app2) as c:
        assert c.get(f"/parts/{pid}/").status_code == 200
    assert app2.state.parts.converted == 1
    assert len(list((out / CACHE_NAME).glob(f"part-{pid}.*.db"))) == 1  # the old file removed


def test_a_failed_part_says_so(out: Path) -> None:
    index = _index(out)
    index["parts"][0].update(status="failed", paths={})
    text = json.dumps({k: v for k, v in index.items() if k != "entities"}, indent=1)
    (out / "index.json").write_text(text, encoding="utf-8")
    with TestClient(create_paged_app(out, isolate=False)) as c:
        page = c.get(f"/parts/{index['parts'][0]['id']}/")
        assert page.status_code == 503 and "failed" in page.text
        assert c.get(f"/parts/{index['parts'][1]['id']}/").status_code == 200


def test_the_head_is_read_without_the_entity_list(tmp_path: Path) -> None:
    head = {"schema": "storyline-paged/1", "parts": [], "documents": 0}
    text = json.dumps(head, indent=1)
    broken = text[:-2] + ENTITIES_MARK + "\n  {not json at all"
    (tmp_path / "index.json").write_text(broken, encoding="utf-8")
    assert read_head(tmp_path / "index.json") == head
    (tmp_path / "index.json").write_text('{"schema": "other"}', encoding="utf-8")
    with pytest.raises(PagedError):
        read_head(tmp_path / "index.json")
    with pytest.raises(PagedError):
        create_paged_app(tmp_path / "missing")
    # ... and leaves no cache folder behind (it used to make one in the
    # system's temporary directory before finding nothing to serve).
    tag = hashlib.sha1(str((tmp_path / "missing").resolve()).encode()).hexdigest()[:12]
    assert not (Path(tempfile.gettempdir()) / f"storyline-serve-{tag}").exists()


def test_part_links_rewrite_only_the_apps_own_links() -> None:
    html = (
        '<nav class="app"><a href="/">Stories</a></nav>'
        '<a href="/documents/d1#q-d1-q2">a</a><a href="/api/entities/e1">j</a>'
        '<a href="/api">API</a><a href="/parts">all</a><form action="/search"></form>'
        "<p>href=&#34;/documents/x&#34;</p>"
    )
    out = part_links(html, "p1", "<b>label</b>")
    assert 'href="/parts/p1/documents/d1#q-d1-q2"' in out
    assert 'href="/api/parts/p1/entities/e1"' in out
    assert 'href="/api"' in out and 'href="/parts"' in out
    assert 'action="/parts/p1/search"' in out
    assert "&lt;b&gt;label&lt;/b&gt;" in out and "<b>label" not in out
    assert "href=&#34;/documents/x&#34;" in out  # escaped text is left alone


def test_token_guards_the_parts_too(out: Path) -> None:
    pid = _index(out)["parts"][0]["id"]
    with TestClient(create_paged_app(out, token="s3cret", isolate=False)) as c:
        assert c.get(f"/parts/{pid}/").status_code == 401
        assert c.get(f"/api/parts/{pid}/documents").status_code == 401
        ok = c.get(f"/parts/{pid}/", headers={"X-Storyline-Token": "s3cret"})
        assert ok.status_code == 200


def test_cli_serve_paged_refuses_a_folder_without_an_index(tmp_path: Path) -> None:
    from storyline.cli import app

    res = CliRunner().invoke(app, ["serve", "--paged", str(tmp_path)])
    assert res.exit_code == 2
    assert "no index.json" in res.output


def test_cli_serve_paged_serves_the_index(out: Path, monkeypatch, capsys) -> None:
    import uvicorn

    from storyline import web

    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: seen.update(app=application))
    web.serve_paged(out, host="127.0.0.1", port=8125)
    assert "http://127.0.0.1:8125/" in capsys.readouterr().err
    assert TestClient(seen["app"]).get("/api/parts").json()["total"] >= 2


def test_an_unreadable_part_costs_that_part_only(out: Path) -> None:
    index = _index(out)
    bad, good = index["parts"][0], index["parts"][1]
    (out / bad["paths"]["json"]).write_text("{not json", encoding="utf-8")
    app = create_paged_app(out)  # stored in a child process, whose error is reported
    with TestClient(app) as c:
        page = c.get(f"/parts/{bad['id']}/")
        assert page.status_code == 503 and "cannot be read" in page.text
        assert c.get(f"/api/parts/{bad['id']}/documents").status_code == 503
        assert c.get(f"/parts/{good['id']}/").status_code == 200
        assert c.get("/").status_code == 200


def test_search_every_part_through_the_workspace(paged_out: Path, out: Path) -> None:
    ws = paged_out.parent / "ws.db"
    index = _index(out)
    with TestClient(create_paged_app(out, isolate=False, workspace=ws)) as c:
        found = c.get("/api/search", params={"q": "Kovar"}).json()
        assert found["n_hits"] >= 2 and found["outside"] == 0
        parts_of = {d: p["id"] for p in index["parts"] for d in p["doc_ids"]}
        for h in found["hits"]:
            assert h["part"] == parts_of[h["id"]]
            assert h["href"] == f"/parts/{h['part']}/documents/{h['id']}"
            assert c.get(h["href"]).status_code == 200
        page = c.get("/search", params={"q": "Kovar"})
        assert page.status_code == 200 and "<mark>Kovar</mark>" in page.text
        assert found["hits"][0]["href"] in page.text
        bad = c.get("/search", params={"q": "fts: NEAR("})
        assert bad.status_code == 400 and "Cannot search" in bad.text
        assert c.get("/api/search", params={"q": "fts: NEAR("}).status_code == 400
    with TestClient(create_paged_app(out, isolate=False)) as c:
        assert "needs the workspace" in c.get("/search", params={"q": "Kovar"}).text
        assert c.get("/api/search", params={"q": "Kovar"}).status_code == 404


def test_cli_serve_paged_refuses_a_missing_workspace(out: Path, tmp_path: Path) -> None:
    from storyline.cli import app

    res = CliRunner().invoke(app, ["serve", "--paged", str(out), "-w", str(tmp_path / "no.db")])
    assert res.exit_code == 2 and "no workspace at" in res.output


def test_cache_files_of_parts_no_longer_planned_are_removed(out: Path) -> None:
    pid = _index(out)["parts"][0]["id"]
    with TestClient(create_paged_app(out, isolate=False)) as c:
        assert c.get(f"/parts/{pid}/").status_code == 200
    cache = out / CACHE_NAME
    gone = cache / "part-pold0000000000000.abc.db"
    for f in (gone, Path(f"{gone}-wal")):
        f.write_bytes(b"")
    create_paged_app(out, isolate=False)
    assert not gone.exists() and not Path(f"{gone}-wal").exists()
    assert len(list(cache.glob(f"part-{pid}.*.db"))) == 1  # a part still planned is kept


def test_a_failed_store_leaves_no_file(tmp_path: Path, monkeypatch) -> None:
    import storyline.store.dossier as stored
    from storyline.web.paged.parts import store_part

    (tmp_path / "cache").mkdir()
    bad = tmp_path / "dossier.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ValueError):
        store_part(bad, tmp_path / "cache" / "part.db")

    def broken(ws, dossier) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(stored, "put_dossier", broken)
    bad.write_text('{"documents": []}', encoding="utf-8")
    with pytest.raises(RuntimeError):
        store_part(bad, tmp_path / "cache" / "part.db")  # fails with its file half made
    assert list((tmp_path / "cache").iterdir()) == []


def test_the_cached_index_follows_a_new_index_json(out: Path) -> None:
    with TestClient(create_paged_app(out, isolate=False)) as c:
        assert "Relabelled part" not in c.get("/").text
        assert c.get("/api/entities", params={"q": "%"}).json()["total"] == 0  # LIKE escaped
    index = _index(out)
    index["parts"][0]["label"] = "Relabelled part"
    (out / "index.json").write_text(json.dumps(index, indent=1), encoding="utf-8")
    with TestClient(create_paged_app(out, isolate=False)) as c:
        assert "Relabelled part" in c.get("/").text
        assert c.get("/api/entities").json()["total"] == index["n_entities"]
