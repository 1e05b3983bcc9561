"""The pure parts of the growth benchmark: exponent fit, feed sizing, variants, measuring."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import growth_corpus as gc  # noqa: E402
import growth_measure as gm  # noqa: E402

# Three small reports per source set, written for this test.
ARTICLES = {
    "harbour": [
        "The port of Lindholm reopened on Monday after a storm. Officials said the damage "
        "was light. Ferries to Ostbay will run again from Tuesday. The mayor, Anna Berg, "
        "thanked the crews who worked through the night in 2019.",
        "Crews in Lindholm cleared the last fallen trees. Power returned to most homes by "
        "noon, the utility said. Schools stay closed until Wednesday. Residents queued for "
        "water at the town hall since early morning.",
        "Insurers in Ostbay expect claims to rise after the storm. A spokesman for Nordsure "
        "said payouts would start within weeks. The last storm of this size hit the coast "
        "in 2005. Farmers reported flooded fields near the river.",
    ],
    "budget": [
        "The finance minister, Karl Ode, presented the budget on Thursday. Spending on roads "
        "will rise by a tenth. The opposition called the plan reckless. A vote is due in "
        "March 2021, the speaker said.",
        "Economists at Vasta Bank welcomed the budget's road plans. They warned that the "
        "deficit would widen next year. Bond yields rose slightly after the speech. Traders "
        "said the market had expected more cuts.",
        "Unions in Rimberg said the budget ignored nurses. Their leader, Eva Lind, promised "
        "protests in April. The health ministry declined to comment. Hospitals have asked "
        "for more staff since 2018.",
    ],
}
LONG = " ".join(f"Rescuers searched street {i} of the old town on foot." for i in range(1, 16))
ARTICLES["harbour"].append(LONG)  # one long article beside short ones
REAL = [
    {"id": f"{k}-{i}", "text": t, "set": f"news/{k}"}
    for k, texts in ARTICLES.items()
    for i, t in enumerate(texts)
]
MASK = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z]{2,}\b|\b\d{4}\b")


def _masked(sentence: str) -> str:
    return MASK.sub("#", sentence)


def test_slope_is_the_log_log_growth_exponent():
    xs = [1000, 3000, 10000]
    assert gm.slope(xs, [x**2 for x in xs]) == pytest.approx(2.0)
    assert gm.slope(xs, [3 * x for x in xs]) == pytest.approx(1.0)
    assert gm.slope(xs, [5.0, 5.0, 5.0]) == pytest.approx(0.0)
    assert gm.slope([1000], [2.0]) is None
    assert gm.slope([1000, 2000], [0.0, 1.0]) is None  # a zero cannot be on a log scale
    assert gm.pairwise_slopes(xs, [x * x for x in xs]) == pytest.approx([2.0, 2.0])


def test_feed_needs_turns_per_document_cost_into_cores_and_memory():
    # 200,000 a day is 2.31 documents a second; at 0.432 CPU s each, one core busy
    need = gm.feed_needs(0.432, base_mb=1000, extra_worker_mb=500, utilisation=0.5)
    assert need["documents_per_s"] == pytest.approx(2.31, abs=0.01)
    assert need["cores_busy_on_average"] == pytest.approx(1.0, abs=0.01)
    assert need["cores_at_utilisation"] == pytest.approx(2.0, abs=0.01)
    assert need["workers"] == 2
    assert need["memory_mb"] == 1000 + 500  # the second worker adds what it added when measured
    assert gm.feed_needs(0.001, base_mb=900, extra_worker_mb=500)["workers"] == 1


def test_sentences_split_at_ends_and_line_breaks():
    text = 'He said "it is over." Then he left!\nHEADLINE WITHOUT A STOP\nLast one?'
    assert gc.sentences(text) == [
        'He said "it is over."',
        "Then he left!",
        "HEADLINE WITHOUT A STOP",
        "Last one?",
    ]


def test_variants_are_readable_mixes_of_whole_sentences_and_not_copies():
    maker = gc.VariantMaker(REAL, min_words=20)
    source = {_masked(s): r["id"] for r in REAL for s in gc.sentences(r["text"])}
    texts = set()
    for k in range(12):
        v = maker.variant(k)
        assert v == maker.variant(k)  # deterministic
        text = v["text"]
        json.loads(json.dumps(v))
        assert text.strip() and not re.search(r"[\x00-\x09\x0b-\x1f]", text)
        sents = gc.sentences(text)
        # every sentence is a source sentence, names and years aside
        origins = [source.get(_masked(s)) for s in sents]
        assert None not in origins, [s for s, o in zip(sents, origins, strict=True) if o is None]
        # mixed from several articles, none of them more than MAX_SHARE (rounded up)
        counts = {o: origins.count(o) for o in set(origins)}
        assert len(counts) == gc.MIX
        assert max(counts.values()) <= max(1, len(sents) * gc.MAX_SHARE)
        # and never as much of a source as a copy link needs (half of one document)
        for rid, c in counts.items():
            n_source = len(gc.sentences(next(r["text"] for r in REAL if r["id"] == rid)))
            assert c <= max(1, int(n_source * gc.SOURCE_SHARE))
        assert text not in {r["text"] for r in REAL}
        texts.add(text)
    assert len(texts) == 12  # no two variants are the same text


def test_variant_years_shift_and_names_come_from_another_set():
    maker = gc.VariantMaker(REAL, min_words=20)
    for k in range(9):
        years = {int(y) for y in re.findall(r"\b\d{4}\b", maker.variant(k)["text"])}
        assert all(y - (1 + k % 9) in {2005, 2018, 2019, 2021} for y in years)
    names = set().union(*map(set, maker.names.values()))
    swapped = [gc.CAPITAL.findall(maker.variant(k)["text"]) for k in range(12)]
    assert all(w in names or w in gc.KEEP_CAPITAL for ws in swapped for w in ws)


def test_real_texts_are_distinct_and_grouped_by_source_set(tmp_path):
    (tmp_path / "quotes").mkdir()
    (tmp_path / "xdoc_coref").mkdir()
    meta = json.dumps({"publisher": "daily"})
    rows = [{"id": "a", "text": ARTICLES["budget"][0], "meta": meta}]
    rows.append({"id": "b", "text": ARTICLES["budget"][1], "meta": meta})
    (tmp_path / "quotes/train.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    same = [{"doc_id": "c", "text": ARTICLES["budget"][0], "topic": "7"}]  # a duplicate
    same.append({"doc_id": "d", "text": ARTICLES["harbour"][0], "topic": "7"})
    (tmp_path / "xdoc_coref/documents.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in same)
    )
    real = gc.real_texts(tmp_path)
    assert [r["set"] for r in real] == ["polnear/daily", "ecb+/7", "polnear/daily"]  # mixed
    assert len({r["text"] for r in real}) == 3
    records = list(gc.corpus(tmp_path, 2))  # one of each collection
    assert [r["id"] for r in records] == [r["id"] for r in real[:2]]
    counts = gc.write_jsonl(iter(records), tmp_path / "c.jsonl")
    assert counts["real"] == 2 and counts["variant"] == 0


def test_dossier_stats_are_read_from_the_end_and_links_are_not_counted_twice(tmp_path):
    version = tmp_path / ".dossier-1"
    version.mkdir()
    body = {"documents": [{"id": "x" * 50}] * 100, "stats": {"documents": 100, "lineages": 3}}
    (version / "dossier.json").write_text(json.dumps(body))
    (tmp_path / "dossier.json").symlink_to(version / "dossier.json")
    assert gm.dossier_stats(tmp_path / "dossier.json") == {"documents": 100, "lineages": 3}
    assert gm.dossier_stats(tmp_path / "missing.json") is None
    size = (version / "dossier.json").stat().st_size
    assert gm.folder_bytes(tmp_path) == size
    assert gm.folder_bytes(tmp_path / "dossier.json") == size


def test_process_tree_and_run_measured_see_the_children():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(5)"])
    try:
        assert child.pid in gm.process_tree(os.getpid())
    finally:
        child.kill()
        child.wait()
    grandchild = "x = bytearray(50_000_000)"
    code = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {grandchild!r}])"
    run = gm.run_measured([sys.executable, "-c", code])
    assert run["returncode"] == 0
    assert run["cpu_s"] > 0
    # the grandchild's 50 MB is in wait4's peak (children included)
    assert run["maxrss_any_process_mb"] >= 50


def test_copy_lineages_count_a_planted_copy_but_not_the_variants():
    maker = gc.VariantMaker(REAL, min_words=20)
    variants = [maker.variant(k) for k in range(6)]
    copy = {"id": "variant-copy", "text": "Reposted: " + REAL[0]["text"]}
    found = gc.copy_lineages([*REAL, *variants, copy])
    assert found["documents"] == len(REAL) + 7
    assert found["lineages"] == 1
    assert found["documents_in_lineages"] == 2
    assert found["variants_in_lineages"] == 1  # the planted copy only


def test_markdown_tables_show_every_run_and_the_exponents():
    run = {
        "command": "storyline analyze", "processes": 1, "wall_s": 10.0, "cpu_s": 9.0,
        "load_average_before": [1.0, 1.0, 1.0], "load_average_after": [2.0, 1.0, 1.0],
        "documents": 100, "real": 100, "variant": 0, "dossier_valid": False,
    }  # fmt: skip
    runs = [run, {**run, "documents": 1000, "real": 900, "variant": 100, "wall_s": 100.0}]
    runs[1]["dossier_valid"] = True
    report = {"runs": runs, "summary": {"exponent_sizes": [100, 1000]}}
    report["summary"]["exponent_wall_s"] = {"all": 1.0, "pairs": [1.0]}
    table = gm.markdown(report)
    assert "| 1,000 (900 + 100) | storyline analyze | 1 | 100.0 s" in table
    assert "| **no** |" in table and "| yes |" in table
    assert "| wall time | 1.00 | 1.00 |" in table


def test_shares_cap_each_article_and_the_longest_one():
    assert gc.shares([4, 4, 4]) == [1, 1, 1]
    takes = gc.shares([40, 5, 5])  # 16 of the long one would be 89% of the variant
    assert takes[1:] == [2, 2] and takes[0] <= gc.MAX_SHARE * sum(takes)
    assert all(
        t <= max(1, int(n * gc.SOURCE_SHARE)) for t, n in zip(takes, [40, 5, 5], strict=True)
    )
