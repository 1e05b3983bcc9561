"""Counts and dates as a reader reads them: "1 mention", never "1 mentions"; a
Sources table date written as the document labels write it ("3 Jun 2024"),
its machine value kept in ``<time datetime>``; the paged index in the singular
when there is one part, one document, one entity."""

from __future__ import annotations

import copy
import json
import re

import pytest

from storyline.report import build_dossier, render_html
from storyline.report.paged import PAGED_SCHEMA
from storyline.report.paged.entities import EntityIndex
from storyline.report.paged.render import render_index_html, render_index_markdown
from storyline.report.text import day_range, plural

#: A count of one followed by a plural noun (optionally after "more" or an adjective).
ONE_PLURAL = re.compile(
    r"(?<![\d,.])1 (?:more |less-mentioned |reported )?"
    r"(documents|parts|stories|claims|mentions|reports|rows|statements|speakers|"
    r"entities|events|errors|quotes|articles|sources|words)\b"
)


def visible_text(html: str) -> str:
    """The page's text without tags (attributes such as titles left out)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def dossier(analyses, fused, read_errors):
    return build_dossier(analyses, fused, errors=read_errors)


def test_plural_reads_singular_plural_and_groups_thousands():
    assert plural(1, "story", "stories") == "1 story"
    assert plural(0, "part") == "0 parts"
    assert plural(12400, "mention") == "12,400 mentions"
    assert plural(2, "entity", "entities") == "2 entities"


def test_day_ranges_read_as_labels_write_dates():
    assert day_range("2019-11-25T23:43:03+00:00", "2021-04-02") == "25 Nov 2019 – 2 Apr 2021"
    assert day_range("2023-03-03", "2023-03-03") == "3 Mar 2023"
    assert day_range(None, None) == "undated"


def test_the_one_plural_check_can_fail():
    assert ONE_PLURAL.search("in 1 parts of at most 10")
    assert ONE_PLURAL.search("1 more statements by this speaker")
    assert not ONE_PLURAL.search("11 parts · 21 documents · 1,001 mentions · 1 part")


def test_sources_table_dates_read_as_labels_with_the_machine_value_kept(dossier):
    page = render_html(dossier)
    sources = page[page.index('<section id="sources">') : page.index('<h3 id="lineage">')]
    # the fixture's first document is dated 2024-06-03, inferred from its dateline
    assert '<time datetime="2024-06-03" title="2024-06-03">3 Jun 2024</time>' in sources
    assert '<span class="note">(inferred)</span>' in sources
    assert "2024-06-03 (inferred)" not in sources


def test_a_single_count_reads_in_the_singular(dossier):
    d = copy.deepcopy(dossier)
    doc = d["documents"][0]
    doc["mentions"] = doc["mentions"][:1]
    text = visible_text(render_html(d))
    assert "1 mention ·" in text or "1 mention " in text
    assert not ONE_PLURAL.search(text), ONE_PLURAL.search(text)


def _head(n_entities: int, max_docs: int) -> dict:
    part = {
        "id": "p1",
        "label": "Harbor reports",
        "first": "2023-03-03",
        "last": "2023-03-03",
        "documents": 1,
        "doc_ids": ["d1"],
        "status": "built",
        "stats": {"documents": 1, "entities": n_entities, "quotes": 1},
        "errors": 1,
        "paths": {"html": "parts/p1/dossier.html", "md": "parts/p1/dossier.md"},
    }
    return {
        "schema": PAGED_SCHEMA,
        "generated_by": "test",
        "max_docs": max_docs,
        "documents": 1,
        "stats": {"documents": 1, "entities": n_entities, "mentions": 1, "quotes": 1},
        "n_parts": 1,
        "n_entities": n_entities,
        "parts": [part],
        "errors": [],
    }


def _index(tmp_path, n: int) -> EntityIndex:
    rows = tmp_path / "rows.jsonl"
    rows.write_text(
        "".join(
            json.dumps(
                {"key": f"k{i}", "type": "ORG", "name": f"Harbor Board {i}", "id": f"e{i}"}
                | {"mentions": 1, "documents": 1}
            )
            + "\n"
            for i in range(n)
        ),
        encoding="utf-8",
    )
    index = EntityIndex()
    index.add_part("p1", rows)
    return index


def test_paged_index_of_one_part_reads_in_the_singular(tmp_path):
    index = _index(tmp_path, 1)
    head = _head(1, 1)
    html = visible_text(render_index_html(head, index))
    md = render_index_markdown(head, index)
    index.close()
    for text in (html, md):
        assert not ONE_PLURAL.search(text), ONE_PLURAL.search(text)
        assert "1 part ·" in text and "all 1 entity, most mentioned first" in text
    assert "of at most 1 document." in html
    assert "3 Mar 2023" in html and "2023-03-03" not in html
    assert "most mentioned of" not in html  # never "the 200 most mentioned of 1"
