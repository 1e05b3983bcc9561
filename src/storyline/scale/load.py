"""``spark load``: bring a Spark run's documents and analyses into a workspace.

After loading, every workspace tool works on them (``storyline report``,
``search``, the web app) without analysing anything again, as long as the
analyses were made by this code's pipeline version; older ones are loaded
too, and the next ``ingest`` of those documents redoes them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.model import DocumentAnalysis, RawDocument
from storyline.pipeline import pipeline_version
from storyline.scale.session import get_session
from storyline.scale.worker import raw_document
from storyline.settings import Settings
from storyline.store import Workspace

#: Analyses written to the workspace per transaction.
LOAD_BATCH = 200


@dataclass
class LoadResult:
    documents: int = 0  # rows read
    new: int = 0  # documents the workspace did not hold
    analyses: int = 0  # analyses stored
    stale: int = 0  # analyses of another pipeline version (redone by the next ingest)
    doc_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "new": self.new,
            "analyses": self.analyses,
            "stale": self.stale,
        }


def _joined(spark: Any, output: str) -> Iterator[Any]:
    documents = spark.read.parquet(f"{output}/documents")
    analyses = spark.read.parquet(f"{output}/analyses").select(
        "doc_id", "pipeline_version", "analysis"
    )
    return documents.join(analyses, "doc_id", "left").orderBy("source").toLocalIterator()


#: The ``RawDocument`` fields a ``documents`` row holds as the reader gave them (its
#: title, outlet, date and language columns are the analysis's findings, which the
#: workspace keeps with the analysis, not as the document's own metadata).
STORED_FIELDS = ("url", "external_id", "dct")


def raw_of(row: dict[str, Any]) -> RawDocument:
    """A ``documents`` row as the document the workspace stores (same content id)."""
    return raw_document(row, STORED_FIELDS)


def spark_load(
    output: str | Path,
    settings: Settings,
    *,
    master: str | None = None,
    conf: dict[str, str] | None = None,
    spark: Any = None,
) -> LoadResult:
    """Store every document and analysis of ``output`` in ``settings.workspace``.

    Idempotent: documents are keyed by content hash, analyses replace older ones.
    """
    spark = spark or get_session(master, conf)
    current = pipeline_version(options=settings.extractor_options())
    result = LoadResult()
    batch: list[DocumentAnalysis] = []
    with Workspace(settings.workspace, busy_timeout=settings.busy_timeout) as ws:
        for row in _joined(spark, str(output)):
            values = row.asDict()
            result.documents += 1
            result.doc_ids.append(values["doc_id"])
            if ws.add_document(raw_of(values)):
                result.new += 1
            if values.get("analysis") is None:
                continue
            if values["pipeline_version"] != current:
                result.stale += 1
            batch.append(DocumentAnalysis.from_dict(json.loads(values["analysis"])))
            if len(batch) >= LOAD_BATCH:
                result.analyses += ws.put_analyses(batch)
                batch = []
        result.analyses += ws.put_analyses(batch)
    return result
