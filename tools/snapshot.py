"""Write the dossiers of the reference corpora, version strings blanked, for a before/after diff.

A refactor that must not change output is checked by running this on both
trees and comparing the folders (``diff -r``)::

    python tools/snapshot.py /tmp/before          # on the old tree
    python tools/snapshot.py /tmp/after           # on the new tree
    python tools/snapshot.py /tmp/after --compare /tmp/before

Corpora: ``examples/corpus`` and, when ``../shared`` is there (or
``--shared`` names it), ``corpus/belarus-2022`` and ``corpus/voa``. Each is
analysed in a fresh temporary workspace; ``dossier.json``, ``dossier.md`` and
``dossier.html`` are written with ``pipeline_version`` and ``generated_by``
blanked and the checkout's own path written as ``<root>`` (so two checkouts
compare), so only real output differences show.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import re
import sys
import tempfile
from pathlib import Path

from storyline.api import analyze
from storyline.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
_VERSION_KEYS = ("pipeline_version", "generated_by")


def _blank_versions(obj: object) -> object:
    if isinstance(obj, dict):
        return {k: ("*" if k in _VERSION_KEYS else _blank_versions(v)) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_blank_versions(v) for v in obj]
    return obj


def corpora(shared: Path) -> dict[str, Path]:
    out = {"examples": ROOT / "examples" / "corpus"}
    for name in ("belarus-2022", "voa", "spun-news", "spun-news-extra"):
        if (shared / "corpus" / name).is_dir():
            out[name] = shared / "corpus" / name
    return out


def snapshot(out: Path, shared: Path) -> list[Path]:
    written = []
    for name, folder in corpora(shared).items():
        with tempfile.TemporaryDirectory() as tmp:
            settings = Settings(workspace=Path(tmp) / "w.db")
            result = analyze([str(folder)], Path(tmp) / "out", settings)
            target = out / name
            target.mkdir(parents=True, exist_ok=True)
            dossier = _blank_versions(result.dossier)
            text = json.dumps(dossier, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            (target / "dossier.json").write_text(text.replace(str(ROOT), "<root>"))
            for key, fname in (("markdown", "dossier.md"), ("html", "dossier.html")):
                text = Path(result.paths[key]).read_text(encoding="utf-8")
                for v in _versions(result.dossier):
                    text = text.replace(v, "*")
                (target / fname).write_text(text.replace(str(ROOT), "<root>"))
            written.append(target)
    return written


def _versions(dossier: dict) -> set[str]:
    found = {str(dossier.get("generated_by"))}
    found |= {str(d.get("pipeline_version")) for d in dossier.get("documents", [])}
    return {v for v in found if v and v != "None" and not re.fullmatch(r"\d", v)}


def compare(a: Path, b: Path) -> list[str]:
    diffs = []
    for sub in sorted(p.name for p in a.iterdir() if p.is_dir()):
        for fname in ("dossier.json", "dossier.md", "dossier.html"):
            pa, pb = a / sub / fname, b / sub / fname
            if not pb.exists():
                diffs.append(f"{sub}/{fname}: missing in {b}")
            elif not filecmp.cmp(pa, pb, shallow=False):
                diffs.append(f"{sub}/{fname}: differs")
    return diffs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--compare", type=Path, help="a snapshot folder to compare with")
    args = ap.parse_args()
    for path in snapshot(args.out, args.shared):
        print(f"wrote {path}")
    if args.compare:
        diffs = compare(args.compare, args.out)
        for d in diffs:
            print(d)
        print("identical" if not diffs else f"{len(diffs)} files differ")
        return 1 if diffs else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
