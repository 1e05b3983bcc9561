"""Fusion at scale: the indexed / blocked steps give what a full scan gives on
small inputs, and a huge block stays bounded (no timing asserts)."""

from __future__ import annotations

import random
from types import SimpleNamespace
from typing import Any

from storyline.fuse.events import EventMentionFeatures, MergeParams
from storyline.fuse.events.core import candidate_pairs, cluster
from storyline.fuse.events.linkage import (
    ALL_PAIRS,
    STORY_NEIGHBOURS,
    average_linkage,
    document_stories,
    story_pairs,
)
from storyline.fuse.events.rules import BLOCK_WINDOW
from storyline.fuse.forecasts import Candidate, group_candidates, same_forecast
from storyline.fuse.forecasts_rules import AUXILIARIES, CUE_PATTERN
from storyline.fuse.forecasts_status import SentenceIndex, gather, relation, stem
from storyline.fuse.timeline import day_of, published_day
from storyline.fuse.timeline_text import words_of
from storyline.model import DocumentAnalysis, Evidence, Metadata, Sentence, Span

# --------------------------------------------------------------- forecasts

LINES = [
    "The levee could fail by Friday, the hydrologist warned.",
    "The levee held through the night despite the rain.",
    "Engineers said the levee did not fail.",
    "The weather was mild in the capital.",
    "The reservoir will be drawn down below its critical level.",
    "Officials said the reservoir was drawn down below the critical level.",
    "Is the levee going to fail?",
    "It did not.",
    "The levee could still fail, the mayor warned.",
]


def _doc(doc_id: str, published: str | None, rng: random.Random) -> DocumentAnalysis:
    lines = rng.sample(LINES, 4)
    text = "\n".join(lines)
    sentences, pos = [], 0
    for line in lines:
        sentences.append(Sentence(pos, pos + len(line)))
        pos += len(line) + 1
    spans = [Span("boilerplate", 0, len(lines[0]))] if rng.random() < 0.2 else []
    md = Metadata(published=Evidence(published, "json") if published else None)
    return DocumentAnalysis(doc_id, "1", text, doc_id, "json", md, sentences=sentences, spans=spans)


def _naive_gather(fc: Any, clause: Any, analyses: list[DocumentAnalysis]) -> list[dict]:
    """The status step as a full scan of every later sentence (the reference)."""
    after = fc.made or (fc.deadline[:10] if fc.deadline else None)
    cue = CUE_PATTERN.search(clause.text)
    rest = words_of(clause.text[cue.end() :]) if cue else []
    verb = next((w for w in rest if w not in AUXILIARIES), None)
    out = []
    for a in analyses:
        pub = published_day(a)
        if pub is None or after is None or pub <= after or a.doc_id in fc.docs:
            continue
        if a.doc_id == clause.lineage:
            continue
        boiler = [(s.start, s.end) for s in a.spans if s.kind == "boilerplate"]
        for i, s in enumerate(a.sentences):
            text = a.text[s.start : s.end]
            if text.rstrip().endswith("?") or any(
                b0 <= s.start and s.end <= b1 for b0, b1 in boiler
            ):
                continue
            nxt = a.sentences[i + 1] if i + 1 < len(a.sentences) else None
            follow = a.text[nxt.start : nxt.end] if nxt else None
            rel = relation(clause, text, follow, verb)
            if rel is None or (rel == "still pending" and fc.deadline and pub > fc.deadline[:10]):
                continue
            dates = [d for t in a.timexes if s.start <= t.start < s.end and (d := day_of(t.value))]
            first = min(dates) if dates else None
            out.append({"doc": a.doc_id, "start": s.start, "end": s.end, "text": text,
                        "relation": rel, "published": pub, "date": first})  # fmt: skip
    return out


def test_indexed_forecast_evidence_equals_a_full_scan() -> None:
    rng = random.Random(3)
    days = [None, "2025-04-01", "2025-04-02", "2025-04-03", "2025-04-05", "2025-04-09"]
    analyses = [_doc(f"d{i}", rng.choice(days), rng) for i in range(40)]
    index = SentenceIndex(analyses, {})

    def stems(*words: str) -> frozenset[str]:
        return frozenset(stem(w) for w in words)

    clauses = [
        ("The levee could fail by Friday", ["levee"], ("levee", "fail", "friday")),
        ("The reservoir will be drawn down", ["reservoir"], ("reservoir", "drawn", "down")),
        ("Officials could fail", ["officials"], ("officials", "fail")),
    ]
    checked = 0
    for text, subject, words in clauses:
        for made in ("2025-04-01", "2025-04-02", None):
            for deadline in ("2025-04-04", None):
                clause = SimpleNamespace(
                    doc="d0", text=text, subject=sorted(stems(*subject)), words=stems(*words),
                    deadline=deadline, inferred=False, lineage="d1",
                )  # fmt: skip
                fc = SimpleNamespace(made=made, deadline=deadline, docs=["d0"])
                got = gather(fc, clause, analyses, {}, index)  # type: ignore[arg-type]
                want = _naive_gather(fc, clause, analyses)
                key = lambda e: (e["doc"], e["start"])  # noqa: E731
                assert sorted(got, key=key) == sorted(want, key=key)
                checked += len(want)
    assert checked > 10  # the corpus does hold evidence: the comparison is not vacuous


def _naive_groups(cands: list[Candidate]) -> list[list[Candidate]]:
    groups: list[list[Candidate]] = []
    for c in cands:
        home = next((g for g in groups if any(same_forecast(c, o) for o in g)), None)
        if home is None:
            groups.append([c])
        else:
            home.append(c)
    return groups


def test_forecast_copies_grouped_as_by_a_full_scan() -> None:
    rng = random.Random(5)
    vocab = [f"w{i}" for i in range(12)]
    cands = [
        Candidate(
            doc=f"d{rng.randrange(15)}",
            start=i,
            end=i + 1,
            text="",
            modality="predicted",
            subject=rng.sample(vocab[:4], 1),
            words=frozenset(rng.sample(vocab, 4)),
            made=None,
            deadline=rng.choice([None, "2025-04-04", "2025-04-04T18:00", "2025-04-12"]),
            lineage=f"l{rng.randrange(6)}",
        )  # fmt: skip
        for i in range(300)
    ]
    got = [[c.start for c in g] for g in group_candidates(cands)]
    want = [[c.start for c in g] for g in _naive_groups(cands)]
    assert got == want
    assert any(len(g) > 1 for g in got) and len(got) > 1


# ------------------------------------------------------------------ events


def _mentions(n: int, rng: random.Random, docs: int = 12) -> list[EventMentionFeatures]:
    lemmas = ["attack", "strike", "shell", "meet", "talk", "kill", "airstrike"]
    actors = ["ent1", "ent2", "ent3", "army"]
    out = []
    for i in range(n):
        d = rng.randrange(docs)
        out.append(
            EventMentionFeatures(
                key=i, doc=f"d{d}", lemma=rng.choice(lemmas),
                type=rng.choice(["ASSAULT", "CONSULT"]),
                actors=frozenset(rng.sample(actors, rng.randrange(2))),
                place=rng.choice([None, "kyiv", "odesa"]),
                date=rng.choice([None, "2022-03-01", "2022-03-02"]),
                tokens=frozenset(rng.sample(["port", "city", "night", "forces", "shell"], 2)),
                context=frozenset({f"story{d % 3}", f"e{d}"}),
                doc_words=frozenset({f"topic{d % 3}", f"w{d}"}),
            )
        )  # fmt: skip
    return out


def _old_cluster(mentions: list[EventMentionFeatures], params: MergeParams) -> list[list[int]]:
    """The clustering before stories split the blocks: every pair of a block is
    compared and a pair across stories becomes a cannot-link (the reference)."""
    pairs = candidate_pairs(mentions, params.w_type > 0)
    stories = document_stories(mentions, params.story_threshold)
    story = [stories.get(m.doc) for m in mentions]
    scores, cannot = {}, set()
    for (i, j), ev in pairs.items():
        if story[i] != story[j] or ev.conflict or (ev.actor_conflict and params.actor_conflict):
            cannot.add((i, j))
        elif (s := ev.score(params)) > 0.0:
            scores[(i, j)] = s
    groups, _ = average_linkage(len(mentions), scores, cannot, params.threshold)
    return groups


def test_blocking_by_story_gives_the_groups_of_comparing_every_pair() -> None:
    params = MergeParams(w_type=0.1, actor_conflict=True)
    merged = 0
    for seed in range(6):
        mentions = _mentions(60, random.Random(seed))
        stories = document_stories(mentions, params.story_threshold)
        story = [stories.get(m.doc) for m in mentions]
        assert len(set(story)) > 1  # several stories, so the split matters
        pairs = candidate_pairs(mentions, True, story)
        groups, _ = cluster(len(mentions), pairs, params, story)
        assert groups == _old_cluster(mentions, params)
        merged += sum(len(g) > 1 for g in groups)
    assert merged > 0


def test_a_huge_block_compares_each_mention_with_a_bounded_window() -> None:
    n = 4 * BLOCK_WINDOW
    mentions = [
        EventMentionFeatures(key=i, doc=f"d{i}", lemma="kill", context=frozenset({"x"}))
        for i in range(n)
    ]
    pairs = candidate_pairs(mentions, False, [0] * n)
    assert len(pairs) <= n * BLOCK_WINDOW < n * (n - 1) // 2
    # every mention still meets its neighbours
    assert {i for pair in pairs for i in pair} == set(range(n))


def test_two_labels_never_merge_even_through_an_unlabelled_item() -> None:
    scores = {(0, 1): 0.9, (1, 2): 0.9, (0, 2): 0.9}
    groups, _ = average_linkage(3, scores, set(), 0.4, ["a", None, "b"])
    assert sorted(map(len, groups)) == [1, 2]
    groups, _ = average_linkage(3, scores, set(), 0.4, ["a", None, "a"])
    assert groups == [[0, 1, 2]]


def test_stories_of_a_large_collection_compare_a_bounded_number_of_pairs() -> None:
    rng = random.Random(1)
    n = ALL_PAIRS * 3
    rows = []
    for d in range(n):
        topic = d % 20
        words = {f"t{topic}w{rng.randrange(30)}" for _ in range(15)} | {"common", "said"}
        rows.append((frozenset({f"t{topic}e{rng.randrange(5)}"}), frozenset(words)))
    pairs = story_pairs(rows)
    assert len(pairs) <= n * STORY_NEIGHBOURS
    # candidates come from the document's own story: rare keys are topic words
    assert sum(i % 20 == j % 20 for i, j in pairs) == len(pairs)


# ------------------------------------------------------------------ quotes


def test_a_quote_reprinted_far_more_often_than_the_scan_cap_is_still_one_group() -> None:
    from storyline.fuse.quotes import QUOTES_PER_KEY, group_quotes
    from storyline.model import Quote

    q = "The levee will hold until the water drops below the marker"
    docs = []
    for i in range(3 * QUOTES_PER_KEY):
        text = f"Report {i}: \u201c{q}.\u201d"
        start = text.index(q)
        quote = Quote("q1", start, start + len(q), q, "direct")
        docs.append(
            DocumentAnalysis(f"d{i}", "1", text, f"d{i}", "txt", Metadata(), quotes=[quote])
        )
    groups = group_quotes(docs)
    assert len(groups) == 1 and len(groups[0].docs) == len(docs)
