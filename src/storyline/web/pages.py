"""The server-rendered pages: stories grouped by developing story, a developing
story, a story, an entity, documents, a document, search with facets, upload
with progress, and the API's index.

Templates are the app's own (``web/templates``) over the HTML dossier's
(``report/render/html/templates``): one template family, one style sheet,
autoescaped. A document page is the HTML dossier itself, rendered for that
document and the records that name it, with the app's navigation on top.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import cache
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from jinja2 import Environment

from storyline.store import queries as q
from storyline.store.errors import SearchError
from storyline.web import views
from storyline.web.api_routes import DocumentFilters
from storyline.web.developing import developing_view
from storyline.web.security import static_file
from storyline.web.upload import (
    MAX_FILES,
    MAX_UPLOAD_BYTES,
    Job,
    Uploads,
    accepted_extensions,
    refusal,
    safe_name,
    save_stream,
)

FLAG_NAMES = {
    "spun": "machine-spun",
    "mt": "machine-translated",
    "copy": "copy of another",
    "copied": "copied by others",
    "outlet": "re-post",
}


@cache
def environment() -> Environment:
    """The app's templates first, then the dossier's (style sheet, section views)."""
    from storyline.report.render.html.environment import template_environment
    from storyline.report.render.timeline import quoted
    from storyline.report.text import short_date

    env = template_environment(
        ("storyline.web", "templates"),
        ("storyline.report.render.html", "templates"),
        keep_trailing_newline=False,
    )
    env.filters["day"] = short_date  # "19 Mar 2022", as the document labels write it
    env.filters["quoted"] = quoted  # in quotation marks unless it opens with one
    return env


def render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    from storyline.report.render.controls import visible_controls

    # the dossier's section templates say "Not analysed in this run" for the
    # sections a run skipped; a stored dossier has every section it was built with
    context.setdefault("not_analysed", frozenset())
    html = environment().get_template(name).render(flag_names=FLAG_NAMES, **context)
    return HTMLResponse(visible_controls(html), status_code=status)


def not_found(what: str) -> HTMLResponse:
    return render("message.html.j2", 404, heading="Not found", message=what)


def record_page(
    request: Request,
    make: Callable[[sqlite3.Connection], dict[str, Any] | None],
    template: str,
    missing: str,
    *,
    app_links: bool = True,
) -> HTMLResponse:
    """The page of one stored record: ``make`` its view (None: no such record, a
    404 saying ``missing``), rendered; with ``app_links`` the dossier views'
    in-page links are pointed at the app's pages (``views.app_links``)."""
    with request.app.state.reader.snapshot() as db:
        view = make(db)
    if view is None:
        return not_found(missing)
    response = render(template, **view)
    if app_links:
        response.body = views.app_links(response.body.decode(), set()).encode()
        response.headers["content-length"] = str(len(response.body))
    return response


def record_route(
    view: Callable[[sqlite3.Connection, str], dict[str, Any] | None],
    template: str,
    noun: str,
    app_links: bool,
) -> Callable[[Request, str], HTMLResponse]:
    """The route of a record page: ``view(db, id)`` rendered by ``record_page``."""

    def route(request: Request, item_id: str) -> HTMLResponse:
        return record_page(
            request,
            lambda db: view(db, item_id),
            template,
            f"There is no {noun} {item_id!r} in the stored dossier.",
            app_links=app_links,
        )

    return route


def accept_upload(uploads: Uploads, files: list[UploadFile]) -> tuple[Job | None, list[str]]:
    """Save the acceptable files and start their ingest; one line per refused file."""
    refused: list[str] = []
    if len(files) > MAX_FILES:
        return None, [f"too many files ({len(files)}); at most {MAX_FILES} at a time"]
    folder = uploads.folder()
    saved: list[str] = []
    for upload in files:
        reason = refusal(upload.filename, upload.size)
        name = safe_name(upload.filename)
        if reason is None:
            while name in saved:
                name = "_" + name
            if save_stream(upload.file, folder / name) is None:
                reason = refusal(upload.filename, MAX_UPLOAD_BYTES + 1)
        if reason is not None:
            refused.append(reason)
            continue
        saved.append(name)
    if not saved:
        folder.rmdir()
        return None, refused or ["no file given"]
    return uploads.start(folder, saved, refused), refused


def analysed_but_empty(sub: dict[str, Any]) -> None:
    """Give ``sub`` an empty list for each section the stored dossier has (its
    stats count it) but no record of which names these documents, so the
    dossier's views say "none found" rather than "not analysed in this run"."""
    from storyline.report.render.html.view_front import ANALYSED_SECTIONS

    stats = sub.get("stats") or {}
    for key, _ in ANALYSED_SECTIONS:
        if key in stats and key not in sub:
            sub[key] = []
            stats[key] = 0


#: Longest document heading on a document's page (a first line used as title is cut).
PAGE_TITLE_CHARS = 140


def page_document(sub: dict[str, Any]) -> dict[str, Any] | None:
    """What heads a document's page: the document as a reader names it (its title,
    else its first line), not the story it belongs to (``render_html``)."""
    from storyline.report.text import doc_title, excerpt

    docs = sub.get("documents") or []
    if not docs:
        return None
    # an untitled document's first line can be a paragraph: a heading's worth of it
    return {"id": docs[0].get("id"), "title": excerpt(doc_title(docs[0]), PAGE_TITLE_CHARS)}


def with_app_chrome(html: str) -> str:
    """The dossier page with the app's navigation and the app's style sheet
    (``app.css.j2``) added to its own, so it looks like every other page."""
    env = environment()
    css = env.get_template("app.css.j2").render()
    html = html.replace("</style>", css + "\n</style>", 1)
    nav = env.get_template("appnav.html.j2").render()
    return html.replace("<body>", "<body>\n" + nav, 1)


def page_router() -> APIRouter:
    """Every HTML page (left out of the OpenAPI schema)."""
    router = APIRouter(include_in_schema=False)

    @router.get("/", response_class=HTMLResponse)
    def home(request: Request, offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
        with request.app.state.reader.snapshot() as db:
            return render("home.html.j2", **views.home_view(db, offset))

    @router.get("/developing/{dev_id}", response_class=HTMLResponse)
    def developing(
        request: Request, dev_id: str, offset: Annotated[int, Query(ge=0)] = 0
    ) -> HTMLResponse:
        return record_page(
            request,
            lambda db: developing_view(db, dev_id, offset),
            "developing.html.j2",
            f"There is no developing story {dev_id!r} in the stored dossier.",
        )

    for path, view, template, noun, links in (
        ("/stories/{item_id}", views.story_view, "story.html.j2", "story", True),
        ("/entities/{item_id}", views.entity_view, "entity.html.j2", "entity", False),
    ):
        router.add_api_route(
            path, record_route(view, template, noun, links), response_class=HTMLResponse
        )

    @router.get("/documents", response_class=HTMLResponse)
    def documents(
        request: Request,
        f: DocumentFilters,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> HTMLResponse:
        with request.app.state.reader.snapshot() as db:
            page = q.list_documents(db, f, 100, offset)
            openings = q.openings(
                db, [str(d.get("id")) for d in page["items"] if not d.get("title")]
            )
        docs = [
            {
                "id": d.get("id"),
                "label": views.doc_label({**d, **openings.get(str(d.get("id")), {})}),
                "flags": _flags(d),
            }
            for d in page["items"]
        ]
        active = f.active()

        def page_url(to: int) -> str:
            return "/documents?" + urlencode({**active, "offset": max(to, 0)})

        return render("documents.html.j2", page=page, docs=docs, filters=active, page_url=page_url)

    @router.get("/documents/{doc_id}", response_class=HTMLResponse)
    def document(request: Request, doc_id: str) -> HTMLResponse:
        from storyline.report.render.html import render_html
        from storyline.report.render.html.script import strip_own_script

        with request.app.state.reader.snapshot() as db:
            if q.get_document(db, doc_id) is None:
                return not_found(f"There is no document {doc_id!r} in the stored dossier.")
            sub = q.sub_dossier(db, [doc_id])
            sub["outside_labels"] = views.entity_doc_labels(db, sub, {doc_id})
        analysed_but_empty(sub)
        sub["page_document"] = page_document(sub)
        # the app's CSP allows no script at all, so the dossier page's own
        # (filter/sort comfort, allowed there by its hash) is left out here
        html = strip_own_script(render_html(sub))
        with request.app.state.reader.snapshot() as db:
            html = views.cite_outside(html, db)
        html = with_app_chrome(html)
        return HTMLResponse(views.app_links(html, {doc_id, "ent"}))

    @router.get("/search", response_class=HTMLResponse)
    def search(
        request: Request,
        f: DocumentFilters,
        q_: Annotated[str, Query(alias="q")] = "",
        advanced: bool = False,
    ) -> HTMLResponse:
        active = f.active()
        result, error = None, None
        if q_.strip():
            try:
                with request.app.state.reader.snapshot() as db:
                    result = views.search_view(db, q_, f, advanced=advanced)
            except SearchError as exc:
                error = str(exc)

        def facet_url(key: str, value: str) -> str:
            chosen = {**active, key: value}
            if active.get(key) == value:
                chosen.pop(key)
            extra = {"advanced": "1"} if advanced else {}
            return "/search?" + urlencode({"q": q_, **extra, **chosen})

        status = 400 if error else 200
        return render(
            "search.html.j2",
            status,
            query=q_,
            advanced=advanced,
            filters=active,
            result=result,
            error=error,
            facet_url=facet_url,
        )

    @router.get("/upload", response_class=HTMLResponse)
    def upload_form(request: Request) -> HTMLResponse:
        return _upload_page(request, [])

    @router.post("/upload", response_class=HTMLResponse, response_model=None)
    def upload(
        request: Request, files: Annotated[list[UploadFile], File()]
    ) -> HTMLResponse | RedirectResponse:
        job, refused = accept_upload(request.app.state.uploads, files)
        if job is None:
            return _upload_page(request, refused, 400)
        return RedirectResponse(f"/upload/{job.id}", status_code=303)

    @router.get("/upload/{job_id}", response_class=HTMLResponse)
    def upload_job(request: Request, job_id: str) -> HTMLResponse:
        job = request.app.state.uploads.jobs.get(job_id)
        if job is None:
            return not_found(f"There is no upload {job_id!r}.")
        return render("job.html.j2", job=job)

    @router.get("/api", response_class=HTMLResponse)
    def api_index(request: Request) -> HTMLResponse:
        routes = [
            {"method": method.upper(), "path": path, "summary": op.get("summary", "")}
            for path, ops in request.app.openapi()["paths"].items()
            for method, op in ops.items()
        ]
        return render("api.html.j2", routes=routes)

    @router.get("/static/{name}")
    def static(name: str) -> FileResponse:
        path = static_file(name)
        if path is None:
            raise HTTPException(404, "no such file")
        return FileResponse(path)

    @router.get("/robots.txt")
    def robots() -> FileResponse:
        return static("robots.txt")

    return router


def _flags(doc: dict[str, Any]) -> list[str]:
    from storyline.store.dossier import flags_column

    return flags_column(doc).split()


def _upload_page(request: Request, refused: list[str], status: int = 200) -> HTMLResponse:
    jobs = list(request.app.state.uploads.jobs.values())[-10:][::-1]
    return render(
        "upload.html.j2",
        status,
        refused=refused,
        jobs=jobs,
        max_mb=MAX_UPLOAD_BYTES // (1024 * 1024),
        max_files=MAX_FILES,
        extensions=accepted_extensions(),
    )
