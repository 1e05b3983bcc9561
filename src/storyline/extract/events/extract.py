"""The ``events`` extractor: coded political events (PLOVER types) per document.

Only tokens whose lemma is a trigger word (``triggers.TRIGGER_IDS``, one set
lookup over the token array) are looked at; for each trigger found the roles
are read off the dependency tree (``syntax.py``) and reported as spans of the
original text through ``parsed.original_span``. A failure on one trigger
costs only that event.

Confidence is calibrated (``confidence.py``): the probability, fitted on the
PLOVER gold by cross-validation, that an event so found has the coded type;
below 0.5 is uncertain.
"""

from __future__ import annotations

import logging
from typing import Any

from spacy.attrs import LEMMA, LOWER

from storyline.extract.events.confidence import features, probability
from storyline.extract.events.lexicon import (
    ANY_OBJECT_TYPES,
    BELIEF_VERBS,
    COOPERATIVE,
    HOSTILE,
    NOUN_TARGET_PREPS,
    PLACE_ENTS,
    PREDICTING_VERBS,
    RECIPROCAL_TYPES,
    SELF_OBJECT_MODES,
    SELF_OBJECT_TYPES,
    TARGET_FROM_PLACE,
    Sense,
)
from storyline.extract.events.syntax import (
    according_to,
    in_dateline,
    intent_cue,
    is_actor_like,
    modality,
    owner_of,
    participant_ranges,
    place_of,
    place_range,
    purpose_of,
    reporter_of,
    stands_for,
    subject_of,
    subtree_range,
    targets_of,
)
from storyline.extract.events.triggers import TRIGGER_IDS, Trigger, find_triggers, lemma_of
from storyline.extract.registry import extractor
from storyline.model import Event, ParsedDocument
from storyline.nlp import ent_type

log = logging.getLogger(__name__)

#: Verbs of saying whose clause is a forecast or belief, not an announcement.
FORECAST_VERBS = PREDICTING_VERBS | BELIEF_VERBS
#: Entity labels of a place that can stand for its people or government.
TARGET_PLACE_ENTS = frozenset({"GPE", "LOC"})
#: Timex types that can date an event.
DATED = frozenset({"DATE", "TIME"})


class Spans:
    """Token ranges of the parse -> span dicts of the original text."""

    def __init__(self, parsed: ParsedDocument) -> None:
        self.parsed = parsed
        self.doc = parsed.doc

    def chars(self, first: int, last: int) -> tuple[int, int]:
        start = self.doc[first].idx
        end = self.doc[last].idx + len(self.doc[last].text)
        return self.parsed.original_span(start, end)

    def span(self, first: int, last: int, **extra: Any) -> dict[str, Any]:
        start, end = self.chars(first, last)
        return {"start": start, "end": end, "text": self.parsed.text[start:end], **extra}


@extractor(
    "events",
    version="7",
    output="events",
    section="events",
    needs=("timexes",),
    schema="events.schema.json",
)
def extract_events(parsed: ParsedDocument) -> list[Event]:
    """Events of one document, in text order, ids "e1", "e2", ..."""
    doc = parsed.doc
    if not len(doc):
        return []
    arr = doc.to_array([LEMMA, LOWER])
    candidates = [
        i for i in range(len(doc)) if arr[i, 0] in TRIGGER_IDS or arr[i, 1] in TRIGGER_IDS
    ]
    if not candidates:
        return []
    spans = Spans(parsed)
    timexes = [t for t in parsed.results.get("timexes") or [] if t.type in DATED]
    out: list[Event] = []
    for trigger in find_triggers(doc, candidates):
        try:
            event = build_event(trigger, spans, timexes, f"e{len(out) + 1}")
        except Exception:  # one bad tree costs one event, never the document
            log.debug("event at token %d failed", trigger.anchor.i, exc_info=True)
            continue
        if event is not None:
            out.append(event)
    return out


def build_event(t: Trigger, spans: Spans, timexes: list[Any], eid: str) -> Event | None:
    """The record of one trigger, or None when it has nothing to report."""
    anchor = t.anchor
    taken = set(t.parts) | set(range(t.first, t.last + 1))
    actor_head = t.actor if t.actor is not None else _actor(t)
    source = _source(t)
    if (
        _pronoun(actor_head)
        and source is not None
        and source.pos_ != "PRON"
        and stands_for(actor_head, source)
    ):
        actor_head = source  # "Syria says it is willing to ...": it = Syria
    if actor_head is not None and in_dateline(actor_head):
        actor_head = None  # "Vinnytsia, Ukraine – ...": where filed, not who acted
    targets = t.targets if t.targets is not None else _targets(t, taken)
    targets = [g for g in targets if not in_dateline(g)]
    if actor_head is not None:
        targets = [g for g in targets if g.i != actor_head.i]
    taken |= {g.i for g in targets}
    if actor_head is not None:
        taken.add(actor_head.i)
    place = place_of(anchor, taken) or (place_of(t.inner, taken) if t.inner is not None else None)
    if place is not None:
        targets = [g for g in targets if g.i != place.i]
    actors = [spans.span(a, b) for a, b in participant_ranges(actor_head)] if actor_head else []
    recips = [spans.span(a, b) for g in targets for a, b in participant_ranges(g)]
    # "By midnight, 1,200 had been evacuated", "Tuesday saw talks": a time is no party.
    actors = [x for x in actors if not _in_timex(x, timexes)]
    recips = [x for x in recips if not _in_timex(x, timexes)]
    if not recips and len(actors) > 1 and sense_type(t) in RECIPROCAL_TYPES:
        recips = [dict(a) for a in actors]  # "X and Y agreed": each the other's recipient
    if not recips and place is not None and _place_is_target(t, place):
        recips = [spans.span(*place_range(place))]  # "imposed a curfew in Haiti"
    sent = anchor.sent
    s_start, s_end = spans.chars(sent.start, sent.end - 1)
    text = spans.parsed.text
    while s_end > s_start and text[s_end - 1].isspace():
        s_end -= 1
    trig = spans.span(t.first, t.last, lemma=lemma_of(anchor))
    said_by = participant_ranges(source) if source is not None else []
    reported = spans.span(*said_by[0]) if said_by else None
    mod = modality(anchor) if t.inner is None or t.pattern.startswith("deontic") else _ctl(t)
    if t.nominal and anchor.dep_ in ("dobj", "nsubjpass") and anchor.head.pos_ == "VERB":
        mod = _stronger(mod, modality(anchor.head))
    sense, pattern = t.sense, t.pattern
    own_voice = source is None or (actor_head is not None and actor_head.i == source.i)
    # PLOVER: "all cooperative actions reported in future tense" are AGREE,
    # whoever reports them, unless the reporter only predicts or believes it.
    announced = mod == "predicted" and sense.type in COOPERATIVE and not _forecast(anchor)
    if (
        t.inner is None
        and not t.nominal
        and (own_voice or announced)
        and actor_head is not None
        and mod in ("predicted", "negated")
    ):
        recoded = intent_type(sense.type, mod) if intent_cue(anchor) else None
        if recoded is not None:
            pattern = f"intent:{sense.type}/{mod}<{pattern}"
            sense, mod = Sense(recoded, None), "asserted"
    conf = probability(features(pattern, bool(actors), bool(recips), mod, reported is not None))
    return Event(
        id=eid,
        type=sense.type,
        start=s_start,
        end=s_end,
        text=text[s_start:s_end],
        trigger=trig,
        actors=actors,
        targets=recips,
        place=spans.span(*place_range(place)) if place is not None else None,
        time=_time(anchor, spans, timexes),
        modality=mod,
        reported_by=reported,
        mode=sense.mode,
        confidence=round(conf, 3),
        pattern=pattern,
    )


def _in_timex(span: dict[str, Any], timexes: list[Any]) -> bool:
    return any(t.start <= span["start"] and span["end"] <= t.end for t in timexes)


def _place_is_target(t: Trigger, place: Any) -> bool:
    """CAMEO-style coding: with no party named, a hostile event's or a
    protest's target is the named place it happens in."""
    return t.sense.type in TARGET_FROM_PLACE and ent_type(place) in TARGET_PLACE_ENTS


def _pronoun(tok: Any) -> bool:
    return tok is not None and tok.pos_ == "PRON"


def sense_type(t: Trigger) -> str:
    return t.sense.type


def intent_type(typ: str, mod: str) -> str | None:
    """PLOVER's code for a stated intent: to do something cooperative is
    AGREE, something hostile THREATEN; a stated refusal of a cooperative act
    is REJECT, of a hostile one AGREE (None: keep the type)."""
    if mod == "predicted":
        if typ in COOPERATIVE:
            return "AGREE"
        return "THREATEN" if typ in HOSTILE or typ == "PROTEST" else None
    if typ in COOPERATIVE:
        return "REJECT"
    return "AGREE" if typ in HOSTILE else None


def _actor(t: Trigger) -> Any:
    anchor = t.anchor
    if t.sense.type in SELF_OBJECT_TYPES and not t.nominal:
        subj = subject_of(anchor)
        if subj is not None:
            return subj
        return next((c for c in anchor.children if c.dep_ == "nsubjpass"), None)
    if t.nominal:
        for c in anchor.children:
            if c.dep_ == "poss":
                return c
            if c.dep_ == "prep" and c.lower_ == "by":
                return next((g for g in c.children if g.dep_ == "pobj"), None)
        for c in anchor.children:
            if c.dep_ in ("amod", "compound") and ent_type(c) in ("NORP", "GPE", "ORG"):
                return c
        return None
    return subject_of(anchor)


def _targets(t: Trigger, taken: set[int]) -> list[Any]:
    anchor = t.anchor
    if t.nominal:
        return _noun_targets(t)
    if t.sense.type == "REQUEST":
        # "demanded that the US cancel ...": the addressee is the clause's subject
        for c in anchor.children:
            if c.dep_ == "ccomp":
                subj = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
                if subj and is_actor_like(subj[0]):
                    return subj[:1]
    moved: frozenset[int] = frozenset()
    if t.sense.type in SELF_OBJECT_TYPES or tuple(t.sense) in SELF_OBJECT_MODES:
        moved = frozenset(c.i for c in anchor.children if c.dep_ in ("dobj", "nsubjpass"))
    any_object = t.sense.type in ANY_OBJECT_TYPES
    found = targets_of(anchor, taken, any_object, moved)
    if not found and t.inner is not None:
        found = targets_of(t.inner, taken, any_object)
    if not found and t.sense.type == "PROTEST":
        purpose = purpose_of(anchor)
        if purpose is not None:
            found = targets_of(purpose, taken)
    return found


def _noun_targets(t: Trigger) -> list[Any]:
    """The target of an event noun: the object of "on/against/with/at/to/
    between" (or the party inside it: "protests against X's decision"); of
    a demand, the subject of its clause ("demands that Y grant ...")."""
    anchor = t.anchor
    for c in anchor.children:
        if c.dep_ == "prep" and c.lower_ in NOUN_TARGET_PREPS:
            for g in c.children:
                if g.dep_ != "pobj":
                    continue
                if is_actor_like(g, as_object=True) or ent_type(g) in PLACE_ENTS:
                    return [g]
                inside = owner_of(g)
                return [inside if inside is not None else g]
    if t.sense.type == "REQUEST":
        for c in anchor.children:
            if c.dep_ in ("acl", "ccomp", "relcl"):
                subj = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
                if subj and is_actor_like(subj[0]):
                    return subj[:1]
    return []


def _ctl(t: Trigger) -> str:
    """A controller event's modality: its own verb's ("did not agree",
    "will refuse"); an intent adjective reads its copula's."""
    return modality(t.anchor)


_ORDER = ("asserted", "predicted", "hedged", "negated")


def _stronger(a: str, b: str) -> str:
    return a if _ORDER.index(a) >= _ORDER.index(b) else b


def _forecast(anchor: Any) -> bool:
    """Whether the verb of saying above the trigger predicts or believes
    rather than reports ("experts expect Y will ...")."""
    report = reporter_of(anchor)
    return report is not None and report.lemma_.lower() in FORECAST_VERBS


def _source(t: Trigger) -> Any:
    """Who the document gives the event on the word of: the subject of the
    verb of saying above it, or the "according to" source of the sentence."""
    if t.pattern.startswith("deontic"):
        return None
    report = reporter_of(t.anchor)
    source = subject_of(report) if report is not None else None
    if source is None:
        source = according_to(t.anchor.sent)
    return source


def _time(anchor: Any, spans: Spans, timexes: list[Any]) -> dict[str, Any] | None:
    """The timex inside the trigger's clause nearest to the trigger."""
    if not timexes:
        return None
    first, last = subtree_range(anchor)
    lo, hi = spans.chars(first, last)
    at = spans.chars(anchor.i, anchor.i)[0]
    inside = [x for x in timexes if lo <= x.start and x.end <= hi]
    if not inside:
        return None
    best = min(inside, key=lambda x: abs(x.start - at))
    return {"start": best.start, "end": best.end, "text": best.text, "value": best.value}
