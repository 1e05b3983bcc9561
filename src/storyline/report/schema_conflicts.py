"""Offset checks for the dossier's ``conflicts`` that JSON Schema cannot see."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def conflict_problems(entries: Any, texts: dict[str, str]) -> Iterator[tuple[list[Any], str]]:
    """Conflicts: unique ids; every side names a known document, lies inside
    its text and quotes it exactly; a cross-source conflict (every kind but
    ``headline``) has sides from at least two copy lineages."""
    seen: set[Any] = set()
    for i, c in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(c, dict):
            continue
        path: list[Any] = ["conflicts", i]
        if c.get("id") in seen:
            yield path + ["id"], f"duplicate id {c.get('id')!r} in conflicts"
        seen.add(c.get("id"))
        sides = [s for s in c.get("sides") or [] if isinstance(s, dict)]
        for j, side in enumerate(sides):
            p = path + ["sides", j]
            text = texts.get(side.get("doc"))
            if text is None:
                yield p + ["doc"], f"unknown document id {side.get('doc')!r}"
                continue
            start, end = side.get("start"), side.get("end")
            if not (isinstance(start, int) and isinstance(end, int)):
                continue
            if not 0 <= start <= end <= len(text):
                yield p, f"span {start}-{end} is outside the document text (length {len(text)})"
            elif text[start:end] != side.get("text"):
                yield (
                    p + ["text"],
                    f"{side.get('text')!r} differs from the text at its offsets "
                    f"{text[start:end]!r}",
                )
        if c.get("kind") != "headline" and len({s.get("lineage") for s in sides}) < 2:
            yield path + ["sides"], "a disagreement needs sides from two independent lineages"
