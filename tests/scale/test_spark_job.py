"""The Spark path end to end, in local mode: same analyses as one machine.

One SparkSession (local[2]) for the module and one job over a tiny corpus
written here (JSONL with a bad record, plus one Parquet row). Skipped with
the reason when PySpark or Java is missing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storyline.scale import spark_problem

PROBLEM = spark_problem()
pytestmark = pytest.mark.skipif(PROBLEM is not None, reason=f"Spark unavailable: {PROBLEM}")

BRIDGE = (
    "The city council of Riverton voted on Tuesday to approve a new bridge over the Miller "
    'River. Mayor Jane Alvarez said the project would cost at least $40 million. "This bridge '
    'will connect two neighbourhoods that have been cut off for decades," Alvarez told '
    "reporters. Construction is expected to begin in May and to last two years."
)
RECORDS = [
    {"id": "a1", "title": "Council approves bridge", "published": "2024-03-02", "text": BRIDGE},
    {
        "id": "a2",
        "title": "Riverton bridge approved",
        "published": "2024-03-03",
        "text": BRIDGE + " Opponents of the plan said on Wednesday they would appeal.",
    },
    {
        "id": "a3",
        "text": "A storm struck the northern coast on Sunday, cutting power to about 12,000 "
        "homes, the utility company Northgrid said. Crews were sent to three towns.",
    },
]
PARQUET_TEXT = "Farmers in the valley said the harvest fell by a third after the dry summer."


@pytest.fixture(scope="module")
def spark() -> Any:
    from storyline.scale.session import get_session

    session = get_session(
        "local[2]",
        {
            "spark.ui.enabled": "false",
            "spark.sql.shuffle.partitions": "2",
            "spark.default.parallelism": "2",
        },
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    lines = [json.dumps(r) for r in RECORDS[:2]]
    (folder / "one.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    bad = '{"id": "a4", "title": "no text field"}'
    (folder / "two.jsonl").write_text(json.dumps(RECORDS[2]) + "\n" + bad + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def parquet_input(spark: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pq") / "extra.parquet"
    frame = spark.createDataFrame([("p1", "Harvest down", PARQUET_TEXT)], ["id", "title", "text"])
    frame.coalesce(1).write.parquet(str(path))
    return path


@pytest.fixture(scope="module")
def run(spark: Any, corpus: Path, parquet_input: Path, tmp_path_factory: pytest.TempPathFactory):
    from storyline.scale import spark_analyze
    from storyline.settings import Settings

    out = tmp_path_factory.mktemp("spark") / "out"
    settings = Settings(workspace=out.parent / "unused.db")
    result = spark_analyze([str(corpus), str(parquet_input)], out, settings, spark=spark)
    return result, out


@pytest.fixture(scope="module")
def single(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """The single-machine analyses of the same JSONL files, by doc id."""
    from storyline import api
    from storyline.settings import Settings
    from storyline.store import Workspace

    settings = Settings(workspace=tmp_path_factory.mktemp("ws") / "ws.db")
    ingested = api.ingest([str(corpus)], settings)
    assert len(ingested.errors) == 1
    with Workspace(settings.workspace) as ws:
        return {a.doc_id: a.to_dict() for a in ws.analyses()}


def _rows(spark: Any, out: Path, table: str) -> list[dict[str, Any]]:
    return [r.asDict() for r in spark.read.parquet(str(out / table)).collect()]


def test_analyses_equal_the_single_machine_path(run, single, spark) -> None:
    result, out = run
    spark_rows = {r["doc_id"]: json.loads(r["analysis"]) for r in _rows(spark, out, "analyses")}
    assert result.documents == 4 and len(spark_rows) == 4
    assert set(single) < set(spark_rows)
    for doc_id, expected in single.items():
        assert spark_rows[doc_id] == json.loads(json.dumps(expected)), doc_id


def test_bad_record_is_an_error_and_costs_only_itself(run, spark) -> None:
    result, out = run
    errors = [e for e in _rows(spark, out, "errors") if e["stage"] == "read"]
    assert [e["source"].rsplit("/", 1)[-1] for e in errors] == ["two.jsonl#L2"]
    assert "text" in errors[0]["reason"]
    assert result.read_errors == 1


def test_flat_tables_point_into_the_document_text(run, spark) -> None:
    _, out = run
    texts = {d["doc_id"]: d["text"] for d in _rows(spark, out, "documents")}
    assert PARQUET_TEXT in texts.values()
    checked = 0
    for table in ("entities_mentions", "quotes", "timexes", "quantities", "events"):
        for row in _rows(spark, out, table):
            assert texts[row["doc_id"]][row["start"] : row["end"]] == row["text"], table
            checked += 1
    assert checked > 5
    quotes = _rows(spark, out, "quotes")
    assert any(q["speaker_text"] and "Alvarez" in q["speaker_text"] for q in quotes)
    people = {e["key"]: e for e in _rows(spark, out, "entities") if e["type_group"] == "PERSON"}
    assert people["jane alvarez"]["documents"] == 2
    assert all("Jane Alvarez" in s for s in people["jane alvarez"]["spellings"])


def test_entities_table_equals_the_in_memory_aggregation(run, spark) -> None:
    from storyline.scale.entities import doc_spellings, entity_rows

    _, out = run
    analyses = [json.loads(r["analysis"]) for r in _rows(spark, out, "analyses")]
    expected = list(entity_rows((a["doc_id"], doc_spellings(a)) for a in analyses))
    found = [r for r in spark.read.parquet(str(out / "entities")).collect()]
    # enough keys, and one seen in several documents, for the merge to be tested
    assert len(expected) >= 4 and any(row[6] >= 2 for row in expected)
    assert sorted(tuple(r) for r in found) == sorted(expected)


def test_copies_match_find_copies(run, single, spark) -> None:
    from storyline.fuse.copies import find_copies
    from storyline.model import DocumentAnalysis

    _, out = run
    expected = find_copies([DocumentAnalysis.from_dict(a) for a in single.values()])
    assert len(expected) == 1
    lineages = _rows(spark, out, "lineages")
    assert {(r["lineage_id"], r["doc_id"]) for r in lineages} == {
        (expected[0].id, d) for d in expected[0].documents
    }
    (link,) = _rows(spark, out, "copies")
    assert (link["copy"], link["original"], link["kind"]) == (
        expected[0].links[0].copy,
        expected[0].links[0].original,
        expected[0].links[0].kind,
    )


def test_manifest_and_pandas_read_back(run) -> None:
    result, out = run
    manifest = json.loads((out / "_storyline.json").read_text())
    assert manifest["layout"] == "storyline-parquet/1"
    assert manifest["tables"]["documents"] == 4 == result.documents
    pd = pytest.importorskip("pandas", reason="pandas not installed: Spark read-back only")
    pytest.importorskip("pyarrow", reason="pyarrow not installed: Spark read-back only")
    frame = pd.read_parquet(out / "quotes")
    assert {"doc_id", "start", "end", "text", "speaker_text"} <= set(frame.columns)


def test_load_into_a_workspace(run, single, spark, tmp_path: Path) -> None:
    from storyline import api
    from storyline.scale import spark_load
    from storyline.settings import Settings
    from storyline.store import Workspace

    _, out = run
    settings = Settings(workspace=tmp_path / "loaded.db")
    loaded = spark_load(out, settings, spark=spark)
    assert (loaded.documents, loaded.new, loaded.analyses, loaded.stale) == (4, 4, 4, 0)
    with Workspace(settings.workspace) as ws:
        stored = {a.doc_id: a.to_dict() for a in ws.analyses()}
    for doc_id, expected in single.items():
        assert json.loads(json.dumps(stored[doc_id])) == json.loads(json.dumps(expected))
    assert api.status(settings)["stale"] == 0
    again = spark_load(out, settings, spark=spark)
    assert again.new == 0
