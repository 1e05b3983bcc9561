"""The accurate profile's attribution tagger: MiniLM-L6 with a casing
embedding and a linear layer over BIO tags for SOURCE / CUE / CONTENT.

Weights are built by ``tools/train/attribution_transformer.py`` (``make
accurate-model``) into ``attribution_accurate/`` beside this module (not
committed); ``STORYLINE_ATTRIBUTION_MODEL`` names another folder. torch and
transformers are imported only when the profile is used.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from storyline.extract.quotes.tagging import LABELS
from storyline.nlp.ner_accurate import first_pieces
from storyline.nlp.ner_accurate_model import build_tagger_module, encode_words
from storyline.nlp.weights import WeightsFolder, WeightsMissing, int8_wanted, load_tagger_parts

DEFAULT_FOLDER = Path(__file__).parent / "attribution_accurate"
# Windows per forward pass (sorted by length, so padding stays small).
BATCH_WINDOWS = 16
# Word pieces per window at most (a window is at most 110 words).
MAX_PIECES = 384


class AttributionWeightsMissing(WeightsMissing):
    """The accurate profile's attribution weights are not built."""


ATTRIBUTION_FOLDER = WeightsFolder(
    "STORYLINE_ATTRIBUTION_MODEL", DEFAULT_FOLDER, "attribution weights", AttributionWeightsMissing
)
#: The folder the attribution tagger loads its weights from.
attribution_folder = ATTRIBUTION_FOLDER.folder
#: Whether the tagger's weights are built (in the folder given, or the default).
has_weights = ATTRIBUTION_FOLDER.has_weights


def build_module(config: Any, n_labels: int = len(LABELS)) -> Any:
    """MiniLM plus a casing embedding on its input (the base is uncased)
    and a linear layer over ``n_labels`` BIO tags: the NER tagger's module
    with the attribution tags."""
    return build_tagger_module(config, n_labels)


def encode(tokenizer: Any, torch: Any, batch: Sequence[Sequence[str]]) -> tuple[dict, list]:
    """Tensors (ids, mask, cases) for word lists, and each word's pieces."""
    return encode_words(tokenizer, torch, batch, MAX_PIECES)


class AttributionTagger:
    """Loaded weights + tokenizer; tags word lists with BIO tags and the
    probability of each chosen tag."""

    def __init__(self, folder: Path, quantize: bool = True) -> None:
        self.torch, self.tokenizer, self.module = load_tagger_parts(folder, build_module, quantize)
        self._last: tuple[tuple, list[Any]] | None = None

    def distributions(self, windows: Sequence[Sequence[str]]) -> list[Any]:
        """Each word's probabilities over ``LABELS`` ((words, len(LABELS))
        numpy arrays, one per window; a word with no piece is O). The last
        call is kept: the accurate filter reads these probabilities and the
        combination step the tags of the same windows, one forward pass."""
        key = tuple(tuple(w) for w in windows)
        last = self._last  # read once: another thread may replace it
        if last is not None and last[0] == key:
            return last[1]
        import numpy as np

        order = sorted(range(len(windows)), key=lambda i: len(windows[i]))
        out: list[Any] = [np.zeros((0, len(LABELS)), np.float32) for _ in windows]
        with self.torch.inference_mode():
            for b in range(0, len(order), BATCH_WINDOWS):
                rows = order[b : b + BATCH_WINDOWS]
                batch = [windows[i] for i in rows]
                tensors, word_ids = encode(self.tokenizer, self.torch, batch)
                probs = self.module(**tensors).float().softmax(-1).numpy()
                for i, wids, row in zip(rows, word_ids, probs, strict=True):
                    firsts = np.array(first_pieces(wids, len(windows[i])), np.intp)
                    dist = np.zeros((len(firsts), len(LABELS)), np.float32)
                    dist[:, 0] = 1.0
                    has = firsts >= 0
                    dist[has] = row[firsts[has]]
                    out[i] = dist
        self._last = (key, out)
        return out

    def tag(self, windows: Sequence[Sequence[str]]) -> list[tuple[list[str], list[float]]]:
        """Tags and their probabilities for each word of each window."""
        out: list[tuple[list[str], list[float]]] = []
        for dist in self.distributions(windows):
            best = dist.argmax(1)
            out.append(([LABELS[j] for j in best], [float(dist[k, j]) for k, j in enumerate(best)]))
        return out


@lru_cache(maxsize=2)
def load_attribution_tagger(folder: str) -> AttributionTagger:
    """One tagger per process and folder (int8 unless
    ``STORYLINE_ACCURATE_INT8=0``)."""
    return AttributionTagger(ATTRIBUTION_FOLDER.check(Path(folder)), quantize=int8_wanted())
