"""Attach within-document nominal references ("the 67-year-old") to entities.

The ``nominals`` extractor links a description to the name before it in the
same document; here that link follows the name into its cross-document
entity, so the entity lists every description that refers to it, in every
source. The entity's name, aliases and mentions stay names only (other
fusion steps read them as names).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from storyline.fuse.roles import mention_index
from storyline.model import DocumentAnalysis, Entity


def attach_references(analyses: Sequence[DocumentAnalysis], entities: Sequence[Entity]) -> int:
    """Add each document's nominal references to the entity of their antecedent
    (in place); returns how many. A link whose antecedent is in no entity, or
    in two, is dropped."""
    by_doc = mention_index(entities)
    added = 0
    for a in analyses:
        spans = by_doc.get(a.doc_id, [])
        starts = [s for s, _, _ in spans]
        for ref in a.nominals:
            ante = ref.antecedent
            lo = bisect.bisect_left(starts, ante["start"])
            owners = {
                e.id: e for s, t, e in spans[lo : lo + 3] if s == ante["start"] and t == ante["end"]
            }
            if len(owners) != 1:
                continue
            ent = next(iter(owners.values()))
            ent.references.append(
                {
                    "doc": a.doc_id,
                    "start": ref.start,
                    "end": ref.end,
                    "text": ref.text,
                    "antecedent": dict(ante),
                    "basis": ref.basis,
                    "confidence": ref.confidence,
                }
            )
            added += 1
    return added
