"""Top-level record lists of the dossier, flattened from registered extractors.

An extractor that declares ``section="widgets"`` gets its records, from every
document, in the dossier's ``widgets`` list with no code of its own here:
each record's ``to_dict()`` with the document id in ``doc`` and a record
``id`` made global (``"<doc id>:<id>"``), in document order then record
order. Offsets stay offsets into ``documents[i].text``. Fusion may then add
cross-document keys to the flattened records (quotes get their ``group`` and
speaker entity).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from typing import Any

from storyline.extract.registry import ExtractorSpec, Registry
from storyline.model import DocumentAnalysis, Record

#: Keys of ``storyline/1`` that are always present, as empty lists until a
#: registered extractor or a fusion step fills them.
RESERVED_SECTIONS = (
    "timexes",
    "quantities",
    "events",
    "claims",
    "conflicts",
    "forecasts",
    "stories",
    "timeline",
)


def global_id(doc_id: str, record_id: str) -> str:
    """``"<doc id>:<record id>"``: unique across the dossier."""
    return f"{doc_id}:{record_id}"


def unique(analyses: Iterable[DocumentAnalysis]) -> Iterator[DocumentAnalysis]:
    """Each document once (the same content read twice has one id and equal analyses)."""
    seen: set[str] = set()
    for a in analyses:
        if a.doc_id not in seen:
            seen.add(a.doc_id)
            yield a


def _fresh_dict(record: Any) -> dict[str, Any]:
    """``record`` as a dict that shares nothing mutable with it. ``Record.to_dict``
    (``as_dict``) already builds new containers, so only other ``to_dict``s and
    plain mappings are deep-copied (the copy was a sixth of the dossier build)."""
    if isinstance(record, Record) and type(record).to_dict is Record.to_dict:
        return record.to_dict()
    return copy.deepcopy(record.to_dict() if hasattr(record, "to_dict") else dict(record))


def flatten(analyses: Iterable[DocumentAnalysis], spec: ExtractorSpec) -> list[dict[str, Any]]:
    """One extractor's records of every document as dossier items."""
    out: list[dict[str, Any]] = []
    for a in unique(analyses):
        for record in a.outputs.get(spec.output, []):
            d = _fresh_dict(record)
            rid = d.pop("id", None)
            item: dict[str, Any] = {} if rid is None else {"id": global_id(a.doc_id, str(rid))}
            item["doc"] = a.doc_id
            item.update(d)
            out.append(item)
    return out


def registered_sections(
    analyses: Iterable[DocumentAnalysis], registry: Registry
) -> dict[str, list[dict[str, Any]]]:
    """Every registered section, by name, flattened (the analyses are read once per section)."""
    analyses = list(analyses)
    return {spec.section: flatten(analyses, spec) for spec in registry.sections() if spec.section}
