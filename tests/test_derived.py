"""The per-user cache of derived tables: built once, rebuilt on any change, never in the way."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

from storyline import derived as derived_mod
from storyline.derived import cache_dir, derived
from storyline.despin.lexical import Compounds
from storyline.extract.places.gazetteer import Gazetteer, build_gazetteer


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("STORYLINE_CACHE_DIR", str(folder))
    return folder


def _counting(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_a_table_is_built_once_then_read_from_the_cache(cache, tmp_path):
    data = tmp_path / "data.txt"
    data.write_text("a b c")
    build, calls = _counting({"kyiv": ("Kyiv", 1), "keys": frozenset({"a"})})
    first = derived("t", build, inputs=[data], code=[Path(__file__)])
    second = derived("t", build, inputs=[data], code=[Path(__file__)])
    assert first == second == {"kyiv": ("Kyiv", 1), "keys": frozenset({"a"})}
    assert len(calls) == 1
    assert len(list(cache.glob("t-*.marshal"))) == 1


def test_a_changed_input_or_code_builds_again(cache, tmp_path):
    data, code = tmp_path / "data.txt", tmp_path / "code.py"
    data.write_text("a")
    code.write_text("x = 1")
    build, calls = _counting([1, 2])
    derived("t", build, inputs=[data], code=[code])
    data.write_text("a longer file")
    derived("t", build, inputs=[data], code=[code])
    code.write_text("x = 2")
    derived("t", build, inputs=[data], code=[code])
    derived("t", build, inputs=[data], code=[code])
    assert len(calls) == 3
    assert len(list(cache.glob("t-*.marshal"))) == 3


def test_two_installations_keep_their_tables_and_old_keys_are_pruned(cache, tmp_path):
    """Other data paths (another clone's environment) give another key: both stay
    cached, not evicting each other; beyond KEEP files the oldest go."""
    first, second = tmp_path / "env1.txt", tmp_path / "env2.txt"
    first.write_text("same data")
    second.write_text("same data")
    build, calls = _counting("table")
    for _ in range(3):
        derived("t", build, inputs=[first])
        derived("t", build, inputs=[second])
    assert len(calls) == 2
    for n in range(derived_mod.KEEP + 2):
        (tmp_path / "code.py").write_text(f"x = {n}")
        derived("t", build, inputs=[first], code=[tmp_path / "code.py"])
    assert len(list(cache.glob("t-*.marshal"))) == derived_mod.KEEP


def test_a_damaged_cache_file_is_rebuilt(cache):
    build, calls = _counting("value")
    derived("t", build)
    (path,) = cache.glob("t-*.marshal")
    path.write_bytes(b"\x00garbage")
    assert derived("t", build) == "value"
    assert len(calls) == 2
    assert derived("t", build) == "value" and len(calls) == 2  # repaired


def test_a_cache_path_that_is_a_file_only_costs_the_build(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("STORYLINE_CACHE_DIR", str(blocker))
    build, calls = _counting(7)
    assert derived("t", build) == 7 and derived("t", build) == 7
    assert len(calls) == 2


def test_off_turns_the_cache_off(monkeypatch):
    monkeypatch.setenv("STORYLINE_CACHE_DIR", "off")
    assert cache_dir() is None
    build, calls = _counting(1)
    derived("t", build)
    derived("t", build)
    assert len(calls) == 2


def test_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("STORYLINE_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "storyline"


def test_a_value_marshal_cannot_write_is_returned_uncached(cache):
    build, calls = _counting(object())
    derived("t", build)
    derived("t", build)
    assert len(calls) == 2
    assert not list(cache.glob("t-*"))


def _again(plain):
    return marshal.loads(marshal.dumps(plain))


def test_gazetteer_and_compounds_survive_the_round_trip():
    gaz = build_gazetteer()
    back = Gazetteer.from_plain(_again(gaz.to_plain()))
    assert back.records == gaz.records and back.index == gaz.index
    assert back.by_id == gaz.by_id and back.regions == gaz.regions
    assert back.lookup("Kyiv") == gaz.lookup("Kyiv") != []
    comp = Compounds(["police_officer n 1 1 @ 1 0 10000001", "officer n 1 1 @ 1 0 10000002"])
    again = Compounds.from_plain(_again(comp.to_plain()))
    assert again.senses == comp.senses and again.phrases == comp.phrases
    assert dict(again.holes) == dict(comp.holes) and again.members == comp.members
