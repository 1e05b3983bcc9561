"""Uploading files to ingest: checked on arrival, ingested in a background thread.

Each file is refused on arrival, with one line saying why, if it is larger
than ``MAX_UPLOAD_BYTES`` or its name has no extension the readers accept;
the others are saved to a private temporary folder and ingested with
``storyline.api.ingest`` (the CLI's call), then the dossier of the whole
workspace is built, validated and stored (``api.keep_dossier``), so the pages
show the new documents. One job runs at a time; pages keep reading while it
writes (WAL). A job's progress is polled at ``/api/uploads/{id}`` or shown
at ``/upload/{id}``.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from storyline.settings import Settings

#: Largest file accepted, in bytes.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
#: Most files in one upload.
MAX_FILES = 100
_CHUNK = 1 << 20
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def accepted_extensions() -> list[str]:
    """The file name endings the readers accept (``read/formats.EXTENSIONS``)."""
    from storyline.read.formats import EXTENSIONS

    return sorted(EXTENSIONS)


def safe_name(name: str | None) -> str:
    """The file's base name with anything but letters, digits, ``._-`` made ``_``."""
    base = Path((name or "").replace("\\", "/")).name
    cleaned = _SAFE_NAME.sub("_", base).lstrip(".")
    return cleaned[:120] or "upload"


def refusal(name: str | None, size: int | None = None) -> str | None:
    """Why a file is refused before it is read, or None if its name is acceptable."""
    from storyline.read.formats import by_extension

    shown = safe_name(name)
    if by_extension(shown) is None:
        kinds = ", ".join(accepted_extensions())
        return f"{shown}: file type not accepted; give one of {kinds}"
    if size is not None and size > MAX_UPLOAD_BYTES:
        return f"{shown}: too large ({size:,} bytes); the limit is {MAX_UPLOAD_BYTES:,} bytes"
    return None


def save_stream(stream: BinaryIO, target: Path) -> int | None:
    """Copy ``stream`` to ``target``; None (and no file) if it passes ``MAX_UPLOAD_BYTES``."""
    size = 0
    with target.open("wb") as out:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > MAX_UPLOAD_BYTES:
                break
            out.write(chunk)
    if size > MAX_UPLOAD_BYTES:
        target.unlink(missing_ok=True)
        return None
    return size


@dataclass
class Job:
    """One upload's ingest: its state, progress and one line per problem."""

    id: str
    files: list[str]
    state: str = "queued"  # queued, reading, analysing, fusing, done, failed
    done: int = 0
    total: int | None = None
    documents: int = 0
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Uploads:
    """The upload jobs of one app, run one at a time in background threads."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.jobs: dict[str, Job] = {}
        self._run_lock = threading.Lock()  # one ingest at a time

    def folder(self) -> Path:
        return Path(tempfile.mkdtemp(prefix="storyline-upload-"))

    def start(self, folder: Path, files: list[str], refused: list[str]) -> Job:
        """Ingest ``files`` (saved in ``folder``) in a background thread."""
        job = Job(id=uuid.uuid4().hex[:12], files=files, errors=list(refused))
        self.jobs[job.id] = job
        threading.Thread(target=self._run, args=(job, folder), daemon=True).start()
        return job

    def _run(self, job: Job, folder: Path) -> None:
        from storyline import api

        def progress(stage: str, done: int, total: int | None) -> None:
            job.state = "reading" if stage == "read" else "analysing"
            job.done, job.total = done, total

        try:
            with self._run_lock:
                result = api.ingest(
                    [str(folder / f) for f in job.files], self.settings, progress=progress
                )
                job.errors += [f"{Path(e.source).name}: {e.reason}" for e in result.errors]
                for doc, problems in result.analysis_errors.items():
                    job.errors += [f"{doc}: {p}" for p in problems]
                job.documents = len(result.doc_ids)
                job.state = "fusing"
                from storyline.report import validate_dossier

                dossier = api.build(self.settings)
                validate_dossier(dossier)
                api.keep_dossier(dossier, self.settings)
                job.state = "done"
        except Exception as exc:  # noqa: BLE001 - a failed job is reported, the app goes on
            job.state = "failed"
            job.errors.append(f"ingest failed: {exc}")
        finally:
            shutil.rmtree(folder, ignore_errors=True)
