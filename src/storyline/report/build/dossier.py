"""Build the ``storyline/1`` dossier dict from analyses and fusion results.

The dossier is plain JSON data: everything a reader, the renderers or an outside
tool needs, with every fact pointing back to character offsets in
``documents[i].text`` (Python ``str`` indices, end exclusive).
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from storyline.extract.registry import Registry, default_registry
from storyline.fuse.sources import independent_sources
from storyline.model import SCHEMA, CopyLink, DocumentAnalysis, Evidence, Fused, Lineage, ReadError
from storyline.report.build.events import link_events
from storyline.report.build.quotes import link_quotes, quote_group_records
from storyline.report.build.sections import RESERVED_SECTIONS, registered_sections, unique
from storyline.report.build.spill import SpilledList
from storyline.report.prune import prune_invalid_items
from storyline.report.statements import speaker_count

METADATA_FIELDS = ("title", "outlet", "published", "language")

#: Sections fusion links after flattening: name -> (records, fused, entity ids) -> records.
Linker = Callable[[list[dict[str, Any]], Fused, set[str]], list[dict[str, Any]]]
SECTION_LINKS: dict[str, Linker] = {"quotes": link_quotes, "events": link_events}


def _evidence(ev: Evidence | None) -> dict[str, Any] | None:
    return ev.to_dict() if isinstance(ev, Evidence) else None


def _copy_of(link: CopyLink) -> dict[str, Any]:
    return {
        "doc": link.original,
        "kind": link.kind,
        "similarity": link.similarity,
        "reason": link.reason,
        "passages": [p.to_dict() for p in link.passages],
    }


def lineage_integrity(lineages: Sequence[Lineage]) -> dict[str, dict[str, Any]]:
    """Per document id: its ``copy_of``, ``lineage`` and ``copies`` from the lineages.

    A document that is the copy in several links gets the most similar one
    as ``copy_of`` (on a tie: the one to the lineage's original, then the
    first). ``copies`` lists, in link order, the
    documents whose link names this one as their original.
    """
    out: dict[str, dict[str, Any]] = {}

    def entry(doc_id: str) -> dict[str, Any]:
        return out.setdefault(doc_id, {"copy_of": None, "lineage": None, "copies": []})

    for lin in lineages:
        for doc_id in lin.documents:
            e = entry(doc_id)
            if e["lineage"] is None:
                e["lineage"] = lin.id
        best: dict[str, CopyLink] = {}
        for link in lin.links:
            key = (link.similarity, link.original == lin.original)
            prev = best.get(link.copy)
            if prev is None or key > (prev.similarity, prev.original == lin.original):
                best[link.copy] = link
            copies = entry(link.original)["copies"]
            if link.copy not in copies:
                copies.append(link.copy)
        for doc_id, link in best.items():
            e = entry(doc_id)
            if e["copy_of"] is None:
                e["copy_of"] = _copy_of(link)
    return out


def document_record(a: DocumentAnalysis, lineage: dict[str, Any] | None = None) -> dict[str, Any]:
    """One ``documents[i]`` entry of the dossier for one analysed document.

    ``integrity`` is the analysis' own findings (``spun``,
    ``machine_translated``, ``original_outlet``) plus, from fusion,
    ``copy_of``, ``lineage`` and ``copies`` (``lineage`` is this document's
    entry of ``lineage_integrity``; without it the document is independent).
    """
    md = a.metadata
    integrity = copy.deepcopy(a.integrity)
    integrity.update({"copy_of": None, "lineage": None, "copies": []})
    integrity.update(copy.deepcopy(lineage or {}))
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
        "integrity": integrity,
        "warnings": list(a.errors),
    }


def _stats(
    dossier: dict[str, Any], sections: Sequence[str], lineages: Sequence[Lineage] = ()
) -> dict[str, int]:
    docs = dossier["documents"]
    # One pass over the documents: they may be a SpilledList, decoded one at a time.
    totals = Counter()
    kinds: Counter[str] = Counter()
    for d in docs:
        totals["documents"] += 1
        totals["characters"] += len(d["text"])
        for key in ("spans", "sentences", "mentions"):
            totals[key] += len(d[key])
        kinds.update(s["kind"] for s in d["spans"])
        integ = d.get("integrity") or {}
        totals["documents_copied"] += 1 if integ.get("copy_of") else 0
        for key in ("spun", "machine_translated"):
            totals[f"documents_{key}"] += (integ.get(key) or {}).get("flagged") is True
    stats = {
        **{k: totals[k] for k in ("documents", "characters", "spans", "sentences", "mentions")},
        "entities": len(dossier["entities"]),
        "quotes": len(dossier.get("quotes", [])),
        "quote_groups": len(dossier["quote_groups"]),
        "speakers": speaker_count(dossier),
    }
    for key in sections:
        stats[key] = len(dossier[key])
    stats["errors"] = len(dossier["errors"])
    stats["lineages"] = len(dossier["lineages"])
    # Lineages (with a document here) + documents in none: one source each.
    stats["independent_sources"] = independent_sources((d["id"] for d in docs), lineages)
    stats["documents_copied"] = totals["documents_copied"]
    for key in ("spun", "machine_translated"):
        stats[f"documents_{key}"] = totals[f"documents_{key}"]
    for kind, n in sorted(kinds.items()):
        stats[f"spans_{kind}"] = n
    return stats


def entity_profiles(dossier: dict[str, Any]) -> None:
    """Add to each entity (in place) its profile keys.

    ``quotes``: ids of the quotes whose ``speaker.entity`` is the entity;
    ``documents``: ``{doc id: number of mentions}`` in document order;
    ``kb``: the knowledge-base link from its ``roles`` (``relation: "kb"``)
    or None. ``roles`` keeps the roles timeline and ``named_after`` links.
    """
    by_speaker: dict[str, list[str]] = {}
    for q in dossier.get("quotes", []):
        ent = (q.get("speaker") or {}).get("entity")
        if isinstance(ent, str):
            by_speaker.setdefault(ent, []).append(q["id"])
    order = {d["id"]: i for i, d in enumerate(dossier.get("documents", []))}
    for e in dossier.get("entities", []):
        counts = Counter(m["doc"] for m in e.get("mentions", []))
        e["quotes"] = by_speaker.get(e["id"], [])
        e["documents"] = {
            d: counts[d] for d in sorted(counts, key=lambda d: (order.get(d, len(order)), d))
        }
        kb = next((r for r in e.get("roles", []) if r.get("relation") == "kb"), None)
        e["kb"] = {k: v for k, v in kb.items() if k != "relation"} if kb else None


def build_dossier(
    analyses: Sequence[DocumentAnalysis],
    fused: Fused,
    *,
    errors: Sequence[ReadError] = (),
    generated_by: str = "storyline 0.1.0",
    registry: Registry | None = None,
    spill: bool = False,
) -> dict[str, Any]:
    """Assemble the ``storyline/1`` dossier.

    With ``spill``, ``documents`` is a ``SpilledList``: each document record is
    packed as soon as it is made, so the dossier never holds every document's
    text, spans, sentences and mentions as objects (the same JSON either way).

    Documents keep the order given. A document id seen twice (the same content
    read twice) is kept once: ids are content hashes, so the copies are equal.
    Every registered extractor with a ``section`` has its records of every
    document in that top-level list (``storyline.report.build.sections``), linked by
    fusion where ``SECTION_LINKS`` says so: ``quotes`` get their ``group`` and
    ``speaker.entity``; ``quote_groups`` are fusion's groups of the same
    statement. Fusion's own sections (``fused.sections``) and the reserved
    keys of ``storyline/1`` follow, empty until something fills them.

    An item that is not valid ``storyline/1`` (a defect upstream) is dropped
    with one line in ``errors`` and counted in ``stats.items_dropped`` (only
    present when not zero), so one bad item never costs the whole dossier;
    see ``storyline.report.prune``.
    """
    lineages = list(fused.lineages)
    by_doc = lineage_integrity(lineages)
    records = (document_record(a, by_doc.get(a.doc_id)) for a in unique(analyses))
    documents = SpilledList(records) if spill else list(records)

    dossier: dict[str, Any] = {
        "schema": SCHEMA,
        "generated_by": generated_by,
        "documents": documents,
        "entities": [e.to_dict() for e in fused.entities],
    }
    entity_ids = {e.id for e in fused.entities}
    registered = registered_sections(analyses, registry or default_registry())
    for name, records in registered.items():
        link = SECTION_LINKS.get(name)
        dossier[name] = link(records, fused, entity_ids) if link else records
    entity_profiles(dossier)
    dossier["quote_groups"] = quote_group_records(fused, lineages)
    later = [*fused.sections, *(k for k in RESERVED_SECTIONS if k not in fused.sections)]
    for key in later:
        if key not in dossier:
            dossier[key] = [_jsonable(x) for x in fused.sections.get(key, [])]
    dossier["lineages"] = [lin.to_dict() for lin in lineages]
    dossier["errors"] = [{"source": e.source, "reason": e.reason} for e in errors]
    dossier["stats"] = {}  # counted below, after the invalid items are gone
    dropped = prune_invalid_items(dossier, registry)
    if isinstance(documents, SpilledList):
        documents.settle()  # pack again the documents pruning edited
    if dropped:
        entity_profiles(dossier)  # mention counts and quote ids without the dropped items
    sections = [*registered, *(k for k in later if k not in registered)]
    dossier["stats"] = _stats(dossier, sections, lineages)
    if dropped:
        dossier["stats"]["items_dropped"] = len(dropped)
    return dossier


def _jsonable(item: Any) -> dict[str, Any]:
    return item.to_dict() if hasattr(item, "to_dict") else dict(item)
