"""The attribution candidate every proposal step makes and the filter judges.

One type for every step (quotation marks, reported clauses, cue frames,
credit lines) so the filter, the record builder and the training script read
the same fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Attribution:
    """A proposed attribution in doc-text character offsets.

    ``cue`` is a spaCy token, or ``(start, end, lemma)`` for a cue that is no
    token of its own ("according to", a colon, a credit dash). Equality is
    field by field (a dataclass): the steps find and drop candidates by it.
    """

    start: int
    end: int
    kind: str
    frags: list[tuple[int, int]]
    cue: Any = None  # token or (start, end, lemma)
    source: tuple[int, int] | None = None  # token index range [i, j)
    confidence: float = 1.0
    inherit: bool = False  # orphan quote: speaker from the previous attribution
    origin: str = ""  # the step that proposed it ("direct", "reported", "framed", ...)
    frame: str = ""  # for cue-frame proposals: the frame ("ccomp", "dobj", "prep:for", ...)
    channel: tuple[int, int] | None = None  # a channel cut off the content, set by ``vetting``
    antecedent: tuple[int, int] | None = None  # what a relative-pronoun source stands for
    joint: bool = False  # the source is coordinated speakers ("A and B said"), set by ``vetting``
    unspoken: str = ""  # why the cue reports no statement ("intent", ...), set by ``vetting``
    # The source as the annotation guideline marks it when it is no speaker to
    # show ("52 percent said"): token range, set by ``vetting``.
    counted_source: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        """A source range with no token in it is no source. ``syntax.np_range``
        trims punctuation off a noun phrase, so a subject that is nothing but
        punctuation (the ``_`` of a tokenised URL, "jury _ finds _ suspect",
        as in ECB+ texts) comes back as ``(i, i)``; kept, it became a speaker
        span ending before it starts. Normalised here, once, for every step."""
        if self.source is not None and self.source[1] <= self.source[0]:
            self.source = None


def tag(atts: list[Attribution], origin: str) -> list[Attribution]:
    """Name the step that proposed each attribution (kept if already named)."""
    for a in atts:
        if not a.origin:
            a.origin = origin
    return atts
