"""Disagreements between sources (the dossier's ``conflicts``).

``find_conflicts(analyses, fused)`` runs four finders and numbers their
results: figures that cannot both be true (``conflicts_numbers``), a person
reported to have left office and later in office (``conflicts_status``), an
event one source reports and another denies, and a headline its own body
does not support (``storyline.fuse.stance``). Copies of one original are one
source and never disagree; every side is a span of its document. A finder
that fails costs only its own conflicts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from storyline.fuse import conflicts_rules as R
from storyline.fuse.conflicts_context import DocInfo, doc_infos
from storyline.fuse.conflicts_numbers import number_conflicts
from storyline.fuse.conflicts_status import status_conflicts
from storyline.fuse.stance import stance
from storyline.model import Conflict, DocumentAnalysis, Event, Fused

log = logging.getLogger(__name__)


def _entity_index(fused: Fused) -> dict[str, list[tuple[int, int, str]]]:
    """doc id -> (start, end, entity id) of every entity mention there."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    for ent in fused.entities:
        for m in ent.mentions:
            out.setdefault(m.doc, []).append((m.start, m.end, ent.id))
    return out


def _actor_entities(ev: Event, mentions: list[tuple[int, int, str]]) -> frozenset[str]:
    ids: set[str] = set()
    for actor in ev.actors:
        s, e = actor.get("start", -1), actor.get("end", -1)
        ids.update(eid for ms, me, eid in mentions if ms < e and s < me)
    return frozenset(ids)


def denied_events(
    analyses: Sequence[DocumentAnalysis], fused: Fused, infos: dict[str, DocInfo]
) -> list[Conflict]:
    """An event asserted by one source and denied by another: same type, same
    trigger word, a shared actor entity, other copy lineages."""
    index = _entity_index(fused)
    asserted: dict[tuple[str, str], list[tuple[DocInfo, Event, frozenset[str]]]] = {}
    negated: list[tuple[DocInfo, Event, frozenset[str]]] = []
    for a in analyses:
        info = infos[a.doc_id]
        for ev in a.outputs.get("events", []):
            if not isinstance(ev, Event) or ev.modality not in ("asserted", "negated"):
                continue
            actors = _actor_entities(ev, index.get(a.doc_id, []))
            if not actors:
                continue
            row = (info, ev, actors)
            if ev.modality == "negated":
                negated.append(row)
            else:
                key = (ev.type, str(ev.trigger.get("lemma") or "").lower())
                asserted.setdefault(key, []).append(row)
    out: list[Conflict] = []
    seen: set[tuple[str, str]] = set()
    for info, ev, actors in negated:
        key = (ev.type, str(ev.trigger.get("lemma") or "").lower())
        for o_info, o_ev, o_actors in asserted.get(key, []):
            pair = (o_info.lineage, info.lineage)
            if o_info.lineage == info.lineage or not actors & o_actors or pair in seen:
                continue
            seen.add(pair)
            conf = R.CONF_EVENT_DENIED
            out.append(
                Conflict(
                    id="",
                    kind="event denied",
                    about=f"{ev.type.lower()}: {ev.trigger.get('lemma')}",
                    explanation=(
                        f"{o_info.named()} reports it ({o_ev.trigger.get('text')!r}); "
                        f"{info.named()} says it did not happen ({ev.trigger.get('text')!r})."
                    ),
                    sides=[
                        o_info.side(o_ev.start, o_ev.end, "reports the event"),
                        info.side(ev.start, ev.end, "denies the event"),
                    ],
                    confidence=conf,
                    low_confidence=conf < R.LOW_CONFIDENCE,
                )
            )
    return out


def headline_conflicts(
    analyses: Sequence[DocumentAnalysis], infos: dict[str, DocInfo]
) -> list[Conflict]:
    """A document whose body disagrees with its own headline (stance 'disagree')."""
    out: list[Conflict] = []
    for a in analyses:
        title = a.metadata.title
        if title is None or title.start is None or title.end is None or not title.value:
            continue
        info = infos[a.doc_id]
        body_start = title.end
        result = stance(a.text[title.start : title.end], a.text[body_start:])
        p = result.probabilities.get("disagree", 0.0)
        if result.label != "disagree" or p < R.HEADLINE_MIN_DISAGREE or not result.evidence:
            continue
        es, ee = result.evidence[0]
        out.append(
            Conflict(
                id="",
                kind="headline",
                about=f"the headline of {info.name}",
                explanation=(
                    f"The body of {info.named()} does not support its own headline: "
                    "the passage quoted contradicts it (an automatic stance reading: "
                    "check it)."
                ),
                sides=[
                    info.side(title.start, title.end, "headline"),
                    info.side(body_start + es, body_start + ee, "body"),
                ],
                confidence=round(min(p, R.CONF_HEADLINE_CAP), 3),
                low_confidence=True,
            )
        )
    return out


def find_conflicts(analyses: Sequence[DocumentAnalysis], fused: Fused) -> list[Conflict]:
    """Every disagreement found, ids ``cf1``, ``cf2``, … in a stable order."""
    infos = doc_infos(analyses, fused.lineages)
    finders: list[tuple[str, Callable[[], list[Conflict]]]] = [
        ("numbers", lambda: number_conflicts(analyses, infos, _entity_index(fused))),
        ("status", lambda: status_conflicts(analyses, fused, infos)),
        ("event denied", lambda: denied_events(analyses, fused, infos)),
        ("headline", lambda: headline_conflicts(analyses, infos)),
    ]
    out: list[Conflict] = []
    for name, finder in finders:
        try:
            out.extend(finder())
        except Exception:  # one finder's failure costs only its own conflicts
            log.exception("conflict finder %s failed", name)
    for i, c in enumerate(out, 1):
        c.id = f"cf{i}"
    return out
