"""The shared evaluation material, when this checkout sits next to it (read-only use)."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "corpus"
HTML_PAGES = SHARED / "eval" / "extraction" / "html"


def test_belarus_corpus_text_is_exact(read) -> None:
    folder = CORPUS / "belarus-2022"
    if not folder.is_dir():
        pytest.skip("../shared/corpus not present (user clone)")
    results = read(folder)
    assert results.errors == []
    assert len(results.docs) == 5
    for doc in results.docs:
        data = Path(doc.source).read_bytes()
        assert doc.text == data.decode("utf-8-sig")
        assert doc.raw == data


def test_voa_index_lends_its_metadata_to_the_articles(read) -> None:
    folder = CORPUS / "voa"
    if not (folder / "index.jsonl").is_file():
        pytest.skip("../shared/corpus/voa not present (user clone)")
    import json

    records = [json.loads(x) for x in (folder / "index.jsonl").read_text().splitlines() if x]
    results = read(folder)
    assert results.errors == []
    by_name = {Path(d.source).name: d for d in results.docs}
    assert all(r["file"] in by_name for r in records)
    for r in records:
        doc = by_name[r["file"]]
        assert (doc.title, doc.published, doc.url) == (r["title"], r["published"], r["url"])
        assert doc.text == (folder / r["file"]).read_bytes().decode("utf-8-sig")


def test_html_extraction_on_real_pages(read) -> None:
    if not HTML_PAGES.is_dir():
        pytest.skip("../shared/eval/extraction/html not present (user clone)")
    pages = sorted(HTML_PAGES.glob("*.html"))[:3]
    assert pages
    results = read(*pages)
    assert results.errors == []
    for doc in results.docs:
        assert doc.text.strip(), doc.source
        assert doc.title, doc.source
        assert doc.format == "html"
