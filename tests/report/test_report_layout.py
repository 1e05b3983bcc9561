"""Rendering reads only the dossier dict: no model or fusion imports under ``report/render``."""

from __future__ import annotations

import ast
from pathlib import Path

import storyline.report.render as render

FORBIDDEN = ("storyline.fuse", "storyline.model", "storyline.report.build")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


def test_render_never_imports_fusion_or_model():
    root = Path(render.__file__).parent
    paths = sorted(root.rglob("*.py"))
    assert paths
    for path in paths:
        bad = {m for m in imported_modules(path) if m.startswith(FORBIDDEN)}
        assert not bad, f"{path.relative_to(root)} imports {sorted(bad)}"


def test_html_never_imports_markdown():
    root = Path(render.__file__).parent / "html"
    for path in sorted(root.rglob("*.py")):
        assert "storyline.report.render.markdown" not in imported_modules(path), path


def test_build_never_imports_render_and_shared_views_read_only_the_dict():
    """``build`` may use the shared dict-reading views (``report/statements.py``,
    ``report/text.py``: the speakers count must match the view), never a renderer;
    the shared views import neither fusion, model types nor either half."""
    import storyline.report.build as build

    for path in sorted(Path(build.__file__).parent.rglob("*.py")):
        bad = {m for m in imported_modules(path) if m.startswith("storyline.report.render")}
        assert not bad, f"build/{path.name} imports {sorted(bad)}"
    shared = Path(render.__file__).parent.parent
    for name in ("statements.py", "text.py"):
        forbidden = (*FORBIDDEN, "storyline.report.render")
        bad = {m for m in imported_modules(shared / name) if m.startswith(forbidden)}
        assert not bad, f"{name} imports {sorted(bad)}"
