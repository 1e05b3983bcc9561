"""Story grouping: same event from two outlets is one story, two events of the same
kind are two, and a new document never moves earlier ones (texts invented here)."""

from __future__ import annotations

from storyline.fuse.stories import (
    StoryClusterer,
    StoryDoc,
    build_stories,
    cluster_stories,
    entity_keys,
    gap_factor,
    lead_years,
)
from storyline.fuse.stories_features import (
    StoryEvidence,
    capitalised_words,
    counted_things,
    doc_evidence,
    join_features,
    join_probability,
)
from storyline.fuse.stories_rules import SETTINGS
from storyline.fuse.stories_split import pair_scores, split_story, two_groups
from storyline.model import DocumentAnalysis, Mention, Metadata

BRASK_1 = (
    "Two inmates escape Varnholt prison\n"
    "Teodor Brask and a cellmate escaped from Varnholt prison on Sunday night by cutting "
    "through a laundry wall, the Ostmark justice ministry said. Police set up roadblocks "
    "around Varnholt and asked residents to report sightings of Brask."
)
BRASK_2 = (
    "Manhunt after Varnholt jailbreak\n"
    "Police in Ostmark are searching for Teodor Brask, who broke out of Varnholt prison "
    "with another inmate by cutting through the laundry wall. Brask was serving twelve "
    "years for armed robbery. Roadblocks remain around Varnholt."
)
QUIRING = (
    "Inmate flees Kellmoor jail during hospital visit\n"
    "Ansel Quiring escaped from guards at Kellmoor hospital on Tuesday, the Dalwick "
    "prison service said. Quiring, jailed for fraud, slipped out of a side door; "
    "officers searched Kellmoor's old town through the night."
)
FOOTBALL = (
    "Harbour City win the cup final\n"
    "Harbour City beat Rovers three goals to one in the cup final on Saturday, with "
    "Mina Osei scoring twice before a crowd of forty thousand at the national stadium."
)
BUDGET = (
    "Parliament passes budget\n"
    "Lawmakers in Dalwick approved the annual budget after a long debate over farm "
    "subsidies and school funding, finance minister Ruth Anand said on Friday."
)


def _doc(doc_id: str, text: str, names: list[tuple[str, str]], day: str | None = None):
    return StoryDoc(doc_id, text, tuple(names), day)


DOCS = [
    _doc("budget", BUDGET, [("Dalwick", "GPE"), ("Ruth Anand", "PERSON")]),
    _doc("brask1", BRASK_1, [("Teodor Brask", "PERSON"), ("Varnholt", "GPE"), ("Ostmark", "GPE")]),
    _doc("cup", FOOTBALL, [("Harbour City", "ORG"), ("Rovers", "ORG"), ("Mina Osei", "PERSON")]),
    _doc("quiring", QUIRING, [("Ansel Quiring", "PERSON"), ("Kellmoor", "GPE"),
                              ("Dalwick", "GPE")]),
    _doc("brask2", BRASK_2, [("Ostmark", "GPE"), ("Teodor Brask", "PERSON"),
                             ("Varnholt", "GPE"), ("Brask", "PERSON")]),
]  # fmt: skip


def _story_of(groups: list[list[int]], docs: list[StoryDoc]) -> dict[str, int]:
    return {docs[i].doc_id: n for n, g in enumerate(groups) for i in g}


def test_two_outlets_on_one_escape_are_one_story_another_escape_is_not() -> None:
    groups, joins = cluster_stories(DOCS, ordered=True)
    story = _story_of(groups, DOCS)
    assert story["brask1"] == story["brask2"]
    assert story["quiring"] != story["brask1"]  # same kind of event, other people and place
    assert len({story["budget"], story["cup"], story["quiring"], story["brask1"]}) == 4
    assert joins[DOCS.index(DOCS[-1])] < 1.0  # brask2 joined with a similarity below 1


def test_adding_documents_never_moves_earlier_ones() -> None:
    clusterer = StoryClusterer()
    first = [clusterer.add(d) for d in DOCS[:3]]
    later = [clusterer.add(d) for d in DOCS[3:]]
    again = StoryClusterer()
    assert [again.add(d) for d in DOCS] == first + later
    # the first three alone are grouped as they were inside the longer run
    groups, _ = cluster_stories(DOCS[:3], ordered=True)
    full, _ = cluster_stories(DOCS, ordered=True)
    assert [[i for i in g if i < 3] for g in full if any(i < 3 for i in g)] == groups


def test_publication_order_decides_arrival_and_a_long_gap_separates() -> None:
    late = _doc("brask2", BRASK_2, list(DOCS[-1].entities), "2024-09-01")
    early = _doc("brask1", BRASK_1, list(DOCS[1].entities), "2024-03-03")
    near = _doc("brask2", BRASK_2, list(DOCS[-1].entities), "2024-03-04")
    assert gap_factor(1) == 1.0 > gap_factor(10) > gap_factor(400)
    together, _ = cluster_stories([*DOCS[:1], near, early])
    assert any({1, 2} <= set(g) for g in together)
    # the input order is not the arrival order: brask1 (earlier) starts the story
    assert [g for g in together if 1 in g][0][0] == 2
    c = StoryClusterer()
    c.add(early)
    assert StoryClusterer().score(near).score == 0.0  # a fresh clusterer has no story
    sim_late = c.score(late).score
    c2 = StoryClusterer()
    c2.add(early)
    assert sim_late < c2.score(near).score


def test_entity_keys_meet_across_labels_and_surnames() -> None:
    keys, weight = entity_keys([("Tara Reid", "PERSON"), ("Reid", "PERSON"), ("the UN", "ORG"),
                                ("Friday", "DATE")])  # fmt: skip
    assert keys["reid"] == 2 and keys["tara reid"] == 1 and keys["un"] == 1
    assert "friday" not in keys and weight["reid"] == 1.0
    assert lead_years("Updated 5 / 5 / 2010\nRiots in the capital") == {"2010"}
    assert lead_years("x" * 200 + " born in 1923") == frozenset()


def test_build_stories_titles_point_into_the_text() -> None:
    analyses = []
    for d in DOCS:
        a = DocumentAnalysis(d.doc_id, "test", d.text, f"{d.doc_id}.txt", "txt", Metadata())
        a.outputs["mentions"] = [Mention(0, 1, t, label) for t, label in d.entities]
        analyses.append(a)
    stories = build_stories(analyses)
    assert sum(len(s.documents) for s in stories) == len(DOCS)
    brask = next(s for s in stories if "brask1" in s.documents)
    assert brask.documents == ["brask1", "brask2"] and brask.title == BRASK_1.split("\n")[0]
    span = brask.title_span
    assert span is not None and BRASK_1[span["start"] : span["end"]] == span["text"]
    assert len(brask.joins) == 2 and brask.joins[0] == 1.0  # brask1 started it
    assert SETTINGS["threshold"] <= brask.joins[1] == brask.cohesion <= 1.0
    assert [s.id for s in stories] == [f"story-{n}" for n in range(1, len(stories) + 1)]


KELLMOOR_2 = (
    "Kellmoor escapee still at large\n"
    "Police in Dalwick said Ansel Quiring, who slipped away from guards at Kellmoor "
    "hospital on Tuesday, had not been found; roadblocks stay around Kellmoor."
)


def test_a_story_names_the_similar_story_it_did_not_join() -> None:
    docs = [*DOCS, _doc("quiring2", KELLMOOR_2, [("Dalwick", "GPE"), ("Ansel Quiring", "PERSON"),
                                                 ("Kellmoor", "GPE")])]  # fmt: skip
    analyses = []
    for d in docs:
        a = DocumentAnalysis(d.doc_id, "test", d.text, f"{d.doc_id}.txt", "txt", Metadata())
        a.outputs["mentions"] = [Mention(0, 1, t, label) for t, label in d.entities]
        analyses.append(a)
    stories = {s.documents[0]: s for s in build_stories(analyses)}
    assert stories["quiring"].documents == ["quiring", "quiring2"]
    brask = stories["brask1"]
    ids = {s.id: first for first, s in stories.items()}
    # the other escape is the same kind of story: listed as similar, below the join threshold
    similar = {ids[x["story"]]: x["score"] for x in brask.similar}
    assert all(0.0 < sc < SETTINGS["threshold"] for sc in similar.values())
    assert "cup" not in similar


def test_counted_things_and_capitalised_words() -> None:
    assert counted_things("Police arrested 23 pirates and 4 Somali boats in 2011.") == {
        "pirate": frozenset({"23"}),
        "boat": frozenset({"4"}),
    }
    caps = capitalised_words("The navy of Ostmark met. Then Brask left\nVarnholt stays")
    assert caps == {"ostmark": 1, "brask": 1}


def test_a_conflicting_count_lowers_the_join_score() -> None:
    base = doc_evidence("Navy captures 23 pirates", [])
    story = StoryEvidence()
    story.absorb(base)
    same = join_features({"words": 0.5}, doc_evidence("23 pirates held", []), story)
    other = join_features({"words": 0.5}, doc_evidence("26 pirates held", []), story)
    assert same["count_match"] > 0 and other["count_conflict"] > 0
    assert join_probability(other) < join_probability(same)


QUIRING_DOCS = [
    _doc("quiring", QUIRING, [("Ansel Quiring", "PERSON"), ("Kellmoor", "GPE"),
                              ("Dalwick", "GPE")]),
    _doc("quiring2", KELLMOOR_2, [("Dalwick", "GPE"), ("Ansel Quiring", "PERSON"),
                                  ("Kellmoor", "GPE")]),
]  # fmt: skip


def test_a_story_of_one_document_asks_for_the_single_threshold() -> None:
    probe = StoryClusterer()
    probe.add(QUIRING_DOCS[0])
    p = probe.score(QUIRING_DOCS[1]).score
    assert 0.0 < p < 1.0
    lenient = {**SETTINGS, "threshold": p / 2, "single_threshold": 0.0}
    strict = {**SETTINGS, "threshold": p / 2, "single_threshold": (p + 1) / 2}
    assert len(cluster_stories(QUIRING_DOCS, lenient, ordered=True)[0]) == 1
    assert len(cluster_stories(QUIRING_DOCS, strict, ordered=True)[0]) == 2
    # a story of two documents is held to the plain threshold again
    c = StoryClusterer(lenient)
    c.add(QUIRING_DOCS[0])
    c.add(QUIRING_DOCS[1])
    assert c.bar(0) == lenient["threshold"]
    assert StoryClusterer(strict).add(QUIRING_DOCS[0]) == 0


def test_take_and_put_back_restore_the_story() -> None:
    c = StoryClusterer()
    for d in DOCS:
        c.add(d)
    probe = doc_evidence(KELLMOOR_2, QUIRING_DOCS[1].entities)
    vectors = c.docs[DOCS.index(DOCS[3])][1]  # quiring's own vectors as a probe
    before = c.features(probe, vectors)
    brask2 = len(DOCS) - 1
    story, score = c.take(brask2)
    assert brask2 not in c.stories[story].members
    c.put(brask2, story, score)
    after = c.features(probe, vectors)
    assert before.keys() == after.keys()
    for s in before:
        for k, v in before[s].items():
            assert abs(after[s][k] - v) < 1e-9


def test_repair_moves_a_misplaced_document_back_to_its_story() -> None:
    settings = {**SETTINGS, "repair_margin": 0.0}
    c = StoryClusterer(settings)
    docs = [*DOCS, QUIRING_DOCS[1]]
    for d in docs:
        c.add(d)
    brask1, brask2 = 1, len(DOCS) - 1
    home = c.story_of[brask1]
    assert c.story_of[brask2] == home
    quiring_story = c.story_of[3]
    c.take(brask2)
    c.put(brask2, quiring_story, 0.0)  # an early wrong join
    assert c.repair() >= 1
    assert c.story_of[brask2] == home and c.story_of[3] == quiring_story
    assert sorted(c.stories[home].members) == c.stories[home].members
    # without the setting there is no repair
    assert StoryClusterer().repair() == 0


BRASK_3 = (
    "Varnholt escapee Brask caught\n"
    "Teodor Brask, who escaped from Varnholt prison through a laundry wall, was caught "
    "at a farm near Varnholt, Ostmark police said. His cellmate is still at large."
)
KELLMOOR_3 = (
    "Kellmoor hospital reviews guard rules after Quiring escape\n"
    "Kellmoor hospital will review how guards escort inmates after Ansel Quiring slipped "
    "out of a side door on Tuesday, the Dalwick prison service said."
)


def test_a_story_of_two_groups_splits_and_a_close_story_does_not() -> None:
    brask = [("Teodor Brask", "PERSON"), ("Varnholt", "GPE"), ("Ostmark", "GPE")]
    quiring = [("Ansel Quiring", "PERSON"), ("Kellmoor", "GPE"), ("Dalwick", "GPE")]
    docs = [_doc("b1", BRASK_1, brask), _doc("b2", BRASK_2, brask), _doc("b3", BRASK_3, brask),
            _doc("q1", QUIRING, quiring), _doc("q2", KELLMOOR_2, quiring),
            _doc("q3", KELLMOOR_3, quiring)]  # fmt: skip
    settings = {**SETTINGS, "split_floor": 0.3}
    c = StoryClusterer(settings)
    for d in docs:
        c.add(d)
    merged = c.story_of[0]
    for d in range(1, len(docs)):  # one merged story, as an early wrong join leaves it
        c.take(d)
        c.put(d, merged, 0.5)
    scores = pair_scores([c.docs[d] for d in c.members(merged)], c.model)
    assert scores[0][1] > 0.3 > scores[0][3]
    new = split_story(c, merged)
    assert new is not None
    assert c.members(merged) == [0, 1, 2] and c.members(new) == [3, 4, 5]
    assert split_story(c, merged) is None and split_story(c, new) is None  # too small now
    # without the setting nothing is split
    plain = StoryClusterer()
    for d in docs:
        plain.add(d)
    assert split_story(plain, plain.story_of[0]) is None


def test_two_groups_by_average_link() -> None:
    high, low = 0.9, 0.05
    scores = [[0.0, high, low, low], [high, 0.0, low, low], [low, low, 0.0, high],
              [low, low, high, 0.0]]  # fmt: skip
    a, b, cross = two_groups(scores)
    assert sorted([sorted(a), sorted(b)]) == [[0, 1], [2, 3]] and abs(cross - low) < 1e-9


def test_one_story_cosine_is_the_same_float_as_from_the_postings() -> None:
    """The shortlist's other kinds are scored one story at a time; the value
    must be exactly what the posting-list walk gives (same order of sums)."""
    from storyline.fuse.stories import TermSpace

    space = TermSpace(background=False)
    docs = [{"a": 3, "b": 1}, {"b": 2, "c": 5}, {"a": 1, "c": 1, "d": 4}, {"e": 1}]
    for i, counts in enumerate(docs):
        space.observe(counts)
        space.add(i % 2, space.vector(counts))
    space.add(0, {t: -v for t, v in space.vector(docs[2]).items()})  # a document taken out
    query = space.vector({"a": 2, "c": 1, "e": 1})
    every = space.similarities(query)
    for story in (0, 1, 2):
        assert space.similarity(query, story) == every.get(story, 0.0)
    assert space.similarity({"zzz": 1.0}, 0) == 0.0
