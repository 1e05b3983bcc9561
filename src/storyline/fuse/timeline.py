"""The timeline: dated events and statements across documents, best dates first.

A date-wise method in the manner of DATEWISE (Ghalandari & Ifrim 2020,
"Examining the state-of-the-art in news timeline summarization"):

1. **Date every sentence.** A usable sentence (``timeline_text.usable``)
   that contains a day-precision timex is a candidate for that day (weight
   1); one of an article's first ``LEAD_SENTENCES`` usable sentences that
   names no date at all is a candidate for the article's publication day
   (weight ``PUB_WEIGHT``): news leads report what happened that day.
2. **Rank dates** by how often they are *referred to*: sentences of later
   articles naming the date count most, then same-day ones, articles
   published that day and the independent sources (copy lineages) involved
   (``DATE_WEIGHTS``, log-scaled counts).
3. **Rank sentences** within a date by TF-IDF cosine to the date's centroid,
   after merging copies (near-identical wording) into one item that keeps
   every source.
4. **Modality.** A date named only by articles published before it is a
   forecast ("predicted"); otherwise the entry takes the modality of its best
   sentence (cue words, ``timeline_text.modality_of``) or of the event
   groups dated that day, so forecasts and hedges stay apart from facts.

The result is a list of plain dicts, best score first, each sentence a span
``{"doc", "start", "end", "text"}`` with ``text == doc text[start:end]``.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.fuse.timeline_rules import (
    COARSE_VALUE,
    COARSE_WEIGHT,
    DATE_WEIGHTS,
    DAY_VALUE,
    GARBLED_WEIGHTS,
    LEAD_SENTENCES,
    LOW_SCORE,
    MAX_ENTRIES,
    OUTSIDE_WEIGHT,
    PUB_WEIGHT,
    SENTENCES_PER_ENTRY,
)
from storyline.fuse.timeline_text import (
    Candidate,
    Cluster,
    content_words,
    dedupe,
    diverse,
    idf_table,
    modality_of,
    rank_clusters,
    usable,
    words_of,
)
from storyline.model import DocumentAnalysis, EventGroup, Lineage, Timex

#: Strength of a commitment, for "the strongest modality any source makes".
PLACE_LABELS = frozenset({"GPE", "LOC"})
MODALITY_RANK = {"asserted": 3, "negated": 2, "hedged": 1, "predicted": 0}


@dataclass
class DateStats:
    """Reference counts of one date (the features of ``DATE_WEIGHTS``)."""

    after: int = 0
    same: int = 0
    before: int = 0
    pub: int = 0
    docs: int = 0
    refdays: int = 0
    lineages: int = 0

    def score(self, weights: Mapping[str, float]) -> float:
        return sum(w * math.log1p(getattr(self, k)) for k, w in weights.items())


def day_of(value: str | None) -> str | None:
    """``YYYY-MM-DD`` of a TIMEX3 / ISO value of day precision, else None."""
    if not value:
        return None
    m = DAY_VALUE.match(value)
    if m is None or not ("01" <= m.group(2) <= "12" and "01" <= m.group(3) <= "31"):
        return None
    return m.group(0)


def date_of(value: str | None) -> str | None:
    """The day, month (``YYYY-MM``) or year (``YYYY``) a TIMEX3 value names, else None."""
    day = day_of(value)
    if day is not None or not value:
        return day
    m = COARSE_VALUE.match(value)
    if m is None or (m.group(2) is not None and not "01" <= m.group(2) <= "12"):
        return None
    return m.group(0)


def precision_of(date: str) -> str:
    return {10: "day", 7: "month"}.get(len(date), "year")


def published_day(a: DocumentAnalysis) -> str | None:
    """The article's publication day: its metadata date, else its ``dct``. A date
    that only bounds the truth (an embedded post's: "published on or after")
    is no publication day: its lead sentences would be dated by a guess."""
    ev = a.metadata.published
    stated = None if ev is not None and ev.bound else a.metadata.value("published")
    return day_of(stated) or day_of(a.dct)


def _places(a: DocumentAnalysis) -> list[tuple[int, int, dict[str, Any]]]:
    """The document's places as (start, end, span): the geocoded ``places``
    records when the extractor ran (GeoNames name and country; where the event
    happened before places merely mentioned), else the parse's GPE/LOC mentions."""
    out: list[tuple[int, int, dict[str, Any]]] = []
    records = a.outputs.get("places")
    if records:
        for p in records:
            span = {"doc": a.doc_id, "start": p.start, "end": p.end, "text": p.text}
            if p.geonameid is not None:
                span |= {"name": p.name, "country": p.country, "geonameid": p.geonameid}
                span["feature"] = p.feature
            span["role"] = p.role
            out.append((p.start, p.end, span))
    else:
        for m in a.mentions:
            if m.label in PLACE_LABELS:
                span = {"doc": a.doc_id, "start": m.start, "end": m.end, "text": m.text}
                out.append((m.start, m.end, span))
    return sorted(out, key=lambda x: x[:2])


def sentence_place(
    places: list[tuple[int, int, dict[str, Any]]], starts: list[int], start: int, end: int
) -> dict[str, Any] | None:
    """The sentence's place: where something happened. With geocoded places, a
    place merely mentioned ("the Kremlin said", "Belarus's ally") is none;
    with bare parse mentions (no roles known), the first named."""
    i = bisect.bisect_left(starts, start)
    inside = [p for p in places[i:] if p[0] < end][:8]
    inside = [p for p in inside if p[1] <= end]
    if not inside:
        return None
    if any("role" in p[2] for p in inside):
        return next((p[2] for p in inside if p[2].get("role") == "event"), None)
    return inside[0][2]


def _boilerplate(a: DocumentAnalysis) -> tuple[list[int], list[int]]:
    spans = sorted((s.start, s.end) for s in a.spans if s.kind == "boilerplate")
    return [s for s, _ in spans], [e for _, e in spans]


def _in_boilerplate(starts: list[int], ends: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_right(starts, start) - 1
    return i >= 0 and ends[i] >= end


def _masked(text: str, offset: int, timexes: Sequence[Timex]) -> str:
    """``text`` with its timexes blanked, so a month named May is not the modal."""
    chars = list(text)
    for t in timexes:
        for i in range(max(t.start - offset, 0), min(t.end - offset, len(chars))):
            chars[i] = " "
    return "".join(chars)


def event_modalities(a: DocumentAnalysis) -> dict[tuple[int, int, str], str]:
    """(sentence start, end, day) -> what the sentence's event dated that day
    commits to. The event's own clause decides, not a cue anywhere in the
    sentence: "the levee held on Friday, confounding warnings that it could
    fail" states a fact about Friday although it says "could"."""
    out: dict[tuple[int, int, str], str] = {}
    for ev in a.outputs.get("events") or []:
        value = str((ev.time or {}).get("value") or "")[:10]
        if len(value) == 10 and value[:4].isdigit():
            key = (ev.start, ev.end, value)
            if out.get(key) != "asserted":  # an asserted event of that day wins
                out[key] = ev.modality
    return out


def document_candidates(a: DocumentAnalysis) -> list[Candidate]:
    """Every (sentence, date) candidate of one document; linear in its length."""
    pub = published_day(a)
    quality = 1.0
    for key, weight in GARBLED_WEIGHTS.items():
        finding = a.integrity.get(key)
        if isinstance(finding, dict) and finding.get("flagged") is True:
            quality = min(quality, weight)
    timexes = sorted((t for t in a.timexes if t.type in ("DATE", "TIME")), key=lambda t: t.start)
    t_starts = [t.start for t in timexes]
    b_starts, b_ends = _boilerplate(a)
    places = _places(a)
    p_starts = [p[0] for p in places]
    stated = event_modalities(a)
    out: list[Candidate] = []
    lead = 0
    for s in a.sentences:
        text = a.text[s.start : s.end]
        if _in_boilerplate(b_starts, b_ends, s.start, s.end):
            continue
        tokens = words_of(text)
        if not usable(text, tokens):
            continue
        lo, hi = bisect.bisect_left(t_starts, s.start), bisect.bisect_left(t_starts, s.end)
        inside = timexes[lo:hi]
        days = list(dict.fromkeys(d for t in inside if (d := date_of(t.value))))
        modality = modality_of(words_of(_masked(text, s.start, inside)))  # "May 2" is no cue
        words = content_words(tokens)
        place = sentence_place(places, p_starts, s.start, s.end)
        for d in days:
            mod = stated.get((s.start, s.end, d), modality)
            mod = "predicted" if pub is not None and pub < d else mod
            out.append(
                Candidate(a.doc_id, s.start, s.end, text, d, quality, True, pub, mod, words, place)
            )
        if not inside and pub is not None and lead < LEAD_SENTENCES:
            weight = PUB_WEIGHT * quality
            out.append(
                Candidate(
                    a.doc_id, s.start, s.end, text, pub, weight, False, pub, modality, words, place
                )
            )
        lead += 1
    return out


def collect(analyses: Sequence[DocumentAnalysis]) -> dict[str, list[Candidate]]:
    """Candidates of every document, by date; a failing document costs only itself."""
    by_date: dict[str, list[Candidate]] = defaultdict(list)
    for a in analyses:
        try:
            cands = document_candidates(a)
        except Exception as exc:  # noqa: BLE001 - one bad analysis must not cost the run
            a.errors.append(f"timeline: {type(exc).__name__}: {exc}")
            continue
        for c in cands:
            by_date[c.date].append(c)
    return by_date


def date_stats(
    analyses: Sequence[DocumentAnalysis],
    by_date: Mapping[str, list[Candidate]],
    lineage_of: Mapping[str, str],
) -> dict[str, DateStats]:
    """Reference counts per candidate date."""
    pubs = Counter(p for a in analyses if (p := published_day(a)))
    stats: dict[str, DateStats] = {}
    for d, cands in by_date.items():
        st = DateStats(pub=pubs.get(d, 0))
        sources, docs, days = set(), set(), set()
        for c in cands:
            sources.add(lineage_of.get(c.doc, c.doc))
            if not c.explicit or c.published is None:
                continue
            docs.add(c.doc)
            if c.published > d and not c.published.startswith(d):
                days.add(c.published)
            if c.published > d:
                st.after += 1
            elif c.published == d:
                st.same += 1
            else:
                st.before += 1
        st.lineages = len(sources)
        st.docs, st.refdays = len(docs), len(days)
        stats[d] = st
    return stats


def publication_period(analyses: Sequence[DocumentAnalysis]) -> tuple[str, str]:
    """First and last publication day of the collection (everything when unknown)."""
    pubs = sorted(p for a in analyses if (p := published_day(a)))
    return (pubs[0], pubs[-1]) if pubs else ("", "9999")


def date_scores(
    stats: Mapping[str, DateStats],
    period: tuple[str, str],
    weights: Mapping[str, float] = DATE_WEIGHTS,
) -> dict[str, float]:
    """Importance of every candidate date: the weighted reference counts, scaled
    down for month/year dates and for dates outside the publication period."""
    first, last = period
    out = {}
    for d, st in stats.items():
        share = 1.0 if len(d) == 10 else COARSE_WEIGHT
        if not (first[: len(d)] <= d <= last[: len(d)]):
            share *= OUTSIDE_WEIGHT
        out[d] = st.score(weights) * share
    return out


def _lineage_map(lineages: Sequence[Lineage]) -> dict[str, str]:
    return {doc: lin.id for lin in lineages for doc in lin.documents}


def _span(c: Candidate) -> dict[str, Any]:
    return {"doc": c.doc, "start": c.start, "end": c.end, "text": c.text}


def _sentence(cl: Cluster) -> dict[str, Any]:
    best = cl.best
    return {
        **_span(best),
        "score": round(cl.score, 4),
        "modality": best.modality,
        "named_date": best.explicit,
        "sources": cl.docs,
        "copies": [_span(m) for m in cl.members[1:]],
    }


def _modality(clusters: Sequence[Cluster], stats: DateStats, groups: Sequence[EventGroup]) -> str:
    if groups:
        return max((g.modality for g in groups), key=lambda m: MODALITY_RANK.get(m, 0))
    if stats.before and not (stats.after or stats.same or stats.pub):
        return "predicted"
    top = clusters[0].best.modality if clusters else "asserted"
    if top != "asserted" and any(c.best.modality == "asserted" for c in clusters[:2]):
        return "asserted"
    return top


def build_entry(
    date: str,
    cands: Sequence[Candidate],
    stats: DateStats,
    score: float,
    idf: dict[str, float],
    lineage_of: Mapping[str, str],
    groups: Sequence[EventGroup] = (),
) -> dict[str, Any]:
    """One timeline entry: the date, its ranked sentences and sources."""
    clusters = rank_clusters(dedupe(cands), idf)
    kept = diverse(clusters, SENTENCES_PER_ENTRY)
    docs = list(dict.fromkeys(c.doc for c in cands))
    return {
        "date": date,
        "precision": precision_of(date),
        "score": round(score, 4),
        "modality": _modality(kept, stats, groups),
        "place": next((cl.best.place for cl in kept if cl.best.place), None),
        "sentences": [_sentence(cl) for cl in kept],
        "sources": docs,
        "lineages": len({lineage_of.get(d, d) for d in docs}),
        "mentions": {"after": stats.after, "same_day": stats.same, "before": stats.before},
        "referring_documents": stats.docs,
        "later_days_referring": stats.refdays,
        "published_that_day": stats.pub,
        "events": [g.id for g in groups],
    }


def build_timeline(
    analyses: Sequence[DocumentAnalysis],
    lineages: Sequence[Lineage] = (),
    event_groups: Sequence[EventGroup] = (),
    *,
    weights: Mapping[str, float] = DATE_WEIGHTS,
    max_entries: int = MAX_ENTRIES,
) -> list[dict[str, Any]]:
    """The timeline entries, best score first (at most ``max_entries``).

    ``score`` is the date's importance; ``low_confidence`` marks entries
    below ``LOW_SCORE`` of the best one. A date that fails to build costs
    only its own entry.
    """
    lineage_of = _lineage_map(lineages)
    by_date = collect(analyses)
    stats = date_stats(analyses, by_date, lineage_of)
    scores = date_scores(stats, publication_period(analyses), weights)
    ranked = sorted(scores, key=lambda d: (-scores[d], d))[:max_entries]
    idf = idf_table([c for d in ranked for c in by_date[d]])
    groups_by_date: dict[str, list[EventGroup]] = defaultdict(list)
    for g in event_groups:
        if (d := day_of(g.date)) is not None:
            groups_by_date[d].append(g)
    top = scores[ranked[0]] if ranked else 0.0
    entries: list[dict[str, Any]] = []
    for d in ranked:
        try:
            entry = build_entry(
                d, by_date[d], stats[d], scores[d], idf, lineage_of, groups_by_date.get(d, ())
            )
        except Exception:  # noqa: BLE001 - one bad date must not cost the timeline
            continue
        entry["id"] = f"tl{len(entries) + 1}"
        entry["low_confidence"] = top > 0 and scores[d] < LOW_SCORE * top
        entries.append(entry)
    return entries
