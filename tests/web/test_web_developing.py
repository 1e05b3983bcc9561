"""Developing stories in the app: the home page groups event-level stories under
them, a developing story has its page (brief cited at the offsets, events in
order, loosely linked ones said in words, sources, forecasts) and its API
routes page and 404 like the others.

The workspace holds a hand-made ``storyline/1`` dossier (texts written for
this test), so which stories form which developing story is fixed here, not
left to the clustering."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storyline.store import Workspace
from storyline.store import queries as q
from storyline.store.dossier import put_dossier

HOSTILE = "<script>alert(1)</script> barges"
TEXTS = {
    "d1": "The old canal lock at Orlen failed on Tuesday, harbour master Nika Ros said. "
    "Barges waited outside the town.",
    "d2": "Divers began repairing the canal lock at Orlen on Friday. "
    "The work should end by April 30, Ros said.",
    "d3": "Barge traffic through Orlen resumed slowly. Traders counted their losses.",
    "d4": "The spring fair in Dunmere opened on Saturday with forty stalls.",
    "d5": "A second diving team joined the repairs at Orlen on Monday.",
}
DATES = {"d1": "2024-04-02", "d2": "2024-04-05", "d3": "2024-04-20", "d4": "2024-05-01"}


def span(doc: str, words: str) -> dict:
    start = TEXTS[doc].index(words)
    return {"doc": doc, "doc_id": doc, "start": start, "end": start + len(words), "text": words}


def story(n: int, docs: list[str], title: str, developing: str) -> dict:
    days = [DATES[d] for d in docs if d in DATES]
    return {
        "id": f"story-{n}",
        "title": title,
        "documents": docs,
        "first": min(days) if days else None,
        "last": max(days) if days else None,
        "developing": developing,
        "summary": [span(docs[0], TEXTS[docs[0]].split(". ")[0])],
    }


def dossier() -> dict:
    docs = [
        {
            "id": d,
            "title": f"Report {d}",
            "outlet": "Orlen Gazette" if d != "d4" else "Dunmere Weekly",
            "published": DATES.get(d),
            "source": f"{d}.txt",
            "text": text,
            "spans": [],
            "integrity": {},
        }
        for d, text in TEXTS.items()
    ]
    stories = [
        story(1, ["d1"], "Canal lock fails at Orlen", "developing-1"),
        story(2, ["d2", "d5"], "Divers repair the Orlen lock", "developing-1"),
        story(3, ["d3"], HOSTILE, "developing-1"),
        story(4, ["d4"], "Dunmere spring fair opens", "developing-2"),
    ]
    lock = span("d1", "The old canal lock at Orlen failed on Tuesday")
    work = span("d2", "The work should end by April 30")
    developing = [
        {
            "id": "developing-1",
            "title": "Canal lock fails at Orlen",
            "title_span": span("d1", "The old canal lock"),
            "stories": ["story-1", "story-2", "story-3"],
            "documents": ["d1", "d2", "d5", "d3"],
            "first": "2024-04-02",
            "last": "2024-04-20",
            "links": [0.5, 0.5, 0.11],
            "brief_stories": ["story-1", "story-2"],
            "summary": [lock, span("d2", "Divers began repairing the canal lock")],
            "brief": {
                "headline": lock,
                "state_of_play": [
                    {"kind": "forecast", "text": "Open forecast.", "refs": [work]},
                ],
                "sources": {"in_words": "2 independent sources"},
            },
        },
        {
            "id": "developing-2",
            "title": "Dunmere spring fair opens",
            "stories": ["story-4"],
            "documents": ["d4"],
            "first": "2024-05-01",
            "last": "2024-05-01",
            "links": [1.0],
            "brief_stories": ["story-4"],
            "summary": [],
            "brief": None,
        },
    ]
    forecasts = [{"id": "f1", "statement": work, "status": "open", "confidence": 0.7}]
    return {
        "schema": "storyline/1",
        "documents": docs,
        "stories": stories,
        "developing_stories": developing,
        "forecasts": forecasts,
        "stats": {"documents": len(docs), "stories": 4, "forecasts": 1},
    }


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    from fastapi.testclient import TestClient

    from storyline.web import create_app

    path = tmp_path_factory.mktemp("developing") / "ws.db"
    with Workspace(path) as ws:
        put_dossier(ws, dossier())
    with TestClient(create_app(path)) as c:
        yield c


def test_home_groups_event_stories_under_their_developing_story(client) -> None:
    page = client.get("/").text
    assert 'href="/developing/developing-1"' in page
    for n in (1, 2, 3):
        assert f'href="/stories/story-{n}"' in page
    assert "loosely linked: not in the brief" in page
    assert "3 event stories · 4 documents · 1 loosely linked" in page
    # a developing story of one event story is that story: no extra click
    assert 'href="/developing/developing-2"' not in page
    assert 'href="/stories/story-4"' in page
    assert HOSTILE not in page and "&lt;script&gt;alert(1)&lt;/script&gt; barges" in page
    # the developing story's brief cites the sentence at its offsets
    lock = span("d1", "The old canal lock at Orlen failed on Tuesday")
    assert f'href="/documents/d1#tl-d1-{lock["start"]}-{lock["end"]}"' in page


def test_developing_page_lists_brief_events_sources_and_forecasts(client) -> None:
    r = client.get("/developing/developing-1")
    assert r.status_code == 200
    page = r.text
    assert "<h1>Canal lock fails at Orlen</h1>" in page
    assert "1 loosely linked one (marked below) is listed but left out of it" in page
    events = page[page.index('id="events"') : page.index('id="sources"')]
    order = [events.index(f'href="/stories/story-{n}"') for n in (1, 2, 3)]
    assert order == sorted(order)  # first day first
    items = re.findall(r"<li>.*?</li>", events)
    assert "loosely linked: not in the brief" in items[2]
    assert all("in the brief" in i and "loosely" not in i for i in items[:2])
    assert "2 documents" in items[1]
    # every cited sentence links to its span on the document page
    work = span("d2", "The work should end by April 30")
    assert f'href="/documents/d2#tl-d2-{work["start"]}-{work["end"]}"' in page
    assert not re.search(r'href="#(doc|tl)-', page)
    sources = page[page.index('id="sources"') :]
    assert "Orlen Gazette · 2 Apr 2024 · Report d1" in sources
    assert sources.index("Report d2") < sources.index("Report d5") < sources.index("Report d3")
    assert 'id="forecasts"' in page and "The work should end by April 30" in page
    assert HOSTILE not in page


@pytest.mark.parametrize("page", ["/developing/developing-1", "/stories/story-2"])
def test_cited_span_is_highlighted_on_the_document_page(client, page: str) -> None:
    # the brief of a developing story, and of an event story inside a larger one
    brief = client.get(page).text
    brief = brief[brief.index('id="brief"') :]
    hrefs = re.findall(r'href="(/documents/(d\d)#(tl-d\d-(\d+)-(\d+)))"', brief)
    assert hrefs
    for href, doc_id, anchor, start, end in hrefs:
        doc = client.get(f"/documents/{doc_id}").text
        cited = re.search(rf'<span [^>]*id="{anchor}"[^>]*>(.*?)</span>', doc)
        assert cited is not None, href
        assert TEXTS[doc_id][int(start) : int(end)].startswith(re.sub("<[^>]+>", "", cited[1]))


def test_story_page_links_up_to_its_developing_story(client) -> None:
    loose = client.get("/stories/story-3").text
    assert 'href="/developing/developing-1"' in loose
    assert "loosely linked: not in its brief" in loose
    firm = client.get("/stories/story-1").text
    assert 'href="/developing/developing-1"' in firm and "in its brief" in firm
    assert "loosely linked" not in firm
    alone = client.get("/stories/story-4").text
    assert "/developing/" not in alone  # the developing story is the story itself


def test_unknown_developing_story_is_404_on_page_and_api(client) -> None:
    assert client.get("/developing/developing-99").status_code == 404
    assert client.get("/api/developing_stories/developing-99").status_code == 404
    assert client.get("/api/developing_stories/developing-99/stories").status_code == 404


def test_developing_api_pages_its_event_stories_in_order(client) -> None:
    listing = client.get("/api/developing_stories", params={"limit": 1}).json()
    assert listing["total"] == 2 and [d["id"] for d in listing["items"]] == ["developing-1"]
    first = client.get("/api/developing_stories/developing-1/stories", params={"limit": 2}).json()
    assert (first["total"], first["limit"], first["offset"]) == (3, 2, 0)
    assert [s["id"] for s in first["items"]] == ["story-1", "story-2"]
    rest = client.get(
        "/api/developing_stories/developing-1/stories", params={"limit": 2, "offset": 2}
    ).json()
    assert [s["id"] for s in rest["items"]] == ["story-3"]
    assert rest["items"][0]["title"] == HOSTILE  # JSON keeps the text as it is
    bad = client.get("/api/developing_stories/developing-1/stories", params={"limit": 0})
    assert bad.status_code == 422


def test_developing_filter_narrows_documents_and_records(client) -> None:
    docs = client.get("/api/documents", params={"developing": "developing-1"}).json()
    assert sorted(d["id"] for d in docs["items"]) == ["d1", "d2", "d3", "d5"]
    none = client.get("/api/documents", params={"developing": "developing-99"}).json()
    assert none["total"] == 0
    stories = client.get("/api/stories", params={"developing": "developing-2"}).json()
    assert [s["id"] for s in stories["items"]] == ["story-4"]


def test_developing_documents_page_beyond_the_first(
    client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline.web import developing

    monkeypatch.setattr(developing, "DOCS_PER_PAGE", 3)
    first = client.get("/developing/developing-1").text
    assert "Documents 1–3 of 4" in first and "?offset=3#sources" in first
    second = client.get("/developing/developing-1", params={"offset": 3}).text
    sources = second[second.index('id="sources"') :]
    assert "Report d3" in sources and "Report d1" not in sources


def test_stories_in_developing_and_get_items_read_the_store(tmp_path: Path) -> None:
    with Workspace(tmp_path / "ws.db") as ws:
        put_dossier(ws, dossier())
        found = q.get_items(ws.db, "stories", ["story-3", "story-1", "nope"])
        assert sorted(found) == ["story-1", "story-3"]
        assert q.stories_in_developing(ws.db, "nope") is None
        page = q.stories_in_developing(ws.db, "developing-1", limit=1, offset=1)
        assert page is not None and [s["id"] for s in page["items"]] == ["story-2"]
        # a developing story names every document of its stories: not "context"
        assert "d5" not in q.context_labels(ws.db, ["d1"])


def test_a_broken_developing_record_costs_only_its_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fastapi.testclient import TestClient

    from storyline.web import create_app, developing

    broken = dossier()
    broken["developing_stories"][0]["brief"]["state_of_play"] = 7  # not a list
    with Workspace(tmp_path / "ws.db") as ws:
        put_dossier(ws, broken)
    card = developing.developing_card

    def failing_card(db, dev):
        if dev.get("id") == "developing-1":
            raise ValueError("a record this code cannot read")
        return card(db, dev)

    monkeypatch.setattr(developing, "developing_card", failing_card)
    with TestClient(create_app(tmp_path / "ws.db")) as c:
        home = c.get("/")
        assert home.status_code == 200
        assert "developing-1</span> cannot be shown" in home.text
        assert 'href="/stories/story-4"' in home.text  # the other card is there
        page = c.get("/developing/developing-1")
        assert page.status_code == 200
        assert "Not shown, because of an error in the stored records: brief" in page.text
        assert 'href="/stories/story-3"' in page.text  # the rest of the page is there


def test_document_page_labels_the_briefs_citations_of_other_documents(client) -> None:
    # d3's page shows its developing story's brief, which cites d1 and d2
    page = client.get("/documents/d3").text
    assert not re.search(r'class="(cite|ref)" href="#documents"', page)
    assert re.search(r'<a class="cite" href="/documents/d1" title="d1">[^<]*Report d1</a>', page)
    assert ">d1</a>" not in page and ">d2</a>" not in page
