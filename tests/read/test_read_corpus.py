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
