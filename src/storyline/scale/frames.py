"""The Spark side of a job: schemas, and every step after the analysis as Spark SQL.

Why SQL: a Python worker that holds the model (~1 GB resident) is over
PySpark's aggregation budget (``spark.python.worker.memory``, 512 MB), so a
Python ``groupByKey`` / ``reduceByKey`` there spilled to disk and ran a full
``gc.collect()`` over the model's objects every few thousand records, and
every Python task paid PySpark's per-task start-up. So Python runs once per
document (read, analyse, cut into rows: ``scale.worker``), and deduplication,
the flat tables, the entity aggregation and copy blocking are Spark SQL over
one cached DataFrame of bundle rows (``scale.rows.bundle_row``). Only the
copy verification of candidate blocks runs Python again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storyline.scale.columns import (
    DOCUMENT_COLUMNS,
    ERROR_COLUMNS,
    INPUT_COLUMNS,
    SPAN_COLUMNS,
    SPELLING_COLUMNS,
    TABLES,
    Column,
)
from storyline.scale.copies import BUCKET_REPS, KEY_KINDS
from storyline.scale.entities import MAX_VARIANTS
from storyline.scale.rows import table_columns


def spark_type(column: Column) -> Any:
    """The Spark SQL type of a column's type name."""
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
    """A StructType of flat columns (all nullable)."""
    from pyspark.sql import types as T

    return T.StructType([T.StructField(c.name, spark_type(c), True) for c in columns])


def bundle_schema() -> Any:
    """The schema of ``rows.bundle_row`` (its field order is ``rows.BUNDLE_LISTS``)."""
    from pyspark.sql import types as T

    def rows_of(columns: Sequence[Column]) -> Any:
        return T.ArrayType(schema_of(columns), False)

    fields = [
        T.StructField("doc_id", T.StringType(), True),
        T.StructField("source", T.StringType(), True),
        T.StructField("document", schema_of(DOCUMENT_COLUMNS), True),
        T.StructField("analysis", T.StringType(), True),
        T.StructField("errors", rows_of(ERROR_COLUMNS), False),
        *(T.StructField(t, rows_of(table_columns(t)), False) for t in TABLES),
        T.StructField("spans", rows_of(SPAN_COLUMNS), False),
        T.StructField("spellings", rows_of(SPELLING_COLUMNS), False),
        T.StructField("keys", T.ArrayType(T.StringType(), False), False),
    ]
    return T.StructType(fields)


def unique_documents(inputs: Any) -> Any:
    """One row per content id: of several reads, the one with the smallest ``source``."""
    from pyspark.sql import functions as F

    names = [c.name for c in INPUT_COLUMNS]
    first = F.min_by(F.struct(*names), F.col("source")).alias("r")
    return inputs.where(F.col("reason").isNull()).groupBy("doc_id").agg(first).select("r.*")


def read_errors(inputs: Any) -> Any:
    """``errors`` rows of the inputs that could not be read."""
    from pyspark.sql import functions as F

    bad = inputs.where(F.col("reason").isNotNull())
    return bad.select("source", "doc_id", F.lit("read").alias("stage"), "reason")


def exploded(bundle: Any, name: str) -> Any:
    """The rows of one list column of the bundle as a flat table."""
    from pyspark.sql import functions as F

    return bundle.select(F.explode(name).alias("r")).select("r.*")


def table_frames(bundle: Any, version: str, errors: Any) -> dict[str, Any]:
    """Every per-document table, cut from the bundle by Spark alone."""
    from pyspark.sql import functions as F

    docs = bundle.where(F.col("document").isNotNull())
    frames = {
        "documents": docs.select("document.*"),
        "analyses": docs.select(
            "doc_id", "source", F.lit(version).alias("pipeline_version"), "analysis"
        ),
        **{t: exploded(bundle, t) for t in TABLES},
        "spans": exploded(bundle, "spans"),
        "errors": errors.unionByName(exploded(bundle, "errors")),
        "entities": entity_table(bundle),
    }
    return frames


def counts(bundle: Any) -> dict[str, int]:
    """Rows per bundle-derived table, in one pass over the cached bundle."""
    from pyspark.sql import functions as F

    lists = [*TABLES, "spans", "errors"]
    sums = [F.coalesce(F.sum(F.size(name)), F.lit(0)).alias(name) for name in lists]
    row = bundle.agg(F.count("document").alias("documents"), *sums).first()
    found = {name: int(row[name]) for name in ["documents", *lists]}
    found["analyses"] = found["documents"]
    return found


def _ranked(frame: Any, keyed: list[str], value: str) -> Any:
    """Per key: ``value``s ranked by summed ``n`` (most first, ties to the smaller string)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    summed = frame.groupBy(*keyed, value).agg(F.sum("n").alias("c"))
    order = Window.partitionBy(*keyed).orderBy(F.desc("c"), F.asc(value))
    return summed.withColumn("rank", F.row_number().over(order))


def entity_table(bundle: Any) -> Any:
    """``entities``: the Spark twin of ``scale.entities.entity_rows`` (an SQL group-by)."""
    from pyspark.sql import functions as F

    keyed = ["type_group", "key"]
    mentions = bundle.select("doc_id", F.explode("spellings").alias("s")).select("doc_id", "s.*")
    totals = mentions.groupBy(*keyed).agg(
        F.sum("n").alias("mentions"), F.countDistinct("doc_id").alias("documents")
    )
    spellings = (
        _ranked(mentions, keyed, "spelling")
        .where(F.col("rank") <= MAX_VARIANTS)
        .groupBy(*keyed)
        .agg(F.sort_array(F.collect_list(F.struct("rank", "spelling"))).alias("ranked"))
        .select(*keyed, F.col("ranked.spelling").alias("spellings"))
    )
    labels = _ranked(mentions, keyed, "label").where(F.col("rank") == 1).select(*keyed, "label")
    digest = F.sha1(F.concat_ws("\x1f", "type_group", "key"))
    return (
        totals.join(spellings, keyed)
        .join(labels, keyed)
        .select(
            F.concat(F.lit("k"), F.substring(digest, 1, 12)).alias("key_id"),
            *keyed,
            F.element_at("spellings", 1).alias("name"),
            "label",
            "mentions",
            "documents",
            "spellings",
        )
    )


def candidate_pairs(bundle: Any) -> Any:
    """Document pairs that share enough blocking keys (``scale.copies.bucket_pairs`` in SQL).

    A bucket over its kind's cap pairs only its first ``BUCKET_REPS`` members
    (by id) with the rest, as on one machine.
    """
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    def table(index: int) -> Any:
        return F.create_map(*[F.lit(x) for k, v in KEY_KINDS.items() for x in (k, v[index])])

    keys = (
        bundle.select("doc_id", F.explode("keys").alias("key"))
        .distinct()
        .withColumn("kind", F.substring_index("key", ":", 1))
    )
    bucket = Window.partitionBy("key")
    ranked = keys.withColumn("size", F.count("*").over(bucket)).withColumn(
        "rank", F.row_number().over(bucket.orderBy("doc_id"))
    )
    capped = F.col("size") <= table(0)[F.col("kind")]
    left = ranked.where(capped | (F.col("rank") <= BUCKET_REPS)).select("key", "kind", "doc_id")
    right = keys.select("key", F.col("doc_id").alias("other"))
    shared = (
        left.join(right, "key")
        .where(F.col("doc_id") < F.col("other"))
        .groupBy("doc_id", "other", "kind")
        .count()
    )
    enough = shared.where(F.col("count") >= table(1)[F.col("kind")])
    return enough.select("doc_id", "other").distinct()
