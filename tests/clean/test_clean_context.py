"""Context-dependent rules, metadata fallbacks and language (all text invented)."""

from __future__ import annotations

from storyline.clean import clean
from storyline.clean.boilerplate import mark_boilerplate, split_lines
from storyline.clean.language import detect_language, language_detector
from storyline.clean.metadata import looks_like_headline, url_domain
from storyline.model import RawDocument
from storyline.settings import Settings

BODY = (
    "The harbour authority closed the northern quay on Monday after a crane collapsed. "
    "Nobody was hurt, officials said, but ferry services were suspended for the day."
)


def marked(text: str) -> dict[int, str]:
    """0-based line index -> rule name."""
    return {text.count("\n", 0, s.start): s.rule for s in mark_boilerplate(text)}


def raw(text: str, **meta) -> RawDocument:
    return RawDocument.create("test", text, text.encode("utf-8"), meta.pop("format", "txt"), **meta)


def test_link_block_continuation_stops_at_blank_line_and_sentences() -> None:
    text = "\n".join(
        [
            BODY,
            "READ MORE: Crane operator speaks of terrifying fall",
            "Ferry passengers stranded overnight at the terminal",
            "Port chief under pressure to resign",
            "",
            "Dock workers gathered at the gate",
            BODY,
        ]
    )
    assert marked(text) == {
        1: "link-prefix",
        2: "link-block-continuation",
        3: "link-block-continuation",
    }
    text2 = "READ MORE: Crane operator speaks\nThe union then called a meeting for Friday."
    assert marked(text2) == {0: "link-prefix"}


def test_error_prompt_only_before_error_footer() -> None:
    footer = "If you found a mistake in this report, please write to the desk"
    assert marked(f"{BODY}\nDid we get it wrong?\n\n{footer}") == {
        1: "error-prompt",
        3: "error-report",
    }
    assert marked(f"{BODY}\nDid we get it wrong?\n{BODY}") == {}


def test_related_inline_is_never_the_headline() -> None:
    text = (
        f"Port crisis: Crane collapses on the northern quay\n\n{BODY}\n\n"
        f"Port crisis: Union calls strike\n\n{BODY}"
    )
    assert marked(text) == {4: "related-inline"}
    spans, md = clean(raw(text), Settings(languages=("en", "de")))
    assert md.title is not None and md.title.value.startswith("Port crisis: Crane")


def test_head_only_rules_do_not_fire_in_the_body() -> None:
    head = "Business\n\nCrane collapse closes northern quay\n\n"
    body = "\n\n".join([BODY] * 5)
    text = head + body + "\n\nBusiness\n\nTrending 4 days ago 7\n\nThe Harbour Times"
    m = marked(text)
    assert m == {0: "section-label"}


def test_spans_cover_line_without_newline_or_cr() -> None:
    text = "Skip to main content\r\nCrane collapse closes quay\r\n" + BODY
    (span,) = mark_boilerplate(text)
    assert text[span.start : span.end] == "Skip to main content"
    assert [ln.text for ln in split_lines("a\r\nb")] == ["a", "b"]


def test_no_marks_on_plain_article() -> None:
    text = "Crane collapse closes northern quay\n\n" + "\n\n".join([BODY] * 3)
    spans, md = clean(raw(text), Settings(languages=("en", "de")))
    assert [s.kind for s in spans] == ["title"]
    assert md.title.value == "Crane collapse closes northern quay"
    assert md.title.method == "headline-line"


def test_title_fallbacks() -> None:
    spans, md = clean(raw(BODY, title="Crane falls", format="json"), Settings())
    assert md.title.value == "Crane falls" and md.title.method == "json"
    assert md.title.start is None
    _, md = clean(raw(BODY), Settings())
    assert md.title is None
    # container title printed in the text: found with offsets
    text = "Crane Falls On Quay.\n\n" + BODY
    spans, md = clean(raw(text, title="Crane falls on quay", format="html"), Settings())
    assert (md.title.start, md.title.end, md.title.method) == (0, 20, "title-line")
    assert not looks_like_headline("He said the crane fell.")
    assert looks_like_headline("Will the port reopen?")


def test_outlet_fallbacks() -> None:
    _, md = clean(raw(BODY + "\n\nSource: Northbay Gazette"), Settings())
    assert (md.outlet.value, md.outlet.method) == ("Northbay Gazette", "source-line")
    assert md.outlet.start is not None
    _, md = clean(raw(BODY + "\n\nSource: Read the full story"), Settings())
    assert md.outlet is None
    _, md = clean(raw(BODY, outlet="Northbay Gazette", format="html"), Settings())
    assert (md.outlet.value, md.outlet.method, md.outlet.inferred) == (
        "Northbay Gazette",
        "html-meta",
        False,
    )
    _, md = clean(raw(BODY, url="https://www.northbay-gazette.example/a/1"), Settings())
    assert (md.outlet.value, md.outlet.method, md.outlet.inferred) == (
        "northbay-gazette.example",
        "url",
        True,
    )
    assert md.url == "https://www.northbay-gazette.example/a/1"
    # a known outlet's domain (or a subdomain of it) gives the outlet's name
    _, md = clean(raw(BODY, url="https://learning.voanews.com/a/1.html"), Settings())
    assert (md.outlet.value, md.outlet.method, md.outlet.inferred) == (
        "Voice of America",
        "url",
        True,
    )
    assert url_domain("not a url") is None


def test_published_fallbacks_and_non_datelines() -> None:
    # a date inside a sentence or a tweet signature is not a dateline: only an
    # inferred lower bound (clean/textdates.py), below the container
    text = (
        f"Crane collapse closes quay\n\nThe crane fell on March 3, 2024.\n{BODY}\n"
        "— Port Watch (@portwatch) March 3, 2024"
    )
    _, md = clean(raw(text), Settings())
    assert md.published.inferred and md.published.value == "2024-03-03"
    assert md.published.method == "embedded-post (publication at or after)"
    _, md = clean(raw(text, published="2024-03-04T10:00:00Z", format="json"), Settings())
    assert (md.published.value, md.published.method) == ("2024-03-04T10:00:00+00:00", "json")
    _, md = clean(raw(text, published="Mon, 04 Mar 2024 10:00:00 GMT", format="feed"), Settings())
    assert md.published.method == "feed"
    # only a revision date in the text: an inferred upper bound, labelled as such
    _, md = clean(raw("Updated: 4 March 2024\n\n" + BODY), Settings())
    assert md.published.inferred and md.published.value == "2024-03-04"
    # a dateline beats the container
    _, md = clean(raw("Published: 2 March 2024\n\n" + BODY, published="2024-03-04"), Settings())
    assert (md.published.value, md.published.method) == ("2024-03-02", "dateline")


def test_language() -> None:
    de = (
        "Die Hafenbehörde hat den nördlichen Kai am Montag geschlossen, nachdem ein Kran "
        "umgestürzt war. Niemand wurde verletzt, aber der Fährverkehr wurde eingestellt."
    )
    assert detect_language(de, [], ("en", "de")).value == "de"
    ev = detect_language(BODY, [], ("en", "de"))
    assert ev.value == "en" and ev.method.startswith("lingua:")
    assert detect_language("ok", [], ("en", "de")) is None  # undecidable
    assert language_detector(("de", "en")) is language_detector(("de", "en"))  # built once per set
    _, md = clean(raw(BODY), Settings(languages=("en", "de")))
    assert md.language.value == "en"
