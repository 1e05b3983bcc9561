"""High-level calls: what the CLI, the web app (``storyline.web``) and users' scripts run.

Every CLI command is a thin shell over one function here::

    from storyline.api import analyze
    from storyline.settings import Settings
    result = analyze(["articles/"], "out/", Settings(workspace="work.db"))
    print(result.paths["html"], result.errors)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from storyline import __version__
from storyline.model import ReadError
from storyline.progress import Progress, no_progress
from storyline.runtime import bulk_gc
from storyline.settings import Settings
from storyline.store import Workspace, WorkspaceError
from storyline.store.search import DEFAULT_TIME_LIMIT
from storyline.version_cache import current_version, remember_version

#: Above this many documents the dossier keeps its document records packed,
#: decoded one at a time (``report/build/spill.py``); the files are the same.
#: Not lower: at 1,000 real articles packing cost 4.7 s of `report`'s 41 s CPU
#: and saved no peak memory (780 vs 784 MB); where the peak is then set
#: elsewhere (fusion, HTML views). A judgment, not a fitted value.
SPILL_ABOVE = 2000

#: Layouts of the written dossier: ``single`` (one dossier.json/.md/.html),
#: ``paged`` (``storyline.report.paged``: parts of at most ``PAGED_PART_DOCS``
#: documents plus an index), ``auto`` (paged above ``PAGED_ABOVE`` documents).
LAYOUTS = ("auto", "single", "paged")
#: ``auto`` pages above this many documents. A judgment: the single layout's
#: dossier phase held 2.8 GB at 3,000 synthetic documents (docs/scale.md) and
#: grows about linearly (some 4.5 GB at 5,000, extrapolated), more than a laptop
#: with other work open can spare; below it one file keeps every cross-document
#: link (copies, stories and disagreements across the whole corpus).
PAGED_ABOVE = 5000
#: Documents per part at most (the planner keeps groups together within it).
#: 1,000, not 2,000: one process building a 2,000-document part reached 2.05 GB
#: (synthetic workspace, docs/scale.md), above the 2 GB the issue allows.
PAGED_PART_DOCS = 1000
#: ... and at most this many tokens of text per document allowed, on average
#: (1,000,000 for 1,000 documents): a part's memory follows its text, and at
#: 100,000 synthetic documents a part of 500 long articles (3.5 M tokens)
#: reached 2.17 GB where 500 typical ones (0.5 M) stay near 1 GB
#: (docs/scale.md). Typical news (about 600 tokens) fills parts by count.
PAGED_TOKENS_PER_DOC = 1000

# The pipeline (spaCy), readers (trafilatura), fusion and report (jsonschema)
# are imported by the calls that need them, so ``status`` and ``search``
# start in a fraction of a second.


@dataclass
class IngestResult:
    doc_ids: list[str] = field(default_factory=list)  # every readable document given, in order
    new: int = 0  # documents not in the workspace before
    analysed: int = 0  # documents (re-)analysed in this run
    unchanged: int = 0  # already stored with a current analysis
    errors: list[ReadError] = field(default_factory=list)
    analysis_errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": len(self.doc_ids),
            "doc_ids": self.doc_ids,
            "new": self.new,
            "analysed": self.analysed,
            "unchanged": self.unchanged,
            "errors": [e.to_dict() for e in self.errors],
            "analysis_errors": self.analysis_errors,
        }


@dataclass
class AnalyzeResult:
    ingest: IngestResult
    paths: dict[str, Path]
    dossier: dict[str, Any]  # empty for the paged layout (never built whole)
    layout: str = "single"  # the layout written: "single" or "paged"

    def to_dict(self) -> dict[str, Any]:
        outputs = {k: str(v) for k, v in self.paths.items()}
        return {**self.ingest.to_dict(), "layout": self.layout, "outputs": outputs}


@bulk_gc()
def ingest(
    inputs: Iterable[str],
    settings: Settings,
    *,
    fetch: Sequence[str] = (),
    stdin: BinaryIO | None = None,
    progress: Progress = no_progress,
    exclude: Sequence[Path] = (),
    prepare_dossier: bool = False,
    layout: str | None = None,
) -> IngestResult:
    """Read inputs, store new documents, analyse what has no current analysis.

    ``prepare_dossier`` (``analyze`` sets it): with a process pool, the main
    process, idle while the workers analyse, meanwhile does the dossier
    phase's one-off set-up (``prepare_dossier_phase``).

    ``layout``: the layout the dossier of these documents will be written in
    (``analyze`` passes its own). The planner digests the paged layout reads
    are then made during analysis only when it is paged for the documents
    read; otherwise a paged report makes them from the stored analyses when
    it first needs them (``store.digests``). Without it they are always made.

    ``exclude``: paths never read as input (``analyze`` passes its output
    folder; the workspace's own files are always left out).

    Idempotent: the same inputs again store nothing twice and analyse nothing
    again (unless the pipeline version changed). Each analysis is committed
    as it arrives, in its own short transaction, so a run killed after its
    first analysis has still made progress, and another process ingesting
    into the same workspace only ever waits for one document's write.
    """
    from storyline.pipeline import analyze_parallel, pipeline_version
    from storyline.read import read_inputs
    from storyline.store.packed import pack_for_store, pack_without_digest
    from storyline.store.pending import PendingDocuments

    result = IngestResult()
    seen: set[str] = set()
    with _open(settings) as ws:
        todo = PendingDocuments(ws)  # stubs: texts stay in the workspace until analysed
        n_read = 0
        version = pipeline_version(options=settings.extractor_options())
        remember_version(ws, settings.extractor_options(), version)
        items = read_inputs(inputs, settings=settings, fetch=fetch, stdin=stdin, exclude=exclude)
        for item in items:
            n_read += 1
            progress("read", n_read, None)
            if isinstance(item, ReadError):
                result.errors.append(item)
                continue
            if ws.add_document(item):
                result.new += 1
            if item.id in seen:
                continue
            seen.add(item.id)
            result.doc_ids.append(item.id)
            if ws.needs_analysis(item.id, version):
                todo.append(item)
            else:
                result.unchanged += 1
        total = len(todo)
        progress("analyse", 0, total)
        # Packed in the worker: the main process only inserts (see store/packed.py).
        prepare = prepare_dossier and settings.processes > 1
        paged = layout is None or choose_layout(layout, len(result.doc_ids)) == "paged"
        finish = pack_for_store if paged else pack_without_digest
        for packed in analyze_parallel(todo, settings, finish=finish):
            if prepare:  # the pool is running now: use the main process's idle time
                prepare = False
                prepare_dossier_phase()
            if packed.errors:
                result.analysis_errors[packed.doc_id] = packed.errors
            result.analysed += ws.put_packed([packed])
            progress("analyse", result.analysed, total)
    return result


def prepare_dossier_phase() -> None:
    """Import fusion and the report, build fusion's place list and compile the
    schema validator: one-off costs (about 3 s CPU) of the dossier phase, which
    runs in one process. Done while a pool analyses, they cost that process's
    idle time instead of lengthening the serial phase."""
    from storyline.fuse.entity_names import is_known_place
    from storyline.report import render_html_files  # noqa: F401 - the import is the point
    from storyline.report.schema import schema_holds

    is_known_place("")
    schema_holds({})


def _open(settings: Settings) -> Workspace:
    return Workspace(settings.workspace, busy_timeout=settings.busy_timeout)


def _existing(settings: Settings) -> Workspace:
    if not Path(settings.workspace).exists():
        raise WorkspaceError(
            f"no workspace at {settings.workspace}; run `storyline ingest INPUT...` first "
            "or point --workspace / STORYLINE_WORKSPACE at one"
        )
    return _open(settings)


@bulk_gc()
def build(
    settings: Settings, doc_ids: Sequence[str] | None = None, errors: Sequence[ReadError] = ()
) -> dict[str, Any]:
    """The dossier (``storyline/1`` dict) for some or all documents of the workspace."""
    from storyline.fuse import fuse
    from storyline.report import build_dossier

    with _existing(settings) as ws:
        analyses = list(ws.analyses(doc_ids))
    dossier = build_dossier(
        analyses,
        fuse(analyses, kb_path=settings.kb, processes=settings.processes),
        errors=errors,
        generated_by=f"storyline {__version__}",
        # Above this many documents their records are kept packed (report/build/spill.py).
        spill=len(analyses) > SPILL_ABOVE,
    )
    # How the readable views filter: quotes below this confidence are hidden there.
    dossier["display"] = {"quote_min_confidence": settings.quote_display_threshold}
    return dossier


def choose_layout(layout: str, n_documents: int) -> str:
    """``single`` or ``paged`` for ``layout`` (one of ``LAYOUTS``) and a corpus size."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout {layout!r}: choose one of {', '.join(LAYOUTS)}")
    if layout == "auto":
        return "paged" if n_documents > PAGED_ABOVE else "single"
    return layout


def _count_analyses(settings: Settings) -> int:
    with _existing(settings) as ws:
        return int(ws.db.execute("SELECT COUNT(*) FROM analyses").fetchone()[0])


@bulk_gc()
def report(
    out_dir: str | Path,
    settings: Settings,
    doc_ids: Sequence[str] | None = None,
    *,
    layout: str = "single",
    progress: Progress = no_progress,
    part_docs: int | None = None,
) -> dict[str, Path]:
    """Write dossier.json / .md / .html for the workspace (or the given documents).

    ``layout="paged"`` (or ``"auto"`` above ``PAGED_ABOVE`` documents) writes
    the paged dossier instead (``storyline.report.paged``): ``index.json`` /
    ``.md`` / ``.html`` and ``parts/``, returned under ``json`` / ``markdown``
    / ``html`` / ``parts``; ``part_docs`` caps a part (default
    ``PAGED_PART_DOCS``). The paged layout is not stored in the workspace
    (``keep_dossier``): no dossier of the whole corpus is ever built;
    ``storyline serve --paged OUT`` serves it (``storyline.web.paged``).
    """
    n = len(doc_ids) if doc_ids is not None else _count_analyses(settings)
    if choose_layout(layout, n) == "paged":
        from storyline.report.paged import write_paged

        max_docs = part_docs or PAGED_PART_DOCS
        return write_paged(
            settings,
            out_dir,
            doc_ids,
            max_docs=max_docs,
            max_tokens=max_docs * PAGED_TOKENS_PER_DOC,
            progress=progress,
        )
    from storyline.report import write_dossier

    dossier = build(settings, doc_ids)
    paths = write_dossier(dossier, Path(out_dir), settings.processes, items_checked=True)
    keep_dossier(dossier, settings)
    return paths


def keep_dossier(dossier: dict[str, Any], settings: Settings) -> None:
    """Store a (validated) dossier in the workspace as its current one, for
    ``storyline serve`` to query item by item (``store/dossier.py``); it replaces
    the last one in one transaction."""
    from storyline.store.dossier import put_dossier

    with _open(settings) as ws:
        put_dossier(ws, dossier)


@bulk_gc()
def analyze(
    inputs: Iterable[str],
    out_dir: str | Path,
    settings: Settings,
    *,
    fetch: Sequence[str] = (),
    stdin: BinaryIO | None = None,
    progress: Progress = no_progress,
    layout: str = "single",
    part_docs: int | None = None,
) -> AnalyzeResult:
    """Ingest the inputs and write the dossier of exactly those documents
    (``layout`` as in ``report``; the paged result's ``dossier`` is empty)."""
    choose_layout(layout, 0)  # an unknown layout fails before any work
    result = ingest(
        inputs,
        settings,
        fetch=fetch,
        stdin=stdin,
        progress=progress,
        exclude=[Path(out_dir)],
        prepare_dossier=True,
        layout=layout,
    )
    if choose_layout(layout, len(result.doc_ids)) == "paged":
        from storyline.report.paged import write_paged

        paths = write_paged(
            settings,
            out_dir,
            result.doc_ids,
            max_docs=part_docs or PAGED_PART_DOCS,
            max_tokens=(part_docs or PAGED_PART_DOCS) * PAGED_TOKENS_PER_DOC,
            progress=progress,
            errors=result.errors,
        )
        return AnalyzeResult(ingest=result, paths=paths, dossier={}, layout="paged")
    from storyline.report import write_dossier

    dossier = build(settings, result.doc_ids, errors=result.errors)
    paths = write_dossier(dossier, Path(out_dir), settings.processes, items_checked=True)
    keep_dossier(dossier, settings)
    return AnalyzeResult(ingest=result, paths=paths, dossier=dossier)


def status(settings: Settings) -> dict[str, Any]:
    """What the workspace holds, every count under a named key.

    ``current`` counts analyses made by this code's pipeline version,
    ``stale`` the documents an ingest would (re-)analyse, and
    ``pipeline_versions`` lists ``{"pipeline_version", "analyses"}`` per version.
    """
    with _existing(settings) as ws:
        info = ws.status()
        version = current_version(ws, settings.extractor_options())
    counts = info["pipeline_versions"]
    info["pipeline_versions"] = [
        {"pipeline_version": v, "analyses": n} for v, n in sorted(counts.items())
    ]
    info["pipeline_version"] = version
    info["current"] = counts.get(version, 0)
    info["stale"] = info["documents"] - info["current"]
    return info


def schema() -> dict[str, Any]:
    """The ``storyline/1`` JSON Schema as validation uses it: the core file plus
    the section fragment of every registered extractor."""
    from storyline.report import load_schema

    return load_schema()


def search(
    query: str,
    settings: Settings,
    limit: int = 20,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    advanced: bool = False,
) -> list[dict[str, Any]]:
    """Full-text search: plain words and "quoted phrases" as text, or FTS5 syntax
    with ``advanced`` (or a leading ``fts:``). Each hit has id, title, outlet,
    published, file, matched (text, repaired or title), snippet and the
    [start, end] ``highlights`` of the matches in the snippet. A bad limit, an
    over-long or too expensive query or bad advanced syntax raise
    ``SearchError`` (a ``WorkspaceError``) with one line saying what to change."""
    with _existing(settings) as ws:
        return ws.search(query, limit=limit, time_limit=time_limit, advanced=advanced)
