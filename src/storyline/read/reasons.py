"""Every reason a file or record can be refused, worded once.

Users see these strings, so they live together as data: each says what is
wrong and, where there is one, what to do about it. Keeping them here keeps
the wording consistent across formats and lets tests match on them.
"""

from __future__ import annotations

from decimal import Decimal

SUPPORTED = "text (.txt, .md), HTML, JSON/JSONL, RSS/Atom/RDF feeds or WARC"

BINARY = f"binary file (NUL bytes) — not a {SUPPORTED} file"
GZIP_NOT_WARC = (
    "gzip-compressed file that is neither a WARC archive nor JSON Lines (decompress it first)"
)
EMPTY = "empty file (0 bytes)"
BLANK = "empty file (only whitespace)"
UNDECODABLE = (
    "not valid UTF-8 and no confident encoding detected "
    "(try converting it to UTF-8; first bad byte {byte} at offset {offset})"
)
BOM_MISMATCH = (
    "starts with a {encoding} byte-order mark but is not valid {encoding} "
    "(bad data at offset {offset}; re-save it as UTF-8)"
)
TOO_BIG = "file is {size}, over the {limit} limit (raise --max-bytes)"
# A stream (stdin, a file still growing) is read only up to the limit: its real
# size is unknown, so the message does not pretend to know it.
STREAM_TOO_BIG = (
    "{what} is larger than the {limit} limit (reading stopped there; raise --max-bytes)"
)
TEXT_TOO_LONG = (
    "article text is {chars} characters, over the {limit} limit: not a news article? "
    "(raise --max-chars; analysis needs about 1.5 GB per million characters)"
)
NOT_FOUND = "no such file or directory"
DANGLING = "dangling symlink (target missing)"
SYMLINK_LOOP = "symlink loop (the link leads back to itself; remove or fix it)"
LINK_OUTSIDE = (
    "symlink to '{target}', outside the input folder '{folder}': not read "
    "(name the file itself, or allow such links with --follow-outside-links)"
)
OWN_FILE = "Storyline's own {what}, not an article (never read as input)"
IS_DIR = "a directory, not a file (name the folder itself as an input to read the files in it)"
PERMISSION = "permission denied (cannot read file)"
PERMISSION_DIR = "permission denied (cannot list directory)"
OS_ERROR = "cannot read file: {error}"
NOT_A_FILE = "not a regular file (device, socket or pipe)"
GLOB_EMPTY = "glob matched no files"
DIR_EMPTY = (
    "directory contains no readable files (hidden files and folders, README and LICENSE "
    "files are skipped)"
)
NO_STDIN = "no standard input available to read '-' from"
UNEXPECTED = "unexpected error while reading ({error}); please report this as a bug"

JSON_MALFORMED = "malformed JSON: {error}"
JSON_TOO_DEEP = (
    "{where}JSON nested more than {limit} levels deep: not a news record "
    "(flatten the record; the bound protects the reader)"
)
JSON_EMPTY_LIST = "JSON list is empty (no records)"
JSON_NOT_RECORD = "{where}expected a JSON object with a 'text' field, got {kind}"
JSON_NO_TEXT = "{where}no 'text' field{present}"
JSON_POINTER = (
    "{where}an index record for '{target}' (no text of its own): read the index "
    "from its folder on disk to read that file with this metadata"
)
POINTER_OUTSIDE = (
    "index record points to '{target}', outside the index's folder: "
    "only files beside the index (or below it) are read"
)
POINTER_MISSING = "index record points to '{target}', which does not exist"
POINTER_DIR = "index record points to '{target}', a directory: it must name one article file"
JSON_TEXT_NOT_STRING = "{where}'text' must be a string, got {kind}"
JSON_EMPTY_TEXT = "{where}JSON record has empty text"
JSONL_MALFORMED = "JSONL line {line}: malformed JSON: {error}"
JSONL_UNDECODABLE = "JSONL line {line}: {error}"
JSONL_BINARY = "JSONL line {line}: binary data (NUL bytes), not a JSON record"
JSONL_TOO_BIG = (
    "JSONL line {line}: record is {size}, over the {limit} limit: skipped (raise --max-bytes)"
)

# Collections (JSON Lines, WARC; gzip-compressed or not) are read as a stream:
# --max-bytes bounds each record, --max-collection-bytes the whole file.
COLLECTION_TOO_BIG = (
    "collection is {size}, over the {limit} collection limit (raise --max-collection-bytes)"
)
COLLECTION_OVER_LIMIT = (
    "over the {limit} collection limit once decompressed, at line {line}: "
    "stopped reading (raise --max-collection-bytes)"
)
GZIP_TRUNCATED = (
    "truncated gzip data at line {line}: {error} "
    "(the file was cut short; the lines before it were read; re-download it)"
)
GZIP_CORRUPT = "corrupt gzip data at line {line}: {error} (the lines before it were read)"
TEXT_UNDECODABLE = "JSONL line {line}: not valid {encoding}: stopped reading ({error})"

HTML_NO_TEXT = "HTML page has no extractable article text"

FEED_MALFORMED = "malformed feed: {error}"
FEED_NOT_A_FEED = "XML file is not an RSS, Atom or RDF feed"
FEED_NO_ENTRIES = "feed has no entries"
FEED_ENTRY_NO_TEXT = "feed entry {n} has no text (no content or summary)"

WARC_MALFORMED = "malformed WARC: {error}"
WARC_NO_HTML = "WARC file has no HTML response records"
WARC_TOO_BIG = (
    "decompressed archive is over the {limit} collection limit at record {record}: "
    "stopped reading (raise --max-collection-bytes)"
)
WARC_RECORD_TOO_BIG = (
    "record payload is over the {limit} limit once decompressed: skipped (raise --max-bytes)"
)
WARC_TRUNCATED = "truncated: {got} of {of} bytes (the archive was cut short; re-download it)"
WARC_GZIP_TRUNCATED = "truncated: {error} (the archive was cut short; re-download it)"

FETCH_BAD_URL = "not an http(s) URL"
FETCH_NETWORK = "network error: {error}"
FETCH_STATUS = "HTTP status {status} {phrase}"
FETCH_MALFORMED_URL = "malformed URL: {error}"
FETCH_NOT_TEXT = (
    "content type '{type}' is not text: refused (Storyline reads " + SUPPORTED + "; "
    "save a PDF or other document as text first)"
)
FETCH_DEADLINE = (
    "no complete response within {seconds:g} s: gave up "
    "(raise Settings.fetch_deadline or STORYLINE_FETCH_DEADLINE)"
)
FETCH_TOO_MANY_REDIRECTS = "more than {limit} redirects: gave up"
FETCH_PRIVATE_REDIRECT = (
    "redirected to {url}, a {kind} address ({ip}): refused "
    "(allow with Settings.fetch_private_redirects or STORYLINE_FETCH_PRIVATE_REDIRECTS=1)"
)


def json_kind(value: object) -> str:
    """Name a JSON value the way a user would ("a list", "a string")."""
    names = {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        Decimal: "a number",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)


def human_size(n: int) -> str:
    """Bytes as "52.4 MB" (MB = 2**20, matching how the limit is set); "4.0 GB" from 1 GB up."""
    if n >= 1024**3:
        return f"{n / 1024**3:.1f} GB"
    return f"{n / (1024 * 1024):.1f} MB"
