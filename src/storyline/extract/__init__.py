"""Per-document extractors: each a small module with one public function over a
``ParsedDocument`` returning plain records. ``EXTRACTORS`` names them in the
order the pipeline runs them; later stages (quotes, times, numbers, places,
events) add rows here."""
