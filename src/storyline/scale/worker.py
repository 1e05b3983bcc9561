"""What runs inside a Spark executor: reading, and the per-document pure function.

Nothing here imports Spark, so the same functions are tested without Java.
The model is loaded once per executor Python process: ``pipeline_for`` keeps
one ``Pipeline`` per ``Settings`` in a module-level cache, which survives
across tasks because PySpark reuses its Python workers
(``spark.python.worker.reuse``, on by default).

Reads give tagged tuples (``("raw", RawDocument)`` or ``("error", source,
doc_id or None, stage, reason)``); the analysis gives bundle rows
(``scale.rows.bundle_row``): one row per document with every table's rows.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from storyline.model import DocumentAnalysis, RawDocument, ReadError
from storyline.read import read_bytes, read_path, reasons
from storyline.read.collection import collection_too_big
from storyline.read.dispatch import STREAMED
from storyline.read.formats import by_extension
from storyline.read.records import record
from storyline.read.scrub import storable
from storyline.read.sources import too_big
from storyline.runtime import BULK_GC_THRESHOLDS, spacy_without_torch
from storyline.scale.columns import INPUT_COLUMNS
from storyline.settings import Settings

if TYPE_CHECKING:
    from storyline.pipeline import Pipeline

log = logging.getLogger(__name__)

#: One configured pipeline (and so one model load) per executor process and settings.
_PIPELINES: dict[Settings, Pipeline] = {}
#: Thread-pool sizes of numeric libraries, set to 1 in an executor's Python worker.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")

Result = tuple[Any, ...]


def pipeline_for(settings: Settings) -> Pipeline:
    """The cached pipeline of this process for ``settings`` (built on first use)."""
    found = _PIPELINES.get(settings)
    if found is None:
        # Imported here, not at the top: a worker that only reads (or only
        # cuts tables) must not pay for spaCy and torch (~7 s on a busy machine).
        from storyline.pipeline import Pipeline

        settle_worker()
        found = _PIPELINES[settings] = Pipeline(settings)
    return found


def settle_worker() -> None:
    """Make this Python worker cheap to run tasks in (once, before the model loads).

    - One BLAS/OpenMP thread: Spark runs one worker per task slot, so more
      threads only fight over the same cores (the process pool does the same).
    - No import finder for ``.jar`` files on ``sys.path``: PySpark puts
      ``spark-core.jar`` there (5,000 entries, no Python in it) and calls
      ``importlib.invalidate_caches()`` before every task, which re-reads the
      directory of every zip on the path (~0.2 s a task on a busy machine).
    - Bulk-run collector thresholds, and thinc imported without torch
      (``storyline.runtime``: together about a tenth of a 1,000-article run).
    """
    gc.set_threshold(*BULK_GC_THRESHOLDS)
    spacy_without_torch()
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # the variables cover libraries loaded later
        pass
    else:
        threadpool_limits(1)
    jars = [p for p in sys.path if p.endswith(".jar")]
    for path in jars:
        sys.path.remove(path)
        sys.path_importer_cache.pop(path, None)


def admit(item: RawDocument | ReadError, settings: Settings) -> Result:
    """A read item as a result: documents over ``max_chars`` refused, text made storable.

    The same checks ``storyline.read.read_inputs`` makes on one machine.
    """
    if isinstance(item, ReadError):
        return ("error", item.source, None, "read", item.reason)
    if len(item.text) > settings.max_chars:
        reason = reasons.TEXT_TOO_LONG.format(
            chars=f"{len(item.text):,}", limit=f"{settings.max_chars:,}"
        )
        return ("error", item.source, item.id, "read", reason)
    return ("raw", storable(item))


def read_local(path: str, settings: Settings) -> Iterator[Result]:
    """One local (or shared-filesystem) file through the project's own reader."""
    try:
        for item in read_path(Path(path), settings=settings):
            yield admit(item, settings)
    except Exception as exc:  # noqa: BLE001 - one file must never stop the job
        yield ("error", path, None, "read", f"{type(exc).__name__}: {exc}")


def local_source(uri: str) -> str:
    """A ``file:`` URI as the plain path a user gave; other URIs unchanged."""
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else uri


def read_blob(uri: str, data: bytes, settings: Settings) -> Iterator[Result]:
    """One file's bytes as Spark's ``binaryFiles`` hands them (HDFS, S3, ...).

    As on one machine, a collection (JSONL, WARC) is bounded per record by
    ``max_bytes`` and as a whole by ``max_collection_bytes``; any other file
    by ``max_bytes``. (``binaryFiles`` holds the whole file: keep remote
    collections in parts of a few hundred MB.)
    """
    source = local_source(uri)
    fmt = by_extension(Path(urlparse(uri).path).name)
    whole = settings.max_collection_bytes
    if fmt in STREAMED and whole and len(data) > whole:
        yield ("error", source, None, "read", collection_too_big(len(data), whole))
        return
    if fmt not in STREAMED and len(data) > settings.max_bytes:
        yield ("error", source, None, "read", too_big(len(data), settings.max_bytes))
        return
    limits = {"max_bytes": settings.max_bytes, "max_collection_bytes": whole}
    for item in read_bytes(source, data, fmt, **limits):
        yield admit(item, settings)


def read_row(source: str, values: dict[str, Any], settings: Settings) -> Result:
    """One Parquet row (the JSONL record's columns) as a document.

    Its content id is the hash of the row as canonical JSON, so the same
    record read as JSONL or as Parquet may differ in id but never in text.
    """
    clean = {k: v for k, v in values.items() if v is not None}
    raw = json.dumps(clean, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")
    try:
        return admit(record(source, clean, raw, "parquet"), settings)
    except Exception as exc:  # noqa: BLE001
        return ("error", source, None, "read", f"{type(exc).__name__}: {exc}")


def input_row(result: Result) -> tuple[Any, ...]:
    """A read result (``("raw", doc)`` / ``("error", ...)``) as an ``INPUT_COLUMNS`` row."""
    if result[0] == "error":
        _, source, doc_id, _stage, reason = result
        return (doc_id, source, *([None] * (len(INPUT_COLUMNS) - 3)), reason)
    raw = result[1]
    return (
        raw.id,
        raw.source,
        raw.format,
        raw.text,
        raw.raw,
        *(getattr(raw, name) for name in READ_FIELDS),
        None,
    )


#: ``RawDocument`` fields an ``INPUT_COLUMNS`` row carries beside its id, source,
#: text, raw bytes and format: all the reader found.
READ_FIELDS = ("title", "url", "outlet", "published", "dct", "language", "external_id")


def raw_document(row: Any, fields: tuple[str, ...] = READ_FIELDS) -> RawDocument:
    """A row (a Spark Row or a dict) as the document it was read as: its id, source,
    text, raw bytes and format, and of the other fields those in ``fields`` (one
    the row lacks is None)."""

    def value(name: str) -> Any:
        try:
            return row[name]
        except (KeyError, ValueError):  # a dict, or a Spark Row, without that column
            return None

    return RawDocument(
        id=row["doc_id"],
        source=row["source"],
        text=row["text"],
        raw=bytes(row["raw"]),
        format=row["format"],
        **{name: value(name) for name in fields},
    )


def analyze_rows(rows: Iterable[Any], settings: Settings, copies: bool) -> Iterator[Result]:
    """Analyse one partition's documents (``INPUT_COLUMNS`` rows) into bundle rows.

    Documents go through ``Pipeline.analyze_many`` in ``batch_size`` batches
    (the same function as ``storyline analyze``); if a batch fails as a
    whole, its documents are retried one by one, and a document whose
    analysis or rows fail is an error row: a failure costs only its document.
    Each analysis is turned into its rows here, once (``rows.bundle_row``), so
    no later stage unpickles it again.
    """
    from storyline.scale.copies import blocking_keys
    from storyline.scale.rows import bundle_row, error_bundle

    pipeline = pipeline_for(settings)
    it = iter(rows)
    while batch := [raw_document(r) for r in islice(it, settings.batch_size)]:
        for raw, outcome in _analyze_batch(pipeline, batch):
            if isinstance(outcome, str):
                yield error_bundle(raw.source, raw.id, "analyse", outcome)
                continue
            try:
                keys = blocking_keys(outcome) if copies else []
                yield bundle_row(raw, outcome.to_dict(), keys)
            except Exception as exc:  # noqa: BLE001 - one document's rows must not stop the job
                reason = f"{type(exc).__name__}: {exc}"
                yield error_bundle(raw.source, raw.id, "analyse", reason)


def _analyze_batch(
    pipeline: Pipeline, batch: list[RawDocument]
) -> Iterator[tuple[RawDocument, DocumentAnalysis | str]]:
    try:
        analyses = list(pipeline.analyze_many(batch))
    except Exception:  # noqa: BLE001 - retried per document below
        log.debug("batch failed; retrying its documents one by one", exc_info=True)
        for raw in batch:
            yield raw, _analyze_one(pipeline, raw)
        return
    yield from zip(batch, analyses, strict=True)


def _analyze_one(pipeline: Pipeline, raw: RawDocument) -> DocumentAnalysis | str:
    try:
        return pipeline.analyze(raw)
    except Exception as exc:  # noqa: BLE001 - the contract: one document, one error
        return f"{type(exc).__name__}: {exc}"
