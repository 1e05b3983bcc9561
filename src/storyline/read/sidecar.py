"""Index files: JSON / JSONL records that point to article files.

Scrapers often write the articles as text files and their metadata beside
them, one record per file: ``{"file": "voa_6180015.txt", "title": ...,
"published": ..., "url": ...}``. Such a record has no ``text`` of its own;
it says where the text is and what is known about it. Read with its folder,
the article gets the record's metadata (title, date, URL, outlet, id) and
the record is no error; named alone, the index reads the files it points
to. A pointer may only name a file inside the index's own folder (an index
from elsewhere must not pull arbitrary local files into a dossier).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from ..model import RawDocument
from . import formats, reasons
from .decode import DecodeError, decode_document
from .records import POINTER_FIELDS, load_json, metadata, pointer_target

#: The pointer fields as they appear in JSON text (a cheap pre-filter).
_KEYS = tuple(f'"{k}"' for k in POINTER_FIELDS)

#: Formats that can be index files.
INDEX_FORMATS = frozenset({formats.JSON, formats.JSONL})


@dataclass
class Pointer:
    """One index record: where it is (``index.jsonl#L3``), the file it names
    (resolved, or None with ``error`` saying why not) and its metadata."""

    source: str
    target: Path | None
    meta: dict[str, str] = field(default_factory=dict)
    error: str | None = None


def pointers_in(path: Path, data: bytes) -> list[Pointer]:
    """The pointer records of one JSON / JSONL file. JSONL lines that name no
    pointer field are not parsed here: an index pass over a large corpus
    file costs a substring test per line."""
    fmt = formats.by_extension(path.name)
    if fmt not in INDEX_FORMATS or not any(k.encode() in data for k in _KEYS):
        return []
    try:
        text = decode_document(data)
    except DecodeError:
        return []  # the reader reports it
    records: Iterable[tuple[str, Any]]
    if fmt == formats.JSONL:
        records = _jsonl_records(str(path), enumerate(text.split("\n"), 1))
    else:
        try:
            value = load_json(text)
        except ValueError:  # malformed or too deep: the reader reports it
            return []
        items = value if isinstance(value, list) else [value]
        name = str(path)
        records = (
            (f"{name}#item{n}" if isinstance(value, list) else name, item)
            for n, item in enumerate(items, 1)
        )
    return _pointers(path, records)


def pointers_in_lines(path: Path, lines: Iterable[tuple[int, str]]) -> list[Pointer]:
    """The pointer records among a JSONL file's (line number, text) pairs, as
    they stream from the file; lines naming no pointer field are not parsed."""
    return _pointers(path, _jsonl_records(str(path), lines))


def _pointers(path: Path, records: Iterable[tuple[str, Any]]) -> list[Pointer]:
    out = []
    for source, record in records:
        if not isinstance(record, dict):
            continue
        target = pointer_target(record)
        if target is None:
            continue
        resolved, error = _resolve(path.parent, target)
        out.append(Pointer(source, resolved, metadata(record), error))
    return out


def with_meta(doc: RawDocument, meta: dict[str, str]) -> RawDocument:
    """The document with the index's metadata where its own container said nothing."""
    missing = {k: v for k, v in meta.items() if getattr(doc, k, None) in (None, "")}
    return dataclasses.replace(doc, **missing) if missing else doc


def _jsonl_records(name: str, lines: Iterable[tuple[int, str]]) -> Iterable[tuple[str, Any]]:
    for n, line in lines:
        if not any(k in line for k in _KEYS):
            continue
        try:
            yield f"{name}#L{n}", load_json(line)
        except ValueError:
            continue  # the reader reports it


def _resolve(folder: Path, target: str) -> tuple[Path | None, str | None]:
    if PurePosixPath(target).is_absolute() or PureWindowsPath(target).is_absolute():
        return None, reasons.POINTER_OUTSIDE.format(target=target)
    path = folder / target
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
    except RuntimeError:  # Python 3.11's resolve() on a symlink loop
        return None, reasons.SYMLINK_LOOP
    except OSError as exc:
        return None, reasons.OS_ERROR.format(error=exc.strerror or exc)
    if not inside:
        return None, reasons.POINTER_OUTSIDE.format(target=target)
    if not path.exists():
        return None, reasons.POINTER_MISSING.format(target=target)
    if path.is_dir():
        return None, reasons.POINTER_DIR.format(target=target)
    return path, None
