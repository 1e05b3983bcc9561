"""Print what a dossier says about outlets and copies, one line per document.

Usage: python tools/outlets_summary.py OUT/dossier.json

For each document: its own outlet, the original outlet the evidence names
(and whether that is the document's own), re-post evidence, interview
channels, and the copy links of the lineages. Used to check the outlet and
copy findings on a corpus by reading them (see docs/accuracy.md).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any


def summarise(dossier: dict[str, Any]) -> list[str]:
    """One line per document, then the copy links, then the counts."""
    lines = []
    outside = Counter()
    for doc in dossier["documents"]:
        oo = (doc.get("integrity") or {}).get("original_outlet") or {}
        name = oo.get("name")
        own = oo.get("same_as_document_outlet") is True
        if name and not own:
            outside[name] += 1
        where = Path(str(doc.get("source", doc["id"]))).name
        lines.append(
            f"{where}\town={doc.get('outlet')}\toriginal={name or '-'}"
            f"{' (own)' if own else ''}\tconf={oo.get('confidence', '-')}"
            f"\trepost={','.join(oo.get('repost_reasons') or []) or '-'}"
            f"\tchannels={','.join(oo.get('channels') or []) or '-'}"
        )
    names = {d["id"]: Path(str(d.get("source", d["id"]))).name for d in dossier["documents"]}
    for lineage in dossier.get("lineages") or []:
        for link in lineage.get("links") or []:
            lines.append(
                f"copy {names.get(link['copy'])} of {names.get(link['original'])}: "
                f"{link['kind']} ({link.get('reason')})"
            )
    total = sum(outside.values())
    lines.append(f"documents claiming an outside original outlet: {total} {dict(outside)}")
    return lines


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2])
        return 2
    dossier = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    print("\n".join(summarise(dossier)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
