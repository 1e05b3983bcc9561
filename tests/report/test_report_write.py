from __future__ import annotations

import json

import pytest
from jsonschema import ValidationError

from storyline.report import build_dossier, validate_dossier, write_dossier


def test_write_dossier_writes_three_files(tmp_path, analyses, fused, read_errors):
    dossier = build_dossier(analyses, fused, errors=read_errors)
    out = tmp_path / "out" / "run"
    paths = write_dossier(dossier, out)
    assert set(paths) == {"json", "markdown", "html"}
    assert {p.name for p in paths.values()} == {"dossier.json", "dossier.md", "dossier.html"}
    assert sorted(p.name for p in out.iterdir()) == ["dossier.html", "dossier.json", "dossier.md"]
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
