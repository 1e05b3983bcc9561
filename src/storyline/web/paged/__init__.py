"""``storyline serve --paged OUT``: the web app over a paged dossier.

A paged dossier (``report/paged/``) is a set of parts, each a dossier of its
own whose entity, story and lineage ids may repeat in another part, plus a
corpus-wide index. The app shows the index itself (``routes``: the parts,
the entity index merged across parts, searchable and paged) and serves each
part with the single layout's own pages and API under ``/parts/<part>/`` and
``/api/parts/<part>/`` (``dispatch``). A part's ``dossier.json`` is stored
into a SQLite file of the cache folder the first time it is asked for and
read from there after (``parts``); only a small LRU of parts is kept open,
so start-up reads the index's head and nothing of any part. Modules:
``corpus`` (the index and its cache), ``parts`` (parts on demand),
``dispatch`` (part paths, links under the part), ``routes`` (pages, API).
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["CACHE_NAME", "cache_folder", "create_paged_app", "is_paged"]

#: The cache folder's name inside the paged output folder.
CACHE_NAME = ".serve-cache"


def is_paged(path: str | Path) -> bool:
    """Whether ``path`` is a paged dossier's output folder (it has ``index.json``)."""
    return Path(path).is_dir() and (Path(path) / "index.json").is_file()


def cache_folder(out_dir: Path, cache_dir: str | Path | None = None) -> Path:
    """Where the part files and the entity index are cached: ``cache_dir``, else
    ``OUT/.serve-cache``, else (a read-only output folder) a folder of the
    system's temporary directory named after the output folder."""
    if cache_dir is not None:
        folder = Path(cache_dir)
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    folder = out_dir / CACHE_NAME
    try:
        folder.mkdir(exist_ok=True)
        probe = folder / ".probe"
        probe.write_text("", encoding="utf-8")
        probe.unlink()
        return folder
    except OSError:
        tag = hashlib.sha1(str(out_dir.resolve()).encode()).hexdigest()[:12]  # noqa: S324
        folder = Path(tempfile.gettempdir()) / f"storyline-serve-{tag}"
        folder.mkdir(exist_ok=True)
        return folder


def create_paged_app(
    out_dir: str | Path,
    *,
    token: str | None = None,
    cache_dir: str | Path | None = None,
    lru_parts: int | None = None,
    isolate: bool = True,
    workspace: str | Path | None = None,
) -> FastAPI:
    """The web app over the paged dossier in ``out_dir`` (``index.json`` and ``parts/``).

    Raises ``corpus.PagedError`` (one line) when ``out_dir`` is not a readable
    paged dossier. ``token`` as in ``storyline.web.create_app``; ``lru_parts``:
    part apps kept open (default ``parts.LRU_PARTS``); ``isolate``: store a part
    into the cache in a child process (its memory returned when it ends);
    ``workspace``: the workspace the dossier was written from, searched by
    ``/search`` across every part (``search``; without it, only a part's own).
    """
    from fastapi import FastAPI

    import storyline.report.render.html  # noqa: F401 - seconds to import: now, not on a page
    from storyline import __version__
    from storyline.web.paged.corpus import CorpusIndex, PagedError
    from storyline.web.paged.dispatch import PartDispatch
    from storyline.web.paged.parts import LRU_PARTS, PartApps
    from storyline.web.paged.routes import paged_router
    from storyline.web.paged.search import CorpusSearch
    from storyline.web.security import SecurityMiddleware

    out = Path(out_dir)
    if not is_paged(out):
        # Before any cache folder is made: a wrong path leaves nothing behind.
        raise PagedError(f"{out}: no index.json (not a paged dossier)")
    cache = cache_folder(out, cache_dir)
    corpus = CorpusIndex(out, cache)
    app = FastAPI(
        title="Storyline (paged dossier)",
        version=__version__,
        description="A paged dossier's parts and entity index; each part's records under "
        "/api/parts/{part}/ in storyline/1 shapes.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.corpus = corpus
    app.state.search = CorpusSearch(Path(workspace)) if workspace is not None else None
    app.state.parts = PartApps(out, cache, lru_parts or LRU_PARTS, isolate)
    app.state.parts.sweep({str(p.get("id")) for p in corpus.head.get("parts") or []})
    app.include_router(paged_router())
    app.add_middleware(PartDispatch, corpus=corpus, parts=app.state.parts)
    app.add_middleware(SecurityMiddleware, token=token)  # outermost: parts are guarded too
    return app
