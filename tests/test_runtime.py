"""Process tuning for bulk runs: GC thresholds restored, torch not imported by thinc."""

import gc
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

from storyline import api
from storyline.runtime import BULK_GC_THRESHOLDS, bulk_gc

ROOT = Path(__file__).resolve().parents[1]


def test_bulk_gc_raises_thresholds_inside_and_restores_them_after():
    before = gc.get_threshold()
    with bulk_gc():
        assert gc.get_threshold() == BULK_GC_THRESHOLDS
        with bulk_gc((100, 1, 1)):  # nested: the outer thresholds stay
            assert gc.get_threshold() == BULK_GC_THRESHOLDS
        assert gc.get_threshold() == BULK_GC_THRESHOLDS
    assert gc.get_threshold() == before


def test_bulk_gc_restores_thresholds_when_the_block_raises():
    before = gc.get_threshold()
    try:
        with bulk_gc():
            raise KeyError("x")
    except KeyError:
        pass
    assert gc.get_threshold() == before


def test_ingest_runs_with_bulk_thresholds(settings, tmp_path):
    (tmp_path / "a.txt").write_text("Dam holds at Orsk\n\nThe mayor said on Monday the dam held.\n")
    seen: list[tuple[int, int, int]] = []
    before = gc.get_threshold()
    api.ingest(
        [str(tmp_path / "a.txt")], settings, progress=lambda *_: seen.append(gc.get_threshold())
    )
    assert seen and set(seen) == {BULK_GC_THRESHOLDS}
    assert gc.get_threshold() == before


def _fresh_python(code: str) -> dict:
    env_path = f"{ROOT / 'src'}"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_spacy_imports_without_torch_and_torch_still_imports_after():
    code = (
        "import json, sys\n"
        "from storyline.runtime import spacy_without_torch\n"
        "done = spacy_without_torch()\n"
        "import spacy, thinc.compat\n"
        "state = {'done': done, 'torch_loaded': 'torch' in sys.modules,"
        " 'thinc_has_torch': thinc.compat.has_torch}\n"
        "try:\n"
        "    import torch\n"
        "    state['torch_after'] = True\n"
        "except ImportError:\n"
        "    state['torch_after'] = False\n"
        "print(json.dumps(state))\n"
    )
    state = _fresh_python(code)
    assert state["done"] is True
    assert state["torch_loaded"] is False
    assert state["thinc_has_torch"] is False
    assert state["torch_after"] is (importlib.util.find_spec("torch") is not None)


def test_spacy_without_torch_leaves_an_earlier_import_alone():
    code = (
        "import json, thinc\n"
        "from storyline.runtime import spacy_without_torch\n"
        "print(json.dumps({'done': spacy_without_torch()}))\n"
    )
    assert _fresh_python(code) == {"done": False}
