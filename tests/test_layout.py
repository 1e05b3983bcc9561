"""The code-shape rules of docs/architecture.md hold over the whole tree.

No module over 600 lines, no class over 200 lines, no private name of one
module used in another (``tools/check_layout.py`` says which and where).
"""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _checker():
    spec = importlib.util.spec_from_file_location("check_layout", ROOT / "tools/check_layout.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_module_class_or_private_name_breaks_the_layout_rules():
    check = _checker()
    paths = [ROOT / p for p in ("src", "tools", "tests", "benchmarks")]
    problems = [msg for f in check.python_files(paths) for msg in check.problems(f)]
    assert problems == []


def test_the_checker_finds_each_kind_of_problem(tmp_path):
    check = _checker()
    bad = tmp_path / "bad.py"
    body = "\n".join(f"    x{i} = {i}" for i in range(check.MAX_CLASS_LINES + 1))
    bad.write_text(
        "from storyline.model.base import _secret\n"
        "import storyline.nlp as N\n"
        "N._private()\n"
        f"class Big:\n{body}\n" + "\n" * check.MAX_MODULE_LINES
    )
    found = "\n".join(check.problems(bad))
    assert "imports private storyline.model.base._secret" in found
    assert "uses private N._private" in found
    assert "class Big has" in found
    assert "module has" in found


def test_every_extractor_module_registers_its_extractor():
    """A module of ``storyline.extract`` with an ``extract_*``/``detect_*``/``infer_*``
    function at top level is registered (else the pipeline would never run it)."""
    from storyline.extract.registry import default_registry

    registered = {s.func for s in default_registry()}
    import storyline.extract as pkg

    for path in Path(pkg.__path__[0]).rglob("*.py"):
        rel = path.relative_to(Path(pkg.__path__[0]).parent.parent).with_suffix("")
        name = ".".join(rel.parts).removesuffix(".__init__")
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if (
                attr.startswith(("extract_", "detect_", "infer_"))
                and callable(value)
                and getattr(value, "__module__", None) == name
            ):
                assert value in registered, f"{name}.{attr} is not registered"
