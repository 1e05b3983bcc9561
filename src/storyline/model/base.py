"""Base of every shared record: the JSON round trip and the output registry."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import asdict, fields
from typing import Any, TypeVar

SCHEMA = "storyline/1"


def content_id(data: bytes) -> str:
    """Stable document id from content bytes: re-ingesting the same bytes is a no-op."""
    return "d" + hashlib.sha256(data).hexdigest()[:16]


def from_known_keys(cls: type, data: dict[str, Any]) -> Any:
    """Build ``cls`` from ``data``, ignoring keys it does not have (older or newer data)."""
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
        return from_known_keys(cls, data)


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
