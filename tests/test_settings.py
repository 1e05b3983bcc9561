from pathlib import Path

from storyline.settings import Settings


def test_workspace_comes_from_env_unless_given(monkeypatch):
    monkeypatch.setenv("STORYLINE_WORKSPACE", "/tmp/from-env.db")
    assert Settings.from_env().workspace == Path("/tmp/from-env.db")
    assert Settings.from_env(workspace=Path("x.db")).workspace == Path("x.db")
    monkeypatch.delenv("STORYLINE_WORKSPACE")
    assert Settings.from_env().workspace == Path("storyline.db")


def test_none_overrides_keep_defaults():
    assert Settings.from_env(max_bytes=None).max_bytes == Settings().max_bytes


def test_collection_limit_from_env(monkeypatch):
    import pytest

    assert Settings().max_collection_bytes == 4 * 1024**3
    monkeypatch.setenv("STORYLINE_MAX_COLLECTION_BYTES", "1_000_000")
    assert Settings.from_env().max_collection_bytes == 1_000_000
    assert Settings.from_env(max_collection_bytes=0).max_collection_bytes == 0
    monkeypatch.setenv("STORYLINE_MAX_COLLECTION_BYTES", "4GB")
    with pytest.raises(ValueError, match="STORYLINE_MAX_COLLECTION_BYTES must be a whole number"):
        Settings.from_env()
