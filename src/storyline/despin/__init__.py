"""The despin stage (read → clean → nlp → **despin** → extract).

Article spinners copy a story and swap words for odd synonyms ("astatine"
for *at*). This stage finds the swaps (:mod:`.detect`, with the spin table in
:mod:`.rules` and the context tests in :mod:`.slots`) and, for a document
flagged as spun, builds a repaired view of its text (:mod:`.repair`) so that
every extractor after it reads the likely original wording. Offsets of the
repaired view map back to the original text; the original is never changed.

``despin(parsed, masked)`` is what the pipeline calls: it detects, decides
whether to repair, and repairs. Parsing the repaired text is left to the
caller, which owns the language model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storyline.despin.context import zipf
from storyline.despin.detect import SpunResult, detect_spun, phrase_evidence
from storyline.despin.repair import repaired_view
from storyline.model import ParsedDocument, Span

__all__ = [
    "Despun",
    "SpunResult",
    "despin",
    "detect_spun",
    "phrase_evidence",
    "repaired_view",
    "zipf",
]


@dataclass
class Despun:
    """What the despin stage found in one document, and its repaired text if any."""

    spans: list[Span]  # the "spun" spans to add to the analysis
    summary: dict[str, Any]  # what goes to analysis.integrity["spun"]
    repaired: str | None  # the repaired (masked) text when flagged and repaired, else None
    offset_map: list[int] | None  # repaired offset -> original offset, else None


def despin(parsed: ParsedDocument, masked: str) -> Despun:
    """Detect spun wording in ``parsed``; for a flagged document, repair ``masked``.

    ``masked`` is the text the parse was made from (boilerplate masked), so
    the repaired text lines up with it character for character outside the
    repairs. Only spans with a suggested original are repairs (a rare word
    in a function word's place has none), and a document with no repair is
    not re-parsed: ``repaired`` and ``offset_map`` are then None.
    """
    result = detect_spun(parsed)
    repairs = [s for s in result.spans if s.attrs.get("original")]
    if not (result.summary.get("flagged") and repairs):
        return Despun(spans=result.spans, summary=result.summary, repaired=None, offset_map=None)
    repaired, offset_map = repaired_view(masked, repairs)
    return Despun(
        spans=result.spans, summary=result.summary, repaired=repaired, offset_map=offset_map
    )
