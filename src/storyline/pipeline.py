"""The per-document pure function and its batched and parallel drivers.

``analyze(raw) -> DocumentAnalysis`` touches no database and no shared state,
so the same function runs in-process, in a process pool, or on Spark and
gives the same result. The steps are named and swappable (spaCy-style):
``clean`` (boilerplate and metadata), ``nlp`` (parse), then each extractor
named in ``EXTRACTORS``.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from storyline import clean as clean_stage
from storyline import nlp as nlp_stage
from storyline.extract.mentions import extract_mentions
from storyline.model import DocumentAnalysis, Metadata, ParsedDocument, RawDocument, Span
from storyline.settings import Settings

# Bump when any step's output changes: stored analyses with another version
# are recomputed on the next ingest.
PIPELINE_VERSION = "1"

Extractor = Callable[[ParsedDocument], list[Any]]

#: name -> (extractor, the DocumentAnalysis field its records go to)
EXTRACTORS: dict[str, tuple[Extractor, str]] = {
    "mentions": (extract_mentions, "mentions"),
}


@dataclass
class Pipeline:
    """A configured per-document pipeline. Holds the model; picklable settings only."""

    settings: Settings
    extractors: dict[str, tuple[Extractor, str]] = field(default_factory=lambda: dict(EXTRACTORS))

    @property
    def nlp(self) -> Any:
        return nlp_stage.load_nlp(self.settings.model)

    def analyze(self, raw: RawDocument) -> DocumentAnalysis:
        """Analyse one document (the pure per-document function)."""
        return next(iter(self.analyze_many([raw])))

    def analyze_many(self, raws: Iterable[RawDocument]) -> Iterator[DocumentAnalysis]:
        """Analyse documents in ``nlp.pipe`` batches; results come back in input order."""
        it = iter(raws)
        while batch := list(islice(it, self.settings.batch_size)):
            yield from self._analyze_batch(batch)

    def _analyze_batch(self, batch: Sequence[RawDocument]) -> Iterator[DocumentAnalysis]:
        cleaned: list[tuple[list[Span], Metadata]] = []
        for raw in batch:
            try:
                cleaned.append(clean_stage.clean(raw, self.settings))
            except Exception as exc:  # a bug on one document must not lose the batch
                cleaned.append(([], Metadata(url=raw.url)))
                _note(raw, "clean", exc)
        masked = [
            nlp_stage.mask(raw.text, spans) for raw, (spans, _) in zip(batch, cleaned, strict=True)
        ]
        docs = nlp_stage.parse(self.nlp, masked, batch_size=self.settings.batch_size)
        for raw, (spans, metadata), doc in zip(batch, cleaned, docs, strict=True):
            yield self._finish(raw, spans, metadata, doc)

    def _finish(self, raw: RawDocument, spans: list[Span], metadata: Metadata, doc: Any):
        analysis = DocumentAnalysis(
            doc_id=raw.id,
            pipeline_version=PIPELINE_VERSION,
            text=raw.text,
            source=raw.source,
            format=raw.format,
            metadata=metadata,
            spans=spans,
            sentences=nlp_stage.sentences(doc),
            n_tokens=nlp_stage.token_count(doc),
            external_id=raw.external_id,
            dct=raw.dct,
        )
        parsed = ParsedDocument(raw=raw, spans=spans, metadata=metadata, doc=doc)
        for name, (extractor, target) in self.extractors.items():
            try:
                setattr(analysis, target, extractor(parsed))
            except Exception as exc:
                analysis.errors.append(f"{name}: {exc.__class__.__name__}: {exc}")
                _note(raw, name, exc)
        return analysis


def _note(raw: RawDocument, step: str, exc: Exception) -> None:
    # Kept on stderr for debugging; the analysis records the error for the user.
    traceback.print_exception(exc, limit=3)


def analyze(raw: RawDocument, settings: Settings | None = None) -> DocumentAnalysis:
    """The per-document pure function: one document in, its analysis out."""
    return Pipeline(settings or Settings()).analyze(raw)


# ----------------------------------------------------------- process pool


def _worker_analyze(args: tuple[Settings, list[RawDocument]]) -> list[DocumentAnalysis]:
    settings, raws = args
    return list(Pipeline(settings).analyze_many(raws))


def analyze_parallel(
    raws: Sequence[RawDocument], settings: Settings, processes: int | None = None
) -> Iterator[DocumentAnalysis]:
    """Run the same pure function in a process pool (one model load per worker).

    Results come back in input order, identical to in-process analysis.
    """
    processes = processes or settings.processes
    if processes <= 1 or len(raws) <= settings.batch_size:
        yield from Pipeline(settings).analyze_many(raws)
        return
    size = settings.batch_size
    chunks = [list(raws[i : i + size]) for i in range(0, len(raws), size)]
    with ProcessPoolExecutor(max_workers=processes) as pool:
        for result in pool.map(_worker_analyze, [(settings, c) for c in chunks]):
            yield from result
