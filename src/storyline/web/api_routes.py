"""The JSON API under ``/api``: the stored dossier's records in ``storyline/1``
shapes, paginated (``limit``, ``offset``, ``total``) and filterable.

Route bodies only parse parameters and call ``storyline.store.queries`` (the
same functions the pages use) or ``storyline.store.search``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import JSONResponse

from storyline.store import queries as q
from storyline.store.errors import SearchError
from storyline.web.reader import Reader

#: Sections served as ``/api/<section>`` and ``/api/<section>/{id}``.
SECTIONS = (
    "stories",
    "developing_stories",
    "entities",
    "quotes",
    "events",
    "claims",
    "conflicts",
    "forecasts",
    "timeline",
    "quantities",
    "places",
    "timexes",
    "quote_groups",
    "event_groups",
    "lineages",
)

Limit = Annotated[int, Query(ge=1, le=q.MAX_PAGE, description="records per page")]
Offset = Annotated[int, Query(ge=0, description="records to skip")]
DocQ = Annotated[str | None, Query(description="only records naming this document id")]
EntityQ = Annotated[str | None, Query(description="only records naming this entity id")]
StoryQ = Annotated[str | None, Query(description="only records about this story's documents")]
DevelopingQ = Annotated[
    str | None, Query(description="only records about this developing story's documents")
]
OutletQ = Annotated[str | None, Query(description="only records from this outlet's documents")]
FromQ = Annotated[str | None, Query(description="documents published on or after (YYYY-MM-DD)")]
ToQ = Annotated[str | None, Query(description="documents published on or before (YYYY-MM-DD)")]
FlagQ = Annotated[str | None, Query(description=f"integrity flag: {', '.join(q.FLAG_KINDS)}")]


def document_filters(
    entity: EntityQ = None,
    story: StoryQ = None,
    developing: DevelopingQ = None,
    outlet: OutletQ = None,
    date_from: FromQ = None,
    date_to: ToQ = None,
    flag: FlagQ = None,
) -> q.Filters:
    """The ``Filters`` of a request's query parameters (empty values ignored), for
    listings of documents themselves; a FastAPI dependency, so every route
    declares the filters once."""
    return q.Filters(
        entity=entity or None,
        story=story or None,
        developing=developing or None,
        outlet=outlet or None,
        date_from=date_from or None,
        date_to=date_to or None,
        flag=flag or None,
    )


#: the dependency as a parameter type
DocumentFilters = Annotated[q.Filters, Depends(document_filters)]


def filters(f: DocumentFilters, doc: DocQ = None) -> q.Filters:
    """``document_filters`` and the ``doc`` filter, for listings of records."""
    return replace(f, doc=doc or None)


@dataclass(frozen=True)
class Paging:
    """A listing's page: ``limit`` records from ``offset`` on."""

    limit: int
    offset: int


def paging(limit: Limit = 50, offset: Offset = 0) -> Paging:
    """The ``limit`` and ``offset`` query parameters (a FastAPI dependency)."""
    return Paging(limit, offset)


RecordFilters = Annotated[q.Filters, Depends(filters)]
Page = Annotated[Paging, Depends(paging)]


def _reader(request: Request) -> Reader:
    return request.app.state.reader


def _section_routes(router: APIRouter, section: str) -> None:
    def listing(request: Request, f: RecordFilters, page: Page) -> dict[str, Any]:
        with _reader(request).snapshot() as db:
            return q.list_items(db, section, f, page.limit, page.offset)

    def one(request: Request, item_id: str) -> dict[str, Any]:
        with _reader(request).snapshot() as db:
            item = q.get_item(db, section, item_id)
        if item is None:
            raise HTTPException(404, f"no {section} record {item_id!r}")
        return item

    router.add_api_route(
        f"/{section}", listing, methods=["GET"], summary=f"A page of {section}", name=section
    )
    router.add_api_route(
        f"/{section}/{{item_id}}",
        one,
        methods=["GET"],
        summary=f"One of {section} by id",
        name=f"{section}_one",
    )


def api_router() -> APIRouter:
    """Every ``/api`` route."""
    router = APIRouter(prefix="/api", tags=["api"])

    @router.get("/dossier", summary="The stored dossier's header and section counts")
    def dossier(request: Request) -> dict[str, Any]:
        with _reader(request).snapshot() as db:
            info = q.dossier_info(db)
            return {"dossier": info, "counts": q.section_counts(db)}

    @router.get("/documents", summary="A page of documents (without text, spans, sentences)")
    def documents(
        request: Request,
        f: DocumentFilters,
        page: Page,
        full: Annotated[bool, Query(description="whole records, text included")] = False,
    ) -> dict[str, Any]:
        with _reader(request).snapshot() as db:
            return q.list_documents(db, f, page.limit, page.offset, full=full)

    @router.get("/documents/{doc_id}", summary="One document, text and spans included")
    def document(request: Request, doc_id: str) -> dict[str, Any]:
        with _reader(request).snapshot() as db:
            doc = q.get_document(db, doc_id)
        if doc is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return doc

    for section in SECTIONS:
        _section_routes(router, section)

    @router.get(
        "/developing_stories/{item_id}/stories",
        summary="A page of a developing story's event-level stories, first day first",
    )
    def developing_stories(request: Request, item_id: str, page: Page) -> dict[str, Any]:
        with _reader(request).snapshot() as db:
            found = q.stories_in_developing(db, item_id, page.limit, page.offset)
        if found is None:
            raise HTTPException(404, f"no developing_stories record {item_id!r}")
        return found

    @router.get("/search", summary="Full-text search (plain words, or FTS5 with advanced=true)")
    def search(
        request: Request,
        q_: Annotated[str, Query(alias="q", description="the query")],
        limit: Annotated[int, Query(ge=1, le=q.MAX_PAGE)] = 20,
        advanced: bool = False,
    ) -> Any:
        from storyline.store.search import DEFAULT_TIME_LIMIT, check_search, find

        try:
            check_search(q_, limit)
            db = _reader(request).connection()
            hits = find(db, q_, limit, DEFAULT_TIME_LIMIT, advanced)
        except SearchError as exc:
            return JSONResponse({"detail": str(exc)}, status_code=400)
        return {"total": len(hits), "limit": limit, "offset": 0, "items": hits}

    @router.post("/uploads", status_code=202, summary="Upload files to ingest in the background")
    def upload(request: Request, files: Annotated[list[UploadFile], File()]) -> Any:
        from storyline.web.pages import accept_upload

        job, refused = accept_upload(request.app.state.uploads, files)
        if job is None:
            return JSONResponse({"detail": "; ".join(refused), "refused": refused}, 400)
        return {"job": job.to_dict(), "refused": refused}

    @router.get("/uploads/{job_id}", summary="An upload job's progress and problems")
    def upload_job(request: Request, job_id: str) -> dict[str, Any]:
        job = request.app.state.uploads.jobs.get(job_id)
        if job is None:
            raise HTTPException(404, f"no upload job {job_id!r}")
        return job.to_dict()

    return router
