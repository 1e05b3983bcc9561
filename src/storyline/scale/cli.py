"""``storyline spark ...``: the thin command-line shell over ``storyline.scale``.

Kept beside the package (and added to the main CLI with ``add_typer``) so the
main CLI stays small; PySpark is imported only when a command runs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from storyline.settings import Settings

spark_app = typer.Typer(
    help="Run Storyline on Apache Spark (local[*] by default, or any cluster).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

Master = Annotated[
    str | None,
    typer.Option(
        "--master",
        help="Spark master URL (local[2], spark://host:7077, yarn, k8s://...); "
        "default: what spark-submit / spark-defaults.conf say, else local[*].",
    ),
]
Conf = Annotated[
    list[str] | None,
    typer.Option("--conf", help="A Spark setting, key=value (repeatable)."),
]


def _fail(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def _conf(pairs: list[str] | None) -> dict[str, str]:
    from storyline.scale.session import parse_conf

    try:
        return parse_conf(pairs or [])
    except ValueError as exc:
        _fail(str(exc))


@spark_app.command("analyze")
def analyze(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, globs or URIs.")],
    out: Annotated[str, typer.Option("--out", "-o", help="Output folder (or URI).")],
    master: Master = None,
    conf: Conf = None,
    partitions: Annotated[
        int | None, typer.Option("--partitions", help="Analysis partitions (default: by size).")
    ] = None,
    no_copies: Annotated[bool, typer.Option("--no-copies", help="Skip copy detection.")] = False,
    max_bytes: Annotated[
        int | None,
        typer.Option(
            "--max-bytes",
            help="Refuse input files larger than this; in a JSONL/WARC collection, each record.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    max_collection_bytes: Annotated[
        int | None,
        typer.Option(
            "--max-collection-bytes",
            help="Refuse a JSONL/WARC collection larger than this once decompressed; "
            "0: no limit (default 4 GB; env STORYLINE_MAX_COLLECTION_BYTES).",
        ),
    ] = None,
) -> None:
    """Analyse JSONL / JSON / WARC / Parquet collections on Spark into Parquet tables.

    Example: storyline spark analyze articles/*.jsonl --out out/parquet --master local[2]
    """
    from storyline.scale import SparkUnavailable, spark_analyze

    try:
        settings = Settings.from_env(max_bytes=max_bytes, max_collection_bytes=max_collection_bytes)
    except ValueError as exc:
        _fail(str(exc))
    try:
        result = spark_analyze(
            inputs,
            out,
            settings,
            master=master,
            conf=_conf(conf),
            partitions=partitions,
            copies=not no_copies,
        )
    except SparkUnavailable as exc:
        _fail(str(exc))
    if as_json:
        typer.echo(json.dumps(result.to_dict(), indent=2, sort_keys=True))
        return
    typer.echo(
        f"{result.documents:,} documents analysed in {result.seconds:,.1f} s "
        f"({result.partitions} partitions), {result.read_errors:,} unreadable, "
        f"{result.lineages:,} copy lineages. Tables: {out}/ (see {out}/_storyline.json)"
    )


@spark_app.command("load")
def load(
    output: Annotated[str, typer.Argument(help="The --out of a `spark analyze` run.")],
    workspace: Annotated[
        Path | None, typer.Option("--workspace", "-w", help="SQLite workspace file.")
    ] = None,
    master: Master = None,
    conf: Conf = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Load a Spark run's documents and analyses into a workspace (for report, search, serve).

    Example: storyline spark load out/parquet --workspace story.db && storyline report
    """
    from storyline.scale import SparkUnavailable, spark_load

    settings = Settings.from_env(workspace=workspace)
    try:
        result = spark_load(output, settings, master=master, conf=_conf(conf))
    except SparkUnavailable as exc:
        _fail(str(exc))
    if as_json:
        typer.echo(json.dumps(result.to_dict(), indent=2, sort_keys=True))
        return
    stale = f", {result.stale:,} of an older pipeline (redone by the next ingest)"
    typer.echo(
        f"{result.documents:,} documents ({result.new:,} new), {result.analyses:,} analyses "
        f"loaded into {settings.workspace}{stale if result.stale else ''}"
    )
