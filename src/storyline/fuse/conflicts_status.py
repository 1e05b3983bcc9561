"""A role or status contradicted: reported to have left office, later in office.

One source says a person resigned, was dismissed or is a "former" holder
(``conflicts_rules.LEFT_OFFICE`` near a mention of the entity, not in a
denial or a rumour; or a role titled "former ..."); another source, of
another copy lineage, dated the same day or later, quotes the person or
titles them in office. A source dated before the report says nothing about
it (the person was in office then), so it is never a side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storyline.fuse import conflicts_rules as R
from storyline.fuse.conflicts_context import DocInfo
from storyline.model import Conflict, DocumentAnalysis, Entity, Fused, Quote


@dataclass(frozen=True)
class Claim:
    """One statement about a person's office, as a span of one document."""

    info: DocInfo
    start: int
    end: int
    says: str
    quoted: bool = False  # the person is quoted speaking (strongest in-office evidence)


def _left_office(ent: Entity, infos: dict[str, DocInfo]) -> list[Claim]:
    """Statements that the person left office, one per document (first found)."""
    out: dict[str, Claim] = {}
    for m in ent.mentions:
        info = infos.get(m.doc)
        if info is None or m.doc in out:
            continue
        s, e = info.sentence_at(m.start)
        for cue in R.LEFT_OFFICE.finditer(info.text, s, e):
            if (
                abs(cue.start() - m.end) > R.LEFT_OFFICE_WINDOW
                and abs(m.start - cue.end()) > R.LEFT_OFFICE_WINDOW
            ):
                continue
            before = max(s, min(m.end, cue.start() - R.NOT_A_REPORT_BEFORE))
            if R.NOT_A_REPORT.search(info.text, before, cue.end()):
                continue
            if R.DENIED_AFTER.search(info.text, cue.end(), e):
                continue
            out[m.doc] = Claim(info, s, e, f"{ent.name} {cue.group(0).lower()}")
            break
    for role in ent.roles:
        info = infos.get(str(role.get("doc")))
        if role.get("relation") != "role" or info is None or info.doc in out:
            continue
        if R.FORMER_TITLE.search(str(role.get("text") or "")):
            out[info.doc] = Claim(
                info, role["start"], role["end"], f"{ent.name} is a former {role.get('title')}"
            )
    return list(out.values())


def _in_office(
    ent: Entity, quotes: dict[str, list[Quote]], infos: dict[str, DocInfo]
) -> list[Claim]:
    """Statements that show the person in office: quoted, or titled without 'former'."""
    out: list[Claim] = []
    titles = {
        str(r.get("doc")): str(r.get("title"))
        for r in reversed(ent.roles)
        if r.get("relation") == "role" and not R.FORMER_TITLE.search(str(r.get("text") or ""))
    }
    for doc, qs in quotes.items():
        info = infos.get(doc)
        if info is not None and qs:
            q = qs[0]
            title = f" as {titles[doc]}" if doc in titles else ""
            says = f"quotes {ent.name} in office{title}"
            out.append(Claim(info, q.start, q.end, says, quoted=True))
    for role in ent.roles:
        info = infos.get(str(role.get("doc")))
        if role.get("relation") != "role" or info is None:
            continue
        if R.FORMER_TITLE.search(str(role.get("text") or "")):
            continue
        out.append(
            Claim(info, role["start"], role["end"], f"titles {ent.name} {role.get('title')}")
        )
    return out


def _speaker_quotes(
    analyses: Sequence[DocumentAnalysis], fused: Fused
) -> dict[str, dict[str, list[Quote]]]:
    """entity id -> doc id -> quotes it speaks there."""
    out: dict[str, dict[str, list[Quote]]] = {}
    for a in analyses:
        for q in a.outputs.get("quotes", []):
            ent = fused.speaker_entities.get(f"{a.doc_id}:{getattr(q, 'id', '')}")
            if ent and isinstance(q, Quote):
                out.setdefault(ent, {}).setdefault(a.doc_id, []).append(q)
    return out


def _confidence(left: Claim, side: Claim) -> float:
    if left.info.date is None or side.info.date is None:
        return R.CONF_STATUS_UNDATED
    return R.CONF_STATUS_QUOTED if side.quoted else R.CONF_STATUS_TITLED


def status_conflicts(
    analyses: Sequence[DocumentAnalysis], fused: Fused, infos: dict[str, DocInfo]
) -> list[Conflict]:
    """One conflict per person and report of leaving office that later sources contradict."""
    quotes = _speaker_quotes(analyses, fused)
    out: list[Conflict] = []
    for ent in fused.entities:
        if ent.type != "PERSON":
            continue
        lefts = _left_office(ent, infos)
        if not lefts:
            continue
        ins = _in_office(ent, quotes.get(ent.id, {}), infos)
        for left in lefts:
            best: dict[str, Claim] = {}  # lineage -> best in-office claim
            for c in ins:
                if c.info.lineage == left.info.lineage:
                    continue
                if left.info.date and c.info.date and c.info.date < left.info.date:
                    continue
                old = best.get(c.info.lineage)
                if old is None or _confidence(left, c) > _confidence(left, old):
                    best[c.info.lineage] = c
            if not best:
                continue
            sides = sorted(best.values(), key=lambda c: (c.info.date or "9999", c.info.doc))
            conf = max(_confidence(left, c) for c in sides)
            first = sides[0]
            out.append(
                Conflict(
                    id="",
                    kind="status",
                    about=f"{ent.name}'s office",
                    explanation=(
                        f"{left.info.named()} reports that {left.says}; "
                        f"{first.info.named()} {first.says}"
                        + (f", as do {len(sides) - 1} other source(s)" if len(sides) > 1 else "")
                        + "."
                    ),
                    sides=[left.info.side(left.start, left.end, left.says)]
                    + [c.info.side(c.start, c.end, c.says) for c in sides],
                    confidence=conf,
                    low_confidence=conf < R.LOW_CONFIDENCE,
                )
            )
    return out
