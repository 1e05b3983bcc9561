"""Upload to a fresh workspace: the file is ingested in the background, its
progress can be polled, and the pages then show it; reads go on meanwhile."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient

from storyline.web import create_app

TEXT = (
    "Ferry service resumes at Lake Ostra\n\n"
    "LAKE OSTRA, June 2, 2024 - Ferries resumed on Lake Ostra on Sunday, the harbor "
    'master Piet Lanning said. "The water is calm again," Lanning said.\n'
)


def test_upload_ingests_in_the_background(tmp_path: Path) -> None:
    ws = tmp_path / "ws.db"
    with TestClient(create_app(ws)) as c:
        assert c.get("/api/documents").json()["total"] == 0
        assert "no stored dossier yet" in c.get("/").text
        r = c.post(
            "/api/uploads",
            files=[
                ("files", ("ferry.txt", TEXT.encode(), "text/plain")),
                ("files", ("notes.docx", b"PK", "application/octet-stream")),
            ],
        )
        assert r.status_code == 202
        body = r.json()
        assert body["refused"] == [body["job"]["errors"][0]]
        assert body["refused"][0].startswith("notes.docx: file type not accepted")
        job_id = body["job"]["id"]
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            job = c.get(f"/api/uploads/{job_id}").json()
            assert c.get("/").status_code == 200  # pages answer while the ingest runs
            if job["state"] in ("done", "failed"):
                break
            time.sleep(0.5)
        assert job["state"] == "done", job
        assert job["documents"] == 1
        assert c.get("/api/documents").json()["total"] == 1
        assert "Ferry service resumes" in c.get("/").text
        page = c.get(f"/upload/{job_id}")
        assert page.status_code == 200 and "1 document ingested" in page.text
