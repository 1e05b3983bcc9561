"""``-j 2`` runs fusion and rendering steps side by side: the dossier's bytes stay the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.forked import can_fork
from storyline.fuse import fuse
from storyline.model import RawDocument
from storyline.pipeline import Pipeline
from storyline.read import read_inputs
from storyline.report import build_dossier, write_dossier
from storyline.report.render.html import split
from storyline.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"

pytestmark = pytest.mark.skipif(not can_fork(2), reason="no fork start method on this platform")


@pytest.fixture(scope="module")
def example_analyses():
    raws = [
        r for r in read_inputs([str(EXAMPLES)], settings=Settings()) if isinstance(r, RawDocument)
    ]
    return list(Pipeline(Settings()).analyze_many(raws))


def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("split_threshold", [1, 1000])
def test_two_processes_write_the_same_files_as_one(
    example_analyses, tmp_path, monkeypatch, split_threshold
):
    monkeypatch.setattr(split, "SPLIT_THRESHOLD", split_threshold)
    outs = {}
    for processes in (1, 2):
        # fusion is given fresh analyses each time: some steps annotate them in place
        analyses = [a.from_dict(a.to_dict()) for a in example_analyses]
        dossier = build_dossier(analyses, fuse(analyses, processes=processes))
        write_dossier(dossier, tmp_path / f"j{processes}", processes=processes)
        outs[processes] = _files((tmp_path / f"j{processes}").resolve() / ".dossier-current")
    assert outs[1] == outs[2]
    assert any("dossier_files" in n for n in outs[1]) == (split_threshold == 1)
    assert len(example_analyses) >= 5 and len(outs[1]["dossier.json"]) > 10_000


def test_an_invalid_dossier_with_two_processes_is_kept_for_a_bug_report(example_analyses, tmp_path):
    dossier = build_dossier(example_analyses, fuse(example_analyses, processes=2))
    dossier["documents"][0]["spans"][0]["start"] = -1
    with pytest.raises(Exception, match="spans"):
        write_dossier(dossier, tmp_path / "out", processes=2)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["dossier.invalid.json"]
