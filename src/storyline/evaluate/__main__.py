"""``python -m storyline.evaluate NAME [FOLDER] [--out FILE]``: score a gold set."""

from __future__ import annotations

import argparse
import importlib
import json
from pathlib import Path

TASKS = {"extraction": "extraction", "ner": "ner", "quotes": "quotes", "spun": "spun"}
TASKS |= {"xdoc": "xdoc", "xdoc_coref": "xdoc"}  # gold folder: eval/xdoc_coref
DEFAULT_ROOT = Path(__file__).resolve().parents[3].parent / "shared" / "eval"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("task", choices=sorted(TASKS))
    ap.add_argument("folder", nargs="?", type=Path)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    folder = args.folder or DEFAULT_ROOT / args.task
    if not folder.exists():
        raise SystemExit(f"{folder}: gold folder not found; pass its path as FOLDER")
    module = importlib.import_module(f"storyline.evaluate.{TASKS[args.task]}")
    result = module.run(folder)
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n")


if __name__ == "__main__":
    main()
