"""Merge entities through the copy lineage: a translated or spun copy mangles
names ("Ilza Wantoren" for "Ilse Vantoren", "Tavrenska Hydroenergetic
Authority" for "Tavren Hydro Authority") that no spelling rule can join, but
the copy's passages are aligned with the original's, so the name in a copy
sentence and the name in the aligned original sentence are one entity.

For every ``CopyLink`` of kind translated / spun / near-duplicate /
syndicated, each aligned passage pair (and the unaligned stretch between two
aligned pairs, when it is short on both sides) is one *context*. Within a
context the copy's entities are matched one-to-one with the original's:

* same type group (PERSON / ORG / PLACE / ...), never across groups;
* string similarity of the folded names: rapidfuzz ``ratio`` or
  ``token_sort_ratio`` >= ``MIN_SIMILARITY``, or the same initials and the
  same number of words;
* each is the other's single best candidate in the context (a tie is left
  alone);
* the two entities never both occur in one document (there they are two
  different actors), unless one of them is only ever a bare surname.

Merges are recorded as ``{"rule": "aligned in copy lineage", "a", "b",
"type"}``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from rapidfuzz import fuzz

from storyline.fuse.entities import TYPE_GROUP
from storyline.fuse.entity_names import normalise, person_key
from storyline.model import CopyLink, DocumentAnalysis, Entity, Lineage

__all__ = ["RULE", "align_entities"]

RULE = "aligned in copy lineage"
ALIGN_KINDS = frozenset({"translated", "rewritten", "spun", "near-duplicate", "syndicated"})
MIN_SIMILARITY = 0.6
GAP_MAX_CHARS = 600  # an unaligned stretch between two aligned passages, per side

_Span = tuple[int, int]


def _group(e: Entity) -> str:
    return TYPE_GROUP.get(e.type, e.type)


def _key(text: str, group: str) -> str:
    key = normalise(text)
    return person_key(key) if group == "PERSON" else key


def similar(a: str, b: str) -> float:
    """Similarity of two folded names (0..1); 0 when they are not alike enough."""
    if not a or not b:
        return 0.0
    score = max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b)) / 100
    if score >= MIN_SIMILARITY:
        return score
    wa, wb = a.split(), b.split()
    if len(wa) == len(wb) and [w[0] for w in wa] == [w[0] for w in wb]:
        return MIN_SIMILARITY
    return 0.0


def _contexts(link: CopyLink) -> list[tuple[_Span, _Span]]:
    """Aligned passage pairs, plus the short unaligned stretches between them."""
    ps = sorted(link.passages, key=lambda p: (p.a_start, p.b_start))
    out = [((p.a_start, p.a_end), (p.b_start, p.b_end)) for p in ps]
    for p, q in zip(ps, ps[1:], strict=False):
        ga, gb = (p.a_end, q.a_start), (p.b_end, q.b_start)
        if 0 < ga[1] - ga[0] <= GAP_MAX_CHARS and 0 < gb[1] - gb[0] <= GAP_MAX_CHARS:
            out.append((ga, gb))
    return out


class _Union:
    """Union-find over entities; a class's documents must stay disjoint."""

    def __init__(self, entities: list[Entity]) -> None:
        self.parent = list(range(len(entities)))
        self.docs = [{m.doc for m in e.mentions} for e in entities]
        self.surname_only = [
            _group(e) == "PERSON" and all(" " not in _key(a["text"], "PERSON") for a in e.aliases)
            for e in entities
        ]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.docs[ra] & self.docs[rb] and not (self.surname_only[ra] or self.surname_only[rb]):
            return False
        self.parent[rb] = ra
        self.docs[ra] |= self.docs[rb]
        self.surname_only[ra] = self.surname_only[ra] and self.surname_only[rb]
        return True


def _matches(
    copy_side: dict[int, str], orig_side: dict[int, str], groups: list[str]
) -> list[tuple[int, int]]:
    """One-to-one mutual best matches between two sides {entity index: name key}."""
    cands: dict[int, dict[int, float]] = defaultdict(dict)
    for i, ki in copy_side.items():
        for j, kj in orig_side.items():
            if i != j and groups[i] == groups[j] and (s := similar(ki, kj)) > 0:
                cands[i][j] = s
    back: dict[int, dict[int, float]] = defaultdict(dict)
    for i, row in cands.items():
        for j, s in row.items():
            back[j][i] = s

    def single_best(row: dict[int, float]) -> int | None:
        best = max(row.values())
        tops = [k for k, s in row.items() if s == best]
        return tops[0] if len(tops) == 1 else None

    out = []
    for i, row in cands.items():
        j = single_best(row)
        if j is not None and single_best(back[j]) == i:
            out.append((i, j))
    return out


def align_entities(
    entities: list[Entity],
    analyses: Sequence[DocumentAnalysis],
    lineages: Sequence[Lineage],
) -> tuple[list[Entity], list[dict[str, Any]]]:
    """Entities merged through aligned copy passages, plus the merges made."""
    by_doc: dict[str, list[tuple[int, int, int, str]]] = defaultdict(list)
    for idx, e in enumerate(entities):
        for m in e.mentions:
            by_doc[m.doc].append((m.start, m.end, idx, m.text))
    groups = [_group(e) for e in entities]

    def side(doc: str, span: _Span) -> dict[int, str]:
        found: dict[int, str] = {}
        for start, end, idx, text in by_doc.get(doc, ()):
            if start >= span[0] and end <= span[1]:
                key = _key(text, groups[idx])
                if len(key) > len(found.get(idx, "")):
                    found[idx] = key  # the fullest form the entity takes here
        return found

    uf = _Union(entities)
    merges: list[dict[str, Any]] = []
    seen: set[tuple[int, int]] = set()
    for lineage in lineages:
        for link in lineage.links:
            if link.kind not in ALIGN_KINDS or link.copy == link.original:
                continue
            for span_c, span_o in _contexts(link):
                cs, os_ = side(link.copy, span_c), side(link.original, span_o)
                same = set(cs) & set(os_)  # already one entity on both sides
                cs = {i: k for i, k in cs.items() if i not in same}
                os_ = {j: k for j, k in os_.items() if j not in same}
                for i, j in _matches(cs, os_, groups):
                    if (i, j) in seen:
                        continue
                    seen.add((i, j))
                    if uf.union(j, i):
                        merges.append(
                            {"rule": RULE, "a": entities[i].name, "b": entities[j].name,
                             "type": groups[j]}
                        )  # fmt: skip
    return _merge(entities, uf), merges


def _merge(entities: list[Entity], uf: _Union) -> list[Entity]:
    comps: dict[int, list[int]] = defaultdict(list)
    for i in range(len(entities)):
        comps[uf.find(i)].append(i)
    renamed: dict[str, str] = {}
    out: list[Entity] = []
    for members in comps.values():
        keep, *rest = sorted(
            (entities[i] for i in members), key=lambda e: (-len(e.mentions), e.name)
        )
        for other in rest:
            keep.mentions = sorted(keep.mentions + other.mentions, key=lambda m: (m.doc, m.start))
            keep.aliases = _merge_aliases(keep.aliases + other.aliases)
            keep.roles += [r for r in other.roles if r not in keep.roles]
            renamed[other.id] = keep.id
        out.append(keep)
    if renamed:
        for e in out:
            for r in e.roles:
                if r.get("entity") in renamed:
                    r["entity"] = renamed[r["entity"]]
            e.roles = [r for r in e.roles if r.get("entity") != e.id]
        out.sort(key=lambda e: (-len(e.mentions), e.name))
    return out


def _merge_aliases(aliases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_text: dict[str, dict[str, Any]] = {}
    for a in aliases:
        if a["text"] in by_text:
            b = by_text[a["text"]]
            b["count"] += a["count"]
            b["docs"] = sorted(set(b["docs"]) | set(a["docs"]))
        else:
            by_text[a["text"]] = {**a, "docs": list(a["docs"])}
    return sorted(by_text.values(), key=lambda a: (-a["count"], a["text"]))
