"""Collections (JSON Lines, gzip JSON Lines, WARC) read as a stream.

The record limit (``max_bytes``) applies to each record, the collection
limit (``max_collection_bytes``) to the whole decompressed file. Every
collection is generated here, with sentences written for the test.
"""

from __future__ import annotations

import gzip
import io
import json
import tracemalloc
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.model import RawDocument, ReadError
from storyline.read import read_bytes, read_path
from storyline.settings import Settings

MB = 1024 * 1024
SMALL = Settings(max_bytes=1 * MB)


def page(title: str, extra: bytes = b"") -> bytes:
    body = f"<p>The {title.lower()} council met and said the repairs would go on.</p>" * 6
    return (
        (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}").encode()
        + extra
        + b"</article></body></html>"
    )


def response(writer: WARCWriter, uri: str, body: bytes):
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    return writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http)


def line(i: int, text: str | None = None) -> bytes:
    body = text or f"Report {i}: the harbour council met and said the repairs would go on."
    return json.dumps({"id": f"r{i}", "text": body}).encode() + b"\n"


def lines(n: int) -> bytes:
    return b"".join(line(i) for i in range(1, n + 1))


def test_record_over_the_limit_in_the_middle_costs_only_its_line(tmp_path: Path, read) -> None:
    path = tmp_path / "batch.jsonl"
    huge = line(3, "A long report. " * (MB // 10))  # about 1.5 MB on one line
    path.write_bytes(line(1) + line(2) + huge + line(4) + line(5))
    results = read(path, settings=SMALL)
    assert [d.source.rsplit("#", 1)[1] for d in results.docs] == ["L1", "L2", "L4", "L5"]
    (err,) = results.errors
    assert err.source == f"{path}#L3"
    assert err.reason == (
        "JSONL line 3: record is 1.5 MB, over the 1.0 MB limit: skipped (raise --max-bytes)"
    )
    assert [type(r).__name__ for r in results][2] == "ReadError"  # in its place, in order


def test_collection_bigger_than_max_bytes_is_read_whole(tmp_path: Path, read) -> None:
    path = tmp_path / "big.jsonl"
    n = 3 * MB // len(line(1)) + 1
    path.write_bytes(lines(n))
    assert path.stat().st_size > 3 * SMALL.max_bytes
    results = read(path, settings=SMALL)
    assert not results.errors
    assert len(results.docs) == n
    assert results.docs[-1].external_id == f"r{n}"


def test_gzip_jsonl_gives_the_same_records_as_plain(tmp_path: Path, read) -> None:
    data = lines(40)
    (tmp_path / "plain.jsonl").write_bytes(data)
    (tmp_path / "packed.jsonl.gz").write_bytes(gzip.compress(data))
    (tmp_path / "export").write_bytes(gzip.compress(data))  # no extension: sniffed
    plain = read(tmp_path / "plain.jsonl")
    for name in ("packed.jsonl.gz", "export"):
        packed = read(tmp_path / name)
        assert not packed.errors, name
        assert [(d.id, d.text, d.raw) for d in packed] == [(d.id, d.text, d.raw) for d in plain]
        assert packed.docs[0].source == f"{tmp_path / name}#L1"
        assert packed.docs[0].format == "jsonl"


def test_truncated_gzip_keeps_the_complete_records_before_the_cut(tmp_path: Path, read) -> None:
    data = lines(2000)
    full = gzip.compress(data)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(full[: len(full) // 2])
    results = read(path)
    whole = {d.text for d in read_bytes("x.jsonl", data, "jsonl")}
    assert 0 < len(results.docs) < 2000
    assert all(d.text in whole for d in results.docs)  # never half a record
    (err,) = results.errors
    assert err.source == str(path)
    assert err.reason.startswith(f"truncated gzip data at line {len(results.docs) + 1}: ")
    assert results[-1] is err


def test_corrupt_gzip_is_one_error(tmp_path: Path, read) -> None:
    path = tmp_path / "bad.jsonl.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00" + b"not deflate data at all" * 4)
    (err,) = read(path)
    assert err.source == str(path) and err.reason.startswith("corrupt gzip data at line 1: ")


def test_bom_blank_and_crlf_first_lines(tmp_path: Path, read) -> None:
    crlf = b"\xef\xbb\xbf\r\n" + lines(3).replace(b"\n", b"\r\n")
    (tmp_path / "crlf.jsonl").write_bytes(crlf)
    (tmp_path / "lf.jsonl").write_bytes(lines(3))
    got = read(tmp_path / "crlf.jsonl")
    want = read(tmp_path / "lf.jsonl")
    assert not got.errors
    assert [d.source.rsplit("#", 1)[1] for d in got] == ["L2", "L3", "L4"]
    assert [(d.id, d.raw, d.text) for d in got] == [(d.id, d.raw, d.text) for d in want]
    assert not any(d.raw.endswith(b"\r") for d in got)


def test_only_blank_lines_and_empty_files(tmp_path: Path, read) -> None:
    (tmp_path / "blank.jsonl").write_bytes(b"\n  \r\n\n")
    (tmp_path / "empty.jsonl.gz").write_bytes(gzip.compress(b""))
    for name in ("empty.jsonl", "empty.warc", "empty.warc.gz"):
        (tmp_path / name).write_bytes(b"")
    results = read(*sorted(tmp_path.iterdir()))
    assert {Path(e.source).name: e.reason for e in results} == {
        "blank.jsonl": "empty file (only whitespace)",
        "empty.jsonl": "empty file (0 bytes)",
        "empty.jsonl.gz": "empty file (0 bytes)",
        "empty.warc": "empty file (0 bytes)",
        "empty.warc.gz": "empty file (0 bytes)",
    }


def test_binary_file_named_jsonl_is_one_error(tmp_path: Path, read) -> None:
    path = tmp_path / "image.jsonl"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 100)
    (err,) = read(path)
    assert err.source == str(path) and err.reason.startswith("binary file")


def test_a_mis_encoded_or_binary_line_costs_only_that_line(tmp_path: Path, read) -> None:
    path = tmp_path / "mixed.jsonl"
    filler = lines(4000)  # past the first 256 KB, which are checked as a whole
    assert len(filler) > 256 * 1024
    binary = b"\x00\x01\x02 PK\x03\x04\n"
    path.write_bytes(line(1) + b'{"text": "\xff\xfe\x80\x81\x90"}\n' + filler + binary + line(9))
    results = read(path)
    assert len(results.docs) == 4002 and results.docs[-1].external_id == "r9"
    encoded, binary = results.errors
    assert encoded.source == f"{path}#L2"
    assert encoded.reason.startswith("JSONL line 2: not valid UTF-8")
    assert binary.source == f"{path}#L4003"
    assert binary.reason == "JSONL line 4003: binary data (NUL bytes), not a JSON record"


def test_utf16_jsonl_still_reads(tmp_path: Path, read) -> None:
    path = tmp_path / "wide.jsonl"
    path.write_bytes(lines(3).decode().encode("utf-16"))
    results = read(path)
    assert not results.errors
    assert [d.external_id for d in results.docs] == ["r1", "r2", "r3"]
    assert results.docs[0].raw == line(1).rstrip(b"\n")  # stored as UTF-8, like before


def test_duplicate_lines_have_one_id(tmp_path: Path, read) -> None:
    """The workspace stores a document once per id: identical lines are one document."""
    path = tmp_path / "dup.jsonl"
    path.write_bytes(line(1) + line(2) + line(1))
    first, _, again = read(path).docs
    assert first.id == again.id and first.source != again.source


def test_collection_limit_refuses_by_size_and_stops_a_stream(tmp_path: Path, read) -> None:
    path = tmp_path / "big.jsonl"
    data = lines(3 * MB // len(line(1)))
    path.write_bytes(data)
    (err,) = read(path, settings=Settings(max_collection_bytes=1 * MB))
    size = f"{path.stat().st_size / MB:.1f} MB"
    assert err.reason == (
        f"collection is {size}, over the 1.0 MB collection limit (raise --max-collection-bytes)"
    )
    packed = tmp_path / "big.jsonl.gz"
    packed.write_bytes(gzip.compress(data))  # small on disk, 3 MB once decompressed
    results = read(packed, settings=Settings(max_collection_bytes=1 * MB))
    assert results.docs and results[-1] is results.errors[0] and len(results.errors) == 1
    assert results.errors[0].reason.startswith("over the 1.0 MB collection limit once decompressed")
    assert sum(len(d.raw) + 1 for d in results.docs) <= 1 * MB
    assert len(read(packed, settings=Settings(max_collection_bytes=0)).docs) == data.count(b"\n")


def test_standard_input_streams_a_collection(read) -> None:
    data = lines(3 * MB // len(line(1)))
    results = read("-", stdin=io.BytesIO(gzip.compress(data)), settings=SMALL)
    assert not results.errors
    assert len(results.docs) == data.count(b"\n")
    assert results.docs[0].source == "<stdin>#L1"


def test_memory_stays_bounded_while_reading(tmp_path: Path) -> None:
    """A 24 MB collection (over the default 20 MB file limit) is read with default
    settings, and Python never holds more than a small part of it at once."""
    path = tmp_path / "export.jsonl"
    story = "The harbour council met again and said the repairs would go on. " * 300
    block = b"".join(line(i, f"{i}. {story}") for i in range(100))  # 20 KB records
    with path.open("wb") as out:
        for _ in range(24 * MB // len(block) + 1):
            out.write(block)
    assert path.stat().st_size > Settings().max_bytes
    tracemalloc.start()
    try:
        count = sum(isinstance(r, RawDocument) for r in read_path(path, settings=Settings()))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == path.read_bytes().count(b"\n")
    assert peak < 4 * MB, peak


def test_warc_bigger_than_max_bytes_with_a_record_over_it(tmp_path: Path, read) -> None:
    path = tmp_path / "crawl.warc"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        writer.write_record(response(writer, "https://news.example.org/1", page("Bridge")))
        big = page("Tunnel", b"<p>" + b"dig " * (MB // 2) + b"</p>")
        writer.write_record(response(writer, "https://news.example.org/2", big))
        for i in range(3, 30):
            writer.write_record(response(writer, f"https://news.example.org/{i}", page("Ferry")))
        writer.write_record(response(writer, "https://news.example.org/last", page("Harbour")))
    assert path.stat().st_size > SMALL.max_bytes
    results = read(path, settings=SMALL)
    (err,) = results.errors
    assert err.source == f"{path}#record2" and "over the 1.0 MB limit" in err.reason
    assert [d.title for d in results.docs][0] == "Bridge"
    assert results.docs[-1].title == "Harbour" and len(results.docs) == 29


def test_bytes_and_file_paths_agree(tmp_path: Path) -> None:
    """Standard input, fetched bodies and Spark blobs read bytes; files stream: same records."""
    data = line(1) + b"\n" + b"not json\n" + line(4)
    path = tmp_path / "a.jsonl"
    path.write_bytes(data)
    from_file = list(read_path(path, settings=Settings()))
    from_bytes = list(read_bytes(str(path), data, "jsonl"))
    assert from_file == from_bytes
    assert [type(r).__name__ for r in from_file] == ["RawDocument", "ReadError", "RawDocument"]
    assert isinstance(from_file[1], ReadError) and from_file[1].source.endswith("#L3")


def test_no_cut_of_a_gzip_collection_stores_a_fragment(tmp_path: Path) -> None:
    """Cut anywhere: complete records only, then exactly one error for the file."""
    data = lines(300)
    full = gzip.compress(data)
    complete = {d.text for d in read_bytes("x.jsonl", data, "jsonl")}
    path = tmp_path / "cut.jsonl.gz"
    for cut in range(1, len(full), max(1, len(full) // 40)):
        path.write_bytes(full[:cut])
        results = list(read_path(path, settings=Settings()))
        docs = [r for r in results if isinstance(r, RawDocument)]
        errors = [r for r in results if isinstance(r, ReadError)]
        assert all(d.text in complete for d in docs), cut
        assert [d.external_id for d in docs] == [f"r{i}" for i in range(1, len(docs) + 1)], cut
        assert len(errors) == 1 and errors[0].source == str(path), (cut, errors)
        assert errors[0].reason.startswith(("truncated gzip", "corrupt gzip", "empty file")), cut


def test_damaged_later_gzip_member_keeps_the_earlier_members(tmp_path: Path, read) -> None:
    path = tmp_path / "parts.jsonl.gz"
    second = bytearray(gzip.compress(lines(5)))
    second[20:30] = b"\xff" * 10  # corrupt deflate data inside the second member
    path.write_bytes(gzip.compress(lines(3)) + bytes(second))
    results = read(path)
    assert [d.external_id for d in results.docs][:3] == ["r1", "r2", "r3"]
    (err,) = results.errors
    assert "gzip data at line" in err.reason and results[-1] is err
