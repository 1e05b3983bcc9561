"""Memory of reading a large JSONL collection as a stream (issue 17), without analysis.

Writes a JSONL collection of generated records (sentences made up here, no
corpus text) to a temporary folder, line by line, then reads every record
through ``storyline.read.read_inputs`` in a fresh process and reports the
peak RSS (``ru_maxrss``) before and after reading, the records read and the
time. A reader that loaded the file whole would add at least the file's
size to the peak::

    python benchmarks/read_stream.py --mb 200 [--gzip] [--tmp /tmp]
    python benchmarks/read_stream.py --mb 30 --records 10000   # default settings
    python benchmarks/read_stream.py --mb 30 --warc [--gzip]   # HTML pages in a WARC

Results go to ``benchmarks/results/read_stream.json`` (one entry per run
configuration, replaced when run again).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "read_stream.json"

#: The generated sentences draw their words from this one (general news vocabulary).
SENTENCE = (
    "the council said on Monday that repairs to the harbour bridge would continue "
    "while ministers met union leaders to discuss wages and the regional budget; "
    "officials added that the ferry service would resume next week after inspectors "
    "approved new safety rules for the port and the airport"
)
WORDS = tuple(SENTENCE.split())


def record(i: int, size: int, rng: random.Random) -> str:
    """One JSONL line of about ``size`` bytes."""
    words: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(WORDS)
        words.append(word)
        length += len(word) + 1
    text = " ".join(words).capitalize() + "."
    return json.dumps({"id": f"gen-{i}", "title": f"Report {i}", "text": text})


def write_warc(path: Path, total: int, compress: bool) -> int:
    """A WARC of HTML response records, about 15 KB each; returns the record count."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(17)
    count = max(1, total // 15_500)
    http = [("Content-Type", "text/html; charset=utf-8")]
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=compress)
        for i in range(count):
            paras = "".join(f"<p>{json.loads(record(i, 1000, rng))['text']}</p>" for _ in range(14))
            body = (
                f"<html><head><title>Report {i}</title></head><body><article>"
                f"<h1>Report {i}</h1>{paras}</article></body></html>"
            ).encode()
            headers = StatusAndHeaders("200 OK", http, protocol="HTTP/1.1")
            uri = f"https://news.example.org/{i}"
            writer.write_record(
                writer.create_warc_record(
                    uri, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )
    return count


def write_collection(path: Path, total: int, records: int | None, compress: bool) -> int:
    """Write about ``total`` bytes (or ``records`` records) of JSONL; returns the record count."""
    rng = random.Random(17)
    size = max(200, total // records) if records else 3000
    count = records or max(1, total // (size + 60))
    opener = gzip.open if compress else open
    with opener(path, "wt", encoding="utf-8") as out:  # type: ignore[operator]
        for i in range(count):
            out.write(record(i, size, rng) + "\n")
    return count


def measure(path: str) -> dict[str, Any]:
    """In this (fresh) process: peak RSS before and after reading every record of ``path``."""
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    from storyline.model import RawDocument
    from storyline.read import read_inputs
    from storyline.settings import Settings

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    docs = errors = chars = 0
    for item in read_inputs([path], settings=Settings()):
        if isinstance(item, RawDocument):
            docs += 1
            chars += len(item.text)
        else:
            errors += 1
            print(item.source, item.reason, file=sys.stderr)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "records": docs,
        "errors": errors,
        "chars": chars,
        "read_s": round(seconds, 2),
        "maxrss_before_mb": round(before / 1024, 1),
        "maxrss_after_mb": round(after / 1024, 1),
        "maxrss_growth_mb": round((after - before) / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=int, default=200, help="collection size in MB")
    parser.add_argument("--records", type=int, default=None, help="exact number of records")
    parser.add_argument("--gzip", action="store_true", help="write .jsonl.gz (.warc.gz)")
    parser.add_argument("--warc", action="store_true", help="a WARC of HTML pages")
    parser.add_argument("--tmp", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child)))
        return
    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        name = "collection.warc" if args.warc else "collection.jsonl"
        path = Path(tmp) / (name + (".gz" if args.gzip else ""))
        if args.warc:
            written = write_warc(path, args.mb * 1024 * 1024, args.gzip)
        else:
            written = write_collection(path, args.mb * 1024 * 1024, args.records, args.gzip)
        size = path.stat().st_size
        child = subprocess.run(
            [sys.executable, __file__, "--child", str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
    result = {
        "file_mb": round(size / 1024 / 1024, 1),
        "gzip": args.gzip,
        "format": "warc" if args.warc else "jsonl",
        "written": written,
        **json.loads(child.stdout.strip().splitlines()[-1]),
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "date": time.strftime("%Y-%m-%d"),
    }
    print(json.dumps(result, indent=1))
    kind = "warc" if args.warc else "jsonl"
    key = f"{kind}-{args.mb}MB" + ("-gz" if args.gzip else "")
    key += f"-{args.records}" if args.records else ""
    saved = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    saved[key] = result
    RESULTS.write_text(json.dumps(saved, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
