"""A list of JSON records kept compressed, decoded one at a time on access.

The dossier's ``documents`` section is the largest part of the dossier in
memory: every document's text, spans, sentences and mentions as dicts (for
1,000 articles about 14 MB of JSON, several times that as Python objects),
and it grows with the corpus. ``SpilledList`` keeps each record as
zlib-compressed JSON (about a fifth of the JSON's size) and decodes a record
only while a reader looks at it, so validating, rendering, storing and
writing the dossier hold one document at a time.

It is a ``list`` subclass so that code that checks ``isinstance(x, list)``
(the compiled schema validator, the renderers) reads it unchanged. Every
``list`` method reads and writes decoded records (iteration, indexing,
slicing, ``in``, ``index``, ``reversed``, ``+``, ``append``, ``pop``, ...). Items
fetched by index are kept decoded until ``settle()`` (so an in-place edit of
``docs[i]`` such as pruning an invalid span is not lost) and then packed
again; after that the list is settled: ``docs[i]`` gives a fresh copy each
time (nothing accumulates while renderers read it) and a record is changed
only by assigning it (``docs[i] = record``). ``json.dump`` and
``json.dumps`` write the decoded records (``tests/report/test_report_spill.py``).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator
from typing import Any, SupportsIndex

#: zlib level: 1 packs at several times the speed of the default for ~10% more bytes.
LEVEL = 1


def pack(record: Any) -> bytes:
    """The stored form of one record: compressed compact JSON."""
    return zlib.compress(json.dumps(record, ensure_ascii=False).encode("utf-8"), LEVEL)


def unpack(data: bytes) -> Any:
    """The record ``pack`` stored."""
    return json.loads(zlib.decompress(data))


class SpilledList(list):  # type: ignore[type-arg]
    """A list of JSON-ready records stored packed (see the module docstring)."""

    def __init__(self, records: Iterable[Any] = ()) -> None:
        super().__init__(pack(r) for r in records)
        self._touched: dict[int, Any] = {}
        self._settled = False

    def append(self, record: Any) -> None:  # type: ignore[override]
        """Pack and add one record (the way a stream of documents fills it)."""
        super().append(pack(record))

    def _get(self, i: int) -> Any:
        if i in self._touched:
            return self._touched[i]
        return unpack(super().__getitem__(i))

    def __iter__(self) -> Iterator[Any]:
        for i in range(len(self)):
            yield self._get(i)

    def __getitem__(self, index: SupportsIndex | slice) -> Any:  # type: ignore[override]
        if isinstance(index, slice):
            return [self._get(i) for i in range(*index.indices(len(self)))]
        i = index.__index__()
        i = i + len(self) if i < 0 else i
        if not 0 <= i < len(self):
            raise IndexError("list index out of range")
        if self._settled:
            return unpack(super().__getitem__(i))
        if i not in self._touched:
            self._touched[i] = unpack(super().__getitem__(i))
        return self._touched[i]

    def __setitem__(self, index: Any, value: Any) -> None:
        if isinstance(index, slice):
            self.settle()
            super().__setitem__(index, [pack(v) for v in value])
            return
        i = index.__index__()
        i = i + len(self) if i < 0 else i
        self._touched.pop(i, None)
        super().__setitem__(i, pack(value))

    def __delitem__(self, index: SupportsIndex | slice) -> None:  # type: ignore[override]
        self.settle()
        super().__delitem__(index)

    def extend(self, records: Iterable[Any]) -> None:  # type: ignore[override]
        for record in records:
            self.append(record)

    def __iadd__(self, records: Iterable[Any]) -> SpilledList:  # type: ignore[override]
        self.extend(records)
        return self

    def __add__(self, other: list[Any]) -> list[Any]:  # type: ignore[override]
        return [*self, *other]

    def insert(self, index: SupportsIndex, record: Any) -> None:
        self.settle()
        super().insert(index, pack(record))

    def pop(self, index: SupportsIndex = -1) -> Any:
        self.settle()
        return unpack(super().pop(index))

    def remove(self, record: Any) -> None:
        del self[self.index(record)]

    def sort(self, *, key: Any = None, reverse: bool = False) -> None:  # type: ignore[override]
        self[:] = sorted(self, key=key, reverse=reverse)

    def copy(self) -> list[Any]:  # type: ignore[override]
        return list(self)

    def __contains__(self, record: object) -> bool:
        return any(r == record for r in self)

    def __reversed__(self) -> Iterator[Any]:
        for i in range(len(self) - 1, -1, -1):
            yield self._get(i)

    def index(self, record: Any, *args: Any) -> int:  # type: ignore[override]
        for i in range(*slice(*args).indices(len(self))) if args else range(len(self)):
            if self._get(i) == record:
                return i
        raise ValueError(f"{record!r} is not in list")

    def count(self, record: Any) -> int:
        return sum(1 for r in self if r == record)

    def __mul__(self, n: SupportsIndex) -> list[Any]:  # type: ignore[override]
        return list(self) * n

    __rmul__ = __mul__

    def __imul__(self, n: SupportsIndex) -> SpilledList:  # type: ignore[override]
        self[:] = list(self) * n
        return self

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, list):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __ne__(self, other: object) -> bool:
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"SpilledList({len(self)} records)"

    def __reduce__(self) -> tuple[Any, ...]:
        return (SpilledList, (list(self),), {"_settled": self._settled})

    def settle(self) -> None:
        """Pack again the items fetched by index (and maybe edited), forget them,
        and from now on give fresh copies (see the module docstring)."""
        for i, record in self._touched.items():
            super().__setitem__(i, pack(record))
        self._touched.clear()
        self._settled = True

    def packed_bytes(self) -> int:
        """The bytes the packed records take (for benchmarks)."""
        return sum(len(super(SpilledList, self).__getitem__(i)) for i in range(len(self)))
