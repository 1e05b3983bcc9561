"""``storyline serve``: the local web app and HTTP API over a workspace.

Pages and ``/api`` read the fused dossier that ``analyze``, ``report`` or an
upload stored in the workspace (``store/dossier.py``), one item or one page
at a time (``store/queries.py``), so they stay fast on large workspaces.
Modules, one concern each: ``app`` (the factory), ``pages`` and
``api_routes`` (routes only), ``views`` (what a page shows), ``actors`` (one actor per country in a
story's entity list), ``reader``
(per-thread read connections), ``upload`` (files to ingest, background
jobs), ``security`` (loopback by default, access token, headers, static
files); ``paged/`` serves a paged dossier (``serve --paged OUT``), each part
with these same pages. FastAPI is imported only when the app is made.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

    from storyline.settings import Settings

__all__ = ["create_app", "serve", "serve_paged"]


def create_app(
    workspace_path: str | Path, *, token: str | None = None, settings: Settings | None = None
) -> FastAPI:
    """The web app over ``workspace_path``; see ``storyline.web.app.create_app``."""
    from storyline.web.app import create_app as make

    return make(workspace_path, token=token, settings=settings)


def serve(
    settings: Settings, host: str = "127.0.0.1", port: int = 8000, token: str | None = None
) -> None:
    """Run the app with uvicorn until interrupted.

    Bound to loopback it needs no token; bound to any other address it warns
    on stderr and requires one (``token``, or a fresh one printed there).
    """
    _run(
        lambda tok: create_app(settings.workspace, token=tok, settings=settings),
        str(settings.workspace),
        host,
        port,
        token,
    )


def serve_paged(
    out_dir: str | Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    fail: Callable[[str], None] | None = None,
    workspace: str | Path | None = None,
) -> None:
    """Run the app over the paged dossier in ``out_dir`` (``web/paged``) until
    interrupted; safety as in ``serve``. ``fail`` is told why ``out_dir`` cannot
    be served (default: ``PagedError`` is raised); ``workspace`` (the one the
    dossier was written from) makes ``/search`` search every part."""
    from storyline.web.paged import create_paged_app
    from storyline.web.paged.corpus import PagedError

    if workspace is not None and not Path(workspace).is_file():
        raise_or = fail or _raise_paged
        raise_or(f"no workspace at {workspace} (give the one the paged dossier was written from)")
        return
    try:
        _run(
            lambda tok: create_paged_app(out_dir, token=tok, workspace=workspace),
            f"the paged dossier {out_dir}",
            host,
            port,
            token,
        )
    except PagedError as exc:
        if fail is None:
            raise
        fail(str(exc))


def _raise_paged(message: str) -> None:
    from storyline.web.paged.corpus import PagedError

    raise PagedError(message)


def _run(
    make: Callable[[str | None], FastAPI], what: str, host: str, port: int, token: str | None
) -> None:
    import uvicorn

    from storyline.web.security import exposure_warning, is_loopback, new_token

    if not is_loopback(host) and token is None:
        token = new_token()
    if token is not None and not is_loopback(host):
        sys.stderr.write(exposure_warning(host, port, token) + "\n")
    app = make(token)
    shown = f"[{host}]" if ":" in host else host
    link = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    sys.stderr.write(f"Storyline is serving {what} at {link} (Ctrl-C stops it)\n")
    uvicorn.run(app, host=host, port=port, log_level="warning")
