"""Data types every pipeline stage shares.

Stages talk to each other only through these records, so any stage can be
swapped, run in another process, or (once built) on Spark without the others noticing.
All records are plain dataclasses that round-trip through JSON (``to_dict`` /
``from_dict``), because analyses cross process boundaries and are stored in
the workspace as JSON.

Offsets are always Python string indices into ``Document.text`` (end
exclusive). The text itself is never rewritten.

One module per kind of record: ``base`` (the round trip and the output
registry), ``document`` (read and clean), ``records`` (per-document records of
the nlp stage and the extractors; a new extractor's record type goes there or
in a module of its own imported below), ``analysis`` (``DocumentAnalysis``,
``ParsedDocument``), ``events`` (``Event`` per document, ``EventGroup``
across documents), ``claims`` (cross-document claims and their statements),
``places`` (geocoded place mentions), ``nominals`` (descriptions linked to a
named person), ``quantities`` (numbers), ``stories`` (documents grouped by story), ``partition``
(digests and parts of a corpus fused part by part) and ``fused``
(cross-document results). Import from ``storyline.model``: every name is here.
"""

from __future__ import annotations

from storyline.model.analysis import DocumentAnalysis, ParsedDocument
from storyline.model.base import (
    OUTPUT_RECORDS,
    SCHEMA,
    Record,
    content_id,
    from_known_keys,
    output_record,
)
from storyline.model.brief import Brief, CitedSentence, PlayItem
from storyline.model.claims import ASSERTER_KINDS, CLAIM_KINDS, POLARITIES, Claim, ClaimStatement
from storyline.model.conflicts import CONFLICT_KINDS, Conflict, ConflictSide
from storyline.model.document import Evidence, Metadata, RawDocument, ReadError, Span
from storyline.model.events import MODALITIES, Event, EventGroup
from storyline.model.forecasts import EVIDENCE_RELATIONS, FORECAST_STATUSES, Forecast
from storyline.model.fused import (
    CopyLink,
    Entity,
    EntityMention,
    Fused,
    Lineage,
    QuoteGroup,
    SharedPassage,
)
from storyline.model.nominals import NominalMention
from storyline.model.partition import Digest, Partition
from storyline.model.places import Place
from storyline.model.quantities import Quantity
from storyline.model.records import Mention, Quote, Role, Sentence, Timex
from storyline.model.stories import DevelopingStory, Story

__all__ = [
    "Story",
    "DevelopingStory",
    "Digest",
    "Partition",
    "Brief",
    "CitedSentence",
    "PlayItem",
    "OUTPUT_RECORDS",
    "SCHEMA",
    "MODALITIES",
    "EVIDENCE_RELATIONS",
    "FORECAST_STATUSES",
    "CONFLICT_KINDS",
    "CLAIM_KINDS",
    "POLARITIES",
    "ASSERTER_KINDS",
    "Claim",
    "ClaimStatement",
    "Conflict",
    "ConflictSide",
    "CopyLink",
    "DocumentAnalysis",
    "Entity",
    "Event",
    "EventGroup",
    "EntityMention",
    "Forecast",
    "Evidence",
    "Fused",
    "Lineage",
    "Mention",
    "Metadata",
    "NominalMention",
    "ParsedDocument",
    "Place",
    "Quantity",
    "Quote",
    "RawDocument",
    "ReadError",
    "Record",
    "Role",
    "Sentence",
    "SharedPassage",
    "Span",
    "Timex",
    "QuoteGroup",
    "content_id",
    "from_known_keys",
    "output_record",
]
