"""What every disagreement finder reads about one document: text, date,
source name, copy lineage and sentences; and how a side is built from a span."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.fuse.sources import lineage_of
from storyline.lexicon import MONTH_NAMES
from storyline.model import ConflictSide, DocumentAnalysis, Lineage


@dataclass(frozen=True)
class DocInfo:
    """One document as the conflict finders see it."""

    doc: str
    text: str
    date: str | None  # ISO date (day) of publication, None when unknown
    name: str  # outlet, else title, else file name: how the explanation names it
    lineage: str  # the copy lineage id, or the document id when it is its own source
    sentence_starts: tuple[int, ...]
    sentence_ends: tuple[int, ...]
    date_bound: str | None = None  # "on or after" when ``date`` only bounds publication

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding ``pos`` (the whole line when none)."""
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        if 0 <= i < len(self.sentence_ends) and pos < self.sentence_ends[i]:
            return self.sentence_starts[i], self.sentence_ends[i]
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        return start, len(self.text) if end < 0 else end

    def side(self, start: int, end: int, says: str) -> ConflictSide:
        """A side quoting exactly ``text[start:end]``."""
        return ConflictSide(
            doc=self.doc,
            start=start,
            end=end,
            text=self.text[start:end],
            date=self.date,
            lineage=self.lineage,
            says=says,
        )

    def named(self) -> str:
        """'The Daily Lantern (3 April 2025)' or 'X (undated)'."""
        if not self.date:
            return f"{self.name} (undated)"
        bound = f"{self.date_bound} " if self.date_bound else ""
        return f"{self.name} ({bound}{day_words(self.date)})"


def day_words(iso: str) -> str:
    """'2025-04-03' -> '3 April 2025' (a reader's date, not an ISO string)."""
    try:
        y, m, d = iso[:10].split("-")
        return f"{int(d)} {MONTH_NAMES[int(m) - 1]} {y}"
    except (ValueError, IndexError):
        return iso


def doc_infos(
    analyses: Sequence[DocumentAnalysis], lineages: Sequence[Lineage]
) -> dict[str, DocInfo]:
    """Every document's ``DocInfo``, keyed by document id."""
    index = lineage_of(lineages)
    out: dict[str, DocInfo] = {}
    for a in analyses:
        published = a.metadata.value("published")
        name = a.metadata.value("outlet") or a.metadata.value("title") or a.source
        lin = index.get(a.doc_id)
        sents = sorted((s.start, s.end) for s in a.sentences)
        out[a.doc_id] = DocInfo(
            doc=a.doc_id,
            text=a.text,
            date=published[:10] if published else None,
            name=str(name).rsplit("/", 1)[-1] if name == a.source else str(name),
            lineage=lin.id if lin is not None else a.doc_id,
            sentence_starts=tuple(s for s, _ in sents),
            sentence_ends=tuple(e for _, e in sents),
            date_bound=a.metadata.date_bound() if published else None,
        )
    return out
