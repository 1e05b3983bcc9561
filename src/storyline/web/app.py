"""The app factory: the pages, the JSON API and the safety middleware over one workspace."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from storyline import __version__
from storyline.settings import Settings
from storyline.web.api_routes import api_router
from storyline.web.pages import page_router
from storyline.web.reader import Reader
from storyline.web.security import SecurityMiddleware
from storyline.web.upload import Uploads


def create_app(
    workspace_path: str | Path, *, token: str | None = None, settings: Settings | None = None
) -> FastAPI:
    """The web app over ``workspace_path`` (created if missing).

    ``token``: when set, every request must carry it (see ``web/security.py``);
    ``serve`` sets one whenever the app is bound to a non-loopback address.
    ``settings``: how uploads are ingested (default: from the environment,
    with this workspace).
    """
    # The dossier's renderer takes seconds to import: pay it now, not on the first page.
    import storyline.report.render.html  # noqa: F401

    app = FastAPI(
        title="Storyline",
        version=__version__,
        description="The workspace's documents and fused dossier, in storyline/1 shapes.",
        docs_url=None,  # the interactive docs load scripts from a CDN: no external assets
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.reader = Reader(workspace_path)
    app.state.uploads = Uploads(settings or Settings.from_env(workspace=Path(workspace_path)))
    app.add_middleware(SecurityMiddleware, token=token)
    app.include_router(api_router())
    app.include_router(page_router())
    return app
