"""One test per input format: what comes out of each container."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.model import content_id

ARTICLE = (
    "A powerful storm struck the northern coast on Friday, officials said, cutting power "
    "to thousands of homes and closing the main harbour for the weekend.\n\n"
    "Emergency crews worked through the night to restore electricity, and the regional "
    "government said schools would remain closed on Monday while roads were cleared.\n"
)

HTML_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Storm hits coast | Daily Example</title>
<meta property="og:title" content="Storm hits coast">
<meta property="og:url" content="https://news.example.org/2022/03/04/storm">
<meta property="og:site_name" content="Daily Example">
<meta property="article:published_time" content="2022-03-04T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Storm hits coast</h1>
<p>A powerful storm struck the northern coast on Friday, officials said, cutting power
to thousands of homes and closing the main harbour for the weekend.</p>
<p>Emergency crews worked through the night to restore electricity, and the regional
government said schools would remain closed on Monday while roads were cleared.</p>
</article>
<footer>Copyright 2022 Daily Example. All rights reserved.</footer>
</body></html>
"""


def test_txt_text_is_exact_including_crlf(tmp_path: Path, read) -> None:
    raw = "Headline — Minsk\r\n\r\n  Body line one.\r\nBody line two.  \r\n\r\n".encode()
    path = tmp_path / "story.txt"
    path.write_bytes(raw)
    (doc,) = read(path)
    assert doc.text == raw.decode("utf-8")
    assert doc.raw == raw
    assert doc.id == content_id(raw)
    assert doc.format == "txt"
    assert doc.source == str(path)


def test_txt_utf8_bom_removed_and_nothing_else(tmp_path: Path, read) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "Über alles\n".encode())
    (doc,) = read(path)
    assert doc.text == "Über alles\n"


def test_md(tmp_path: Path, read) -> None:
    text = "# Storm hits coast\n\n*Friday* — officials said power was cut.\n"
    (tmp_path / "story.md").write_text(text, encoding="utf-8", newline="")
    (doc,) = read(tmp_path / "story.md")
    assert doc.text == text
    assert doc.format == "md"


def test_html_text_and_meta(tmp_path: Path, read) -> None:
    path = tmp_path / "storm.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    (doc,) = read(path)
    assert doc.format == "html"
    assert "powerful storm struck" in doc.text
    assert "schools would remain closed" in doc.text
    assert "Copyright" not in doc.text
    assert doc.title == "Storm hits coast"
    assert doc.url == "https://news.example.org/2022/03/04/storm"
    assert doc.outlet == "Daily Example"
    assert doc.published == "2022-03-04T10:00:00Z"  # the time the page states is kept
    assert doc.language == "en"
    assert doc.raw == path.read_bytes()


def test_html_meta_charset_respected(tmp_path: Path, read) -> None:
    page = HTML_PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "Storm hits coast</h1>", "Storm hits coast</h1><p>Le café était fermé, a-t-il dit.</p>"
    )
    path = tmp_path / "legacy.htm"
    path.write_bytes(page.encode("cp1252"))
    (doc,) = read(path)
    assert "café était fermé" in doc.text


def test_json_object_and_list(tmp_path: Path, read) -> None:
    one = {"id": "a-1", "text": "  Exact text\nwith spacing.  ", "title": "T", "dct": "2022-03-04"}
    (tmp_path / "one.json").write_text(json.dumps(one), encoding="utf-8")
    many = [
        {"id": 7, "text": "First story.", "outlet": "Wire", "url": "https://x.example/1"},
        {"id": "b", "text": "Second story.", "published": "2022-03-05T08:00:00Z"},
    ]
    (tmp_path / "many.json").write_text(json.dumps(many), encoding="utf-8")

    (doc,) = read(tmp_path / "one.json")
    assert doc.text == one["text"]
    assert doc.external_id == "a-1"
    assert doc.title == "T"
    assert doc.dct == "2022-03-04"
    assert doc.format == "json"

    first, second = read(tmp_path / "many.json")
    assert (first.text, first.external_id, first.outlet) == ("First story.", "7", "Wire")
    assert first.source.endswith("many.json#item1")
    assert second.published == "2022-03-05T08:00:00Z"
    assert second.source.endswith("#item2")
    assert first.id != second.id


def test_jsonl_external_id_dct_and_raw_per_line(tmp_path: Path, read) -> None:
    lines = [
        json.dumps({"id": "r1", "text": "Line one text.", "dct": "2022-02-24"}),
        "",
        json.dumps({"id": "r2", "text": "Line two\ntext.", "title": "Two"}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    first, second = read(path)
    assert first.external_id == "r1" and first.dct == "2022-02-24"
    assert first.text == "Line one text."
    assert first.raw == lines[0].encode() and first.id == content_id(lines[0].encode())
    assert first.source == f"{path}#L1"
    assert second.source == f"{path}#L3"
    assert second.text == "Line two\ntext." and second.title == "Two"
    assert second.format == "jsonl"


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Example Wire</title><link>https://wire.example.org/</link>
<item><title>Storm hits coast</title><link>https://wire.example.org/storm</link>
<guid>storm-1</guid><pubDate>Fri, 04 Mar 2022 10:00:00 +0000</pubDate>
<description>&lt;p&gt;A storm struck the coast.&lt;/p&gt;
&lt;p&gt;Power was cut.&lt;/p&gt;</description>
</item>
<item><title>Harbour reopens</title><link>https://wire.example.org/harbour</link>
<description>The harbour reopened on Sunday.</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom Times</title><id>urn:atom-times</id><updated>2022-03-05T00:00:00Z</updated>
<entry><title>Crews restore power</title><id>urn:e1</id>
<link href="https://atom.example.org/power"/>
<published>2022-03-05T09:30:00+01:00</published><updated>2022-03-05T09:30:00+01:00</updated>
<content type="html">&lt;p&gt;Crews restored power to most homes.&lt;/p&gt;</content>
</entry></feed>
"""


def test_rss_feed(tmp_path: Path, read) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second = read(path)
    assert first.text == "A storm struck the coast.\nPower was cut."
    assert first.title == "Storm hits coast"
    assert first.url == "https://wire.example.org/storm"
    assert first.outlet == "Example Wire"
    assert first.published == "2022-03-04T10:00:00+00:00"
    assert first.external_id == "storm-1"
    assert first.source == f"{path}#entry1"
    assert b"Storm hits coast" in first.raw and b"Harbour" not in first.raw
    assert second.text == "The harbour reopened on Sunday."
    assert second.format == "feed"


def test_atom_feed(tmp_path: Path, read) -> None:
    path = tmp_path / "times.atom"
    path.write_text(ATOM, encoding="utf-8")
    (doc,) = read(path)
    assert doc.text == "Crews restored power to most homes."
    assert doc.url == "https://atom.example.org/power"
    assert doc.outlet == "Atom Times"
    assert doc.published == "2022-03-05T08:30:00+00:00"


def _warc_record(writer: WARCWriter, uri: str, body: bytes, content_type: str):
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(
        uri, "response", payload=io.BytesIO(body), http_headers=headers
    )


def test_warc_gz(tmp_path: Path, read) -> None:
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "test"}))
        page = HTML_PAGE.replace('<meta property="og:url"', '<meta property="x"').encode()
        writer.write_record(
            _warc_record(writer, "https://news.example.org/storm", page, "text/html; charset=utf-8")
        )
        writer.write_record(
            _warc_record(writer, "https://news.example.org/logo.png", b"\x89PNG\x00", "image/png")
        )
    results = read(path)
    assert results.errors == []
    (doc,) = results.docs
    assert doc.source == f"{path}#record2"
    assert doc.url == "https://news.example.org/storm"
    assert doc.title == "Storm hits coast"
    assert "powerful storm struck" in doc.text
    assert doc.raw == page and doc.format == "warc"


def test_stdin_dash_sniffs_format(read) -> None:
    page = io.BytesIO(HTML_PAGE.encode())
    (doc,) = read("-", stdin=page)
    assert doc.source == "<stdin>" and doc.format == "html"
    assert doc.title == "Storm hits coast"

    text = "Plain text\r\nfrom a pipe.\n"
    (doc,) = read("-", stdin=io.BytesIO(text.encode()))
    assert doc.text == text and doc.format == "txt"

    record = json.dumps({"id": "s", "text": "Piped record."}).encode()
    first, second = read("-", stdin=io.BytesIO(record + b"\n" + record.replace(b'"s"', b'"t"')))
    assert first.format == "jsonl" and first.source == "<stdin>#L1"
    assert (first.external_id, second.external_id) == ("s", "t")


def test_unknown_extension_is_sniffed(tmp_path: Path, read) -> None:
    (tmp_path / "article").write_text(HTML_PAGE, encoding="utf-8")
    (tmp_path / "feed.dat").write_text(RSS, encoding="utf-8")
    warc = tmp_path / "dump.bin"
    with warc.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(
            _warc_record(writer, "https://e.example/", HTML_PAGE.encode(), "text/html")
        )
    (tmp_path / "notes.gz").write_bytes(gzip.compress(b"hello"))
    results = read(tmp_path / "article", tmp_path / "feed.dat", warc, tmp_path / "notes.gz")
    assert [d.format for d in results.docs] == ["html", "feed", "feed", "warc"]
    (err,) = results.errors
    assert "notes.gz" in err.source and "gzip" in err.reason
