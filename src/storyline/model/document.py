"""What the read and clean stages hand on: raw documents, errors, spans, metadata."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storyline.model.base import as_dict, content_id, from_known_keys

# --------------------------------------------------------------------- read


@dataclass
class RawDocument:
    """One article as read from its container, before any analysis.

    ``text`` is the article text Storyline analyses: exactly the given text
    for ``.txt`` and JSON input, the extracted article text for HTML, feeds
    and WARC. ``raw`` is the bytes the document came from (the file, the JSON
    line, the WARC payload) and ``id`` is their content hash. Metadata here is
    only what the container states (HTML meta tags, JSON fields, feed
    entries); what the text itself says is found by ``clean``.
    """

    id: str
    source: str
    text: str
    raw: bytes
    format: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    dct: str | None = None
    language: str | None = None
    external_id: str | None = None

    @classmethod
    def create(cls, source: str, text: str, raw: bytes, format: str, **meta: Any) -> RawDocument:
        return cls(id=content_id(raw), source=source, text=text, raw=raw, format=format, **meta)


@dataclass
class ReadError:
    """A file or record that could not be read, with a reason a user can act on."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        return as_dict(self)


# ------------------------------------------------------------ annotations


@dataclass
class Span:
    """A stand-off annotation over ``Document.text``.

    ``kind`` says what the span is ("boilerplate", "title", "dateline",
    "masthead", "spun", ...); ``rule`` names the rule or component that made
    it so a user can see *why*; ``attrs`` carries kind-specific details (for
    a spun word, its suggested repair).
    """

    start: int
    end: int
    kind: str
    rule: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"start": self.start, "end": self.end, "kind": self.kind}
        if self.rule:
            d["rule"] = self.rule
        d.update(self.attrs)
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        base = {"start", "end", "kind", "rule"}
        return cls(
            start=data["start"],
            end=data["end"],
            kind=data["kind"],
            rule=data.get("rule"),
            attrs={k: v for k, v in data.items() if k not in base},
        )


@dataclass
class Evidence:
    """Where in the text a metadata value comes from, and how strongly."""

    value: str | None
    method: str  # "dateline", "masthead", "source-line", "html-meta", "json", "url", ...
    start: int | None = None
    end: int | None = None
    inferred: bool = False
    #: 0..1, a documented per-method constant (not calibrated); ``None`` (not
    #: written) for stated values: datelines and container metadata.
    confidence: float | None = None

    @property
    def lower_bound(self) -> bool:
        """The value only bounds the truth from below ("publication at or after")."""
        return self.method.endswith("(publication at or after)")

    @property
    def bound(self) -> bool:
        """The value only bounds the truth, from below or above ("at or before"):
        not a date to resolve "on Sunday" against."""
        return self.lower_bound or self.method.endswith("(publication at or before)")

    def to_dict(self) -> dict[str, Any]:
        d = as_dict(self)
        if d["confidence"] is None:
            del d["confidence"]
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Evidence | None:
        return None if data is None else from_known_keys(cls, data)


@dataclass
class Metadata:
    """What is known about a document, each value with its evidence.

    Unknown stays ``None``: no guesses presented as facts.
    """

    title: Evidence | None = None
    outlet: Evidence | None = None
    published: Evidence | None = None
    language: Evidence | None = None
    url: str | None = None

    def value(self, name: str) -> str | None:
        ev = getattr(self, name)
        return ev.value if isinstance(ev, Evidence) else ev

    def date_bound(self) -> str | None:
        """ "on or after" / "on or before" when the publication date only bounds
        the truth (a date read from a quoted post), else None: readers must not
        see such a date as the day of publication."""
        ev = self.published
        if ev is None or not ev.value or not ev.bound:
            return None
        return "on or after" if ev.lower_bound else "on or before"

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title.to_dict() if self.title else None,
            "outlet": self.outlet.to_dict() if self.outlet else None,
            "published": self.published.to_dict() if self.published else None,
            "language": self.language.to_dict() if self.language else None,
            "url": self.url,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Metadata:
        return cls(
            title=Evidence.from_dict(data.get("title")),
            outlet=Evidence.from_dict(data.get("outlet")),
            published=Evidence.from_dict(data.get("published")),
            language=Evidence.from_dict(data.get("language")),
            url=data.get("url"),
        )


# ------------------------------------------------------------------- nlp
