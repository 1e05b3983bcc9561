"""Group entity mentions across documents into entities.

Skeleton resolution, deliberately conservative: mentions merge when their
normalised names agree (case, accents, a leading "the", possessives), and a
one-word PERSON mention ("Lukashenko") joins the single full name in the same
document that ends with it. Spelling variants and transliterations are a
later step. Blocking by normalised key keeps this linear in the mentions.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence

from storyline.model import DocumentAnalysis, Entity, EntityMention, Mention

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

_TITLES = re.compile(r"^(?:mr|mrs|ms|dr|prof|president|minister|gen|general|sen|rep)\.?\s+", re.I)


def normalise(name: str) -> str:
    """Key under which spellings of one name meet: case, accents, 'the', possessive."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'").casefold().strip()
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"^the\s+", "", s)
    s = _TITLES.sub("", s)
    s = re.sub(r"[^\w]+", " ", s).strip()
    return s


def _entity_id(group: str, key: str) -> str:
    return "e" + hashlib.sha1(f"{group}:{key}".encode()).hexdigest()[:12]


def resolve_entities(analyses: Sequence[DocumentAnalysis]) -> list[Entity]:
    buckets: dict[tuple[str, str], list[tuple[str, Mention]]] = defaultdict(list)
    for a in analyses:
        full_names: dict[str, set[str]] = defaultdict(set)  # surname -> full keys in this doc
        for m in a.mentions:
            key = normalise(m.text)
            if m.label == "PERSON" and " " in key:
                full_names[key.rsplit(" ", 1)[1]].add(key)
        for m in a.mentions:
            group = TYPE_GROUP.get(m.label)
            key = normalise(m.text)
            if not group or not key:
                continue
            if group == "PERSON" and " " not in key and len(full_names.get(key, ())) == 1:
                key = next(iter(full_names[key]))
            buckets[(group, key)].append((a.doc_id, m))

    # A bare surname seen in a document without the full name joins the full
    # name only if exactly one full name in the whole corpus ends with it.
    surname_index: dict[str, set[str]] = defaultdict(set)
    for group, key in buckets:
        if group == "PERSON" and " " in key:
            surname_index[key.rsplit(" ", 1)[1]].add(key)
    for group, key in list(buckets):
        if group == "PERSON" and " " not in key and len(surname_index.get(key, ())) == 1:
            full = next(iter(surname_index[key]))
            buckets[(group, full)].extend(buckets.pop((group, key)))

    entities: list[Entity] = []
    for (group, key), items in buckets.items():
        labels = Counter(m.label for _, m in items)
        variants: dict[str, Counter[str]] = defaultdict(Counter)
        for doc, m in items:
            variants[m.text][doc] += 1
        # The most complete well-formed variant: no leading article, most words, most used.
        name = max(
            variants,
            key=lambda v: (
                not v.lower().startswith("the "),
                len(v.split()),
                sum(variants[v].values()),
                v,
            ),
        )
        entities.append(
            Entity(
                id=_entity_id(group, key),
                name=name,
                type=labels.most_common(1)[0][0],
                aliases=[
                    {"text": v, "count": sum(c.values()), "docs": sorted(c)}
                    for v, c in sorted(variants.items(), key=lambda kv: -sum(kv[1].values()))
                ],
                mentions=[
                    EntityMention(doc=d, start=m.start, end=m.end, text=m.text) for d, m in items
                ],
            )
        )
    entities.sort(key=lambda e: (-len(e.mentions), e.name))
    return entities
