"""Out-of-fold role probabilities of the fine-tuned attribution tagger over
PolNeAR train: the training features of an accurate filter that reads the
tagger (``train_quote_filter --tagger-roles``).

Why out of fold: the shipped tagger saw nine tenths of train, so its
probabilities on a train article are better than on any new text, and a
filter trained on them would trust them too much. Instead fold K's tagger
(``attribution_transformer --holdout-every 5 --holdout-fold K``) tags the
articles with index % 5 == K, which it never saw (the filter's own folds).
At run time the shipped tagger tags unseen text, as the fold taggers did.

``python -m tools.train.attribution_oof GOLD_DIR FOLDS_DIR OUT.npz``:
``FOLDS_DIR`` holds ``f0`` … ``f4`` (weights folders). ``OUT.npz`` holds per
article ``w_J`` (words: start, end offsets) and ``r_J`` (their role
probabilities: O, cue, source, content).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from storyline.extract.quotes.tagging import text_roles
from storyline.nlp.attribution_model import AttributionTagger
from storyline.nlp.weights import int8_wanted

FOLDS = 5


def article_roles(tagger: AttributionTagger, text: str) -> tuple[np.ndarray, np.ndarray]:
    """(words (n, 2) offsets, roles (n, 4)) of one text, as the run time reads it."""
    words, roles = text_roles(text, tagger)
    return np.array(words, np.int32).reshape(-1, 2), roles.astype(np.float16)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path, help="folder with PolNeAR train.jsonl")
    ap.add_argument("folds", type=Path, help="folder with the fold taggers f0 … f4")
    ap.add_argument("out", type=Path)
    args = ap.parse_args(argv)
    import torch

    torch.set_num_threads(1)
    lines = (args.gold / "train.jsonl").read_text(encoding="utf-8").splitlines()
    items = [json.loads(x) for x in lines if x]
    arrays: dict[str, np.ndarray] = {}
    for k in range(FOLDS):
        tagger = AttributionTagger(args.folds / f"f{k}", quantize=int8_wanted())
        t = time.time()
        for j in range(k, len(items), FOLDS):
            arrays[f"w_{j}"], arrays[f"r_{j}"] = article_roles(tagger, items[j]["text"])
        print(f"fold {k}: {len(range(k, len(items), FOLDS))} articles, {time.time() - t:.0f} s")
    np.savez_compressed(args.out, n=np.array([len(items)]), **arrays)
    return 0


if __name__ == "__main__":
    sys.exit(main())
