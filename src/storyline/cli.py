"""The ``storyline`` command: a thin shell over ``storyline.api``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from storyline import __version__
from storyline.runtime import spacy_without_torch
from storyline.scale.cli import spark_app
from storyline.settings import Settings
from storyline.store import WorkspaceError
from storyline.terminal import (
    ProgressBars,
    escape,
    json_text,
    plural,
    render_hits,
    status_lines,
    write_stdout,
)

if TYPE_CHECKING:
    from jsonschema import ValidationError

    from storyline.api import IngestResult


def _api() -> Any:
    """``storyline.api``, imported when a command needs it. It imports the
    pipeline, readers and report only inside the calls that need them, so
    ``--help``, ``--version``, ``status`` and ``search`` never load spaCy,
    trafilatura or jsonschema."""
    from storyline import api

    return api


def _validation_error() -> type[Exception]:
    """jsonschema's ``ValidationError``, imported by the commands that write a dossier."""
    from jsonschema import ValidationError

    return ValidationError


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"storyline {__version__}")
        raise typer.Exit()


app = typer.Typer(
    help="Turn a pile of news reports into a sourced dossier.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
err = Console(stderr=True, soft_wrap=True)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Turn a pile of news reports into a sourced dossier."""


Workspace = Annotated[
    Path | None,
    typer.Option(
        "--workspace", "-w", help="SQLite workspace file [env STORYLINE_WORKSPACE; ./storyline.db]"
    ),
]
JsonOut = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON on stdout.")]
Inputs = Annotated[
    list[str] | None,
    typer.Argument(help="Files, folders (recursive), globs, or - for stdin."),
]
Fetch = Annotated[
    list[str] | None, typer.Option("--fetch", help="Fetch this URL too (needs network).")
]
Processes = Annotated[int, typer.Option("--processes", "-j", help="Worker processes.")]
MaxBytes = Annotated[
    int | None,
    typer.Option(
        "--max-bytes",
        help="Refuse input files larger than this; in a JSONL/WARC collection, each record.",
    ),
]
MaxCollectionBytes = Annotated[
    int | None,
    typer.Option(
        "--max-collection-bytes",
        help="Refuse a JSONL/WARC collection (read as a stream) larger than this once "
        "decompressed; 0: no limit (default 4 GB; env STORYLINE_MAX_COLLECTION_BYTES).",
    ),
]
MaxChars = Annotated[
    int | None,
    typer.Option("--max-chars", help="Refuse article texts longer than this (default 2,000,000)."),
]


Layout = Annotated[
    str,
    typer.Option(
        "--layout",
        help="single: one dossier.json/.md/.html; paged: parts of at most 1,000 documents "
        "plus index.json/.md/.html (bounded memory; no links across parts); "
        "auto: paged above 5,000 documents.",
    ),
]
PartDocs = Annotated[
    int, typer.Option("--part-docs", min=1, help="Paged layout: documents per part at most.")
]
GeoNames = Annotated[
    Path | None,
    typer.Option(
        "--geonames",
        help="A GeoNames dump (allCountries.txt, cities500.txt or a country file) "
        "to resolve villages and small towns too; env STORYLINE_GEONAMES.",
    ),
]
AllQuotes = Annotated[
    bool,
    typer.Option(
        "--all-quotes",
        help="Show every attribution in Who said what, also those below the "
        "confidence threshold (hidden by default; all are in dossier.json).",
    ),
]
Profile = Annotated[
    str | None,
    typer.Option(
        "--profile",
        help="default (spaCy, fast) or accurate (names tagged by a fine-tuned MiniLM "
        "on CPU, several times slower; build its weights with `make accurate-model`); "
        "env STORYLINE_PROFILE.",
    ),
]
OutsideLinks = Annotated[
    bool,
    typer.Option(
        "--follow-outside-links",
        help="Read symlinks in a folder that point outside it (refused by default).",
    ),
]


def _settings(
    workspace: Path | None,
    processes: int = 1,
    max_bytes: int | None = None,
    max_chars: int | None = None,
    follow_outside_links: bool = False,
    geonames: Path | None = None,
    all_quotes: bool = False,
    profile: str | None = None,
    max_collection_bytes: int | None = None,
) -> Settings:
    if geonames is not None and not geonames.is_file():
        _fail(f"--geonames {geonames}: no such file (give a GeoNames dump such as cities500.txt)")
    if profile is not None:
        _check_profile(profile)
    if max_collection_bytes is not None and max_collection_bytes < 0:
        _fail("--max-collection-bytes must be 0 (no limit) or a number of bytes")
    try:
        env = Settings.from_env(max_collection_bytes=max_collection_bytes)
    except ValueError as exc:
        _fail(str(exc))
    return Settings.from_env(
        geonames=geonames,
        workspace=workspace,
        processes=processes,
        max_bytes=max_bytes,
        max_collection_bytes=env.max_collection_bytes,
        max_chars=max_chars,
        follow_outside_links=follow_outside_links or None,
        quote_display_threshold=0.0 if all_quotes else None,
        profile=profile,
    )


def _check_profile(profile: str) -> None:
    """Refuse an unknown profile, or the accurate one without its weights, in
    one line before any work starts."""
    from storyline.nlp import PROFILES

    if profile not in PROFILES:
        _fail(f"--profile {profile}: choose one of {', '.join(PROFILES)}")
    if profile == "accurate":
        from storyline.nlp.ner_accurate_model import WeightsMissing, check_weights

        try:
            check_weights()
        except WeightsMissing as exc:
            _fail(str(exc))


def _emit(data: Any) -> None:
    write_stdout(json_text(data) + "\n")


def _say(message: str, label: str = "", style: str = "") -> None:
    """Print one line on stderr. Every line the CLI prints goes through here:
    ``message`` may hold file names, titles and reasons from the input, so it
    is escaped (no control, bidi or newline character reaches the terminal)
    and printed as plain text (no Rich markup, emoji codes or highlighting,
    so ``[/x]`` in a name neither crashes nor vanishes). Only ``label``, our
    own text, is styled."""
    line = Text()
    if label:
        line.append(label, style=style)
        line.append(" ")
    line.append(escape(message))
    err.print(line, markup=False, highlight=False, emoji=False)


def _echo(message: str) -> None:
    """One line on stdout, escaped like ``_say`` (for ``status``)."""
    write_stdout(escape(message) + "\n")


def _report_errors(result: IngestResult) -> None:
    for e in result.errors:
        _say(f"{e.source}: {e.reason}", "error:", "red")
    for doc, problems in result.analysis_errors.items():
        for p in problems:
            _say(f"{doc}: {p}", "warning:", "yellow")


def _fail(message: str) -> None:
    _say(message, "error:", "red")
    raise typer.Exit(2)


def _invalid(exc: ValidationError, out: Path) -> None:
    _fail(
        f"internal error, the dossier failed its own validation: {exc.message}. "
        f"It was kept as {out / 'dossier.invalid.json'}; please report this with that file."
    )


def _start_parsing(inputs: list[str] | None, fetch: list[str] | None) -> None:
    """Inputs are given; spaCy is imported without torch (``storyline.runtime``)."""
    if not inputs and not fetch:
        _fail("give at least one INPUT (file, folder, glob or -) or --fetch URL")
    spacy_without_torch()


@app.command()
def analyze(
    inputs: Inputs = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    workspace: Workspace = None,
    fetch: Fetch = None,
    processes: Processes = 1,
    max_bytes: MaxBytes = None,
    max_chars: MaxChars = None,
    follow_outside_links: OutsideLinks = False,
    geonames: GeoNames = None,
    all_quotes: AllQuotes = False,
    profile: Profile = None,
    layout: Layout = "auto",
    part_docs: PartDocs = 1000,
    as_json: JsonOut = False,
    max_collection_bytes: MaxCollectionBytes = None,
) -> None:
    """Analyse articles and write dossier.json, dossier.md and dossier.html.

    Example: storyline analyze articles/ feed.xml --out out/

    Large corpus: storyline analyze archive.jsonl --out out/ --layout paged
    """
    _start_parsing(inputs, fetch)
    _check_layout(layout)
    settings = _settings(
        workspace,
        processes,
        max_bytes,
        max_chars,
        follow_outside_links,
        geonames,
        all_quotes,
        profile=profile,
        max_collection_bytes=max_collection_bytes,
    )
    ValidationError = _validation_error()  # noqa: N806
    try:
        with ProgressBars(err, not as_json) as bar:
            result = _api().analyze(
                inputs or [],
                out,
                settings,
                fetch=fetch or [],
                stdin=sys.stdin.buffer,
                progress=bar,
                layout=layout,
                part_docs=part_docs,
            )
    except WorkspaceError as exc:
        _fail(str(exc))
    except ValidationError as exc:
        _invalid(exc, out)
    _report_errors(result.ingest)
    if as_json:
        _emit(result.to_dict())
    else:
        r = result.ingest
        _say(
            f"{plural(len(r.doc_ids), 'document')} ({r.new:,} new, {r.analysed:,} analysed), "
            f"{len(r.errors):,} unreadable. Dossier: {result.paths['html']}"
        )
    _paged_note(result.layout, out)
    if result.ingest.errors:
        raise typer.Exit(1)


@app.command()
def ingest(
    inputs: Inputs = None,
    workspace: Workspace = None,
    fetch: Fetch = None,
    processes: Processes = 1,
    max_bytes: MaxBytes = None,
    max_chars: MaxChars = None,
    follow_outside_links: OutsideLinks = False,
    geonames: GeoNames = None,
    profile: Profile = None,
    as_json: JsonOut = False,
    max_collection_bytes: MaxCollectionBytes = None,
) -> None:
    """Read and analyse articles into the workspace, without writing a dossier.

    Example: storyline ingest ~/news/*.html --workspace story.db
    """
    _start_parsing(inputs, fetch)
    settings = _settings(
        workspace,
        processes,
        max_bytes,
        max_chars,
        follow_outside_links,
        geonames,
        profile=profile,
        max_collection_bytes=max_collection_bytes,
    )
    try:
        with ProgressBars(err, not as_json) as bar:
            result = _api().ingest(
                inputs or [], settings, fetch=fetch or [], stdin=sys.stdin.buffer, progress=bar
            )
    except WorkspaceError as exc:
        _fail(str(exc))
    _report_errors(result)
    if as_json:
        _emit(result.to_dict())
    else:
        _say(
            f"{plural(len(result.doc_ids), 'document')}: {result.new:,} new, "
            f"{result.analysed:,} analysed, {result.unchanged:,} unchanged, "
            f"{len(result.errors):,} unreadable (workspace {settings.workspace})"
        )
    if result.errors:
        raise typer.Exit(1)


@app.command()
def report(
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    workspace: Workspace = None,
    all_quotes: AllQuotes = False,
    layout: Layout = "auto",
    part_docs: PartDocs = 1000,
    processes: Processes = 1,
    as_json: JsonOut = False,
) -> None:
    """Write the dossier of everything in the workspace.

    Example: storyline report --workspace story.db --out dossier/

    Large corpus: storyline report --workspace archive.db --out dossier/ --layout paged
    """
    _check_layout(layout)
    ValidationError = _validation_error()  # noqa: N806
    settings = _settings(workspace, processes, all_quotes=all_quotes)
    try:
        paths = _api().report(out, settings, layout=layout, part_docs=part_docs)
    except WorkspaceError as exc:
        _fail(str(exc))
    except ValidationError as exc:
        _invalid(exc, out)
    paged = "parts" in paths  # the paged layout's index (storyline.report.paged)
    if as_json:
        _emit({"layout": "paged" if paged else "single", **{k: str(v) for k, v in paths.items()}})
    else:
        _say(f"{'Index' if paged else 'Dossier'}: {paths['html']}")
    _paged_note("paged" if paged else "single", out)


def _check_layout(layout: str) -> None:
    if layout not in ("auto", "single", "paged"):
        _fail(f"--layout {layout}: choose one of auto, single, paged")


def _paged_note(layout: str, out: Path) -> None:
    if layout == "paged":
        _say(f"Paged layout: browse it with `storyline serve --paged {out}`.")


@app.command()
def status(workspace: Workspace = None, as_json: JsonOut = False) -> None:
    """Show what the workspace holds.

    Example: storyline status --workspace story.db --json
    """
    try:
        info = _api().status(_settings(workspace))
    except WorkspaceError as exc:
        _fail(str(exc))
    if as_json:
        _emit(info)
        return
    for line in status_lines(info):
        _echo(line)


@app.command()
def search(
    query: Annotated[
        str,
        typer.Argument(
            help='Words or "quoted phrases", all required; with --advanced, FTS5 syntax.'
        ),
    ],
    workspace: Workspace = None,
    limit: Annotated[int, typer.Option(help="At most this many hits (1 to 10,000).")] = 20,
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Stop a query running longer (seconds).")
    ] = 10.0,
    advanced: Annotated[
        bool,
        typer.Option(
            "--advanced",
            help="Read the query as SQLite FTS5 syntax: NEAR(a b, 10), OR, AND, NOT, "
            "prefix*, title:word (same as starting the query with fts:).",
        ),
    ] = False,
    as_json: JsonOut = False,
) -> None:
    """Full-text search over the workspace's documents and the repaired
    reading of machine-spun ones.

    Plain words search as text: Lukashenko's, de-blockade and 20,000 are
    found as written, "quoted phrases" as phrases, word* as a prefix. No hit
    exits 1. Titles and snippets are printed with control characters escaped
    (a title may carry terminal escape sequences); --json gives them as stored.

    Example: storyline search --advanced 'NEAR(battalion Mariupol, 10)' --json
    """
    from storyline.store.search import operators_in

    if not advanced and not query.strip().lower().startswith("fts:"):
        ops = operators_in(query)
        if ops:
            _say(
                f"{', '.join(ops)} searched as {'a word' if len(ops) == 1 else 'words'}; "
                "for operators use --advanced or start the query with fts:",
                "note:",
                "cyan",
            )
    try:
        hits = _api().search(
            query, _settings(workspace), limit=limit, time_limit=time_limit, advanced=advanced
        )
    except WorkspaceError as exc:
        _fail(str(exc))
    if as_json:
        _emit(hits)
    else:
        write_stdout(render_hits(hits, color=sys.stdout.isatty()))
    if not hits:
        _say(f"no documents match {query!r}")
        raise typer.Exit(1)


@app.command()
def serve(
    workspace: Workspace = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to bind; anything but loopback needs a token.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="STORYLINE_TOKEN",
            help="Access token to require (default: none on loopback, a fresh one elsewhere).",
        ),
    ] = None,
    paged: Annotated[
        Path | None,
        typer.Option(
            "--paged",
            help="Serve the paged dossier in this folder; with --workspace, search every part.",
        ),
    ] = None,
) -> None:
    """Browse the workspace in a web browser: stories, entities, documents, search, upload.

    Serves the dossier that the last analyze / report stored in the workspace,
    and a JSON API under /api (schema at /openapi.json); with --paged OUT, the
    paged dossier written there (parts, entity index, each part's pages).

    Example: storyline serve --workspace out/demo/storyline.db --port 8000
    """
    settings = _settings(workspace)
    if paged is not None:
        from storyline.web import serve_paged

        serve_paged(paged, host=host, port=port, token=token, fail=_fail, workspace=workspace)
        return
    if not Path(settings.workspace).exists():
        _fail(
            f"no workspace at {settings.workspace}; run `storyline analyze INPUT... --out DIR` "
            "first or point --workspace at one"
        )
    from storyline.web import serve as run

    try:
        run(settings, host=host, port=port, token=token)
    except WorkspaceError as exc:
        _fail(str(exc))


@app.command()
def schema() -> None:
    """Print the storyline/1 JSON Schema (the core plus every registered extractor's section).

    Example: storyline schema > storyline-1.schema.json
    """
    _emit(_api().schema())


@app.command()
def version() -> None:
    """Print Storyline's version."""
    typer.echo(__version__)


# `storyline spark analyze|load` (storyline.scale; PySpark imported only when run)
app.add_typer(spark_app, name="spark")


def main() -> None:
    app()
