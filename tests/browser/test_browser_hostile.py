"""A hostile article analysed into a dossier shows as text and runs nothing.

The articles are written here: markup in the text, a title, an outlet, a URL
and a file name (``<script>``, ``onerror``/``onload`` handlers, ``javascript:``
links, SVG, iframes, style imports) and a 5 MB single line. In Chromium the
dossier must fire no dialog, send no request (every non-``file:`` request is
aborted and recorded), raise no CSP violation (a blocked inline script would
mean markup slipped through the escaping) and hold no element with an event
handler or a ``javascript:`` URL. It is checked twice: with the page's
Content-Security-Policy, and with CSP bypassed, so escaping alone must hold.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline import api
from storyline.report.render.html import render_html
from storyline.settings import Settings
from tools import browser as chromium

# 127.0.0.1:9 (discard): were anything to escape, it would not leave the machine.
NOWHERE = "http://127.0.0.1:9"

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<a href="javascript:alert(3)">read more</a>',
    '<svg onload=alert(4)><circle r="5"/></svg>',
    f'<iframe src="{NOWHERE}/frame"></iframe>',
    f"<style>@import url({NOWHERE}/a.css)</style>",
    f'<link rel="stylesheet" href="{NOWHERE}/s.css">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(5)">',
    '"><body onload=alert(6)>',
)

ARTICLE = (
    "Harbour council rejects <script>alert(1)</script> notice\n"
    "By Staff Reporter\n\n"
    "PORT ELLIN, March 3 - The harbour council of Port Ellin said on Tuesday that "
    "a notice reading <img src=x onerror=alert(2)> had been posted on its website "
    "overnight.\n\n"
    '"We will never run <script>alert(document.cookie)</script> on any page," said '
    "Mayor Ana Lopez, the council's leader, adding that <svg onload=alert(4)> was "
    "removed by noon.\n\n"
    'Readers who followed <a href="javascript:alert(3)">this link</a> or visited '
    "javascript:alert(7) saw nothing, officials said. At least 12 people reported "
    f'an <iframe src="{NOWHERE}/frame"></iframe> on the page.\n\n' + "\n".join(PAYLOADS) + "\n"
)


def write_corpus(folder: Path) -> None:
    """The hostile inputs: a text file with a hostile name, a JSONL record with
    hostile metadata, an HTML page, and a 5 MB single line."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "<img src=x onerror=alert(8)>.txt").write_text(ARTICLE, encoding="utf-8")
    record = {
        "id": "<script>alert(9)</script>",
        "title": '<img src=x onerror=alert(10)> "quoted" title',
        "outlet": "<svg onload=alert(11)>Evil Times</svg>",
        "url": "javascript:alert(12)",
        "published": "2024-03-04",
        # no headline or byline line: title and outlet come from the record
        "text": ARTICLE.split("\n\n", 1)[1].replace("Port Ellin", "Vessa"),
    }
    (folder / "feed.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (folder / "page.html").write_text(
        "<!doctype html><html><head><title>Harbour &lt;script&gt;alert(13)&lt;/script&gt;"
        '</title><meta property="og:url" content="javascript:alert(14)">'
        '<meta name="author" content="&lt;img src=x onerror=alert(15)&gt;"></head><body>'
        "<article><h1>Harbour &lt;b onmouseover=alert(16)&gt;notice&lt;/b&gt;</h1>"
        "<p>The council of Dern said the page held &lt;script&gt;alert(17)&lt;/script&gt; "
        'and a <a href="javascript:alert(18)">link</a> that officials removed on Monday.</p>'
        f"<p>{'Officials checked every page of the site again. ' * 8}</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    line = "".join(PAYLOADS)
    (folder / "five-mb.txt").write_text(line * (5_000_000 // len(line) + 1), encoding="utf-8")


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The hostile corpus analysed once: (output folder, dossier dict)."""
    tmp = tmp_path_factory.mktemp("hostile")
    write_corpus(tmp / "in")
    result = api.analyze([str(tmp / "in")], tmp / "out", Settings(workspace=tmp / "ws.db"))
    return tmp / "out", result.dossier


@pytest.fixture(scope="session")
def five_mb_page(hostile: tuple[Path, dict], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile dossier with one more document whose text is the 5 MB line.

    The analyzer refuses texts over 2,000,000 characters by default (and
    parsing 5 MB would take minutes), so the line is put into the dossier
    dict as a document with no annotations and rendered: the page must still
    show it as text, fit the screen and run nothing."""
    _, dossier = hostile
    doc = dict(dossier["documents"][0])
    line = "".join(PAYLOADS)
    doc.update(
        id="d5mbline0000000000",
        source="five-mb.txt",
        title=None,
        text=line * (5_000_000 // len(line) + 1),
        spans=[],
        sentences=[],
        mentions=[],
        integrity={},
    )
    big = {**dossier, "documents": [*dossier["documents"], doc]}
    path = tmp_path_factory.mktemp("five-mb") / "dossier.html"
    path.write_text(render_html(big), encoding="utf-8")
    return path


# Any element with an event handler attribute, a javascript: URL, or an
# element a static dossier never has (its only <script>s may be inline ones
# the page's CSP allows by hash, never with a src).
DANGEROUS_JS = """() => {
  const out = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const v = a.value.replace(/[\\s\\u0000-\\u001f]+/g, '').toLowerCase();
      if (a.name.toLowerCase().startsWith('on')) out.push(el.tagName + ' ' + a.name);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(a.name)
          && v.startsWith('javascript:')) out.push(el.tagName + ' ' + a.name + '=' + v);
    }
  }
  for (const el of document.querySelectorAll(
      'iframe, object, embed, frame, svg script, svg foreignObject, ' +
      'img:not([src^="data:"]), link[href]:not([href^="data:"]), base, form[action], ' +
      'meta[http-equiv=refresh], script[src]')) out.push('element ' + el.tagName);
  return out;
}"""


def assert_inert(watched) -> None:
    assert watched.dialogs == [], f"a dialog fired: {watched.dialogs}"
    assert watched.requests == [], f"requests left the page: {watched.requests}"
    assert watched.csp_violations() == [], "markup reached the page and CSP blocked it"
    assert watched.errors == []
    assert watched.page.evaluate(DANGEROUS_JS) == []


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_hostile_dossier_shows_text_and_runs_nothing(open_page, hostile, bypass_csp):
    out, dossier = hostile
    assert len(dossier["documents"]) >= 3
    watched = open_page((out / "dossier.html").resolve().as_uri(), bypass_csp=bypass_csp)
    assert_inert(watched)
    body = watched.page.inner_text("body")
    for shown in ("<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "Evil Times"):
        assert shown in body, f"{shown!r} is not shown as text"
    # the refused 5 MB file is named among the errors (a folded section), as text
    assert "five-mb.txt" in watched.page.text_content("body")


def test_five_mb_line_shows_as_text_and_fits_a_phone(open_page, five_mb_page):
    watched = open_page(five_mb_page.as_uri(), width=chromium.PHONE["width"], bypass_csp=True)
    assert_inert(watched)
    scroll_width, inner_width = watched.page.evaluate(chromium.WIDTH_JS)
    assert scroll_width <= inner_width, "the 5 MB line pushes the page sideways"
    shown = watched.page.evaluate(
        "(s) => document.body.textContent.includes(s)", "".join(PAYLOADS) * 3
    )
    assert shown, "the 5 MB line is not in the page as text"


def test_inertness_check_can_fail(open_page, tmp_path):
    """The checks themselves: a page that does run markup is caught."""
    page = tmp_path / "bad.html"
    page.write_text(
        f'<!doctype html><p>x</p><img src="{NOWHERE}/x.png" onerror="alert(1)">'
        '<a href="javascript:alert(2)">y</a>',
        encoding="utf-8",
    )
    watched = open_page(page.as_uri())
    assert watched.dialogs == ["1"]
    assert watched.requests == [f"{NOWHERE}/x.png"]
    assert len(watched.page.evaluate(DANGEROUS_JS)) == 3
