"""Offset checks for the dossier's ``claims`` that JSON Schema cannot see."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def _span_problems(span: dict[str, Any], path: list[Any], texts: dict[str, str]) -> Iterator:
    text = texts.get(span.get("doc"))
    if text is None:
        yield path + ["doc"], f"unknown document id {span.get('doc')!r}"
        return
    start, end = span.get("start"), span.get("end")
    if not (isinstance(start, int) and isinstance(end, int)):
        return
    if not 0 <= start <= end <= len(text):
        yield path, f"span {start}-{end} is outside the document text (length {len(text)})"
    elif text[start:end] != span.get("text"):
        yield (
            path + ["text"],
            f"{span.get('text')!r} differs from the text at its offsets {text[start:end]!r}",
        )


def claim_problems(entries: Any, texts: dict[str, str]) -> Iterator[tuple[list[Any], str]]:
    """Claims: unique ids; every statement (and its speaker or source span)
    names a known document, lies inside its text and quotes it exactly;
    ``docs`` are known; a claim never counts more sources than documents."""
    seen: set[Any] = set()
    for i, c in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(c, dict):
            continue
        path: list[Any] = ["claims", i]
        if c.get("id") in seen:
            yield path + ["id"], f"duplicate id {c.get('id')!r} in claims"
        seen.add(c.get("id"))
        stmts = [s for s in c.get("statements") or [] if isinstance(s, dict)]
        for j, st in enumerate(stmts):
            yield from _span_problems(st, path + ["statements", j], texts)
            who = st.get("asserter")
            if isinstance(who, dict) and "doc" in who:
                yield from _span_problems(who, path + ["statements", j, "asserter"], texts)
        for j, doc in enumerate(c.get("docs") or []):
            if doc not in texts:
                yield path + ["docs", j], f"unknown document id {doc!r}"
        for key, polarity in (("sources", "affirmed"), ("sources_negating", "negated")):
            docs = {s.get("doc") for s in stmts if s.get("polarity") == polarity}
            if isinstance(c.get(key), int) and c[key] > len(docs):
                yield path + [key], f"more independent sources than documents ({len(docs)})"
