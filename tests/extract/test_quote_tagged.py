"""The accurate profile's attribution tagger: windows, tags to spans, grouping,
and how tagged attributions combine with the rules' (``extract/quotes/tagging.py``,
``tagged.py``), over small written texts with a fake tagger (no weights needed);
one end-to-end test runs the real weights and skips when they are not built."""

from __future__ import annotations

import numpy as np
import pytest

import storyline.extract.quotes as Q
from storyline.extract.quotes import confidence as C
from storyline.extract.quotes import extract_quotes
from storyline.extract.quotes import filter_accurate as FA
from storyline.extract.quotes.attribution import Attribution
from storyline.extract.quotes.context import QuoteContext
from storyline.extract.quotes.tagged import (
    Policy,
    TaggedAttribution,
    combine,
    group_spans,
    tag_text,
    with_tagger,
)
from storyline.extract.quotes.tagging import (
    LABELS,
    TaggedSpan,
    gold_tags,
    tag_spans,
    text_windows,
    window_words,
)
from storyline.model import Metadata, ParsedDocument, RawDocument
from storyline.nlp import load_nlp
from storyline.nlp.attribution_model import attribution_folder, has_weights
from storyline.settings import Settings

TEXT = (
    "Budget talks stall\n"
    "The finance minister, Oskar Lind, said on Monday that the budget would be late.\n"
    "Farmers worry about the cost of fuel, a union leader argued."
)


def span(text: str, phrase: str, kind: str) -> tuple[int, int, str]:
    s = text.index(phrase)
    return s, s + len(phrase), kind


class FakeTagger:
    """Tags the windows of one known text from spans written by hand."""

    def __init__(self, text: str, spans: list[tuple[int, int, str]], prob: float = 0.9) -> None:
        self.text, self.spans, self.prob = text, spans, prob
        self.calls = self.dist_calls = 0

    def __call__(self, windows):
        self.calls += 1
        wins = text_windows(self.text)
        assert [window_words(self.text, w) for w in wins] == [list(w) for w in windows]
        return [(gold_tags(w, self.spans), [self.prob] * len(w.words)) for w in wins]

    def tag(self, windows):
        return self(windows)

    def distributions(self, windows):
        """The hand-written tags as probabilities (``prob`` on the tag, the
        rest on O), as ``AttributionTagger.distributions`` gives them."""
        self.dist_calls += 1
        out = []
        for tags, probs in self(windows):
            d = np.zeros((len(tags), len(LABELS)), np.float32)
            for k, (t, p) in enumerate(zip(tags, probs, strict=True)):
                d[k, LABELS.index(t)] += p
                d[k, 0] += 1.0 - p
            out.append(d)
        self.calls -= 1
        return out


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(Settings().model)


def parsed_of(nlp, text: str, profile: str = "default") -> ParsedDocument:
    raw = RawDocument.create("t.txt", text, text.encode(), "txt")
    options = Settings(profile=profile).extractor_options()
    return ParsedDocument(raw=raw, spans=[], metadata=Metadata(), doc=nlp(text), options=options)


def test_windows_are_lines_and_words_keep_their_offsets():
    text = "One line, here.\n\n  A second \u201cline\u201d."
    wins = text_windows(text)
    assert len(wins) == 2
    for w in wins:
        for s, e in w.words:
            assert text[s:e].strip() == text[s:e] and text[s:e]
    assert window_words(text, wins[1]) == ["A", "second", "\u201c", "line", "\u201d", "."]


def test_a_long_line_is_cut_after_a_sentence_end():
    text = " ".join(["Word"] * 70) + ". " + " ".join(["More"] * 70) + "."
    wins = text_windows(text)
    assert len(wins) == 2
    assert text[wins[0].end - 1] == "."
    assert all(len(w.words) <= 110 for w in wins)


def test_gold_tags_and_tag_spans_round_trip_to_the_same_offsets():
    gold = [
        span(TEXT, "The finance minister, Oskar Lind", "SOURCE"),
        span(TEXT, "said", "CUE"),
        span(TEXT, "that the budget would be late", "CONTENT"),
    ]
    win = text_windows(TEXT)[1]
    tags = gold_tags(win, gold)
    assert tags[0] == "B-SOURCE" and "B-CUE" in tags
    got = {(s.start, s.end, s.kind) for s in tag_spans(win, tags)}
    assert got == set(gold)


def test_two_adjacent_fragments_stay_apart():
    text = "He said it twice."
    win = text_windows(text)[0]
    spans = tag_spans(win, ["B-CONTENT", "B-CONTENT", "O", "O", "O"], [0.5, 0.7, 1, 1, 1])
    assert [(text[s.start : s.end], s.score) for s in spans] == [("He", 0.5), ("said", 0.7)]


def test_contents_and_sources_go_to_the_nearest_cue():
    spans = [
        TaggedSpan(0, 4, "SOURCE", 0.9),
        TaggedSpan(5, 9, "CUE", 0.8),
        TaggedSpan(10, 30, "CONTENT", 0.7),
        TaggedSpan(32, 40, "SOURCE", 0.9),
        TaggedSpan(41, 47, "CUE", 0.9),
        TaggedSpan(48, 60, "CONTENT", 0.9),
        TaggedSpan(70, 75, "CUE", 0.9),  # no content: no attribution
    ]
    groups = group_spans(spans)
    assert [(g.cue, g.source, g.content) for g in groups] == [
        ((5, 9), (0, 4), ((10, 30),)),
        ((41, 47), (32, 40), ((48, 60),)),
    ]
    assert groups[0].score == pytest.approx(0.75)


def test_tagged_attributions_are_added_where_the_rules_found_none(nlp):
    text = "Farmers worry about the cost of fuel, a union leader argued."
    gold = [
        span(text, "Farmers worry about the cost of fuel", "CONTENT"),
        span(text, "a union leader", "SOURCE"),
        span(text, "argued", "CUE"),
    ]
    parsed = parsed_of(nlp, text)
    ctx = QuoteContext(parsed)
    atts = with_tagger(ctx, [], FakeTagger(text, gold))
    assert len(atts) == 1
    a = atts[0]
    assert a.origin == "tagger" and a.kind == "indirect"
    assert text[a.start : a.end] == "Farmers worry about the cost of fuel"
    assert a.cue.text == "argued"
    i, j = a.source
    assert parsed.doc[i:j].text == "a union leader"


def test_the_taggers_source_and_cue_replace_the_rules_on_the_same_content(nlp):
    text = "Budget talks went on, and Oskar Lind said that the budget would be late."
    parsed = parsed_of(nlp, text)
    ctx = QuoteContext(parsed)
    c0, c1, _ = span(text, "that the budget would be late", "CONTENT")
    went = next(t for t in parsed.doc if t.text == "went")
    rule = Attribution(c0, c1, "indirect", [(c0, c1)], cue=went, source=(0, 2), origin="reported")
    tagged = [
        TaggedAttribution(
            cue=span(text, "said", "")[:2],
            source=span(text, "Oskar Lind", "")[:2],
            content=((c0, c1),),
            score=0.9,
        )
    ]
    out = combine(ctx, [rule], tagged, Policy(replace="source_cue"))
    assert len(out) == 1
    assert out[0].cue.text == "said" and out[0].origin == "reported"
    assert parsed.doc[out[0].source[0] : out[0].source[1]].text == "Oskar Lind"
    assert rule.cue is went and rule.source == (0, 2)  # the rule's own record is not changed
    kept = combine(ctx, [rule], tagged, Policy(replace="none", add_unmatched=True))
    assert kept == [rule]  # same attribution: not added twice
    alone = combine(ctx, [rule], [], Policy(keep_unmatched_rules=False))
    assert alone == []


def test_a_tagged_number_phrase_is_no_speaker(nlp):
    text = "About 40 percent of voters said the plan would fail."
    gold = [
        span(text, "About 40 percent of voters", "SOURCE"),
        span(text, "said", "CUE"),
        span(text, "the plan would fail", "CONTENT"),
    ]
    Q_text = text
    parsed = parsed_of(nlp, Q_text, profile="accurate")
    fake = FakeTagger(text, gold)
    original = Q.accurate_tagger
    Q.accurate_tagger = lambda: fake
    try:
        quotes = extract_quotes(parsed)
    finally:
        Q.accurate_tagger = original
    assert fake.calls == 1
    assert quotes and all(q.speaker is None for q in quotes)
    for q in quotes:
        assert text[q.start : q.end] == q.text


def test_a_failing_tagger_costs_only_the_taggers_part(nlp):
    parsed = parsed_of(nlp, TEXT)
    ctx = QuoteContext(parsed)

    def broken(windows):
        raise RuntimeError("model error")

    rules = [Attribution(0, 5, "indirect", [(0, 5)])]
    assert with_tagger(ctx, rules, broken) is rules


def test_the_default_profile_never_calls_the_tagger(nlp, monkeypatch):
    def refuse():
        raise AssertionError("the default profile must not tag")

    monkeypatch.setattr(Q, "accurate_tagger", refuse)
    assert extract_quotes(parsed_of(nlp, TEXT))  # the rules alone, as before


def test_missing_weights_leave_the_rules(nlp, monkeypatch, tmp_path):
    # The accurate profile's own filter (filter_accurate, tested apart) off:
    # without the tagger's weights what is left is then the default's output.
    monkeypatch.setattr(FA, "shipped", lambda: None)
    monkeypatch.setenv("STORYLINE_ATTRIBUTION_MODEL", str(tmp_path))
    default = extract_quotes(parsed_of(nlp, TEXT))
    accurate = extract_quotes(parsed_of(nlp, TEXT, profile="accurate"))
    assert [q.to_dict() for q in accurate] == [q.to_dict() for q in default]


def test_added_attributions_have_their_own_calibration(monkeypatch):
    a = Attribution(0, 5, "indirect", [(0, 5)], confidence=0.9, origin="tagger")
    monkeypatch.setattr(C, "ADDED_WEIGHTS", {"bias": -2.0})
    assert C.calibrate(a, None) == pytest.approx(0.119, abs=1e-3)
    b = Attribution(0, 5, "indirect", [(0, 5)], confidence=0.9, origin="reported")
    assert C.calibrate(b, None) != pytest.approx(0.119, abs=1e-3)


def test_tag_text_reads_every_window_once():
    gold = [span(TEXT, "said", "CUE"), span(TEXT, "that the budget would be late", "CONTENT")]
    fake = FakeTagger(TEXT, gold)
    got = tag_text(TEXT, fake)
    assert fake.calls == 1
    assert [(TEXT[g.cue[0] : g.cue[1]], g.source) for g in got] == [("said", None)]


@pytest.mark.skipif(
    not has_weights(),
    reason=f"attribution tagger weights not built in {attribution_folder()} (make accurate-model)",
)
def test_the_real_tagger_finds_a_plain_attribution(nlp):
    text = "Oskar Lind, the finance minister, said on Monday that the budget would be late."
    quotes = extract_quotes(parsed_of(nlp, text, profile="accurate"))
    assert quotes
    q = quotes[0]
    assert text[q.start : q.end] == q.text and "budget would be late" in q.text
    assert q.speaker and "Lind" in q.speaker["text"]
    assert q.cue and q.cue["text"] == "said"


def test_word_roles_join_the_b_and_i_tags_of_a_kind():
    from storyline.extract.quotes.tagging import ROLE_CLASSES, word_roles

    d = np.zeros((2, len(LABELS)), np.float32)
    d[0, LABELS.index("B-CUE")], d[0, LABELS.index("I-CUE")], d[0, 0] = 0.5, 0.25, 0.25
    d[1, LABELS.index("I-SOURCE")], d[1, LABELS.index("B-CONTENT")] = 0.6, 0.4
    r = word_roles(d)
    assert ROLE_CLASSES == FA.TAG_CLASSES  # the filter reads them in this order
    assert np.allclose(r, [[0.25, 0.75, 0.0, 0.0], [0.0, 0.0, 0.6, 0.4]])


def test_token_roles_follow_the_word_each_token_starts_in():
    from storyline.extract.quotes.tagging import token_roles

    # "Lind said:  yes" with the tagger's words Lind / said / : / yes; parser
    # tokens at 0 (Lind), 5 (said), 9 (:), 10 (a space token), 12 (yes)
    words = [(0, 4), (5, 9), (9, 10), (12, 15)]
    roles = np.eye(4, dtype=np.float32)[[2, 1, 0, 3]]
    got = token_roles([0, 5, 9, 10, 12], words, roles)
    assert got.argmax(1).tolist() == [2, 1, 0, 0, 3]
    assert got[3].tolist() == [1.0, 0.0, 0.0, 0.0]  # in no word: O
    assert token_roles([0, 3], [], np.zeros((0, 4))).tolist() == [[1, 0, 0, 0], [1, 0, 0, 0]]
