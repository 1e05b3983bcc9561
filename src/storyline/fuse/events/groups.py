"""``EventGroup``s for the dossier: each document's ``events`` merged across documents.

Features come from the ``Event`` records and what fusion already knows:
an actor, target or place span that holds a fused entity's mention is keyed
by the entity id (so "Russia" and "Russian forces" meet), else by its
lower-cased last word; a place also gets its country from the gazetteer, so
places in two different countries forbid a merge. Documents of one copy
lineage may merge, but a group counts each lineage once (``lineages``).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.despin.repair import repaired_slice
from storyline.fuse.events.core import (
    EventMentionFeatures,
    MergeParams,
    candidate_pairs,
    cluster,
    sentence_keys,
)
from storyline.fuse.events.linkage import document_stories
from storyline.fuse.events.rules import MODALITY_RANK
from storyline.fuse.sources import independent_sources, lineage_of
from storyline.model import DocumentAnalysis, Entity, Event, EventGroup, Fused, Lineage

#: The dossier's setting: the ECB+-chosen core plus links on the same PLOVER
#: type (ECB+ has no types), which need strong evidence to pass the threshold.
# In a dossier a wrong merge misleads more than a missed one, and the actors
# are entity ids where a fused entity covers them: two events whose known
# actors share none are kept apart (ECB+'s parse-only actors made this veto
# cost F1 there, so the scorer's default leaves it off).
DOSSIER_PARAMS = replace(MergeParams(), w_type=0.1, require_evidence=True, actor_conflict=True)


class EntityIndex:
    """Per document, the fused entity mentions by offset, to key spans by entity id."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.by_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        self.names: dict[str, str] = {}
        for e in entities:
            self.names[e.id] = e.name
            for m in e.mentions:
                self.by_doc[m.doc].append((m.start, m.end, e.id))

    def entity_in(self, doc: str, span: dict[str, Any] | None) -> str | None:
        """The entity whose mention lies inside ``span`` (the longest), or None."""
        if not span:
            return None
        best: tuple[int, str] | None = None
        for s, e, eid in self.by_doc.get(doc, ()):
            if span["start"] <= s and e <= span["end"] and (best is None or e - s > best[0]):
                best = (e - s, eid)
        return best[1] if best else None

    def doc_entities(self, doc: str) -> frozenset[str]:
        return frozenset(eid for *_, eid in self.by_doc.get(doc, ()))


def span_key(index: EntityIndex, doc: str, span: dict[str, Any] | None) -> str | None:
    """An argument's key: its entity id, else its last word lower-cased."""
    if not span:
        return None
    eid = index.entity_in(doc, span)
    if eid:
        return eid
    words = str(span.get("text", "")).split()
    return words[-1].lower().strip(".,;:'\"") if words else None


def _country(text: str | None) -> str | None:
    if not text:
        return None
    from storyline.nlp.ner_places import lookup_place

    place = lookup_place(text)
    return place.country or None if place else None


def event_features(
    a: DocumentAnalysis,
    ev: Event,
    index: EntityIndex,
    lineage: str | None,
    doc_words: frozenset[str] = frozenset(),
    context: frozenset[str] | None = None,
) -> EventMentionFeatures:
    """One event record as the clustering core sees it (``context``: the document's
    entity ids, computed once per document by the caller when given)."""
    lemma = str((ev.trigger or {}).get("lemma") or (ev.trigger or {}).get("text", "")).lower()
    keys = (
        [span_key(index, a.doc_id, s) for s in ev.actors],
        [span_key(index, a.doc_id, s) for s in ev.targets],
    )
    return EventMentionFeatures(
        key=f"{a.doc_id}:{ev.id}",
        doc=a.doc_id,
        lemma=lemma,
        lineage=lineage,
        type=ev.type or None,
        actors=frozenset(k for k in keys[0] if k),
        targets=frozenset(k for k in keys[1] if k),
        place=span_key(index, a.doc_id, ev.place),
        country=_country((ev.place or {}).get("text")),
        date=(ev.time or {}).get("value") or None,
        tokens=sentence_keys(ev.text, frozenset({lemma})),
        negated=ev.modality == "negated",
        context=index.doc_entities(a.doc_id) if context is None else context,
        doc_words=doc_words,
    )


def _most_common(values: list[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def _span_name(index: EntityIndex, doc: str, span: dict[str, Any] | None) -> str | None:
    """A label part: the entity's name, else the span's text unless it is a bare
    pronoun or function word ("that", "it"), which names nothing in a label."""
    eid = index.entity_in(doc, span)
    if eid:
        return index.names.get(eid)
    text = (span or {}).get("text")
    return None if not text or text.lower() in STOP_WORDS else text


def _label_part(index: EntityIndex, spans: list[tuple[str, dict[str, Any] | None]]) -> str | None:
    """The most common name among the spans, a named entity's before any other
    words: "Russia" labels a group better than "its territory" does."""
    named = [index.names.get(e) for doc, s in spans if (e := index.entity_in(doc, s))]
    return _most_common(named) or _most_common([_span_name(index, d, s) for d, s in spans])


def read(a: DocumentAnalysis, span: dict[str, Any] | None) -> dict[str, Any] | None:
    """A span as a label reads it: in a machine-spun document, its repaired wording
    ("helium" -> "he", which then names nothing); as written elsewhere."""
    spun_found = (a.integrity.get("spun") or {}).get("n_spun") if a.integrity else None
    if not span or not spun_found or not isinstance(span.get("start"), int):
        return span  # no spun word in the document: nothing to read differently
    spun = [x for x in a.spans if x.kind == "spun" and span["start"] <= x.start < span["end"]]
    fixed = repaired_slice(a.text, spun, span["start"], span["end"]) if spun else None
    return span if fixed is None else {**span, "text": fixed}


def make_group(
    members: list[tuple[DocumentAnalysis, Event]],
    index: EntityIndex,
    fused: Fused,
    support: float | None,
    lineage_index: Mapping[str, Lineage] | None = None,
) -> EventGroup:
    """One ``EventGroup`` from its member events (the label in plain words).
    ``lineage_index``: ``lineage_of(fused.lineages)``, built once by the caller."""
    ids = [f"{a.doc_id}:{ev.id}" for a, ev in members]
    docs = list(dict.fromkeys(a.doc_id for a, _ in members))
    actor = _label_part(index, [(a.doc_id, read(a, s)) for a, ev in members for s in ev.actors])
    target = _label_part(index, [(a.doc_id, read(a, s)) for a, ev in members for s in ev.targets])
    place = _label_part(index, [(a.doc_id, ev.place) for a, ev in members])
    etype = _most_common([ev.type for _, ev in members]) or "EVENT"
    dates = {ev.time.get("value") for _, ev in members if ev.time and ev.time.get("value")}
    modalities = sorted({ev.modality for _, ev in members}, key=lambda m: -MODALITY_RANK.get(m, 0))
    conf = sum(ev.confidence for _, ev in members) / len(members)
    if support is not None:
        conf *= min(1.0, support)
    return EventGroup(
        id="evg" + hashlib.sha1("|".join(sorted(ids)).encode()).hexdigest()[:10],
        type=etype,
        label=" — ".join(x for x in (actor, etype, target or place) if x),
        events=ids,
        docs=docs,
        lineages=independent_sources(docs, fused.lineages, lineage_index),
        date=dates.pop() if len(dates) == 1 else None,
        place=place,
        modality=modalities[0] if modalities else "asserted",
        modalities=modalities,
        confidence=round(conf, 3),
    )


def group_events(
    analyses: Sequence[DocumentAnalysis],
    fused_so_far: Fused,
    params: MergeParams = DOSSIER_PARAMS,
) -> list[EventGroup]:
    """Every document's events merged into ``EventGroup``s (single-source groups too)."""
    index = EntityIndex(fused_so_far.entities)
    lineages = lineage_of(fused_so_far.lineages)
    items: list[tuple[DocumentAnalysis, Event]] = []
    feats: list[EventMentionFeatures] = []
    seen: set[str] = set()
    for a in analyses:
        if a.doc_id in seen:
            continue
        seen.add(a.doc_id)
        lin = lineages.get(a.doc_id)
        events = a.outputs.get("events", [])
        words = sentence_keys(a.text) if events else frozenset()
        context = index.doc_entities(a.doc_id)
        for ev in events:
            try:
                lid = lin.id if lin else a.doc_id
                feats.append(event_features(a, ev, index, lid, words, context))
            except (AttributeError, KeyError, TypeError, ValueError):
                continue  # a malformed record costs only itself
            items.append((a, ev))
    stories = document_stories(feats, params.story_threshold)
    story = [stories.get(f.doc) for f in feats] if stories else None
    pairs = candidate_pairs(feats, params.w_type > 0, story)
    groups, support = cluster(len(feats), pairs, params, story)
    out = [
        make_group([items[i] for i in g], index, fused_so_far, s, lineages)
        for g, s in zip(groups, support, strict=True)
    ]
    out.sort(key=lambda g: (-g.lineages, -len(g.events), g.id))
    return out
