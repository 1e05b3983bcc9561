"""The JSON API: pagination with totals, filters, single records, search, OpenAPI."""

from __future__ import annotations

from storyline.web.api_routes import SECTIONS


def test_openapi_lists_every_api_route(client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for section in ("documents", *SECTIONS):
        assert f"/api/{section}" in paths, section
    assert "/api/documents/{doc_id}" in paths and "/api/search" in paths
    assert "/api/uploads" in paths
    assert not any(p.startswith("/stories") for p in paths)  # pages are not API routes


def test_documents_paginate_with_a_total(client) -> None:
    first = client.get("/api/documents", params={"limit": 2}).json()
    assert first["total"] == 3 and len(first["items"]) == 2
    rest = client.get("/api/documents", params={"limit": 2, "offset": 2}).json()
    assert len(rest["items"]) == 1
    ids = [d["id"] for d in first["items"] + rest["items"]]
    assert len(set(ids)) == 3
    assert "text" not in first["items"][0]  # listings leave out the heavy parts


def test_a_document_record_keeps_its_offsets(client) -> None:
    doc_id = client.get("/api/documents", params={"limit": 1}).json()["items"][0]["id"]
    doc = client.get(f"/api/documents/{doc_id}").json()
    for span in doc["spans"]:
        assert 0 <= span["start"] <= span["end"] <= len(doc["text"])
    quotes = client.get("/api/quotes", params={"doc": doc_id, "limit": 50}).json()["items"]
    for quote in quotes:
        assert quote["doc"] == doc_id
        assert doc["text"][quote["start"] : quote["end"]] == quote["text"]


def test_filters_by_entity_story_and_date(client) -> None:
    entities = client.get("/api/entities", params={"limit": 100}).json()["items"]
    kovar = next(e for e in entities if "Kovar" in e["name"])
    full = client.get(f"/api/entities/{kovar['id']}").json()
    assert full["mentions"] and all(m["text"] in full["name"] for m in full["mentions"])
    by_entity = client.get("/api/quotes", params={"entity": kovar["id"]}).json()
    assert by_entity["total"] >= 1
    everything = client.get("/api/quotes").json()["total"]
    assert by_entity["total"] <= everything
    story = client.get("/api/stories").json()["items"][0]
    in_story = client.get("/api/documents", params={"story": story["id"]}).json()
    assert in_story["total"] == len(story["documents"])
    day = client.get(
        "/api/documents", params={"date_from": "2023-03-05", "date_to": "2023-03-05"}
    ).json()
    assert [d["published"][:10] for d in day["items"]] == ["2023-03-05"]
    none = client.get("/api/documents", params={"outlet": "No Such Outlet"}).json()
    assert none["total"] == 0 and none["items"] == []


def test_bad_pages_and_unknown_ids_are_refused(client) -> None:
    assert client.get("/api/quotes", params={"limit": 0}).status_code == 422
    assert client.get("/api/quotes", params={"limit": 100_000}).status_code == 422
    assert client.get("/api/quotes", params={"offset": -1}).status_code == 422
    r = client.get("/api/entities/nope")
    assert r.status_code == 404 and "nope" in r.json()["detail"]


def test_search_forgives_and_hints(client) -> None:
    hits = client.get("/api/search", params={"q": "Kovar's"}).json()
    assert hits["total"] >= 2 and all(h["highlights"] for h in hits["items"])
    r = client.get("/api/search", params={"q": "fts:NEAR(a"})
    assert r.status_code == 400 and "brackets" in r.json()["detail"]


def test_dossier_header_counts_sections(client) -> None:
    info = client.get("/api/dossier").json()
    assert info["dossier"]["schema"] == "storyline/1"
    assert info["counts"]["documents"] == 3
