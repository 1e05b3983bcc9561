"""The paged app's own pages and API: the parts, the corpus-wide entity index,
and where a document lives. Everything inside one part is the part's app
(``dispatch``); these routes read only the cached corpus index (``corpus``).
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse

from storyline.store.errors import SearchError
from storyline.store.queries import MAX_PAGE
from storyline.web.paged.corpus import CorpusIndex

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="records per page")]
Offset = Annotated[int, Query(ge=0, description="records to skip")]
NameQ = Annotated[str, Query(description="part of the name (or its normalised form)")]
TypeQ = Annotated[str, Query(description="entity type, exactly (PERSON, ORG, GPE, ...)")]
SearchQ = Annotated[str, Query(description="words, a quoted phrase, or fts: FTS5 syntax")]
#: Parts and entities per page of the HTML pages.
PARTS_PER_PAGE = 100
ENTITIES_PER_PAGE = 100
#: Entities shown on the home page (the entity index page has them all).
HOME_ENTITIES = 20

_NAV = (
    '<nav class="app"><strong><a href="/">Storyline</a></strong><a href="/">All parts</a>'
    '<a href="/entities">Entity index</a><a href="/search">Search</a><a href="/api">API</a></nav>'
)


def corpus(request: Request) -> CorpusIndex:
    return request.app.state.corpus


def render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page of the paged app: the web app's templates with the paged navigation."""
    from storyline.web.pages import render as render_page

    response = render_page(name, status, **context)
    html = response.body.decode()
    start, end = html.find('<nav class="app">'), html.find("</nav>")
    if start >= 0 and end > start:
        html = html[:start] + _NAV + html[end + len("</nav>") :]
    return HTMLResponse(html, status_code=status)


def days(row: dict[str, Any]) -> str:
    """A part's days as the labels write dates (``25 Nov 2019 – 2 Apr 2021``)."""
    from storyline.report.text import day_range

    return day_range(row.get("first"), row.get("last"))


def part_view(row: dict[str, Any], number: int) -> dict[str, Any]:
    """What the parts table shows of one part."""
    return {**row, "number": number, "days": days(row), "href": f"/parts/{row['id']}/"}


def entity_links(ent: dict[str, Any], labels: dict[str, str]) -> dict[str, Any]:
    """A merged entity with, for each part, the link to the entity's page in that part."""
    parts = [
        {**p, "href": f"/parts/{p['part']}/entities/{p['id']}", "label": labels.get(p["part"], "")}
        for p in ent["parts"]
    ]
    return {**ent, "parts": parts, "href": f"/entities/{ent['id']}"}


def part_labels(index: CorpusIndex, ents: list[dict[str, Any]]) -> dict[str, str]:
    wanted = {p["part"] for e in ents for p in e["parts"]}
    labels = {}
    for pid in wanted:
        row = index.part(pid)
        labels[pid] = str((row or {}).get("label") or pid)
    return labels


def paged_router() -> APIRouter:
    """The pages (left out of the OpenAPI schema) and the API of the paged app."""
    router = APIRouter()

    @router.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
        index = corpus(request)
        page = index.parts(PARTS_PER_PAGE, offset)
        stored = request.app.state.parts.is_stored
        parts = [
            {**part_view(p, offset + n + 1), "ready": stored(p)}
            for n, p in enumerate(page["items"])
        ]
        top = index.entities(limit=HOME_ENTITIES)["items"]
        labels = part_labels(index, top)
        return render(
            "paged_home.html.j2",
            head=index.summary(),
            page=page,
            parts=parts,
            entities=[entity_links(e, labels) for e in top],
            types=index.types(),
        )

    @router.get("/parts", include_in_schema=False)
    def parts_page() -> RedirectResponse:
        return RedirectResponse("/", status_code=307)

    @router.get("/parts/{part_id}", include_in_schema=False)
    def part_home(part_id: str) -> RedirectResponse:
        return RedirectResponse(f"/parts/{part_id}/", status_code=307)

    @router.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entity_index(
        request: Request,
        q: NameQ = "",
        type: TypeQ = "",  # noqa: A002 - the query parameter's name
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> HTMLResponse:
        index = corpus(request)
        page = index.entities(q, type, ENTITIES_PER_PAGE, offset)
        labels = part_labels(index, page["items"])
        chosen = {k: v for k, v in (("q", q.strip()), ("type", type)) if v}

        def page_url(to: int) -> str:
            return "/entities?" + urlencode({**chosen, "offset": max(to, 0)})

        return render(
            "paged_entities.html.j2",
            page=page,
            entities=[entity_links(e, labels) for e in page["items"]],
            query=q.strip(),
            etype=type,
            types=index.types(),
            page_url=page_url,
        )

    @router.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, entity_id: str) -> HTMLResponse:
        index = corpus(request)
        ent = index.entity(entity_id)
        if ent is None:
            message = f"There is no entity {entity_id!r} in the corpus-wide index."
            return render("message.html.j2", 404, heading="Not found", message=message)
        labels = part_labels(index, [ent])
        return render("paged_entity.html.j2", e=entity_links(ent, labels))

    @router.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: SearchQ = "", advanced: bool = False) -> HTMLResponse:
        searcher = request.app.state.search
        result, error = None, None
        if searcher is not None and q.strip():
            try:
                result = searcher.search(corpus(request), q, advanced=advanced)
            except SearchError as exc:
                error = str(exc)
        return render(
            "paged_search_page.html.j2",
            400 if error else 200,
            query=q,
            advanced=advanced,
            result=result,
            error=error,
            available=searcher is not None,
        )

    @router.get("/documents/{doc_id}", include_in_schema=False, response_model=None)
    def document(request: Request, doc_id: str) -> RedirectResponse | HTMLResponse:
        part = corpus(request).part_of(doc_id)
        if part is None:
            message = f"There is no document {doc_id!r} in any part."
            return render("message.html.j2", 404, heading="Not found", message=message)
        return RedirectResponse(f"/parts/{part}/documents/{doc_id}", status_code=307)

    @router.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_index(request: Request) -> HTMLResponse:
        routes = [
            {"method": method.upper(), "path": path, "summary": op.get("summary", "")}
            for path, ops in request.app.openapi()["paths"].items()
            for method, op in ops.items()
        ]
        routes.append(
            {
                "method": "GET",
                "path": "/api/parts/{part}/…",
                "summary": "Every route of the single layout's API (documents, stories, "
                "entities, quotes, search, dossier, ...) over one part",
            }
        )
        return render("api.html.j2", routes=routes)

    @router.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> FileResponse:
        from storyline.web.security import static_file

        path = static_file(name)
        if path is None:
            raise HTTPException(404, "no such file")
        return FileResponse(path)

    @router.get("/robots.txt", include_in_schema=False)
    def robots() -> FileResponse:
        return static("robots.txt")

    add_api(router)
    return router


def add_api(router: APIRouter) -> None:
    """``/api/paged``, ``/api/parts``, ``/api/entities`` (merged) and their items."""

    @router.get("/api/paged", summary="The paged dossier's header: counts, parts, errors")
    def api_head(request: Request) -> dict[str, Any]:
        head = corpus(request).summary()
        return {k: v for k, v in head.items() if k != "errors"}

    @router.get("/api/parts", summary="A page of the parts (without their document ids)")
    def api_parts(request: Request, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        return corpus(request).parts(limit, offset)

    @router.get("/api/parts/{part_id}", summary="One part's index row, its document ids included")
    def api_part(request: Request, part_id: str) -> dict[str, Any]:
        row = corpus(request).part(part_id)
        if row is None:
            raise HTTPException(404, f"no part {part_id!r}")
        return row

    @router.get("/api/entities", summary="A page of the entity index merged across parts")
    def api_entities(
        request: Request,
        q: NameQ = "",
        type: TypeQ = "",  # noqa: A002 - the query parameter's name
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        return corpus(request).entities(q, type, limit, offset)

    @router.get("/api/entities/{entity_id}", summary="One merged entity and its parts")
    def api_entity(request: Request, entity_id: str) -> dict[str, Any]:
        ent = corpus(request).entity(entity_id)
        if ent is None:
            raise HTTPException(404, f"no entity {entity_id!r} in the corpus-wide index")
        return ent

    @router.get("/api/errors", summary="A page of the paged dossier's errors")
    def api_errors(request: Request, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        errors = corpus(request).head.get("errors") or []
        items = errors[offset : offset + limit]
        return {"total": len(errors), "limit": limit, "offset": offset, "items": items}

    @router.get("/api/search", summary="Search every part (needs serve --paged with --workspace)")
    def api_search(
        request: Request, q: SearchQ, limit: Limit = 50, advanced: bool = False
    ) -> dict[str, Any]:
        searcher = request.app.state.search
        if searcher is None:
            raise HTTPException(
                404, "corpus-wide search needs the workspace: serve --paged DIR --workspace WS"
            )
        try:
            return searcher.search(corpus(request), q, limit=limit, advanced=advanced)
        except SearchError as exc:
            raise HTTPException(400, str(exc)) from exc

    @router.get(
        "/api/documents/{doc_id}",
        summary="Where a document is: redirects to its record in its part",
        response_model=None,
    )
    def api_document(request: Request, doc_id: str) -> RedirectResponse:
        part = corpus(request).part_of(doc_id)
        if part is None:
            raise HTTPException(404, f"no document {doc_id!r} in any part")
        return RedirectResponse(f"/api/parts/{part}/documents/{doc_id}", status_code=307)
