"""Claims across sources (the dossier's ``claims``): the same statement in
other words, grouped, with who asserts it and how many independent sources.

``build_claims(analyses, fused)`` reads each document's statements (events
and numbers from ``storyline.fuse.claims_statements``, roles and reports of
leaving office from ``storyline.fuse.claims_people``, each with its
asserter, modality and polarity) and groups them. Statements are blocked by
(kind, subject, predicate): the subject is a fused entity id where an entity
covers the words, so "Viktor Gulevich" and "Belarus' deputy defense
minister, Viktor Gulevich" meet; the predicate folds trigger synonyms
("resign", "resignation", "step down"). Inside a block a statement joins the
first group it is compatible with: the same object (when both name one), the
same day (when both are dated), the same measure, overlapping figures (a
number's interval as a newsroom means it, read by the disagreements step:
"at least 1,200" is about 1,200, not "nearly 3,000", so the two are two
claims) and the same story (another document's statement must share an
entity named beside it; see ``Bin.same_story``). Statements of opposite
polarity join one claim, so the reader sees who affirms and who denies it.
Copies of one original count as one source. Groups are indexed by the
entities beside their statements (``Block``), so the step grows
near-linearly (``benchmarks/claims.py``).
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from storyline.fuse import claims_rules as R
from storyline.fuse.claims_people import left_office_statements, role_statements
from storyline.fuse.claims_statements import (
    DocFacts,
    Found,
    document_statements,
    quote_asserters,
)
from storyline.fuse.conflicts_context import doc_infos
from storyline.fuse.conflicts_numbers import figures
from storyline.fuse.events.groups import EntityIndex
from storyline.fuse.sources import independent_sources
from storyline.model import Claim, DocumentAnalysis, EventGroup, Fused

log = logging.getLogger(__name__)

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(value: str | None) -> str | None:
    return value[:10] if value and _DAY.match(value) else None


@dataclass
class Bin:
    """A group being built: its members and what a newcomer must agree with
    (the first object and day named, the figures' common interval, the
    entities of its statements' sentences and documents), so a check costs
    O(1) in the members, not O(members)."""

    members: list[Found] = field(default_factory=list)
    object_key: str | None = None
    day: str | None = None
    interval: tuple[float, float] | None = None
    measure: str | None = None
    docs: set[str] = field(default_factory=set)
    context: set[str] = field(default_factory=set)  # entities of the members' sentences
    doc_entities: set[str] = field(default_factory=set)  # entities of the members' documents

    def same_story(self, f: Found) -> bool:
        """Another document's statement joins only when it is about the same
        story: when both name entities beside them (besides the subject), the
        two sets share one; when one side names none, an entity named beside
        the other is named in its document (two unrelated stories' "the
        government sent aid" stay apart); with no entity beside either, only a
        named subject ties them, and a figure never (a bare count is too
        generic to tie two documents). A person's role holds across stories."""
        if f.kind == "role" or not self.docs or f.statement.doc in self.docs:
            return True
        if f.context and self.context:
            return bool(f.context & self.context)
        if f.context or self.context:
            if f.kind == "number":
                return False
            return bool(f.context & self.doc_entities or self.context & f.doc_entities)
        return f.kind != "number" and f.subject.get("entity") is not None

    def accepts(self, f: Found) -> bool:
        if self.object_key and f.object_key and self.object_key != f.object_key:
            return False
        # two measures are two claims; a figure with a measure and one without
        # are one only within a document (its sentence may just not repeat the cue)
        if (
            self.members
            and self.measure != f.measure
            and ((self.measure and f.measure) or f.statement.doc not in self.docs)
        ):
            return False
        day = _day(f.statement.time)
        if self.day and day and self.day != day:
            return False
        if self.interval is not None and f.interval is not None:
            lo, hi = max(self.interval[0], f.interval[0]), min(self.interval[1], f.interval[1])
            if lo > hi:
                return False
        return self.same_story(f)

    def add(self, f: Found) -> None:
        self.members.append(f)
        self.object_key = self.object_key or f.object_key
        self.measure = self.measure or f.measure
        self.day = self.day or _day(f.statement.time)
        if f.interval is not None:
            iv = self.interval
            self.interval = (
                f.interval if iv is None else (max(iv[0], f.interval[0]), min(iv[1], f.interval[1]))
            )
        if f.statement.doc not in self.docs:
            self.docs.add(f.statement.doc)
            self.doc_entities |= f.doc_entities
        self.context |= f.context


class Block:
    """The groups of one (kind, subject, predicate), indexed so that a statement
    is tried only against groups it could join (``Bin.same_story``): those of
    its own document, those whose sentences name an entity it names beside it
    or in its document, and (for a named subject) those that name none. A
    corpus of many stories thus never compares every statement with every
    group of a generic block ("people evacuated", "the government")."""

    def __init__(self) -> None:
        self.bins: list[Bin] = []
        self.by_doc: dict[str, list[int]] = defaultdict(list)
        self.by_context: dict[str, list[int]] = defaultdict(list)  # sentence entity -> bins
        self.bare_by_entity: dict[str, list[int]] = defaultdict(list)  # doc entity -> bare bins
        self.bare: list[int] = []  # bins whose first statement names no entity beside it

    def candidates(self, f: Found) -> list[int]:
        if f.kind == "role":
            return list(range(len(self.bins)))
        out = set(self.by_doc.get(f.statement.doc, ()))
        if f.context:
            for e in f.context:
                out.update(self.by_context.get(e, ()))
                out.update(self.bare_by_entity.get(e, ()))
        else:
            for e in f.doc_entities:
                out.update(self.by_context.get(e, ()))
            if f.kind != "number" and f.subject.get("entity") is not None:
                out.update(self.bare)
        return sorted(out)

    def add(self, f: Found) -> None:
        """Put ``f`` in the first group that accepts it, else in a new one."""
        i = next((i for i in self.candidates(f) if self.bins[i].accepts(f)), None)
        if i is None:
            i = len(self.bins)
            self.bins.append(Bin())
            if not f.context:
                self.bare.append(i)
                for e in f.doc_entities:
                    self.bare_by_entity[e].append(i)
        b = self.bins[i]
        if f.statement.doc not in b.docs:
            self.by_doc[f.statement.doc].append(i)
        for e in f.context - b.context:
            self.by_context[e].append(i)
        b.add(f)


def group_statements(found: Sequence[Found]) -> list[list[Found]]:
    """Blocks by (kind, subject, predicate), then greedy grouping inside each block:
    a statement joins the first group that accepts it (every member compatible)."""
    blocks: dict[tuple[str, str, str], Block] = defaultdict(Block)
    for f in found:
        blocks[(f.kind, f.subject_key, f.predicate)].add(f)
    return [b.members for block in blocks.values() for b in block.bins]


def _most_common(values: list[str]) -> str:
    return Counter(values).most_common(1)[0][0]


def make_claim(members: list[Found], fused: Fused) -> Claim:
    """One ``Claim`` from its grouped statements."""
    first = members[0]
    stmts = sorted(
        (f.statement for f in members),
        key=lambda s: (s.polarity != "affirmed", s.date or "9999", s.doc, s.start),
    )
    affirmed = [s for s in stmts if s.polarity == "affirmed"]
    negated = [s for s in stmts if s.polarity == "negated"]
    main = affirmed or negated
    says = _most_common([s.says for s in main])
    subject = dict(first.subject)
    if subject.get("entity") is None:
        subject["name"] = _most_common([f.subject["name"] for f in members])
    objects = [f.object for f in members if f.object]
    modality = max((s.modality for s in main), key=lambda m: R.MODALITY_RANK.get(m, 0))
    times = sorted({t for s in stmts if (t := s.time)})
    conf = max(s.confidence for s in stmts)
    value = next((f.value for f in members if f.value and f.statement in main), first.value)
    measure = next((f.measure for f in members if f.measure), None)
    label = f"{subject['name']} — {says}"
    if first.kind == "number":  # "upwards of 500 Belarusians — fighting"
        label = says + (f" — {measure}" if measure else "")
    return Claim(
        id="",
        kind=first.kind,
        label=label,
        subject=subject,
        predicate=measure or first.predicate,
        says=says,
        object=objects[0] if objects else None,
        value=value,
        time=times[0] if len(times) == 1 else None,
        modality=modality,
        polarity="affirmed" if affirmed else "negated",
        statements=stmts,
        docs=list(dict.fromkeys(s.doc for s in stmts)),
        sources=independent_sources([s.doc for s in affirmed], fused.lineages),
        sources_negating=independent_sources([s.doc for s in negated], fused.lineages),
        event_groups=sorted({f.event_group for f in members if f.event_group}),
        confidence=round(conf, 3),
        low_confidence=conf < R.LOW_CONFIDENCE,
    )


def _facts(analyses: Sequence[DocumentAnalysis], fused: Fused) -> dict[str, DocFacts]:
    """Each document's ``DocFacts``: infos, entity index, quote speakers, measures."""
    infos = doc_infos(analyses, fused.lineages)
    index = EntityIndex(fused.entities)
    measures: dict[str, dict[int, str]] = defaultdict(dict)
    for fig in figures(analyses, infos):
        counts = str((fig.q.counts or {}).get("text") or "").split()
        if fig.thing in R.MEASURED_THINGS or (counts and counts[-1][:1].isupper()):
            measures[fig.info.doc][fig.q.start] = fig.measure
    groups = {
        ev: g.id
        for g in fused.sections.get("event_groups", [])
        if isinstance(g, EventGroup)
        for ev in g.events
    }
    return {
        a.doc_id: DocFacts(
            info=infos[a.doc_id],
            index=index,
            quotes=quote_asserters(a, index, fused.speaker_entities),
            measures=measures.get(a.doc_id, {}),
            event_groups=groups,
            doc_entities=index.doc_entities(a.doc_id),
            repairs=sorted(
                (sp.start, sp.end, str(sp.attrs["original"]))
                for sp in a.spans_of("spun")
                if sp.attrs.get("original")
            ),
        )
        for a in analyses
    }


def _dedupe(found: list[Found]) -> list[Found]:
    """One statement per subject, predicate, polarity and overlapping span of a
    document: the event "Quell resigned" and the status cue in that sentence
    are one statement (the first kept)."""
    seen: dict[tuple[str, str, str, str], list[tuple[int, int]]] = defaultdict(list)
    out = []
    for f in found:
        st = f.statement
        key = (f.subject_key, f.predicate, st.polarity, st.doc)
        if any(s < st.end and st.start < e for s, e in seen[key]):
            continue
        seen[key].append((st.start, st.end))
        out.append(f)
    return out


def build_claims(analyses: Sequence[DocumentAnalysis], fused: Fused) -> list[Claim]:
    """Every claim, most independent sources first; ids ``cl1``, ``cl2``, …"""
    unique = list({a.doc_id: a for a in analyses}.values())
    facts = _facts(unique, fused)
    found: list[Found] = []
    for a in unique:
        try:
            found.extend(document_statements(a, facts[a.doc_id]))
        except Exception:  # one document's failure costs only its statements
            log.exception("claim statements of %s failed", a.doc_id)
    for ent in fused.entities:
        if ent.type == "PERSON":
            found.extend(role_statements(ent, facts))
            found.extend(left_office_statements(ent, facts))
    found = _dedupe(found)
    for f in found:
        f.doc_entities = facts[f.statement.doc].doc_entities
    claims = [make_claim(g, fused) for g in group_statements(found)]
    claims.sort(
        key=lambda c: (
            -(c.sources + c.sources_negating),
            not (c.sources and c.sources_negating),  # contested first among equals
            c.low_confidence,
            -len(c.statements),
            -c.confidence,
            c.label,
        )
    )
    for i, c in enumerate(claims, 1):
        c.id = f"cl{i}"
    return claims
