"""The per-story brief: cited, non-redundant summary sentences preferring originals;
a headline that no later report refutes; state of play and sources in words
(texts invented here)."""

from __future__ import annotations

import re

import pytest

import storyline.fuse.brief as brief_mod
from storyline.fuse.brief import build_briefs, sources_in_words
from storyline.fuse.brief_summary import SummaryDoc, SummarySentence, summarise, summary_length
from storyline.fuse.stories_rules import LOOSE_LINK
from storyline.model import (
    Conflict,
    ConflictSide,
    CopyLink,
    DevelopingStory,
    DocumentAnalysis,
    Entity,
    EntityMention,
    Evidence,
    Forecast,
    Fused,
    Lineage,
    Metadata,
    Sentence,
    Span,
    Story,
)

ORIGINAL = (
    "Dam at Lorvik will open on Friday, officials say\n"
    "The Lorvik dam will open its spillways on Friday to relieve the swollen Marren river, "
    "regional water officials said on Tuesday.\n"
    "Engineer Ilse Varga said the reservoir had risen by four metres in three days after "
    "heavy rain across the Marren valley.\n"
    "Farmers downstream were told to move livestock to higher ground before the release.\n"
    "The regional council has set up two shelters in schools near the river banks.\n"
)
# A machine-spun copy of the original: same sentences, odd synonyms.
SPUN = (
    "Dam astatine Lorvik volition unfastened connected Friday\n"
    "The Lorvik dam will open its spillways on Friday to relieve the swollen Marren river, "
    "regional water officials said on Tuesday.\n"
    "Engineer Ilse Varga said the reservoir had risen by four metres in three days after "
    "heavy rainfall across the Marren valley.\n"
)
LATER = (
    "Lorvik spillways opened as river peaks\n"
    "Water began pouring from the Lorvik dam on Friday morning as the Marren river reached "
    "its highest level in twenty years.\n"
    "Ilse Varga said the release would continue for at least two days while the reservoir "
    "falls back to a safe level.\n"
    "Mayor Tomas Reyn said the shelters had taken in about sixty families overnight.\n"
)


def _sentences(text: str) -> list[Sentence]:
    return [Sentence(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def _analysis(doc_id: str, text: str, day: str, outlet: str | None = None, **integ):
    title = text.split("\n", 1)[0]
    md = Metadata(
        title=Evidence(title, "test", 0, len(title)),
        outlet=Evidence(outlet, "test") if outlet else None,
        published=Evidence(day, "test"),
    )
    a = DocumentAnalysis(doc_id, "test", text, f"{doc_id}.txt", "txt", md)
    a.sentences = _sentences(text)
    a.integrity = {k: {"flagged": v} for k, v in integ.items()}
    return a


def _mentions(name: str, analyses: list[DocumentAnalysis]) -> list[EntityMention]:
    return [
        EntityMention(a.doc_id, m.start(), m.end(), name)
        for a in analyses
        for m in re.finditer(re.escape(name), a.text)
    ]


@pytest.fixture
def story_parts():
    docs = [
        _analysis("orig", ORIGINAL, "2030-04-02", "Valley Post"),
        _analysis("spun", SPUN, "2030-04-03", spun=True),
        _analysis("later", LATER, "2030-04-05", "River Times"),
    ]
    link = CopyLink("spun", "orig", "spun", 0.9)
    fused = Fused(
        entities=[
            Entity("e1", "Ilse Varga", "PERSON", mentions=_mentions("Ilse Varga", docs)),
            Entity("e2", "Lorvik", "GPE", mentions=_mentions("Lorvik", docs)),
        ],
        lineages=[Lineage("L1", "orig", ["orig", "spun"], [link])],
    )
    title_end = ORIGINAL.index("\n")
    fused.sections["forecasts"] = [
        Forecast(
            id="f1",
            statement={"doc": "orig", "start": 0, "end": title_end, "text": ORIGINAL[:title_end]},
            claim="Dam at Lorvik will open on Friday",
            modality="predicted",
            status="contradicted",
            reason="A later report says otherwise.",
            docs=["orig"],
        )
    ]
    at = LATER.index("sixty families")
    fused.sections["conflicts"] = [
        Conflict(
            "cf1",
            "numbers",
            "families sheltered",
            "Two numbers.",
            [
                ConflictSide("orig", 0, 5, ORIGINAL[:5], "2030-04-02", "L1", "two shelters"),
                ConflictSide("later", at, at + 5, LATER[at : at + 5], "2030-04-05", None, "sixty"),
            ],
        )
    ]
    fused.sections["timeline"] = [
        {
            "date": "2030-04-05",
            "precision": "day",
            "modality": "asserted",
            "sentences": [
                {"doc": "later", "start": 40, "end": 60, "text": LATER[40:60], "sources": ["later"]}
            ],
        }
    ]
    fused.sections["stories"] = [Story("story-1", "t", ["orig", "spun", "later"])]
    return docs, fused


def test_summary_cites_exact_spans_prefers_originals_and_never_repeats(story_parts) -> None:
    docs, fused = story_parts
    (story,) = build_briefs(docs, fused)
    texts = {a.doc_id: a.text for a in docs}
    assert 3 <= len(story.summary) <= 5
    for s in story.summary:
        assert texts[s["doc_id"]][s["start"] : s["end"]] == s["text"] and s["doc"] == s["doc_id"]
    assert all(s["doc_id"] != "spun" for s in story.summary)  # the original says it all
    assert len({s["text"] for s in story.summary}) == len(story.summary)
    assert {s["doc_id"] for s in story.summary} == {"orig", "later"}
    assert story.summary[0]["outlet"] == "Valley Post"


def test_brief_headline_sources_and_state_of_play(story_parts) -> None:
    docs, fused = story_parts
    (story,) = build_briefs(docs, fused)
    brief = story.brief
    assert brief is not None
    # The original's title states a forecast a later report contradicts: not the headline.
    assert brief["headline"]["doc_id"] == "later"
    sources = brief["sources"]
    assert (sources["documents"], sources["independent"]) == (3, 2)
    assert sources["in_words"] == "2 independent sources (3 articles; 1 is a copy)"
    assert sources["integrity_words"] == "1 machine-spun"
    kinds = [i["kind"] for i in brief["state_of_play"]]
    assert kinds[0] == "actor" and {"development", "forecast", "disagreement"} <= set(kinds)
    varga = next(i for i in brief["state_of_play"] if i["text"].startswith("Ilse Varga"))
    assert "named in 3 of 3 articles" in varga["text"]
    texts = {a.doc_id: a.text for a in docs}
    for item in brief["state_of_play"]:
        for r in item["refs"]:
            assert texts[r["doc_id"]][r["start"] : r["end"]] == r["text"]
    forecast = next(i for i in brief["state_of_play"] if i["kind"] == "forecast")
    assert forecast["text"].startswith("Forecast contradicted")
    spun_words = sources_in_words(1, 1)
    assert spun_words == "1 independent source (1 article)"


def test_sources_in_words() -> None:
    assert sources_in_words(3, 3) == "3 independent sources (3 articles; no copies found)"
    assert sources_in_words(5, 3) == "3 independent sources (5 articles; 2 are copies)"


def test_one_failing_story_costs_only_its_brief(story_parts, monkeypatch) -> None:
    docs, fused = story_parts
    fused.sections["stories"].append(Story("story-2", "u", ["later"]))
    real = brief_mod.brief_story

    def flaky(story, *args):
        if story.id == "story-1":
            raise RuntimeError("boom")
        return real(story, *args)

    monkeypatch.setattr(brief_mod, "brief_story", flaky)
    first, second = build_briefs(docs, fused)
    assert first.brief is None and first.summary == []
    assert second.brief is not None and second.summary
    assert any("brief story-1" in e for e in docs[0].errors)


def test_summary_core_length_order_and_boilerplate() -> None:
    assert [summary_length(n) for n in (1, 2, 3, 4, 9)] == [3, 4, 4, 5, 5]
    lines = [
        "Sign up for our newsletter",  # furniture: no sentence end, too short
        "The Marren river rose by four metres in three days after heavy rain in the valley.",
        "The Marren river rose by four metres in three days after heavy rain in the valley.",
        "Officials in Lorvik opened two shelters for families living near the river banks.",
        "officials said the ferry to Osk island would resume crossings next Monday morning.",
    ]
    text = "\n".join(lines)
    sents, pos = [], 0
    for line in lines:
        sents.append(SummarySentence(pos, pos + len(line), line))
        pos += len(line) + 1
    picks = summarise([SummaryDoc("d", tuple(sents))], 3)
    assert [p.sentence.start for p in picks] == sorted(p.sentence.start for p in picks)
    assert len(picks) == 2  # the repeated sentence is said once, the blurb and fragment never
    assert all(text[p.sentence.start : p.sentence.end] == p.sentence.text for p in picks)


def test_boilerplate_sentences_are_never_summary(story_parts) -> None:
    docs, fused = story_parts
    orig = docs[0]
    second = orig.sentences[1]
    orig.spans.append(Span(second.start, second.end, "boilerplate", "test"))
    (story,) = build_briefs(docs, fused)
    assert all(s["start"] != second.start for s in story.summary if s["doc_id"] == "orig")


def test_a_one_document_story_still_gets_its_full_summary() -> None:
    lines = [
        "The Marren river rose by four metres in three days after heavy rain in the valley.",
        "Officials in Lorvik opened two shelters for families living near the river banks.",
        "The ferry to Osk island will resume crossings next Monday morning, its owner said.",
    ]
    sents, pos = [], 0
    for line in lines:
        sents.append(SummarySentence(pos, pos + len(line), line))
        pos += len(line) + 1
    assert len(summarise([SummaryDoc("d", tuple(sents))], summary_length(1))) == 3


def test_a_developing_story_is_briefed_over_all_its_event_stories(story_parts) -> None:
    docs, fused = story_parts
    first, second = Story("story-1", "t", ["orig", "spun"]), Story("story-2", "u", ["later"])
    fused.sections["stories"] = [first, second]
    both = DevelopingStory("developing-1", "t", ["story-1", "story-2"], ["orig", "spun", "later"])
    fused.sections["developing_stories"] = [both]
    build_briefs(docs, fused)
    assert both.brief is not None
    assert (both.brief["sources"]["documents"], both.brief["sources"]["independent"]) == (3, 2)
    # the summary draws on both events; the event stories keep their own briefs
    assert {s["doc_id"] for s in both.summary} == {"orig", "later"}
    assert first.brief["sources"]["documents"] == 2 and second.brief["sources"]["documents"] == 1
    assert both.brief["headline"]["doc_id"] == "later"  # the original's title is refuted


def test_a_developing_story_of_one_story_shares_its_brief(story_parts) -> None:
    docs, fused = story_parts
    (story,) = fused.sections["stories"]
    alone = DevelopingStory("developing-1", "t", ["story-1"], list(story.documents))
    fused.sections["developing_stories"] = [alone]
    build_briefs(docs, fused)
    assert alone.brief == story.brief and alone.summary == story.summary
    assert alone.brief is not None


def test_a_loosely_linked_story_is_kept_out_of_the_developing_brief(story_parts) -> None:
    docs, fused = story_parts
    first, second = Story("story-1", "t", ["orig", "spun"]), Story("story-2", "u", ["later"])
    fused.sections["stories"] = [first, second]
    loose = LOOSE_LINK / 2
    dev = DevelopingStory(
        "developing-1", "t", ["story-1", "story-2"], ["orig", "spun", "later"], links=[loose, loose]
    )
    fused.sections["developing_stories"] = [dev]
    build_briefs(docs, fused)
    # neither is linked firmly: the larger story alone is briefed
    assert dev.brief == first.brief and dev.summary == first.summary
    assert all(s["doc_id"] != "later" for s in dev.summary)
    assert dev.brief_stories == ["story-1"]
    dev.links = [LOOSE_LINK, LOOSE_LINK]
    build_briefs(docs, fused)
    assert dev.brief["sources"]["documents"] == 3 and dev.brief_stories == ["story-1", "story-2"]
