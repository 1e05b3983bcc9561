from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

import pytest
from jsonschema import ValidationError

from storyline.report import build_dossier, validate_dossier, write_dossier


def test_write_dossier_writes_three_files(tmp_path, analyses, fused, read_errors):
    dossier = build_dossier(analyses, fused, errors=read_errors)
    out = tmp_path / "out" / "run"
    paths = write_dossier(dossier, out)
    assert set(paths) == {"json", "markdown", "html"}
    assert {p.name for p in paths.values()} == {"dossier.json", "dossier.md", "dossier.html"}
    visible = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert visible == ["dossier.html", "dossier.json", "dossier.md"]
    loaded = json.loads(paths["json"].read_text("utf-8"))
    assert loaded == dossier
    validate_dossier(loaded)
    assert paths["markdown"].read_text("utf-8").startswith("# Storyline dossier")
    assert paths["html"].read_text("utf-8").startswith("<!DOCTYPE html>")


def test_write_dossier_keeps_non_ascii(tmp_path, analyses, fused):
    # same length, so every offset still holds
    analyses[0].text = analyses[0].text.replace("Rivertown Gazette", "Rivertöwn Gazettë")
    dossier = build_dossier(analyses, fused)
    paths = write_dossier(dossier, tmp_path)
    assert "Rivertöwn Gazettë" in paths["json"].read_text("utf-8")


def test_write_dossier_validates_first(tmp_path, analyses, fused):
    dossier = build_dossier(analyses, fused)
    dossier["documents"][0]["spans"][0]["start"] = -1
    with pytest.raises(ValidationError, match="spans"):
        write_dossier(dossier, tmp_path / "out")
    # nothing a reader would take for a dossier; the invalid one is kept for a bug report
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["dossier.invalid.json"]


def test_outputs_get_ordinary_permissions(tmp_path, analyses, fused):
    import os

    umask = os.umask(0o022)
    try:
        paths = write_dossier(build_dossier(analyses, fused), tmp_path / "out")
    finally:
        os.umask(umask)
    for path in paths.values():
        assert path.stat().st_mode & 0o777 == 0o644


# ------------------------------------------------------------ a dossier is a set


def _run_of(out):
    """The ``generated_by`` each of the three files names (one value: one set)."""
    seen = {json.loads((out / "dossier.json").read_text("utf-8"))["generated_by"]}
    for name in ("dossier.md", "dossier.html"):
        text = (out / name).read_text("utf-8")
        seen |= {f"storyline {r}" for r in ("run-1", "run-2", "run-3") if f"storyline {r}" in text}
    return seen


def _debris(out):
    current = os.readlink(out / ".dossier-current")
    return sorted(
        p.name
        for p in out.iterdir()
        if p.name.endswith(".tmp")
        or (p.name.startswith(".dossier-") and p.name != current and p.name != ".dossier-current")
    )


@pytest.mark.parametrize(
    ("target", "nth"),
    [
        ("replace", 1),
        ("replace", 2),
        ("replace", 3),
        ("fsync", 1),
        ("fsync", 2),
        ("fsync", 3),
        ("fsync", 4),
        ("swap_link", 1),
        ("swap_link", 2),
        ("swap_link", 4),
    ],
)
def test_a_killed_write_leaves_the_previous_set_and_no_debris(
    tmp_path, monkeypatch, analyses, fused, target, nth
):
    from storyline.report import fileset as publish

    out = tmp_path / "out"
    write_dossier(build_dossier(analyses[:1], fused, generated_by="storyline run-1"), out)
    assert _run_of(out) == {"storyline run-1"}

    class Killed(BaseException):
        """Stands for SIGKILL: nothing after it runs, not even clean-up."""

    calls = {"n": 0}
    real = {"fsync": os.fsync, "replace": os.replace, "swap_link": publish.swap_link}[target]

    def dying(*args):
        calls["n"] += 1
        if calls["n"] == nth:
            raise Killed
        return real(*args)

    if target in ("fsync", "replace"):
        monkeypatch.setattr(os, target, dying)
    else:
        monkeypatch.setattr(publish, "swap_link", dying)
    monkeypatch.setattr(publish.shutil, "rmtree", lambda *a, **k: None)  # a kill cleans nothing
    with contextlib.suppress(Killed):  # (a write with fewer such calls is not killed)
        write_dossier(build_dossier(analyses, fused, generated_by="storyline run-2"), out)
    monkeypatch.undo()
    # whatever the moment of the kill: one run's files, never a mix
    assert len(_run_of(out)) == 1
    if target == "fsync" or (target == "swap_link" and nth == 1):
        assert _run_of(out) == {"storyline run-1"}

    write_dossier(build_dossier(analyses, fused, generated_by="storyline run-3"), out)
    assert _run_of(out) == {"storyline run-3"}
    assert _debris(out) == []
    visible = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert visible == ["dossier.html", "dossier.json", "dossier.md"]


def test_leftovers_of_older_versions_go_and_plain_files_become_the_set(tmp_path, analyses, fused):
    out = tmp_path / "out"
    out.mkdir()
    for name in ("dossier.json", "dossier.md", "dossier.html"):
        (out / name).write_text("from an older Storyline", "utf-8")
    (out / ".dossier.json.k2j3h4.tmp").write_text("half", "utf-8")
    (out / "notes.txt").write_text("the user's own file", "utf-8")
    write_dossier(build_dossier(analyses, fused, generated_by="storyline run-1"), out)
    assert _run_of(out) == {"storyline run-1"}
    assert _debris(out) == []
    assert (out / "notes.txt").read_text("utf-8") == "the user's own file"


def test_a_published_set_is_a_folder_of_three_files(tmp_path, analyses, fused):
    out = tmp_path / "out"
    write_dossier(build_dossier(analyses, fused, generated_by="storyline run-1"), out)
    first = os.path.realpath(out / ".dossier-current")
    write_dossier(build_dossier(analyses, fused, generated_by="storyline run-2"), out)
    current = Path(os.path.realpath(out / ".dossier-current"))
    assert str(current) != first and not Path(first).exists()  # replaced sets are removed
    assert sorted(p.name for p in current.iterdir()) == [
        "dossier.html",
        "dossier.json",
        "dossier.md",
    ]
    assert (out / "dossier.json").resolve() == current / "dossier.json"


def test_a_lone_surrogate_is_written_as_its_escape_not_a_failed_run(tmp_path: Path) -> None:
    # a file name read with surrogateescape can carry one; UTF-8 cannot encode it
    from storyline.report.fileset import publish, write_file

    text = json.dumps({"file": "bad\udc00name"}, ensure_ascii=False)
    paths = publish(tmp_path / "out", {"dossier.json": text})
    assert json.loads(paths["dossier.json"].read_text(encoding="utf-8")) == {
        "file": "bad\udc00name"
    }
    write_file(tmp_path / "one.json", text)
    assert "bad\\udc00name" in (tmp_path / "one.json").read_text(encoding="utf-8")
