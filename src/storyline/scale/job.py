"""``spark analyze``: read a collection, analyse it per partition, write Parquet.

The driver only plans (which files, which partitions) and collects the
candidate pairs of copy blocking; documents never pass through it. Python
runs once per document in the executors; the rest is Spark SQL
(``scale.frames``). The
layout written is documented in ``docs/scale.md``:

``OUTPUT/documents``, ``OUTPUT/analyses``, one flat table per record kind
(``scale.columns.TABLES``), ``OUTPUT/spans``, ``OUTPUT/errors``,
``OUTPUT/lineages`` and ``OUTPUT/copies``, and ``OUTPUT/_storyline.json``
(what ran, with counts).
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from storyline import __version__
from storyline.pipeline import pipeline_version
from storyline.read.sources import Scope, expand
from storyline.scale import copies as scale_copies
from storyline.scale import frames
from storyline.scale.columns import INPUT_COLUMNS, LINEAGE_COLUMNS, LINK_COLUMNS
from storyline.scale.session import get_session
from storyline.scale.worker import (
    analyze_rows,
    input_row,
    local_source,
    read_blob,
    read_local,
    read_row,
)
from storyline.settings import Settings

#: The layout's version, in ``_storyline.json``; bump when a table or column changes meaning.
LAYOUT = "storyline-parquet/1"
MANIFEST = "_storyline.json"
#: Tables written at once (Spark jobs submitted from driver threads).
WRITE_THREADS = 4
#: Documents per analysis partition when ``partitions`` is not given.
DOCS_PER_PARTITION = 256


@dataclass
class SparkResult:
    """What a job did, as counted by Spark (also written to ``_storyline.json``)."""

    output: str
    pipeline_version: str
    documents: int = 0
    errors: int = 0
    read_errors: int = 0
    lineages: int = 0
    copy_links: int = 0
    partitions: int = 0
    seconds: float = 0.0
    tables: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"layout": LAYOUT, "storyline": __version__, **asdict(self)}


@dataclass
class InputPlan:
    """Which inputs go to which reader: the driver's whole share of reading."""

    local: list[str] = field(default_factory=list)  # read by the project's own readers
    parquet: list[str] = field(default_factory=list)  # read by Spark, one document per row
    remote: list[str] = field(default_factory=list)  # hdfs://, s3a://: Spark's binaryFiles
    errors: list[tuple[str, None, str, str]] = field(default_factory=list)


def is_parquet(name: str) -> bool:
    return name.rstrip("/").lower().endswith((".parquet", ".parq"))


def plan_inputs(inputs: Iterable[str], out: str) -> InputPlan:
    """Expand local folders and globs as ``storyline analyze`` does; keep URIs for Spark.

    A local Parquet dataset (a folder named ``*.parquet``) is one Parquet
    input, not a folder of files.
    """
    plan = InputPlan()
    scope = Scope.of(None, [Path(out)])
    for item in inputs:
        scheme = item.split("://", 1)[0] if "://" in item else ""
        if scheme and scheme != "file":
            (plan.parquet if is_parquet(item) else plan.remote).append(item)
            continue
        item = local_source(item)
        if is_parquet(item) and Path(item).exists():
            plan.parquet.append(str(Path(item).absolute()))
            continue
        for found in expand(item, scope):
            if isinstance(found, Path):
                if is_parquet(found.name):
                    plan.parquet.append(str(found.absolute()))
                else:
                    plan.local.append(str(found))
            else:
                plan.errors.append((found.source, None, "read", found.reason))
    return plan


def _read(spark: Any, plan: InputPlan, settings: Settings) -> Any:
    """One RDD of tagged read results (``("raw", doc)`` / ``("error", ...)``)."""
    sc = spark.sparkContext
    parts = [sc.parallelize([("error", *e) for e in plan.errors], 1)]
    if plan.local:
        n = max(1, min(len(plan.local), sc.defaultParallelism * 4))
        parts.append(sc.parallelize(plan.local, n).flatMap(lambda p: read_local(p, settings)))
    if plan.remote:
        blobs = sc.binaryFiles(",".join(plan.remote))
        parts.append(blobs.flatMap(lambda kv: read_blob(kv[0], kv[1], settings)))
    if plan.parquet:
        from pyspark.sql.functions import input_file_name

        frame = spark.read.parquet(*plan.parquet).withColumn("_file", input_file_name())
        indexed = frame.rdd.zipWithIndex()
        parts.append(indexed.map(lambda ri: _parquet_row(ri[0], ri[1], settings)))
    return sc.union(parts)


def _parquet_row(row: Any, n: int, settings: Settings) -> tuple[Any, ...]:
    values = row.asDict()
    source = f"{local_source(values.pop('_file'))}#row{n + 1}"
    return read_row(source, values, settings)


def spark_analyze(
    inputs: Sequence[str],
    out: str | Path,
    settings: Settings,
    *,
    master: str | None = None,
    conf: dict[str, str] | None = None,
    partitions: int | None = None,
    copies: bool = True,
    spark: Any = None,
) -> SparkResult:
    """Analyse ``inputs`` on Spark and write the Parquet layout to ``out``.

    ``spark``: a session to use (tests share one); otherwise one is started
    from ``master`` / ``conf`` (``local[*]`` by default). Existing tables in
    ``out`` are replaced.

    Python runs once per document: the executors read, analyse and cut each
    analysis into its rows (``worker.analyze_rows``); everything after is
    Spark SQL over the cached bundle (``scale.frames``), so the tables cost
    no second pass through Python.
    """
    from pyspark import StorageLevel

    began = time.perf_counter()
    spark = spark or get_session(master, conf)
    sc = spark.sparkContext
    out_str = str(out)
    result = SparkResult(out_str, pipeline_version(options=settings.extractor_options()))
    plan = plan_inputs(inputs, out_str)
    _shuffle_partitions(spark, sc.defaultParallelism)
    inputs_rdd = _read(spark, plan, settings).map(input_row)
    read = spark.createDataFrame(inputs_rdd, frames.schema_of(INPUT_COLUMNS), verifySchema=False)
    read = read.persist(StorageLevel.MEMORY_AND_DISK)
    unique = frames.unique_documents(read).persist(StorageLevel.MEMORY_AND_DISK)
    n_docs = unique.count()
    result.partitions = partitions or max(
        sc.defaultParallelism, math.ceil(n_docs / DOCS_PER_PARTITION)
    )
    _shuffle_partitions(spark, result.partitions)
    analysed = unique.repartition(result.partitions).rdd.mapPartitions(
        lambda rows: analyze_rows(rows, settings, copies)
    )
    bundle = spark.createDataFrame(analysed, frames.bundle_schema(), verifySchema=False)
    bundle = bundle.persist(StorageLevel.MEMORY_AND_DISK)
    result.tables = frames.counts(bundle)  # runs the analysis, once, into the cache
    unique.unpersist()
    errors = frames.read_errors(read)
    result.read_errors = errors.count()
    result.tables["errors"] += result.read_errors
    tables = frames.table_frames(bundle, result.pipeline_version, errors)
    with ThreadPoolExecutor(max_workers=WRITE_THREADS) as pool:
        list(pool.map(lambda kv: _write(kv[1], out_str, kv[0]), tables.items()))
    result.tables["entities"] = spark.read.parquet(f"{out_str}/entities").count()
    result.documents = result.tables["documents"]
    result.errors = result.tables["errors"]
    if copies:
        _copies(spark, bundle, result, out_str)
    bundle.unpersist()
    read.unpersist()
    result.seconds = round(time.perf_counter() - began, 2)
    _write_manifest(spark, out_str, result)
    return result


def _write(frame: Any, out: str, name: str) -> None:
    frame.write.mode("overwrite").parquet(f"{out}/{name}")


def _shuffle_partitions(spark: Any, partitions: int) -> None:
    """Spark SQL's 200 shuffle partitions are tasks with nothing in them on a small
    job; use the analysis partitions unless the user set it."""
    key = "spark.sql.shuffle.partitions"
    if not spark.sparkContext.getConf().contains(key):
        spark.conf.set(key, str(partitions))


def _copies(spark: Any, bundle: Any, result: SparkResult, out: str) -> None:
    """Copy lineages by blocking (``scale.copies``): keys, pairs, blocks, verification."""
    from pyspark.sql import functions as F

    pairs = frames.candidate_pairs(bundle)
    blocks = scale_copies.components((r[0], r[1]) for r in pairs.toLocalIterator())
    schema = frames.schema_of(scale_copies.VERIFIED)
    if blocks:
        members = spark.createDataFrame(list(blocks.items()), "doc_id string, block string")
        joined = bundle.select("doc_id", "analysis").join(members, "doc_id")
        ordered = joined.repartition(result.partitions, "block").sortWithinPartitions(
            "block", "doc_id"
        )
        rows = ordered.rdd.mapPartitions(
            lambda it: scale_copies.verify_sorted((r["block"], r["analysis"]) for r in it)
        )
        verified = spark.createDataFrame(rows, schema, verifySchema=False).cache()
    else:
        verified = spark.createDataFrame([], schema)
    lineages = verified.where(F.col("tag") == "lineage").select(*[c.name for c in LINEAGE_COLUMNS])
    links = verified.where(F.col("tag") == "link").select(*[c.name for c in LINK_COLUMNS])
    _write(lineages, out, "lineages")
    _write(links, out, "copies")
    found = verified.groupBy("tag").count().collect()
    tally = {r["tag"]: int(r["count"]) for r in found}
    result.tables["lineages"] = tally.get("lineage", 0)
    result.tables["copies"] = result.copy_links = tally.get("link", 0)
    result.lineages = verified.where(F.col("position") == 0).count()
    verified.unpersist()


def _write_manifest(spark: Any, out: str, result: SparkResult) -> None:
    """``_storyline.json`` beside the tables (through Hadoop's file system for remote outputs)."""
    text = json.dumps(result.to_dict(), indent=2, sort_keys=True)
    if "://" not in out or out.startswith("file:"):
        Path(local_source(out), MANIFEST).write_text(text + "\n", encoding="utf-8")
        return
    jvm = spark.sparkContext._jvm  # noqa: SLF001 - py4j's gateway is the only way to the FS
    path = jvm.org.apache.hadoop.fs.Path(f"{out}/{MANIFEST}")
    fs = path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())  # noqa: SLF001
    stream = fs.create(path, True)
    stream.write(bytearray(text.encode()))
    stream.close()
