"""WARC archives that lie about their size or end early: refused per record, never stored half.

Every archive is generated here; the bombs are written in chunks through a
streaming compressor, so the test itself never holds their decompressed size.
"""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.model import RawDocument, ReadError
from storyline.read.warc import read_warc
from storyline.settings import Settings

MB = 1024 * 1024
SMALL = Settings(max_bytes=1 * MB)


def page(title: str) -> bytes:
    body = " ".join(
        f"<p>The {title.lower()} council met on day {i} and said repairs would continue.</p>"
        for i in range(12)
    )
    return (
        f"<html><head><title>{title}</title></head><body><article>"
        f"<h1>{title}</h1>{body}</article></body></html>"
    ).encode()


def response(writer: WARCWriter, uri: str, body: bytes, extra: list[tuple[str, str]] = ()):
    headers = [("Content-Type", "text/html; charset=utf-8"), *extra]
    http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
    return writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http)


def archive(path: Path, bodies: list[bytes], *, gz: bool) -> Path:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for i, body in enumerate(bodies):
            writer.write_record(response(writer, f"https://news.example.org/{i}", body))
    return path


def bomb_member(out, size: int) -> None:
    """One gzip member: a WARC response record whose HTML payload is ``size`` bytes.

    Compressed a chunk at a time: a few tens of KB on disk, ``size`` decompressed.
    """
    filler = b"<p>" + b"spam " * 200 + b"</p>\n"
    chunk = filler * (MB // len(filler))
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    length = len(http) + len(b"<html><body>") + size // len(chunk) * len(chunk)
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://bomb.example/\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        "WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {length}\r\n\r\n"
    ).encode()
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: gzip framing
    out.write(packer.compress(head + http + b"<html><body>"))
    for _ in range(size // len(chunk)):
        out.write(packer.compress(chunk))
    out.write(packer.compress(b"\r\n\r\n") + packer.flush())


def run(path: Path, settings: Settings = SMALL) -> list[RawDocument | ReadError]:
    data, limit, whole = path.read_bytes(), settings.max_bytes, settings.max_collection_bytes
    return list(read_warc(str(path), data, max_bytes=limit, max_collection_bytes=whole))


def bomb_archive(path: Path, size: int = 64 * MB) -> Path:
    """Bridge, a record declaring ``size`` bytes of HTML (tiny on disk), Harbour."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(response(writer, "https://news.example.org/ok", page("Bridge")))
        bomb_member(out, size)
        writer.write_record(response(writer, "https://news.example.org/after", page("Harbour")))
    return path


def test_gzip_bomb_record_costs_only_that_record(tmp_path: Path, read) -> None:
    """The record limit (max_bytes) is per record: the bomb is skipped by streaming, and
    the record after it is read."""
    path = bomb_archive(tmp_path / "bomb.warc.gz")
    assert path.stat().st_size < SMALL.max_bytes
    results = read(path, settings=SMALL)
    assert [type(r).__name__ for r in results] == ["RawDocument", "ReadError", "RawDocument"]
    assert [d.title for d in results.docs] == ["Bridge", "Harbour"]
    (err,) = results.errors
    assert err.source == f"{path}#record2"
    assert err.reason == (
        "record payload is over the 1.0 MB limit once decompressed: skipped (raise --max-bytes)"
    )


def test_gzip_bomb_stops_at_the_collection_limit_and_keeps_earlier_records(
    tmp_path: Path, read
) -> None:
    path = bomb_archive(tmp_path / "bomb.warc.gz")
    results = read(path, settings=Settings(max_bytes=1 * MB, max_collection_bytes=8 * MB))
    assert [type(r).__name__ for r in results] == ["RawDocument", "ReadError", "ReadError"]
    assert results.docs[0].title == "Bridge"
    record, err = results.errors  # the record over 1 MB, then the archive over 8 MB
    assert record.source == f"{path}#record2" and "skipped" in record.reason
    assert err.source == str(path)
    assert err.reason == (
        "decompressed archive is over the 8.0 MB collection limit at record 2: "
        "stopped reading (raise --max-collection-bytes)"
    )


def test_content_encoding_bomb_costs_only_its_record(tmp_path: Path) -> None:
    """A plain WARC whose HTTP payload is gzip (Content-Encoding) inflating past the limit."""
    inflated = gzip.compress(b"<p>" + b"x" * (8 * MB) + b"</p>")
    path = tmp_path / "encoded.warc"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        encoded = [("Content-Encoding", "gzip")]
        writer.write_record(response(writer, "https://bomb.example/", inflated, encoded))
        writer.write_record(response(writer, "https://news.example.org/ok", page("Ferry")))
    results = run(path)
    err, doc = results
    assert isinstance(err, ReadError) and err.source == f"{path}#record1"
    assert err.reason == (
        "record payload is over the 1.0 MB limit once decompressed: skipped (raise --max-bytes)"
    )
    assert isinstance(doc, RawDocument) and doc.title == "Ferry"


def test_limit_follows_settings_max_bytes(tmp_path: Path, read) -> None:
    """The same archive passes under the default 20 MB limit: the limit is the setting."""
    path = tmp_path / "medium.warc.gz"
    with path.open("wb") as out:
        bomb_member(out, 2 * MB)
    assert "over the 1.0 MB limit" in read(path, settings=SMALL).errors[0].reason
    assert not any("max-bytes" in e.reason for e in read(path, settings=Settings()).errors)


def test_truncated_plain_warc_record_is_an_error_not_half_an_article(tmp_path: Path) -> None:
    full = archive(tmp_path / "full.warc", [page("Bridge"), page("Harbour")], gz=False).read_bytes()
    cut_at = full.rindex(b"harbour council met on day 6")
    path = tmp_path / "cut.warc"
    path.write_bytes(full[:cut_at])
    doc, err = run(path)
    assert isinstance(doc, RawDocument) and doc.title == "Bridge"
    assert isinstance(err, ReadError) and err.source == f"{path}#record3"
    assert (
        err.reason.startswith("truncated: ") and " bytes (the archive was cut short" in err.reason
    )
    got, of = err.reason.removeprefix("truncated: ").split(" bytes")[0].split(" of ")
    assert int(got.replace(",", "")) < int(of.replace(",", ""))


def test_gzip_warc_truncated_to_400_bytes(tmp_path: Path) -> None:
    full = archive(tmp_path / "full.warc.gz", [page("Bridge")], gz=True).read_bytes()
    assert len(full) > 400
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(full[:400])
    results = run(path)
    assert not any(isinstance(r, RawDocument) for r in results)
    (err,) = results
    assert err.reason.startswith("truncated: ")


def test_no_cut_of_a_gzip_warc_stores_a_fragment(tmp_path: Path) -> None:
    """Cut anywhere: the complete first page, then one 'truncated' line — or a malformed one."""
    bodies = [page("Bridge"), page("Harbour")]
    full = archive(tmp_path / "full.warc.gz", bodies, gz=True).read_bytes()
    (whole_bridge, whole_harbour) = [d for d in run(tmp_path / "full.warc.gz") if d]
    complete = {whole_bridge.text, whole_harbour.text}
    path = tmp_path / "cut.warc.gz"
    for cut in range(20, len(full), max(1, len(full) // 40)):
        path.write_bytes(full[:cut])
        results = run(path)
        for item in results:
            if isinstance(item, RawDocument):
                assert item.text in complete, f"fragment stored at cut {cut}"
        errors = [r for r in results if isinstance(r, ReadError)]
        assert len(errors) == 1, (cut, errors)
        assert errors[0].reason.startswith(("truncated: ", "malformed WARC", "WARC file has no")), (
            cut,
            errors[0].reason,
        )


def test_junk_after_the_last_gzip_member_is_one_malformed_line(tmp_path: Path) -> None:
    path = archive(tmp_path / "junk.warc.gz", [page("Bridge")], gz=True)
    path.write_bytes(path.read_bytes() + b"GARBAGE AFTER THE ARCHIVE")
    doc, err = run(path)
    assert isinstance(doc, RawDocument) and doc.title == "Bridge"
    assert isinstance(err, ReadError) and err.reason.startswith("malformed WARC: ")
