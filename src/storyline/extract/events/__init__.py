"""Coded political events: who did what to whom, where and when (PLOVER types).

One public function, ``extract_events(parsed) -> list[Event]`` (the extractor
``events``), in ``extract.py``. Triggers and their PLOVER types are data in
``lexicon.py``; ``triggers.py`` finds them in the parse, ``syntax.py`` reads
actors, recipients, place, modality and the reporting source off the tree.
"""

from __future__ import annotations

from storyline.extract.events.extract import extract_events

__all__ = ["extract_events"]
