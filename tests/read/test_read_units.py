"""Small units of the read stage: decoding, sniffing, wording."""

from __future__ import annotations

import codecs

import pytest

from storyline.read import decode, formats
from storyline.read.decode import DecodeError


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"plain ascii\r\n", "plain ascii\r\n"),
        (codecs.BOM_UTF8 + "ünï\n".encode(), "ünï\n"),
        ("ünï\n".encode("utf-16"), "ünï\n"),
        ("ünï\n".encode("utf-32"), "ünï\n"),
        ("Größere Straßen für Fußgänger in der Stadt.".encode("cp1252"), None),
    ],
)
def test_decode(data: bytes, text: str | None) -> None:
    got = decode.decode(data)
    if text is not None:
        assert got.text == text
    else:
        assert got.text == "Größere Straßen für Fußgänger in der Stadt."
        assert got.encoding == "cp1252"


def test_decode_refuses_garbage() -> None:
    with pytest.raises(DecodeError, match="not valid UTF-8") as info:
        decode.decode(b"abc \xff\xfe\xfd\xfc\xfb \x81\x8d\x8f\x90")
    assert "offset 4" in str(info.value)


def test_declared_charset_wins_over_sniffing_but_not_over_bom() -> None:
    assert decode.decode("café".encode("cp1252"), "iso-8859-1").text == "café"
    assert decode.decode(codecs.BOM_UTF8 + "café".encode(), "iso-8859-1").text == "café"
    assert decode.decode("café".encode(), "no-such-charset").text == "café"


def test_html_charset() -> None:
    assert decode.html_charset(b'<meta charset="ISO-8859-1">') == "ISO-8859-1"
    assert (
        decode.html_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">')
        == "koi8-r"
    )
    assert decode.html_charset(b"<p>no charset</p>") is None


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.TXT", "txt"),
        ("a.warc.gz", "warc"),
        ("a.htm", "html"),
        ("feed.atom", "feed"),
        ("x.jsonl", "jsonl"),
        ("x.gz", None),
        ("README", None),
    ],
)
def test_by_extension(name: str, fmt: str | None) -> None:
    assert formats.by_extension(name) == fmt


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (b"Just words.\n", "txt"),
        (b'  {"text": "x"}', "json"),
        (b'{"text": "x"}\n{"text": "y"}\n', "jsonl"),
        (b'[{"text": "x"},\n {"text": "y"}]', "json"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', "feed"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "feed"),
        (b"<?xml version='1.0'?><rdf:RDF xmlns:rdf='x'/>", "feed"),
        ("<html><p>ü</p></html>".encode("utf-16"), "html"),
        (b"WARC/1.0\r\n", "warc"),
    ],
)
def test_sniff(data: bytes, fmt: str) -> None:
    assert formats.sniff(data) == fmt


def test_json_hint_for_jsonl_named_json(tmp_path, read) -> None:
    path = tmp_path / "lines.json"
    path.write_text('{"text": "a"}\n{"text": "b"}\n', encoding="utf-8")
    (err,) = read(path)
    assert err.reason.startswith("malformed JSON: Extra data at line 2 column 1")
    assert ".jsonl" in err.reason
