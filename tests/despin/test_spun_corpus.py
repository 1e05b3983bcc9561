"""Spun detection on real and team corpora (read at run time from ../shared and
examples/; skipped with a reason where ../shared is absent)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES, shared_path

from storyline import clean as clean_stage
from storyline import nlp as nlp_stage
from storyline.despin.detect import SpunResult, detect_spun
from storyline.model import ParsedDocument, RawDocument
from storyline.settings import Settings

SPUN_004 = "004_35385104a2a9b4df.txt"

# Function-word swaps in 004, found by reading the article line by line:
# (line number, spun word, original; "|" between acceptable originals). Line 13
# (an embedded tweet) is boilerplate, masked before parsing, so it is not listed.
EXPECTED_004 = [
    (5, "connected", "on"),
    (7, "astatine", "at"),
    (7, "astatine", "at"),
    (9, "arsenic", "as"),
    (9, "helium", "he"),
    (9, "astatine", "at"),
    (11, "successful", "in"),
    (11, "connected", "on"),
    (17, "conscionable", "just"),
    (19, "erstwhile", "former"),
    (19, "whitethorn", "may"),
    (19, "connected", "on"),
    (19, "betwixt", "between"),
    (19, "successful", "in"),
    (21, "however", "how"),
    (23, "wrong", "within|inside"),
    (23, "aft", "after"),
    (23, "galore", "many"),
    (25, "volition", "will"),
    (25, "lone", "only"),
    (25, "successful", "in"),
    (25, "lone", "only"),
    (25, "aft", "after"),
    (25, "specified", "such"),
    (25, "arsenic", "as"),
    (25, "helium", "he"),
    (27, "astir", "most"),
    (27, "erstwhile", "once|when"),
    (27, "volition", "will"),
    (29, "whitethorn", "may"),
    (29, "helium", "he"),
    (33, "implicit", "over"),
    (33, "volition", "will"),
    (33, "beryllium", "be"),
    (33, "astatine", "at"),
    (33, "erstwhile", "once"),
    (33, "successful", "in"),
    (37, "whitethorn", "may"),
    (37, "connected", "on"),
    (37, "person", "have"),
    (37, "truthful", "so"),
    (37, "acold", "far"),
    (39, "volition", "will"),
    (39, "beryllium", "be"),
    (39, "much", "more"),
    (39, "successful", "in"),
    (41, "whitethorn", "may"),
    (43, "whitethorn", "may"),
    (43, "truthful", "so"),
    (43, "astatine", "at"),
    (43, "successful", "in"),
    (43, "however", "how"),
    (43, "helium", "he"),
    (45, "successful", "in"),
    (47, "erstwhile", "once|when"),
    (47, "helium", "he"),
    (47, "helium", "he"),
    (49, "nary", "no"),
    (49, "successful", "in"),
    (49, "america", "us"),
    (49, "bash", "do"),
    (49, "erstwhile", "former"),
    (51, "connected", "on"),
    (51, "helium", "he"),
    (51, "aft", "after"),
    (51, "implicit", "over"),
    (53, "america", "us"),
    (53, "america", "us"),
    (53, "volition", "will"),
    (53, "tin", "can"),
    (53, "truthful", "so"),
    (55, "successful", "in"),
    (55, "bash", "do"),
    (57, "successful", "in"),
    (57, "nary", "no"),
    (57, "successful", "in"),
    (57, "successful", "in"),
    (57, "connected", "on"),
    (59, "connected", "on"),
    (59, "aft", "after"),
    (61, "helium", "he"),
    (61, "volition", "will"),
    (61, "beryllium", "be"),
    (63, "helium", "he"),
    (65, "successful", "in"),
    (67, "connected", "on"),
    (67, "connected", "on"),
    (69, "connected", "on"),
    (69, "successful", "in"),
    (71, "connected", "on"),
    (73, "person", "have"),
    (75, "person", "have"),
    (75, "astir", "about"),
    (75, "successful", "in"),
    (77, "volition", "will"),
    (77, "beryllium", "be"),
    (77, "similar", "like"),
    (77, "helium", "he"),
    (79, "volition", "will"),
    (79, "beryllium", "be"),
    (79, "lone", "only"),
    (79, "connected", "on"),
    (79, "implicit", "over"),
    (79, "oregon", "or"),
    (81, "beryllium", "be"),
    (83, "conscionable", "just"),
    (83, "successful", "in"),
    (83, "acold", "far"),
    (85, "arsenic", "as"),
    (85, "successful", "in"),
]


def analyse(path: Path) -> tuple[ParsedDocument, SpunResult]:
    settings = Settings()
    text = path.read_text(encoding="utf-8")
    raw = RawDocument.create(str(path), text, text.encode(), "txt")
    spans, metadata = clean_stage.clean(raw, settings)
    doc = nlp_stage.load_nlp(settings.model)(nlp_stage.mask(text, spans))
    parsed = ParsedDocument(raw=raw, spans=spans, metadata=metadata, doc=doc)
    return parsed, detect_spun(parsed)


def test_004_is_flagged_and_its_function_words_repaired(belarus):
    parsed, res = analyse(belarus / SPUN_004)
    assert res.summary["flagged"] and res.summary["score"] >= 0.9
    text = parsed.text
    by_key: dict[tuple[int, str], list] = {}
    for s in sorted(res.spans, key=lambda s: s.start):
        line = text.count("\n", 0, s.start) + 1
        by_key.setdefault((line, text[s.start : s.end].lower()), []).append(s)
    seen: Counter[tuple[int, str]] = Counter()
    correct = []
    for line, word, originals in EXPECTED_004:
        k = seen[(line, word)]
        seen[(line, word)] += 1
        spans = by_key.get((line, word), [])
        ok = k < len(spans) and (spans[k].attrs["original"] or "").lower() in originals.split("|")
        correct.append(ok)
    accuracy = sum(correct) / len(correct)
    assert accuracy >= 0.9, f"function-word repair accuracy {accuracy:.3f}"
    for s in res.spans:  # offsets point at the spun words themselves
        assert text[s.start : s.end].strip() == text[s.start : s.end] != ""


@pytest.mark.parametrize("name", ["000", "001", "002", "003"])
def test_other_belarus_articles_are_not_flagged(belarus, name):
    path = next(belarus.glob(f"{name}_*.txt"))
    _, res = analyse(path)
    assert not res.summary["flagged"] and res.spans == [], res.summary


def test_spun_news_both_folders_f1_and_no_clean_or_original_flagged():
    """Issue 14: F1 >= 0.90 over spun-news + spun-news-extra, no clean/orig file flagged."""
    from tools.evaluate import spun_docs

    corpus = shared_path("corpus", "spun-news").parent
    shared_path("corpus", "spun-news-extra")
    res = spun_docs.run(corpus, with_negatives=False)
    assert res["shipped"]["f1"] >= 0.9, res["shipped"]
    assert res["shipped"]["fp"] == 0
    assert res["cv_leave_one_site_out"]["f1"] >= 0.9, res["cv_leave_one_site_out"]


def test_voa_stories_are_never_flagged():
    folder = shared_path("corpus", "voa")
    stories = sorted(folder.glob("*.txt"))
    assert stories
    flagged = [p.name for p in stories if analyse(p)[1].summary["flagged"]]
    assert flagged == []


def test_examples_07_against_gold_and_others_clean():
    gold = [
        g
        for g in json.loads((EXAMPLES / "gold.json").read_text(encoding="utf-8"))["spun_words"]
        if g["file"] == "07_newsroundup24.txt"
    ]
    _, res = analyse(EXAMPLES / "corpus" / "07_newsroundup24.txt")
    assert res.summary["flagged"]
    want = {(g["start"], g["end"]): g["original"] for g in gold}
    got = {(s.start, s.end): s.attrs["original"] for s in res.spans}
    hits = [k for k in got if k in want]
    precision, recall = len(hits) / len(got), len(hits) / len(want)
    assert precision >= 0.9 and recall >= 0.5, (precision, recall)
    repaired = sum((got[k] or "").lower() == want[k].lower() for k in hits)
    assert repaired >= 0.9 * len(hits)
    for path in sorted((EXAMPLES / "corpus").glob("0[1-6]_*.txt")):
        assert not analyse(path)[1].summary["flagged"], path.name
