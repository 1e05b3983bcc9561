"""Numbers that cannot both be true: the same measure, other sources, no overlap.

Two figures are compared only when they count the same kind of thing (the
head of the counted noun, people nouns taken together) for the same measure
(a cue word in the sentence: evacuated, killed, in shelters; see
``conflicts_rules.MEASURES``) in documents of different copy lineages. Each
figure becomes an interval from its qualifier: "at least 1,200" is
[1200, inf), "up to 20,000" is [0, 20000], "about 2,400" is 2,400 +- 10%.
Overlapping intervals are compatible. When entities are resolved, the two
figures must also be about one story: an entity named in one figure's
sentence is named somewhere in the other document (two wars' death tolls in
two unrelated stories are not a disagreement). A later, larger cumulative count is an
update; a snapshot measure read on other days is a new reading.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from storyline.fuse import conflicts_rules as R
from storyline.fuse.conflicts_context import DocInfo
from storyline.model import Conflict, DocumentAnalysis, Quantity

INF = math.inf


@dataclass(frozen=True)
class Figure:
    """One comparable figure: its quantity, measure and two readings."""

    info: DocInfo
    q: Quantity
    thing: str  # "people", "tanks", ...
    measure: str
    cumulative: bool
    strict: tuple[float, float]  # what the words allow
    reading: tuple[float, float]  # how a newsroom would mean it

    @property
    def says(self) -> str:
        noun = (self.q.counts or {}).get("text") or self.thing
        return f"{self.q.text} {noun} ({self.measure})"


def intervals(q: Quantity) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """(strict, reading) intervals of a figure, None when it has no number."""
    if q.low is not None and q.high is not None:
        return (q.low, q.high), (q.low, q.high)
    v = q.value if q.value is not None else (q.low if q.low is not None else q.high)
    if v is None or v <= 0:
        return None
    if q.vague:
        top = 10 ** (math.floor(math.log10(v)) + 1) - 1
        iv = (v * R.VAGUE_LOW_SHARE, float(top))
        return iv, iv
    side = R.QUALIFIER_SIDE.get((q.qualifier or "").lower())
    if side == "lower":
        return (v, INF), (v, v * (1 + R.OPEN_BOUND_MARGIN))
    if side == "upper":
        return (0.0, v), (0.0, v)
    if side == "upper_near":
        return (v * (1 - R.APPROX_MARGIN), v), (v * (1 - R.APPROX_MARGIN), v)
    if side == "approx":
        iv = (v * (1 - R.APPROX_MARGIN), v * (1 + R.APPROX_MARGIN))
        return iv, iv
    if q.qualifier:
        return None  # a qualifier we cannot read: do not guess
    iv = (v * (1 - R.EXACT_MARGIN), v * (1 + R.EXACT_MARGIN))
    return iv, iv


def _thing(info: DocInfo, q: Quantity) -> str | None:
    """The kind of thing counted: the counted noun's head, people nouns as one."""
    if q.kind != "count" or q.per is not None:
        return None
    counts = (q.counts or {}).get("text")
    if not counts:  # a bare figure counts people only when its sentence speaks of them
        s, e = info.sentence_at(q.start)
        words = {w.strip(".,;:'\"()").lower() for w in info.text[s:e].split()}
        return "people" if words & R.PEOPLE_NOUNS else None
    head = counts.lower().split()[-1].strip(".,;:'\"")
    if head in R.PEOPLE_NOUNS:
        return "people"
    return head[:-1] if head.endswith("s") and len(head) > 3 else head


def _measure(info: DocInfo, q: Quantity) -> tuple[str, bool] | None:
    s, e = info.sentence_at(q.start)
    sent = info.text[s:e].lower()
    at = q.start - s
    best: tuple[int, str, bool] | None = None
    for label, cumulative, stems in R.MEASURES:
        for stem in stems:
            i = sent.find(stem)
            while i >= 0:
                dist = abs(i - at)
                if (i == 0 or not sent[i - 1].isalpha()) and (best is None or dist < best[0]):
                    best = (dist, label, cumulative)
                i = sent.find(stem, i + 1)
    return (best[1], best[2]) if best else None


def figures(analyses: Sequence[DocumentAnalysis], infos: dict[str, DocInfo]) -> list[Figure]:
    """Every figure that can be compared across sources."""
    out: list[Figure] = []
    for a in analyses:
        info = infos[a.doc_id]
        for q in a.outputs.get("quantities", []):
            if not isinstance(q, Quantity):
                continue
            s, _ = info.sentence_at(q.start)
            if R.NOT_A_COUNT.search(info.text, max(s, q.start - R.NOT_A_COUNT_BEFORE), q.start):
                continue
            thing = _thing(info, q)
            ivs = intervals(q)
            m = _measure(info, q) if thing and ivs else None
            if thing and ivs and m:
                out.append(Figure(info, q, thing, m[0], m[1], ivs[0], ivs[1]))
    return out


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _days(a: str | None, b: str | None) -> int | None:
    try:
        return (date.fromisoformat(b or "") - date.fromisoformat(a or "")).days
    except ValueError:
        return None


def judge(x: Figure, y: Figure) -> tuple[float, str] | None:
    """(confidence, why) when the two figures disagree, None when compatible."""
    if _overlap(x.strict, y.strict) and _overlap(x.reading, y.reading):
        return None
    strict = not _overlap(x.strict, y.strict)
    days = _days(x.info.date, y.info.date)
    if days is not None and days < 0:
        x, y, days = y, x, -days
    if days is not None and days >= 1:
        if not x.cumulative and days >= R.SNAPSHOT_DAYS:
            return None  # a snapshot read on another day: a new reading
        if x.cumulative and (y.reading[0] >= x.reading[1] or y.strict[0] >= x.strict[1]):
            return None  # a later, larger cumulative count: an update
    conf = R.CONF_NUMBERS_STRICT if strict else R.CONF_NUMBERS_READING
    why = (
        "the two figures cannot both be true"
        if strict
        else "read as newsrooms state figures, they are hard to reconcile "
        "(the words alone would allow both)"
    )
    if days is None:
        conf *= R.CONF_UNDATED_FACTOR
        why += "; one side is undated, so one may be an update of the other"
    elif days >= 1 and x.cumulative:
        why += f"; the later figure is smaller although {x.measure} counts only grow"
    return conf, why


class _Stories:
    """Which entities each document and each figure's sentence name, computed once
    (a pair check is then two set lookups, not a pass over every mention)."""

    def __init__(self, mentions: dict[str, list[tuple[int, int, str]]]) -> None:
        self.mentions = mentions
        self.docs = {d: {eid for _, _, eid in ms} for d, ms in mentions.items()}
        self.named: dict[tuple[str, int], set[str]] = {}

    def named_in(self, f: Figure) -> set[str]:
        key = (f.info.doc, f.q.start)
        if key not in self.named:
            s, e = f.info.sentence_at(f.q.start)
            ms = self.mentions.get(f.info.doc, [])
            self.named[key] = {eid for ms_, me, eid in ms if s <= ms_ and me <= e}
        return self.named[key]

    def same(self, x: Figure, y: Figure) -> bool:
        """An entity named in either figure's sentence is named in the other document."""
        if not self.mentions:
            return True  # no entities resolved: nothing to tell stories apart by
        return bool(
            self.named_in(x) & self.docs.get(y.info.doc, set())
            or self.named_in(y) & self.docs.get(x.info.doc, set())
        )


def number_conflicts(
    analyses: Sequence[DocumentAnalysis],
    infos: dict[str, DocInfo],
    mentions: dict[str, list[tuple[int, int, str]]] | None = None,
) -> list[Conflict]:
    """Disagreeing figures, one conflict per pair of lineages and measure (best pair).
    ``mentions``: doc id -> (start, end, entity id) of its entity mentions."""
    stories = _Stories(mentions or {})
    by_key: dict[tuple[str, str], list[Figure]] = {}
    for f in figures(analyses, infos):
        by_key.setdefault((f.thing, f.measure), []).append(f)
    best: dict[tuple[str, str, str, str], tuple[float, str, Figure, Figure]] = {}
    for (thing, measure), figs in by_key.items():
        for i, x in enumerate(figs):
            for y in figs[i + 1 :]:
                if x.info.lineage == y.info.lineage or not stories.same(x, y):
                    continue
                verdict = judge(x, y)
                if verdict is None:
                    continue
                a, b = sorted((x, y), key=lambda f: (f.info.date or "9999", f.info.doc))
                key = (thing, measure, a.info.lineage, b.info.lineage)
                if key not in best or verdict[0] > best[key][0]:
                    best[key] = (verdict[0], verdict[1], a, b)
    out: list[Conflict] = []
    for (thing, measure, _, _), (conf, why, a, b) in sorted(best.items()):
        about = f"{thing} {measure}"
        out.append(
            Conflict(
                id="",
                kind="numbers",
                about=about,
                explanation=(
                    f"{a.info.named()} reports {a.q.text} {about}; "
                    f"{b.info.named()} reports {b.q.text}: {why}."
                ),
                sides=[
                    a.info.side(a.q.start, a.q.end, a.says),
                    b.info.side(b.q.start, b.q.end, b.says),
                ],
                confidence=round(conf, 3),
                low_confidence=conf < R.LOW_CONFIDENCE,
            )
        )
    return out
