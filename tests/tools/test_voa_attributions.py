"""Our hand labels of VOA attributions (tests/data/voa_attributions.jsonl) and
their scorer (tools.evaluate.voa_attributions). The corpus checks read
../shared/corpus/voa and skip when it is absent; the scorer is tested on
invented quotes."""

from __future__ import annotations

import pytest

from tools.evaluate import voa_attributions as ev

KINDS = {"direct", "indirect", "qa"}


def test_labels_are_offsets_and_names_only():
    docs, gold = ev.load_labels()
    assert len(docs) >= 15 and len(gold) >= 200
    assert len({g["id"] for g in gold}) == len(gold)
    for g in gold:
        assert g["doc"] in docs and g["kind"] in KINDS
        start, end = g["content"]
        assert 0 <= start < end <= docs[g["doc"]]["chars"]
        # No article text is stored: only offsets, short names and cue words.
        assert len(g["speaker"]) <= 90 and len(g["cue"]) <= 40
        assert g.get("split", "dev") == docs[g["doc"]].get("split", "dev")
        assert set(g) - {"split"} == {
            "type",
            "id",
            "doc",
            "speaker",
            "speaker_canonical",
            "cue",
            "kind",
            "content",
            "speaker_span",
            "cue_span",
        }


def test_labels_match_the_corpus_text():
    if not ev.CORPUS.is_dir():
        pytest.skip(f"{ev.CORPUS} absent: the VOA corpus lives outside the repo")
    docs, gold = ev.load_labels()
    texts = {}
    for name, row in docs.items():
        text = (ev.CORPUS / name).read_text(encoding="utf-8")
        assert len(text) == row["chars"] and ev.text_hash(text) == row["sha256"], name
        texts[name] = text
    for g in gold:
        text = texts[g["doc"]]
        start, end = g["content"]
        assert text[start:end].strip() == text[start:end], g["id"]
        if g["speaker_span"]:
            s, e = g["speaker_span"]
            assert text[s:e] == g["speaker"], g["id"]
        if g["cue_span"]:
            s, e = g["cue_span"]
            assert text[s:e] in (g["cue"], "state:"), g["id"]


def _gold(gid, content, speaker, canonical, span=None, kind="direct"):
    return {
        "id": gid,
        "doc": "d.txt",
        "speaker": speaker,
        "speaker_canonical": canonical,
        "cue": "said",
        "kind": kind,
        "content": content,
        "speaker_span": span,
        "cue_span": None,
    }


def _quote(start, end, speaker, s=None, entity=None, antecedent=None, conf=0.9):
    sp = {
        "text": speaker,
        "start": s,
        "end": None if s is None else s + len(speaker),
        "entity": entity,
        "antecedent": antecedent,
    }
    return {
        "doc": "d.txt",
        "start": start,
        "end": end,
        "speaker": sp,
        "confidence": conf,
        "cue": {"text": "said", "reporting": True},
    }


def test_same_speaker_by_surname_entity_mention_and_not_otherwise():
    g = _gold("g1", [10, 50], "Gen. Mara Oduya", "Mara Oduya", span=[60, 75])
    ents = {"e1": {"name": "Mara Oduya", "aliases": [{"text": "Oduya"}]}}
    assert ev.same_speaker(_quote(10, 50, "Oduya"), g, {})
    assert ev.same_speaker(_quote(10, 50, "she", entity="e1"), g, ents)
    assert ev.same_speaker(_quote(10, 50, "Gen. Mara Oduya", s=60), g, {})
    assert not ev.same_speaker(_quote(10, 50, "she"), g, {})  # unresolved, other mention
    assert not ev.same_speaker(_quote(10, 50, "the ministry"), g, {})
    assert not ev.same_speaker(_quote(10, 50, "Mara Oduya's office"), g, {})


def test_score_counts_overlap_and_speaker_separately():
    gold = [
        _gold("g1", [0, 40], "Pell", "Anna Pell"),
        _gold("g2", [100, 140], "the agency", "Water Agency", kind="indirect"),
    ]
    quotes = [
        _quote(5, 38, "Anna Pell"),  # right
        _quote(100, 120, "Pell"),  # content right, speaker wrong
        _quote(300, 320, "Pell"),  # no gold there
    ]
    out = ev.score(quotes, gold, {})
    assert out["content_overlap"] == {"precision": 0.667, "recall": 1.0, "f1": 0.8}
    assert out["speaker"]["precision"] == 0.333 and out["speaker"]["recall"] == 0.5
    assert out["speaker_right_of_matched_named"] == 0.5
    assert out["breakdown"] == {
        "speaker_right": 1,
        "speaker_wrong": 1,
        "unresolved_pronoun": 0,
        "no_speaker": 0,
        "not_in_gold": 1,
    }
    assert out["speaker_recall_by_kind"] == {"direct": 1.0, "indirect": 0.0}


def test_pronoun_resolved_to_a_gold_mention_of_the_same_speaker_is_right():
    gold = [
        _gold("g1", [40, 80], "The former envoy", "Ivo Brant", span=[0, 16]),
        _gold("g2", [100, 140], "He", "Ivo Brant", span=[90, 92]),
        _gold("g3", [200, 240], "the mayor", "Lena Kos", span=[250, 259]),
    ]
    ante = {"text": "The former envoy", "start": 0, "end": 16}
    right = _quote(100, 140, "He", s=150, antecedent=ante)
    wrong = _quote(200, 240, "He", s=190, antecedent=ante)
    out = ev.score([right, wrong], gold, {})
    assert out["speaker"]["precision"] == 0.5 and out["speaker"]["recall"] == 0.333
    assert ev.same_speaker(right, gold[1], {}, ev.gold_mentions(gold))
    assert not ev.same_speaker(wrong, gold[2], {}, ev.gold_mentions(gold))


def test_nested_quotation_is_right_for_its_inner_speaker():
    gold = [
        _gold("outer", [0, 200], "Armin", "Tom Armin", kind="qa"),
        _gold("inner", [50, 90], "the ministry", "Health Ministry", kind="indirect"),
    ]
    out = ev.score([_quote(45, 90, "the ministry")], gold, {})
    assert out["speaker"]["precision"] == 1.0
    assert out["speaker_recall_by_kind"] == {"indirect": 1.0, "qa": 0.0}


def test_held_out_split_is_labelled_and_scored_apart():
    docs, gold = ev.load_labels()
    held = {n for n, d in docs.items() if ev.split_of(d) == "heldout"}
    assert len(held) >= 6 and sum(g["doc"] in held for g in gold) >= 100
    assert ev.split_of({}) == "dev" and ev.split_of({"split": "heldout"}) == "heldout"


def test_evaluate_scores_each_split_on_its_own_stories():
    docs = {
        "a.txt": {"doc": "a.txt", "chars": 9, "sha256": ev.text_hash("a" * 9)},
        "b.txt": {"doc": "b.txt", "chars": 9, "sha256": ev.text_hash("b" * 9), "split": "heldout"},
    }
    gold = [
        dict(_gold("ga", [0, 5], "Pell", "Anna Pell"), doc="a.txt"),
        dict(_gold("gb", [0, 5], "Kos", "Lena Kos"), doc="b.txt"),
    ]
    dossier = {
        "display": {"quote_min_confidence": 0.5},
        "documents": [
            {"id": "A", "source": "/x/a.txt", "text": "a" * 9},
            {"id": "B", "source": "/x/b.txt", "text": "b" * 9},
        ],
        "quotes": [
            dict(_quote(0, 5, "Pell"), doc="A"),
            dict(_quote(0, 5, "Pell"), doc="B"),  # wrong speaker in the held-out story
            dict(_quote(0, 5, "Kos", conf=0.2), doc="B"),  # right, but below the threshold
        ],
    }
    out = ev.evaluate(dossier, docs, gold)
    assert out["dev"]["documents"] == 1 and out["heldout"]["documents"] == 1
    assert out["dev"]["displayed"]["speaker"]["precision"] == 1.0
    assert out["heldout"]["displayed"]["speaker"]["precision"] == 0.0
    assert out["heldout"]["all"]["speaker"]["recall"] == 1.0
