"""Per-document extractors: each a small module (or subpackage) with one public
function over a ``ParsedDocument`` returning plain records, registered with
``@extractor(...)`` from ``storyline.extract.registry``. The pipeline runs
every registered extractor; ``docs/architecture.md`` ("Adding an extractor")
says what a new one takes."""
