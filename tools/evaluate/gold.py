"""Where the gold sets are: one answer for the CLI, the tests and the training scripts.

The gold data is not in the repository (licences, size). The team keeps it
in ``../shared/eval`` beside the checkout; anyone else points at a copy with
``--gold-dir`` or ``STORYLINE_EVAL_DIR``.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "STORYLINE_EVAL_DIR"
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_GOLD_DIR = REPO_ROOT.parent / "shared" / "eval"


class GoldDataMissing(FileNotFoundError):
    """A gold folder is not there; the message says how to point at one."""


def gold_folder(task: str, gold_dir: Path | None = None) -> Path:
    """The folder of one gold set: ``gold_dir/task``, else ``$STORYLINE_EVAL_DIR/task``,
    else ``<repo>/../shared/eval/task``.

    Raises ``GoldDataMissing`` (one line naming the path and how to set it) when
    it does not exist, so callers can stop or skip without a traceback.
    """
    env = os.environ.get(ENV_VAR)
    root = gold_dir if gold_dir is not None else Path(env) if env else DEFAULT_GOLD_DIR
    folder = root / task
    if not folder.is_dir():
        raise GoldDataMissing(
            f"{folder}: gold folder not found; pass --gold-dir DIR or set {ENV_VAR}=DIR"
            f" (DIR holds one folder per task; default {DEFAULT_GOLD_DIR})"
        )
    return folder
