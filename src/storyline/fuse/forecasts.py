"""The forecast ledger: predictions with a deadline, and their status in later reports.

A forecast is a clause with a modal or future cue ("could fail", "would be
drawn down", "may be drawn into") that names a time on or after the day it
was made, or a predicted/hedged event of the ``events`` extractor. Copies of
one forecast (the same lineage, or the same deadline and wording) are one
ledger row. Its status is then read from documents dated after it
(``storyline.fuse.forecasts_status``). Linear in the number of sentences
per document; copies are looked for only among forecasts of the same
lineage or deadline day, and the status step reads only the later
sentences sharing a stem with the forecast's subject (an inverted index,
``forecasts_status.SentenceIndex``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.fuse.forecasts_rules import (
    AUXILIARIES,
    CLAUSE_CLOSERS,
    CLAUSE_OPENERS,
    COMPLEMENT,
    CONDITIONAL,
    CUE_PATTERN,
    DEADLINE_PREPS,
    FILLER,
    FORECAST_CUES,
    HORIZON_PREPS,
    LIKELIHOOD,
    MIN_WORDS,
    OPEN_MODALITIES,
    REPORT_TAIL,
    RETROSPECTIVE,
    SAME_FORECAST_JACCARD,
    SAME_LINEAGE_JACCARD,
    TELL_AUDIENCE,
    TELL_LEAD,
    THAT_LEAD,
    WEEKDAYS,
)
from storyline.fuse.forecasts_status import SentenceIndex, known_until, set_status, stems
from storyline.fuse.sources import lineage_of
from storyline.fuse.timeline import day_of, published_day
from storyline.fuse.timeline_text import content_words, words_of
from storyline.model import DocumentAnalysis, EventGroup, Forecast, Lineage, Span, Timex

NAMED = re.compile(r"(?<![\w'’])[A-Z][\w'’-]+")
DURATION = re.compile(r"^P(\d+)([DWMY])$")
UNIT_DAYS = {"D": 1, "W": 7, "M": 30, "Y": 365}


@dataclass
class Candidate:
    """One forecast clause of one document, before copies are merged."""

    doc: str
    start: int
    end: int
    text: str
    modality: str
    subject: list[str]  # stems of the words before the cue
    words: frozenset[str]  # content-word stems of the clause
    made: str | None
    deadline: str | None = None
    horizon: dict[str, Any] | None = None
    inferred: bool = False
    claim: str = ""
    who: dict[str, Any] | None = None
    who_name: str | None = None
    lineage: str = ""
    events: list[str] = field(default_factory=list)
    act: str | None = None  # the predicted act when no cue verb names it
    made_bound: bool = False  # ``made`` is an "on or after" bound


def clause_bounds(text: str, cue_start: int) -> tuple[int, int]:
    """The forecast clause around a cue: from the last opener before it to the
    first closer after it (offsets into ``text``, trailing punctuation dropped)."""
    start = 0
    for m in CLAUSE_OPENERS.finditer(text, 0, cue_start):
        start = m.end()
    close = CLAUSE_CLOSERS.search(text, cue_start)
    end = close.start() if close else len(text)
    while end > start and text[end - 1] in " ,.;:!\n\t":
        end -= 1
    return start, end


def frame_trimmed(
    text: str, lo: int, hi: int, cue: int, mentions: Sequence[Any], base: int = 0
) -> tuple[int, int]:
    """The clause ``text[lo:hi]`` without its reporting frame: "told Al
    Jazeera" (or "told reporters that") before it and ", he added" after it
    name the source and the channel, not what is forecast. ``text`` may be the
    sentence's masked reading (spun words repaired in place, offsets kept)
    starting at document offset ``base``; ``mentions`` are the document's.
    Never past the cue."""
    lead = TELL_LEAD.match(text, lo, cue)
    if lead is not None:
        at = lead.end()
        heard = next(
            (m.end - base for m in mentions if m.start == base + at and m.end - base < cue), None
        )
        if heard is None and (aud := TELL_AUDIENCE.match(text, at, cue)) is not None:
            heard = aud.end()
        if heard is not None:
            while heard < cue and text[heard].isspace():
                heard += 1
            that = THAT_LEAD.match(text, heard, cue)
            lo = that.end() if that is not None else heard
    tail = REPORT_TAIL.search(text, cue, hi)
    if tail is not None and tail.end() == hi:
        hi = tail.start()
    return lo, hi


def next_weekday(day: str, name: str, not_before: str) -> str:
    """The first ``name`` weekday on or after ``not_before`` ("could fail by Friday")."""
    base = dt.date.fromisoformat(not_before)
    shift = (WEEKDAYS.index(name) - base.weekday()) % 7
    return (base + dt.timedelta(days=shift)).isoformat() if day < not_before or not day else day


def week_end(value: str) -> str | None:
    """The last day of an ISO week value (``2025-W17``), the deadline "by next week" names."""
    m = re.match(r"^(\d{4})-W(\d{2})", value)
    if not m:
        return None
    try:
        return dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 7).isoformat()
    except ValueError:
        return None


def deadline_of(
    text: str, offset: int, timexes: Sequence[Timex], made: str | None, anchor: str | None
) -> tuple[str | None, dict[str, Any] | None, bool]:
    """(deadline value, horizon span, inferred?) from the clause's time expressions."""
    for i, t in enumerate(timexes):
        before = text[max(0, t.start - offset - 16) : t.start - offset].lower().rstrip()
        value, inferred = t.value, False
        if t.type == "DURATION":
            m = DURATION.match(value or "")
            if m is None or made is None or not before.endswith(HORIZON_PREPS):
                continue
            days = int(m.group(1)) * UNIT_DAYS[m.group(2)]
            value = (dt.date.fromisoformat(made) + dt.timedelta(days=days)).isoformat()
        elif t.type not in ("DATE", "TIME"):
            continue
        weekday = next((w for w in WEEKDAYS if w in t.text.lower()), None)
        base = anchor or made
        if weekday and base:
            day = day_of(value) or ""
            fixed = next_weekday(day, weekday, base)
            inferred = fixed != day or made is None
            value = fixed + (value[10:] if value and day == fixed else "")
        if value and value.startswith(tuple("0123456789")) and "-W" in value:
            value = week_end(value)
        if (
            (not value or not value[:4].isdigit())
            and made is None
            and before.endswith(DEADLINE_PREPS)
        ):
            return None, {"start": t.start, "end": t.end, "text": ""}, True  # an undated document
        if not value or not value[:4].isdigit():
            continue
        end = t.end
        nxt = timexes[i + 1] if i + 1 < len(timexes) else None
        if nxt is not None and nxt.type == "TIME" and 0 <= nxt.start - t.end <= 5:
            clock = re.search(r"T\d{2}:\d{2}", nxt.value or "")
            if clock and len(value) == 10:
                value += clock.group(0)
            end = nxt.end
        if made is not None and value[:10] < made[: len(value[:10])]:
            continue  # a time before the forecast was made: the clause is about the past
        if not before.endswith(DEADLINE_PREPS) and t.type != "DURATION":
            inferred = True
        span_start = t.start
        return value, {"start": span_start, "end": end, "text": ""}, inferred
    return None, None, False


def _who(a: DocumentAnalysis, start: int, end: int) -> tuple[dict[str, Any] | None, str | None]:
    """The source of the clause: a reporting phrase of an event in it, the speaker
    of a quote covering it, else the outlet (no span)."""
    spun = {(s.start, s.end) for s in a.spans if s.kind == "spun"}
    for ev in a.outputs.get("events") or []:
        if ev.start <= start < ev.end and ev.reported_by and ev.reported_by.get("text"):
            rb = ev.reported_by
            # a pronoun names nobody, nor does a spun word ("helium" for "he")
            if len(str(rb["text"])) > 3 and (rb.get("start"), rb.get("end")) not in spun:
                return {
                    "doc": a.doc_id,
                    "start": rb["start"],
                    "end": rb["end"],
                    "text": rb["text"],
                }, rb["text"]
    for q in a.outputs.get("quotes") or []:
        sp = q.speaker or {}
        if q.start <= start and end <= q.end + 2 and sp.get("text"):
            span = sp.get("antecedent") if isinstance(sp.get("antecedent"), dict) else sp
            if span and span.get("start") is not None:
                text = a.text[span["start"] : span["end"]]
                return {
                    "doc": a.doc_id,
                    "start": span["start"],
                    "end": span["end"],
                    "text": text,
                }, text
    return None, a.metadata.value("outlet")


def _claim(a: DocumentAnalysis, start: int, end: int, text: str) -> tuple[str, list[str]]:
    """Plain words for the claim: its event's actor — type — target, else the clause."""
    for ev in a.outputs.get("events") or []:
        if start <= ev.trigger.get("start", -1) < end and ev.modality in ("predicted", "hedged"):
            actor = next((s["text"] for s in ev.actors if s.get("text")), None)
            target = next((s["text"] for s in ev.targets if s.get("text")), None)
            label = " — ".join(x for x in (actor, ev.type, target) if x)
            return label, [f"{a.doc_id}:{ev.id}"]
    return text, []


def named(text: str) -> re.Match[str] | None:
    """The first capitalised word that is no function word ("The" opens a
    sentence; "Ruritania" names an actor)."""
    return next((m for m in NAMED.finditer(text) if content_words([m.group(0).lower()])), None)


def judgement(masked: str) -> tuple[re.Match[str], str | None, list[str]] | None:
    """A likelihood judgement in a sentence ("the possibility that Belarus joins
    is high", "there is a strong likelihood that ..."): its match, the act its
    complement names (the first content word after a capitalised actor; None
    for a bare judgement, "the likelihood is high", which judges the forecast
    of the sentence before) and the stems of the words naming the actor. A
    complement that names no actor gives None."""
    m = LIKELIHOOD.search(masked)
    if m is None:
        return None
    c = COMPLEMENT.search(masked, m.start())
    if c is None or c.start() > m.end() + 1:
        return m, None, []
    hi = m.end() if c.end() < m.end() else len(masked)
    close = CLAUSE_CLOSERS.search(masked, c.end(), hi)
    comp = masked[c.end() : close.start() if close else hi]
    actor = named(comp)
    if actor is None:  # "the risk of flooding is high": no named actor's act,
        return None  # and no judgement of the sentence before either
    rest = content_words(words_of(comp[actor.end() :]))
    act = next((w for w in rest if w not in FILLER and w not in AUXILIARIES), None)
    upto = comp[: actor.end()] + " " + " ".join(rest[: rest.index(act)] if act else [])
    return m, act, stems(content_words(words_of(upto)))


def document_forecasts(a: DocumentAnalysis, lineage: str) -> list[Candidate]:
    """Every forecast clause of one document. A document dated only by a bound
    ("on or after") takes the bound as the day its forecasts were made."""
    made = published_day(a)
    ev = a.metadata.published
    bound = day_of(ev.value) if ev is not None and ev.lower_bound else None
    made_bound = made is None and bound is not None
    made = made or bound
    timexes = sorted(a.timexes, key=lambda t: t.start)
    t_starts = [t.start for t in timexes]
    boiler = [(s.start, s.end) for s in a.spans if s.kind == "boilerplate"]
    spun = sorted((s for s in a.spans if s.kind == "spun"), key=lambda s: s.start)
    masks: list[str | None] = []
    for s in a.sentences:
        text = a.text[s.start : s.end]
        skip = text.rstrip().endswith("?") or len(text.split()) < MIN_WORDS
        if skip or any(b0 <= s.start and s.end <= b1 for b0, b1 in boiler):
            masks.append(None)
            continue
        chars = repaired(list(text), s.start, spun)
        for t in timexes[
            bisect.bisect_left(t_starts, s.start) : bisect.bisect_left(t_starts, s.end)
        ]:
            chars[max(0, t.start - s.start) : t.end - s.start] = " " * (
                min(t.end, s.end) - max(t.start, s.start)
            )  # "May 2" is no modal
        masks.append("".join(chars))
    judged = [judgement(m) if m is not None else None for m in masks]
    out: list[Candidate] = []
    for i, s in enumerate(a.sentences):
        masked = masks[i]
        text = a.text[s.start : s.end]
        if masked is None or RETROSPECTIVE.search(text):
            continue
        inside = timexes[
            bisect.bisect_left(t_starts, s.start) : bisect.bisect_left(t_starts, s.end)
        ]
        here = judged[i]
        nxt = judged[i + 1] if i + 1 < len(judged) else None
        bare_next = a.sentences[i + 1] if nxt is not None and nxt[1] is None else None
        cues = [
            (m.start(), FORECAST_CUES[m.group(1).lower()], None)
            for m in CUE_PATTERN.finditer(masked)
        ]
        if here is not None and here[1] is not None:
            cues.append((here[0].start(), "hedged", here))
        for at, modality, judge in cues:
            c0, c1 = clause_bounds(text, at)
            framed = (s.start + c0, s.start + c1)  # with its frame: the source is found there
            c0, c1 = frame_trimmed(masked, c0, c1, at, a.mentions, s.start)
            lo, hi = s.start + c0, s.start + c1
            in_clause = [
                t for t in inside if lo <= t.start and t.end <= hi and t.start > s.start + at
            ]
            # "on April 1 the service said it could fail by Friday": Friday after April 1
            said_on = [d for t in inside if t.start < s.start + at and (d := day_of(t.value))]
            anchor = min(said_on) if said_on and made and min(said_on) < made else bound
            deadline, horizon, inferred = deadline_of(a.text, 0, in_clause, made, anchor)
            # "Ruritania is likely to join": a likelihood with a named actor's act
            judged_act = (
                judge is not None
                or (here is not None and here[1] is not None)
                or (modality_word(masked, at) == "likely to" and named(masked[c0:at]) is not None)
            )
            if horizon is not None:
                horizon["text"] = a.text[horizon["start"] : horizon["end"]]
                horizon["doc"] = a.doc_id
            elif (
                made is None
                or CONDITIONAL.search(text)
                or not (judged_act or bare_next or open_ended(a, lo, hi, s.start + at))
            ):
                continue  # no deadline: needs its day and a named actor's act
            who, who_name = _who(a, *framed)
            if bare_next is not None and nxt is not None:  # "... may join the fray." "The
                hi = bare_next.end  # likelihood is high," he said: one forecast, its judge
                while hi > lo and a.text[hi - 1] in " ,.;:!\n\t":
                    hi -= 1
                if who is None:
                    j0, j1 = bare_next.start + nxt[0].start(), bare_next.start + nxt[0].end()
                    who, who_name = _who(a, j0, j1)
            bare = masked[c0:c1]  # time words say when, not what
            words = frozenset(stems([w for w in content_words(words_of(bare)) if w not in FILLER]))
            subject = judge[2] if judge else stems(content_words(words_of(masked[c0:at])))
            clause = a.text[lo:hi]
            claim, events = _claim(a, lo, hi, clause)
            out.append(
                Candidate(
                    *(a.doc_id, lo, hi, clause, modality, subject, words, made, deadline),
                    *(horizon, inferred or made_bound, claim, who, who_name, lineage, events),
                    act=judge[1] if judge else None,
                    made_bound=made_bound,
                )
            )
            break  # one forecast per sentence: its first dated cue
    return out


def modality_word(masked: str, at: int) -> str:
    """The cue at ``at`` as written, lower case ("likely to")."""
    m = CUE_PATTERN.match(masked, at)
    return m.group(1).lower() if m else ""


def repaired(chars: list[str], offset: int, spun: Sequence[Span]) -> list[str]:
    """The sentence's characters with each spun word replaced by its repair when
    the repair fits in its place ("whitethorn" -> "may" plus spaces): cues and
    words are then found as written before spinning; offsets do not move."""
    for sp in spun:
        a, b = sp.start - offset, sp.end - offset
        rep = sp.attrs.get("original")
        if a >= 0 and b <= len(chars) and isinstance(rep, str) and 0 < len(rep) <= b - a:
            chars[a:b] = list(rep.ljust(b - a))
    return chars


def open_ended(a: DocumentAnalysis, lo: int, hi: int, cue: int) -> bool:
    """A clause without a deadline is a forecast when the events extractor found a
    predicted or hedged event of a named actor (a capitalised name or group) in it
    after the cue ("Belarus may join the fray"): a bare "could" or "would" in
    passing ("nobody would be left") is not one."""
    for ev in a.outputs.get("events") or []:
        at = ev.trigger.get("start", -1)
        if (
            cue < at < hi
            and lo <= at
            and ev.modality in OPEN_MODALITIES
            and any(str(x.get("text") or "")[:1].isupper() for x in ev.actors)
        ):
            return True
    return False


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / (len(a | b) or 1)


def same_forecast(x: Candidate, y: Candidate) -> bool:
    """Copies (one lineage, much the same words) or one forecast twice (same deadline day)."""
    sim = _jaccard(x.words, y.words)
    if x.lineage == y.lineage and x.doc != y.doc and sim >= SAME_LINEAGE_JACCARD:
        return True
    same_day = bool(x.deadline and y.deadline and x.deadline[:10] == y.deadline[:10])
    if same_day and x.doc == y.doc and set(x.subject) & set(y.subject):
        return True
    return same_day and sim >= SAME_FORECAST_JACCARD


def group_candidates(cands: Sequence[Candidate]) -> list[list[Candidate]]:
    """Each candidate joins the first group holding a copy of it (``same_forecast``),
    else starts one. Only groups sharing its lineage or its deadline day can
    hold a copy, so those are the only ones looked at (an index, not a scan)."""
    groups: list[list[Candidate]] = []
    by_lineage: dict[str, set[int]] = defaultdict(set)
    by_day: dict[str, set[int]] = defaultdict(set)
    for c in cands:
        day = c.deadline[:10] if c.deadline else None
        near = by_lineage.get(c.lineage, set()) | (by_day.get(day, set()) if day else set())
        home = next((g for g in sorted(near) if any(same_forecast(c, o) for o in groups[g])), None)
        if home is None:
            home = len(groups)
            groups.append([c])
        else:
            groups[home].append(c)
        by_lineage[c.lineage].add(home)
        if day:
            by_day[day].add(home)
    return groups


def _primary(group: list[Candidate]) -> Candidate:
    """The earliest dated statement, the one with a clock time before a bare day."""
    return min(
        group, key=lambda c: (c.made is None, c.made or "", -len(c.deadline or ""), c.doc, c.start)
    )


def _span(c: Candidate) -> dict[str, Any]:
    return {"doc": c.doc, "start": c.start, "end": c.end, "text": c.text}


def make_forecast(group: list[Candidate], groups_of: dict[str, str]) -> Forecast:
    p = _primary(group)
    ids = sorted(f"{c.doc}:{c.start}" for c in group)
    return Forecast(
        id="fc" + hashlib.sha1("|".join(ids).encode()).hexdigest()[:10],
        statement=_span(p),
        claim=p.claim,
        modality=p.modality,
        status="unknown",
        reason="",
        who=p.who or next((c.who for c in group if c.who), None),
        who_name=p.who_name,
        made=p.made,
        made_bound=p.made_bound,
        deadline=p.deadline,
        horizon=p.horizon["text"] if p.horizon else None,
        copies=[_span(c) for c in group if c is not p],
        docs=list(dict.fromkeys(c.doc for c in group)),
        event_groups=sorted({groups_of[e] for c in group for e in c.events if e in groups_of}),
    )


def build_forecasts(
    analyses: Sequence[DocumentAnalysis],
    lineages: Sequence[Lineage],
    groups: Sequence[EventGroup] = (),
) -> list[Forecast]:
    """The ledger: every forecast of the corpus with its status; a failing document
    or forecast costs only itself."""
    lin = lineage_of(lineages)
    cands: list[Candidate] = []
    for a in analyses:
        try:
            cands.extend(document_forecasts(a, lin[a.doc_id].id if a.doc_id in lin else a.doc_id))
        except Exception as exc:  # noqa: BLE001 - one bad analysis must not cost the run
            a.errors.append(f"forecasts: {type(exc).__name__}: {exc}")
    groups_of = {e: g.id for g in groups for e in g.events}
    until = known_until(analyses)
    index = SentenceIndex(analyses, lin) if cands else None
    out: list[Forecast] = []
    for group in group_candidates(cands):
        fc = make_forecast(group, groups_of)
        try:
            set_status(fc, group, analyses, lin, until, index)
        except Exception as exc:  # noqa: BLE001 - one forecast's status must not cost the rest
            fc.status, fc.reason = (
                "unknown",
                f"Its status could not be read ({type(exc).__name__}).",
            )
        out.append(fc)
    out.sort(key=lambda f: (f.deadline or "9999", f.made or "", f.id))
    return out
