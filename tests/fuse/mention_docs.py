"""Analyses with hand-placed mentions, for the entity tests (texts written for them)."""

from __future__ import annotations

from storyline.model import DocumentAnalysis, Mention, Metadata


def doc_with_mentions(
    doc_id: str, mentions: list[tuple[str, str]], text: str | None = None
) -> DocumentAnalysis:
    """An analysis whose mentions are ``(name, label)`` found in ``text`` in
    order (default: one "<name> spoke." sentence per mention)."""
    if text is None:
        text = " ".join(f"{name} spoke." for name, _ in mentions)
    ms, pos = [], 0
    for name, label in mentions:
        start = text.index(name, pos)
        ms.append(Mention(start, start + len(name), name, label))
        pos = start + len(name)
    return DocumentAnalysis(doc_id, "1", text, doc_id, "txt", Metadata(), mentions=ms)
