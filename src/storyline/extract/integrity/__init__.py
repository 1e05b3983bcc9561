"""Integrity detectors: per-document findings about where a text comes from.

Each detector reads a ``ParsedDocument`` and returns a plain record that the
pipeline stores under ``DocumentAnalysis.integrity``:

- ``detect_machine_translation`` (:mod:`.translation`, cues in
  :mod:`.translation_rules`): evidence that the text is a machine translation;
- ``infer_original_outlet`` (:mod:`.outlet`, evidence in :mod:`.outlet_evidence`,
  patterns in :mod:`.outlet_rules`, known outlets in ``storyline/outlets.tsv``):
  which outlet the reporting originally comes from, re-post evidence and
  interview channels.

Machine-spun wording is not detected here: it is the ``despin`` stage
(:mod:`storyline.despin`), which runs before every extractor so that they all
read the repaired text of a spun document.
"""

from __future__ import annotations

from storyline.extract.integrity.outlet import infer_original_outlet
from storyline.extract.integrity.translation import detect_machine_translation

__all__ = ["detect_machine_translation", "infer_original_outlet"]
