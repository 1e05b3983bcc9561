"""The Spark-free half of the Spark path: flat rows, blocking helpers, input plans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.model import RawDocument
from storyline.scale import copies, rows
from storyline.scale.columns import DOCUMENT_COLUMNS, TABLES, Column
from storyline.scale.job import plan_inputs
from storyline.scale.session import parse_conf
from storyline.scale.worker import admit, local_source, read_row
from storyline.settings import Settings

TEXT = "Mayor Ann Lee said on Monday that 40 people left."


def _analysis() -> dict:
    return {
        "doc_id": "d1",
        "text": TEXT,
        "metadata": {"title": {"value": "Lee speaks"}, "outlet": None},
        "integrity": {"spun": {"score": 0.1}},
        "spans": [{"start": 0, "end": 5, "kind": "title", "rule": "x"}],
        "mentions": [{"start": 6, "end": 13, "text": "Ann Lee", "label": "PERSON"}],
        "quotes": [
            {
                "id": "q1",
                "start": 29,
                "end": 49,
                "text": TEXT[29:49],
                "kind": "indirect",
                "speaker": {"text": "Ann Lee", "start": 6, "end": 13},
                "confidence": 0.8,
            }
        ],
        "roles": [
            {
                "person": {"text": "Ann Lee", "start": 6, "end": 13},
                "title": {"text": "Mayor", "start": 0, "end": 5},
            }
        ],
    }


def test_table_rows_keep_offsets_and_main_fields() -> None:
    a = _analysis()
    (quote,) = rows.table_rows("quotes", a)
    names = [c.name for c in rows.table_columns("quotes")]
    row = dict(zip(names, quote, strict=True))
    assert (row["doc_id"], row["n"], row["start"], row["end"]) == ("d1", 0, 29, 49)
    assert row["text"] == TEXT[29:49]
    assert row["speaker_text"] == "Ann Lee" and row["speaker_start"] == 6
    assert row["confidence"] == 0.8 and row["cue_text"] is None
    assert json.loads(row["record"])["id"] == "q1"


def test_role_rows_take_the_title_span() -> None:
    (role,) = rows.table_rows("roles", _analysis())
    names = [c.name for c in rows.table_columns("roles")]
    row = dict(zip(names, role, strict=True))
    assert TEXT[row["start"] : row["end"]] == row["text"] == "Mayor"
    assert row["person_text"] == "Ann Lee"


def test_every_table_has_unique_column_names() -> None:
    for table in TABLES:
        names = [c.name for c in rows.table_columns(table)]
        assert len(names) == len(set(names)), table


def test_cast_refuses_wrong_kinds() -> None:
    assert rows.cast("3", Column("x", "x", "long")) == 3
    assert rows.cast("many", Column("x", "x", "double")) is None
    assert rows.cast(True, Column("x", "x", "long")) is None
    assert rows.cast({"a": 1}, Column("x", "x", "string")) == '{"a": 1}'
    assert rows.get_path({"a": {"b": 2}}, "a.b") == 2
    assert rows.get_path({"a": None}, "a.b") is None


def test_document_row_prefers_what_clean_found() -> None:
    raw = RawDocument.create("f.jsonl#L1", TEXT, b"{}", "jsonl", title="given", outlet="Wire")
    row = dict(
        zip([c.name for c in DOCUMENT_COLUMNS], rows.document_row(raw, _analysis()), strict=True)
    )
    assert row["title"] == "Lee speaks" and row["outlet"] == "Wire"
    assert row["spun_score"] == 0.1 and row["raw"] == b"{}" and row["text"] == TEXT
    (span,) = rows.span_rows(_analysis())
    assert span == ("d1", 0, 5, "title", "x", "Mayor")


def test_bucket_pairs_cap_large_buckets() -> None:
    small = {p for p, _ in copies.bucket_pairs("f:1", ["c", "a", "b"])}
    assert small == {("a", "b", "f"), ("a", "c", "f"), ("b", "c", "f")}
    members = [f"d{i:03d}" for i in range(copies.KEY_KINDS["f"][0] + 5)]
    big = [p for p, _ in copies.bucket_pairs("f:2", members)]
    n = len(members)
    assert len(big) < n * (n - 1) // 2
    assert {b for _, b, _ in big} | {"d000"} == set(members)  # everyone stays connected


def test_components_and_thresholds() -> None:
    blocks = copies.components([("b", "c"), ("a", "b"), ("x", "y")])
    assert blocks == {"a": "a", "b": "a", "c": "a", "x": "x", "y": "x"}
    assert copies.enough("m", 1) and not copies.enough("f", copies.KEY_KINDS["f"][1] - 1)


def test_read_row_and_admit() -> None:
    settings = Settings(max_chars=20)
    ok = read_row("t.parquet#row1", {"id": 7, "text": "Short text.", "title": None}, settings)
    assert ok[0] == "raw" and ok[1].external_id == "7" and ok[1].text == "Short text."
    assert read_row("t.parquet#row2", {"id": 8, "text": None}, settings)[0] == "error"
    long_doc = RawDocument.create("s", "x" * 30, b"x", "txt")
    assert admit(long_doc, settings)[3] == "read"
    assert local_source("file:/tmp/a%20b.jsonl") == "/tmp/a b.jsonl"
    assert local_source("s3a://bucket/x.jsonl") == "s3a://bucket/x.jsonl"


def test_plan_inputs_sorts_readers(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n')
    (tmp_path / "t.parquet").mkdir()
    plan = plan_inputs(
        [str(tmp_path), "hdfs://nn/data/*.warc.gz", "s3a://b/x.parquet", str(tmp_path / "nope")],
        str(tmp_path / "out"),
    )
    assert plan.local == [str(tmp_path / "a.jsonl")]
    assert plan.remote == ["hdfs://nn/data/*.warc.gz"]
    assert plan.parquet == ["s3a://b/x.parquet"]
    assert [e[0] for e in plan.errors] == [str(tmp_path / "nope")]


def test_parse_conf() -> None:
    assert parse_conf(["spark.executor.memory=4g", "a=b=c"]) == {
        "spark.executor.memory": "4g",
        "a": "b=c",
    }
    with pytest.raises(ValueError, match="key=value"):
        parse_conf(["novalue"])


def test_entity_keys_meet_across_spellings_and_titles() -> None:
    from storyline.scale.entities import entity_key

    assert entity_key("PERSON", "Mayor Ann Lee") == entity_key("PERSON", "Ann Lee's")
    assert entity_key("PERSON", "Ann Lee")[0] == "PERSON"
    assert entity_key("GPE", "the Ukraine")[0] == "PLACE"
    assert entity_key("CARDINAL", "40") is None


def test_entity_rows_count_documents_once_and_rank_spellings() -> None:
    from storyline.scale.entities import doc_spellings, entity_id, entity_rows

    def doc(i: int, *names: str) -> tuple[str, list]:
        mentions = [{"text": n, "label": "PERSON"} for n in names]
        return f"d{i}", doc_spellings({"doc_id": f"d{i}", "mentions": mentions})

    docs = [doc(0, "Ann Lee", "Ann Lee", "Lee"), doc(1, "Ann Lee"), doc(2, "ANN LEE")]
    assert ("PERSON", "ann lee", "Ann Lee", "PERSON", 2) in docs[0][1]
    rows = {r[2]: r for r in entity_rows(docs)}
    row = rows["ann lee"]
    assert row[0] == entity_id("PERSON", "ann lee") and row[0].startswith("k")
    assert row[1:7] == ("PERSON", "ann lee", "Ann Lee", "PERSON", 4, 3)
    assert row[7] == ["Ann Lee", "ANN LEE"]


def test_bundle_row_holds_every_table_and_error_rows_are_empty() -> None:
    from storyline.scale.rows import BUNDLE_LISTS, bundle_row, error_bundle

    raw = RawDocument(id="d1", source="a.jsonl#L1", text=TEXT, raw=b"x", format="jsonl")
    row = bundle_row(raw, {**_analysis(), "errors": ["quotes: boom"]}, ["x:1"])
    assert len(row) == 5 + len(BUNDLE_LISTS)
    assert row[:2] == ("d1", "a.jsonl#L1") and json.loads(row[3])["doc_id"] == "d1"
    assert row[4] == [("a.jsonl#L1", "d1", "extract", "quotes: boom")]
    named = dict(zip(BUNDLE_LISTS, row[5:], strict=True))
    assert [r[4] for r in named["quotes"]] == [TEXT[29:49]] and named["keys"] == ["x:1"]
    assert named["spellings"] == [("PERSON", "ann lee", "Ann Lee", "PERSON", 1)]
    bad = error_bundle("b.jsonl#L2", None, "analyse", "ValueError: x")
    assert bad[2] is None and bad[4] == [("b.jsonl#L2", None, "analyse", "ValueError: x")]
    assert all(part == [] for part in bad[5:])


def test_verify_sorted_tags_lineage_and_link_rows() -> None:
    from storyline.scale.columns import LINEAGE_COLUMNS

    line = "sentence about the council vote on the new bridge."
    text = " ".join(f"word{i} {line}" for i in range(30))
    head = {"text": text, "pipeline_version": "t", "format": "txt", "metadata": {}}
    docs = [{**head, "doc_id": d, "source": f"{d}.txt"} for d in ("a", "b")]
    found = list(copies.verify_sorted(("a", json.dumps(d)) for d in docs))
    assert all(len(r) == len(copies.VERIFIED) for r in found)
    expected = list(copies.verify_block(docs))
    assert {tag for tag, _ in expected} == {"lineage", "link"}
    assert [r[0] for r in found] == [tag for tag, _ in expected]
    lineage = [r[1 : 1 + len(LINEAGE_COLUMNS)] for r in found if r[0] == "lineage"]
    assert lineage == [row for tag, row in expected if tag == "lineage"]


def test_cli_refuses_a_bad_conf_before_starting_spark() -> None:
    from typer.testing import CliRunner

    from storyline.cli import app

    result = CliRunner().invoke(app, ["spark", "analyze", "x", "--out", "y", "--conf", "oops"])
    assert result.exit_code == 2
    assert "key=value" in result.output


def test_blob_collection_is_bounded_per_record_like_a_local_file(tmp_path: Path) -> None:
    """A JSONL blob (Spark's binaryFiles) over --max-bytes is a collection: read, and a
    record over the limit costs only itself, as on one machine."""
    from storyline.scale.worker import read_blob, read_local

    good = json.dumps({"id": "1", "text": "The quay reopened on Monday."}).encode() + b"\n"
    big = json.dumps({"id": "2", "text": "x " * 1500}).encode() + b"\n"
    data = good + big + good * 20
    path = tmp_path / "part.jsonl"
    path.write_bytes(data)
    settings = Settings(max_bytes=1024)
    blob = list(read_blob(path.as_uri(), data, settings))
    local = list(read_local(str(path), settings))
    assert blob == local
    kinds = [r[0] for r in blob]
    assert kinds.count("raw") == 21 and kinds[1] == "error"
    assert blob[1][1] == f"{path}#L2" and "over the 0.0 MB limit" in blob[1][4]
    refused = list(read_blob(path.as_uri(), data, Settings(max_collection_bytes=100)))
    assert len(refused) == 1 and "--max-collection-bytes" in refused[0][4]


def test_an_input_row_and_a_documents_row_become_the_document_they_hold() -> None:
    from storyline.scale.load import raw_of
    from storyline.scale.worker import raw_document

    row = {
        "doc_id": "d1",
        "source": "a.txt",
        "text": TEXT,
        "raw": bytearray(TEXT.encode()),
        "format": "text",
        "title": "Lee speaks",
        "url": "https://example.org/a",
        "outlet": "Example Post",
        "published": "2024-01-02",
        "dct": "2024-01-02",
        "language": "en",
        "external_id": "x1",
    }
    read = raw_document(row)
    assert (read.id, read.raw, read.title, read.outlet, read.external_id) == (
        "d1",
        TEXT.encode(),
        "Lee speaks",
        "Example Post",
        "x1",
    )
    # a documents row's title/outlet/date/language are the analysis's findings:
    # the stored document keeps only what the reader gave
    stored = raw_of(row)
    assert (stored.url, stored.dct, stored.external_id) == (row["url"], row["dct"], "x1")
    assert stored.title is stored.outlet is stored.published is stored.language is None
    # a column the row lacks is None, not an error
    del row["url"]
    assert raw_of(row).url is None and raw_document(row).url is None
