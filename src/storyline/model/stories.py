"""Stories: documents grouped as reports of one real-world story (``storyline.fuse.stories``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storyline.model.base import Record


@dataclass
class Story(Record):
    """One story and the documents that report it.

    ``title`` is the title (or, without one, the first line) of the story's
    first document in publication order; ``title_span`` points to it in that
    document's text when it was read from the text (None for container
    metadata). ``first`` / ``last`` are the earliest and latest publication
    days of its documents (None when none is dated). ``entities`` are the
    fused entities most of its documents name: ``{"id", "name", "docs"}``.
    ``cohesion`` is the mean similarity with which documents joined it (1.0
    for a one-document story): low values mean a loose grouping.
    ``joins`` holds each document's join score, aligned with ``documents``
    (1.0 for the one that started the story); ``similar`` lists other stories
    a document came close to joining (``{"story", "score"}``, best first):
    the same kind of story, judged a different one. ``developing`` is the id
    of the developing story it belongs to (``DevelopingStory``).
    ``summary`` and ``brief`` are the story's brief (``storyline.fuse.brief``,
    records in ``storyline.model.brief``): cited summary sentences, and the
    headline, state of play and sources (None until the brief is built).
    """

    id: str
    title: str
    documents: list[str]
    title_span: dict[str, Any] | None = None
    first: str | None = None
    last: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    cohesion: float = 1.0
    summary: list[dict[str, Any]] = field(default_factory=list)
    brief: dict[str, Any] | None = None
    brief_stories: list[str] = field(default_factory=list)
    joins: list[float] = field(default_factory=list)
    similar: list[dict[str, Any]] = field(default_factory=list)
    developing: str | None = None


@dataclass
class DevelopingStory(Record):
    """Event-level stories that tell one larger story over time
    (``storyline.fuse.stories_developing``): a war, an oil spill, an election.

    ``stories`` are its event-level story ids in order of their first day,
    ``documents`` every document of them (in that order), ``links`` each
    story's mean link score to its other stories (1.0 when it is alone). ``title``,
    ``title_span``, ``first``, ``last``, ``summary`` and ``brief`` mean what
    they mean on ``Story``; the brief is written over the documents of
    ``brief_stories``, its firmly linked stories (``fuse.brief.brief_stories``):
    the others are loosely linked, listed but kept out of the brief.
    """

    id: str
    title: str
    stories: list[str]
    documents: list[str]
    title_span: dict[str, Any] | None = None
    first: str | None = None
    last: str | None = None
    links: list[float] = field(default_factory=list)
    summary: list[dict[str, Any]] = field(default_factory=list)
    brief: dict[str, Any] | None = None
    brief_stories: list[str] = field(default_factory=list)
