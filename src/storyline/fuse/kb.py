"""Optional, offline linking of entities to a user-supplied knowledge base.

The KB is a local JSONL file (``Settings.kb``, ``STORYLINE_KB``), one
object a line::

    {"id": "Q123", "label": "Ana Lopez", "aliases": ["A. Lopez"],
     "type": "PERSON", "description": "mayor of Rivertown"}

Nothing is ever fetched. ``link_entities`` matches an entity's canonical
name, then its aliases, against the KB labels and aliases, normalised
(anyascii, case, punctuation, a leading "the", a possessive). A KB entry
must be type-compatible (its ``type`` in the same group as the entity's:
PERSON/human, ORG/organisation, GPE/LOC/FAC/place/country/city, NORP, EVENT;
an entry without a type is compatible with any). A name matching more than
one KB id is ambiguous and gives **no** link: the linker never guesses.
``score`` is 1.0 for a canonical name equal to a KB label, 0.9 for one equal
to a KB alias, 0.8 when only another spelling of the entity matched.

``fuse`` records a link as an ``Entity.roles`` entry
``{"relation": "kb", "id", "label", "description", "score"}``; the dossier
also shows it as the entity's ``kb``.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from anyascii import anyascii

from storyline.model import Entity

_TYPE_GROUPS = {
    "PERSON": {"person", "human", "people", "per"},
    "ORG": {"org", "organization", "organisation", "company", "agency", "party", "outlet"},
    "PLACE": {"gpe", "loc", "fac", "place", "location", "country", "city", "region", "facility"},
    "NORP": {"norp", "nationality", "group", "ethnic group"},
    "EVENT": {"event"},
}


def type_group(t: str | None) -> str | None:
    """The type group of an OntoNotes label or a common KB type word (None: unknown)."""
    if not t:
        return None
    t = t.strip().lower()
    for group, words in _TYPE_GROUPS.items():
        if t in words:
            return group
    return t.upper()


def norm(name: str) -> str:
    s = anyascii(name).lower()
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return s.removeprefix("the ").strip()


@dataclass
class KBEntry:
    id: str
    label: str
    aliases: list[str] = field(default_factory=list)
    type: str | None = None
    description: str | None = None


@dataclass
class KB:
    entries: dict[str, KBEntry] = field(default_factory=dict)
    labels: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    aliases: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, entry: KBEntry) -> None:
        self.entries[entry.id] = entry
        if k := norm(entry.label):
            self.labels[k].add(entry.id)
        for a in entry.aliases:
            if k := norm(a):
                self.aliases[k].add(entry.id)

    def __len__(self) -> int:
        return len(self.entries)


def load_kb(path: str | Path) -> KB:
    """Read a KB JSONL file; a bad line raises ``ValueError`` naming the line."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"knowledge base {path} not found (STORYLINE_KB / Settings.kb)")
    kb = KB()
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if not isinstance(row, dict) or not row.get("id") or not row.get("label"):
                    raise ValueError("needs an object with 'id' and 'label'")
                aliases = row.get("aliases") or []
                if not isinstance(aliases, list):
                    raise ValueError("'aliases' must be a list")
                kb.add(
                    KBEntry(
                        id=str(row["id"]),
                        label=str(row["label"]),
                        aliases=[str(a) for a in aliases],
                        type=row.get("type"),
                        description=row.get("description"),
                    )
                )
            except ValueError as exc:
                raise ValueError(f"{path}:{n}: bad knowledge-base line: {exc}") from exc
    return kb


def _compatible(entity_type: str, entry: KBEntry) -> bool:
    kt = type_group(entry.type)
    return kt is None or kt == type_group(entity_type)


def _unique(ids: set[str], kb: KB, entity_type: str) -> tuple[bool, str | None]:
    """(decided, id): decided with None when ambiguous."""
    ok = {i for i in ids if _compatible(entity_type, kb.entries[i])}
    if not ok:
        return False, None
    if len(ok) > 1:
        return True, None
    return True, next(iter(ok))


def link_entity(entity: Entity, kb: KB) -> dict[str, Any] | None:
    name = norm(entity.name)
    tiers: list[tuple[set[str], float]] = [
        (set(kb.labels.get(name, ())), 1.0),
        (set(kb.aliases.get(name, ())), 0.9),
    ]
    others: set[str] = set()
    for a in entity.aliases:
        k = norm(a.get("text") or "")
        if k and k != name:
            others |= kb.labels.get(k, set()) | kb.aliases.get(k, set())
    tiers.append((others, 0.8))
    # canonical name first (label or alias together), then other spellings
    first = tiers[0][0] | tiers[1][0]
    decided, kid = _unique(first, kb, entity.type)
    score = 1.0 if kid in tiers[0][0] else 0.9
    if not decided:
        decided, kid = _unique(others, kb, entity.type)
        score = 0.8
    if kid is None:
        return None
    e = kb.entries[kid]
    return {"id": e.id, "label": e.label, "description": e.description, "score": score}


def link_entities(entities: Sequence[Entity], kb: KB) -> dict[str, dict[str, Any]]:
    """entity id -> {"id", "label", "description", "score"} for unambiguous matches."""
    out: dict[str, dict[str, Any]] = {}
    for ent in entities:
        link = link_entity(ent, kb)
        if link is not None:
            out[ent.id] = link
    return out
