"""Base of every shared record: the JSON round trip and the output registry."""

from __future__ import annotations

import copy
import functools
import hashlib
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from typing import Any, TypeVar

SCHEMA = "storyline/1"


def content_id(data: bytes) -> str:
    """Stable document id from content bytes: re-ingesting the same bytes is a no-op."""
    return "d" + hashlib.sha256(data).hexdigest()[:16]


def from_known_keys(cls: type, data: dict[str, Any]) -> Any:
    """Build ``cls`` from ``data``, ignoring keys it does not have (older or newer data)."""
    names = _name_set(cls)
    return cls(**{k: v for k, v in data.items() if k in names})


#: Types ``copy.deepcopy`` returns as they are: ``as_dict`` skips the call.
_ATOMIC = frozenset({str, int, float, bool, type(None), bytes, complex})


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


@functools.cache
def _name_set(cls: type) -> frozenset[str]:
    """Field names per class, once: ``fields()`` on every record read was
    3% of a 1,000-article run."""
    return frozenset(_field_names(cls))


def as_dict(obj: Any) -> Any:
    """``dataclasses.asdict(obj)``, the same result, several times faster.

    Why: building a 300-document dossier spent a third of its time in
    ``asdict`` (a ``fields()`` call per object, a ``deepcopy`` per leaf). Here
    field names are cached per class and atomic leaves, which ``deepcopy``
    returns unchanged, are returned directly; anything else is still
    deep-copied, so the result shares nothing mutable with ``obj``.
    """
    kind = type(obj)
    if kind in _ATOMIC:
        return obj
    if kind is list:
        return [as_dict(v) for v in obj]
    if kind is dict:
        return {as_dict(k): as_dict(v) for k, v in obj.items()}
    if is_dataclass(obj) and not isinstance(obj, type):
        return {name: as_dict(getattr(obj, name)) for name in _field_names(kind)}
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return kind(*[as_dict(v) for v in obj])
    if isinstance(obj, (list, tuple)):
        return kind(as_dict(v) for v in obj)
    if isinstance(obj, dict):
        return kind((as_dict(k), as_dict(v)) for k, v in obj.items())
    return copy.deepcopy(obj)


class Record:
    """Base of the plain records extractors return: a generic JSON round trip.

    ``to_dict`` is ``dataclasses.asdict``; ``from_dict`` ignores keys the
    record does not have (older or newer stored analyses still load).
    """

    def to_dict(self) -> dict[str, Any]:
        return as_dict(self)  # type: ignore[no-any-return]

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
