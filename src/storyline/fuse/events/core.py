"""The clustering core for "the same event in several documents".

Pure and independent of where mentions come from: the dossier builds
``EventMentionFeatures`` from ``Event`` records (``storyline.fuse.events.groups``)
and the ECB+ scorer (``tools/evaluate/xdoc_events.py``) builds them from a
spaCy parse of gold mentions, so the measured figure is the code users run.

Two mentions may link when their triggers are compatible (same lemma, a
shared row of ``rules.TRIGGER_GROUPS``, or the same event type when
``w_type`` is set) and nothing contradicts (different days, different
countries, disjoint known actors). The link score is a weighted sum of the
trigger match and the evidence (shared arguments, place, date, similar
sentence, similar document context); with ``require_evidence`` a trigger
alone never links. Two mentions of one document get no credit for wording
(their sentences may be the same one) and a match on the coarse type alone
is only considered with a shared argument, place or date (blocking), and
never on a shared document or story alone. Clusters grow by average linkage over these sparse
scores (a pair with no link counts 0) and never across a contradiction.

Scale: blocks are split by story (two stories never link, so their mentions
are never compared), the context overlap is computed once per pair of
documents, and a block still larger than ``rules.BLOCK_WINDOW + 1`` compares
each mention only with its ``BLOCK_WINDOW`` neighbours in (date, document)
order, so the number of pairs grows linearly with the corpus.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.fuse.events.linkage import average_linkage, document_stories
from storyline.fuse.events.rules import BLOCK_WINDOW, DAY_PRECISION, TRIGGER_GROUPS

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # a TIMEX3 value at day precision
_WORD = re.compile(r"[^\W\d_][\w'-]*")


def sentence_keys(text: str, drop: frozenset[str] = frozenset()) -> frozenset[str]:
    """Content words of a sentence, lower-cased, plural -s cut: the ``tokens`` feature.

    Plain regex words (no parse) so the dossier, which reads analyses only,
    and the ECB+ scorer compute the very same feature.
    """
    out = set()
    for m in _WORD.finditer(text):
        w = m.group().lower()
        if len(w) < 3 or w in STOP_WORDS or w in drop:
            continue
        if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.add(w)
    return frozenset(out)


@dataclass(frozen=True)
class EventMentionFeatures:
    """What the merger knows about one event mention (keys already normalised).

    ``actors``/``targets``: entity ids where known, else lower-cased head
    words; ``place``/``country``: keys of where it happened; ``date``: a TIMEX3
    value; ``tokens``: content lemmas of its sentence; ``context``: salient
    keys of its document (entities it names) and ``doc_words`` its content
    words: together they place the document in a story (``document_stories``).
    """

    key: Hashable
    doc: str
    lemma: str
    lineage: str | None = None
    type: str | None = None
    actors: frozenset[str] = frozenset()
    targets: frozenset[str] = frozenset()
    place: str | None = None
    country: str | None = None
    date: str | None = None
    tokens: frozenset[str] = frozenset()
    context: frozenset[str] = frozenset()
    doc_words: frozenset[str] = frozenset()
    negated: bool = False  # "did not attack": a statement apart from "attacked"


@dataclass(frozen=True)
class MergeParams:
    """Weights and threshold. The defaults are the setting 5-fold cross-validation
    over ECB+ dev topics picks on all of dev (docs/accuracy.md, "Event
    coreference (ECB+)"); ``w_type`` is not measurable there (ECB+ has no
    PLOVER types) and ``actor_conflict`` cost F1 there with parse-derived actors.
    """

    threshold: float = 0.4
    w_lemma: float = 0.4
    w_synonym: float = 0.3
    w_type: float = 0.0
    w_args: float = 0.4
    w_place: float = 0.2
    w_date: float = 0.3
    w_sentence: float = 0.5
    w_context: float = 0.5
    require_evidence: bool = True
    actor_conflict: bool = False
    story_threshold: float = 0.1  # documents below this similarity are different stories


@dataclass(frozen=True)
class PairEvidence:
    """The parts of one pair's link score, kept apart so weights can be tuned cheaply."""

    trigger: str  # "lemma" | "synonym" | "type"
    args: float
    place: float
    date: float
    sentence: float
    context: float
    conflict: bool
    actor_conflict: bool

    def score(self, p: MergeParams) -> float:
        """The link score under ``p`` (0 when a contradiction or no evidence forbids it)."""
        if self.conflict or (self.actor_conflict and p.actor_conflict):
            return 0.0
        evidence = (
            p.w_args * self.args
            + p.w_place * self.place
            + p.w_date * self.date
            + p.w_sentence * self.sentence
        )
        if self.trigger == "type":
            # Only the same coarse type: the event itself must be shared (arguments,
            # place, date, wording); sharing a document or story is not enough.
            return p.w_type + evidence if evidence > 0.0 else 0.0
        evidence += p.w_context * self.context
        if evidence <= 0.0 and (p.require_evidence or self.trigger != "lemma"):
            return 0.0
        weight = {"lemma": p.w_lemma, "synonym": p.w_synonym, "type": p.w_type}[self.trigger]
        return weight + evidence


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / len(a | b) if inter else 0.0


def _group_index() -> dict[str, frozenset[int]]:
    out: dict[str, set[int]] = defaultdict(set)
    for i, row in enumerate(TRIGGER_GROUPS):
        for lemma in row:
            out[lemma].add(i)
    return {k: frozenset(v) for k, v in out.items()}


GROUPS_OF = _group_index()


def trigger_match(a: EventMentionFeatures, b: EventMentionFeatures) -> str | None:
    """How the triggers match: "lemma", "synonym", "type" or None (no link possible)."""
    if a.lemma and a.lemma == b.lemma:
        return "lemma"
    if GROUPS_OF.get(a.lemma, frozenset()) & GROUPS_OF.get(b.lemma, frozenset()):
        return "synonym"
    if a.type and a.type == b.type:
        return "type"
    return None


def contradicts(a: EventMentionFeatures, b: EventMentionFeatures) -> bool:
    """Different days, different countries, or one denied and one not: never
    the same event (a denial and a report of the same attack are two claims,
    which a disagreement can put side by side; one group would hide it)."""
    if a.negated != b.negated:
        return True
    dated = bool(a.date and b.date and _DAY.match(a.date) and _DAY.match(b.date))
    if dated and a.date[:DAY_PRECISION] != b.date[:DAY_PRECISION]:  # type: ignore[index]
        return True
    return bool(a.country and b.country and a.country != b.country)


def pair_evidence(
    a: EventMentionFeatures, b: EventMentionFeatures, context: float | None = None
) -> PairEvidence | None:
    """The evidence for linking ``a`` and ``b``; None when their triggers cannot match.
    ``context``: the Jaccard of their contexts when already known (it is per document)."""
    trigger = trigger_match(a, b)
    if trigger is None:
        return None
    args_a, args_b = a.actors | a.targets, b.actors | b.targets
    return PairEvidence(
        trigger=trigger,
        args=_jaccard(args_a, args_b),
        place=1.0 if a.place and a.place == b.place else 0.0,
        date=1.0 if a.date and a.date == b.date else 0.0,
        sentence=0.0 if a.doc == b.doc else _jaccard(a.tokens, b.tokens),
        context=_jaccard(a.context, b.context) if context is None else context,
        conflict=contradicts(a, b),
        actor_conflict=bool(a.actors and b.actors and not a.actors & b.actors),
    )


def _blocks(
    mentions: Sequence[EventMentionFeatures],
    use_type: bool,
    story: Sequence[Hashable | None] | None = None,
) -> dict[Hashable, list[int]]:
    """Blocking key -> mentions. With ``story``, a key is split by story (mentions
    of two stories can never link); a mention in no story joins every story's block."""
    out: dict[Hashable, list[int]] = defaultdict(list)
    floating: dict[Hashable, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        keys: set[Hashable] = {("lemma", m.lemma)}
        keys |= {("group", g) for g in GROUPS_OF.get(m.lemma, ())}
        if use_type and m.type:  # a type-only link needs a shared argument, place or date
            shared = m.actors | m.targets | {m.place, m.date} - {None}
            keys |= {("type", m.type, k) for k in shared}
        s = story[i] if story is not None else None
        for k in keys:
            if story is not None and s is None:
                floating[k].append(i)
            else:
                out[(k, s)].append(i)
    for (k, _), members in out.items():
        members.extend(floating.get(k, ()))
    for k, members in floating.items():
        out.setdefault((k, None), list(members))
    return out


def _neighbours(
    mentions: Sequence[EventMentionFeatures], members: list[int]
) -> Iterator[tuple[int, int]]:
    """The pairs of one block: all of them up to ``BLOCK_WINDOW + 1`` members;
    above that, each mention with the next ``BLOCK_WINDOW`` in (date, document)
    order (sorted neighbourhood), so one huge block costs linear time."""
    if len(members) > BLOCK_WINDOW + 1:
        members = sorted(members, key=lambda i: (mentions[i].date or "", mentions[i].doc, i))
    for x, i in enumerate(members):
        for j in members[x + 1 : x + 1 + BLOCK_WINDOW]:
            yield (i, j) if i < j else (j, i)


def candidate_pairs(
    mentions: Sequence[EventMentionFeatures],
    use_type: bool = True,
    story: Sequence[Hashable | None] | None = None,
) -> dict[tuple[int, int], PairEvidence]:
    """Evidence for every pair sharing a blocking key: the lemma, a trigger group, or
    the type together with an argument, place or date (never the type alone, which
    would compare every two events of a common type). ``story`` (per mention, from
    ``document_stories``) keeps pairs within a story; a block larger than
    ``BLOCK_WINDOW + 1`` compares each mention with its ``BLOCK_WINDOW`` neighbours."""
    out: dict[tuple[int, int], PairEvidence] = {}
    contexts: dict[tuple[int, int], float] = {}  # per pair of context sets (per documents)
    for members in _blocks(mentions, use_type, story).values():
        for pair in _neighbours(mentions, members):
            if pair in out:
                continue
            a, b = mentions[pair[0]], mentions[pair[1]]
            ckey = (id(a.context), id(b.context))
            ctx = contexts.get(ckey)
            if ctx is None:
                ctx = contexts[ckey] = _jaccard(a.context, b.context)
            ev = pair_evidence(a, b, ctx)
            if ev is not None:
                out[pair] = ev
    return out


def cluster(
    n: int,
    pairs: dict[tuple[int, int], PairEvidence],
    params: MergeParams,
    story: Sequence[Hashable | None] | None = None,
) -> tuple[list[list[int]], list[float | None]]:
    """Average-linkage clusters of ``0..n-1`` with link score >= ``params.threshold``.

    ``story`` (per mention, from ``document_stories``) forbids links between
    mentions of documents in two different stories. Returns the clusters
    (lists of indices) and, per cluster, the average linkage of its weakest
    merge (None for a singleton): the group's support.
    """
    scores: dict[tuple[int, int], float] = {}
    cannot: set[tuple[int, int]] = set()
    for (i, j), ev in pairs.items():
        apart = story is not None and None not in (story[i], story[j]) and story[i] != story[j]
        if apart or ev.conflict or (ev.actor_conflict and params.actor_conflict):
            cannot.add((i, j))
            continue
        s = ev.score(params)
        if s > 0.0:
            scores[(i, j)] = s
    return average_linkage(n, scores, cannot, params.threshold, story)


def cluster_mentions(
    mentions: Sequence[EventMentionFeatures], params: MergeParams | None = None
) -> list[list[EventMentionFeatures]]:
    """The mentions grouped into events (each mention in exactly one group)."""
    params = params or MergeParams()
    stories = document_stories(mentions, params.story_threshold)
    story = [stories.get(m.doc) for m in mentions] if stories else None
    pairs = candidate_pairs(mentions, params.w_type > 0, story)
    groups, _ = cluster(len(mentions), pairs, params, story)
    return [[mentions[i] for i in g] for g in groups]
