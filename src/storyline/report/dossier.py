"""Build the ``storyline/1`` dossier dict from analyses and fusion results.

The dossier is plain JSON data: everything a reader, the web app or an outside
tool needs, with every fact pointing back to character offsets in
``documents[i].text`` (Python ``str`` indices, end exclusive).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from storyline.model import SCHEMA, DocumentAnalysis, Evidence, Fused, ReadError

METADATA_FIELDS = ("title", "outlet", "published", "language")

# Cross-document sections that later stages fill. Each is a list of objects;
# when ``Fused`` grows an attribute of the same name it is picked up here.
LATER_SECTIONS = (
    "quotes",
    "timexes",
    "quantities",
    "events",
    "claims",
    "conflicts",
    "forecasts",
    "stories",
    "timeline",
)


def _evidence(ev: Evidence | None) -> dict[str, Any] | None:
    return ev.to_dict() if isinstance(ev, Evidence) else None


def _record(item: Any) -> dict[str, Any]:
    if hasattr(item, "to_dict"):
        return item.to_dict()
    return dict(item)


def document_record(a: DocumentAnalysis) -> dict[str, Any]:
    """One ``documents[i]`` entry of the dossier for one analysed document."""
    md = a.metadata
    return {
        "id": a.doc_id,
        "source": a.source,
        "external_id": a.external_id,
        "title": md.value("title"),
        "outlet": md.value("outlet"),
        "url": md.url,
        "published": md.value("published"),
        "language": md.value("language"),
        "dct": a.dct,
        "format": a.format,
        "pipeline_version": a.pipeline_version,
        "n_tokens": a.n_tokens,
        "text": a.text,
        "metadata": {name: _evidence(getattr(md, name)) for name in METADATA_FIELDS},
        "spans": [s.to_dict() for s in a.spans],
        "sentences": [s.to_dict() for s in a.sentences],
        "mentions": [
            {"start": m.start, "end": m.end, "text": m.text, "label": m.label, "source": m.source}
            for m in a.mentions
        ],
        "integrity": dict(getattr(a, "integrity", None) or {}),
        "warnings": list(a.errors),
    }


def _stats(dossier: dict[str, Any]) -> dict[str, int]:
    docs = dossier["documents"]
    stats = {
        "documents": len(docs),
        "characters": sum(len(d["text"]) for d in docs),
        "spans": sum(len(d["spans"]) for d in docs),
        "sentences": sum(len(d["sentences"]) for d in docs),
        "mentions": sum(len(d["mentions"]) for d in docs),
        "entities": len(dossier["entities"]),
    }
    for key in LATER_SECTIONS:
        stats[key] = len(dossier[key])
    stats["errors"] = len(dossier["errors"])
    kinds = Counter(s["kind"] for d in docs for s in d["spans"])
    for kind, n in sorted(kinds.items()):
        stats[f"spans_{kind}"] = n
    return stats


def build_dossier(
    analyses: Sequence[DocumentAnalysis],
    fused: Fused,
    *,
    errors: Sequence[ReadError] = (),
    generated_by: str = "storyline 0.1.0",
) -> dict[str, Any]:
    """Assemble the ``storyline/1`` dossier.

    Documents keep the order given. A document id seen twice (the same content
    read twice) is kept once: ids are content hashes, so the copies are equal.
    """
    documents: list[dict[str, Any]] = []
    seen: set[str] = set()
    for a in analyses:
        if a.doc_id in seen:
            continue
        seen.add(a.doc_id)
        documents.append(document_record(a))

    dossier: dict[str, Any] = {
        "schema": SCHEMA,
        "generated_by": generated_by,
        "documents": documents,
        "entities": [e.to_dict() for e in fused.entities],
    }
    for key in LATER_SECTIONS:
        dossier[key] = [_record(x) for x in (getattr(fused, key, None) or [])]
    dossier["errors"] = [{"source": e.source, "reason": e.reason} for e in errors]
    dossier["stats"] = _stats(dossier)
    return dossier
