"""The HTML dossier's first screen, labels, folding, script and large-dossier pages
(issue 15 items 3-5). Dossiers are built from the hand-made analyses of conftest,
with a story and a brief added in the shape the brief stage writes."""

from __future__ import annotations

import base64
import copy
import hashlib
import re
from html.parser import HTMLParser

import pytest
from report_data import TEXT_A, TEXT_B, find
from test_report_render import EVIL, parse

from storyline.report import (
    build_dossier,
    render_html,
    render_html_files,
    validate_dossier,
    write_dossier,
)
from storyline.report.fileset import publish
from storyline.report.render.forecasts import deadline_words
from storyline.report.render.html import split
from storyline.report.render.html.split import DOCS_FOLDER
from storyline.report.render.markdown import render_markdown
from storyline.report.text import doc_label, doc_title, short_date

A, B = "d00000000000000a1", "d00000000000000b2"


def with_story(dossier: dict, brief: bool = True) -> dict:
    """``dossier`` with one story over both documents; ``brief`` adds the brief stage's fields."""
    d = copy.deepcopy(dossier)
    s, e = find(TEXT_A, "Mayor Ana Lopez said the council would wait for the engineers' report.")
    h0, h1 = find(TEXT_B, "Harbor Works denies delay")
    story = {"id": "story-1", "title": "Bridge vote delayed again", "documents": [A, B]}
    if brief:
        story["summary"] = [
            {"doc_id": A, "start": s, "end": e, "text": TEXT_A[s:e], "outlet": None,
             "published": "2024-06-03"},
        ]  # fmt: skip
        story["brief"] = {
            "headline": {"text": "Harbor Works denies delay", "doc_id": B, "start": h0, "end": h1},
            "state_of_play": [
                {
                    "kind": "latest",
                    "text": "The contractor says the bridge opens in July.",
                    "refs": [{"doc_id": B, "start": 26, "end": 60}],
                },
            ],  # fmt: skip
            "sources": {"documents": 2, "independent": 2, "in_words": "two independent reports"},
        }
    d["stories"] = [story]
    return d


@pytest.fixture
def page_dossier(analyses, fused):
    return build_dossier(analyses, fused, generated_by="storyline test")


def section(page: str, anchor: str) -> str:
    start = page.index(f'<section id="{anchor}"')
    return page[start : page.index("</section>", start)]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible(fragment: str) -> str:
    """The text a reader sees (no tags, no attribute values)."""
    p = _Text()
    p.feed(fragment)
    return "".join(p.parts)


# ------------------------------------------------------------- first screen


def test_first_screen_states_headline_brief_and_sources(page_dossier):
    page = render_html(with_story(page_dossier))
    parse(page)
    h1 = re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)
    assert "Harbor Works denies delay" in h1
    front = section(page, "brief")
    assert "Mayor Ana Lopez said the council would wait for the engineers&#39; report." in front
    assert "The contractor says the bridge opens in July." in front
    assert "2 articles (outlet named for 1); 2 independent sources" in front
    assert "no two are copies of each other" in front
    assert "two independent reports" in section(page, "stories")  # the brief's own words
    assert front.index("In brief") < front.index("Sources and their integrity")
    # every cited sentence links to an anchor that exists, inside a document's text
    hrefs = re.findall(r'<a class="cite" href="#([^"]+)"', front)
    assert len(hrefs) == 2
    ids = set(re.findall(r' id="([^"]+)"', page))
    assert set(hrefs) <= ids
    # the citation is named by the document's label, its hash id only in the tooltip
    assert f'title="{A}">{doc_label(page_dossier["documents"][0])}</a>' in front
    assert A not in visible(front) and B not in visible(front)
    # the first screen comes before every table
    assert page.index('<section id="brief"') < page.index("<table")


def test_first_screen_without_brief_falls_back_to_title_and_documents(page_dossier):
    page = render_html(with_story(page_dossier, brief=False))
    parse(page)
    assert "Bridge vote delayed again" in re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)
    front = section(page, "brief")
    assert "the brief was not written in this run" in front
    d = with_story(page_dossier, brief=False)
    d["documents"][1]["published"] = None
    assert "2 articles · 1 undated</p>" in section(render_html(d), "brief")
    d["stories"][0].update(first="2024-06-03", last="2024-06-03")
    assert "2 articles · 3 Jun 2024 (1 undated)</p>" in section(render_html(d), "brief")
    for doc in page_dossier["documents"]:
        assert f'href="#doc-{doc["id"]}" title="{doc["id"]}">{doc_label(doc)}</a>' in front


def test_first_screen_says_what_was_not_analysed(page_dossier):
    d = copy.deepcopy(page_dossier)
    d.pop("stories", None)
    d.pop("forecasts", None)
    page = render_html(d)
    front = section(page, "brief")
    assert "Stories were not analysed in this run" in front
    assert "Not analysed in this run: stories, forecasts." in front
    assert "No open forecasts and no disagreements between sources found." in front
    assert "Not analysed in this run." in section(page, "stories")
    assert "Not analysed in this run." in section(page, "forecasts")
    assert "No disagreements found" in section(page, "conflicts")  # analysed, none found


def test_integrity_in_words_not_scores(integrity_dossier):
    page = render_html(integrity_dossier)
    front = section(page, "brief")
    assert "machine-spun copy of “" in front
    assert "4 words of 22 replaced by synonyms; repaired reading shown" in front
    assert "machine-translated text" in front
    assert "spun 0.93" not in front and "0.93" not in section(page, "sources")


def test_open_forecast_is_an_open_question(page_dossier):
    d = copy.deepcopy(page_dossier)
    s, e = find(TEXT_B, "will open in July")
    d["forecasts"] = [
        {"id": "f1", "statement": {"doc": B, "start": s, "end": e, "text": TEXT_B[s:e]},
         "claim": "open in July", "modality": "predicted", "status": "open",
         "reason": "no later report", "evidence": [], "confidence": 0.8,
         "deadline": "2024-07"},
    ]  # fmt: skip
    validate_dossier(d)
    front = section(render_html(d), "brief")
    questions = front[front.index("Open questions") :]
    assert "“will open in July”" in questions and ">open</span>" in questions


def test_hostile_brief_text_is_escaped(page_dossier):
    d = with_story(page_dossier)
    d["stories"][0]["brief"]["headline"]["text"] = f"Head {EVIL}"
    d["stories"][0]["brief"]["state_of_play"][0]["text"] = f"State {EVIL}"
    d["stories"][0]["brief"]["sources"]["in_words"] = f"Words {EVIL}"
    d["stories"][0]["summary"][0]["doc_id"] = f"x{EVIL}"  # an unknown document
    page = render_html(d)
    parsed = parse(page)
    assert parsed.tags.count("script") == 1  # the page's own, nothing injected
    assert "Head &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "State &lt;script&gt;" in page and "Words &lt;script&gt;" in page
    assert not re.search(r"<script>alert", page)


# ----------------------------------------------------- labels, folding, legend


def test_doc_label_parts_and_fallbacks():
    doc = {"id": "d1", "outlet": "Rivertown Gazette", "published": "2022-03-19T21:44:29",
           "title": "Bridge vote delayed again", "text": "", "source": "x/a.txt"}  # fmt: skip
    assert doc_label(doc) == "Rivertown Gazette · 19 Mar 2022 · Bridge vote delayed again"
    no_title = {"id": "d2", "text": "Sign up now\n\nFirst real line here\n", "source": "x/b.txt",
                "spans": [{"start": 0, "end": 11, "kind": "boilerplate"}]}  # fmt: skip
    assert doc_title(no_title) == "First real line here"
    assert doc_label({"id": "d3", "text": "", "source": "in/c 1.html"}) == "c 1.html"
    assert short_date("2024-13-01") == "2024-13-01" and short_date(None) == ""
    long = {"id": "d4", "title": "word " * 40, "text": ""}
    assert len(doc_label(long)) <= 60 and doc_label(long).endswith("…")


def test_documents_are_labelled_and_folded(page_dossier):
    d = copy.deepcopy(page_dossier)
    d["documents"][0]["integrity"] = {"spun": {"score": 0.0, "flagged": False, "n_spun": 0}}
    validate_dossier(d)
    page = render_html(d)
    sources = section(page, "sources")
    for doc in page_dossier["documents"]:
        assert doc["id"] not in visible(sources)
        assert f'title="{doc["id"]}"' in sources
    folds = re.findall(r"<details class=\"doc-view\"[^>]*>", page)
    assert len(folds) == 2 and all("open" not in f for f in folds)
    # an integrity panel that found nothing is folded and says so
    assert '<details class="integrity">\n<summary>Source integrity: nothing flagged' in page


def test_flagged_integrity_panel_is_open(integrity_dossier):
    page = render_html(integrity_dossier)
    assert '<details class="integrity" open>' in page
    assert "@media print" in page
    legend = page[page.index('<details class="legend"') :]
    legend = legend[: legend.index("</details>")]
    for word in ("yellow", "blue", "lavender", "grey", "red wavy", "green"):
        assert word in legend


# ------------------------------------------------------------------ script


def test_csp_allows_exactly_the_inline_script(page_dossier):
    page = render_html(page_dossier)
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
    assert len(scripts) == 1 and scripts[0][0] == ""  # inline, no src
    digest = base64.b64encode(hashlib.sha256(scripts[0][1].encode()).digest()).decode()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert f"script-src 'sha256-{digest}'" in csp
    assert "unsafe-inline'; script" in csp and "script-src 'unsafe-inline'" not in csp
    assert "default-src 'none'" in csp


# -------------------------------------------------------------- large dossiers


def test_small_dossier_is_one_file(page_dossier):
    files = render_html_files(page_dossier)
    assert list(files) == ["dossier.html"]
    assert '<div class="text">' in files["dossier.html"]


def test_large_dossier_writes_a_page_per_document(page_dossier):
    files = render_html_files(page_dossier, threshold=1)
    pages = {f"{DOCS_FOLDER}/doc-{A}.html", f"{DOCS_FOLDER}/doc-{B}.html"}
    assert set(files) == {"dossier.html"} | pages
    main = files["dossier.html"]
    parse(main)
    assert '<div class="text">' not in main  # the texts live in their pages
    # every link from the main page into a document lands on an id of that page
    for target, anchor in re.findall(rf'href="({DOCS_FOLDER}/[^"#]+)#([^"]+)"', main):
        assert f' id="{anchor}"' in files[target], (target, anchor)
    assert re.search(rf'href="{DOCS_FOLDER}/doc-{A}.html#m-{A}-', main)  # a mention
    for name in pages:
        page = files[name]
        parse(page)
        assert '<details class="doc-view" open>' in page
        assert 'href="../dossier.html"' in page
        for anchor in re.findall(r'href="\.\./dossier\.html#([^"]+)"', page):
            assert f' id="{anchor}"' in main
        # a plain fragment link stays only when its target is on the same page
        for anchor in re.findall(r'href="#([^"]+)"', page):
            assert f' id="{anchor}"' in page


def test_publish_writes_and_retires_the_documents_folder(tmp_path):
    publish(tmp_path, {"dossier.html": "main", f"{DOCS_FOLDER}/doc-a.html": "a"})
    assert (tmp_path / DOCS_FOLDER / "doc-a.html").read_text() == "a"
    publish(tmp_path, {"dossier.html": "small"})  # a later, small run
    assert (tmp_path / "dossier.html").read_text() == "small"
    assert not (tmp_path / DOCS_FOLDER).exists() and not (tmp_path / DOCS_FOLDER).is_symlink()


def test_a_brief_with_forecasts_replaces_open_questions(page_dossier):
    d = with_story(page_dossier)
    front = section(render_html(d), "brief")
    assert "<h3>Open questions</h3>" in front
    d["stories"][0]["brief"]["state_of_play"].append(
        {"kind": "forecast", "text": "Open forecast: the bridge opens in July.",
         "refs": [{"doc_id": B, "start": 26, "end": 60}, {"doc_id": A, "start": 0, "end": 9}]}
    )  # fmt: skip
    front = section(render_html(d), "brief")
    assert "<h3>Open questions</h3>" not in front
    assert "Open forecast: the bridge opens in July." in front
    # a second source of one line is a short numbered link named in its tooltip
    assert (
        f'<a class="ref" href="#tl-{A}-0-9" title="{doc_label(d["documents"][0])}">[2]</a>' in front
    )


def test_write_dossier_publishes_the_documents_folder(tmp_path, page_dossier, monkeypatch):
    monkeypatch.setattr(split, "SPLIT_THRESHOLD", 1)
    paths = write_dossier(page_dossier, tmp_path)
    main = paths["html"].read_text(encoding="utf-8")
    assert f'href="{DOCS_FOLDER}/doc-{A}.html"' in main
    page = (tmp_path / DOCS_FOLDER / f"doc-{A}.html").read_text(encoding="utf-8")
    assert '<div class="text">' in page and (tmp_path / "dossier.json").exists()
    monkeypatch.setattr(split, "SPLIT_THRESHOLD", 50)
    write_dossier(page_dossier, tmp_path)  # small again: one file, the folder retired
    assert not (tmp_path / DOCS_FOLDER).exists()
    assert '<div class="text">' in (tmp_path / "dossier.html").read_text(encoding="utf-8")


def test_deadline_words_name_months():
    assert deadline_words("2025-08") == "August 2025"
    assert deadline_words("2025-13") == "2025-13" and deadline_words("2029") == "2029"
    assert deadline_words("2022-03-11T21:00") == "Friday 11 March 2022, 21:00"


def with_developing(dossier: dict) -> dict:
    """``dossier`` with two event stories (one per document) in one developing
    story, whose brief is ``with_story``'s."""
    d = with_story(dossier)
    (both,) = d["stories"]
    d["stories"] = [
        {"id": "story-1", "title": "Council waits for engineers", "documents": [A],
         "first": "2024-06-03", "last": "2024-06-03", "developing": "developing-1"},
        {"id": "story-2", "title": "Contractor answers the council", "documents": [B],
         "developing": "developing-1"},
    ]  # fmt: skip
    d["developing_stories"] = [{**both, "id": "developing-1", "stories": ["story-1", "story-2"]}]
    return d


def test_first_screen_is_the_developing_story_with_its_events_under_it(page_dossier):
    d = with_developing(page_dossier)
    page = render_html(d)
    parse(page)
    assert "Harbor Works denies delay" in re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)
    front = section(page, "brief")
    assert "2 reported events" in visible(front)
    events = front[front.index("Reported events in this story") :]
    assert "Council waits for engineers" in events and "Contractor answers the council" in events
    # each event links to its own story block, nested in the developing story's
    ids = set(re.findall(r' id="([^"]+)"', page))
    for href in re.findall(r'<a href="#(story-story-\d)"', events):
        assert href in ids
    stories = section(page, "stories")
    assert stories.index('id="story-developing-1"') < stories.index('id="story-story-1"')
    md = render_markdown(d)
    assert "**Reported events in this story** (2):" in md
    assert "- Council waits for engineers (1 article, 3 Jun 2024)" in md
    assert md.index("### Harbor Works denies delay") < md.index("Council waits for engineers")


def test_a_developing_story_of_one_event_lists_no_events(page_dossier):
    d = with_story(page_dossier)
    (story,) = d["stories"]
    d["developing_stories"] = [{**story, "id": "developing-1", "stories": ["story-1"]}]
    page = render_html(d)
    assert "Reported events in this story" not in page
    assert "Reported events" not in render_markdown(d)


def test_a_loosely_linked_event_is_marked(page_dossier):
    d = with_developing(page_dossier)
    d["developing_stories"][0]["links"] = [0.5, 0.01]
    d["developing_stories"][0]["brief_stories"] = ["story-1"]  # the brief left story-2 out
    front = section(render_html(d), "brief")
    events = front[front.index("Reported events in this story") :]
    marked = events[events.index("Contractor answers the council") :]
    assert "loosely linked: not in the brief" in marked.split("</li>")[0]
    assert "loosely linked" not in events[: events.index("Contractor answers the council")]
    assert (
        "Contractor answers the council (1 article; loosely linked (0.01), not in the brief)"
        in (render_markdown(d))
    )
