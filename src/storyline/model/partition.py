"""Digests and partitions: how a corpus too large for one fusion is cut up (issue 17).

Fusion and the dossier hold every analysis of their documents in memory
(about 110 KB each), so above some thousands of documents the corpus is
fused part by part. A ``Digest`` is the little a planner needs of one
document (a few KB, made in one pass over the workspace and stored there);
a ``Partition`` is a set of documents fused and written together: copies and
documents of one developing story are kept in one partition wherever the
size cap allows, so what fusion links within a partition is what it would
have linked over the whole corpus.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storyline.model.base import Record


@dataclass
class Digest(Record):
    """What partition planning needs of one document, made from its analysis alone.

    ``date`` is the document's day (ISO, from its creation time or
    publication date; None when unknown). ``signature`` is a MinHash of the
    shingles copy detection compares (empty when the text is too short to
    have one). ``names`` are the normalised names of the entities it
    mentions (most mentioned first), ``terms`` its heaviest content lemmas:
    what story grouping compares. ``version`` says how the digest was made,
    so a stored one is remade when the code that makes it changes.
    """

    doc_id: str
    date: str | None = None
    title: str | None = None
    outlet: str | None = None
    n_tokens: int = 0
    signature: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    version: str = ""


@dataclass
class Partition(Record):
    """Documents fused and written together as one part of a paged dossier.

    ``id`` is stable for the same documents (a hash of the sorted ids), so a
    part whose documents did not change keeps its id and its written output
    can be reused. ``doc_ids`` are in ingest order; ``label`` names it for a
    reader (the title of its largest group's first document); ``first`` /
    ``last`` are its earliest and latest days. ``groups`` counts the story
    groups packed into it; ``split`` is True when a group (copies or one
    developing story) was larger than the cap and had to be cut by date.
    """

    id: str
    doc_ids: list[str]
    label: str = ""
    first: str | None = None
    last: str | None = None
    groups: int = 1
    split: bool = False
