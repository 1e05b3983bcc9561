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
