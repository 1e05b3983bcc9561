"""What runs inside a Spark executor: reading, and the per-document pure function.

Nothing here imports Spark, so the same functions are tested without Java.
The model is loaded once per executor Python process: ``pipeline_for`` keeps
one ``Pipeline`` per ``Settings`` in a module-level cache, which survives
across tasks because PySpark reuses its Python workers
(``spark.python.worker.reuse``, on by default).

Results are tagged tuples, so one RDD carries documents and errors alike:

- ``("doc", RawDocument, analysis dict)``
- ``("error", source, doc_id or None, stage, reason)``
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from storyline.model import DocumentAnalysis, RawDocument, ReadError
from storyline.pipeline import Pipeline
from storyline.read import read_bytes, read_path, reasons
from storyline.read.formats import by_extension
from storyline.read.records import record
from storyline.read.scrub import storable
from storyline.read.sources import too_big
from storyline.settings import Settings

log = logging.getLogger(__name__)

#: One configured pipeline (and so one model load) per executor process and settings.
_PIPELINES: dict[Settings, Pipeline] = {}

Result = tuple[Any, ...]


def pipeline_for(settings: Settings) -> Pipeline:
    """The cached pipeline of this process for ``settings`` (built on first use)."""
    found = _PIPELINES.get(settings)
    if found is None:
        found = _PIPELINES[settings] = Pipeline(settings)
    return found


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
    """One file's bytes as Spark's ``binaryFiles`` hands them (HDFS, S3, ...)."""
    source = local_source(uri)
    if len(data) > settings.max_bytes:
        yield ("error", source, None, "read", too_big(len(data), settings.max_bytes))
        return
    fmt = by_extension(Path(urlparse(uri).path).name)
    for item in read_bytes(source, data, fmt, max_bytes=settings.max_bytes):
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


def analyze_partition(raws: Iterable[RawDocument], settings: Settings) -> Iterator[Result]:
    """Analyse one partition's documents with this process's cached pipeline.

    Documents go through ``Pipeline.analyze_many`` in batches (the same
    function as ``storyline analyze``); if a batch fails as a whole, its
    documents are retried one by one so a failure costs only its own document.
    """
    pipeline = pipeline_for(settings)
    batch: list[RawDocument] = []
    for raw in raws:
        batch.append(raw)
        if len(batch) >= settings.batch_size:
            yield from _analyze_batch(pipeline, batch)
            batch = []
    if batch:
        yield from _analyze_batch(pipeline, batch)


def _analyze_batch(pipeline: Pipeline, batch: list[RawDocument]) -> Iterator[Result]:
    try:
        analyses = list(pipeline.analyze_many(batch))
    except Exception:  # noqa: BLE001 - retried per document below
        log.debug("batch failed; retrying its documents one by one", exc_info=True)
        for raw in batch:
            yield _analyze_one(pipeline, raw)
        return
    for raw, analysis in zip(batch, analyses, strict=True):
        yield ("doc", raw, analysis.to_dict())


def _analyze_one(pipeline: Pipeline, raw: RawDocument) -> Result:
    try:
        analysis: DocumentAnalysis = pipeline.analyze(raw)
    except Exception as exc:  # noqa: BLE001 - the contract: one document, one error
        return ("error", raw.source, raw.id, "analyse", f"{type(exc).__name__}: {exc}")
    return ("doc", raw, analysis.to_dict())


def error_rows(result: Result) -> Iterator[tuple[str, str | None, str, str]]:
    """``errors`` rows of one result: its own error, or an analysis's non-fatal ones."""
    if result[0] == "error":
        _, source, doc_id, stage, reason = result
        yield (source, doc_id, stage, reason)
        return
    _, raw, analysis = result
    for problem in analysis.get("errors") or []:
        yield (raw.source, raw.id, "extract", str(problem))
