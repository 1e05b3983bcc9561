"""Developing stories: event-level stories of one larger story join, an unrelated
one stays apart, every story belongs to exactly one (texts invented here)."""

from __future__ import annotations

import re
from datetime import date

from storyline.fuse.stories import StoryDoc, build_story_levels, group_documents
from storyline.fuse.stories_developing import (
    StoryProfile,
    developing_groups,
    gap_weight,
    link_score,
)
from storyline.fuse.stories_rules import DEVELOPING, SETTINGS
from storyline.model import DocumentAnalysis, Evidence, Mention, Metadata

# One developing story (a flood in the Marren valley) told as three events days
# apart: the dam release, the evacuation, the repair fund; and an unrelated match.
RELEASE = (
    "Lorvik dam opens spillways as Marren river swells\n"
    "Engineers at the Lorvik dam opened four spillways on Friday after heavy rain "
    "swelled the Marren river, the Ostmark water agency said. Ilse Varga, the dam's "
    "chief engineer, said the Marren reservoir had risen by four metres in three days."
)
EVACUATION = (
    "Marren valley villages evacuated as Lorvik floodwater spreads\n"
    "Police in Ostmark moved 900 residents of Brede and Holm out of the Marren valley "
    "on Monday as water released from the Lorvik dam flooded farmland. Ilse Varga said "
    "the Lorvik spillways would stay open while the Marren river stays high."
)
FUND = (
    "Ostmark approves repair fund for Marren flood damage\n"
    "The Ostmark parliament approved 40 million crowns on Thursday to repair roads and "
    "farms in the Marren valley damaged by the Lorvik flood. Ilse Varga told lawmakers "
    "the Lorvik dam itself was undamaged and the Marren river was falling."
)
MATCH = (
    "Harbour City win the cup final\n"
    "Harbour City beat Rovers three goals to one in the cup final on Saturday, with "
    "Mina Osei scoring twice before a crowd of forty thousand at the national stadium."
)
NAMES = ["Lorvik", "Marren", "Ostmark", "Ilse Varga", "Brede", "Holm", "Harbour City", "Rovers"]
NAMES += ["Mina Osei"]
LABELS = {"Ilse Varga": "PERSON", "Mina Osei": "PERSON", "Harbour City": "ORG", "Rovers": "ORG"}


def _names(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((n, LABELS.get(n, "GPE")) for n in NAMES for _ in re.finditer(re.escape(n), text))


DOCS = [
    StoryDoc("release", RELEASE, _names(RELEASE), "2031-03-07"),
    StoryDoc("match", MATCH, _names(MATCH), "2031-03-08"),
    StoryDoc("evacuation", EVACUATION, _names(EVACUATION), "2031-03-10"),
    StoryDoc("fund", FUND, _names(FUND), "2031-03-20"),
]


def _profile(words: dict[str, float], names: dict[str, float], day: str) -> StoryProfile:
    p = StoryProfile(first=date.fromisoformat(day))
    p.add("words", words)
    p.add("names", names)
    return p


def test_related_stories_join_and_an_unrelated_one_does_not() -> None:
    flood_a = _profile({"flood": 0.8, "dam": 0.6}, {"lorvik": 1.0}, "2031-03-07")
    flood_b = _profile({"flood": 0.6, "repair": 0.8}, {"lorvik": 1.0}, "2031-03-20")
    cup = _profile({"cup": 0.8, "goal": 0.6}, {"rovers": 1.0}, "2031-03-08")
    setting = {"level": 0.3, "words": 1.0, "names": 1.0, "caps": 0.0}
    groups, links = developing_groups([flood_a, cup, flood_b], setting)
    assert groups == [[0, 2], [1]]
    # a story's link is its mean score with the rest of its group: (0.48 + 1.0) / 2
    assert abs(links[0] - 0.74) < 1e-6 and abs(links[2] - 0.74) < 1e-6
    assert links[1] == 1.0  # alone
    # above that level the two floods stay apart too
    apart, _ = developing_groups([flood_a, cup, flood_b], {**setting, "level": 0.75})
    assert len(apart) == 3


def test_average_link_does_not_chain_through_one_story() -> None:
    # b shares a little with a and with c; a and c share nothing: single link
    # would chain all three, average link keeps the weak side apart
    a = _profile({"flood": 1.0}, {}, "2031-03-01")
    b = _profile({"flood": 0.8, "strike": 0.6}, {}, "2031-03-02")
    c = _profile({"strike": 1.0}, {}, "2031-03-03")
    groups, _ = developing_groups([a, b, c], {"level": 0.5, "words": 1.0})
    assert groups == [[0, 1], [2]]


def test_stories_a_year_apart_need_more_in_common() -> None:
    near = _profile({"flood": 0.8, "dam": 0.6}, {}, "2031-03-07")
    later = _profile({"flood": 0.8, "dam": 0.6}, {}, "2032-06-01")
    plain = {"level": 0.7, "words": 1.0}
    assert len(developing_groups([near, later], plain)[0]) == 1
    dated = {**plain, "gap_free_days": 30.0, "gap_full_days": 365.0, "gap_floor": 0.5}
    assert len(developing_groups([near, later], dated)[0]) == 2
    assert gap_weight(10, dated) == 1.0 and gap_weight(400, dated) == 0.5


def test_link_score_is_a_weighted_mean() -> None:
    cos = {"words": 0.2, "names": 0.8, "caps": 0.5}
    assert link_score(cos, {"words": 1.0, "names": 1.0}) == 0.5
    assert abs(link_score(cos, {"words": 1.0, "names": 2.0, "caps": 1.0}) - 0.575) < 1e-9


def test_events_of_one_developing_story_group_and_the_match_stays_apart() -> None:
    # an event level strict enough that every report is its own story: the
    # developing level alone must bring the three flood reports together
    strict = {**SETTINGS, "threshold": 1.01, "single_threshold": 1.01}
    g = group_documents(DOCS, strict)
    story_of = {DOCS[i].doc_id: n for n, grp in enumerate(g.groups) for i in grp}
    assert len(g.groups) == 4
    dev_of = {s: n for n, grp in enumerate(g.developing) for s in grp}
    flood = {dev_of[story_of[d]] for d in ("release", "evacuation", "fund")}
    assert len(flood) == 1
    assert dev_of[story_of["match"]] not in flood
    assert sorted(s for grp in g.developing for s in grp) == list(range(len(g.groups)))


def _analysis(doc: StoryDoc) -> DocumentAnalysis:
    title = doc.text.split("\n", 1)[0]
    md = Metadata(
        title=Evidence(title, "test", 0, len(title)), published=Evidence(doc.published, "test")
    )
    mentions = [
        Mention(m.start(), m.end(), name, label)
        for name, label in dict(doc.entities).items()
        for m in re.finditer(re.escape(name), doc.text)
    ]
    return DocumentAnalysis(
        doc.doc_id, "t", doc.text, f"{doc.doc_id}.txt", "txt", md, mentions=mentions
    )


def test_records_cover_every_story_once_largest_first() -> None:
    stories, developing = build_story_levels([_analysis(d) for d in DOCS])
    ids = [s for dev in developing for s in dev.stories]
    assert sorted(ids) == sorted(s.id for s in stories)
    by_id = {s.id: s for s in stories}
    for dev in developing:
        assert all(by_id[s].developing == dev.id for s in dev.stories)
        assert dev.documents == [d for s in dev.stories for d in by_id[s].documents]
        assert len(dev.links) == len(dev.stories) and dev.links[0] == 1.0
    sizes = [len(d.documents) for d in developing]
    assert sizes == sorted(sizes, reverse=True)
    assert developing[0].first == "2031-03-07" and developing[0].last == "2031-03-20"


def test_the_shipped_setting_is_complete() -> None:
    assert 0.0 < DEVELOPING["level"] < 1.0
    assert sum(DEVELOPING.get(k, 0.0) for k in ("words", "names", "caps")) > 0
