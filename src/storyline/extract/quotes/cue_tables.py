"""The learned cue tables: ``cue_lexicon.tsv`` and ``cue_frames.tsv`` beside this module.

Learned from PolNeAR train by ``tools/train/learn_cue_lexicon.py``; the training
of the filter (``tools/train/train_quote_filter.py``) swaps in tables learned
without the held-out fold through ``use_tables``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

LEXICON_PATH = Path(__file__).with_name("cue_lexicon.tsv")
FRAMES_PATH = Path(__file__).with_name("cue_frames.tsv")

Lexicon = dict[tuple[str, str], dict[str, float]]
Frames = dict[tuple[str, str], dict[str, tuple[float, int]]]

#: Tables set by ``use_tables`` (training: the tables learned without the
#: held-out fold), else the shipped files.
_TABLES: list[tuple[Lexicon, Frames]] = []


def use_tables(lexicon: Lexicon | None, frames: Frames | None = None) -> None:
    """Use these learned tables instead of the shipped ones (None: shipped)."""
    _TABLES.clear()
    if lexicon is not None:
        _TABLES.append((lexicon, frames or {}))


def cue_lexicon() -> Lexicon:
    """(lemma, pos) -> {"p", "p_clause", "n", "n_clause"}: the learned cue lexicon."""
    return _TABLES[-1][0] if _TABLES else _shipped_lexicon()


def cue_frames() -> Frames:
    """(lemma, pos) -> {frame: (p, n_hit)}: the learned cue frames."""
    return _TABLES[-1][1] if _TABLES else _shipped_frames()


@lru_cache(maxsize=1)
def _shipped_lexicon() -> Lexicon:
    """The table of ``cue_lexicon.tsv``."""
    out: Lexicon = {}
    if not LEXICON_PATH.exists():
        return out
    lines = LEXICON_PATH.read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        parts = line.split("\t")
        if len(parts) < 8:
            continue
        lemma, pos, _n_cue, n, p, _n_cue_clause, n_clause, p_clause = parts[:8]
        out[(lemma, pos)] = {
            "p": float(p),
            "n": float(n),
            "p_clause": float(p_clause),
            "n_clause": float(n_clause),
        }
    return out


@lru_cache(maxsize=1)
def _shipped_frames() -> Frames:
    """The table of ``cue_frames.tsv``."""
    out: Frames = {}
    if not FRAMES_PATH.exists():
        return out
    for line in FRAMES_PATH.read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) < 6:
            continue
        lemma, pos, frame, n_hit, _n, p = parts[:6]
        out.setdefault((lemma, pos), {})[frame] = (float(p), int(n_hit))
    return out
