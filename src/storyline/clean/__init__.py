"""The ``clean`` stage: stand-off boilerplate marking and metadata from the text.

``clean(raw, settings)`` never changes ``raw.text``. It returns spans over it
(``kind="boilerplate"`` with ``rule`` and ``attrs["category"]``, one per
boilerplate line, and ``kind="title"`` for the headline line) and a
:class:`~storyline.model.Metadata` whose every value carries its evidence.

Modules: ``rules`` (boilerplate rules as data), ``boilerplate`` (line
matcher), ``dates`` (datelines), ``metadata`` (title, outlet, url),
``language`` (lingua).
"""

from __future__ import annotations

from storyline.clean.boilerplate import mark_boilerplate
from storyline.clean.dates import find_published
from storyline.clean.language import detect_language
from storyline.clean.metadata import find_outlet, find_title, find_title_span
from storyline.model import Metadata, RawDocument, Span
from storyline.settings import Settings

__all__ = ["clean"]


def clean(raw: RawDocument, settings: Settings) -> tuple[list[Span], Metadata]:
    """Boilerplate and title spans over ``raw.text``, and the document's metadata."""
    text = raw.text
    spans = mark_boilerplate(text)
    title_span = find_title_span(text, spans, raw)
    metadata = Metadata(
        title=find_title(text, spans, raw, title_span),
        outlet=find_outlet(text, spans, raw),
        published=find_published(text, spans, raw),
        language=detect_language(text, spans, settings.languages),
        url=raw.url,
    )
    if title_span is not None:
        spans = sorted([*spans, title_span], key=lambda s: (s.start, s.kind))
    return spans, metadata
