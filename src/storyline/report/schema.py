"""Validate a dossier against ``storyline/1``.

Two layers: the JSON Schema shipped next to this module (shape and types,
usable by outside tools), then checks JSON Schema cannot express (offsets lie
inside their document's text, mention text equals the text at its offsets,
ids are unique, entity mentions point at known documents). Both raise
``jsonschema.ValidationError`` whose message names the path of the bad field.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, ValidationError
from jsonschema.exceptions import best_match

SCHEMA_FILE = "storyline-1.schema.json"
_MAX_MESSAGE = 240


@cache
def load_schema() -> dict[str, Any]:
    """The ``storyline/1`` JSON Schema (draft 2020-12) as a dict."""
    text = resources.files("storyline.report").joinpath(SCHEMA_FILE).read_text("utf-8")
    return json.loads(text)


@cache
def _validator() -> Draft202012Validator:
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def format_path(path: Iterable[Any]) -> str:
    """``['documents', 0, 'spans', 1, 'start']`` -> ``documents[0].spans[1].start``."""
    out = "dossier"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _shorten(message: str) -> str:
    if len(message) <= _MAX_MESSAGE:
        return message
    return message[: _MAX_MESSAGE - 1] + "…"


def _fail(path: Iterable[Any], message: str, count: int = 1) -> ValidationError:
    path = list(path)
    text = f"{format_path(path)}: {_shorten(message)}"
    if count > 1:
        text += f" (and {count - 1} more problem{'s' if count > 2 else ''})"
    return ValidationError(f"invalid storyline/1 dossier: {text}", path=deque(path))


def _range_problems(item: Any, path: list[Any], length: int) -> Iterator[tuple[list, str]]:
    if not isinstance(item, dict):
        return
    start, end = item.get("start"), item.get("end")
    if not (isinstance(start, int) and isinstance(end, int)):
        return
    if start > end:
        yield path, f"start {start} is after end {end}"
    elif end > length:
        yield path, f"end {end} is past the end of the document text (length {length})"


def semantic_problems(dossier: dict[str, Any]) -> Iterator[tuple[list[Any], str]]:
    """Problems JSON Schema cannot see, as ``(path, message)`` pairs."""
    texts: dict[str, str] = {}
    for i, doc in enumerate(dossier.get("documents", [])):
        did, text = doc["id"], doc["text"]
        if did in texts:
            yield ["documents", i, "id"], f"duplicate document id {did!r}"
        texts[did] = text
        n = len(text)
        for key in ("spans", "sentences", "mentions"):
            for j, item in enumerate(doc.get(key, [])):
                yield from _range_problems(item, ["documents", i, key, j], n)
        for j, m in enumerate(doc.get("mentions", [])):
            if m["start"] <= m["end"] <= n and text[m["start"] : m["end"]] != m["text"]:
                yield (
                    ["documents", i, "mentions", j, "text"],
                    f"{m['text']!r} differs from the text at its offsets "
                    f"{text[m['start'] : m['end']]!r}",
                )
        for name, ev in (doc.get("metadata") or {}).items():
            if isinstance(ev, dict) and isinstance(ev.get("start"), int):
                yield from _range_problems(ev, ["documents", i, "metadata", name], n)
    seen: set[str] = set()
    for i, ent in enumerate(dossier.get("entities", [])):
        if ent["id"] in seen:
            yield ["entities", i, "id"], f"duplicate entity id {ent['id']!r}"
        seen.add(ent["id"])
        for j, m in enumerate(ent.get("mentions", [])):
            path = ["entities", i, "mentions", j]
            text = texts.get(m["doc"])
            if text is None:
                yield path + ["doc"], f"unknown document id {m['doc']!r}"
                continue
            problems = list(_range_problems(m, path, len(text)))
            yield from problems
            if not problems and text[m["start"] : m["end"]] != m["text"]:
                yield (
                    path + ["text"],
                    f"{m['text']!r} differs from the text at its offsets "
                    f"{text[m['start'] : m['end']]!r}",
                )


def validate_dossier(dossier: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` if ``dossier`` is not valid ``storyline/1``.

    The message names the offending field, e.g.
    ``invalid storyline/1 dossier: dossier.documents[0].spans[1].start: -1 is
    less than the minimum of 0``.
    """
    errors = list(_validator().iter_errors(dossier))
    if errors:
        err = best_match(errors)
        raise _fail(err.absolute_path, err.message, len(errors))
    problems = list(semantic_problems(dossier))
    if problems:
        path, message = problems[0]
        raise _fail(path, message, len(problems))
