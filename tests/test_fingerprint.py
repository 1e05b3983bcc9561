"""The analysis code's fingerprint: any rule change redoes stored analyses."""

from __future__ import annotations

from pathlib import Path

from storyline.fingerprint import code_fingerprint, files
from storyline.pipeline import pipeline_version


def _tree(root: Path) -> None:
    (root / "extract" / "quotes").mkdir(parents=True)
    (root / "extract" / "quotes" / "rules.py").write_text("CUES = ('said',)\n")
    (root / "nlp").mkdir()
    (root / "nlp" / "table.tsv").write_text("a\tb\n")
    (root / "pipeline.py").write_text("x = 1\n")


def _fresh(root: Path) -> str:
    code_fingerprint.cache_clear()  # once per process normally; here the files change
    try:
        return code_fingerprint(root)
    finally:
        code_fingerprint.cache_clear()


def test_a_changed_rule_table_changes_the_fingerprint(tmp_path: Path) -> None:
    _tree(tmp_path)
    before = _fresh(tmp_path)
    assert _fresh(tmp_path) == before
    (tmp_path / "extract" / "quotes" / "rules.py").write_text("CUES = ('said', 'told')\n")
    assert _fresh(tmp_path) != before
    (tmp_path / "nlp" / "table.tsv").write_text("a\tc\n")
    assert _fresh(tmp_path) != before


def test_bytecode_and_built_weights_are_not_hashed(tmp_path: Path) -> None:
    _tree(tmp_path)
    before = _fresh(tmp_path)
    (tmp_path / "extract" / "__pycache__").mkdir()
    (tmp_path / "extract" / "__pycache__" / "rules.cpython-311.pyc").write_bytes(b"\0\1")
    (tmp_path / "nlp" / "ner_accurate").mkdir()
    (tmp_path / "nlp" / "ner_accurate" / "weights.pt").write_bytes(b"\0" * 10)
    assert _fresh(tmp_path) == before
    names = {f.name for f in files(tmp_path)}
    assert names == {"rules.py", "table.tsv", "pipeline.py"}


def test_the_pipeline_version_ends_with_the_code_fingerprint() -> None:
    assert pipeline_version().split("+")[0].endswith("." + code_fingerprint())


def test_another_model_or_the_stock_ner_keys_the_pipeline_version() -> None:
    from storyline.settings import Settings

    base = pipeline_version(options=Settings().extractor_options())
    assert Settings().extractor_options() == {}
    for other in (Settings(ner="stock"), Settings(model="en_core_web_md")):
        assert pipeline_version(options=other.extractor_options()) != base
