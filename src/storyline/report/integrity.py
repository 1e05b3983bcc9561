"""Source-integrity helpers shared by the dossier builder and both renderings.

Everything here reads plain dossier dicts (``documents[i].integrity`` and the
top-level ``lineages``), tolerating keys that are missing, ``null`` or of an
unexpected type, so old dossiers and partial producer output still render.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

_NOT_NAME = re.compile(r"[\W_]+")


def score_text(value: Any) -> str:
    """A score for display: ``0.93``, ``0.8``, ``1.0``; empty if not a number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    text = f"{round(float(value), 2):g}"
    return text if "." in text or "e" in text or "n" in text else text + ".0"


def _sub(integrity: Mapping[str, Any], key: str) -> dict[str, Any]:
    value = integrity.get(key)
    return value if isinstance(value, dict) else {}


def same_outlet(a: Any, b: Any) -> bool:
    """``"The Meridian Courier"`` and ``"Meridian Courier"`` name the same outlet."""
    if not (isinstance(a, str) and isinstance(b, str)):
        return False

    def key(name: str) -> str:
        words = _NOT_NAME.sub(" ", name.casefold()).split()
        return " ".join(words[1:] if words[:1] == ["the"] else words)

    return key(a) == key(b) != ""


def integrity_of(doc: Mapping[str, Any]) -> dict[str, Any]:
    value = doc.get("integrity")
    return value if isinstance(value, dict) else {}


def flag_items(doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The integrity flags worth showing next to a document, in a fixed order.

    Each flag is ``{"kind", "text"}`` plus, for ``copy`` flags, ``"doc"`` (the
    original's id) and ``"note"`` (the copy kind), so a renderer can link it.
    Only findings a producer *flagged* are shown; scores alone are not flags.
    An original outlet that is the document's own outlet is not a flag.
    """
    integ = integrity_of(doc)
    flags: list[dict[str, Any]] = []
    spun = _sub(integ, "spun")
    if spun.get("flagged") is True:
        flags.append({"kind": "spun", "text": f"spun {score_text(spun.get('score'))}".strip()})
    mt = _sub(integ, "machine_translated")
    if mt.get("flagged") is True:
        flags.append(
            {"kind": "mt", "text": f"machine-translated {score_text(mt.get('score'))}".strip()}
        )
    copy_of = _sub(integ, "copy_of")
    if copy_of.get("doc"):
        kind = copy_of.get("kind")
        text = f"copy of {copy_of['doc']}" + (f" ({kind})" if kind else "")
        flags.append({"kind": "copy", "text": text, "doc": copy_of["doc"], "note": kind})
    outlet = _sub(integ, "original_outlet")
    if outlet.get("name") and not same_outlet(outlet["name"], doc.get("outlet")):
        conf = score_text(outlet.get("confidence"))
        text = f"original outlet: {outlet['name']}" + (f" ({conf})" if conf else "")
        flags.append({"kind": "outlet", "text": text, "name": outlet["name"], "note": conf})
    copies = [c for c in integ.get("copies") or [] if isinstance(c, str)]
    if copies:
        flags.append({"kind": "copied", "text": "copied by " + ", ".join(copies), "docs": copies})
    return flags


def count_independent_sources(doc_ids: Iterable[str], lineages: Iterable[Any]) -> int:
    """Lineages plus documents in none: how many independent sources there are.

    ``lineages`` are dossier dicts (or anything with ``documents``). Only
    lineages with at least one of ``doc_ids`` count.
    """
    ids = set(doc_ids)
    covered: set[str] = set()
    n = 0
    for lin in lineages:
        members = lin.get("documents") if isinstance(lin, Mapping) else lin.documents
        members = {m for m in members or [] if m in ids}
        if members:
            n += 1
            covered |= members
    return n + len(ids - covered)


def independent_sources(dossier: Mapping[str, Any]) -> int:
    """``stats.independent_sources`` if present, else counted from the lineages."""
    value = (dossier.get("stats") or {}).get("independent_sources")
    if isinstance(value, int):
        return value
    docs = [d.get("id") for d in dossier.get("documents", [])]
    return count_independent_sources(docs, dossier.get("lineages") or [])
