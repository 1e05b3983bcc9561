"""Data types every pipeline stage shares.

Stages talk to each other only through these records, so any stage can be
swapped, run in another process, or (once built) on Spark without the others noticing.
All records are plain dataclasses that round-trip through JSON (``to_dict`` /
``from_dict``), because analyses cross process boundaries and are stored in
the workspace as JSON.

Offsets are always Python string indices into ``Document.text`` (end
exclusive). The text itself is never rewritten.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from functools import cache
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

SCHEMA = "storyline/1"


def content_id(data: bytes) -> str:
    """Stable document id from content bytes: re-ingesting the same bytes is a no-op."""
    return "d" + hashlib.sha256(data).hexdigest()[:16]


def _from_dict(cls: type, data: dict[str, Any]) -> Any:
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


class Record:
    """Base of the plain records extractors return: a generic JSON round trip.

    ``to_dict`` is ``dataclasses.asdict``; ``from_dict`` ignores keys the
    record does not have (older or newer stored analyses still load).
    """

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Any:
        return _from_dict(cls, data)


#: Record list name (``DocumentAnalysis.outputs`` key) -> its record type.
OUTPUT_RECORDS: dict[str, type[Record]] = {}

R = TypeVar("R", bound=type[Record])


def output_record(name: str) -> Callable[[R], R]:
    """Class decorator: ``name`` is a per-document output whose items are this record.

    It is what lets ``DocumentAnalysis`` store, serialise and load an
    extractor's records without a field or code of its own.
    """

    def register(cls: R) -> R:
        prev = OUTPUT_RECORDS.get(name)
        if prev is not None and prev is not cls:
            raise ValueError(f"output {name!r} already has record type {prev.__name__}")
        OUTPUT_RECORDS[name] = cls
        return cls

    return register


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
        return asdict(self)


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
        d = asdict(self)
        if d["confidence"] is None:
            del d["confidence"]
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Evidence | None:
        return None if data is None else _from_dict(cls, data)


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


@dataclass
class Sentence(Record):
    start: int
    end: int


@output_record("mentions")
@dataclass
class Mention(Record):
    """A named-entity mention found in one document."""

    start: int
    end: int
    text: str
    label: str  # OntoNotes label: PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, ...
    sentence: int | None = None
    source: str = "ner"  # which component found it


@output_record("quotes")
@dataclass
class Quote(Record):
    """One attribution: who said (or thinks) what, with every part as a span.

    ``start``/``end`` cover the whole content; ``fragments`` its pieces when
    the attribution interrupts it ("X," he said. "Y.") or it runs over
    several paragraphs. ``speaker`` is the mention in the text (a name,
    pronoun, description, "a border guard"); ``speaker["antecedent"]`` is the
    mention a pronoun or description resolves to, and ``speaker["entity"]``
    the cross-document entity id once fusion has run. Unknown stays None.
    """

    id: str
    start: int
    end: int
    text: str
    kind: str  # "direct" | "indirect" | "mixed"
    fragments: list[dict[str, Any]] = field(default_factory=list)  # [{"start","end"}]
    speaker: dict[str, Any] | None = None  # {"text","start","end","kind","antecedent","entity"}
    cue: dict[str, Any] | None = None  # {"text","start","end","lemma"}
    channel: dict[str, Any] | None = None  # {"text","start","end"} "told Al Jazeera", ...
    when: dict[str, Any] | None = None  # {"text","start","end"} "on March 12"
    confidence: float = 1.0


@output_record("roles")
@dataclass
class Role(Record):
    """A title or role a document gives a person: "Deputy Defence Minister
    Viktor Gulevich", "the city's mayor Vadym Boychenko", "founder of the
    BY_help aid fund". Spans are offsets into the document text; the date is
    the document's, for a roles timeline across sources."""

    person: dict[str, Any]  # {"text","start","end"}: the name the role is attached to
    title: dict[str, Any]  # {"text","start","end"}: "Deputy Defence Minister", "mayor"
    org: dict[str, Any] | None = None  # {"text","start","end"}: "the BY_help aid fund"
    pattern: str = ""  # which rule found it


@output_record("timexes")
@dataclass
class Timex(Record):
    """A temporal expression (TimeML TIMEX3) with its value normalised against
    the document date: "Friday" in a past-tense sentence of a document dated
    2022-03-13 is ``2022-03-11``. ``value`` is None when it cannot be resolved
    (a relative expression in a document without a date): never guessed.
    ``anchor`` is the document date a relative value was computed from."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None  # ISO-8601 / TIMEX3: 2022-03-11, 2022-W10, P3Y, PT24H, PRESENT_REF
    anchor: str | None = None  # the document date used (relative values only)
    method: str = ""  # which rule row found it ("weekday", "clock", "ner", ...)
    resolved: bool = False


# -------------------------------------------------------------- analysis


@dataclass(init=False)
class DocumentAnalysis:
    """Everything the per-document pure function finds in one document.

    This is the unit that crosses process (and, once built, Spark) boundaries and is
    stored in the workspace; fusion reads only these.

    The core fields come from the clean and nlp stages. What registered
    extractors find is in ``outputs``: record lists under their output name
    (``outputs["quotes"]``, also readable as ``analysis.quotes`` and given to
    the constructor as ``quotes=[...]``; each name's record type is
    registered with ``@output_record``), and per-document integrity findings
    in ``integrity``. Serialisation is generic: a new extractor needs no
    field and no code here.
    """

    doc_id: str
    pipeline_version: str
    text: str
    source: str
    format: str
    metadata: Metadata
    spans: list[Span]
    sentences: list[Sentence]
    n_tokens: int
    external_id: str | None
    dct: str | None
    errors: list[str]  # non-fatal problems found while analysing
    # Per-document source-integrity findings, each a JSON-ready dict with its
    # evidence spans: "spun", "machine_translated", "original_outlet".
    # Fusion adds "copy_of" / "lineage" in the dossier.
    integrity: dict[str, Any]
    outputs: dict[str, list[Any]]

    def __init__(
        self,
        doc_id: str,
        pipeline_version: str,
        text: str,
        source: str,
        format: str,
        metadata: Metadata,
        spans: list[Span] | None = None,
        sentences: list[Sentence] | None = None,
        n_tokens: int = 0,
        external_id: str | None = None,
        dct: str | None = None,
        errors: list[str] | None = None,
        integrity: dict[str, Any] | None = None,
        outputs: dict[str, list[Any]] | None = None,
        **records: list[Any],
    ) -> None:
        self.doc_id = doc_id
        self.pipeline_version = pipeline_version
        self.text = text
        self.source = source
        self.format = format
        self.metadata = metadata
        self.spans = [] if spans is None else spans
        self.sentences = [] if sentences is None else sentences
        self.n_tokens = n_tokens
        self.external_id = external_id
        self.dct = dct
        self.errors = [] if errors is None else errors
        self.integrity = {} if integrity is None else integrity
        self.outputs = {} if outputs is None else outputs
        for name, items in records.items():
            if name not in OUTPUT_RECORDS:
                raise TypeError(f"DocumentAnalysis has no field or output named {name!r}")
            self.outputs[name] = items

    def __getattr__(self, name: str) -> list[Any]:
        # Only reached when ordinary lookup fails: ``analysis.quotes`` reads
        # ``outputs["quotes"]`` (empty when the extractor did not run or failed).
        outputs = self.__dict__.get("outputs")
        if outputs is not None and name in OUTPUT_RECORDS:
            return outputs.get(name, [])
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: core fields, then each record list under its output name."""
        out: dict[str, Any] = {}
        for f in fields(self):
            if f.name != "outputs":
                out[f.name] = _jsonable(getattr(self, f.name))
        for name, records in self.outputs.items():
            out[name] = _jsonable(records)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentAnalysis:
        """The inverse of ``to_dict``; a record list of no registered type stays as dicts."""
        values: dict[str, Any] = {}
        outputs: dict[str, list[Any]] = {}
        hints = _field_loaders(cls)
        for key, value in data.items():
            if key in hints:
                values[key] = hints[key](value)
            elif key != "outputs" and isinstance(value, list):
                rtype = OUTPUT_RECORDS.get(key)
                outputs[key] = [rtype.from_dict(v) for v in value] if rtype else list(value)
        return cls(**values, outputs=outputs)

    def spans_of(self, kind: str) -> list[Span]:
        return [s for s in self.spans if s.kind == kind]


def _jsonable(value: Any) -> Any:
    """Records and lists of records as JSON-ready data; anything else as it is."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


@cache
def _field_loaders(cls: type) -> dict[str, Callable[[Any], Any]]:
    """Per core field of ``cls``, how to rebuild it from JSON (from its type hint)."""
    loaders: dict[str, Callable[[Any], Any]] = {}
    for name, hint in get_type_hints(cls).items():
        if name == "outputs":
            continue
        loaders[name] = _loader(hint)
    return loaders


def _loader(hint: Any) -> Callable[[Any], Any]:
    if get_origin(hint) is list:
        (item,) = get_args(hint)
        if hasattr(item, "from_dict"):
            return lambda v: [item.from_dict(x) for x in v]
        return list
    if get_origin(hint) is dict:
        return dict
    if hasattr(hint, "from_dict"):
        return hint.from_dict
    return lambda v: v


# ---------------------------------------------------------------- fusion


@dataclass
class EntityMention:
    doc: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Entity:
    """One actor, place or organisation across all documents."""

    id: str
    name: str
    type: str
    aliases: list[dict[str, Any]] = field(default_factory=list)  # {"text", "count", "docs"}
    mentions: list[EntityMention] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": self.aliases,
            "roles": self.roles,
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass
class SharedPassage:
    """A passage two documents share: evidence that one copies the other."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class CopyLink:
    """``copy`` reproduces ``original`` (exactly, in part, spun or translated)."""

    copy: str  # doc id
    original: str  # doc id
    kind: str  # "exact" | "near-duplicate" | "excerpt" | "extended" | "reordered" | "spun" | ...
    similarity: float  # 0..1, how much of the copy is covered by the original
    passages: list[SharedPassage] = field(default_factory=list)
    reason: str = ""  # why this one is taken as the original (earlier date, ...)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["passages"] = [p.to_dict() for p in self.passages]
        return d


@dataclass
class Lineage:
    """A group of documents that all go back to one original: one independent source."""

    id: str
    original: str  # doc id of the earliest / original document
    documents: list[str]  # all members, original first
    links: list[CopyLink] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "original": self.original,
            "documents": self.documents,
            "links": [link.to_dict() for link in self.links],
        }


@dataclass
class QuoteGroup:
    """One statement as carried by every source that carries it (reprinted,
    translated or spun), so the dossier shows it once with all its sources."""

    id: str
    text: str  # the most complete wording (from an unspun source when there is one)
    speaker: str | None
    quotes: list[str]  # global quote ids "<doc id>:<quote id>"
    docs: list[str]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Fused:
    """The cross-document results, built from analyses only."""

    entities: list[Entity] = field(default_factory=list)
    lineages: list[Lineage] = field(default_factory=list)
    quote_groups: list[QuoteGroup] = field(default_factory=list)
    # global quote id "<doc id>:<quote id>" -> entity id of its speaker
    speaker_entities: dict[str, str] = field(default_factory=dict)
    # Cross-document sections of the dossier by name ("claims", "stories", …):
    # lists of records (``to_dict``) or dicts, copied into the dossier as they are.
    sections: dict[str, list[Any]] = field(default_factory=dict)


@dataclass
class ParsedDocument:
    """What every extractor receives: the document, its clean-stage results and its parse.

    ``doc`` is a spaCy ``Doc`` over a text of exactly the same length as
    ``text`` (boilerplate masked with spaces), so token offsets are offsets
    into ``text``. Extractors read it and return plain records.
    """

    raw: RawDocument
    spans: list[Span]
    metadata: Metadata
    doc: Any  # spacy.tokens.Doc; typed loosely so model.py does not import spaCy
    # When the document was machine-spun, ``doc`` parses the *repaired* text
    # and ``offset_map[i]`` is the original offset of repaired offset i
    # (length len(repaired) + 1). Extractors report original offsets through
    # ``original_span``; without a repair the map is None and offsets agree.
    offset_map: list[int] | None = None
    # Results of the extractors that ran before this one, by name: what an
    # extractor that declares ``needs=("mentions",)`` reads. Set by the
    # pipeline; extractors must not change it.
    results: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The original document text (what all output offsets point into)."""
        return self.raw.text

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of ``doc.text`` to the original text."""
        if self.offset_map is None:
            return start, end
        return self.offset_map[start], self.offset_map[end]
