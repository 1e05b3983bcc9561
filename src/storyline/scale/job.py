"""``spark analyze``: read a collection, analyse it per partition, write Parquet.

The driver only plans (which files, which partitions) and collects the
candidate pairs of copy blocking; documents never pass through it. The
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
from storyline.scale import entities as scale_entities
from storyline.scale import rows
from storyline.scale.columns import DOCUMENT_COLUMNS, SPAN_COLUMNS, TABLES, Column
from storyline.scale.session import get_session
from storyline.scale.worker import (
    analyze_partition,
    error_rows,
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

ANALYSIS_COLUMNS: tuple[Column, ...] = (
    Column("doc_id", "doc_id", "string"),
    Column("source", "source", "string"),
    Column("pipeline_version", "pipeline_version", "string"),
    Column("analysis", "analysis", "string"),
)
ERROR_COLUMNS: tuple[Column, ...] = (
    Column("source", "source", "string"),
    Column("doc_id", "doc_id", "string"),
    Column("stage", "stage", "string"),  # read | analyse | extract
    Column("reason", "reason", "string"),
)
ENTITY_COLUMNS: tuple[Column, ...] = (
    Column("key_id", "key_id", "string"),
    Column("type_group", "type_group", "string"),  # PERSON | ORG | PLACE | NORP | EVENT | THING
    Column("key", "key", "string"),  # the normalised name mentions are blocked under
    Column("name", "name", "string"),  # the most frequent spelling
    Column("label", "label", "string"),  # the most frequent OntoNotes label
    Column("mentions", "mentions", "long"),
    Column("documents", "documents", "long"),
    Column("spellings", "spellings", "array<string>"),
)
LINEAGE_COLUMNS: tuple[Column, ...] = (
    Column("lineage_id", "lineage_id", "string"),
    Column("doc_id", "doc_id", "string"),
    Column("position", "position", "long"),
    Column("is_original", "is_original", "boolean"),
)
LINK_COLUMNS: tuple[Column, ...] = (
    Column("lineage_id", "lineage_id", "string"),
    Column("copy", "copy", "string"),
    Column("original", "original", "string"),
    Column("kind", "kind", "string"),
    Column("similarity", "similarity", "double"),
    Column("reason", "reason", "string"),
    Column("passages", "passages", "string"),
)


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


def spark_type(column: Column) -> Any:
    from pyspark.sql import types as T

    kinds = {
        "string": T.StringType(),
        "long": T.LongType(),
        "double": T.DoubleType(),
        "boolean": T.BooleanType(),
        "binary": T.BinaryType(),
        "array<string>": T.ArrayType(T.StringType()),
    }
    return kinds[column.type]


def schema_of(columns: Sequence[Column]) -> Any:
    from pyspark.sql import types as T

    return T.StructType([T.StructField(c.name, spark_type(c), True) for c in columns])


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


def _keep_first_source(a: Any, b: Any) -> Any:
    """Of two reads of the same content, the one with the smaller source (deterministic)."""
    return a if a.source <= b.source else b


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
    """
    from pyspark import StorageLevel

    began = time.perf_counter()
    spark = spark or get_session(master, conf)
    sc = spark.sparkContext
    out_str = str(out)
    result = SparkResult(out_str, pipeline_version(options=settings.extractor_options()))
    plan = plan_inputs(inputs, out_str)
    read = _read(spark, plan, settings).persist(StorageLevel.MEMORY_AND_DISK)
    raws = read.filter(lambda r: r[0] == "raw").map(lambda r: (r[1].id, r[1]))
    n_docs = raws.keys().distinct().count()
    result.partitions = partitions or max(
        sc.defaultParallelism, math.ceil(n_docs / DOCS_PER_PARTITION)
    )
    unique = raws.reduceByKey(_keep_first_source, numPartitions=result.partitions).values()
    analysed = unique.mapPartitions(lambda it: analyze_partition(it, settings))
    errors = read.filter(lambda r: r[0] == "error")
    results = analysed.union(errors).persist(StorageLevel.MEMORY_AND_DISK)
    docs = results.filter(lambda r: r[0] == "doc")
    subset: dict[str, Any] = {}

    def write(name: str, rdd: Any, columns: Sequence[Column], also: Any = None) -> int:
        # Rows are counted as they are written (accumulators), not by reading back;
        # ``also(row)`` counts a subset too (read errors, lineages), kept in ``subset``.
        counter, subset[name] = sc.accumulator(0), sc.accumulator(0)
        extra = subset[name]

        def counted(row: Any) -> Any:
            counter.add(1)
            if also is not None and also(row):
                extra.add(1)
            return row

        frame = spark.createDataFrame(rdd.map(counted), schema_of(columns))
        frame.write.mode("overwrite").parquet(f"{out_str}/{name}")
        result.tables[name] = counter.value
        return counter.value

    result.documents = write(
        "documents", docs.map(lambda r: rows.document_row(r[1], r[2])), DOCUMENT_COLUMNS
    )
    version = result.pipeline_version
    tallies = docs.flatMap(lambda r: scale_entities.doc_tallies(r[2]))
    jobs: list[tuple[Any, ...]] = [
        (
            "analyses",
            docs.map(lambda r: (r[1].id, r[1].source, version, rows.analysis_json(r[2]))),
            ANALYSIS_COLUMNS,
        ),
        *(
            (t, docs.flatMap(lambda r, t=t: rows.table_rows(t, r[2])), rows.table_columns(t))
            for t in TABLES
        ),
        ("spans", docs.flatMap(lambda r: rows.span_rows(r[2])), SPAN_COLUMNS),
        (
            "entities",
            tallies.reduceByKey(scale_entities.merge).map(
                lambda kv: scale_entities.entity_row(*kv)
            ),
            ENTITY_COLUMNS,
        ),
        ("errors", results.flatMap(error_rows), ERROR_COLUMNS, lambda row: row[2] == "read"),
    ]
    # The analyses are cached by now (the documents table computed them): the
    # other tables are small jobs over the cache, submitted side by side so
    # Spark's per-job latency is paid once per thread, not once per table.
    with ThreadPoolExecutor(max_workers=WRITE_THREADS) as pool:
        list(pool.map(lambda job: write(*job), jobs))
    result.errors = result.tables["errors"]
    result.read_errors = subset["errors"].value
    if copies:
        _copies(spark, docs.map(lambda r: r[2]), result, write)
        result.lineages = subset["lineages"].value
    results.unpersist()
    read.unpersist()
    result.seconds = round(time.perf_counter() - began, 2)
    _write_manifest(spark, out_str, result)
    return result


def _copies(spark: Any, analyses: Any, result: SparkResult, write: Any) -> None:
    """Copy lineages by blocking (``scale.copies``): keys, pairs, blocks, verification."""
    keyed = analyses.flatMap(lambda a: [(k, a["doc_id"]) for k in scale_copies.blocking_keys(a)])
    pairs = (
        keyed.groupByKey()
        .flatMap(lambda kv: scale_copies.bucket_pairs(kv[0], kv[1]))
        .reduceByKey(lambda x, y: x + y)
        .filter(lambda kv: scale_copies.enough(kv[0][2], kv[1]))
        .map(lambda kv: (kv[0][0], kv[0][1]))
        .distinct()
    )
    blocks = scale_copies.components(pairs.toLocalIterator())
    shared = spark.sparkContext.broadcast(blocks)
    verified = (
        analyses.filter(lambda a: a["doc_id"] in shared.value)
        .map(lambda a: (shared.value[a["doc_id"]], a))
        .groupByKey()
        .flatMap(lambda kv: scale_copies.verify_block(kv[1]))
        .cache()
    )
    lineage_rows = verified.filter(lambda r: r[0] == "lineage").map(lambda r: r[1])
    write("lineages", lineage_rows, LINEAGE_COLUMNS, lambda row: row[2] == 0)
    result.copy_links = write(
        "copies", verified.filter(lambda r: r[0] == "link").map(lambda r: r[1]), LINK_COLUMNS
    )
    verified.unpersist()
    shared.unpersist()


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
