"""The status of a forecast against documents dated after it.

Each later sentence that shares the forecast's subject and enough of its
words is evidence: ``refutes`` when it negates it or states the opposite
outcome ("the levee held"), or when a short sentence right after a restated
forecast denies it ("It did not."); ``confirms`` when it states the act
as done (a past verb after a word of the forecast's actor, not negated,
hedged or dated before the forecast);
``still pending`` when it restates it as a forecast before the deadline.
The status follows from the evidence and the deadline; the reason says
which report set it and how many days after the deadline it came.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from storyline.fuse.brief_play import human_day
from storyline.fuse.forecasts_rules import (
    ACTOR_WINDOW,
    AUXILIARIES,
    CONFIDENCE,
    CUE_PATTERN,
    DENIES_FUTURE,
    EVIDENCE_PER_STEM,
    FILLER,
    INFERRED_DEADLINE,
    IRREGULAR_PAST,
    KEEP_S,
    MIN_OVERLAP,
    MIN_SHARED,
    NEGATION,
    NO_DEADLINE,
    OPPOSITES,
    PAST_AUXILIARIES,
    SHORT_FOLLOWUP_WORDS,
    SILENCE_GRACE_DAYS,
    STEM,
    SUFFIXES,
)
from storyline.fuse.timeline import day_of, published_day
from storyline.fuse.timeline_text import content_words, modality_of, words_of
from storyline.model import DocumentAnalysis, Forecast, Lineage


class ForecastClause(Protocol):
    """What the status step reads of one statement of a forecast."""

    doc: str
    text: str
    subject: list[str]
    words: frozenset[str]
    deadline: str | None
    inferred: bool
    lineage: str
    act: str | None


def known_until(analyses: Sequence[DocumentAnalysis]) -> str | None:
    """The latest publication day in the corpus (bounds are no publication day)."""
    days = [d for a in analyses if (d := published_day(a))]
    return max(days) if days else None


def _days(a: str, b: str) -> int:
    return (dt.date.fromisoformat(last_day(b)) - dt.date.fromisoformat(last_day(a))).days


#: the last month of a TIMEX3 quarter or season ("2020-Q1", "2020-SU")
PERIOD_END_MONTH = {"Q1": 3, "Q2": 6, "Q3": 9, "Q4": 12, "WI": 3, "SP": 6, "SU": 9, "FA": 12}


def last_day(value: str) -> str:
    """The last day a date value names: a deadline of "2020" or "January 2020"
    runs to the end of that year or month, so a report dated inside it is not
    "after the deadline" (comparing "2020-05-01" with "2020" as strings says it is)."""
    v = value[:10]
    if len(v) == 10:
        return v
    year = v[:4]
    if not year.isdigit():
        return v
    rest = v[5:]
    month = int(rest) if rest.isdigit() and 1 <= int(rest) <= 12 else PERIOD_END_MONTH.get(rest, 12)
    day = calendar.monthrange(int(year), month)[1]
    return f"{year}-{month:02d}-{day:02d}"


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """The matching key of a lower-case word: inflection stripped by the
    ``SUFFIXES`` table, then cut to ``STEM`` letters, so "join", "joins",
    "joined" and "joining" share one key (a bare cut leaves "joine")."""
    w = word
    for end, rep, keep in SUFFIXES:
        if w.endswith(end) and len(w) - len(end) >= keep:
            if end == "s" and w.endswith(KEEP_S):
                break
            w = w[: -len(end)] + rep
            break
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiou":
        w = w[:-1]
    return w[:STEM]


def stems(words: Sequence[str]) -> list[str]:
    return [stem(w) for w in words]


def past_at(tokens: Sequence[str], i: int) -> bool:
    """Whether token ``i`` reads as a past tense or perfect/passive participle."""
    w = tokens[i]
    if w in AUXILIARIES:
        return False
    return (
        (w.endswith("ed") and len(w) > 4)
        or w in IRREGULAR_PAST
        or (i > 0 and tokens[i - 1] in PAST_AUXILIARIES and len(w) > 3)
    )


def asserts_act(tokens: Sequence[str], subject: Sequence[str], act: str | None) -> bool:
    """The sentence states the predicted act as done by the forecast's actor: a
    past verb (the act itself when ``act`` is given) with a subject word at most
    ``ACTOR_WINDOW`` words before it ("Ruritania's army joined", "the levee was
    breached")."""
    key = stem(act) if act else None
    subj = set(subject)
    for i in range(len(tokens)):
        if key is not None and stem(tokens[i]) != key:
            continue
        if past_at(tokens, i) and any(
            stem(t) in subj for t in tokens[max(0, i - ACTOR_WINDOW) : i]
        ):
            return True
    return False


def _verb(text: str) -> str | None:
    """The forecast's first word after its cue that is no auxiliary: the predicted outcome."""
    m = CUE_PATTERN.search(text)
    rest = words_of(text[m.end() :]) if m else []
    return next((w for w in rest if w not in AUXILIARIES), None)


def _days_text(a: str, b: str) -> str:
    n = _days(a, b)
    return f"{n} day" if n == 1 else f"{n} days"


@lru_cache(maxsize=1 << 16)
def sentence_stems(sentence: str) -> tuple[frozenset[str], frozenset[str]]:
    """A sentence's content words and their stems, computed once per sentence:
    every forecast of a corpus is checked against every later sentence, so
    tokenising each time would make the ledger quadratic in words."""
    words = frozenset(w for w in content_words(words_of(sentence)) if w not in FILLER)
    return words, frozenset(stem(w) for w in words)


def relation(
    clause: ForecastClause,
    sentence: str,
    follow: str | None,
    verb: str | None,
    stems: tuple[frozenset[str], frozenset[str]] | None = None,
) -> str | None:
    """How one later sentence bears on the forecast, or None when it is not about it.
    ``stems``: the sentence's ``sentence_stems`` when already known."""
    words, st = stems if stems is not None else sentence_stems(sentence)
    if not clause.subject or not st & set(clause.subject):
        return None
    shared = clause.words & st
    opposite = OPPOSITES.get(verb or "", frozenset()) & set(words)
    if opposite:  # the subject and the opposite outcome: "the levee held"
        return _denial(clause, sentence)
    if len(shared) < MIN_SHARED or len(shared) < MIN_OVERLAP * len(clause.words):
        return None
    # a refutation or an outcome must share more than the subject with the forecast
    about_it = len(shared - set(clause.subject)) >= MIN_SHARED
    if NEGATION.search(sentence):
        return _denial(clause, sentence) if about_it else None
    if modality_of(words_of(sentence)) != "asserted" or CUE_PATTERN.search(sentence):
        if (
            follow is not None
            and len(follow.split()) <= SHORT_FOLLOWUP_WORDS
            and NEGATION.search(follow)
        ):
            return "refutes"
        return "still pending"
    # an outcome states the act as done by the forecast's actor; without a
    # deadline it must be the predicted act itself, not only a past verb
    act = verb if clause.deadline is None else None
    if clause.deadline is None and not verb:
        return None
    if not asserts_act(words_of(sentence), clause.subject, act):
        return None
    return "confirms" if about_it else None


def _denial(clause: ForecastClause, sentence: str) -> str:
    """``refutes``, or ``not yet`` for a forecast without a deadline that the
    sentence says has not come true so far without denying it will."""
    if clause.deadline is None and not DENIES_FUTURE.search(sentence):
        return "not yet"
    return "refutes"


def _timely(ev: Mapping[str, Any], deadline: str | None) -> bool:
    """Evidence of an outcome dated on or before the deadline (or by a day in it)."""
    if deadline is None:
        return True
    day = ev.get("date") or ev.get("published")
    return bool(day) and day[:10] <= last_day(deadline)


@dataclass(frozen=True)
class LaterSentence:
    """One usable sentence of a dated document, as the status step reads it."""

    doc: str
    lineage: str
    published: str
    start: int
    end: int
    text: str
    follow: str | None
    stems: tuple[frozenset[str], frozenset[str]]
    analysis: DocumentAnalysis


class SentenceIndex:
    """Every usable sentence of the dated documents, by content-word stem.

    A sentence is evidence only when it shares a stem with the forecast's
    subject (``relation``), so each forecast reads the postings of its
    subject's stems instead of every later sentence of the corpus. Postings
    are sorted by publication day: a forecast starts at the first one after
    it was made, and reads at most ``EVIDENCE_PER_STEM`` per stem (the
    earliest reports, which decide the status; the cap only binds for a
    subject word found in thousands of later sentences).
    """

    def __init__(
        self, analyses: Sequence[DocumentAnalysis], lineages: Mapping[str, Lineage]
    ) -> None:
        self.sentences: list[LaterSentence] = []
        postings: dict[str, list[int]] = defaultdict(list)
        for a in analyses:
            pub = published_day(a)
            if pub is None:
                continue
            lin = lineages[a.doc_id].id if a.doc_id in lineages else a.doc_id
            boiler = [(s.start, s.end) for s in a.spans if s.kind == "boilerplate"]
            sents = a.sentences
            for i, s in enumerate(sents):
                text = a.text[s.start : s.end]
                if text.rstrip().endswith("?") or any(
                    b0 <= s.start and s.end <= b1 for b0, b1 in boiler
                ):
                    continue
                nxt = sents[i + 1] if i + 1 < len(sents) else None
                follow = a.text[nxt.start : nxt.end] if nxt is not None else None
                stems = sentence_stems(text)
                n = len(self.sentences)
                self.sentences.append(
                    LaterSentence(a.doc_id, lin, pub, s.start, s.end, text, follow, stems, a)
                )
                for st in stems[1]:
                    postings[st].append(n)
        self.postings: dict[str, list[int]] = {}
        self.days: dict[str, list[str]] = {}
        for st, ids in postings.items():
            ids.sort(key=lambda n: (self.sentences[n].published, n))
            self.postings[st] = ids
            self.days[st] = [self.sentences[n].published for n in ids]

    def after(self, stems: Sequence[str], day: str) -> list[LaterSentence]:
        """Sentences published after ``day`` that hold one of ``stems``, in corpus order."""
        found: set[int] = set()
        for st in set(stems):
            ids = self.postings.get(st)
            if ids:
                lo = bisect.bisect_right(self.days[st], day)
                found.update(ids[lo : lo + EVIDENCE_PER_STEM])
        return [self.sentences[n] for n in sorted(found)]


def gather(
    fc: Forecast,
    clause: ForecastClause,
    analyses: Sequence[DocumentAnalysis],
    lineages: Mapping[str, Lineage],
    index: SentenceIndex | None = None,
) -> list[dict[str, Any]]:
    """Evidence from documents dated after the forecast (or after its deadline
    when its own date is unknown), copies of its own lineage excluded.
    ``index``: the corpus's ``SentenceIndex`` (built here when not given)."""
    after = fc.made or (fc.deadline[:10] if fc.deadline else None)
    if after is None or not clause.subject:
        return []
    index = index if index is not None else SentenceIndex(analyses, lineages)
    verb = getattr(clause, "act", None) or _verb(clause.text)
    out: list[dict[str, Any]] = []
    for s in index.after(clause.subject, after):
        if s.doc in fc.docs or s.lineage == clause.lineage:
            continue
        rel = relation(clause, s.text, s.follow, verb, s.stems)
        if rel == "still pending":  # "on May 6" is no modal: read it without its times
            rel = relation(clause, without_times(s.analysis, s.start, s.end), s.follow, verb)
        if rel is None or (
            rel == "still pending" and fc.deadline and s.published > last_day(fc.deadline)
        ):
            continue
        dates = [
            d for t in s.analysis.timexes if s.start <= t.start < s.end and (d := day_of(t.value))
        ]
        if rel == "confirms" and dates and min(dates) < after[:10]:
            continue  # an outcome dated before the forecast was made is about the past
        out.append(
            {"doc": s.doc, "start": s.start, "end": s.end, "text": s.text, "relation": rel,
             "published": s.published, "date": min(dates) if dates else None}
        )  # fmt: skip
    return out


def without_times(a: DocumentAnalysis, start: int, end: int) -> str:
    """The text from ``start`` to ``end`` with its time expressions blanked (same length)."""
    chars = list(a.text[start:end])
    for t in a.timexes:
        if start <= t.start < end:
            chars[t.start - start : min(t.end, end) - start] = " " * (min(t.end, end) - t.start)
    return "".join(chars)


def _when(value: Any) -> str:
    """A day (or day and clock time) as the dossier writes dates: "11 Mar
    2022", "11 Mar 2022, 21:00"; anything else (a week, a month) as it is."""
    text = str(value or "")
    day = human_day(text)
    if day is None:
        return text
    return f"{day}, {text[11:16]}" if len(text) >= 16 and text[10] == "T" else day


def decide(fc: Forecast, evidence: list[dict[str, Any]], until: str | None, inferred: bool) -> None:
    """Status, reason and confidence from the evidence and the deadline."""
    deadline = last_day(fc.deadline) if fc.deadline else None
    # with a deadline, "not yet" after it is "not by its deadline"
    refutes = [
        e for e in evidence if e["relation"] == "refutes" or deadline and e["relation"] == "not yet"
    ]
    not_yet = [e for e in evidence if e["relation"] == "not yet"]
    confirms = [e for e in evidence if e["relation"] == "confirms"]
    factor = NO_DEADLINE if deadline is None else INFERRED_DEADLINE if inferred else 1.0
    if fc.made is None and deadline is None:
        fc.status, key = "unknown", "unknown"
        fc.reason = (
            "Its document has no date and it names none, so no later report can be set against it."
        )
    elif refutes and (deadline is None or refutes[0]["published"] < deadline):
        e = refutes[0]
        fc.status, key = "contradicted", "contradicted"
        fc.reason = (
            f"A report dated {_when(e['published'])}, before the deadline, says otherwise."
            if deadline
            else f"A report dated {_when(e['published'])} says it will not happen."
        )
    elif refutes:
        e = min(refutes, key=lambda r: r["published"])
        fc.status, key = "not by its deadline", "not by its deadline"
        fc.reason = (
            f"A report dated {_when(e['published'])} says it did not happen, "
            f"{_days_text(deadline, e['published'])} after the deadline."
        )
    elif confirms:
        e = min(confirms, key=lambda r: (not _timely(r, deadline), r["published"]))
        dated = e.get("date") is not None and _timely(e, deadline)
        fc.status, key = "came true", "came true dated" if dated else "came true undated"
        when = f" on {_when(e['date'])}" if dated else ""
        fc.reason = f"A report dated {_when(e['published'])} says it happened{when}" + (
            ", by the deadline." if dated and deadline else "; when is not stated."
        )
    elif not_yet and deadline is None:
        e = max(not_yet, key=lambda r: r["published"])
        fc.status, key = "open", "open"
        fc.reason = (
            f"A report dated {_when(e['published'])} says it has not happened yet; it names "
            f"no deadline, so it stays open (as of {_when(e['published'])}; the corpus runs "
            f"to {_when(until)})."
        )
    elif (
        deadline is not None and until is not None and _days(deadline, until) >= SILENCE_GRACE_DAYS
    ):
        fc.status, key = "not by its deadline", "not by its deadline (no report)"
        fc.reason = (
            f"No report up to {_when(until)} says it happened, {_days_text(deadline, until)} "
            "after the deadline (not by its deadline, no report of it: the corpus may not "
            "cover it)."
        )
    else:
        fc.status, key = "open", "open"
        fc.reason = (
            f"Its deadline {_when(deadline)} is after the latest report ({_when(until)}): "
            "the corpus cannot tell yet."
            if deadline and until and deadline >= until
            else f"No report up to {_when(until)} says it happened, but the corpus runs only "
            f"{_days_text(deadline, until)} past its deadline {_when(deadline)}: too soon to tell."
            if deadline and until
            else "No later report speaks of it."
        ) + (f" Its document is dated only on or after {_when(fc.made)}." if fc.made_bound else "")
    fc.confidence = round(CONFIDENCE[key] * factor, 3)


def set_status(
    fc: Forecast,
    clauses: Sequence[ForecastClause],
    analyses: Sequence[DocumentAnalysis],
    lineages: Mapping[str, Lineage],
    until: str | None,
    index: SentenceIndex | None = None,
) -> None:
    """Fill ``evidence``, ``status``, ``reason``, ``known_until`` and ``confidence``.
    ``index``: the corpus's ``SentenceIndex``, built once for all forecasts."""
    index = index if index is not None else SentenceIndex(analyses, lineages)
    primary = next(c for c in clauses if c.doc == fc.statement["doc"])
    seen: set[tuple[str, int]] = set()
    evidence: list[dict[str, Any]] = []
    for c in clauses:  # every copy's wording finds evidence (a spun copy's words differ)
        for e in gather(fc, c, analyses, lineages, index):
            if (e["doc"], e["start"]) not in seen:
                seen.add((e["doc"], e["start"]))
                evidence.append(e)
    evidence.sort(key=lambda e: (e["published"], e["doc"], e["start"]))
    fc.evidence = evidence
    fc.known_until = until
    decide(fc, evidence, until, primary.inferred)
