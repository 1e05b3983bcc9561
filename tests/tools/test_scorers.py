from tools.evaluate import extraction, ner


def test_extraction_score_perfect_and_partial():
    text = "one two three four five six"
    assert extraction.score([(text, text)])["f1"] == 1.0
    half = extraction.score([(text, "one two three four")])
    assert half["precision"] == 1.0 and 0 < half["recall"] < 1
    assert extraction.score([(text, "")])["f1"] == 0.0


def test_extraction_short_text_is_one_shingle():
    assert extraction.shingles("a b") == {("a", "b"): 1}


def test_ner_score_counts_exact_matches_per_type():
    gold = {(0, 5, "PER"), (10, 15, "LOC")}
    pred = {(0, 5, "PER"), (10, 14, "LOC"), (20, 25, "ORG")}
    s = ner.score([(gold, pred)])
    assert s["per_type"]["PER"]["f1"] == 1.0
    assert s["per_type"]["LOC"]["f1"] == 0.0
    assert s["precision"] == round(1 / 3, 4) and s["recall"] == 0.5
