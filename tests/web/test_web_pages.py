"""Every page renders over a small analysed workspace, with readable labels and
links between stories, entities, documents and search."""

from __future__ import annotations

import re

from storyline.store import Workspace
from storyline.store import queries as q


def _first(client, section: str) -> dict:
    page = client.get(f"/api/{section}", params={"limit": 1}).json()
    assert page["total"] >= 1, section
    return page["items"][0]


def test_home_lists_stories_with_readable_labels(client) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert "Floodwall holds in Port Veyra" in r.text
    story = _first(client, "stories")
    assert f'href="/stories/{story["id"]}"' in r.text
    # hash ids only in URLs and tooltips, never as a link's text
    for doc_id in story["documents"]:
        assert f">{doc_id}<" not in r.text


def test_story_page_shows_the_dossier_views_linked_to_document_pages(client) -> None:
    story = _first(client, "stories")
    r = client.get(f"/stories/{story['id']}")
    assert r.status_code == 200
    for heading in ("Sources", "Who said what", "Timeline", "Numbers", "Disagreements"):
        assert f">{heading}</h2>" in r.text, heading
    assert "Ilse Kovar" in r.text
    assert not re.search(r'href="#(doc|q|m|tl)-', r.text)  # in-page anchors became app links
    assert re.search(r'href="/documents/[A-Za-z0-9_]+', r.text)


def test_entity_page_has_spellings_roles_and_quotes(client, workspace) -> None:
    with Workspace(workspace) as ws:
        page = q.list_items(ws.db, "entities", q.Filters(), limit=100)
    kovar = next(e for e in page["items"] if "Kovar" in e["name"])
    r = client.get(f"/entities/{kovar['id']}")
    assert r.status_code == 200
    for heading in ("Every spelling", "Roles over time", "Quotes by"):
        assert heading in r.text
    assert "The wall did its job" in r.text


def test_document_page_shows_highlighted_text_and_the_app_navigation(client) -> None:
    doc = _first(client, "documents")
    r = client.get(f"/documents/{doc['id']}")
    assert r.status_code == 200
    assert '<nav class="app">' in r.text
    assert 'class="ent' in r.text  # entity mentions are highlighted


def test_document_page_says_analysed_sections_are_empty_not_unanalysed(client) -> None:
    # every section was analysed; a document no record of a section names
    # (no disagreement involves these reports) must not read "Not analysed"
    for doc in client.get("/api/documents").json()["items"]:
        r = client.get(f"/documents/{doc['id']}")
        assert r.status_code == 200
        assert "Not analysed in this run" not in r.text, doc["id"]


def test_documents_and_search_pages(client) -> None:
    assert client.get("/documents").status_code == 200
    r = client.get("/search", params={"q": "Kovar's floodwall"})
    assert r.status_code == 200
    assert "<mark>" in r.text
    assert "Outlet" in r.text and "Integrity" in r.text and "Story" in r.text


def test_search_facets_narrow_the_hits(client) -> None:
    story = _first(client, "stories")
    all_hits = client.get("/search", params={"q": "Port Veyra"}).text
    narrowed = client.get(
        "/search", params={"q": "Port Veyra", "date_from": "2023-03-05", "date_to": "2023-03-05"}
    ).text
    assert all_hits.count('<li><a href="/documents/') > narrowed.count('<li><a href="/documents/')
    assert client.get("/search", params={"q": "Port", "story": story["id"]}).status_code == 200


def test_search_syntax_error_is_one_line_not_sqlite(client) -> None:
    r = client.get("/search", params={"q": "fts:NEAR(a"})
    assert r.status_code == 400
    assert "brackets do not pair up" in r.text
    assert "syntax error" not in r.text and "fts5:" not in r.text


def test_unknown_records_are_404_pages(client) -> None:
    for url in ("/stories/nope", "/entities/nope", "/documents/nope", "/upload/nope"):
        r = client.get(url)
        assert r.status_code == 404, url
        assert "Not found" in r.text


def test_api_index_page_and_upload_form(client) -> None:
    r = client.get("/api")
    assert r.status_code == 200 and "/api/quotes" in r.text
    r = client.get("/upload")
    assert r.status_code == 200 and 'enctype="multipart/form-data"' in r.text


def test_a_failing_section_costs_only_that_section(client, monkeypatch) -> None:
    from storyline.report.render.html import view_timeline

    def broken(dossier):
        raise ValueError("unreadable record")

    monkeypatch.setattr(view_timeline, "timeline_page", broken)
    story = _first(client, "stories")
    r = client.get(f"/stories/{story['id']}")
    assert r.status_code == 200
    assert "Not shown, because of an error in the stored records: timeline" in r.text
    assert ">Who said what</h2>" in r.text and "Ilse Kovar" in r.text


def test_document_page_is_headed_by_the_document_in_the_apps_style(client) -> None:
    for doc in client.get("/api/documents").json()["items"]:
        r = client.get(f"/documents/{doc['id']}")
        head = r.text[: r.text.index("</header>")]
        assert "nav.app {" in head  # the app's style sheet, as on every other page
        # the first screen counts this page's one document, not the whole dossier's
        assert "Storyline dossier · 1 document ·" in head
        h1 = re.search(r"<h1>(.*?)</h1>", head, re.S)
        assert h1 and "<script" not in h1.group(1)
        if doc.get("title") and "script" not in doc["title"]:
            assert h1.group(1) == doc["title"]
        if "The story of this article" in r.text:
            assert "Told in " in r.text
        # this page's sources in words: its one article (the story's are in its brief)
        words = re.search(r'<p class="sources-words">([^<]*)</p>', r.text)
        assert words and words.group(1).startswith("1 article; 1 independent source"), words


def test_home_counts_read_in_the_singular_and_plural(client) -> None:
    text = client.get("/").text
    assert not re.search(r"\b1 (documents|stories|entities|quotes|event stories)\b", text)
    assert re.search(r"\b3 documents\b", text)


def test_entity_page_quotes_once_and_marks_low_confidence(client, workspace, monkeypatch) -> None:
    with Workspace(workspace) as ws:
        page = q.list_items(ws.db, "entities", q.Filters(), limit=100)
    kovar = next(e for e in page["items"] if "Kovar" in e["name"])
    text = client.get(f"/entities/{kovar['id']}").text
    assert "The wall did its job" in text
    assert "““" not in text and "””" not in text and '“"' not in text
    assert "low confidence" not in text  # these attributions clear the dossier's level
    info = q.dossier_info
    monkeypatch.setattr(
        q, "dossier_info", lambda db: {**info(db), "display": {"quote_min_confidence": 1.01}}
    )
    text = client.get(f"/entities/{kovar['id']}").text
    assert "low confidence: may not be this speaker" in text


def test_document_page_names_the_other_documents_of_its_entities(client) -> None:
    docs = client.get("/api/documents").json()["items"]
    linked = 0
    for doc in docs:
        text = client.get(f"/documents/{doc['id']}").text
        for other in docs:
            if other["id"] != doc["id"]:
                # by label and linked to its page, never a bare hash id
                assert f"{other['id']} (" not in text and f">{other['id']}<" not in text
                linked += f'href="/documents/{other["id"]}" title="{other["id"]}">' in text
    assert linked  # Mayor Kovar is named in every report: her row lists the others
