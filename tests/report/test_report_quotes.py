"""Quotes in the dossier: JSON, validation, "Who said what" in Markdown and HTML."""

from __future__ import annotations

import json
import re

import pytest
from report_data import article_text, fails_readably
from report_quotes_data import (
    A_ID,
    B_ID,
    C_ID,
    STATEMENT,
    find,
    make_quote_analyses,
    make_quote_fused,
    part,
)
from test_report_render import EVIL, parse

from storyline.fuse.quotes import group_quotes
from storyline.model import (
    DocumentAnalysis,
    Entity,
    EntityMention,
    Fused,
    Metadata,
    Quote,
)
from storyline.report import build_dossier, render_html, render_markdown, validate_dossier
from storyline.report.render.html.script import strip_own_script
from storyline.report.statements import who_said_what
from storyline.report.text import MAX_QUOTE_CHARS, truncate

QUOTE_KEYS = {
    "id",
    "doc",
    "start",
    "end",
    "text",
    "kind",
    "fragments",
    "speaker",
    "cue",
    "channel",
    "when",
    "confidence",
    "source",
    "group",
}


@pytest.fixture
def quote_analyses():
    return make_quote_analyses()


@pytest.fixture
def quote_fused(quote_analyses):
    return make_quote_fused(quote_analyses)


@pytest.fixture
def qdossier(quote_analyses, quote_fused):
    return build_dossier(quote_analyses, quote_fused, generated_by="storyline test")


def by_id(dossier, qid):
    return next(q for q in dossier["quotes"] if q["id"] == qid)


def statement_group(dossier):
    return next(g for g in dossier["quote_groups"] if len(g["docs"]) == 3)


# ---------------------------------------------------------------------- JSON


def test_quotes_are_every_quote_of_every_document(qdossier, quote_analyses):
    ids = [q["id"] for q in qdossier["quotes"]]
    assert ids == [f"{a.doc_id}:{q.id}" for a in quote_analyses for q in a.quotes]
    for q in qdossier["quotes"]:
        assert set(q) == QUOTE_KEYS
    texts = {d["id"]: d["text"] for d in qdossier["documents"]}
    for q in qdossier["quotes"]:
        assert texts[q["doc"]][q["start"] : q["end"]] == q["text"]
    json.dumps(qdossier)


def test_quote_record_is_quote_to_dict_plus_doc_id_group_entity(qdossier, quote_analyses):
    a = quote_analyses[0]
    rec = by_id(qdossier, f"{A_ID}:q1")
    expected = a.quotes[0].to_dict()
    for key in ("start", "end", "text", "kind", "fragments", "cue", "channel", "when"):
        assert rec[key] == expected[key]
    assert rec["doc"] == A_ID
    assert rec["confidence"] == 0.9
    assert rec["speaker"]["text"] == "Mayor Ilse Varga"
    assert rec["speaker"]["kind"] == "title+name"
    assert rec["speaker"]["entity"] == "e-varga"
    assert rec["when"]["text"] == "on Monday"
    assert rec["group"] == statement_group(qdossier)["id"]
    # the analysis itself is not changed
    assert a.quotes[0].speaker["entity"] is None


def test_unlinked_speakers_have_no_entity(qdossier):
    assert by_id(qdossier, f"{A_ID}:q2")["speaker"]["entity"] is None
    he = by_id(qdossier, f"{C_ID}:q2")
    assert he["speaker"]["kind"] == "pronoun" and he["speaker"]["entity"] is None
    assert len(he["fragments"]) == 2


def test_quote_groups_and_stats(qdossier):
    group = statement_group(qdossier)
    assert set(group) == {"id", "text", "speaker", "quotes", "docs", "independent_sources"}
    assert group["docs"] == [A_ID, B_ID, C_ID]
    assert group["quotes"] == [f"{A_ID}:q1", f"{B_ID}:q1", f"{C_ID}:q1"]
    assert group["independent_sources"] == 2  # A and B are one lineage
    assert group["text"].startswith(STATEMENT)
    every = [q for g in qdossier["quote_groups"] for q in g["quotes"]]
    assert sorted(every) == sorted(q["id"] for q in qdossier["quotes"])
    stats = qdossier["stats"]
    assert stats["quotes"] == 5
    assert stats["quote_groups"] == 3
    assert stats["speakers"] == 2  # Ilse Varga, the harbour authority; "he" is nobody


def test_quotes_without_fusion_have_no_group(quote_analyses):
    dossier = build_dossier(quote_analyses, Fused())
    assert len(dossier["quotes"]) == 5
    assert {q["group"] for q in dossier["quotes"]} == {None}
    assert {q["speaker"]["entity"] for q in dossier["quotes"]} == {None}
    assert dossier["quote_groups"] == []
    validate_dossier(dossier)
    # every quote is then its own statement
    assert sum(len(s.statements) for s in who_said_what(dossier)) == 5


def test_documents_read_twice_give_their_quotes_once(quote_analyses):
    twice = [*quote_analyses, make_quote_analyses()[0]]
    dossier = build_dossier(twice, Fused(quote_groups=group_quotes(twice)))
    ids = [q["id"] for q in dossier["quotes"]]
    assert len(ids) == len(set(ids)) == 5
    assert len(dossier["quote_groups"]) == 3
    validate_dossier(dossier)


# ------------------------------------------------------------------ validation


def test_quote_dossier_validates(qdossier):
    validate_dossier(qdossier)


def test_old_dossier_without_quote_groups_validates(qdossier):
    qdossier.pop("quote_groups")
    for q in qdossier["quotes"]:
        q.pop("group")
    validate_dossier(qdossier)


def _speaker_text(d, value):
    d["quotes"][0]["speaker"]["text"] = value


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        (
            lambda d: d["quotes"][0].__setitem__("end", 9999),
            "dossier.quotes[0]: end 9999 is past the end of the document text",
        ),
        (
            lambda d: d["quotes"][0].__setitem__("start", -1),
            "dossier.quotes[0].start: -1 is less than the minimum of 0",
        ),
        (
            lambda d: d["quotes"][0].__setitem__("start", d["quotes"][0]["start"] + 1),
            "dossier.quotes[0].text: 'The flood barrier",
        ),
        (
            lambda d: d["quotes"][0]["fragments"][0].__setitem__("end", 5000),
            "dossier.quotes[0].fragments[0]: end 5000 is past the end",
        ),
        (
            lambda d: _speaker_text(d, "Mayor Ilse Vargas"),
            "dossier.quotes[0].speaker.text: 'Mayor Ilse Vargas' differs from the text",
        ),
        (
            lambda d: d["quotes"][0]["cue"].update(start=60, end=50),
            "dossier.quotes[0].cue: start 60 is after end 50",
        ),
        (
            lambda d: d["quotes"][0]["when"].__setitem__("end", 1000),
            "dossier.quotes[0].when: end 1000 is past the end",
        ),
        (
            lambda d: d["quotes"][2].__setitem__("channel", "told the Harbour Post"),
            "dossier.quotes[2].channel:",
        ),
        (
            lambda d: d["quotes"][0]["speaker"].__setitem__(
                "antecedent", {"text": "Varga", "start": 0, "end": 5}
            ),
            "dossier.quotes[0].speaker.antecedent.text: 'Varga' differs",
        ),
        (
            lambda d: d["quotes"][0].__setitem__("doc", "d-nowhere"),
            "dossier.quotes[0].doc: unknown document id 'd-nowhere'",
        ),
        (
            lambda d: d["quotes"][0]["speaker"].__setitem__("entity", "e-nobody"),
            "dossier.quotes[0].speaker.entity: unknown entity id 'e-nobody'",
        ),
        (
            lambda d: d["quotes"][0].__setitem__("group", "qg-none"),
            "dossier.quotes[0].group: unknown quote group 'qg-none'",
        ),
        (
            lambda d: d["quotes"][1].__setitem__("id", d["quotes"][0]["id"]),
            "dossier.quotes[1].id: duplicate id",
        ),
        (
            lambda d: d["quotes"][0].pop("kind"),
            "dossier.quotes[0]: 'kind' is a required property",
        ),
        (
            lambda d: d["quote_groups"][0]["quotes"].append("d0:q9"),
            "dossier.quote_groups[0].quotes[3]: unknown quote id 'd0:q9'",
        ),
    ],
)
def test_broken_quote_fails_readably(qdossier, breakage, expected):
    assert expected in fails_readably(qdossier, breakage)


# -------------------------------------------------------------------- markdown


def who_section(md: str) -> str:
    start = md.index("## Who said what")
    end = md.find("\n## ", start + 1)
    return md[start:] if end < 0 else md[start:end]


def test_markdown_groups_statements_by_speaker(qdossier):
    section = who_section(render_markdown(qdossier))
    headings = re.findall(r"^### (.+)$", section, re.M)
    assert headings == ["Ilse Varga", "The harbour authority", "Unattributed"]
    assert "3 statements by 2 speakers (5 quotes)" in section
    # the reprinted statement is shown once, with its three sources
    assert section.count("The flood barrier will hold") == 1
    varga = section[section.index("### Ilse Varga") : section.index("### The harbour")]
    assert "— direct, cue “said”, channel “told the Harbour Post”, when “on Monday”" in varga
    assert "3 sources, 2 independent: " in varga
    assert f"Flood barrier to hold, mayor says — Riverside Courier ({A_ID})" in varga
    assert f"Varga: barrier will hold — Harbour Post ({B_ID})" in varga
    assert f"River news ({C_ID})" in varga
    harbour = section[section.index("### The harbour") : section.index("### Unattributed")]
    assert "“the port would stay closed for a week” — indirect, cue “said”" in harbour
    assert "1 source, 1 independent" in harbour
    # an interrupted quote is shown as its fragments, under "Unattributed"
    unattributed = section[section.index("### Unattributed") :]
    assert "“We will not leave our homes, … not this year.”" in unattributed


def test_markdown_name_as_written_joins_its_entity(qdossier):
    # B's speaker is no longer linked, but "Varga" is an alias of the entity
    qdossier["quotes"][2]["speaker"]["entity"] = None
    sections = who_said_what(qdossier)
    assert [s.name for s in sections] == ["Ilse Varga", "The harbour authority", "Unattributed"]
    # and without any link, the speaker text is the heading
    for q in qdossier["quotes"]:
        if q["speaker"]:
            q["speaker"]["entity"] = None
    names = [s.name for s in who_said_what(qdossier)]
    assert names[-1] == "Unattributed"
    assert "Mayor Ilse Varga" in names


def test_markdown_without_quotes(analyses, fused):
    md = render_markdown(build_dossier(analyses, fused))
    assert "## Who said what\n\nNo quotes found." in md


def test_long_quotes_are_truncated(quote_analyses, quote_fused):
    long_text = "word " * 120
    assert len(truncate(long_text)) <= MAX_QUOTE_CHARS
    assert truncate(long_text).endswith("…")
    assert truncate("short  quote\n here") == "short quote here"
    a = quote_analyses[0]
    words = ("barrier " * 100).strip()
    a.text = a.text + f"\u201c{words}\u201d\n"
    s = a.text.index(words)
    a.quotes.append(Quote("q3", s, s + len(words), words, "direct"))
    md = render_markdown(build_dossier(quote_analyses, Fused()))
    line = next(x for x in md.splitlines() if x.startswith("- “barrier barrier"))
    assert "…”" in line and len(line) < MAX_QUOTE_CHARS + 40


# ------------------------------------------------------------------------ html


def test_html_links_every_source_of_a_grouped_quote(qdossier):
    page = render_html(qdossier)
    parse(page)
    group = statement_group(qdossier)
    li = re.search(rf'<li class="statement" id="st-{group["id"]}">(.*?)</li>', page, re.S)
    assert li, "statement missing"
    hrefs = re.findall(r'href="#(q-[^"]+)"', li.group(1))
    assert hrefs == [f"q-{A_ID}-q1", f"q-{B_ID}-q1", f"q-{C_ID}-q1"]
    for target in re.findall(r'href="#(q-[^"]+)"', page):
        assert page.count(f'id="{target}"') == 1
        # the anchor sits on a quote span inside its document's text
        assert re.search(rf'<span class="quote quote-\w+"[^>]* id="{target}">', page)
    assert page.count('class="statement"') == 3
    assert '<a href="#ent-e-varga">Ilse Varga</a>' in page
    assert "3 sources, 2 independent" in page
    assert '<a href="#quotes">Who said what</a>' in page


def test_html_marks_speakers_and_cues(qdossier):
    page = render_html(qdossier)
    assert re.search(r'<span class="speaker" title="speaker of quote q1 \(title\+name\)', page)
    assert '<span class="cue" title="cue of quote q1 (tell)">told</span>' in page
    assert '<span class="channel"' in page and '<span class="quote-when"' in page
    # the interrupted quote: two pieces, one anchor
    c_quote = f'data-quote="{C_ID}:q2"'
    assert page.count(c_quote) == 2
    assert page.count(f'id="q-{C_ID}-q2"') == 1


def test_html_quotes_over_overlapping_layers_keep_text_and_structure(qdossier):
    page = render_html(qdossier)
    parse(page)
    for doc in qdossier["documents"]:
        assert article_text(page, doc["id"]) == doc["text"]


def evil_quote_dossier():
    text = f'Eve {EVIL} said: \u201cWe {EVIL} & "you" <b>win</b>.\u201d\n'
    content = f'We {EVIL} & "you" <b>win</b>.'
    s, e = find(text, content)
    speaker = part(text, f"Eve {EVIL}", kind="name", antecedent=None, entity=None)
    a = DocumentAnalysis(
        doc_id="d00000000000evilq",
        pipeline_version="test",
        text=text,
        source="evil.txt",
        format="txt",
        metadata=Metadata(),
        quotes=[
            Quote(
                "q1",
                s,
                e,
                content,
                f"direct{EVIL}",
                fragments=[{"start": s, "end": e}],
                speaker=speaker,
                cue=part(text, "said", lemma=EVIL),
            )
        ],
    )
    ent = Entity(
        f"e{EVIL}",
        f"Eve {EVIL}",
        "PERSON",
        mentions=[EntityMention(a.doc_id, *find(text, f"Eve {EVIL}"), f"Eve {EVIL}")],
    )
    fused = Fused(entities=[ent], speaker_entities={f"{a.doc_id}:q1": ent.id})
    return build_dossier([a], fused)


def test_html_escapes_quote_text_and_speaker_names():
    dossier = evil_quote_dossier()
    validate_dossier(dossier)
    assert dossier["quotes"][0]["speaker"]["entity"] == f"e{EVIL}"
    page = strip_own_script(render_html(dossier))
    parsed = parse(page)
    assert "script" not in parsed.tags and "b" not in parsed.tags
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not [x for x in parsed.attrs if x[1].startswith("on")]
    assert "Content-Security-Policy" in page
    # the statement in "Who said what" and the speaker heading, escaped
    assert "“We &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;you&#34; &lt;b&gt;win" in page
    assert ">Eve &lt;script&gt;alert(1)&lt;/script&gt;</a></h3>" in page


def test_markdown_escapes_quote_text_and_speaker_names():
    md = render_markdown(evil_quote_dossier())
    section = who_section(md)
    assert "<script>" not in section and "<b>" not in section
    assert "### Eve \\<script\\>alert(1)\\</script\\>" in section
    assert '“We \\<script\\>alert(1)\\</script\\> \\& "you" \\<b\\>win\\</b\\>.”' in section


def test_quotation_marks_in_the_content_are_not_doubled(quote_analyses):
    a = quote_analyses[0]
    q = a.quotes[0]
    q.start, q.end = q.start - 1, q.end + 1  # include the marks, as the extractor may
    q.text = a.text[q.start : q.end]
    q.fragments = [{"start": q.start, "end": q.end}]
    assert q.text.startswith("\u201c") and q.text.endswith("\u201d")
    dossier = build_dossier(quote_analyses, Fused())
    validate_dossier(dossier)
    md = render_markdown(dossier)
    assert f"- “{STATEMENT}.” — direct" in md
    assert "““" not in md and "””" not in md
    assert "““" not in render_html(dossier)
