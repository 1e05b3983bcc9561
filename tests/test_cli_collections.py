"""The CLI on collections: a JSONL file bigger than --max-bytes is read per record."""

import gzip
import json
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app

runner = CliRunner()


def test_gzip_collection_over_max_bytes_is_read_record_by_record(tmp_path: Path) -> None:
    stories = [
        "Mayor Ilse Varga said the dam at Orsk held through the night.",
        "Filler line. " * 200,  # over --max-bytes 1024: one error, its neighbours read
        "Ships left the port of Dalmar on Friday, the harbour master said.",
    ]
    records = [json.dumps({"id": i, "text": t}).encode() + b"\n" for i, t in enumerate(stories)]
    data = b"".join(records) + records[0]  # the first record again: stored once
    path = tmp_path / "export.jsonl.gz"
    path.write_bytes(gzip.compress(data))
    args = ["ingest", str(path), "-w", str(tmp_path / "ws.db"), "--max-bytes", "1024", "--json"]
    res = runner.invoke(app, args)
    assert res.exit_code == 1, res.output  # one record unreadable, the rest processed
    assert json.loads(res.stdout)["documents"] == 2
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("error:")]
    assert errors == [
        f"error: {path}#L2: JSONL line 2: record is 0.0 MB, over the 0.0 MB limit: "
        "skipped (raise --max-bytes)"
    ]
    assert path.stat().st_size < 2000 < len(data)
    res = runner.invoke(app, [*args[:-1], "--max-collection-bytes", "2000", "--json"])
    assert res.exit_code == 1
    assert "over the 0.0 MB collection limit once decompressed" in res.stderr


def test_bad_collection_limit_is_one_line(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("STORYLINE_MAX_COLLECTION_BYTES", "lots")
    res = runner.invoke(app, ["ingest", str(tmp_path), "-w", str(tmp_path / "ws.db")])
    assert res.exit_code == 2
    assert "STORYLINE_MAX_COLLECTION_BYTES must be a whole number of bytes" in res.output
    monkeypatch.delenv("STORYLINE_MAX_COLLECTION_BYTES")
    res = runner.invoke(app, ["ingest", str(tmp_path), "--max-collection-bytes", "-1"])
    assert res.exit_code == 2 and "--max-collection-bytes" in res.output
