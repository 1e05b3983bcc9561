"""The events scorer (tools/evaluate/events.py) on hand-made gold and predictions."""

from __future__ import annotations

import pytest

from tools.evaluate import events as scorer
from tools.evaluate.gold import GoldDataMissing, gold_folder


def sp(start, end, text="x"):
    return {"start": start, "end": end, "text": text}


def gold(typ="ASSAULT", trigger=(10, 17), actor=((0, 9),), recipient=((18, 25),), loc=()):
    return {
        "type": typ,
        "mode": None,
        "trigger": [sp(*trigger)],
        "actor": [sp(*a) for a in actor],
        "recipient": [sp(*r) for r in recipient],
        "location": [sp(*x) for x in loc],
    }


def pred(typ="ASSAULT", trigger=(10, 17), actors=((0, 9),), targets=((18, 25),), conf=0.8):
    return {
        "type": typ,
        "trigger": sp(*trigger),
        "actors": [sp(*a) for a in actors],
        "targets": [sp(*t) for t in targets],
        "place": None,
        "confidence": conf,
    }


def test_perfect_prediction_scores_one():
    s = scorer.score([([gold()], [pred()])])
    assert s["type_accuracy_trigger"] == s["document_type_accuracy"] == 1.0
    assert s["roles"]["actor"]["exact"]["matched"]["f1"] == 1.0
    assert s["roles"]["recipient"]["lenient"]["overall"]["f1"] == 1.0
    assert s["type"]["macro_f1"] == 1.0


def test_wrong_type_is_missed_and_its_spans_count_only_overall():
    s = scorer.score([([gold()], [pred(typ="COERCE")])])
    assert s["type_accuracy_trigger"] == 0.0
    assert s["document_type_accuracy"] == 0.0
    assert s["paired_events"] == 0
    assert s["roles"]["actor"]["exact"]["overall"]["recall"] == 0.0


def test_trigger_must_overlap_for_the_anchored_measure():
    s = scorer.score([([gold()], [pred(trigger=(30, 35))])])
    assert s["type_accuracy_trigger"] == 0.0
    assert s["type_recall_sentence"] == 1.0


def test_overlap_is_lenient_not_exact():
    s = scorer.score([([gold(actor=((0, 9),))], [pred(actors=((0, 4),))])])
    assert s["roles"]["actor"]["exact"]["matched"]["f1"] == 0.0
    assert s["roles"]["actor"]["lenient"]["matched"]["f1"] == 1.0


def test_top_type_is_the_most_confident_prediction():
    preds = [pred(typ="COERCE", conf=0.9), pred(conf=0.5)]
    s = scorer.score([([gold()], preds)])
    assert s["document_type_accuracy"] == 0.0
    assert s["type_accuracy_trigger"] == 1.0


def test_dev_gold_has_the_documented_counts():
    try:
        folder = gold_folder("events")
    except GoldDataMissing as exc:
        pytest.skip(str(exc))
    docs = scorer.load_docs(folder)
    assert len(docs) == 149
    assert sum(len(d["events"]) for d in docs) == 152
    assert {e["type"] for d in docs for e in d["events"]} <= set(scorer.TYPES)


def test_location_exact_allows_the_gold_leading_preposition():
    text = "Troops fired in Basra today."
    g = {"start": 13, "end": 21, "text": text[13:21]}  # "in Basra"
    assert scorer.place_exact({"start": 16, "end": 21, "text": "Basra"}, g)
    assert scorer.place_exact({"start": 13, "end": 21, "text": "in Basra"}, g)
    assert not scorer.place_exact({"start": 16, "end": 20, "text": "Basr"}, g)
    other = {"start": 0, "end": 6, "text": "Troops"}
    assert not scorer.place_exact({"start": 0, "end": 6, "text": "Troops"}, g)
    assert scorer.place_exact(other, other)
