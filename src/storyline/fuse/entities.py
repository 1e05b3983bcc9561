"""Group entity mentions across documents into entities.

Steps (each merge is recorded with its rule; ``resolve_entities_traced``
returns the list):

1. **Normalise** every mention: ASCII (anyascii), case, a leading "the",
   possessives, honorifics; PERSON names also lose titles ("Deputy Defence
   Minister"). Known places are canonicalised by the variant table
   (Kiev -> Kyiv, Leviv -> Lviv) and keep a place type even when NER called
   them PERSON or ORG. A *unit* is one normalised name of one type group in
   one document.
2. **Exact**: units with the same name and type group join (a bare surname
   waits for step 5, it may be ambiguous).
3. **Transliteration variants of full names**: candidate pairs only within
   blocks (consonant skeleton of the surname, its first four folded letters);
   they join when the surnames are one name in two spellings and the first
   names can be one person's (Alexander ~ Alyaksandr, an initial, the name
   table). A one-letter-apart surname ("near") also needs shared context: a
   rare co-occurring entity.
4. **Organisations**: multi-word names equal up to one misspelt word
   (blocked by the skeleton of the whole name); an all-capitals acronym joins
   the single expansion with those initials.
5. **Surnames**: a bare surname joins the one full name in its document that
   ends with it; failing that, the one full name in the corpus; two
   candidates leave it alone. Bare surname variants with no full name join
   each other only with shared context.

A union-find with a **cannot-link** guard refuses any merge that would put
two different given names with one surname ("Ilse Varga", "Tomas Varga") or
a Slavic masculine/feminine surname pair (Petrov / Petrova) in one entity.
Type groups never mix (a NORP never joins a PERSON). Units named after a
person ("the X Regiment", "the battalion named after X") are *linked* to that
person (role ``relation: named_after``), never merged with them.

Blocks are capped: a block larger than ``BLOCK_CAP`` distinct names is
compared by a sorted window, so work grows near-linearly with the mentions.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance import JaroWinkler

from storyline.fuse.entity_data import NAMED_AFTER_HEADS
from storyline.fuse.entity_names import (
    acronym,
    conditional_place,
    document_places,
    first_names_compatible,
    fold,
    gender_variants,
    is_known_place,
    looks_like_acronym,
    name_parts,
    normalise,
    person_key,
    place_canonical,
    skeleton,
    surname_match,
)
from storyline.fuse.entity_reading import read_mentions
from storyline.fuse.entity_translation import flag_mistranslations
from storyline.model import DocumentAnalysis, Entity, EntityMention, Mention
from storyline.nlp.ner_rules import PLACE_NOUNS

__all__ = ["TYPE_GROUP", "normalise", "resolve_entities", "resolve_entities_traced"]

# Labels that may refer to the same thing; the entity's type is the majority label.
TYPE_GROUP = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
    "NORP": "NORP",
    "EVENT": "EVENT",
    "PRODUCT": "THING",
    "WORK_OF_ART": "THING",
    "LAW": "THING",
}
DEFAULT_TYPE = {"PERSON": "PERSON", "ORG": "ORG", "PLACE": "GPE", "NORP": "NORP"}

BLOCK_CAP = 40  # distinct names per block compared all-pairs; larger blocks by window
WINDOW = 8

_NAMED_AFTER_GAP = re.compile(r"\s*,?\s*named\s+(?:after|for)\s+(?:[A-Za-z-]+\s+){0,3}")


@dataclass
class _Unit:
    group: str
    key: str
    doc: str
    items: list[Mention]
    acronym_form: bool = False
    variants: set[str] = field(default_factory=set)  # other spellings met by the table
    #: id(item) -> the words as printed, for an item read in its repaired wording
    printed: dict[int, str] = field(default_factory=dict)

    @property
    def single(self) -> bool:
        return " " not in self.key


def _unit_key(m: Mention, place: str | None = None) -> tuple[str, str] | None:
    """(group, key) of a mention; ``place``: the country its document's
    conditional aliases make it (``document_places``: "America")."""
    group = TYPE_GROUP.get(m.label)
    key = normalise(m.text)
    if not group or not key:
        return None
    canonical = place or place_canonical(key)
    if canonical is not None:  # the variant table is curated: its names are places
        return "PLACE", canonical
    if group == "ORG" and is_known_place(key):  # "Minsk said": OntoNotes calls that GPE
        return "PLACE", key
    if group == "PERSON":
        key = person_key(key)
    return group, key


class _Clusters:
    """Union-find over units with a cannot-link guard."""

    def __init__(self, units: list[_Unit]) -> None:
        self.units = units
        self.parent = list(range(len(units)))
        self.persons: list[set[tuple[str, str]]] = []  # (first, surname) of full names
        self.surnames: list[set[str]] = []
        for u in units:
            first, sur = name_parts(u.key) if u.group == "PERSON" else (None, "")
            if all(" " not in m.text for m in u.items):
                first = None  # "Dakin-Grimm", "al-Bunni": one written word, no first name
            full = {(first, sur)} if first and len(first) > 1 else set()
            self.persons.append(full)
            self.surnames.append({sur} if sur else set())
        self.merges: list[dict[str, Any]] = []
        self._seen: set[tuple[str, str, str]] = set()
        for i, u in enumerate(units):
            for v in sorted(u.variants):
                self.note("place table" if u.group == "PLACE" else "normal form", v,
                          u.items[0].text, i)  # fmt: skip

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def compatible(self, a: int, b: int) -> bool:
        if self.units[a].group != self.units[b].group:
            return False
        for s1 in self.surnames[a]:
            for s2 in self.surnames[b]:
                if gender_variants(s1, s2):
                    return False
        for f1, s1 in self.persons[a]:
            for f2, s2 in self.persons[b]:
                if surname_match(s1, s2) and not first_names_compatible(f1, f2):
                    return False
        return True

    def union(self, a: int, b: int, rule: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or not self.compatible(ra, rb):
            return False
        if len(self.persons[ra]) + len(self.surnames[ra]) < len(self.persons[rb]) + len(
            self.surnames[rb]
        ):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.persons[ra] |= self.persons[rb]
        self.surnames[ra] |= self.surnames[rb]
        self.note(rule, self.units[a].items[0].text, self.units[b].items[0].text, a)
        return True

    def note(self, rule: str, a: str, b: str, unit: int) -> None:
        if normalise(a) != normalise(b) and (rule, a, b) not in self._seen:
            self._seen.add((rule, a, b))
            self.merges.append({"rule": rule, "a": a, "b": b, "type": self.units[unit].group})


def _pairs(block: list[str]) -> Iterator[tuple[str, str]]:
    """All pairs of a small block; a sorted window over a large one."""
    block = sorted(set(block))
    if len(block) <= BLOCK_CAP:
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                yield a, b
    else:
        for i, a in enumerate(block):
            for b in block[i + 1 : i + 1 + WINDOW]:
                yield a, b


def _blocked_pairs(keys: Iterable[str], block_keys) -> Iterator[tuple[str, str]]:
    blocks: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        for b in block_keys(k):
            if b:
                blocks[b].append(k)
    seen: set[tuple[str, str]] = set()
    for block in blocks.values():
        if len(block) < 2:
            continue
        for pair in _pairs(block):
            if pair not in seen:
                seen.add(pair)
                yield pair


# Corpus-level label consistency: a name tagged mostly as one kind of thing
# is that kind everywhere (NER calls a town PERSON in one sentence, GPE in
# five). Nationality words (NORP) are never moved to or from another group.
MAJORITY_SHARE = 0.6
NO_RELABEL = frozenset({"NORP"})
#: "the town of X", "the river port of X": a place noun and "of" right before a
#: name say what it is. A name so introduced at least ``PLACED_MIN`` times is a
#: place everywhere, however the model split its other mentions.
PLACE_OF = re.compile(r"\b(?:" + "|".join(sorted(PLACE_NOUNS)) + r")\s+of\s+$", re.IGNORECASE)
PLACED_MIN = 2


def _keyed_mentions(
    a: DocumentAnalysis,
) -> Iterator[tuple[Mention, str | None, tuple[str, str] | None]]:
    """Each mention of ``a`` as read (``read_mentions``) with its unit key, the
    document's conditional place aliases applied."""
    read = list(read_mentions(a))
    aliases = document_places(a.text, (m for m, _ in read))
    for m, printed in read:
        yield m, printed, _unit_key(m, conditional_place(m, a.text, aliases))


def _corpus_groups(analyses: Sequence[DocumentAnalysis]) -> dict[str, str]:
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    placed: Counter[str] = Counter()
    for a in analyses:
        for m, _, gk in _keyed_mentions(a):
            if gk is not None:
                key = normalise(m.text)
                votes[key][gk[0]] += 1
                if (
                    gk[0] != "NORP"
                    and a.text.find("of", max(0, m.start - 6), m.start) != -1  # cheap test first
                    and PLACE_OF.search(a.text, max(0, m.start - 40), m.start)
                ):
                    placed[key] += 1
    out: dict[str, str] = {}
    for name, counts in votes.items():
        (group, n), *rest = counts.most_common()
        if placed[name] >= PLACED_MIN and len(counts) > 1:
            out[name] = "PLACE"  # "the town of Keldara" twice: a place, whatever else
        elif rest and n > rest[0][1] and n / sum(counts.values()) >= MAJORITY_SHARE:
            out[name] = group
    return out


def _build_units(analyses: Sequence[DocumentAnalysis]) -> list[_Unit]:
    index: dict[tuple[str, str, str], _Unit] = {}
    majority = _corpus_groups(analyses)
    for a in analyses:
        for m, printed, gk in _keyed_mentions(a):
            if gk is None:
                continue
            name = normalise(m.text)
            group = majority.get(name)
            if group and group != gk[0] and not {group, gk[0]} & NO_RELABEL:
                gk = (group, person_key(name) if group == "PERSON" else name)
            unit = index.get((*gk, a.doc_id))
            if unit is None:
                unit = index[(*gk, a.doc_id)] = _Unit(gk[0], gk[1], a.doc_id, [])
            unit.items.append(m)
            if printed is not None:
                unit.printed[id(m)] = printed
            if normalise(m.text) != normalise(unit.items[0].text):
                unit.variants.add(m.text)
            if looks_like_acronym(m.text):
                unit.acronym_form = True
    return list(index.values())


class _Context:
    """Co-occurring entity names per name: evidence for weak string matches."""

    def __init__(self, units: list[_Unit]) -> None:
        self.doc_keys: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self.key_docs: dict[tuple[str, str], set[str]] = defaultdict(set)
        for u in units:
            self.doc_keys[u.doc].add((u.group, u.key))
            self.key_docs[(u.group, u.key)].add(u.doc)
        n_docs = len(self.doc_keys)
        self.rare = max(2, n_docs // 10)

    def shared(self, a: tuple[str, str], b: tuple[str, str]) -> bool:
        """Do two names co-occur with a rare third name (or share a document)?"""
        da, db = self.key_docs.get(a, set()), self.key_docs.get(b, set())
        if da & db:
            return True
        ca: set[tuple[str, str]] = set()
        for d in list(da)[:50]:
            ca |= self.doc_keys[d]
        for d in list(db)[:50]:
            for k in self.doc_keys[d]:
                if k in ca and k not in (a, b) and len(self.key_docs[k]) <= self.rare:
                    return True
        return False


def _person_blocks(key: str) -> tuple[str, str]:
    sur = name_parts(key)[1]
    return "s:" + skeleton(sur), "p:" + fold(sur)[:4]


def resolve_entities(analyses: Sequence[DocumentAnalysis]) -> list[Entity]:
    return resolve_entities_traced(analyses)[0]


def resolve_entities_traced(
    analyses: Sequence[DocumentAnalysis],
) -> tuple[list[Entity], list[dict[str, Any]]]:
    """Entities plus the list of merges made (rule, the two names) and links."""
    units = _build_units(analyses)
    uf = _Clusters(units)
    ctx = _Context(units)
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        by_key[(u.group, u.key)].append(i)

    def is_bare_person(gk: tuple[str, str]) -> bool:
        return gk[0] == "PERSON" and " " not in gk[1]

    # 2. exact names (bare surnames wait)
    for gk, idxs in by_key.items():
        if not is_bare_person(gk):
            for i in idxs[1:]:
                uf.union(idxs[0], i, "place table" if gk[0] == "PLACE" else "exact")

    # 3. full PERSON names: transliteration and spelling variants
    full = [k for g, k in by_key if g == "PERSON" and " " in k]
    initials: list[tuple[str, str]] = []
    for p, q in _blocked_pairs(full, _person_blocks):
        (fp, sp), (fq, sq) = name_parts(p), name_parts(q)
        match = surname_match(sp, sq)
        if not match or not first_names_compatible(fp, fq):
            continue
        if len(fp or "") == 1 or len(fq or "") == 1:
            initials.append((p, q))
            continue
        a, b = by_key[("PERSON", p)][0], by_key[("PERSON", q)][0]
        if match == "same":
            uf.union(a, b, "name variant")
        elif ctx.shared(("PERSON", p), ("PERSON", q)):
            uf.union(a, b, "near spelling + context")
    # an initial ("V. Putin") joins only one compatible full name
    cand: dict[str, set[int]] = defaultdict(set)
    for p, q in initials:
        short, other = (p, q) if len(name_parts(p)[0] or "") == 1 else (q, p)
        cand[short].add(uf.find(by_key[("PERSON", other)][0]))
    for short, roots in cand.items():
        roots = {uf.find(r) for r in roots}
        if len(roots) == 1:
            uf.union(by_key[("PERSON", short)][0], next(iter(roots)), "initial")

    # 4. organisations and other multi-word names: one misspelt word; acronyms
    multi = [(g, k) for g, k in by_key if g not in ("PERSON", "PLACE") and " " in k]
    by_group: dict[str, list[str]] = defaultdict(list)
    for g, k in multi:
        by_group[g].append(k)
    for g, keys in by_group.items():
        for p, q in _blocked_pairs(keys, lambda k: ("k:" + " ".join(map(skeleton, k.split())),)):
            diff = [(x, y) for x, y in zip(p.split(), q.split(), strict=True) if x != y]
            if len(diff) == 1 and min(map(len, diff[0])) >= 5:
                x, y = diff[0]
                if JaroWinkler.similarity(fold(x), fold(y)) >= 0.85:
                    uf.union(by_key[(g, p)][0], by_key[(g, q)][0], "one-word spelling")
    acr: dict[tuple[str, str], set[str]] = defaultdict(set)
    for g, k in by_key:
        if " " in k and (ak := acronym(k)):
            acr[(g, ak)].add(k)
    for (g, k), idxs in by_key.items():
        if " " in k or not any(units[i].acronym_form for i in idxs):
            continue
        expansions = acr.get((g, k), set())
        roots = {uf.find(by_key[(g, e)][0]) for e in expansions}
        if len(roots) == 1:
            uf.union(idxs[0], next(iter(roots)), "acronym")

    # 5. bare surnames
    doc_full: dict[str, list[int]] = defaultdict(list)
    sur_index: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        if u.group == "PERSON" and not u.single:
            doc_full[u.doc].append(i)
            sur_index[skeleton(name_parts(u.key)[1])].append(i)

    def full_roots(surname: str, idxs: Iterable[int]) -> set[int]:
        return {
            uf.find(i)
            for i in idxs
            if surname_match(surname, name_parts(units[i].key)[1]) == "same"
        }

    floating: dict[str, list[int]] = defaultdict(list)
    for gk, idxs in by_key.items():
        if not is_bare_person(gk):
            continue
        for i in idxs:
            roots = full_roots(gk[1], doc_full.get(units[i].doc, ()))
            if len(roots) == 1:
                uf.union(i, next(iter(roots)), "surname in document")
            elif not roots:
                floating[gk[1]].append(i)
            # two full names in the document end with it: ambiguous, left alone
    for key, idxs in floating.items():
        for i in idxs[1:]:
            uf.union(idxs[0], i, "exact")
        roots = full_roots(key, sur_index.get(skeleton(key), ()))
        if len(roots) == 1:
            uf.union(idxs[0], next(iter(roots)), "surname in corpus")
    for i, u in enumerate(units):  # a surname written as one hyphenated word
        if u.group == "PERSON" and not u.single and not any(" " in m.text for m in u.items):
            tails = {
                uf.find(j)
                for j in doc_full.get(u.doc, ())
                if j != i and units[j].key.endswith(" " + u.key)
            }
            if len(tails) == 1:  # "Dakin-Grimm" is "Linda Dakin-Grimm" there
                uf.union(i, next(iter(tails)), "surname in document")
    lone = [k for k in floating if not full_roots(k, sur_index.get(skeleton(k), ()))]
    for p, q in _blocked_pairs(lone, lambda k: ("s:" + skeleton(k),)):
        if surname_match(p, q) == "same" and ctx.shared(("PERSON", p), ("PERSON", q)):
            uf.union(floating[p][0], floating[q][0], "surname variant + context")

    entities, unit_entity = _build_entities(units, uf)
    links = _named_after(analyses, units, unit_entity, entities)
    entities, unit_merges = _merge_namesake_units(entities)
    flag_mistranslations(entities, analyses)  # "Carmelite" where "Kremlin" belongs
    return entities, uf.merges + links + unit_merges


def _merge_namesake_units(entities: list[Entity]) -> tuple[list[Entity], list[dict[str, Any]]]:
    """Military units named after the same person are one unit under several
    spellings ("Volunteer Battalion named after X", "X Regiment"): merge them.
    The person stays a separate entity, linked by ``named_after``."""
    by_namesake: dict[str, list[Entity]] = defaultdict(list)
    for e in entities:
        words = normalise(e.name).split()
        if e.type != "ORG" or not words or words[-1] not in NAMED_AFTER_HEADS:
            continue
        for r in e.roles:
            if r.get("relation") == "named_after":
                by_namesake[r["entity"]].append(e)
                break
    merges: list[dict[str, Any]] = []
    gone: set[str] = set()
    for group in by_namesake.values():
        if len(group) < 2:
            continue
        keep, *rest = sorted(group, key=lambda e: (-len(e.mentions), e.name))
        for other in rest:
            keep.mentions = sorted(keep.mentions + other.mentions, key=lambda m: (m.doc, m.start))
            keep.aliases = sorted(
                keep.aliases + other.aliases, key=lambda a: (-a["count"], a["text"])
            )
            keep.roles += [r for r in other.roles if r not in keep.roles]
            gone.add(other.id)
            merges.append(
                {"rule": "same namesake unit", "a": other.name, "b": keep.name, "type": "ORG"}
            )
    return [e for e in entities if e.id not in gone], merges


def _variant_rank(v: str, count: int, group: str) -> tuple:
    key = normalise(v)
    words = len(person_key(key).split()) if group == "PERSON" else len(key.split())
    return (
        place_canonical(key) == key,  # the table's canonical spelling (Kyiv)
        not v.lower().startswith("the "),
        words,
        count,
        not v.isupper(),
        v,
    )


def _build_entities(units: list[_Unit], uf: _Clusters) -> tuple[list[Entity], dict[int, Entity]]:
    comps: dict[int, list[int]] = defaultdict(list)
    for i in range(len(units)):
        comps[uf.find(i)].append(i)
    entities: list[Entity] = []
    unit_entity: dict[int, Entity] = {}
    for members in comps.values():
        group = units[members[0]].group
        labels: Counter[str] = Counter()
        variants: dict[str, Counter[str]] = defaultdict(Counter)
        mentions: list[EntityMention] = []
        for i in members:
            u = units[i]
            for m in u.items:
                if TYPE_GROUP.get(m.label) == group:
                    labels[m.label] += 1
                variants[m.text][u.doc] += 1
                text = u.printed.get(id(m), m.text)  # offsets point at the printed words
                mentions.append(EntityMention(doc=u.doc, start=m.start, end=m.end, text=text))
        name = max(variants, key=lambda v: _variant_rank(v, sum(variants[v].values()), group))
        etype = labels.most_common(1)[0][0] if labels else DEFAULT_TYPE.get(group, group)
        ent = Entity(
            id="e" + hashlib.sha1(f"{group}:{normalise(name)}".encode()).hexdigest()[:12],
            name=name,
            type=etype,
            aliases=[
                {"text": v, "count": sum(c.values()), "docs": sorted(c)}
                for v, c in sorted(variants.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
            ],
            mentions=sorted(mentions, key=lambda m: (m.doc, m.start)),
        )
        entities.append(ent)
        for i in members:
            unit_entity[i] = ent
    entities.sort(key=lambda e: (-len(e.mentions), e.name))
    unique_ids(entities)
    return entities, unit_entity


def unique_ids(entities: list[Entity]) -> None:
    """Two clusters may share a canonical name (an ambiguous surname left
    unmerged in two documents): give the later ones an id from their first
    mention, so ids stay unique and stable for the same input."""
    seen: set[str] = set()
    for e in entities:
        if e.id in seen:
            first = min((m.doc, m.start) for m in e.mentions)
            e.id = "e" + hashlib.sha1(f"{e.id}:{first[0]}:{first[1]}".encode()).hexdigest()[:12]
        seen.add(e.id)


def _named_after(
    analyses: Sequence[DocumentAnalysis],
    units: list[_Unit],
    unit_entity: dict[int, Entity],
    entities: list[Entity],
) -> list[dict[str, Any]]:
    """Link units named after a person to that person (never a merge)."""
    by_span: dict[tuple[str, int, int], Entity] = {}
    for e in entities:
        for m in e.mentions:
            by_span[(m.doc, m.start, m.end)] = e
    links: list[dict[str, Any]] = []
    done: set[tuple[str, str]] = set()

    def link(src: Entity, dst: Entity, doc: str, start: int, end: int, how: str) -> None:
        if src.id == dst.id or (src.id, dst.id) in done:
            return
        done.add((src.id, dst.id))
        src.roles.append(
            {"relation": "named_after", "entity": dst.id, "name": dst.name, "doc": doc,
             "start": start, "end": end}
        )  # fmt: skip
        links.append({"rule": f"named_after ({how}; link, not merge)", "a": src.name,
                      "b": dst.name, "type": src.type})  # fmt: skip

    # "the battalion named after Kastus Kalinovsky"
    for a in analyses:
        ms = sorted(a.mentions, key=lambda m: m.start)
        for x, y in zip(ms, ms[1:], strict=False):
            gap = a.text[x.end : y.start]
            if len(gap) < 60 and _NAMED_AFTER_GAP.fullmatch(gap):
                src, dst = (
                    by_span.get((a.doc_id, x.start, x.end)),
                    by_span.get((a.doc_id, y.start, y.end)),
                )
                if src and dst and dst.type == "PERSON":
                    link(src, dst, a.doc_id, x.start, y.end, "'named after'")
    # "the Kastus Klinovsky Regiment": a person's name + a unit word
    persons: dict[str, list[tuple[str, Entity]]] = defaultdict(list)
    for i, u in enumerate(units):
        if u.group == "PERSON" and not u.single:
            persons[skeleton(name_parts(u.key)[1])].append((u.key, unit_entity[i]))
    for i, u in enumerate(units):
        toks = u.key.split()
        if u.group == "PERSON" or len(toks) < 3 or toks[-1] not in NAMED_AFTER_HEADS:
            continue
        first, sur = toks[-3], toks[-2]
        found = {
            e.id: e
            for k, e in persons.get(skeleton(sur), ())
            if surname_match(sur, name_parts(k)[1]) == "same"
            and first_names_compatible(first, name_parts(k)[0])
        }
        if len(found) == 1:
            m = u.items[0]
            link(unit_entity[i], next(iter(found.values())), u.doc, m.start, m.end, "name + unit")
    return links
