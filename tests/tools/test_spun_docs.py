"""The document-level spun scorer (tools.evaluate.spun_docs) on invented files
and scores; the real-corpus figure is checked in tests/despin/test_spun_corpus.py."""

from __future__ import annotations

from pathlib import Path

from tools.evaluate import spun_docs as ev


def _write(folder: Path, name: str, kind: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"https://example.org/{name}\nTYPE: {kind}\n\n{body}", encoding="utf-8")
    return path


def test_read_item_labels_by_type_and_file_kind(tmp_path):
    spun = ev.read_item(_write(tmp_path, "site-a-story.spun.txt", "synonym", "Body one."))
    orig = ev.read_item(_write(tmp_path, "site-a-story.orig.txt", "synonym", "Body two."))
    clean = ev.read_item(_write(tmp_path, "other-story.clean.txt", "clean", "Body three."))
    assert (spun["spun"], orig["spun"], clean["spun"]) == (1, 0, 0)
    assert spun["site"] == orig["site"] == "site" and clean["site"] == "other"
    assert spun["text"] == "Body one."  # the header lines are not read as text


def test_prf_and_threshold_choice():
    assert ev.prf([1, 1, 0, 0], [1, 0, 1, 0]) == {
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
        "tp": 1,
        "fp": 1,
    }
    # separable scores: the cut falls between the highest negative and lowest positive
    assert 0.2 < ev.best_threshold([0.0, 0.2, 0.6, 0.9], [0, 0, 1, 1]) < 0.6


def test_leave_one_site_out_uses_other_sites_only():
    items = [
        {"file": "a1", "site": "a", "spun": 1},
        {"file": "a2", "site": "a", "spun": 0},
        {"file": "b1", "site": "b", "spun": 1},
        {"file": "b2", "site": "b", "spun": 0},
        {"file": "c1", "site": "c", "spun": 1},
        {"file": "c2", "site": "c", "spun": 0},
    ]
    # site c's positive scores below what a and b teach: held out, it is missed
    scores = [0.9, 0.1, 0.8, 0.0, 0.3, 0.05]
    res = ev.loso(items, scores)
    assert res["misses"] == ["c1"] and res["false_flags"] == []
    assert res["sites"] == 3 and res["recall"] < 1.0
