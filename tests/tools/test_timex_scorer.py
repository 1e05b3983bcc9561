import pytest

from tools.evaluate import timex
from tools.evaluate.gold import GoldDataMissing, gold_folder


def tx(start, end, typ="DATE", value=None):
    return {"start": start, "end": end, "type": typ, "value": value}


def test_exact_match_counts_strict_and_relaxed():
    gold = [tx(0, 6, "DATE", "1998-01-08")]
    s = timex.score([(gold, [tx(0, 6, "DATE", "1998-01-08")])])
    for measure in ("strict", "relaxed", "type", "value"):
        assert s[measure]["f1"] == 1.0
    assert s["type"]["accuracy"] == s["value"]["accuracy"] == 1.0


def test_overlap_is_relaxed_not_strict():
    # gold "Sunday morning" (0, 14), predicted "Sunday" (0, 6)
    s = timex.score([([tx(0, 14, "TIME", "1998-01-11TMO")], [tx(0, 6, "TIME", "1998-01-11TMO")])])
    assert s["strict"]["f1"] == 0.0
    assert s["relaxed"]["f1"] == 1.0
    assert s["value"]["f1"] == 1.0  # value is scored on relaxed matches


def test_touching_spans_do_not_overlap():
    s = timex.score([([tx(0, 5)], [tx(5, 9)])])
    assert s["relaxed"]["f1"] == 0.0


def test_alignment_is_one_to_one_largest_overlap_first():
    gold = [tx(0, 10, value="A")]
    pred = [tx(0, 3, value="A"), tx(2, 10, value="B")]
    assert timex.align(gold, pred) == [(0, 1)]
    s = timex.score([(gold, pred)])
    assert s["relaxed"] == {"precision": 0.5, "recall": 1.0, "f1": round(2 / 3, 4)}
    assert s["value"]["f1"] == 0.0  # the partner taken has the wrong value


def test_value_and_type_f1_count_on_all_expressions():
    gold = [tx(0, 4, "DATE", "1998"), tx(10, 17, "DURATION", "P3Y"), tx(30, 35, "DATE", "1997")]
    pred = [tx(0, 4, "DATE", "1998"), tx(10, 17, "DATE", None), tx(40, 45, "DATE", "1996")]
    s = timex.score([(gold, pred)])
    assert s["relaxed"]["f1"] == round(2 / 3, 4)
    # value: 1 right of 3 predicted and 3 gold
    assert s["value"] == {"precision": 0.3333, "recall": 0.3333, "f1": 0.3333, "accuracy": 0.5}
    assert s["type"]["accuracy"] == 0.5
    # per type: the DURATION found but typed DATE counts as a DURATION span, wrong type
    dur = s["per_type"]["DURATION"]
    assert dur["relaxed"]["f1"] == 1.0 and dur["type"]["f1"] == 0.0
    date = s["per_type"]["DATE"]
    assert (date["gold"], date["predicted"]) == (2, 2)
    assert date["relaxed"]["precision"] == 0.5 and date["relaxed"]["recall"] == 0.5


def test_unresolved_value_never_matches():
    s = timex.score([([tx(0, 4, "DATE", None)], [tx(0, 4, "DATE", None)])])
    assert s["value"]["f1"] == 0.0 and s["relaxed"]["f1"] == 1.0


def test_empty_predictions_and_empty_documents():
    s = timex.score([([tx(0, 4)], []), ([], [])])
    assert s["predicted"] == 0 and s["gold"] == 1
    assert s["strict"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert s["value"]["accuracy"] == 0.0
    assert timex.score([])["relaxed"]["f1"] == 0.0


def test_per_type_counts_add_up():
    gold = [tx(0, 4, "DATE"), tx(5, 9, "TIME"), tx(20, 24, "SET")]
    pred = [tx(0, 4, "DATE"), tx(5, 9, "DATE"), tx(30, 34, "TIME")]
    s = timex.score([(gold, pred)])
    per = s["per_type"]
    assert sum(m["gold"] for m in per.values()) == s["gold"]
    assert sum(m["predicted"] for m in per.values()) == s["predicted"]
    assert list(per) == ["DATE", "TIME", "SET"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1998-01-08", "1998-01-08"),
        ("Jan. 8, 1998", "1998-01-08"),
        ("September 30 1989", "1989-09-30"),
        ("March 1998", "1998-03"),
        ("1998", "1998"),
        ("Friday", None),
        ("last year", None),
        ("12", None),
    ],
)
def test_baseline_normalises_only_whole_absolute_dates(text, value):
    assert timex.absolute_value(text) == value


def test_evaluate_takes_any_predictor():
    docs = [
        {
            "text": "It rained on 1998-01-08.",
            "dct": "1998-01-09",
            "timexes": [tx(13, 23, "DATE", "1998-01-08")],
        }
    ]
    seen = []

    def predict(text, dct):
        seen.append(dct)
        start = text.index("1998")
        return [tx(start, start + 10, "DATE", timex.absolute_value(text[start : start + 10]))]

    s = timex.evaluate(predict, docs)
    assert seen == ["1998-01-09"]
    assert s["value"]["f1"] == 1.0


def test_unknown_predictor_is_refused(tmp_path):
    with pytest.raises(SystemExit):
        timex.run(tmp_path, predictor="nope")


def test_dev_smoke():
    try:
        folder = gold_folder("timex")
    except GoldDataMissing as exc:
        pytest.skip(str(exc))
    docs = timex.load_docs(folder)[:5]
    assert all(d["text"][t["start"] : t["end"]] == t["text"] for d in docs for t in d["timexes"])
    gold_only = timex.evaluate(lambda text, dct: [], docs)
    assert gold_only["gold"] > 0 and gold_only["relaxed"]["f1"] == 0.0
    perfect = timex.score([(d["timexes"], d["timexes"]) for d in docs])
    assert perfect["strict"]["f1"] == perfect["value"]["f1"] == 1.0
    result = timex.evaluate(timex.spacy_baseline(), docs)
    assert 0.0 < result["relaxed"]["f1"] <= 1.0
