"""Language of the article text (lingua, limited to the configured languages)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from storyline.model import Evidence, Span

if TYPE_CHECKING:
    from lingua import LanguageDetector

SAMPLE_CHARS = 2000
MIN_CHARS = 20  # shorter text is undecidable
MIN_CONFIDENCE = 0.5


@functools.lru_cache(maxsize=8)
def language_detector(codes: tuple[str, ...]) -> LanguageDetector | None:
    """One detector per process and language set (building one takes seconds)."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    isos = []
    for code in codes:
        try:
            isos.append(IsoCode639_1.from_str(code))
        except (ValueError, KeyError):
            continue  # a language lingua does not know
    if not isos:
        return None
    # Low-accuracy mode uses trigram models only: reliable on article-length
    # text, and about 200 MB lighter per process than the full models.
    return LanguageDetectorBuilder.from_iso_codes_639_1(*isos).with_low_accuracy_mode().build()


def content_text(text: str, spans: list[Span], limit: int = SAMPLE_CHARS) -> str:
    """The text outside boilerplate spans, up to ``limit`` characters."""
    parts: list[str] = []
    pos = 0
    size = 0
    for span in sorted((s for s in spans if s.kind == "boilerplate"), key=lambda s: s.start):
        if span.start > pos:
            parts.append(text[pos : span.start])
            size += span.start - pos
        pos = max(pos, span.end)
        if size >= limit:
            break
    if size < limit:
        parts.append(text[pos:])
    return "".join(parts)[:limit]


def detect_language(text: str, spans: list[Span], languages: tuple[str, ...]) -> Evidence | None:
    """``Evidence(value="en", method="lingua:0.98")``, or None when undecidable."""
    sample = " ".join(content_text(text, spans).split())
    codes = tuple(sorted({c.lower() for c in languages}))
    if len(sample) < MIN_CHARS or not codes:
        return None
    detector = language_detector(codes)
    if detector is None:
        return None
    values = detector.compute_language_confidence_values(sample)
    if not values or values[0].value < MIN_CONFIDENCE:
        return None
    best = values[0]
    code = best.language.iso_code_639_1.name.lower()
    return Evidence(value=code, method=f"lingua:{best.value:.2f}")
