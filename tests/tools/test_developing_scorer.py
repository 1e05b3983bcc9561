"""The developing-story scorer: F-beta, the CV choice over folders, the folders
themselves and grid points (data invented here; the real run needs ../shared)."""

from __future__ import annotations

from storyline.fuse.stories import StoryDoc
from tools.evaluate.developing import CV_FOLDS, FOLDERS, choose, f_beta, folders, setting_of


def test_f_beta_weighs_precision() -> None:
    sharp = {"precision": 1.0, "recall": 0.5}
    loose = {"precision": 0.5, "recall": 1.0}
    assert f_beta(sharp) > f_beta(loose)
    assert abs(f_beta(sharp, beta=1.0) - f_beta(loose, beta=1.0)) < 1e-12
    assert f_beta({"precision": 0.0, "recall": 0.0}) == 0.0


def test_choose_takes_the_point_best_on_the_other_folds() -> None:
    gold = {f"t{f}{i}": "topic" for f in range(CV_FOLDS) for i in range(4)}
    gold |= {f"e{f}{i}": f"event{f}{i}" for f in range(CV_FOLDS) for i in range(4)}

    def folder(f: int, merge_events: bool) -> list[list[str]]:
        t17 = [[f"t{f}{i}" for i in range(4)]]
        events = (
            [[f"e{f}{i}" for i in range(4)]] if merge_events else [[f"e{f}{i}"] for i in range(4)]
        )
        return t17 + events

    runs = {
        "right": {(f, "small"): folder(f, False) for f in range(CV_FOLDS)},
        "merges": {(f, "small"): folder(f, True) for f in range(CV_FOLDS)},
    }
    out = choose(runs, gold)
    assert out["best"] == "right" and out["chosen_per_fold"] == ["right"] * CV_FOLDS
    assert out["cv_f1"] == 1.0 and out["in_sample_precision"] == 1.0


def test_folders_mix_every_topic_with_ecb_events() -> None:
    t17 = {
        topic: [StoryDoc(f"{topic}-{i}", "text", (), "2030-01-01") for i in range(120)]
        for topic in ("flu", "spill")
    }
    ecb = [
        (StoryDoc(f"{t}_{s}_{i}", "text"), {"topic": t, "story_id": f"{t}_{s}"})
        for t in range(1, 9)
        for s in ("ecb", "ecbplus")
        for i in range(5)
    ]
    out = folders(t17, ecb)
    assert set(out) == {(f, size) for f in range(CV_FOLDS) for size in FOLDERS}
    small = out[(0, "small")]
    per_topic = FOLDERS["small"][0]
    assert sum(d.doc_id.startswith("flu") for d in small) == per_topic
    # no article of one fold's folders is in another fold's
    ids = [{d.doc_id for size in FOLDERS for d in out[(f, size)]} for f in range(CV_FOLDS)]
    assert all(not (ids[a] & ids[b]) for a in range(CV_FOLDS) for b in range(a + 1, CV_FOLDS))
    # the large folder holds every document of its fold's ECB+ events (topics 4 and 8)
    large = {d.doc_id for d in out[(0, "large")] if "_" in d.doc_id}
    assert large == {d.doc_id for d, r in ecb if r["topic"] % CV_FOLDS == 0}


def test_setting_of_adds_the_date_gap_only_when_asked() -> None:
    assert "gap_full_days" not in setting_of((0.1, 1, 2, 2, None))
    assert setting_of((0.1, 1, 2, 2, 365.0))["gap_full_days"] == 365.0
