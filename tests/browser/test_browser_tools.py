"""The screenshot script and the dossier-opening benchmark, on the sample dossier."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from tools import screenshots

ROOT = Path(__file__).resolve().parents[2]


def test_screenshots_of_two_views_at_phone_width(chromium_browser, examples_out, tmp_path):
    html = examples_out / "dossier.html"
    findings = screenshots.shoot(
        html, tmp_path, ["first-screen", "who-said-what", "brief"], ["phone"], chromium_browser
    )
    pngs = sorted(p.name for p in tmp_path.glob("*.png"))
    # a view the page has no anchor for is skipped, not an error
    expected = ["phone-first-screen.png", "phone-who-said-what.png"]
    if "brief" in findings["phone"]["views"]:
        expected.insert(0, "phone-brief.png")
    assert pngs == expected
    for name in pngs:
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    layout = json.loads((tmp_path / "layout.json").read_text(encoding="utf-8"))
    assert layout["phone"]["inner_width"] == 400
    assert layout["phone"]["screens"] > 1


def _bench_module():
    spec = importlib.util.spec_from_file_location(
        "dossier_open", ROOT / "benchmarks" / "dossier_open.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_synthetic_variants_are_distinct_documents():
    records = _bench_module().synthetic_corpus(12)
    texts = [r["text"] for r in records]
    assert len(set(texts)) == 12
    corpus = ROOT / "examples" / "corpus"
    originals = {p.read_text(encoding="utf-8") for p in corpus.glob("*.txt")}
    assert not originals & set(texts)


def test_open_time_is_measured(chromium_browser, examples_out):
    html = (examples_out / "dossier.html").resolve()
    result = _bench_module().measure(html, 1, 400, chromium_browser)
    run = result["runs"][0]
    assert 0 < run["first_contentful_paint_ms"] <= run["load_ms"] + 1000
    assert run["elements"] > 100
    assert result["median"]["load_ms"] == round(run["load_ms"])
