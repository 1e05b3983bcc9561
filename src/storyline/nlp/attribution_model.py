"""The accurate profile's attribution tagger: MiniLM-L6 with a casing
embedding and a linear layer over BIO tags for SOURCE / CUE / CONTENT.

Weights are built by ``tools/train/attribution_transformer.py`` (``make
accurate-model``) into ``attribution_accurate/`` beside this module (not
committed); ``STORYLINE_ATTRIBUTION_MODEL`` names another folder. torch and
transformers are imported only when the profile is used.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from storyline.extract.quotes.tagging import LABELS
from storyline.nlp.ner_accurate import first_pieces, piece_cases
from storyline.nlp.ner_accurate_model import WEIGHTS_FILE, build_tagger_module, offline

DEFAULT_FOLDER = Path(__file__).parent / "attribution_accurate"
# Windows per forward pass (sorted by length, so padding stays small).
BATCH_WINDOWS = 16


class AttributionWeightsMissing(RuntimeError):
    """The accurate profile's attribution weights are not built."""


def attribution_folder() -> Path:
    """The folder the attribution tagger loads its weights from."""
    env = os.environ.get("STORYLINE_ATTRIBUTION_MODEL")
    return Path(env) if env else DEFAULT_FOLDER


def has_weights(folder: Path | None = None) -> bool:
    """Whether the tagger's weights are built."""
    return ((folder or attribution_folder()) / WEIGHTS_FILE).is_file()


def build_module(config: Any, n_labels: int = len(LABELS)) -> Any:
    """MiniLM plus a casing embedding on its input (the base is uncased)
    and a linear layer over ``n_labels`` BIO tags: the NER tagger's module
    with the attribution tags."""
    return build_tagger_module(config, n_labels)


def encode(tokenizer: Any, torch: Any, batch: Sequence[Sequence[str]]) -> tuple[dict, list]:
    """Tensors (ids, mask, cases) for word lists, and each word's pieces."""
    enc = tokenizer(
        [list(words) for words in batch],
        is_split_into_words=True,
        padding=True,
        truncation=True,
        max_length=384,
        return_tensors="pt",
    )
    word_ids = [enc.word_ids(r) for r in range(len(batch))]
    tensors = {
        "ids": enc["input_ids"],
        "mask": enc["attention_mask"],
        "cases": torch.tensor(
            [piece_cases(w, words) for w, words in zip(word_ids, batch, strict=True)],
            dtype=torch.long,
        ),
    }
    return tensors, word_ids


class AttributionTagger:
    """Loaded weights + tokenizer; tags word lists with BIO tags and the
    probability of each chosen tag."""

    def __init__(self, folder: Path, quantize: bool = True) -> None:
        offline()
        import torch
        from safetensors.torch import load_file
        from transformers import AutoTokenizer, BertConfig

        torch.set_num_threads(int(os.environ.get("STORYLINE_TORCH_THREADS", "1")))
        self.torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(str(folder))
        module = build_module(BertConfig.from_json_file(str(folder / "config.json")))
        module.load_state_dict(
            {k: v.float() for k, v in load_file(str(folder / WEIGHTS_FILE)).items()}
        )
        module.eval()
        if quantize:  # int8 linear layers: faster on CPU
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                module = torch.ao.quantization.quantize_dynamic(
                    module, {torch.nn.Linear}, dtype=torch.qint8
                )
        self.module = module

    def tag(self, windows: Sequence[Sequence[str]]) -> list[tuple[list[str], list[float]]]:
        """Tags and their probabilities for each word of each window."""
        order = sorted(range(len(windows)), key=lambda i: len(windows[i]))
        out: list[tuple[list[str], list[float]]] = [([], []) for _ in windows]
        with self.torch.inference_mode():
            for b in range(0, len(order), BATCH_WINDOWS):
                rows = order[b : b + BATCH_WINDOWS]
                batch = [windows[i] for i in rows]
                tensors, word_ids = encode(self.tokenizer, self.torch, batch)
                probs = self.module(**tensors).softmax(-1)
                best_p, best = probs.max(-1)
                best, best_p = best.tolist(), best_p.tolist()
                for i, wids, row, row_p in zip(rows, word_ids, best, best_p, strict=True):
                    firsts = first_pieces(wids, len(windows[i]))
                    out[i] = (
                        [LABELS[row[p]] if p >= 0 else "O" for p in firsts],
                        [row_p[p] if p >= 0 else 1.0 for p in firsts],
                    )
        return out


@lru_cache(maxsize=2)
def load_attribution_tagger(folder: str) -> AttributionTagger:
    """One tagger per process and folder (int8 unless
    ``STORYLINE_ACCURATE_INT8=0``)."""
    path = Path(folder)
    if not has_weights(path):
        raise AttributionWeightsMissing(
            f"the accurate profile's attribution weights are not in {path}; build them "
            "with `make accurate-model` (or set STORYLINE_ATTRIBUTION_MODEL)"
        )
    return AttributionTagger(path, quantize=os.environ.get("STORYLINE_ACCURATE_INT8", "1") != "0")
