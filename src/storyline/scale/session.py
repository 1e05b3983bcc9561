"""Starting Spark: the session a job runs in, and whether Spark can run here at all.

``local[*]`` by default; any cluster through the usual Spark settings
(``--master``, ``--conf key=value``, ``SPARK_HOME``/``spark-defaults.conf``,
or ``spark-submit``, whose session this reuses). Executors run the same
Python as the driver unless ``spark.pyspark.python`` / ``PYSPARK_PYTHON``
says otherwise, so they import the same Storyline.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from typing import Any

#: Settings every Storyline job starts with; ``conf`` given by the user wins.
DEFAULT_CONF: dict[str, str] = {
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.parquet.compression.codec": "zstd",
    # One Python worker per task slot for the whole job: the model loads once in each.
    "spark.python.worker.reuse": "true",
}

#: Added in local mode only (one machine, where the JVM shares the cores with
#: the analysis): the JVM's own work is small (cutting tables, a few
#: group-bys), so compiling it costs more than it saves. Measured on 40
#: documents: the JVM's CPU fell from 36 s to 18 s. On a cluster Spark's
#: defaults stay.
LOCAL_CONF: dict[str, str] = {
    "spark.sql.codegen.wholeStage": "false",
    "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
}

#: What to tell a user for whom Spark cannot start.
NO_PYSPARK = (
    "PySpark is not installed: pip install 'storyline[spark]' (PySpark 4.0, needs Java 17 or 21)"
)
NO_JAVA = "Spark needs Java 17 or 21: no `java` on PATH and no JAVA_HOME"


class SparkUnavailable(RuntimeError):
    """Spark cannot run here (no PySpark or no Java); the message says what to install."""


def spark_problem() -> str | None:
    """Why Spark cannot start here, or None when it can (checked without starting it)."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return NO_PYSPARK
    java_home = os.environ.get("JAVA_HOME")
    if not shutil.which("java") and not (java_home and os.path.isdir(java_home)):
        return NO_JAVA
    return None


def get_session(
    master: str | None = None, conf: Mapping[str, str] | None = None, app: str = "storyline"
) -> Any:
    """A SparkSession (the active one under ``spark-submit``), configured for Storyline.

    ``master`` None keeps what the environment says (``spark-submit
    --master``, ``spark-defaults.conf``) and falls back to ``local[*]``.
    """
    problem = spark_problem()
    if problem:
        raise SparkUnavailable(problem)
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None and master is None and not conf:
        return active
    builder = SparkSession.builder.appName(app)
    resolved = master or (conf or {}).get("spark.master") or os.environ.get("MASTER")
    if master:
        builder = builder.master(master)
    elif not resolved:
        from pyspark import SparkConf

        resolved = SparkConf().get("spark.master", None)
        if resolved is None:
            builder = builder.master(resolved := "local[*]")
    settings = dict(DEFAULT_CONF)
    if resolved.startswith("local"):
        settings.update(LOCAL_CONF)
    if not os.environ.get("PYSPARK_PYTHON") and "spark.pyspark.python" not in (conf or {}):
        # PySpark's context reads the workers' Python from the environment
        # (``python3`` otherwise, which may lack Storyline's dependencies).
        os.environ["PYSPARK_PYTHON"] = sys.executable
    settings.update(conf or {})
    for key, value in settings.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def parse_conf(pairs: list[str]) -> dict[str, str]:
    """``["k=v", ...]`` from ``--conf`` as a dict; raises ValueError naming a bad pair."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"--conf {pair!r}: write it as key=value (spark.executor.memory=4g)")
        out[key.strip()] = value
    return out
