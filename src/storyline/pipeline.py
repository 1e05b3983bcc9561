"""The per-document pure function and its batched and parallel drivers.

``analyze(raw) -> DocumentAnalysis`` touches no database and no shared state,
so the same function runs in-process or in a process pool (and, once built,
on Spark) and gives the same result. It runs the stages in pipeline order, each a named
step:

1. ``clean`` — boilerplate spans and metadata (``storyline.clean``);
2. ``nlp`` — the parse, boilerplate masked (``storyline.nlp``);
3. ``despin`` — machine-spun wording detected; a spun document's repaired
   view is parsed, offsets mapped back;
4. ``extract`` — every registered extractor (``storyline.extract.registry``),
   each after what it needs, on the view it asks for.
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import json
import logging
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.context import BaseContext
from typing import Any

from storyline import clean as clean_stage
from storyline import despin as despin_stage
from storyline import nlp as nlp_stage
from storyline.despin import Despun
from storyline.extract.registry import ExtractorSpec, Registry, default_registry
from storyline.fingerprint import code_fingerprint
from storyline.model import DocumentAnalysis, Metadata, ParsedDocument, RawDocument, Span
from storyline.nlp.ner_places import load_places
from storyline.runtime import BULK_GC_THRESHOLDS
from storyline.settings import Settings

log = logging.getLogger(__name__)

# Bump when the output of clean, nlp or despin changes. Extractors carry
# their own versions; the pipeline version combines them all, and stored
# analyses of another version are recomputed on the next ingest.
CORE_VERSION = "7"

#: The despin step: (parse of the text as written, masked text) -> what it found.
Despinner = Callable[[ParsedDocument, str], Despun]


def pipeline_version(
    registry: Registry | None = None, options: dict[str, str] | None = None
) -> str:
    """``<core>.<hash of the extractors' names and versions>.<code fingerprint>``,
    and ``+<hash>`` of the extractor options when there are any (another
    GeoNames dump finds other places, so stored analyses made without it are
    redone). The code fingerprint (``storyline.fingerprint``) changes with any
    file of the per-document stages, so a rule changed without a version bump
    still redoes the analyses it would change."""
    version = (registry or default_registry()).version(CORE_VERSION)
    version += "." + code_fingerprint()
    if options:
        key = json.dumps(options, sort_keys=True).encode()
        version += "+" + hashlib.sha256(key).hexdigest()[:8]
    return version


@dataclass
class Pipeline:
    """A configured per-document pipeline. Holds the model; picklable settings only."""

    settings: Settings
    registry: Registry = field(default_factory=default_registry)
    despin: Despinner | None = despin_stage.despin  # None: skip spin detection and repair

    @property
    def nlp(self) -> Any:
        return nlp_stage.load_nlp(
            self.settings.model, self.settings.ner, profile=self.settings.profile
        )

    @property
    def version(self) -> str:
        return pipeline_version(self.registry, self.settings.extractor_options())

    def analyze(self, raw: RawDocument) -> DocumentAnalysis:
        """Analyse one document (the pure per-document function)."""
        return next(iter(self.analyze_many([raw])))

    def analyze_many(self, raws: Iterable[RawDocument]) -> Iterator[DocumentAnalysis]:
        """Analyse documents in ``nlp.pipe`` batches; results come back in input order."""
        it = iter(raws)
        while batch := list(islice(it, self.settings.batch_size)):
            yield from self._analyze_batch(batch)

    def _analyze_batch(self, batch: Sequence[RawDocument]) -> Iterator[DocumentAnalysis]:
        cleaned: list[tuple[list[Span], Metadata]] = []
        clean_errors: dict[str, str] = {}
        for raw in batch:
            try:
                cleaned.append(clean_stage.clean(raw, self.settings))
            except Exception as exc:  # a bug on one document must not lose the batch
                cleaned.append(([], Metadata(url=raw.url)))
                clean_errors[raw.id] = f"clean: {exc.__class__.__name__}: {exc}"
                _note(raw, "clean", exc)
        masked = [
            nlp_stage.mask(raw.text, spans) for raw, (spans, _) in zip(batch, cleaned, strict=True)
        ]
        docs = nlp_stage.parse(self.nlp, masked, batch_size=self.settings.batch_size)
        version = self.version
        for raw, (spans, metadata), text, doc in zip(batch, cleaned, masked, docs, strict=True):
            analysis = DocumentAnalysis(
                doc_id=raw.id,
                pipeline_version=version,
                text=raw.text,
                source=raw.source,
                format=raw.format,
                metadata=metadata,
                spans=spans,
                sentences=nlp_stage.sentences(doc),
                n_tokens=nlp_stage.token_count(doc),
                external_id=raw.external_id,
                dct=raw.dct,
            )
            if raw.id in clean_errors:
                analysis.errors.append(clean_errors[raw.id])
            original = ParsedDocument(raw=raw, spans=analysis.spans, metadata=metadata, doc=doc)
            repaired = self._despin(original, analysis, text)
            self._extract({"original": original, "repaired": repaired}, analysis)
            for view in (original, repaired):
                nlp_stage.release(view.doc)  # freed now, not at the next full collection
            yield analysis

    def _extract(self, views: dict[str, ParsedDocument], analysis: DocumentAnalysis) -> None:
        """Run every registered extractor; one that fails costs only its own output."""
        results: dict[str, Any] = {}
        failed: set[str] = set()
        options = self.settings.extractor_options()
        for view in views.values():
            view.results = results
            view.options = options
        for spec in self.registry:
            missing = [n for n in spec.needs if n in failed]
            if missing:
                failed.add(spec.name)
                analysis.errors.append(f"{spec.name}: skipped, needs {', '.join(missing)}")
                continue
            try:
                result = spec.func(views[spec.view])
            except Exception as exc:
                failed.add(spec.name)
                analysis.errors.append(f"{spec.name}: {exc.__class__.__name__}: {exc}")
                _note(views[spec.view].raw, spec.name, exc)
                continue
            results[spec.name] = result
            _land(spec, result, analysis)

    def _despin(
        self, parsed: ParsedDocument, analysis: DocumentAnalysis, masked: str
    ) -> ParsedDocument:
        """Run the despin stage; for a repaired document, parse its repaired view."""
        if self.despin is None:
            return parsed
        try:
            found = self.despin(parsed, masked)
        except Exception as exc:
            analysis.errors.append(f"despin: {exc.__class__.__name__}: {exc}")
            _note(parsed.raw, "despin", exc)
            return parsed
        analysis.integrity["spun"] = found.summary
        analysis.spans.extend(found.spans)
        if found.repaired is None:
            return parsed
        return ParsedDocument(
            raw=parsed.raw,
            spans=analysis.spans,
            metadata=parsed.metadata,
            doc=next(nlp_stage.parse(self.nlp, [found.repaired])),
            offset_map=found.offset_map,
        )


def _land(spec: ExtractorSpec, result: Any, analysis: DocumentAnalysis) -> None:
    """Put an extractor's result where its declaration says."""
    key = spec.integrity_key
    if key is not None:
        if result is not None:
            analysis.integrity[key] = result
    else:
        analysis.outputs[spec.output] = list(result or [])


def _note(raw: RawDocument, step: str, exc: Exception) -> None:
    # The analysis records a one-line error for the user (the CLI prints it as a
    # warning); the traceback is for debugging, at DEBUG level.
    log.debug("%s failed on %s", step, raw.source, exc_info=exc)


def analyze(raw: RawDocument, settings: Settings | None = None) -> DocumentAnalysis:
    """The per-document pure function: one document in, its analysis out."""
    return Pipeline(settings or Settings()).analyze(raw)


# ----------------------------------------------------------- process pool


#: Run in the worker on each analysis; only its result is sent back.
Finish = Callable[[DocumentAnalysis], Any]
#: Tasks per worker over a run (load balance at the end of the run).
TASKS_PER_WORKER = 4
#: Tasks queued per worker at any time (bounded memory; no worker waits for work).
IN_FLIGHT_PER_WORKER = 2
#: Thread-pool sizes of numeric libraries, set to 1 in every worker.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")

#: Seconds between a worker's looks at whether the process that started it is alive.
PARENT_CHECK_EVERY = 1.0
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _worker_init(parent: int) -> None:
    """Make a pool worker die with the process that started the pool.

    A killed ingest used to leave its workers running for minutes, holding
    ~500 MB each. On Linux the kernel kills the worker when its parent dies
    (``prctl(PR_SET_PDEATHSIG)``); a watchdog thread that sees the worker
    re-parented, or the starting process gone, covers other systems and the
    moment before the ``prctl`` took effect.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no libc prctl: the watchdog alone
            pass
    _limit_threads()
    gc.set_threshold(*BULK_GC_THRESHOLDS)  # a worker only analyses (storyline.runtime)
    ppid = os.getppid()
    if not _alive(parent):
        os._exit(1)
    watchdog = threading.Thread(
        target=_watch_parent, args=(parent, ppid), name="storyline-watch-parent", daemon=True
    )
    watchdog.start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _watch_parent(parent: int, ppid: int) -> None:
    # Re-parenting (getppid changes) is seen even while the dead parent is an
    # unreaped zombie, which os.kill(parent, 0) would still find.
    while True:
        time.sleep(PARENT_CHECK_EVERY)
        if os.getppid() != ppid or not _alive(parent):
            os._exit(1)


def _limit_threads() -> None:
    """One BLAS/OpenMP thread per worker: ``-j N`` means N busy cores, not N
    times the library's own thread pool fighting over them."""
    for name in THREAD_VARIABLES:
        os.environ[name] = "1"
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # not installed: the variables cover libraries loaded later
        return
    threadpool_limits(1)


def _worker_analyze(args: tuple[Settings, list[RawDocument], Finish | None]) -> list[Any]:
    settings, raws, finish = args
    analyses = Pipeline(settings).analyze_many(raws)
    return [finish(a) for a in analyses] if finish else list(analyses)


def chunk_size(n_docs: int, processes: int, batch_size: int) -> int:
    """Documents per task: at most ``batch_size``, and small enough that every
    worker gets about ``TASKS_PER_WORKER`` tasks (42 documents in chunks of 32
    left one of two workers idle most of the run)."""
    per_task = -(-n_docs // (processes * TASKS_PER_WORKER))
    return max(1, min(batch_size, per_task))


def _fork_context() -> BaseContext | None:
    methods = mp.get_all_start_methods()
    return mp.get_context("fork") if "fork" in methods else None


def analyze_parallel(
    raws: Sequence[RawDocument],
    settings: Settings,
    processes: int | None = None,
    finish: Finish | None = None,
) -> Iterator[Any]:
    """Run the same pure function in a process pool; results in input order.

    Identical to in-process analysis. ``finish`` (a picklable module-level
    function) runs on each analysis where it was made, so only its (small)
    result crosses back: ingest passes ``store.packed.pack_for_store``.
    Where ``fork`` exists the model is loaded once here, before the pool
    starts, and every worker inherits it (no load per worker, pages shared);
    elsewhere each worker loads it once. At most ``IN_FLIGHT_PER_WORKER``
    tasks per worker are queued, so memory stays bounded however many
    documents there are. Workers die with the process that started them
    (``_worker_init``).
    """
    processes = processes or settings.processes
    if processes <= 1 or len(raws) < 2:
        for analysis in Pipeline(settings).analyze_many(raws):
            yield finish(analysis) if finish else analysis
        return
    size = chunk_size(len(raws), processes, settings.batch_size)
    chunks = (list(raws[i : i + size]) for i in range(0, len(raws), size))
    context = _fork_context()
    preloaded = context is not None and nlp_stage.load_nlp.cache_info().currsize == 0
    if context is not None:
        Pipeline(settings).nlp  # noqa: B018 - load once; the forked workers inherit it
        load_places()  # every worker's NER and this process's fusion read it
    try:
        yield from _pool(chunks, settings, processes, context, finish)
    finally:
        if preloaded:  # loaded here only for the workers: not held through fusion
            nlp_stage.load_nlp.cache_clear()


def _pool(
    chunks: Iterator[list[RawDocument]],
    settings: Settings,
    processes: int,
    context: BaseContext | None,
    finish: Finish | None,
) -> Iterator[Any]:
    with ProcessPoolExecutor(
        max_workers=processes,
        mp_context=context,
        initializer=_worker_init,
        initargs=(os.getpid(),),
    ) as pool:
        pending: deque[Future[list[Any]]] = deque()
        for chunk in islice(chunks, processes * IN_FLIGHT_PER_WORKER):
            pending.append(pool.submit(_worker_analyze, (settings, chunk, finish)))
        while pending:
            done = pending.popleft().result()
            for chunk in islice(chunks, 1):
                pending.append(pool.submit(_worker_analyze, (settings, chunk, finish)))
            yield from done
