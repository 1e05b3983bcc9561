"""Documents waiting for analysis, held as small stubs while a run reads its inputs.

``ingest`` reads every input before the analysis starts (the process pool
needs to know how many documents there are to cut its tasks). Holding each
``RawDocument`` whole until then kept every text and raw byte string of a
collection in memory (436 MB for a 200 MB JSONL file); both are in the
workspace already, stored as each document was read. So a run keeps a stub
per document (source and container metadata: what this reading of it says)
and fetches text and bytes back from the workspace one task at a time.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from typing import overload

from storyline.model import RawDocument
from storyline.store import Workspace


class PendingDocuments(Sequence[RawDocument]):
    """The documents of a run still to analyse, in reading order, their text
    and bytes read from the workspace when a task needs them.

    A ``Sequence``, so the process pool cuts it into tasks as it would a
    list; each item is the ``RawDocument`` the reader gave, unchanged.
    """

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.stubs: list[RawDocument] = []

    def append(self, raw: RawDocument) -> None:
        """Keep ``raw`` (already stored in the workspace) without its text and bytes."""
        self.stubs.append(dataclasses.replace(raw, text="", raw=b""))

    def __len__(self) -> int:
        return len(self.stubs)

    @overload
    def __getitem__(self, index: int) -> RawDocument: ...

    @overload
    def __getitem__(self, index: slice) -> list[RawDocument]: ...

    def __getitem__(self, index: int | slice) -> RawDocument | list[RawDocument]:
        if isinstance(index, slice):
            return [self.whole(stub) for stub in self.stubs[index]]
        return self.whole(self.stubs[index])

    def __iter__(self) -> Iterator[RawDocument]:
        for stub in self.stubs:
            yield self.whole(stub)

    def whole(self, stub: RawDocument) -> RawDocument:
        """The stub with its text and bytes back (the same content: the id is their hash)."""
        content = self.ws.document_content(stub.id)
        if content is None:  # never stored (cannot happen in ingest): nothing to analyse
            raise KeyError(f"document {stub.id} is not in the workspace")
        text, raw = content
        return dataclasses.replace(stub, text=text, raw=raw)
