"""A repaired view of a text: suggested originals swapped in, offsets kept.

The original text is never changed. For reading and for downstream
extraction on machine-spun documents, ``repaired_view`` builds the text with
each repair applied and an offset map back to the original, so anything
found in the repaired text is reported at the original characters.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import Span


def repaired_view(text: str, repairs: Sequence[Span]) -> tuple[str, list[int]]:
    """Apply ``span.attrs["original"]`` over each span; return (repaired, offset_map).

    ``offset_map[i]`` is the original offset of repaired offset ``i``; it has
    ``len(repaired) + 1`` entries so span ends map too. Overlapping repairs:
    the first (leftmost, then longest) wins.
    """
    out: list[str] = []
    omap: list[int] = []
    pos = 0
    for span in sorted(repairs, key=lambda s: (s.start, -(s.end - s.start))):
        original = span.attrs.get("original")
        if original is None or span.start < pos or span.end > len(text):
            continue
        out.append(text[pos : span.start])
        omap.extend(range(pos, span.start))
        out.append(original)
        width = span.end - span.start
        # Characters of the replacement map into the replaced span, proportionally.
        omap.extend(span.start + (k * width) // max(len(original), 1) for k in range(len(original)))
        pos = span.end
    out.append(text[pos:])
    omap.extend(range(pos, len(text)))
    omap.append(len(text))
    return "".join(out), omap


def repaired_slice(text: str, repairs: Sequence[Span], start: int, end: int) -> str | None:
    """The repaired reading of ``text[start:end]`` (only repairs wholly inside
    it), or None when nothing inside is repaired. Used wherever one passage
    (a quote, a claim) is shown in its repaired wording."""
    inside = [
        Span(s.start - start, s.end - start, s.kind, s.rule, s.attrs)
        for s in repairs
        if start <= s.start < s.end <= end and isinstance(s.attrs.get("original"), str)
    ]
    if not inside:
        return None
    out = repaired_view(text[start:end], inside)[0]
    return out if out != text[start:end] else None
