"""The accurate profile's attribution tagger, model-free parts: words and
windows of a text, BIO labels over PolNeAR's three span kinds, and spans
(character offsets) back from the tags.

The tagger (``storyline.nlp.attribution_model``, trained by
``tools/train/attribution_transformer.py``) reads the raw text cut into
words by one regular expression and windows of whole lines (paragraphs),
the same cut in training and at run time, so no parse is needed to train
and offsets are always offsets into the text. Kept free of torch so it can
be tested without weights.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

KINDS = ("SOURCE", "CUE", "CONTENT")
#: BIO tags over the three kinds; the index is the classifier's output.
LABELS = ("O",) + tuple(f"{p}-{k}" for k in KINDS for p in ("B", "I"))
LABEL_INDEX = {label: i for i, label in enumerate(LABELS)}
#: A token's role (the accurate filter's ``TAG_CLASSES``: O, cue, source,
#: content) for each BIO label: B- and I- of a kind are one role.
ROLE_CLASSES = ("O", "cue", "source", "content")
LABEL_ROLE = tuple(0 if lab == "O" else ROLE_CLASSES.index(lab[2:].lower()) for lab in LABELS)

# A word: a run of letters/digits (with inner apostrophes), or one other
# non-space character (quotation marks and dashes matter to attribution).
WORD = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
# Words per window: a longer line is cut after a sentence end where one
# falls in the second half of the window, else at the limit.
WINDOW_WORDS = 110
SENTENCE_END = frozenset({".", "?", "!"})

Word = tuple[int, int]  # start, end character offsets


@dataclass(frozen=True)
class Window:
    """Consecutive words of one line: their character offsets."""

    words: tuple[Word, ...]

    @property
    def start(self) -> int:
        """Offset of the first character."""
        return self.words[0][0]

    @property
    def end(self) -> int:
        """Offset after the last character."""
        return self.words[-1][1]


def cut(words: Sequence[Word], text: str, limit: int = WINDOW_WORDS) -> list[Window]:
    """One line's words in windows of at most ``limit`` words."""
    out: list[Window] = []
    i = 0
    while i < len(words):
        end = min(i + limit, len(words))
        if end < len(words):
            for k in range(end - 1, i + limit // 2, -1):
                if text[words[k][0] : words[k][1]] in SENTENCE_END:
                    end = k + 1
                    break
        out.append(Window(tuple(words[i:end])))
        i = end
    return out


def text_windows(text: str, start: int = 0, end: int | None = None) -> list[Window]:
    """The tagger's windows over ``text[start:end]``: each line, cut to
    ``WINDOW_WORDS``. Offsets are into ``text``."""
    end = len(text) if end is None else end
    out: list[Window] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        words = [(m.start(), m.end()) for m in WORD.finditer(text, pos, stop)]
        if words:
            out.extend(cut(words, text))
        pos = stop + 1
    return out


def window_words(text: str, window: Window) -> list[str]:
    """The words of a window as strings."""
    return [text[s:e] for s, e in window.words]


def gold_tags(window: Window, spans: Sequence[tuple[int, int, str]]) -> list[str]:
    """BIO tags of a window's words from gold ``(start, end, kind)`` spans
    (a word is in a span when it starts inside it). A fragment boundary
    starts a new B- tag, so discontinuous spans stay apart."""
    tags = ["O"] * len(window.words)
    for s, e, kind in spans:
        if e <= window.start or s >= window.end:
            continue
        first = True
        for k, (ws, _) in enumerate(window.words):
            if s <= ws < e:
                tags[k] = ("B-" if first else "I-") + kind
                first = False
    return tags


@dataclass(frozen=True)
class TaggedSpan:
    """One span the tagger found: character offsets, kind, mean confidence."""

    start: int
    end: int
    kind: str
    score: float


def tag_spans(
    window: Window, tags: Sequence[str], scores: Sequence[float] | None = None
) -> list[TaggedSpan]:
    """Spans (character offsets) from a window's word tags. An I- tag that
    does not continue a span of its kind starts one; a B- tag always starts
    one (two contents or sources can be adjacent)."""
    out: list[TaggedSpan] = []
    first, kind = -1, ""

    def close(stop: int) -> None:
        if first >= 0:
            s, e = window.words[first][0], window.words[stop - 1][1]
            sc = scores[first:stop] if scores is not None else [1.0]
            out.append(TaggedSpan(s, e, kind, sum(sc) / len(sc)))

    for i, tag in enumerate(tags):
        prefix, _, label = tag.partition("-")
        if prefix == "I" and first >= 0 and label == kind:
            continue
        close(i)
        first, kind = (i, label) if prefix in ("B", "I") else (-1, "")
    close(len(tags))
    return out


def word_roles(dist: np.ndarray) -> np.ndarray:
    """(words, len(LABELS)) tag probabilities -> (words, 4) role
    probabilities (``ROLE_CLASSES``): B- and I- of a kind summed."""
    out = np.zeros((len(dist), len(ROLE_CLASSES)), np.float32)
    for j, role in enumerate(LABEL_ROLE):
        out[:, role] += dist[:, j]
    return out


def text_roles(text: str, tagger: Any) -> tuple[list[Word], np.ndarray]:
    """The tagger's words over ``text`` (in text order) and their role
    probabilities ((words, 4), ``ROLE_CLASSES``), from one
    ``tagger.distributions`` call over the text's windows: the one reading
    the run time's filter and the training's out-of-fold file share."""
    wins = text_windows(text)
    if not wins:
        return [], np.zeros((0, len(ROLE_CLASSES)), np.float32)
    dists = tagger.distributions([window_words(text, w) for w in wins])
    return [w for win in wins for w in win.words], word_roles(np.concatenate(dists))


def token_roles(
    token_starts: Sequence[int], words: Sequence[Word], roles: np.ndarray
) -> np.ndarray:
    """(tokens, 4) role probabilities of a parse's tokens from the tagger's
    words (in text order; ``roles`` one row per word): a token takes the
    word its first character falls in; a token in no word (white space, a
    character the word pattern skips) is O. Why: the tagger reads its own
    words, the filter the parser's tokens, and both are offsets into one
    text."""
    out = np.zeros((len(token_starts), len(ROLE_CLASSES)), np.float32)
    out[:, 0] = 1.0
    starts = [w[0] for w in words]
    for i, t in enumerate(token_starts):
        k = bisect.bisect_right(starts, t) - 1
        if k >= 0 and t < words[k][1]:
            out[i] = roles[k]
    return out
