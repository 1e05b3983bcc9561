"""The MeasEval scorer's matching rules, on spans written here."""

from __future__ import annotations

from tools.evaluate.quantities import score, unit_right


def row(kind: str, start: int, end: int, aset: int = 1, unit: str | None = None) -> dict:
    return {"type": kind, "start": start, "end": end, "annot_set": aset, "unit": unit}


def test_overlap_exact_unit_and_entity() -> None:
    gold = [
        row("Quantity", 0, 5, unit="km"),
        row("MeasuredEntity", 10, 15),
        row("Quantity", 20, 22, 2),
    ]
    preds = [
        {"start": 0, "end": 5, "unit": "km", "counts": {"start": 11, "end": 14}},
        {"start": 21, "end": 22, "unit": None, "counts": {"start": 0, "end": 2}},
        {"start": 40, "end": 42, "unit": None, "counts": None},
    ]
    out = score([(gold, preds)])
    assert out["quantity_overlap"]["precision"] == round(2 / 3, 4)
    assert out["quantity_overlap"]["recall"] == 1.0
    assert out["quantity_exact"]["recall"] == 0.5
    assert out["unit_accuracy"] == 1.0
    # the second prediction's entity is attached to a set without one: no credit
    assert out["measured_entity_overlap"] == {
        "precision": 0.5,
        "recall": 1.0,
        "f1": round(2 / 3, 4),
    }


def test_unit_rules() -> None:
    assert unit_right({"unit": "%"}, {"unit": "percent"})
    assert unit_right({"unit": "participants"}, {"unit": None, "counts": {"text": "participants"}})
    assert not unit_right({"unit": None}, {"unit": "km"})
    assert not unit_right({"unit": "kg"}, {"unit": None, "counts": None})
