"""How entity fusion reads a document's mentions: a machine-spun document's in
their repaired wording, so a spun copy's names meet the original's."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from storyline.despin.repair import repaired_slice
from storyline.model import DocumentAnalysis, Mention


def read_mentions(a: DocumentAnalysis) -> Iterator[tuple[Mention, str | None]]:
    """A document's mentions as names are read: in a spun document, a mention with
    a repaired word inside is read in the repaired wording ("Wall Avenue" -> "Wall
    Street"), paired with the words as printed (None when read as printed)."""
    spun = []
    if (a.integrity.get("spun") or {}).get("n_spun"):
        spun = [x for x in a.spans if x.kind == "spun" and isinstance(x.attrs.get("original"), str)]
    for m in a.mentions:
        shown = repaired_slice(a.text, spun, m.start, m.end) if spun else None
        if shown is None:
            yield m, None
        else:
            yield replace(m, text=" ".join(shown.split())), m.text
