"""Source integrity in the dossier: JSON keys, validation, Markdown and HTML."""

from __future__ import annotations

import copy
import re

import pytest
from markupsafe import escape
from report_data import fails_readably
from report_integrity_data import (
    EVIL,
    MT_ID,
    ORIG_ID,
    SPUN_ID,
    TEXT_MT,
    TEXT_ORIG,
    TEXT_SPUN,
    find,
    make_lineage,
    make_mt,
    make_original,
    make_spun,
)
from test_report_render import parse

from storyline.model import CopyLink, Fused, Mention, Span
from storyline.report import build_dossier, render_html, render_markdown, validate_dossier
from storyline.report.render.html.script import strip_own_script
from storyline.report.render.integrity import flag_items
from storyline.report.text import doc_label, score_text


def docs_by_id(dossier):
    return {d["id"]: d for d in dossier["documents"]}


# ---------------------------------------------------------------------- json


def test_integrity_keys_from_analysis_and_lineages(integrity_dossier):
    validate_dossier(integrity_dossier)
    docs = docs_by_id(integrity_dossier)
    spun = docs[SPUN_ID]["integrity"]
    assert spun["spun"]["score"] == 0.93 and spun["spun"]["flagged"] is True
    assert spun["original_outlet"]["name"] == "Rivertown Gazette"
    assert spun["lineage"] == "L1"
    assert spun["copies"] == []
    copy_of = spun["copy_of"]
    assert copy_of["doc"] == ORIG_ID
    assert copy_of["kind"] == "spun"
    assert copy_of["similarity"] == 0.87
    assert copy_of["reason"] == "published a day earlier"
    p = copy_of["passages"][1]
    assert TEXT_SPUN[p["a_start"] : p["a_end"]] == TEXT_ORIG[p["b_start"] : p["b_end"]]

    orig = docs[ORIG_ID]["integrity"]
    assert orig == {"copy_of": None, "lineage": "L1", "copies": [SPUN_ID]}
    mt = docs[MT_ID]["integrity"]
    assert mt["machine_translated"]["flagged"] is True
    assert mt["original_outlet"] is None
    assert (mt["copy_of"], mt["lineage"], mt["copies"]) == (None, None, [])


def test_top_level_lineages_and_stats(integrity_dossier):
    assert integrity_dossier["lineages"] == [make_lineage().to_dict()]
    stats = integrity_dossier["stats"]
    assert stats["documents"] == 5
    assert stats["lineages"] == 1
    assert stats["independent_sources"] == 4  # one lineage + three documents in none
    assert stats["documents_copied"] == 1
    assert stats["documents_spun"] == 1
    assert stats["documents_machine_translated"] == 1
    assert stats["spans_spun"] == 4


def test_analysis_integrity_is_not_shared_with_the_dossier(integrity_analyses, integrity_fused):
    d = build_dossier(integrity_analyses, integrity_fused)
    docs_by_id(d)[SPUN_ID]["integrity"]["spun"]["score"] = 0.0
    assert integrity_analyses[3].integrity["spun"]["score"] == 0.93
    assert "copy_of" not in integrity_analyses[3].integrity


def test_no_lineages_means_every_document_is_independent(analyses, fused):
    d = build_dossier(analyses, fused)
    assert d["lineages"] == []
    assert d["stats"]["independent_sources"] == 2
    assert d["stats"]["lineages"] == 0


def test_renderers_show_the_stated_independent_sources(integrity_dossier):
    # Counted once when the dossier was built; the renderers only read it.
    d = copy.deepcopy(integrity_dossier)
    d["stats"]["independent_sources"] = 7
    assert "5 documents, 7 independent sources." in render_markdown(d)
    assert "5 documents, 7 independent sources." in render_html(d)


def test_old_dossier_without_integrity_keys_still_validates_and_renders(integrity_dossier):
    old = copy.deepcopy(integrity_dossier)
    del old["lineages"]
    for key in ("lineages", "independent_sources", "documents_copied"):
        old["stats"].pop(key)
    for doc in old["documents"]:
        doc["integrity"] = {}
    validate_dossier(old)
    md = render_markdown(old)
    assert "5 documents, 5 independent sources." in md
    page = render_html(old)
    parse(page)
    assert "5 documents, 5 independent sources." in page


def test_copy_of_without_lineages_renders(integrity_dossier):
    d = copy.deepcopy(integrity_dossier)
    d["lineages"] = []
    for doc in d["documents"]:
        doc["integrity"]["lineage"] = None
    validate_dossier(d)
    page = render_html(d)
    parse(page)
    orig = escape(doc_label(docs_by_id(d)[ORIG_ID]))
    assert f'Copy of <a href="#doc-{ORIG_ID}" title="{ORIG_ID}">{orig}</a>' in page
    # passages are listed, without links (no lineage to anchor them on)
    assert f"<li>here 0–18 ↔ {orig} 0–18" in page
    assert 'id="p-' not in page


def _spun_integrity(d):
    return docs_by_id(d)[SPUN_ID]["integrity"]


def _spun_index(d):
    return [x["id"] for x in d["documents"]].index(SPUN_ID)


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        (
            lambda d: d["lineages"][0]["links"][0]["passages"][0].__setitem__("a_end", 9999),
            "dossier.lineages[0].links[0].passages[0]: a_end 9999 is past the end of the copy "
            "'d000000000000spun''s text",
        ),
        (
            # inside the (longer) copy's text, but past the original's
            lambda d: d["lineages"][0]["links"][0]["passages"][0].__setitem__(
                "b_end", len(TEXT_ORIG) + 1
            ),
            f"dossier.lineages[0].links[0].passages[0]: b_end {len(TEXT_ORIG) + 1} is past the "
            f"end of the original 'd000000000000orig''s text (length {len(TEXT_ORIG)})",
        ),
        (
            lambda d: d["lineages"][0]["links"][0]["passages"][1].update(b_start=30, b_end=20),
            "dossier.lineages[0].links[0].passages[1]: b_start 30 is after b_end 20",
        ),
        (
            lambda d: d["lineages"][0]["links"][0]["passages"][0].__setitem__("a_start", -1),
            "dossier.lineages[0].links[0].passages[0].a_start: -1 is less than the minimum of 0",
        ),
        (
            lambda d: d["lineages"][0]["links"][0]["passages"][0].pop("b_end"),
            "'b_end' is a required property",
        ),
        (
            lambda d: _spun_integrity(d)["copy_of"]["passages"][1].__setitem__("a_end", 5000),
            ".integrity.copy_of.passages[1]: a_end 5000 is past the end of the copy",
        ),
        (
            lambda d: _spun_integrity(d)["copy_of"]["passages"][1].__setitem__(
                "b_end", len(TEXT_ORIG) + 2
            ),
            ".integrity.copy_of.passages[1]: b_end",
        ),
        (
            lambda d: _spun_integrity(d)["copy_of"].__setitem__("doc", "nope"),
            ".integrity.copy_of.doc: unknown document id 'nope'",
        ),
        (
            lambda d: _spun_integrity(d)["copy_of"].__setitem__("similarity", 1.5),
            ".integrity.copy_of",
        ),
        (
            lambda d: _spun_integrity(d)["spun"].__setitem__("score", "high"),
            ".integrity.spun.score: 'high' is not of type",
        ),
        (
            lambda d: _spun_integrity(d)["spun"]["sentences"][0].__setitem__("end", 9999),
            ".integrity.spun.sentences[0]: end 9999 is past the end of the document text",
        ),
        (
            lambda d: _spun_integrity(d)["original_outlet"]["evidence"][0].__setitem__(
                "text", "told the Daily"
            ),
            ".integrity.original_outlet.evidence[0].text: 'told the Daily' differs from the text",
        ),
        (
            lambda d: _spun_integrity(d)["original_outlet"]["evidence"][0].__setitem__("start", -4),
            ".integrity.original_outlet",
        ),
        (
            lambda d: docs_by_id(d)[MT_ID]["integrity"]["machine_translated"]["evidence"][1].update(
                start=70, end=10
            ),
            ".integrity.machine_translated.evidence[1]: start 70 is after end 10",
        ),
        (
            lambda d: _spun_integrity(d).__setitem__("lineage", "L9"),
            ".integrity.lineage: document is not a member of lineage 'L9'",
        ),
        (
            lambda d: _spun_integrity(d).__setitem__("copies", ["ghost"]),
            ".integrity.copies[0]: unknown document id 'ghost'",
        ),
        (
            lambda d: d["lineages"][0]["documents"].append("ghost"),
            "dossier.lineages[0].documents[2]: unknown document id 'ghost'",
        ),
        (
            lambda d: d["lineages"].append({**d["lineages"][0], "id": "L2", "links": []}),
            "dossier.lineages[1].documents[0]: document 'd000000000000orig' is already in "
            "lineage 'L1'",
        ),
        (
            lambda d: d["lineages"][0].__setitem__("original", MT_ID),
            "dossier.lineages[0].original: 'd00000000000000mt' is not one of the lineage's "
            "documents",
        ),
        (
            lambda d: d["lineages"][0]["links"][0].__setitem__("copy", MT_ID),
            "dossier.lineages[0].links[0].copy: 'd00000000000000mt' is not a document of this "
            "lineage",
        ),
        (
            lambda d: d["lineages"][0].__setitem__("id", 3),
            "dossier.lineages[0].id: 3 is not of type 'string'",
        ),
    ],
)
def test_broken_integrity_fails_with_readable_message(integrity_dossier, breakage, expected):
    assert expected in fails_readably(integrity_dossier, breakage)


def test_integrity_sub_objects_are_optional(integrity_dossier):
    d = copy.deepcopy(integrity_dossier)
    spun = _spun_integrity(d)
    spun["spun"] = {"score": None}  # unknown score
    spun["original_outlet"] = {"name": "X"}
    spun["custom_check"] = {"anything": [1, 2]}  # unknown keys are fine
    validate_dossier(d)


# ------------------------------------------------------------------ markdown


def test_score_text():
    assert score_text(0.93) == "0.93"
    assert score_text(0.8) == "0.8"
    assert score_text(0.876) == "0.88"
    assert score_text(1) == "1.0" and score_text(0) == "0.0"
    assert score_text(True) == "" and score_text(None) == ""


def test_flags(integrity_dossier):
    docs = docs_by_id(integrity_dossier)
    assert [f["text"] for f in flag_items(docs[SPUN_ID])] == [
        "spun 0.93",
        f"copy of {ORIG_ID} (spun)",
        "original outlet: Rivertown Gazette (0.9)",
    ]
    assert [f["text"] for f in flag_items(docs[MT_ID])] == ["machine-translated 0.8"]
    assert [f["text"] for f in flag_items(docs[ORIG_ID])] == [f"copied by {SPUN_ID}"]
    docs[MT_ID]["integrity"]["machine_translated"]["flagged"] = False
    assert flag_items(docs[MT_ID]) == []  # a score alone is not a flag


def test_markdown_sources_flags_and_lineage(integrity_dossier):
    md = render_markdown(integrity_dossier)
    row = next(line for line in md.splitlines() if line.startswith(f"| {SPUN_ID}"))
    assert "| Content Farm | 5 Jun 2024 |" in row
    assert row.endswith(
        f"| spun 0.93; copy of {ORIG_ID} (spun); original outlet: Rivertown Gazette (0.9) |"
    )
    mt_row = next(line for line in md.splitlines() if line.startswith(f"| {MT_ID}"))
    assert mt_row.endswith("| machine-translated 0.8 |")
    assert "### Lineage" in md
    assert "5 documents, 4 independent sources." in md
    assert f"- Lineage L1: original {ORIG_ID} (Harbor Daily, 4 Jun 2024), 2 documents" in md
    assert (
        f"  - {ORIG_ID} → {SPUN_ID} (Content Farm, 5 Jun 2024): spun, similarity 0.87, "
        "2 shared passages; published a day earlier" in md
    )


def test_markdown_without_lineages(analyses, fused):
    md = render_markdown(build_dossier(analyses, fused))
    assert "2 documents, 2 independent sources." in md
    assert "No copies found" in md


# ---------------------------------------------------------------------- html


def test_html_sources_flags_and_lineage(integrity_dossier):
    page = render_html(integrity_dossier)
    parse(page)
    assert "<th>Integrity</th>" in page
    assert '<span class="flag flag-spun">spun 0.93</span>' in page
    assert '<span class="flag flag-mt">machine-translated 0.8</span>' in page
    labels = {i: escape(doc_label(doc)) for i, doc in docs_by_id(integrity_dossier).items()}
    orig, spun = (f'href="#doc-{i}" title="{i}">{labels[i]}</a>' for i in (ORIG_ID, SPUN_ID))
    assert f'<span class="flag flag-copy">copy of <a {orig} (spun)' in page
    assert "original outlet: Rivertown Gazette (0.9)" in page
    assert f"copied by <a {spun}" in page
    # the Sources table says it in words, with the document's label, not its hash id
    assert f"machine-spun copy of “{labels[ORIG_ID]}”: 4 words of 22 replaced by synonyms" in page
    assert "5 documents, 4 independent sources." in page
    assert '<li id="lin-0">Lineage <strong>L1</strong>' in page
    assert f"<a {orig} → <a {spun}: spun, similarity 0.87, 2 shared passages" in page


def test_html_every_internal_link_has_a_target(integrity_dossier):
    page = render_html(integrity_dossier)
    targets = set(re.findall(r'href="#([^"]+)"', page))
    ids = set(re.findall(r'id="([^"]+)"', page))
    assert targets and targets <= ids, targets - ids
    assert len(re.findall(r'id="([^"]+)"', page)) == len(ids)  # ids are unique


def test_html_spun_spans_show_their_original(integrity_dossier):
    page = render_html(integrity_dossier)
    s, e = find(TEXT_SPUN, "astatine")
    assert (
        f'<span class="spun" title="spun; suggested original: at" data-original="at" '
        f'data-repair="at" tabindex="0" id="spun-{SPUN_ID}-{s}-{e}">astatine</span>' in page
    )
    assert page.count('class="spun"') == 4 + 1  # four words + the legend
    # the suggestion shows on focus (a tap), not on hover only
    assert ".repair-toggle:not(:checked) ~ .text .spun[data-repair]:focus::after" in page
    # CSS-only toggle: a checkbox next to the text, no script needed
    assert f'<input type="checkbox" class="repair-toggle" id="repair-doc-{SPUN_ID}">' in page
    assert "show repaired text" in page
    assert ".repair-toggle:checked ~ .text .spun[data-repair]::after" in page
    assert "<script" not in strip_own_script(page).lower()
    assert page.count('class="repair-toggle"') == 1  # only the spun document
    # the spun-word list links to the words, with their repair
    assert f'<a href="#spun-{SPUN_ID}-{s}-{e}">astatine</a> → at' in page
    assert "4 spun words of 22" in page


def test_html_spun_span_without_original(integrity_analyses, integrity_fused):
    spun = integrity_analyses[3]
    for span in spun.spans:
        span.attrs["original"] = None
    page = render_html(build_dossier(integrity_analyses, integrity_fused))
    parse(page)
    assert '<span class="spun" title="spun; no suggested original" id="spun-' in page
    body = page.split("</style>")[1]
    assert "data-original" not in body
    assert "repair-toggle" not in body  # no toggle without repairs


def test_html_mt_and_outlet_evidence(integrity_dossier):
    page = render_html(integrity_dossier)
    s, e = find(TEXT_MT, "Leviv")
    assert (
        f'<span class="mt-evidence" title="machine translation: odd-name; probably Lviv" '
        f'id="mt-{MT_ID}-{s}-{e}">Leviv</span>' in page
    )
    assert f'<a href="#mt-{MT_ID}-{s}-{e}">Leviv</a>' in page
    assert "Machine translation: flagged, score 0.8" in page
    s, e = find(TEXT_SPUN, "told the Rivertown Gazette")
    assert (
        f'<span class="outlet-evidence" title="original outlet: Rivertown Gazette '
        f'(told &lt;outlet&gt;)" id="oo-{SPUN_ID}-{s}-{e}">' in page
    )
    assert "Original outlet: Rivertown Gazette (0.9)" in page
    assert "Candidates: Rivertown Gazette 0.9 ×1" in page


def test_html_shared_passages_link_both_places(integrity_dossier):
    page = render_html(integrity_dossier)
    for side in ("a", "b"):
        for k in (0, 1):
            anchor = f"p-0-0-{k}-{side}"
            assert f'id="{anchor}"' in page and f'href="#{anchor}"' in page
    # the copy's side sits in the copy's article, the original's in the original's
    spun_article = page.split(f'<article class="doc" id="doc-{SPUN_ID}">')[1].split("</article>")[0]
    orig_article = page.split(f'<article class="doc" id="doc-{ORIG_ID}">')[1].split("</article>")[0]
    assert 'id="p-0-0-1-a"' in spun_article and 'id="p-0-0-1-b"' in orig_article
    assert f'title="shared passage 2 with {ORIG_ID} (its original)"' in spun_article
    assert f'title="shared passage 2 with {SPUN_ID} (a copy)"' in orig_article
    assert "Copy of <a" in spun_article and "similarity 0.87" in spun_article
    assert "Copied by" in orig_article
    assert "“Officials told the Rivertown Gazette the vote was delayed.”" in spun_article


def test_html_overlapping_integrity_layers_stay_well_formed(integrity_analyses, integrity_fused):
    spun = integrity_analyses[3]
    t = spun.text
    # a mention crossing a spun word, an MT evidence span crossing the outlet
    # evidence, and a spun word inside a shared passage
    s, _ = find(t, "Rivertown whitethorn")
    spun.mentions.append(Mention(s, s + len("Rivertown whit"), "Rivertown whit", "GPE"))
    a, b = find(t, "Officials told the")
    spun.integrity["machine_translated"] = {
        "score": 0.3,
        "flagged": False,
        "evidence": [{"start": a, "end": b, "text": "Officials told the", "kind": "x"}],
    }
    lin = integrity_fused.lineages[0]
    lin.links[0].passages[0].a_end = find(t, "connected")[0] + 4  # ends inside a spun word
    d = build_dossier(integrity_analyses, integrity_fused)
    validate_dossier(d)
    page = render_html(d)
    p = parse(page)
    article = page.split(f'<article class="doc" id="doc-{SPUN_ID}">')[1].split("</article>")[0]
    text_html = article.split('<div class="text">')[1].rsplit("</div>", 1)[0]
    assert "".join(parse(text_html).text) == t
    assert p.stack == []
    # a split spun word carries its repair once
    assert text_html.count('data-repair="on"') == 1


# ------------------------------------------------------------------- escape


def evil_dossier():
    orig, spun, mt = make_original(), make_spun(), make_mt()
    spun.integrity["original_outlet"]["name"] = f"Outlet {EVIL}"
    spun.integrity["original_outlet"]["evidence"][0]["pattern"] = f"told {EVIL}"
    spun.integrity["original_outlet"]["candidates"][0]["name"] = EVIL
    spun.integrity["spun"]["method"] = EVIL
    spun.spans.append(
        Span(0, 5, "spun", EVIL, {"original": f'x"><script>{EVIL}', "evidence": EVIL})
    )
    ev = mt.integrity["machine_translated"]["evidence"]
    ev[0]["note"] = f'note {EVIL} " onmouseover="x'
    ev[1]["kind"] = f"kind {EVIL}"
    mt.integrity["machine_translated"]["method"] = EVIL
    lin = make_lineage()
    lin.id = f"L{EVIL}"
    lin.links[0].kind = f"spun {EVIL}"
    lin.links[0].reason = f"reason {EVIL}"
    orig.metadata.outlet.value = f"Daily {EVIL}"
    mt.metadata.outlet = None
    d = build_dossier([orig, spun, mt], Fused(lineages=[lin]))
    validate_dossier(d)
    return d


def test_html_escapes_integrity_text():
    page = strip_own_script(render_html(evil_dossier()))
    parsed = parse(page)
    assert "script" not in parsed.tags
    assert "<script" not in page.lower()
    assert not [a for a in parsed.attrs if a[1].startswith("on")]
    assert "Outlet &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "reason &lt;script&gt;" in page
    # attribute values are escaped too: the spun repair shows as text on hover
    assert ("span", "title", f'spun; suggested original: x"><script>{EVIL}') in parsed.attrs
    assert ("span", "title", f'machine translation: odd-name; note {EVIL} " onmouseover="x') in (
        parsed.attrs
    )


def test_markdown_escapes_integrity_text():
    md = render_markdown(evil_dossier())
    assert "<script>" not in md
    assert "original outlet: Outlet \\<script\\>alert(1)\\</script\\> (0.9)" in md
    assert "spun \\<script\\>" in md
    assert "reason \\<script\\>" in md
    rows = [line for line in md.splitlines() if line.startswith("| d0")]
    for row in rows:
        assert len(re.findall(r"(?<!\\)\|", row)) == 8


def test_copy_of_is_the_most_similar_link(integrity_analyses, integrity_fused):
    lin = integrity_fused.lineages[0]
    lin.documents.append(MT_ID)
    lin.links.insert(0, CopyLink(SPUN_ID, MT_ID, "excerpt", 0.5))
    lin.links.append(CopyLink(MT_ID, ORIG_ID, "translated", 0.87))
    lin.links.append(CopyLink(MT_ID, SPUN_ID, "translated", 0.87))
    d = build_dossier(integrity_analyses, integrity_fused)
    validate_dossier(d)
    docs = docs_by_id(d)
    assert docs[SPUN_ID]["integrity"]["copy_of"]["doc"] == ORIG_ID  # 0.87 beats 0.5
    assert docs[MT_ID]["integrity"]["copy_of"]["doc"] == ORIG_ID  # tie: the lineage original
    assert docs[ORIG_ID]["integrity"]["copies"] == [SPUN_ID, MT_ID]
    assert docs[SPUN_ID]["integrity"]["copies"] == [MT_ID]
    assert docs[MT_ID]["integrity"]["copies"] == [SPUN_ID]
    assert d["stats"]["independent_sources"] == 3


def test_own_outlet_is_not_flagged_as_original_outlet(integrity_dossier):
    from storyline.report.render.integrity import same_outlet

    assert same_outlet("The Content-Farm", "content farm")
    assert not same_outlet("Farm", "Content Farm") and not same_outlet("", "")
    doc = docs_by_id(integrity_dossier)[SPUN_ID]
    doc["integrity"]["original_outlet"]["name"] = "The Content Farm"
    assert [f["kind"] for f in flag_items(doc)] == ["spun", "copy"]


def test_original_outlet_flag_honours_the_producers_own_outlet_and_reposts(integrity_dossier):
    doc = docs_by_id(integrity_dossier)[SPUN_ID]
    outlet = doc["integrity"]["original_outlet"]
    # "Voice of America" on a voanews.com document: the producer resolved it as its own
    outlet.update(name="Voice of America", same_as_document_outlet=True)
    assert "outlet" not in [f["kind"] for f in flag_items(doc)]
    # evidence that names no origin: a re-post is still flagged, a channel alone is not
    outlet.update(name=None, same_as_document_outlet=False, repost=True)
    texts = [f["text"] for f in flag_items(doc)]
    assert "re-post (original outlet not named)" in texts
    outlet.update(repost=False)
    assert "outlet" not in [f["kind"] for f in flag_items(doc)]


def test_nameless_repost_validates_and_renders(integrity_dossier):
    d = copy.deepcopy(integrity_dossier)
    outlet = docs_by_id(d)[SPUN_ID]["integrity"]["original_outlet"]
    outlet.update(name=None, confidence=0.0, repost=True, repost_reasons=["re-post marker"])
    outlet.update(channels=[], document_outlet=None, same_as_document_outlet=False)
    for ev in outlet["evidence"]:
        ev.update(role="repost", counted=False, name=None)
    validate_dossier(d)
    page = render_html(d)
    parse(page)
    assert "Original outlet: not named (the text is a re-post)</h4>" in page
    assert 'title="outlet evidence (repost) (' in page
    assert "re-post (original outlet not named)" in render_markdown(d)
