"""One document's analysis (what crosses process boundaries and is stored) and
what extractors receive."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any, get_args, get_origin, get_type_hints

from storyline.model.base import OUTPUT_RECORDS
from storyline.model.document import Metadata, RawDocument, Span
from storyline.model.records import Sentence

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
    doc: Any  # spacy.tokens.Doc; typed loosely so the model package does not import spaCy
    # When the document was machine-spun, ``doc`` parses the *repaired* text
    # and ``offset_map[i]`` is the original offset of repaired offset i
    # (length len(repaired) + 1). Extractors report original offsets through
    # ``original_span``; without a repair the map is None and offsets agree.
    offset_map: list[int] | None = None
    # Results of the extractors that ran before this one, by name: what an
    # extractor that declares ``needs=("mentions",)`` reads. Set by the
    # pipeline; extractors must not change it.
    results: dict[str, Any] = field(default_factory=dict)
    # Run options an extractor may read (``Settings.extractor_options``), e.g.
    # ``options["geonames"]``: a GeoNames dump path for the places extractor.
    # Set by the pipeline; they are part of the pipeline version.
    options: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The original document text (what all output offsets point into)."""
        return self.raw.text

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of ``doc.text`` to the original text."""
        if self.offset_map is None:
            return start, end
        return self.offset_map[start], self.offset_map[end]
