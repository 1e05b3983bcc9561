"""Source-integrity helpers both renderings share.

Everything here reads plain dossier dicts (``documents[i].integrity`` and the
top-level ``lineages``), tolerating keys that are missing, ``null`` or of an
unexpected type, so old dossiers and partial producer output still render.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from storyline.report.text import score_text

_NOT_NAME = re.compile(r"[\W_]+")


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
    """``doc["integrity"]`` if it is an object, else an empty one (old or partial dossiers)."""
    value = doc.get("integrity")
    return value if isinstance(value, dict) else {}


def flag_items(doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The integrity flags worth showing next to a document, in a fixed order.

    Each flag is ``{"kind", "text"}`` plus, for ``copy`` flags, ``"doc"`` (the
    original's id) and ``"note"`` (the copy kind), so a renderer can link it.
    Only findings a producer *flagged* are shown; scores alone are not flags.
    An original outlet that is the document's own outlet is not a flag; a re-post
    whose evidence names no outlet is.
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
    own = outlet.get("same_as_document_outlet") is True
    if outlet.get("name") and not own and not same_outlet(outlet["name"], doc.get("outlet")):
        conf = score_text(outlet.get("confidence"))
        text = f"original outlet: {outlet['name']}" + (f" ({conf})" if conf else "")
        flags.append({"kind": "outlet", "text": text, "name": outlet["name"], "note": conf})
    elif not outlet.get("name") and outlet.get("repost") is True:
        flags.append({"kind": "outlet", "text": "re-post (original outlet not named)"})
    copies = [c for c in integ.get("copies") or [] if isinstance(c, str)]
    if copies:
        flags.append({"kind": "copied", "text": "copied by " + ", ".join(copies), "docs": copies})
    return flags


def stated_independent_sources(dossier: Mapping[str, Any]) -> int:
    """``stats.independent_sources``, counted when the dossier was built.

    Renderers never recount it from the lineages. A dossier without the stat
    predates lineages: each of its documents is its own source.
    """
    value = (dossier.get("stats") or {}).get("independent_sources")
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return len(dossier.get("documents") or [])
