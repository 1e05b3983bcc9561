"""Claim statements of one document: what it states, who asserts it, how.

Pure functions over one ``DocumentAnalysis`` and what fusion already knows
(entity mentions by offset, speaker entities, copy lineage); no state is
kept between documents, so this part runs per document and only the
grouping in ``storyline.fuse.claims`` looks across them.

Kinds of fact that become statements here: an event (subject = its actor,
predicate = PLOVER type and trigger lemma with its synonyms taken together,
object = its target) and a number with what it counts; a person's roles and
reports that they left office are in ``storyline.fuse.claims_people``. The
asserter is the speaker when the statement sits inside a quote, else the
source the document credits ("according to ..."), else the outlet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.fuse import claims_rules as R
from storyline.fuse.conflicts_context import DocInfo
from storyline.fuse.conflicts_numbers import intervals
from storyline.fuse.conflicts_rules import PEOPLE_NOUNS
from storyline.fuse.events.core import GROUPS_OF
from storyline.fuse.events.groups import EntityIndex
from storyline.fuse.events.rules import TRIGGER_GROUPS
from storyline.model import ClaimStatement, DocumentAnalysis, Event, Quantity, Quote


@dataclass
class Found:
    """One statement with the keys that group it (not part of the output)."""

    statement: ClaimStatement
    kind: str
    subject: dict[str, Any]  # {"name", "entity"}
    subject_key: str
    predicate: str
    object: dict[str, Any] | None = None
    object_key: str | None = None
    value: dict[str, Any] | None = None
    interval: tuple[float, float] | None = None
    measure: str | None = None  # a number's measure ("killed"), None when no cue says
    context: frozenset[str] = field(default_factory=frozenset)  # entities beside it
    doc_entities: frozenset[str] = field(default_factory=frozenset)  # entities of its document
    event_group: str | None = None


@dataclass
class DocFacts:
    """What statements of one document read besides its analysis."""

    info: DocInfo
    index: EntityIndex
    quotes: list[tuple[int, int, dict[str, Any], bool]]  # (start, end, speaker, direct)
    measures: dict[int, str] = field(default_factory=dict)  # figure start -> measure
    event_groups: dict[str, str] = field(default_factory=dict)  # global event id -> group
    repairs: list[tuple[int, int, str]] = field(default_factory=list)  # spun word -> original
    doc_entities: frozenset[str] = frozenset()  # every entity the document names

    def read(self, start: int, end: int) -> str:
        """The text at [start, end) with spun words read as their repair ("helium" -> "he"):
        for keys and names only; statements always quote the text as written."""
        out, pos = [], start
        for s, e, original in self.repairs:
            if start <= s and e <= end and s >= pos:
                out += [self.info.text[pos:s], original]
                pos = e
        return "".join(out) + self.info.text[pos:end]

    def outlet(self) -> dict[str, Any]:
        return {"kind": "outlet", "name": self.info.name, "entity": None}

    def asserter(
        self, pos: int, credited: dict[str, Any] | None = None, direct_only: bool = False
    ) -> dict[str, Any]:
        """The speaker of a quote holding ``pos``, else the credited source, else the
        outlet. ``direct_only``: only a direct quote's speaker counts (a title in
        reported speech is usually the outlet's own description of the person)."""
        for start, end, who, direct in self.quotes:
            if start <= pos < end and (direct or not direct_only):
                return who
        if credited and credited.get("text"):
            eid = self.index.entity_in(self.info.doc, credited)
            return {
                "kind": "source",
                "name": self.index.names.get(eid, credited["text"]) if eid else credited["text"],
                "entity": eid,
                **self.span(credited["start"], credited["end"]),
            }
        return self.outlet()

    def span(self, start: int, end: int) -> dict[str, Any]:
        return {"doc": self.info.doc, "start": start, "end": end, "text": self.info.text[start:end]}

    def statement(self, start: int, end: int, says: str, **kw: Any) -> ClaimStatement:
        return ClaimStatement(
            doc=self.info.doc,
            start=start,
            end=end,
            text=self.info.text[start:end],
            says=says,
            lineage=self.info.lineage,
            date=self.info.date,
            **kw,
        )

    def entities_between(self, start: int, end: int) -> frozenset[str]:
        return frozenset(
            eid for s, e, eid in self.index.by_doc.get(self.info.doc, ()) if start <= s and e <= end
        )


def quote_asserters(
    a: DocumentAnalysis, index: EntityIndex, speakers: dict[str, str]
) -> list[tuple[int, int, dict[str, Any], bool]]:
    """(start, end, asserter, direct) of every quote of ``a`` whose speaker is known."""
    out = []
    for q in a.outputs.get("quotes", []):
        if not isinstance(q, Quote) or not q.speaker or not q.speaker.get("text"):
            continue
        sp = q.speaker
        shown = sp.get("antecedent") if isinstance(sp.get("antecedent"), dict) else sp
        eid = speakers.get(f"{a.doc_id}:{q.id}")
        s, e = int(shown.get("start", sp["start"])), int(shown.get("end", sp["end"]))
        who = {
            "kind": "speaker",
            "name": index.names.get(eid, a.text[s:e])
            if eid and a.text[s:e].lower() in STOP_WORDS
            else a.text[s:e],
            "entity": eid,
            "doc": a.doc_id,
            "start": s,
            "end": e,
            "text": a.text[s:e],
        }
        for frag in q.fragments or [{"start": q.start, "end": q.end}]:
            out.append((int(frag["start"]), int(frag["end"]), who, q.kind == "direct"))
    return out


def canonical_lemma(lemma: str) -> str:
    """A trigger lemma's group name: "resignation" and "step down" -> "resign"."""
    groups = GROUPS_OF.get(lemma)
    return TRIGGER_GROUPS[min(groups)][0] if groups else lemma


def _word_key(text: str) -> str | None:
    """Key of an argument no entity covers: its last content word, lower-cased."""
    words = [w.strip(".,;:'\"()“”’").lower() for w in text.split()]
    words = [w for w in words if w and w.isalpha()]
    if not words or words[-1] in STOP_WORDS:
        return None
    head = words[-1]
    if head in PEOPLE_NOUNS:
        return "people"
    return head[:-1] if head.endswith("s") and len(head) > 3 else head


def _appositive(facts: DocFacts, span: dict[str, Any]) -> str | None:
    """The entity named right after a description: "the deputy minister, Viktor Gulevich"."""
    doc, text = facts.info.doc, facts.info.text
    mentions = facts.index.by_doc.get(doc, ())
    for s, _e, eid in mentions:
        gap = s - int(span["end"])
        if 0 < gap <= R.APPOSITIVE_MAX and R.APPOSITIVE_GAP.fullmatch(text[span["end"] : s]):
            return eid
    return None


def _mention_in(facts: DocFacts, span: dict[str, Any]) -> tuple[int, int, str] | None:
    """The longest entity mention inside ``span``."""
    best = None
    for s, e, eid in facts.index.by_doc.get(facts.info.doc, ()):
        if span["start"] <= s and e <= span["end"] and (best is None or e - s > best[1] - best[0]):
            best = (s, e, eid)
    return best


def argument(
    facts: DocFacts, span: dict[str, Any] | None
) -> tuple[dict[str, Any], str, int] | None:
    """({"name", "entity"}, key, strength) of an actor or target span; None when
    it names nothing. Strength 2: an entity is the head ("Viktor Gulevich", or
    named right after a description); 1: an entity only qualifies the head
    ("Belarusian troops" is keyed entity + "troop", not the entity alone);
    0: plain words (keyed by their head)."""
    if not span or not span.get("text"):
        return None
    text = facts.read(int(span["start"]), int(span["end"]))
    head = _word_key(text)
    m = _mention_in(facts, span)
    if m is not None:
        name = facts.index.names.get(m[2], text)
        tail = facts.read(m[1], int(span["end"]))
        tail_key = _word_key(tail) if tail.strip() else None
        if tail_key is None:
            return {"name": name, "entity": m[2]}, m[2], 2
    eid = _appositive(facts, span)
    if eid:
        return {"name": facts.index.names.get(eid, text), "entity": eid}, eid, 2
    if m is not None and head:
        return {"name": text, "entity": None}, f"{m[2]}:{head}", 1
    return ({"name": text, "entity": None}, "w:" + head, 0) if head else None


def _best(facts: DocFacts, spans: list[dict[str, Any]]) -> tuple[dict[str, Any], str, int] | None:
    """The strongest argument among the spans (the first on a tie)."""
    args = [x for x in (argument(facts, s) for s in spans) if x]
    return max(args, key=lambda x: x[2]) if args else None


def _verb(trigger: dict[str, Any], lemma: str) -> str:
    """The trigger as written when it is a form of its lemma ("resigned"), else
    the lemma (a spun or translated word: "assistance" read as "help")."""
    text = str(trigger.get("text") or "")
    return text if text[:3].lower() == lemma[:3] else lemma


def event_statement(facts: DocFacts, ev: Event) -> Found | None:
    """An event as a claim statement, None when no actor names its subject."""
    subject = _best(facts, ev.actors)
    if subject is None:
        return None
    obj = _best(facts, ev.targets)
    lemma = str(ev.trigger.get("lemma") or ev.trigger.get("text") or "").lower()
    negated = ev.modality == "negated"
    verb = lemma if negated else _verb(ev.trigger, lemma)
    says = ("not " if negated else "") + verb
    if obj and obj[0]["name"].split()[-1].lower() not in says.lower():
        says += " " + obj[0]["name"]
    st = facts.statement(
        ev.start,
        ev.end,
        says,
        asserter=facts.asserter(int(ev.trigger.get("start", ev.start)), ev.reported_by),
        modality="asserted" if negated else ev.modality,
        polarity="negated" if negated else "affirmed",
        time=(ev.time or {}).get("value"),
        confidence=round(float(ev.confidence), 3),
        ref=f"{facts.info.doc}:{ev.id}",
    )
    return Found(
        statement=st,
        kind="event",
        subject=subject[0],
        subject_key=subject[1],
        predicate=f"{ev.type}:{canonical_lemma(lemma)}",
        object=obj[0] if obj else None,
        object_key=obj[1] if obj else None,
        event_group=facts.event_groups.get(f"{facts.info.doc}:{ev.id}"),
        context=facts.entities_between(ev.start, ev.end) - {subject[1]},
    )


def _enclosing_event(events: Sequence[Event], pos: int) -> Event | None:
    """The shortest event clause holding ``pos`` (its modality is the number's)."""
    best = None
    for ev in events:
        if ev.start <= pos < ev.end and (best is None or ev.end - ev.start < best.end - best.start):
            best = ev
    return best


def number_statement(facts: DocFacts, q: Quantity, events: Sequence[Event]) -> Found | None:
    """A figure with what it counts as a claim statement; None for a bare number."""
    counts = (q.counts or {}).get("text")
    if not counts or q.per is not None:
        return None
    if q.kind == "count" and (q.value or q.low or q.high or 0) < R.MIN_COUNT and not q.vague:
        return None
    key = _word_key(counts)
    iv = intervals(q)
    if key is None or iv is None:
        return None
    measure = facts.measures.get(q.start)
    ev = _enclosing_event(events, q.start)
    s, e = facts.info.sentence_at(q.start)
    negated = ev is not None and ev.modality == "negated"
    st = facts.statement(
        s,
        e,
        f"{q.text} {counts}",
        asserter=facts.asserter(q.start, ev.reported_by if ev else None),
        modality="asserted" if ev is None or negated else ev.modality,
        polarity="negated" if negated else "affirmed",
        time=(ev.time or {}).get("value") if ev else None,
        confidence=round(float(q.confidence), 3),
        ref=f"{facts.info.doc}:{q.start}-{q.end}",
    )
    value = {
        "value": q.value,
        "low": q.low,
        "high": q.high,
        "qualifier": q.qualifier,
        "unit": q.unit,
        "counts": counts,
        "vague": q.vague,
    }
    return Found(
        statement=st,
        kind="number",
        subject={"name": counts, "entity": None},
        subject_key="n:" + key,
        predicate=q.unit or q.kind,
        measure=measure,
        value=value,
        interval=iv[1],  # the newsroom reading: "at least 1,200" is not "nearly 3,000"
        context=facts.entities_between(s, e),
    )


def document_statements(a: DocumentAnalysis, facts: DocFacts) -> list[Found]:
    """Every event and number statement of one document (roles come per entity)."""
    out: list[Found] = []
    events = [ev for ev in a.outputs.get("events", []) if isinstance(ev, Event)]
    for ev in events:
        try:
            f = event_statement(facts, ev)
        except (AttributeError, KeyError, TypeError, ValueError):
            continue  # a malformed record costs only itself
        if f is not None:
            out.append(f)
    for q in a.outputs.get("quantities", []):
        if not isinstance(q, Quantity):
            continue
        try:
            f = number_statement(facts, q, events)
        except (AttributeError, KeyError, TypeError, ValueError):
            continue
        if f is not None:
            out.append(f)
    return out
