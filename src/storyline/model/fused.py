"""Cross-document results of the fuse stage."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storyline.model.base import as_dict

# ---------------------------------------------------------------- fusion


@dataclass
class EntityMention:
    doc: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return as_dict(self)


@dataclass
class Entity:
    """One actor, place or organisation across all documents."""

    id: str
    name: str
    type: str
    aliases: list[dict[str, Any]] = field(default_factory=list)  # {"text", "count", "docs"}
    mentions: list[EntityMention] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)
    # descriptions that refer to it ("the 67-year-old"): {"doc","start","end",
    # "text","antecedent","basis","confidence"} (fuse/entity_nominals.py)
    references: list[dict[str, Any]] = field(default_factory=list)
    # doubts about the name itself, with evidence: {"kind", "of", "entity", "doc",
    # "start", "end", "text", "note"} (fuse/entity_translation.py); written only when set
    flags: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": self.aliases,
            "roles": self.roles,
            "mentions": [m.to_dict() for m in self.mentions],
            "references": self.references,
        }
        if self.flags:
            out["flags"] = self.flags
        return out


@dataclass
class SharedPassage:
    """A passage two documents share: evidence that one copies the other."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int

    def to_dict(self) -> dict[str, Any]:
        return as_dict(self)


@dataclass
class CopyLink:
    """``copy`` reproduces ``original`` (exactly, in part, spun or translated)."""

    copy: str  # doc id
    original: str  # doc id
    kind: str  # "exact" | "near-duplicate" | "excerpt" | "extended" | "reordered" | "spun" | ...
    similarity: float  # 0..1, how much of the copy is covered by the original
    passages: list[SharedPassage] = field(default_factory=list)
    reason: str = ""  # why this one is taken as the original (earlier date, ...)

    def to_dict(self) -> dict[str, Any]:
        d = as_dict(self)
        d["passages"] = [p.to_dict() for p in self.passages]
        return d


@dataclass
class Lineage:
    """A group of documents that all go back to one original: one independent source."""

    id: str
    original: str  # doc id of the earliest / original document
    documents: list[str]  # all members, original first
    links: list[CopyLink] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "original": self.original,
            "documents": self.documents,
            "links": [link.to_dict() for link in self.links],
        }


@dataclass
class QuoteGroup:
    """One statement as carried by every source that carries it (reprinted,
    translated or spun), so the dossier shows it once with all its sources."""

    id: str
    text: str  # the most complete wording (from an unspun source when there is one)
    speaker: str | None
    quotes: list[str]  # global quote ids "<doc id>:<quote id>"
    docs: list[str]

    def to_dict(self) -> dict[str, Any]:
        return as_dict(self)


@dataclass
class Fused:
    """The cross-document results, built from analyses only."""

    entities: list[Entity] = field(default_factory=list)
    lineages: list[Lineage] = field(default_factory=list)
    quote_groups: list[QuoteGroup] = field(default_factory=list)
    # global quote id "<doc id>:<quote id>" -> entity id of its speaker
    speaker_entities: dict[str, str] = field(default_factory=dict)
    # Cross-document sections of the dossier by name ("claims", "stories", …):
    # lists of records (``to_dict``) or dicts, copied into the dossier as they are.
    sections: dict[str, list[Any]] = field(default_factory=dict)
