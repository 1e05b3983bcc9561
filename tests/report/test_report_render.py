from __future__ import annotations

import random
import re
from html.parser import HTMLParser

import pytest
from report_data import article_text

from storyline.model import (
    DocumentAnalysis,
    Entity,
    EntityMention,
    Evidence,
    Fused,
    Mention,
    Metadata,
    ReadError,
    Span,
)
from storyline.report import build_dossier, render_html, render_markdown, validate_dossier
from storyline.report.render.html.layers import Layer, segment_html
from storyline.report.render.html.script import strip_own_script
from storyline.report.render.markdown import md_escape

VOID = {"meta", "br", "hr", "img", "input", "link", "wbr"}
EVIL = "<script>alert(1)</script>"
QUOTES = "\"&<>'"


class WellFormed(HTMLParser):
    """Fails on a closing tag that does not match the innermost open tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []  # (tag, name, value)
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, name, value) for name, value in attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack, f"</{tag}> closes nothing"
        assert self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1]}>"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(fragment: str) -> WellFormed:
    p = WellFormed()
    p.feed(fragment)
    p.close()
    assert p.stack == [], f"unclosed tags: {p.stack}"
    return p


@pytest.fixture
def dossier(analyses, fused, read_errors):
    return build_dossier(analyses, fused, errors=read_errors)


# ------------------------------------------------------------------ markdown


def test_markdown_sections(dossier):
    md = render_markdown(dossier)
    assert md.startswith("# Storyline dossier")
    assert "2 documents · 2 entities · 7 mentions · 1 error" in md
    assert "## Sources" in md and "## Entities" in md and "## Errors" in md
    assert "| ID | Title | Outlet | Published | Language | Source | Flags |" in md
    # dates read as the rest of the dossier writes them, never raw ISO
    assert "3 Jun 2024 (inferred)" in md
    assert "| 4 Jun 2024 |" in md  # not inferred
    assert "2024-06-03" not in md and "2024\\-06" not in md
    assert (
        "- **Ana Lopez** (PERSON): 3 mentions in d00000000000000a1 (2), d00000000000000b2 (1)" in md
    )
    assert "also “Lopez”" in md
    assert "broken.html: not valid UTF\\-8" not in md
    assert "- broken.html: not valid UTF-8 \\| and no charset given" in md


def test_markdown_table_survives_pipes_and_newlines(analyses, fused):
    a = analyses[0]
    a.metadata.title = Evidence("Left | right\nsecond line", "json")
    a.metadata.outlet = Evidence(EVIL, "json")
    md = render_markdown(build_dossier(analyses, fused))
    rows = [line for line in md.splitlines() if line.startswith("| d0")]
    assert len(rows) == 2
    for row in rows:
        # seven cells: eight unescaped pipes
        assert len(re.findall(r"(?<!\\)\|", row)) == 8
    assert "Left \\| right second line" in rows[0]
    assert "<script>" not in md
    assert "\\<script\\>" in md


def test_md_escape():
    assert md_escape(None) == ""
    assert md_escape("a|b") == "a\\|b"
    assert md_escape("x\r\n\ny") == "x y"
    assert md_escape("*bold* [link](u) `code`") == "\\*bold\\* \\[link\\](u) \\`code\\`"


def test_markdown_without_errors(analyses, fused):
    md = render_markdown(build_dossier(analyses, fused))
    assert "## Errors" not in md
    assert "0 errors" in md


# ---------------------------------------------------------------------- html


def test_html_structure(dossier):
    page = render_html(dossier)
    parse(page)
    assert page.startswith("<!DOCTYPE html>")
    assert 'id="doc-d00000000000000a1"' in page and 'id="doc-d00000000000000b2"' in page
    assert 'href="#doc-d00000000000000a1"' in page
    assert '<mark class="ent ent-PERSON" title="PERSON: Ana Lopez"' in page
    assert '<mark class="ent ent-ORG" title="ORG: Harbor Works"' in page
    assert '<span class="boilerplate" title="signup-blurb">' in page
    assert (
        '<strong class="title-span" title="first-line">Bridge vote delayed again</strong>' in page
    )
    assert "white-space: pre-wrap" in page
    assert "3 Jun 2024</time> (inferred)" in page  # the document view's Published field
    assert "2024-06-03 (inferred)" not in page
    assert "from dateline, chars" in page
    # entity mentions link to anchors that exist
    for target in re.findall(r'href="#(m-[^"]+)"', page):
        assert f'id="{target}"' in page
    assert "broken.html" in page and "and no charset given" in page


def test_html_document_text_is_preserved(dossier):
    page = render_html(dossier)
    for doc in dossier["documents"]:
        assert article_text(page, doc["id"]) == doc["text"]


def test_html_plain_label_title_without_entity(dossier):
    dossier["entities"] = []
    validate_dossier(dossier)
    assert '<mark class="ent ent-PERSON" title="PERSON"' in render_html(dossier)


def evil_analysis() -> DocumentAnalysis:
    text = f"Headline {EVIL} {QUOTES}\nBody by Eve {EVIL} and more {QUOTES}.\n"
    start = text.index("Eve")
    return DocumentAnalysis(
        doc_id="d0000000000000e71",
        pipeline_version="test",
        text=text,
        source=f"evil/{EVIL}.html",
        format="html",
        metadata=Metadata(
            title=Evidence(f"Headline {EVIL} {QUOTES}", "html-meta"),
            outlet=Evidence(f"Outlet {QUOTES}", "html-meta"),
            published=Evidence(f"2024 {EVIL}", "html-meta"),
            language=Evidence(QUOTES, "html-meta"),
            url=f'javascript:alert(1)//"{EVIL}',
        ),
        spans=[
            Span(0, text.index("\n"), "title", f"rule {EVIL}"),
            Span(text.index("and"), len(text), "boilerplate", f'{QUOTES}" onmouseover="x'),
        ],
        mentions=[Mention(start, start + 3, "Eve", f'PERSON"><script>{QUOTES}')],
        errors=[f"warning {EVIL}"],
    )


def test_html_escapes_untrusted_text():
    a = evil_analysis()
    fused = Fused(
        entities=[
            Entity(
                "e<1>",
                f"Eve {EVIL}",
                f"PER{QUOTES}",
                aliases=[{"text": EVIL}],
                mentions=[EntityMention(a.doc_id, a.mentions[0].start, a.mentions[0].end, "Eve")],
            )
        ]
    )
    dossier = build_dossier([a], fused, errors=[ReadError(EVIL, f"bad {EVIL} {QUOTES}")])
    validate_dossier(dossier)
    page = strip_own_script(render_html(dossier))
    parsed = parse(page)
    assert "script" not in parsed.tags
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&#34;&amp;&lt;&gt;&#39;" in page  # "&<>' escaped in text
    assert not [a for a in parsed.attrs if a[1].startswith("on")]  # no event handlers
    assert 'href="javascript' not in page
    # every piece of the text is there once unescaped
    assert EVIL in "".join(parsed.text)


def test_html_loads_nothing_from_outside(dossier):
    page = strip_own_script(render_html(dossier))
    lower = page.lower()
    assert not re.search(r"<script[^>]*\bsrc\s*=", lower)
    assert not re.search(r"<link[^>]*\bhref\s*=", lower)
    assert "@import" not in lower and "url(" not in lower
    parsed = parse(page)
    loaders = {"script", "link", "img", "iframe", "object", "embed", "source", "audio", "video"}
    assert not loaders & set(parsed.tags)
    # the only web address in an attribute is the document's own URL, as a plain link
    with_urls = [a for a in parsed.attrs if a[2] and "://" in a[2]]
    assert with_urls == [("a", "href", "https://news.example.org/b")]
    assert "Content-Security-Policy" in page


# --------------------------------------------------------------- segmenter


def test_segment_overlapping_and_nested():
    text = "alpha beta gamma\ndelta"
    layers = [
        Layer(0, 16, 0, "span", {"class": "boilerplate"}),  # whole first line
        Layer(6, 22, 2, "strong", {}),  # crosses the boilerplate end
        Layer(6, 10, 3, "mark", {"class": "ent"}, "m-1"),  # nested in both
        Layer(8, 12, 3, "mark", {"class": "ent"}),  # overlaps the other mark
        Layer(3, 3, 3, "mark", {}),  # empty: dropped
        Layer(20, 99, 3, "mark", {}),  # clipped to the text
        Layer(-5, 2, 1, "em", {}),  # clipped to the start
    ]
    out = str(segment_html(text, layers))
    p = parse(out)
    assert "".join(p.text) == text
    assert out.count('id="m-1"') == 1
    assert out.startswith('<span class="boilerplate"><em>al</em>pha <strong>')
    # the strong crossing the boilerplate end is split, not mis-nested
    assert "</mark>amma</strong></span><strong>\ndel<mark>ta</mark></strong>" in out
    # overlapping marks: the second is split at the first's end
    assert '<mark class="ent" id="m-1">be<mark class="ent">ta</mark></mark>' in out


def test_segment_escapes():
    out = str(segment_html("<b>&</b>", [Layer(0, 3, 0, "span", {"title": '"><x'})]))
    assert out == '<span title="&#34;&gt;&lt;x">&lt;b&gt;</span>&amp;&lt;/b&gt;'


@pytest.mark.parametrize("seed", range(30))
def test_segment_random_layers_are_well_formed(seed):
    rng = random.Random(seed)
    text = "".join(rng.choice("ab <>&\"'\n") for _ in range(rng.randint(0, 60)))
    n = len(text)
    tags = ["span", "strong", "mark", "em"]
    layers = []
    for i in range(rng.randint(0, 12)):
        s = rng.randint(-3, n + 3)
        e = rng.randint(-3, n + 3)
        layers.append(Layer(s, e, rng.randint(0, 3), rng.choice(tags), {}, f"a{i}"))
    out = str(segment_html(text, layers))
    p = parse(out)
    assert "".join(p.text) == text
