"""The PolNeAR attribution scorer on tiny invented gold."""

from __future__ import annotations

import json

import pytest

from tools.evaluate.quotes import score

TEXT = "Mayor Rusk said that the dam held. The ferry is late, officials said."
#       0123456789012345678901234567890123456789012345678901234567890123456789


def span(sub: str, start: int = 0) -> dict:
    i = TEXT.index(sub, start)
    return {"start": i, "end": i + len(sub)}


GOLD = [
    {
        "content": [span("that the dam held")],
        "source": [span("Mayor Rusk")],
        "cue": [span("said")],
        "quote_type": "indirect",
    },
    {
        "content": [span("The ferry is late")],
        "source": [span("officials")],
        "cue": [span("said", 40)],
        "quote_type": "direct",
    },
]


def test_perfect_prediction():
    r = score([(TEXT, GOLD, GOLD)])
    for key in ("content_exact", "content_overlap", "source_exact", "cue_exact"):
        assert r[key]["f1"] == 1.0
    assert r["direct"]["speaker_accuracy"] == 1.0


def test_partial_content_counts_as_overlap_not_exact():
    pred = [{"content": [span("the dam held")], "source": [span("Rusk")], "cue": [span("said")]}]
    r = score([(TEXT, GOLD, pred)])
    assert r["content_exact"]["f1"] == 0.0
    assert r["content_overlap"]["precision"] == 1.0 and r["content_overlap"]["recall"] == 0.5
    assert r["source_exact"]["precision"] == 0.0 and r["source_overlap"]["precision"] == 1.0
    assert r["cue_exact"]["precision"] == 1.0


def test_trimmed_punctuation_still_exact():
    pred = [{"content": [span("that the dam held.")], "source": [], "cue": []}]
    r = score([(TEXT, GOLD, pred)])
    assert r["content_exact"]["precision"] == 1.0


def test_spurious_and_missing():
    pred = [{"content": [span("Mayor Rusk")], "source": [], "cue": []}]
    r = score([(TEXT, GOLD, pred)])
    assert r["content_any"]["f1"] == 0.0 and r["n_pred"] == 1 and r["n_gold"] == 2
    assert r["direct"]["recall_any_overlap"] == 0.0


def test_punctuation_cue_matches_on_characters():
    text = "PENCE: We will win. The mayor said the dam held."
    gold = [
        {
            "content": [{"start": 7, "end": 19}],
            "source": [{"start": 0, "end": 5}],
            "cue": [{"start": 5, "end": 6}],
        }
    ]
    r = score([(text, gold, gold)])
    assert r["cue_overlap"]["f1"] == 1.0 and r["cue_exact"]["f1"] == 1.0
    # The former word-token figure can never credit a ":" cue; it stays reported.
    assert r["cue_overlap_tokens"]["f1"] == 0.0
    assert r["source_overlap"]["f1"] == r["source_overlap_tokens"]["f1"] == 1.0


def test_citron_convention_perfect_and_partial():
    from tools.evaluate.quotes import citron_score

    r = citron_score([(TEXT, GOLD, GOLD)])
    assert all(r[k]["f1"] == 1.0 for k in r)
    pred = [
        {"content": [span("the dam held")], "source": [span("Mayor Rusk")], "cue": [span("said")]}
    ]
    r = citron_score([(TEXT, GOLD, pred)])
    assert r["cue_exact"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667}
    assert r["source_exact"]["precision"] == 1.0  # cue overlaps and the source is the same
    assert r["content_exact"]["precision"] == 0.0  # "that" is missing
    # overlap: 3 of the 3 predicted content tokens, of 4 + 4 gold ones
    assert r["content_overlap"]["precision"] == 1.0 and r["content_overlap"]["recall"] == 0.375


def test_the_quotes_scorer_reads_the_split_it_is_given(tmp_path, monkeypatch) -> None:
    """``--split train`` scores ``train.jsonl`` (rules are read off train;
    dev only measures), and the option is refused for other tasks."""
    import sys

    from tools.evaluate import __main__ as cli
    from tools.evaluate import quotes as Q

    text = "Mara Ilves said the pier would reopen in May."
    att = {
        "content": [{"start": 16, "end": 45}],
        "source": [{"start": 0, "end": 10}],
        "cue": [{"start": 11, "end": 15}],
    }
    item = {"id": "a", "text": text, "attributions": [att]}
    (tmp_path / "train.jsonl").write_text(json.dumps(item) + "\n", encoding="utf-8")
    seen: list[int] = []
    monkeypatch.setattr(Q, "predict", lambda items: seen.append(len(items)) or [[att]])
    result = Q.run(tmp_path, split="train")
    assert result["gold"] == "train.jsonl" and seen == [1]
    assert result["source_overlap"]["f1"] == 1.0
    monkeypatch.setattr(sys, "argv", ["evaluate", "timex", "--split", "train"])
    with pytest.raises(SystemExit):
        cli.main()


def test_a_records_annotation_source_is_scored_before_its_speaker():
    from types import SimpleNamespace

    from tools.evaluate.quotes import quote_to_pred

    q = SimpleNamespace(
        fragments=[{"start": 20, "end": 40}], start=20, end=40, kind="indirect",
        speaker=None, source={"text": "52 percent", "start": 3, "end": 13},
        cue={"start": 14, "end": 18},
    )  # fmt: skip
    assert quote_to_pred(q)["source"] == [{"start": 3, "end": 13}]
    q.source, q.speaker = None, {"start": 0, "end": 2}
    assert quote_to_pred(q)["source"] == [{"start": 0, "end": 2}]


def test_the_quotes_scorer_holds_out_every_tenth_train_article(tmp_path, monkeypatch) -> None:
    """``--split train-holdout`` scores documents 9, 19, ... of train.jsonl
    (the tenth the accurate profile's tagger never trains on), and
    ``--profile`` reaches the predictor."""
    from tools.evaluate import quotes as Q

    text = "Mara Ilves said the pier would reopen in May."
    items = [{"id": f"d{k}", "text": text, "attributions": []} for k in range(20)]
    (tmp_path / "train.jsonl").write_text(
        "".join(json.dumps(it) + "\n" for it in items), encoding="utf-8"
    )
    seen: list[tuple[list[str], str]] = []

    def fake(items, profile="default"):
        seen.append(([it["id"] for it in items], profile))
        return [[] for _ in items]

    monkeypatch.setattr(Q, "predict", fake)
    result = Q.run(tmp_path, split="train-holdout", profile="accurate")
    assert seen == [(["d9", "d19"], "accurate")]
    assert result["documents"] == 2 and result["profile"] == "accurate"
