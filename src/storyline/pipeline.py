"""The per-document pure function and its batched and parallel drivers.

``analyze(raw) -> DocumentAnalysis`` touches no database and no shared state,
so the same function runs in-process, in a process pool, or on Spark and
gives the same result. The steps are named and swappable (spaCy-style):
``clean`` (boilerplate and metadata), ``nlp`` (parse), ``spun`` (detect
machine-spun wording; when a document is spun, its repaired view is parsed
and every later extractor works on that, with offsets mapped back), then
each extractor named in ``EXTRACTORS``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from storyline import clean as clean_stage
from storyline import nlp as nlp_stage
from storyline.despin import Despun, despin
from storyline.extract.integrity import detect_machine_translation, infer_original_outlet
from storyline.extract.mentions import extract_mentions
from storyline.extract.quotes import extract_quotes
from storyline.extract.roles import extract_roles
from storyline.model import DocumentAnalysis, Metadata, ParsedDocument, RawDocument, Span
from storyline.settings import Settings

log = logging.getLogger(__name__)

# Bump when any step's output changes: stored analyses with another version
# are recomputed on the next ingest.
PIPELINE_VERSION = "5"

Extractor = Callable[[ParsedDocument], Any]
SpunDetector = Callable[[ParsedDocument, str], Despun]

#: name -> (extractor, where its result goes: a DocumentAnalysis field, or
#: "integrity.<key>" for a per-document integrity finding; None is not stored)
EXTRACTORS: dict[str, tuple[Extractor, str]] = {
    "mentions": (extract_mentions, "mentions"),
    "quotes": (extract_quotes, "quotes"),
    "roles": (extract_roles, "roles"),
    "machine_translated": (detect_machine_translation, "integrity.machine_translated"),
    "original_outlet": (infer_original_outlet, "integrity.original_outlet"),
}


@dataclass
class Pipeline:
    """A configured per-document pipeline. Holds the model; picklable settings only."""

    settings: Settings
    extractors: dict[str, tuple[Extractor, str]] = field(default_factory=lambda: dict(EXTRACTORS))
    spun_detector: SpunDetector | None = despin  # None: skip spin detection and repair

    @property
    def nlp(self) -> Any:
        return nlp_stage.load_nlp(self.settings.model, self.settings.ner)

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
        clean_errors: dict[str, str] = {}
        for raw in batch:
            try:
                cleaned.append(clean_stage.clean(raw, self.settings))
            except Exception as exc:  # a bug on one document must not lose the batch
                cleaned.append(([], Metadata(url=raw.url)))
                clean_errors[raw.id] = f"clean: {exc.__class__.__name__}: {exc}"
                _note(raw, "clean", exc)
        masked = [
            nlp_stage.mask(raw.text, spans) for raw, (spans, _) in zip(batch, cleaned, strict=True)
        ]
        docs = nlp_stage.parse(self.nlp, masked, batch_size=self.settings.batch_size)
        for raw, (spans, metadata), text, doc in zip(batch, cleaned, masked, docs, strict=True):
            analysis = self._finish(raw, spans, metadata, doc, text)
            if raw.id in clean_errors:
                analysis.errors.insert(0, clean_errors[raw.id])
            yield analysis

    def _finish(
        self, raw: RawDocument, spans: list[Span], metadata: Metadata, doc: Any, masked: str
    ) -> DocumentAnalysis:
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
        parsed = ParsedDocument(raw=raw, spans=analysis.spans, metadata=metadata, doc=doc)
        parsed = self._despin(parsed, analysis, masked)
        for name, (extractor, target) in self.extractors.items():
            try:
                result = extractor(parsed)
            except Exception as exc:
                analysis.errors.append(f"{name}: {exc.__class__.__name__}: {exc}")
                _note(raw, name, exc)
                continue
            if target.startswith("integrity."):
                if result is not None:
                    analysis.integrity[target.removeprefix("integrity.")] = result
            else:
                setattr(analysis, target, result)
        return analysis

    def _despin(
        self, parsed: ParsedDocument, analysis: DocumentAnalysis, masked: str
    ) -> ParsedDocument:
        """Run the despin stage; for a repaired document, parse its repaired view instead."""
        if self.spun_detector is None:
            return parsed
        try:
            found = self.spun_detector(parsed, masked)
        except Exception as exc:
            analysis.errors.append(f"spun: {exc.__class__.__name__}: {exc}")
            _note(parsed.raw, "spun", exc)
            return parsed
        analysis.integrity["spun"] = found.summary
        analysis.spans.extend(found.spans)
        if found.repaired is None:
            return parsed
        return ParsedDocument(
            raw=parsed.raw,
            spans=analysis.spans,
            metadata=parsed.metadata,
            doc=next(nlp_stage.parse(self.nlp, [found.repaired])),
            offset_map=found.offset_map,
        )


def _note(raw: RawDocument, step: str, exc: Exception) -> None:
    # The analysis records a one-line error for the user (the CLI prints it as a
    # warning); the traceback is for debugging, at DEBUG level.
    log.debug("%s failed on %s", step, raw.source, exc_info=exc)


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
