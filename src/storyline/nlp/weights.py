"""Where the accurate profile's fine-tuned taggers keep their weights, and how
a tagger is loaded from them.

Both taggers (NER, ``ner_accurate_model``; attribution, ``attribution_model``)
are built by ``make accurate-model`` into a folder beside their module (not
committed), which an environment variable can replace. One definition of that
rule, of the missing-weights error (it says how to build them) and of the
loading (fp32 weights, int8 linear layers on CPU), so the two cannot drift.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: The weights file in a tagger's folder (fp16 safetensors).
WEIGHTS_FILE = "model.safetensors"


class WeightsMissing(RuntimeError):
    """The accurate profile was asked for but a tagger's weights are not built."""


@dataclass(frozen=True)
class WeightsFolder:
    """A tagger's weights folder: ``default`` unless the variable ``env`` names
    another; ``what`` names the weights in the missing-weights message."""

    env: str
    default: Path
    what: str
    error: type[WeightsMissing] = WeightsMissing

    def folder(self) -> Path:
        """The folder the tagger loads its weights from."""
        named = os.environ.get(self.env)
        return Path(named) if named else self.default

    def has_weights(self, folder: Path | None = None) -> bool:
        """Whether the weights are built in ``folder`` (default ``folder()``)."""
        return ((folder or self.folder()) / WEIGHTS_FILE).is_file()

    def check(self, folder: Path | None = None) -> Path:
        """``folder`` (default ``folder()``) if it holds the weights, else a
        one-line ``error`` saying how to build them."""
        folder = folder or self.folder()
        if not self.has_weights(folder):
            raise self.error(
                f"the accurate profile's {self.what} are not in {folder}; build them with "
                f"`make accurate-model` (or set {self.env} to their folder)"
            )
        return folder


def offline() -> None:
    """No hub look-ups, ever (the weights are local)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def int8_wanted() -> bool:
    """Int8 linear layers unless ``STORYLINE_ACCURATE_INT8=0`` (fp32: slower,
    for measuring what the quantisation costs)."""
    return os.environ.get("STORYLINE_ACCURATE_INT8", "1") != "0"


def load_tagger_parts(
    folder: Path, build: Callable[[Any], Any], quantize: bool, threads: int | None = None
) -> tuple[Any, Any, Any]:
    """``(torch, tokenizer, module)`` for the weights in ``folder``: ``build``
    makes the module from the folder's ``config.json``, the weights are read
    as fp32, and with ``quantize`` its linear layers run in int8 (faster on
    CPU). ``threads``: torch threads (default ``STORYLINE_TORCH_THREADS`` or 1)."""
    offline()
    import torch
    from safetensors.torch import load_file
    from transformers import AutoTokenizer, BertConfig

    set_threads(torch, threads)
    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    module = build(BertConfig.from_json_file(str(folder / "config.json")))
    module.load_state_dict({k: v.float() for k, v in load_file(str(folder / WEIGHTS_FILE)).items()})
    module.eval()
    return torch, tokenizer, int8_linear(torch, module) if quantize else module


def set_threads(torch: Any, threads: int | None = None) -> None:
    """torch's threads: ``threads``, else ``STORYLINE_TORCH_THREADS``, else 1
    (the pipeline's own processes are the unit of parallelism)."""
    torch.set_num_threads(threads or int(os.environ.get("STORYLINE_TORCH_THREADS", "1")))


def int8_linear(torch: Any, module: Any) -> Any:
    """``module`` with its linear layers in int8 (dynamic quantisation: faster on CPU)."""
    with warnings.catch_warnings():  # torch 2.13 warns that the API will move to torchao
        warnings.simplefilter("ignore")
        return torch.ao.quantization.quantize_dynamic(module, {torch.nn.Linear}, dtype=torch.qint8)
