"""Storyline on Apache Spark: the same per-document function over a cluster.

``spark_analyze(inputs, out, settings)`` reads JSONL / JSON / WARC (and any
format the ``read`` stage knows) with the project's own readers, or Parquet
with one article per row, analyses each partition with
``storyline.pipeline.Pipeline`` (one model load per executor process), and
writes Parquet tables that DuckDB and pandas read directly; copies are
found by blocking (``scale.copies``). ``spark_load`` brings the results into
a workspace. The layout is documented in ``docs/scale.md``.

Modules: ``session`` (starting Spark), ``worker`` (what runs in executors,
no Spark imports), ``columns`` (the flat tables, as data), ``rows`` (analyses
to rows), ``copies`` (blocking and per-block verification), ``job`` (the
driver), ``load`` (into a workspace). PySpark is an optional dependency
(``pip install 'storyline[spark]'``); it is imported only when a job starts.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# Imported on first use, so `storyline --help` and `status` do not load spaCy
# (the job imports the pipeline) just because the CLI names `spark`.
_LAZY = {
    "LAYOUT": "job",
    "SparkResult": "job",
    "spark_analyze": "job",
    "LoadResult": "load",
    "spark_load": "load",
    "SparkUnavailable": "session",
    "spark_problem": "session",
}

__all__ = [
    "LAYOUT",
    "LoadResult",
    "SparkResult",
    "SparkUnavailable",
    "spark_analyze",
    "spark_load",
    "spark_problem",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'storyline.scale' has no attribute {name!r}")
    return getattr(import_module(f"storyline.scale.{module}"), name)
