"""End to end through storyline.api: real corpus, bad input, idempotence."""

import json
import os
from pathlib import Path

import pytest

from storyline import api, pipeline
from storyline.report import validate_dossier
from storyline.settings import Settings
from storyline.store import WorkspaceError


def test_real_corpus_gives_a_valid_dossier(belarus: Path, settings, tmp_path):
    result = api.analyze([str(belarus)], tmp_path / "out", settings)
    assert result.ingest.errors == []
    dossier = json.loads((tmp_path / "out" / "dossier.json").read_text())
    validate_dossier(dossier, thorough=True)  # jsonschema itself, not only the compiled check
    assert dossier["schema"] == "storyline/1"
    docs = {Path(d["source"]).name: d for d in dossier["documents"]}
    assert len(docs) == 5
    for name, d in docs.items():
        assert d["text"] == (belarus / name).read_text(encoding="utf-8")
    # Dates only where the text states a dateline.
    assert docs["001_a83c688eb481b20a.txt"]["published"].startswith("2022-03-19T21:44:29")
    assert docs["003_6684f030dff52ae1.txt"]["published"].startswith("2022-03-11T14:34")
    for name in (
        "000_7d14eb9c07a46bcf.txt",
        "002_cd1c3d7e895dde9d.txt",
    ):
        assert docs[name]["published"] is None
    # 004 has no dateline: a lower bound from its embedded post, inferred
    ev4 = docs["004_35385104a2a9b4df.txt"]["metadata"]["published"]
    assert (ev4["value"], ev4["inferred"]) == ("2022-03-19", True)
    assert ev4["method"] == "embedded-post (publication at or after)"
    # The published date traces back to its dateline span.
    d1 = docs["001_a83c688eb481b20a.txt"]
    ev = d1["metadata"]["published"]
    assert "3/19/2022" in d1["text"][ev["start"] : ev["end"]]
    assert docs["001_a83c688eb481b20a.txt"]["outlet"] == "The Limited Times"
    for name in ("dossier.md", "dossier.html"):
        assert (tmp_path / "out" / name).stat().st_size > 1000
    names = {e["name"] for e in dossier["entities"]}
    assert any("Lukashenko" in n for n in names)


def _bad_corpus(root: Path) -> dict[str, str]:
    """Bad files (name -> expected reason fragment) next to two good ones."""
    root.mkdir()
    (root / "good.txt").write_text("Dam holds at Orsk\n\nThe mayor said the dam held.\n")
    (root / "good.jsonl").write_text(
        json.dumps({"id": "a1", "text": "Port of Dalmar reopens after a week."})
        + "\n{broken json\n"
        + json.dumps({"id": "a3", "title": "no text"})
        + "\n"
    )
    (root / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (root / "empty.txt").write_bytes(b"")
    (root / "latin1.txt").write_bytes(
        "Caf\xe9 owners in S\xe3o Tom\xe9 said prices rose.".encode("latin-1")
    )
    (root / "utf16.txt").write_bytes("Officials in Kessel said the levee held.".encode("utf-16"))
    (root / "bad.json").write_text('{"id": 1, "text": ')
    (root / "bad.html").write_text("<html><body><div><p>")
    os.symlink(root / "missing-target.txt", root / "dangling.txt")
    return {
        "binary.txt": "binary",
        "empty.txt": "empty",
        "bad.json": "JSON",
        "bad.html": "",
        "dangling.txt": "symlink",
        "good.jsonl#L2": "JSON",
        "good.jsonl#L3": "text",
    }


def test_bad_input_is_reported_and_good_input_kept(tmp_path, settings):
    root = tmp_path / "in"
    expected = _bad_corpus(root)
    result = api.ingest([str(root)], settings)
    by_source = {}
    for e in result.errors:
        by_source.setdefault(Path(e.source).name, []).append(e.reason)
        assert "\n" not in e.reason
    for name, fragment in expected.items():
        assert name in by_source, f"no error for {name}: {by_source}"
        assert len(by_source[name]) == 1
        assert fragment.lower() in by_source[name][0].lower()
    # good.txt, the good JSONL line, Latin-1 and UTF-16 files are all read.
    assert len(result.doc_ids) == 4
    first = api.status(settings)

    again = api.ingest([str(root)], settings)
    assert again.new == 0 and again.analysed == 0 and again.unchanged == 4
    assert api.status(settings) == first


def test_pipeline_version_change_reanalyses(tmp_path, settings, monkeypatch):
    (tmp_path / "a.txt").write_text("Officials in Kessel said the levee held.")
    assert api.ingest([str(tmp_path / "a.txt")], settings).analysed == 1
    monkeypatch.setattr(pipeline, "CORE_VERSION", pipeline.CORE_VERSION + "-next")
    r = api.ingest([str(tmp_path / "a.txt")], settings)
    assert (r.new, r.analysed) == (0, 1)
    assert api.status(settings)["documents"] == 1


def test_report_without_workspace_says_how_to_fix(tmp_path, settings):
    with pytest.raises(WorkspaceError, match="storyline ingest"):
        api.report(tmp_path / "out", settings)


def test_analyze_never_reads_its_own_output_or_workspace(tmp_path, monkeypatch):
    """``analyze . --out out`` in a folder holding its workspace and an earlier dossier."""
    (tmp_path / "a.txt").write_text("Officials in Kessel said the levee held on Sunday.")
    monkeypatch.chdir(tmp_path)
    settings = Settings(workspace=Path("ws.db"))
    first = api.analyze(["."], "out", settings)
    assert len(first.ingest.doc_ids) == 1 and not first.ingest.errors
    again = api.analyze(["."], "out", settings)  # out/ and ws.db* now exist beside a.txt
    assert len(again.ingest.doc_ids) == 1 and not again.ingest.errors
    assert [d["source"] for d in again.dossier["documents"]] == ["a.txt"]


def test_analyze_with_two_processes_prepares_the_dossier_phase_during_the_pool(
    tmp_path, monkeypatch
):
    calls: list[int] = []
    monkeypatch.setattr(api, "prepare_dossier_phase", lambda: calls.append(1))
    for i, town in enumerate(["Orsk", "Kessel", "Dalmar"]):
        (tmp_path / f"in{i}.txt").write_text(
            f"Floods in {town}\n\nThe mayor of {town} said on Sunday the levee held.\n",
            encoding="utf-8",
        )
    one = Settings(workspace=tmp_path / "one.db", processes=1)
    two = Settings(workspace=tmp_path / "two.db", processes=2)
    api.analyze([str(tmp_path / "in0.txt"), str(tmp_path / "in1.txt")], tmp_path / "o1", one)
    assert calls == []  # one process: nothing idle to use
    inputs = [str(tmp_path / f"in{i}.txt") for i in range(3)]
    result = api.analyze(inputs, tmp_path / "o2", two)
    assert calls == [1] and result.ingest.analysed == 3
    api.prepare_dossier_phase()  # the real one runs and is idempotent
    api.prepare_dossier_phase()
