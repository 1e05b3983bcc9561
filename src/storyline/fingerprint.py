"""A fingerprint of the code that makes an analysis, for the pipeline version.

Extractors carry hand-bumped versions, but a rule table or a correction
step changed without a bump left stored analyses looking current: a user
who upgraded kept analyses the new code would not make. Hashing the files
of the per-document stages makes any such change redo the analyses on the
next ingest, bump or no bump.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

#: What an analysis is made by: the per-document stages and the shared records
#: (paths relative to the ``storyline`` package). ``read`` is not here: it
#: makes the stored document, which is keyed by its own content hash.
ANALYSIS_CODE = (
    "clean",
    "nlp",
    "despin",
    "extract",
    "model",
    "pipeline.py",
    "settings.py",
    "trees.py",
)

#: Folders never hashed: bytecode, and the weights of opt-in profiles, which
#: are built on the user's machine (the profile is part of the pipeline
#: version through the extractor options instead; hashing them would make
#: building them redo every default-profile analysis).
UNHASHED = frozenset({"__pycache__", "ner_accurate", "attribution_accurate"})


def files(root: Path) -> list[Path]:
    """The hashed files under ``root``, in a stable order."""
    out: list[Path] = []
    for name in ANALYSIS_CODE:
        path = root / name
        if path.is_file():
            out.append(path)
            continue
        for f in sorted(path.rglob("*")):
            rel = f.relative_to(root).parts
            if f.is_file() and not UNHASHED.intersection(rel) and f.suffix != ".pyc":
                out.append(f)
    return out


@cache
def code_fingerprint(root: Path | None = None) -> str:
    """8 hex digits over the names and bytes of the analysis code (once per process)."""
    base = root or Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for f in files(base):
        digest.update(str(f.relative_to(base)).encode())
        digest.update(b"\0")
        digest.update(f.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:8]
