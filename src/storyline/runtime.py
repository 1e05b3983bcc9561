"""Process-level tuning for bulk runs: the garbage collector and spaCy's import.

Two fixed costs that have nothing to do with the analysis itself, measured on
300 real articles (docs/accuracy.md, "Speed and memory", session 13):

* **The cyclic garbage collector.** CPython's default thresholds (700, 10, 10)
  start a young collection every 700 net allocations and a full one every
  hundred of those. A run holds a spaCy model, the gazetteer and the analyses
  of the batch, so each full collection walks millions of objects: 13 of them
  took 2.6 s of a 45 s ``analyze``. ``bulk_gc`` raises the thresholds for the
  duration of a bulk call and puts them back after. Cycles are still
  collected (memory stays bounded; peak RSS was the same or lower), just
  less often.
* **torch, imported by thinc for nothing.** ``thinc.compat`` imports torch
  when it is installed (the ``accurate`` extra installs it) to offer its
  PyTorch wrappers, which Storyline never uses: its accurate profile calls
  torch directly. That import costs about 1.1 s per process.
  ``spacy_without_torch`` imports thinc while torch is hidden, then unhides
  it, so a later ``import torch`` (the accurate profile) works as usual.
"""

from __future__ import annotations

import gc
import importlib.util
import sys
from collections.abc import Iterator
from contextlib import contextmanager

#: Young-generation threshold and the two older ones for bulk work.
BULK_GC_THRESHOLDS = (50_000, 20, 20)

#: Packages that use thinc's torch wrappers: when one is installed, thinc must
#: see torch, so ``spacy_without_torch`` leaves the import alone.
THINC_TORCH_USERS = ("spacy_transformers", "spacy_curated_transformers", "spacy_llm")


@contextmanager
def bulk_gc(thresholds: tuple[int, int, int] = BULK_GC_THRESHOLDS) -> Iterator[None]:
    """Raise the collector's thresholds inside the block; nested use is a no-op
    (the outer block restores the caller's thresholds)."""
    old = gc.get_threshold()
    if old[0] >= thresholds[0]:
        yield
        return
    gc.set_threshold(*thresholds)
    try:
        yield
    finally:
        gc.set_threshold(*old)


def spacy_without_torch() -> bool:
    """Import thinc with torch hidden, if nothing needs thinc to see torch.

    Returns True when thinc was imported this way. It does nothing (False)
    when thinc or torch is already imported, or a package that uses thinc's
    torch wrappers is installed. Called by the CLI before a command parses
    text, not on ``import storyline``: a library user's process is theirs.
    """
    if "thinc" in sys.modules or "torch" in sys.modules:
        return False
    if any(importlib.util.find_spec(name) is not None for name in THINC_TORCH_USERS):
        return False
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` fail
    try:
        import thinc.compat  # noqa: F401 - decides has_torch once, now
    finally:
        del sys.modules["torch"]
    return True
