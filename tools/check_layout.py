"""Check the code-shape rules of docs/architecture.md over ``src/storyline`` (or given paths).

- no module over ``MAX_MODULE_LINES`` lines;
- no class over ``MAX_CLASS_LINES`` lines;
- no private name (``_x``) of one module used in another: not imported
  (``from m import _x``) and not reached as an attribute of an imported module
  (``m._x``).

Prints one line per problem and exits 1 if there is any::

    python tools/check_layout.py                   # the whole package
    python tools/check_layout.py src/storyline/extract
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "storyline"
MAX_MODULE_LINES = 600
MAX_CLASS_LINES = 200


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _module_aliases(tree: ast.Module) -> set[str]:
    """Names bound to imported storyline modules or their members."""
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("storyline"):
                    out.add(a.asname or a.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("storyline"):
            for a in node.names:
                out.add(a.asname or a.name)
    return out


def problems(path: Path) -> Iterator[str]:
    text = path.read_text(encoding="utf-8")
    rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    n_lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if n_lines > MAX_MODULE_LINES:
        yield f"{rel}: module has {n_lines} lines (max {MAX_MODULE_LINES})"
    tree = ast.parse(text, filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            size = (node.end_lineno or node.lineno) - node.lineno + 1
            if size > MAX_CLASS_LINES:
                limit = MAX_CLASS_LINES
                yield f"{rel}:{node.lineno}: class {node.name} has {size} lines (max {limit})"
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("storyline"):
            for a in node.names:
                if _private(a.name):
                    yield f"{rel}:{node.lineno}: imports private {node.module}.{a.name}"
    aliases = _module_aliases(tree)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and _private(node.attr)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
        ):
            yield f"{rel}:{node.lineno}: uses private {node.value.id}.{node.attr}"


def python_files(paths: Iterable[Path]) -> Iterator[Path]:
    for p in paths:
        if p.is_dir():
            yield from sorted(p.rglob("*.py"))
        elif p.suffix == ".py":
            yield p


def main(argv: list[str]) -> int:
    paths = [Path(a).resolve() for a in argv] or [PACKAGE]
    found = [msg for f in python_files(paths) for msg in problems(f)]
    for msg in found:
        print(msg)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
